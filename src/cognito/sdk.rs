//! The SDK's types read into the domain types: users, pages of users, attributes, dates and
//! the pool's password policy.

use aws_sdk_cognitoidentityprovider::primitives::DateTime as SdkDateTime;
use aws_sdk_cognitoidentityprovider::types::{AttributeType, UserPoolType, UserType};
use chrono::{DateTime, Utc};

use super::model::{Attribute, DEFAULT_TEMPORARY_PASSWORD_DAYS, User, UserStatus, UsersPage};
use crate::password::PasswordPolicy;

/// The pool's password policy and how long its temporary passwords last, in days.
pub(super) fn password_policy(pool: &UserPoolType) -> (PasswordPolicy, i64) {
    let policy = pool.policies().and_then(|p| p.password_policy());
    let days = policy.map_or(DEFAULT_TEMPORARY_PASSWORD_DAYS, |p| {
        i64::from(p.temporary_password_validity_days())
    });
    let rules = policy.map_or_else(PasswordPolicy::default, |p| PasswordPolicy {
        min_length: usize::try_from(p.minimum_length().unwrap_or(8)).unwrap_or(8),
        require_uppercase: p.require_uppercase(),
        require_lowercase: p.require_lowercase(),
        require_numbers: p.require_numbers(),
        require_symbols: p.require_symbols(),
    });
    (rules, days)
}

/// A page of users as ListUsers or ListUsersInGroup return them, with the token for the next
/// page when there is one.
pub(super) fn users_page(users: &[UserType], token: Option<&str>) -> UsersPage {
    UsersPage {
        users: users.iter().map(user_from_sdk).collect(),
        next_token: token.filter(|t| !t.is_empty()).map(ToOwned::to_owned),
    }
}

pub(super) fn user_from_sdk(u: &UserType) -> User {
    User {
        username: u.username().unwrap_or_default().to_owned(),
        attributes: attributes(u.attributes()),
        status: status(
            u.user_status()
                .map(aws_sdk_cognitoidentityprovider::types::UserStatusType::as_str),
        ),
        enabled: u.enabled(),
        created: u.user_create_date().and_then(to_chrono),
        modified: u.user_last_modified_date().and_then(to_chrono),
    }
}

pub(super) fn attributes(list: &[AttributeType]) -> Vec<Attribute> {
    list.iter()
        .map(|a| Attribute {
            name: a.name().to_owned(),
            value: a.value().unwrap_or_default().to_owned(),
        })
        .collect()
}

pub(super) fn status(s: Option<&str>) -> UserStatus {
    UserStatus::from_api(s.unwrap_or("UNKNOWN"))
}

pub(super) fn to_chrono(t: &SdkDateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}
