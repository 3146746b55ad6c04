//! The lines of a backup file.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::cognito::client_settings::ClientSettings;
use crate::cognito::groups::Group;
use crate::cognito::model::{Attribute, PoolInfo, SchemaAttribute, User, UserStatus};
use crate::password::PasswordPolicy;

/// One line of a backup file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    /// The first line: what the file is and of which pool.
    Header {
        format: String,
        version: u32,
        pool_id: String,
        pool_name: String,
        started: DateTime<Utc>,
        /// The `sub` prefixes the users are read by, one shard each.
        shards: Vec<String>,
        /// Whether each user's MFA settings are read too (a read a user).
        #[serde(default)]
        mfa: bool,
    },
    /// The pool's settings (DescribeUserPool).
    Pool(PoolDescription),
    /// An app client's settings (never its secret).
    Client(ClientSettings),
    Group {
        name: String,
        description: Option<String>,
        precedence: Option<i32>,
        role_arn: Option<String>,
    },
    User(BackedUpUser),
    /// Every user of the shard whose `sub` starts with `prefix` is above.
    ShardDone {
        prefix: String,
        users: usize,
    },
    /// `username` is a member of `group`.
    Member {
        group: String,
        username: String,
    },
    /// Every member of `group` is above.
    GroupDone {
        group: String,
        members: usize,
    },
    /// The last line: the file is whole.
    End {
        users: usize,
        groups: usize,
        members: usize,
    },
}

/// The pool's settings a restore and a reader need: its schema, policies, MFA and sign-in
/// settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolDescription {
    pub schema: Vec<SchemaAttribute>,
    pub password_policy: PasswordPolicy,
    pub temporary_password_validity_days: i64,
    /// `OFF`, `ON` or `OPTIONAL`.
    pub mfa_configuration: String,
    /// What users sign in with instead of a username (UsernameAttributes).
    pub sign_in_with: Vec<String>,
    /// What users may sign in with besides their username (AliasAttributes).
    pub aliases: Vec<String>,
    pub usernames_case_sensitive: bool,
    /// Attributes Cognito verifies by sending a code (AutoVerifiedAttributes).
    pub auto_verified: Vec<String>,
}

impl PoolDescription {
    pub fn of(pool: &PoolInfo) -> Self {
        Self {
            schema: pool.schema.clone(),
            password_policy: pool.password_policy,
            temporary_password_validity_days: pool.temporary_password_validity_days,
            mfa_configuration: pool.mfa_configuration.clone(),
            sign_in_with: pool.facts.sign_in_with.clone(),
            aliases: pool.facts.aliases.clone(),
            usernames_case_sensitive: pool.usernames_case_sensitive,
            auto_verified: pool.facts.auto_verified.clone(),
        }
    }
}

/// A group's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupFacts {
    pub description: Option<String>,
    pub precedence: Option<i32>,
    pub role_arn: Option<String>,
}

/// A user as the backup keeps them: every attribute (`sub` among them), by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackedUpUser {
    pub username: String,
    /// Cognito's status name (`CONFIRMED`, `FORCE_CHANGE_PASSWORD`, …).
    pub status: String,
    pub enabled: bool,
    pub attributes: BTreeMap<String, String>,
    pub created: Option<DateTime<Utc>>,
    pub modified: Option<DateTime<Utc>>,
    /// Their MFA settings, in a backup that read them (`--mfa`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa: Option<UserMfa>,
}

/// A user's MFA settings (AdminGetUser): the methods enabled and the preferred one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserMfa {
    pub enabled: Vec<String>,
    pub preferred: Option<String>,
}

impl BackedUpUser {
    pub fn of(user: &User) -> Self {
        Self {
            username: user.username.clone(),
            status: user.status.as_api().to_owned(),
            enabled: user.enabled,
            attributes: user
                .attributes
                .iter()
                .map(|a| (a.name.clone(), a.value.clone()))
                .collect(),
            created: user.created,
            modified: user.modified,
            mfa: None,
        }
    }

    /// The user as the rest of cognitui holds one.
    pub fn user(&self) -> User {
        User {
            username: self.username.clone(),
            attributes: self
                .attributes
                .iter()
                .map(|(name, value)| Attribute {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
            status: UserStatus::from_api(&self.status),
            enabled: self.enabled,
            created: self.created,
            modified: self.modified,
        }
    }

    /// A user for tests: enabled, with these attributes and no dates.
    #[cfg(test)]
    pub fn sample(name: &str, status: &str, attributes: &[(&str, &str)]) -> Self {
        Self {
            username: name.into(),
            status: status.into(),
            enabled: true,
            attributes: attributes
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            created: None,
            modified: None,
            mfa: None,
        }
    }

    /// The user's `sub`, when they have one.
    pub fn sub(&self) -> Option<&str> {
        self.attributes.get("sub").map(String::as_str)
    }
}

impl Record {
    /// The record of `group`.
    pub fn group(group: &Group) -> Self {
        Self::Group {
            name: group.name.clone(),
            description: group.description.clone(),
            precedence: group.precedence,
            role_arn: group.role_arn.clone(),
        }
    }

    /// A group's name and settings, for a group line.
    pub fn into_group(self) -> Option<(String, GroupFacts)> {
        match self {
            Self::Group {
                name,
                description,
                precedence,
                role_arn,
            } => Some((
                name,
                GroupFacts {
                    description,
                    precedence,
                    role_arn,
                },
            )),
            _ => None,
        }
    }

    /// The record as one line, without its line break.
    ///
    /// # Panics
    /// Never: every field is a string, a number, a flag or a date.
    pub fn line(&self) -> String {
        serde_json::to_string(self).expect("a record always serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_line_reads_back_as_the_same_user() {
        let user = User {
            username: "ann".into(),
            attributes: vec![
                Attribute {
                    name: "sub".into(),
                    value: "0a1b".into(),
                },
                Attribute {
                    name: "custom:tier".into(),
                    value: "gold".into(),
                },
            ],
            status: UserStatus::Confirmed,
            enabled: false,
            created: DateTime::from_timestamp(1_700_000_000, 0),
            modified: None,
        };
        let line = Record::User(BackedUpUser::of(&user)).line();
        assert_eq!(
            line,
            r#"{"type":"user","username":"ann","status":"CONFIRMED","enabled":false,"attributes":{"custom:tier":"gold","sub":"0a1b"},"created":"2023-11-14T22:13:20Z","modified":null}"#
        );
        let Ok(Record::User(back)) = serde_json::from_str(&line) else {
            panic!("not a user line: {line}");
        };
        assert_eq!(back.sub(), Some("0a1b"));
        let mut again = back.user();
        again.attributes.reverse();
        assert_eq!(again, user);
    }

    #[test]
    fn each_kind_of_line_is_named_by_its_type() {
        let lines = [
            Record::ShardDone {
                prefix: "3".into(),
                users: 2,
            },
            Record::Member {
                group: "staff".into(),
                username: "ann".into(),
            },
            Record::End {
                users: 1,
                groups: 2,
                members: 3,
            },
        ]
        .map(|r| r.line());
        assert_eq!(
            lines,
            [
                r#"{"type":"shard_done","prefix":"3","users":2}"#,
                r#"{"type":"member","group":"staff","username":"ann"}"#,
                r#"{"type":"end","users":1,"groups":2,"members":3}"#,
            ]
        );
    }
}
