//! The pool's groups as a whole: listing them (ListGroups), their members a page at a time or
//! counted (ListUsersInGroup), and creating, editing and deleting a group (CreateGroup,
//! UpdateGroup, DeleteGroup).

use std::fmt::Write as _;

use super::Cognito;
use super::error::CognitoError;
use super::model::UsersPage;
use super::sdk::users_page;
use super::shell::quote;

type Result<T> = std::result::Result<T, CognitoError>;

/// ListUsersInGroup returns at most this many users a page.
pub const MEMBERS_PAGE: i32 = 60;
/// Pages of members a count reads at most (600 members).
pub const COUNT_PAGES: usize = 10;

/// How many members a group has, as far as it was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupSize {
    Exactly(usize),
    /// The count stopped here; there are more.
    AtLeast(usize),
}

impl std::fmt::Display for GroupSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Exactly(n) => write!(f, "{n}"),
            Self::AtLeast(n) => write!(f, "{n}+"),
        }
    }
}

/// One group of the pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub description: Option<String>,
    /// Which group's IAM role wins in the tokens when a user is in several: the lowest.
    pub precedence: Option<i32>,
    /// The IAM role its members' tokens carry.
    pub role_arn: Option<String>,
}

/// A group as a form gives it, to create or update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSpec {
    pub name: String,
    /// Empty for none.
    pub description: String,
    pub precedence: Option<i32>,
    /// The IAM role of the group's members, set when the group is created (a restore's);
    /// UpdateGroup leaves the role as it is.
    pub role_arn: Option<String>,
}

/// A change to the pool's groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupChange {
    /// CreateGroup.
    Create(GroupSpec),
    /// UpdateGroup: the description and precedence of the group named in the spec.
    Update(GroupSpec),
    /// DeleteGroup; `members` is how many users it has, when known (for the confirmation).
    Delete {
        name: String,
        members: Option<GroupSize>,
    },
}

impl GroupChange {
    /// The group the change is about.
    pub fn group(&self) -> &str {
        match self {
            Self::Create(spec) | Self::Update(spec) => &spec.name,
            Self::Delete { name, .. } => name,
        }
    }

    /// The API operation, for the audit log.
    pub fn operation(&self) -> &'static str {
        match self {
            Self::Create(_) => "CreateGroup",
            Self::Update(_) => "UpdateGroup",
            Self::Delete { .. } => "DeleteGroup",
        }
    }

    /// What the change does, in a few words.
    pub fn doing(&self) -> String {
        match self {
            Self::Create(spec) => format!("creating the group {}", spec.name),
            Self::Update(spec) => format!("updating the group {}", spec.name),
            Self::Delete { name, .. } => format!("deleting the group {name}"),
        }
    }

    /// The AWS CLI equivalent.
    pub fn cli(&self, pool_id: &str) -> String {
        let command = match self {
            Self::Create(_) => "create-group",
            Self::Update(_) => "update-group",
            Self::Delete { .. } => "delete-group",
        };
        let mut line = format!(
            "aws cognito-idp {command} --user-pool-id {} --group-name {}",
            quote(pool_id),
            quote(self.group())
        );
        if let Self::Create(spec) | Self::Update(spec) = self {
            if !spec.description.is_empty() {
                let _ = write!(line, " --description {}", quote(&spec.description));
            }
            if let Some(p) = spec.precedence {
                let _ = write!(line, " --precedence {p}");
            }
        }
        line
    }
}

impl Cognito {
    /// Every group in the pool (ListGroups, all pages).
    pub async fn list_groups(&self, pool_id: &str) -> Result<Vec<Group>> {
        let groups = self
            .client
            .list_groups()
            .user_pool_id(pool_id)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await?;
        Ok(groups
            .iter()
            .filter_map(|g| {
                Some(Group {
                    name: g.group_name()?.to_owned(),
                    description: g
                        .description()
                        .filter(|d| !d.is_empty())
                        .map(ToOwned::to_owned),
                    precedence: g.precedence(),
                    role_arn: g.role_arn().map(ToOwned::to_owned),
                })
            })
            .collect())
    }

    /// One page of a group's members (ListUsersInGroup).
    pub async fn group_members(
        &self,
        pool_id: &str,
        group: &str,
        token: Option<&str>,
    ) -> Result<UsersPage> {
        let out = self
            .client
            .list_users_in_group()
            .user_pool_id(pool_id)
            .group_name(group)
            .limit(MEMBERS_PAGE)
            .set_next_token(token.map(ToOwned::to_owned))
            .send()
            .await?;
        Ok(users_page(out.users(), out.next_token()))
    }

    /// How many members a group has (ListUsersInGroup, page after page). A large group is
    /// counted up to [`COUNT_PAGES`] pages only: the count then says "at least", and the
    /// pool's read quota is not spent on a number.
    pub async fn count_members(&self, pool_id: &str, group: &str) -> Result<GroupSize> {
        let mut count = 0;
        let mut token = None;
        for _ in 0..COUNT_PAGES {
            let page = self.group_members(pool_id, group, token.as_deref()).await?;
            count += page.users.len();
            match page.next_token {
                Some(next) => token = Some(next),
                None => return Ok(GroupSize::Exactly(count)),
            }
        }
        Ok(GroupSize::AtLeast(count))
    }

    /// Creates, updates or deletes a group; sent once, never retried (see `changes`).
    pub async fn change_group(&self, pool_id: &str, change: &GroupChange) -> Result<()> {
        let description =
            |spec: &GroupSpec| (!spec.description.is_empty()).then(|| spec.description.clone());
        match change {
            GroupChange::Create(spec) => self
                .changes
                .create_group()
                .user_pool_id(pool_id)
                .group_name(&spec.name)
                .set_description(description(spec))
                .set_precedence(spec.precedence)
                .set_role_arn(spec.role_arn.clone())
                .send()
                .await
                .map(|_| ())
                .map_err(CognitoError::from),
            GroupChange::Update(spec) => self
                .changes
                .update_group()
                .user_pool_id(pool_id)
                .group_name(&spec.name)
                .description(&spec.description)
                .set_precedence(spec.precedence)
                .send()
                .await
                .map(|_| ())
                .map_err(CognitoError::from),
            GroupChange::Delete { name, .. } => self
                .changes
                .delete_group()
                .user_pool_id(pool_id)
                .group_name(name)
                .send()
                .await
                .map(|_| ())
                .map_err(CognitoError::from),
        }
    }
}
