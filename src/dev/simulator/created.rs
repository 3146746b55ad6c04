//! The simulator's empty pool ([`super::SimConfig::empty`]): it starts with no user and no
//! group and keeps what is created in it, as Cognito does: users made by AdminCreateUser (a
//! new `sub` each, FORCE_CHANGE_PASSWORD, their attributes) or by an import job
//! ([`super::import_jobs`]: RESET_REQUIRED), groups made by CreateGroup, and the disables,
//! deletes, attribute changes and memberships made on them, so that what a restore did can be
//! read back through the same API and counted.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::pool::{Filter, mix, parse, uuid};

/// Users (or groups) a page holds at most.
const PAGE: usize = 60;
/// The first creation date, as seconds since the epoch; each new user or group a second on.
const EPOCH: u64 = 1_800_000_000;

/// A refused request: Cognito's error code and its message.
pub type Refusal = (&'static str, String);

/// What a request did.
#[derive(Debug, Default)]
pub struct Done {
    /// The answer's body.
    pub body: Value,
    /// The changes applied, and to whom (a username, or a group's name): one at most, but an
    /// import job's, one for each user it made.
    pub applied: Vec<(&'static str, String)>,
    /// The messages an AdminCreateUser sent: `EMAIL`, `SMS`.
    pub messages: Vec<&'static str>,
}

impl Done {
    pub(super) fn read(body: Value) -> Self {
        Self {
            body,
            ..Self::default()
        }
    }

    fn applied(body: Value, what: &'static str, whom: &str) -> Self {
        Self {
            body,
            applied: vec![(what, whom.to_owned())],
            messages: Vec::new(),
        }
    }
}

#[derive(Debug)]
struct User {
    sub: String,
    /// Every attribute but `sub`, in the order they were set.
    attributes: Vec<(String, String)>,
    /// FORCE_CHANGE_PASSWORD (AdminCreateUser) or RESET_REQUIRED (an import job).
    status: &'static str,
    enabled: bool,
    created: u64,
    groups: BTreeSet<String>,
}

#[derive(Debug)]
struct Group {
    description: Option<String>,
    precedence: Option<i64>,
    role_arn: Option<String>,
    created: u64,
    members: BTreeSet<String>,
}

/// A pool that starts empty and keeps what is created in it.
#[derive(Debug, Default)]
pub struct CreatedPool {
    users: BTreeMap<String, User>,
    /// Every user's `sub`, with their username.
    by_sub: BTreeMap<String, String>,
    groups: BTreeMap<String, Group>,
    /// Users and groups made so far (deleted ones included): the seed of the next `sub`.
    made: u64,
}

fn text(body: &Value, key: &str) -> Option<String> {
    body[key].as_str().map(ToOwned::to_owned)
}

pub(super) fn refused(code: &'static str, message: &str) -> Refusal {
    (code, message.to_owned())
}

fn no_user() -> Refusal {
    refused("UserNotFoundException", "User does not exist.")
}

/// Where a page starts (a `PaginationToken` or `NextToken`) and how long it is.
pub(super) fn window(body: &Value, token: &str) -> (usize, usize) {
    let from = body[token]
        .as_str()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let limit = body["Limit"]
        .as_u64()
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(PAGE)
        .clamp(1, PAGE);
    (from, limit)
}

/// The page of `items` at `from` (at most `limit`), under `key`, with the token of the next
/// page under `token`.
pub(super) fn page(items: Vec<Value>, from: usize, limit: usize, key: &str, token: &str) -> Value {
    let more = items.len() > from + limit;
    let shown: Vec<Value> = items.into_iter().skip(from).take(limit).collect();
    let mut out = json!({ key: shown });
    if more {
        out[token] = json!((from + limit).to_string());
    }
    out
}

impl CreatedPool {
    /// Users in the pool.
    pub fn users(&self) -> usize {
        self.users.len()
    }

    /// The answer to `operation` with request `body`, or Cognito's refusal.
    ///
    /// # Errors
    /// What Cognito would refuse: an existing username or group, a user or group not there,
    /// a filter or an operation the simulator does not know.
    pub fn answer(&mut self, operation: &str, body: &Value) -> Result<Done, Refusal> {
        match operation {
            "ListUsers" => self.list_users(body).map(Done::read),
            "AdminCreateUser" => self.create_user(body),
            "CreateGroup" => self.create_group(body),
            "ListGroups" => {
                let (from, limit) = window(body, "NextToken");
                let groups = self.groups.keys().map(|g| self.group(g)).collect();
                Ok(Done::read(page(groups, from, limit, "Groups", "NextToken")))
            }
            "ListUsersInGroup" => {
                let members = &self.find_group(body)?.members;
                let (from, limit) = window(body, "NextToken");
                let users = members.iter().map(|u| self.user(u, "Attributes")).collect();
                Ok(Done::read(page(users, from, limit, "Users", "NextToken")))
            }
            "AdminAddUserToGroup" | "AdminRemoveUserFromGroup" => self.membership(operation, body),
            "AdminListGroupsForUser" => {
                let username = self.find_user(body)?;
                let groups: Vec<Value> = self.users[username]
                    .groups
                    .iter()
                    .map(|g| self.group(g))
                    .collect();
                Ok(Done::read(json!({ "Groups": groups })))
            }
            "AdminGetUser" => {
                let username = self.find_user(body)?;
                Ok(Done::read(self.user(username, "UserAttributes")))
            }
            "AdminDisableUser"
            | "AdminEnableUser"
            | "AdminDeleteUser"
            | "AdminUpdateUserAttributes" => self.change_user(operation, body),
            _ => Err(refused(
                "InvalidParameterException",
                &format!("The simulator does not answer {operation}."),
            )),
        }
    }

    fn find_user(&self, body: &Value) -> Result<&str, Refusal> {
        body["Username"]
            .as_str()
            .and_then(|u| self.users.get_key_value(u))
            .map(|(name, _)| name.as_str())
            .ok_or_else(no_user)
    }

    fn find_group(&self, body: &Value) -> Result<&Group, Refusal> {
        body["GroupName"]
            .as_str()
            .and_then(|g| self.groups.get(g))
            .ok_or_else(|| refused("ResourceNotFoundException", "Group not found."))
    }

    /// A user as ListUsers (`attributes` = `Attributes`) or AdminGetUser (`UserAttributes`)
    /// returns them.
    fn user(&self, username: &str, attributes: &str) -> Value {
        let user = &self.users[username];
        let mut list = vec![json!({"Name": "sub", "Value": user.sub})];
        list.extend(
            user.attributes
                .iter()
                .map(|(n, v)| json!({"Name": n, "Value": v})),
        );
        json!({
            "Username": username,
            attributes: list,
            "UserStatus": user.status,
            "Enabled": user.enabled,
            "UserCreateDate": user.created,
            "UserLastModifiedDate": user.created,
        })
    }

    fn group(&self, name: &str) -> Value {
        let group = &self.groups[name];
        let mut out = json!({
            "GroupName": name,
            "UserPoolId": super::POOL_ID,
            "CreationDate": group.created,
            "LastModifiedDate": group.created,
        });
        if let Some(d) = &group.description {
            out["Description"] = json!(d);
        }
        if let Some(p) = group.precedence {
            out["Precedence"] = json!(p);
        }
        if let Some(r) = &group.role_arn {
            out["RoleArn"] = json!(r);
        }
        out
    }

    fn list_users(&self, body: &Value) -> Result<Value, Refusal> {
        let filter = parse(body["Filter"].as_str()).ok_or_else(|| {
            refused(
                "InvalidParameterException",
                "The simulator does not know this filter.",
            )
        })?;
        let (from, limit) = window(body, "PaginationToken");
        let matches = |found: &str, value: &str, prefix: bool| {
            if prefix {
                found.starts_with(value)
            } else {
                found == value
            }
        };
        let names: Vec<&String> = match &filter {
            Filter::All => self.users.keys().collect(),
            Filter::Sub { value, prefix } => self
                .by_sub
                .range(value.clone()..)
                .take_while(|(sub, _)| matches(sub, value, *prefix))
                .map(|(_, name)| name)
                .collect(),
            Filter::Name {
                value,
                prefix,
                email,
            } => self
                .users
                .iter()
                .filter(|(name, user)| {
                    let found = if *email {
                        user.attributes
                            .iter()
                            .find(|(n, _)| n == "email")
                            .map(|(_, v)| v.as_str())
                    } else {
                        Some(name.as_str())
                    };
                    found.is_some_and(|f| matches(f, value, *prefix))
                })
                .map(|(name, _)| name)
                .collect(),
            Filter::Status(status) => self
                .users
                .iter()
                .filter(|(_, user)| *status == user.status)
                .map(|(name, _)| name)
                .collect(),
        };
        let users = names
            .into_iter()
            .map(|n| self.user(n, "Attributes"))
            .collect();
        Ok(page(users, from, limit, "Users", "PaginationToken"))
    }

    /// AdminCreateUser: a new user with a new `sub` and the invitation `MessageAction` and
    /// `DesiredDeliveryMediums` ask for (SMS when they name none); with `MessageAction`
    /// `RESEND`, the invitation sent again to a user there.
    fn create_user(&mut self, body: &Value) -> Result<Done, Refusal> {
        let username = text(body, "Username")
            .filter(|u| !u.is_empty())
            .ok_or_else(|| refused("InvalidParameterException", "Username is required."))?;
        let action = body["MessageAction"].as_str();
        let resend = action == Some("RESEND");
        let attributes: Vec<(String, String)> = if resend {
            let user = self.users.get(&username).ok_or_else(no_user)?;
            user.attributes.clone()
        } else {
            if self.users.contains_key(&username) {
                return Err(refused(
                    "UsernameExistsException",
                    "User account already exists.",
                ));
            }
            let mut attributes: Vec<(String, String)> = Vec::new();
            for a in body["UserAttributes"].as_array().into_iter().flatten() {
                let (Some(n), Some(v)) = (a["Name"].as_str(), a["Value"].as_str()) else {
                    continue;
                };
                if n == "sub" {
                    return Err(refused(
                        "InvalidParameterException",
                        "Cannot modify the non-mutable attribute sub.",
                    ));
                }
                attributes.retain(|(m, _)| m != n);
                attributes.push((n.to_owned(), v.to_owned()));
            }
            attributes
        };
        let mut messages = Vec::new();
        if action != Some("SUPPRESS") {
            let wanted: Vec<&str> = body["DesiredDeliveryMediums"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            for medium in if wanted.is_empty() {
                vec!["SMS"]
            } else {
                wanted
            } {
                let (medium, needs) = match medium {
                    "EMAIL" => ("EMAIL", "email"),
                    _ => ("SMS", "phone_number"),
                };
                if !attributes.iter().any(|(n, _)| n == needs) {
                    return Err(refused(
                        "InvalidParameterException",
                        &format!("The invitation by {medium} needs the user's {needs}."),
                    ));
                }
                messages.push(medium);
            }
        }
        if resend {
            let body = json!({ "User": self.user(&username, "Attributes") });
            return Ok(Done {
                body,
                applied: vec![("AdminCreateUser RESEND", username)],
                messages,
            });
        }
        self.insert(&username, attributes, "FORCE_CHANGE_PASSWORD");
        Ok(Done {
            body: json!({ "User": self.user(&username, "Attributes") }),
            applied: vec![("AdminCreateUser", username)],
            messages,
        })
    }

    /// A user an import job made: RESET_REQUIRED, a new `sub`, `attributes`; `false` (nothing
    /// made) when the username is there already.
    pub fn import(&mut self, username: &str, attributes: Vec<(String, String)>) -> bool {
        if self.users.contains_key(username) {
            return false;
        }
        self.insert(username, attributes, "RESET_REQUIRED");
        true
    }

    /// A new user with a new `sub`.
    fn insert(&mut self, username: &str, attributes: Vec<(String, String)>, status: &'static str) {
        self.made += 1;
        let sub = uuid((u128::from(mix(self.made ^ 0xC0DE)) << 64) | u128::from(mix(!self.made)));
        self.by_sub.insert(sub.clone(), username.to_owned());
        self.users.insert(
            username.to_owned(),
            User {
                sub,
                attributes,
                status,
                enabled: true,
                created: EPOCH + self.made,
                groups: BTreeSet::new(),
            },
        );
    }

    /// CreateGroup: a new group, or GroupExists.
    fn create_group(&mut self, body: &Value) -> Result<Done, Refusal> {
        let name = text(body, "GroupName")
            .filter(|g| !g.is_empty())
            .ok_or_else(|| refused("InvalidParameterException", "GroupName is required."))?;
        if self.groups.contains_key(&name) {
            return Err(refused(
                "GroupExistsException",
                "A group with the name already exists.",
            ));
        }
        self.made += 1;
        self.groups.insert(
            name.clone(),
            Group {
                description: text(body, "Description"),
                precedence: body["Precedence"].as_i64(),
                role_arn: text(body, "RoleArn"),
                created: EPOCH + self.made,
                members: BTreeSet::new(),
            },
        );
        Ok(Done::applied(
            json!({ "Group": self.group(&name) }),
            "CreateGroup",
            &name,
        ))
    }

    /// AdminAddUserToGroup or AdminRemoveUserFromGroup, of a user and a group there.
    fn membership(&mut self, operation: &str, body: &Value) -> Result<Done, Refusal> {
        let username = self.find_user(body)?.to_owned();
        self.find_group(body)?;
        let name = text(body, "GroupName").unwrap_or_default();
        let (Some(user), Some(group)) = (self.users.get_mut(&username), self.groups.get_mut(&name))
        else {
            return Err(refused("ResourceNotFoundException", "Group not found."));
        };
        let what = if operation == "AdminAddUserToGroup" {
            user.groups.insert(name.clone());
            group.members.insert(username.clone());
            "AdminAddUserToGroup"
        } else {
            user.groups.remove(&name);
            group.members.remove(&username);
            "AdminRemoveUserFromGroup"
        };
        Ok(Done::applied(json!({}), what, &username))
    }

    /// A change to a user there: disabled, enabled, deleted, or attributes set.
    fn change_user(&mut self, operation: &str, body: &Value) -> Result<Done, Refusal> {
        let username = self.find_user(body)?.to_owned();
        let what = match operation {
            "AdminDisableUser" => "AdminDisableUser",
            "AdminEnableUser" => "AdminEnableUser",
            "AdminDeleteUser" => "AdminDeleteUser",
            _ => "AdminUpdateUserAttributes",
        };
        if what == "AdminDeleteUser" {
            let user = self.users.remove(&username).ok_or_else(no_user)?;
            self.by_sub.remove(&user.sub);
            for group in &user.groups {
                if let Some(g) = self.groups.get_mut(group) {
                    g.members.remove(&username);
                }
            }
            return Ok(Done::applied(json!({}), what, &username));
        }
        let user = self.users.get_mut(&username).ok_or_else(no_user)?;
        match what {
            "AdminDisableUser" => user.enabled = false,
            "AdminEnableUser" => user.enabled = true,
            _ => {
                for a in body["UserAttributes"].as_array().into_iter().flatten() {
                    if let (Some(n), Some(v)) = (a["Name"].as_str(), a["Value"].as_str()) {
                        user.attributes.retain(|(m, _)| m != n);
                        user.attributes.push((n.to_owned(), v.to_owned()));
                    }
                }
            }
        }
        Ok(Done::applied(json!({}), what, &username))
    }
}
