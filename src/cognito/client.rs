//! The Cognito client wrapper: the SDK clients, their pacing and retries, and the reads every
//! screen needs (pools, app clients, pages of users, one user).

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;

use std::sync::Arc;

use super::clock::ServerClock;
use super::endpoint::EndpointUrl;
use super::error::CognitoError;
use super::metadata::ClientMetadata;
use super::model::{ClientSummary, PoolMfa, PoolSummary, User, UserDetail, UsersPage};
use super::optional::Lacking;
use super::paced_http::{Paced, default_https_client};
use super::quota::{DEFAULT_BULK_RATE, Quotas};
use super::sdk::{attributes, status, to_chrono, users_page};

/// ListUsers returns at most this many users a page.
pub const PAGE_SIZE: i32 = 60;

type Result<T> = std::result::Result<T, CognitoError>;

/// The only type that talks to the Cognito API.
#[derive(Debug, Clone)]
pub struct Cognito {
    /// For reads: the SDK retries them as configured (standard retries back off when
    /// throttled, and an HTTP 502, 503 or 504 without an error code is sent again, each try
    /// taking its turn in its quota category's lane); the optional reads
    /// beside a user's page are sent once.
    pub(super) client: Client,
    /// For changes: never retried by the SDK. A change whose answer is lost may have been
    /// applied, and sending it again could do it twice or report a false failure
    /// (AdminCreateUser answers UsernameExists the second time); the app re-reads the user
    /// instead. Bulk steps back off on throttling themselves, which Cognito never applied.
    pub(super) changes: Client,
    clock: ServerClock,
    /// Whether requests go to an endpoint URL of their own (an emulator) rather than AWS.
    pub(super) endpoint_url: EndpointUrl,
    /// Every call's turn in its quota category's lane; shared by every clone, under both SDK
    /// clients.
    quotas: Arc<Quotas>,
    /// Each pool's MFA configuration once read: it is the same for every user opened, so it
    /// costs one GetUserPoolMfaConfig a pool and session, not one a user.
    pub(super) pool_mfa: Arc<std::sync::Mutex<std::collections::HashMap<String, PoolMfa>>>,
    /// The optional reads this endpoint answered it lacks: not sent to it again.
    pub(super) lacking: Lacking,
    /// What the calls that take ClientMetadata send to the pool's Lambda triggers (set for
    /// each request by the worker).
    pub(super) metadata: ClientMetadata,
}

impl Cognito {
    /// Wraps `client`, adding the interceptors that track the server's clock and whether an
    /// endpoint URL is configured, the retry classifier that never retries Cognito's per-user
    /// limits, and the HTTP client that holds the quotas: changes at [`DEFAULT_BULK_RATE`] a
    /// category, reads unpaced until [`Cognito::with_read_rate`].
    pub fn new(client: &Client) -> Self {
        let quotas = Arc::new(Quotas::new(0, DEFAULT_BULK_RATE));
        let http = client
            .config()
            .http_client()
            .unwrap_or_else(default_https_client);
        let paced = Paced::new(http, Arc::clone(&quotas));
        let clock = ServerClock::default();
        let endpoint_url = EndpointUrl::default();
        let client = Client::from_conf(
            client
                .config()
                .to_builder()
                .interceptor(clock.clone())
                .interceptor(endpoint_url.clone())
                .retry_classifier(super::retry::NoRetryOfUserLimits)
                .http_client(paced.clone())
                .build(),
        );
        let changes = Client::from_conf(
            client
                .config()
                .to_builder()
                .retry_config(RetryConfig::disabled())
                .http_client(paced)
                .build(),
        );
        Self {
            client,
            changes,
            clock,
            endpoint_url,
            quotas,
            pool_mfa: Arc::default(),
            lacking: Lacking::default(),
            metadata: ClientMetadata::new(),
        }
    }

    /// The same client, sending `metadata` on every call that takes ClientMetadata.
    #[must_use]
    pub fn with_client_metadata(mut self, metadata: ClientMetadata) -> Self {
        self.metadata = metadata;
        self
    }

    /// The ClientMetadata to set on a call that takes it (`None`: none is sent).
    pub(super) fn client_metadata(&self) -> Option<std::collections::HashMap<String, String>> {
        super::metadata::sdk(&self.metadata)
    }

    /// Read calls go out at most `rate` a second in each quota category (0: no cap).
    #[must_use]
    pub fn with_read_rate(self, rate: u32) -> Self {
        self.quotas.set_read_rate(rate);
        self
    }

    /// Changes (a bulk run's steps among them) go out at most `rate` a second in each quota
    /// category (0: no cap).
    #[must_use]
    pub fn with_bulk_rate(self, rate: u32) -> Self {
        self.quotas.set_change_rate(rate);
        self
    }

    /// The quota lanes every call of this client (and its clones) takes its turn in.
    pub fn quotas(&self) -> Arc<Quotas> {
        Arc::clone(&self.quotas)
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
            self.user_groups(pool_id, username)
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

    /// A user's MFA methods enabled, and the preferred one (AdminGetUser alone).
    pub async fn mfa_settings(
        &self,
        pool_id: &str,
        username: &str,
    ) -> Result<(Vec<String>, Option<String>)> {
        let out = self
            .client
            .admin_get_user()
            .user_pool_id(pool_id)
            .username(username)
            .send()
            .await?;
        Ok((
            out.user_mfa_setting_list().to_vec(),
            out.preferred_mfa_setting()
                .filter(|s| !s.is_empty())
                .map(ToOwned::to_owned),
        ))
    }

    /// A user's groups (AdminListGroupsForUser, every page).
    pub async fn user_groups(&self, pool_id: &str, username: &str) -> Result<Vec<String>> {
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
