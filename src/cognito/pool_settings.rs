//! The pool's newer settings beside the overview: the sign-in policy's first factors (from
//! DescribeUserPool), each domain with its managed-login version (DescribeUserPoolDomain), log
//! delivery (GetLogDeliveryConfiguration), risk configuration (DescribeRiskConfiguration) and
//! the identity providers (ListIdentityProviders). Each read is optional: sent once, without
//! retries, and an endpoint without the operation leaves the rest of the overview whole.

use aws_sdk_cognitoidentityprovider::types::{
    AccountTakeoverActionType, CloudWatchLogsConfigurationType, FirehoseConfigurationType,
    LogConfigurationType, RiskConfigurationType, S3ConfigurationType, UserPoolType,
};

use super::Cognito;
use super::error::CognitoError;
use super::optional::once;

type Result<T> = std::result::Result<T, CognitoError>;

/// The most identity providers one ListIdentityProviders page holds.
const PROVIDERS_PAGE: i32 = 60;

/// The pool's newer settings, each as returned (or why it could not be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSettings {
    /// SignInPolicy.AllowedFirstAuthFactors (`PASSWORD`, `EMAIL_OTP`, `SMS_OTP`,
    /// `WEB_AUTHN`); `None` when DescribeUserPool returns no sign-in policy.
    pub first_auth_factors: Option<Vec<String>>,
    /// The prefix domain and the custom domain DescribeUserPool returns (none, one or both).
    pub domains: Vec<Domain>,
    /// GetLogDeliveryConfiguration's log configurations.
    pub log_delivery: Result<Vec<LogDelivery>>,
    /// DescribeRiskConfiguration for the whole pool.
    pub risk: Result<Risk>,
    /// ListIdentityProviders' first page.
    pub identity_providers: Result<Providers>,
}

/// A domain of the pool's hosted sign-in pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Domain {
    pub name: String,
    /// A custom domain (CustomDomain) rather than a prefix on Cognito's own (Domain).
    pub custom: bool,
    /// DescribeUserPoolDomain's ManagedLoginVersion: 1 for the classic hosted UI, 2 for
    /// managed login; `Ok(None)` when not returned.
    pub managed_login_version: Result<Option<i32>>,
}

/// Where one kind of the pool's logs goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogDelivery {
    /// EventSource: `userNotification` or `userAuthEvents`.
    pub source: String,
    /// LogLevel: `ERROR` or `INFO`.
    pub level: String,
    /// The log group, bucket or stream's ARN; `None` when none is returned.
    pub destination: Option<String>,
}

/// What threat protection does about risky sign-ins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    /// CompromisedCredentialsRiskConfiguration: the action and the events it watches.
    pub compromised_credentials: Option<CompromisedCredentials>,
    /// AccountTakeoverRiskConfiguration's actions for low, medium and high risk.
    pub account_takeover: Option<Vec<TakeoverAction>>,
}

/// The compromised-credentials action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompromisedCredentials {
    /// `BLOCK` or `NO_ACTION`; `None` when not returned.
    pub action: Option<String>,
    /// `SIGN_IN`, `SIGN_UP`, `PASSWORD_CHANGE`.
    pub events: Vec<String>,
}

/// The account-takeover action for one risk level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakeoverAction {
    /// `low`, `medium` or `high`.
    pub level: &'static str,
    /// `BLOCK`, `MFA_IF_CONFIGURED`, `MFA_REQUIRED` or `NO_ACTION`.
    pub action: String,
    /// The user is told by email.
    pub notify: bool,
}

/// The pool's identity providers, from one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Providers {
    pub providers: Vec<Provider>,
    /// The page ended with a token for more.
    pub more: bool,
}

/// An identity provider by name and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    pub name: String,
    /// `SAML`, `OIDC`, `Google`, `Facebook`, `LoginWithAmazon`, `SignInWithApple`.
    pub kind: String,
}

impl Cognito {
    /// The pool's newer settings: the reads side by side, each sent once (the read rate caps
    /// them), DescribeUserPoolDomain once a domain DescribeUserPool returned.
    pub(super) async fn pool_settings(&self, pool_id: &str, pool: &UserPoolType) -> PoolSettings {
        let named: Vec<(String, bool)> = [(pool.domain(), false), (pool.custom_domain(), true)]
            .into_iter()
            .filter_map(|(d, custom)| d.filter(|d| !d.is_empty()).map(|d| (d.to_owned(), custom)))
            .collect();
        let (versions, log_delivery, risk, identity_providers) = futures::join!(
            futures::future::join_all(named.iter().map(|(d, _)| self.managed_login_version(d))),
            self.log_delivery(pool_id),
            self.risk(pool_id),
            self.identity_providers(pool_id),
        );
        PoolSettings {
            first_auth_factors: pool.policies().and_then(|p| p.sign_in_policy()).map(|s| {
                s.allowed_first_auth_factors()
                    .iter()
                    .map(|f| f.as_str().to_owned())
                    .collect()
            }),
            domains: named
                .into_iter()
                .zip(versions)
                .map(|((name, custom), managed_login_version)| Domain {
                    name,
                    custom,
                    managed_login_version,
                })
                .collect(),
            log_delivery,
            risk,
            identity_providers,
        }
    }

    /// DescribeUserPoolDomain's ManagedLoginVersion for `domain`.
    async fn managed_login_version(&self, domain: &str) -> Result<Option<i32>> {
        let read = async {
            Ok(self
                .client
                .describe_user_pool_domain()
                .domain(domain)
                .customize()
                .config_override(once())
                .send()
                .await?)
        };
        let out = self.lacking.read("DescribeUserPoolDomain", read).await?;
        Ok(out.domain_description().and_then(
            aws_sdk_cognitoidentityprovider::types::DomainDescriptionType::managed_login_version,
        ))
    }

    /// GetLogDeliveryConfiguration.
    async fn log_delivery(&self, pool_id: &str) -> Result<Vec<LogDelivery>> {
        let read = async {
            Ok(self
                .client
                .get_log_delivery_configuration()
                .user_pool_id(pool_id)
                .customize()
                .config_override(once())
                .send()
                .await?)
        };
        let out = self
            .lacking
            .read("GetLogDeliveryConfiguration", read)
            .await?;
        Ok(out
            .log_delivery_configuration()
            .map(|c| c.log_configurations().iter().map(log_delivery).collect())
            .unwrap_or_default())
    }

    /// DescribeRiskConfiguration for the pool (no app client).
    async fn risk(&self, pool_id: &str) -> Result<Risk> {
        let read = async {
            Ok(self
                .client
                .describe_risk_configuration()
                .user_pool_id(pool_id)
                .customize()
                .config_override(once())
                .send()
                .await?)
        };
        let out = self.lacking.read("DescribeRiskConfiguration", read).await?;
        Ok(out.risk_configuration().map_or(
            Risk {
                compromised_credentials: None,
                account_takeover: None,
            },
            risk,
        ))
    }

    /// ListIdentityProviders' first page.
    async fn identity_providers(&self, pool_id: &str) -> Result<Providers> {
        let read = async {
            Ok(self
                .client
                .list_identity_providers()
                .user_pool_id(pool_id)
                .max_results(PROVIDERS_PAGE)
                .customize()
                .config_override(once())
                .send()
                .await?)
        };
        let out = self.lacking.read("ListIdentityProviders", read).await?;
        Ok(Providers {
            providers: out
                .providers()
                .iter()
                .map(|p| Provider {
                    name: p.provider_name().unwrap_or_default().to_owned(),
                    kind: p
                        .provider_type()
                        .map(|t| t.as_str().to_owned())
                        .unwrap_or_default(),
                })
                .collect(),
            more: out.next_token().is_some_and(|t| !t.is_empty()),
        })
    }
}

fn log_delivery(c: &LogConfigurationType) -> LogDelivery {
    LogDelivery {
        source: c.event_source().as_str().to_owned(),
        level: c.log_level().as_str().to_owned(),
        destination: c
            .cloud_watch_logs_configuration()
            .and_then(CloudWatchLogsConfigurationType::log_group_arn)
            .or_else(|| {
                c.s3_configuration()
                    .and_then(S3ConfigurationType::bucket_arn)
            })
            .or_else(|| {
                c.firehose_configuration()
                    .and_then(FirehoseConfigurationType::stream_arn)
            })
            .map(ToOwned::to_owned),
    }
}

fn risk(r: &RiskConfigurationType) -> Risk {
    Risk {
        compromised_credentials: r.compromised_credentials_risk_configuration().map(|c| {
            CompromisedCredentials {
                action: c.actions().map(|a| a.event_action().as_str().to_owned()),
                events: c
                    .event_filter()
                    .iter()
                    .map(|e| e.as_str().to_owned())
                    .collect(),
            }
        }),
        account_takeover: r
            .account_takeover_risk_configuration()
            .and_then(|a| a.actions())
            .map(|a| {
                [
                    ("low", a.low_action()),
                    ("medium", a.medium_action()),
                    ("high", a.high_action()),
                ]
                .into_iter()
                .filter_map(|(level, action)| action.map(|action| takeover(level, action)))
                .collect()
            }),
    }
}

fn takeover(level: &'static str, action: &AccountTakeoverActionType) -> TakeoverAction {
    TakeoverAction {
        level,
        action: action.event_action().as_str().to_owned(),
        notify: action.notify(),
    }
}
