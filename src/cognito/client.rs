//! The Cognito client wrapper: SDK calls in, domain types out.

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_sdk_cognitoidentityprovider::primitives::DateTime as SdkDateTime;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeDataType, AttributeType, SchemaAttributeType, UserPoolClientType, UserPoolType,
    UserType, UsernameConfigurationType,
};
use chrono::{DateTime, Utc};

use std::sync::Arc;

use super::clock::ServerClock;
use super::error::CognitoError;
use super::model::{
    AppClient, Attribute, AttributeKind, ClientSummary, DEFAULT_TEMPORARY_PASSWORD_DAYS, PoolInfo,
    PoolSummary, SchemaAttribute, Sensitive, User, UserDetail, UserStatus, UsersPage,
};
use super::pace::{Pacer, with_backoff};
use super::read_rate::{RateLimited, ReadRate};
use crate::password::PasswordPolicy;

/// ListUsers returns at most this many users a page.
pub const PAGE_SIZE: i32 = 60;

type Result<T> = std::result::Result<T, CognitoError>;

/// The only type that talks to the Cognito API.
#[derive(Debug, Clone)]
pub struct Cognito {
    /// For reads: the SDK retries them as configured (adaptive retry backs off when throttled).
    pub(super) client: Client,
    /// For changes: never retried by the SDK. A change whose answer is lost may have been
    /// applied, and sending it again could do it twice or report a false failure
    /// (AdminCreateUser answers UsernameExists the second time); the app re-reads the user
    /// instead. Bulk steps back off on throttling themselves, which Cognito never applied.
    pub(super) changes: Client,
    clock: ServerClock,
    /// Spaces bulk requests; shared by every clone.
    pacer: Arc<Pacer>,
    /// Each pool's MFA configuration once read: it is the same for every user opened, so it
    /// costs one GetUserPoolMfaConfig a pool and session, not one a user.
    pub(super) pool_mfa:
        Arc<std::sync::Mutex<std::collections::HashMap<String, super::mfa::PoolMfa>>>,
}

/// Bulk requests a second unless configured.
pub const DEFAULT_BULK_RATE: u32 = 5;

impl Cognito {
    /// Wraps `client`, adding the interceptor that tracks the server's clock and the retry
    /// classifier that never retries Cognito's per-user limits.
    pub fn new(client: &Client) -> Self {
        let clock = ServerClock::default();
        let client = Client::from_conf(
            client
                .config()
                .to_builder()
                .interceptor(clock.clone())
                .retry_classifier(super::retry::NoRetryOfUserLimits)
                .build(),
        );
        let changes = Client::from_conf(
            client
                .config()
                .to_builder()
                .retry_config(RetryConfig::disabled())
                .build(),
        );
        Self {
            client,
            changes,
            clock,
            pacer: Arc::new(Pacer::new(DEFAULT_BULK_RATE)),
            pool_mfa: Arc::default(),
        }
    }

    /// Read calls go out at most `rate` a second, all together (0: no cap).
    #[must_use]
    pub fn with_read_rate(mut self, rate: u32) -> Self {
        if rate > 0 {
            let http = self
                .client
                .config()
                .http_client()
                .unwrap_or_else(super::read_rate::default_https_client);
            let limited = RateLimited::new(http, Arc::new(ReadRate::new(rate)));
            self.client = Client::from_conf(
                self.client
                    .config()
                    .to_builder()
                    .http_client(limited)
                    .build(),
            );
        }
        self
    }

    /// Bulk requests go out at most `rate` a second.
    #[must_use]
    pub fn with_bulk_rate(mut self, rate: u32) -> Self {
        self.pacer = Arc::new(Pacer::new(rate));
        self
    }

    /// One step of a bulk run: paced, and retried with backoff when throttled.
    pub async fn bulk_step(
        &self,
        pool_id: &str,
        username: &str,
        call: &super::admin::AdminCall,
    ) -> Result<()> {
        self.pacer.wait().await;
        with_backoff(|| self.admin(pool_id, username, call)).await
    }

    /// Seconds Cognito's clock is ahead of this computer's, from the latest response.
    pub fn clock_skew_secs(&self) -> Option<i64> {
        self.clock.skew_secs()
    }

    /// Every user pool in the region (ListUserPools, all pages).
    pub async fn list_pools(&self) -> Result<Vec<PoolSummary>> {
        let pools = self
            .client
            .list_user_pools()
            .max_results(60)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await?;
        Ok(pools
            .iter()
            .map(|p| PoolSummary {
                id: p.id().unwrap_or_default().to_owned(),
                name: p.name().unwrap_or_default().to_owned(),
            })
            .collect())
    }

    /// Every app client of a pool (ListUserPoolClients, all pages).
    pub async fn list_clients(&self, pool_id: &str) -> Result<Vec<ClientSummary>> {
        let clients = self
            .client
            .list_user_pool_clients()
            .user_pool_id(pool_id)
            .max_results(60)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await?;
        Ok(clients
            .iter()
            .map(|c| ClientSummary {
                id: c.client_id().unwrap_or_default().to_owned(),
                name: c.client_name().unwrap_or_default().to_owned(),
            })
            .collect())
    }

    /// DescribeUserPool, plus DescribeUserPoolClient for the chosen client so that its secret is
    /// known; a secret given in the configuration wins over the one Cognito returns.
    pub async fn open_pool(
        &self,
        pool_id: &str,
        client_id: Option<&str>,
        configured_secret: Option<Sensitive>,
    ) -> Result<PoolInfo> {
        let out = self
            .client
            .describe_user_pool()
            .user_pool_id(pool_id)
            .send()
            .await?;
        let pool = out.user_pool().ok_or(CognitoError::ResourceNotFound)?;
        let (password_policy, temporary_password_validity_days) = password_policy(pool);
        let schema = pool
            .schema_attributes()
            .iter()
            .map(schema_attribute)
            .collect();
        let described = match client_id {
            Some(id) => Some(self.describe_client(pool_id, id).await?),
            None => None,
        };
        let client = described
            .as_ref()
            .zip(client_id)
            .map(|(d, id)| app_client(d, id, configured_secret));
        Ok(PoolInfo {
            id: pool_id.to_owned(),
            name: pool.name().unwrap_or(pool_id).to_owned(),
            temporary_password_validity_days,
            password_policy,
            mfa_configuration: pool
                .mfa_configuration()
                .map_or("OFF", |m| m.as_str())
                .to_owned(),
            schema,
            client,
            usernames_case_sensitive: pool
                .username_configuration()
                .is_none_or(UsernameConfigurationType::case_sensitive),
            estimated_users: u32::try_from(pool.estimated_number_of_users()).ok(),
            facts: super::overview::facts(pool, described.as_ref()),
        })
    }

    /// One page of ListUsers.
    pub async fn list_users(
        &self,
        pool_id: &str,
        filter: Option<&str>,
        token: Option<&str>,
    ) -> Result<UsersPage> {
        let out = self
            .client
            .list_users()
            .user_pool_id(pool_id)
            .limit(PAGE_SIZE)
            .set_filter(filter.map(ToOwned::to_owned))
            .set_pagination_token(token.map(ToOwned::to_owned))
            .send()
            .await?;
        Ok(users_page(out.users(), out.pagination_token()))
    }

    /// AdminGetUser and AdminListGroupsForUser, sent together: opening a user costs one round
    /// trip, not two.
    pub async fn get_user(&self, pool_id: &str, username: &str) -> Result<UserDetail> {
        let (out, groups) = futures::try_join!(
            async {
                Ok(self
                    .client
                    .admin_get_user()
                    .user_pool_id(pool_id)
                    .username(username)
                    .send()
                    .await?)
            },
            self.groups_for_user(pool_id, username)
        )?;
        let user = User {
            username: out.username().to_owned(),
            attributes: attributes(out.user_attributes()),
            status: status(
                out.user_status()
                    .map(aws_sdk_cognitoidentityprovider::types::UserStatusType::as_str),
            ),
            enabled: out.enabled(),
            created: out.user_create_date().and_then(to_chrono),
            modified: out.user_last_modified_date().and_then(to_chrono),
        };
        Ok(UserDetail {
            groups,
            preferred_mfa: out
                .preferred_mfa_setting()
                .filter(|s| !s.is_empty())
                .map(ToOwned::to_owned),
            mfa_enabled: out.user_mfa_setting_list().to_vec(),
            user,
        })
    }

    /// A user's groups for an export: paced like bulk work.
    pub async fn user_groups(&self, pool_id: &str, username: &str) -> Result<Vec<String>> {
        self.pacer.wait().await;
        self.groups_for_user(pool_id, username).await
    }

    async fn groups_for_user(&self, pool_id: &str, username: &str) -> Result<Vec<String>> {
        let groups = self
            .client
            .admin_list_groups_for_user()
            .user_pool_id(pool_id)
            .username(username)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await?;
        Ok(groups
            .iter()
            .filter_map(|g| g.group_name().map(ToOwned::to_owned))
            .collect())
    }
}

/// The app client as the session uses it, from DescribeUserPoolClient; a secret given in the
/// configuration wins over the one Cognito returns.
fn app_client(
    described: &UserPoolClientType,
    client_id: &str,
    configured_secret: Option<Sensitive>,
) -> AppClient {
    let secret = configured_secret.or_else(|| {
        described
            .client_secret()
            .map(|s| Sensitive::new(s.to_owned()))
    });
    let explicit: Vec<&str> = described
        .explicit_auth_flows()
        .iter()
        .map(aws_sdk_cognitoidentityprovider::types::ExplicitAuthFlowsType::as_str)
        .collect();
    AppClient {
        id: client_id.to_owned(),
        name: described.client_name().unwrap_or_default().to_owned(),
        secret,
        auth_flows: super::auth::AuthFlow::allowed(&explicit),
    }
}

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

fn schema_attribute(a: &SchemaAttributeType) -> SchemaAttribute {
    let kind = match a.attribute_data_type() {
        Some(AttributeDataType::Number) => AttributeKind::Number,
        Some(AttributeDataType::Datetime) => AttributeKind::DateTime,
        Some(AttributeDataType::Boolean) => AttributeKind::Boolean,
        _ => AttributeKind::String,
    };
    let strings = a.string_attribute_constraints();
    let numbers = a.number_attribute_constraints();
    SchemaAttribute {
        name: a.name().unwrap_or_default().to_owned(),
        kind,
        required: a.required().unwrap_or(false),
        mutable: a.mutable().unwrap_or(true),
        min_length: strings
            .and_then(|c| c.min_length())
            .and_then(|v| v.parse().ok()),
        max_length: strings
            .and_then(|c| c.max_length())
            .and_then(|v| v.parse().ok()),
        min_value: numbers
            .and_then(|c| c.min_value())
            .and_then(|v| v.parse().ok()),
        max_value: numbers
            .and_then(|c| c.max_value())
            .and_then(|v| v.parse().ok()),
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

fn status(s: Option<&str>) -> UserStatus {
    UserStatus::from_api(s.unwrap_or("UNKNOWN"))
}

pub(super) fn to_chrono(t: &SdkDateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}
