//! The pool as a whole: opening it (DescribeUserPool, and DescribeUserPoolClient for the chosen
//! app client), and its overview screen: one DescribeUserPool, each app client
//! (ListUserPoolClients, then DescribeUserPoolClient each) and the newer settings (see
//! `pool_settings`). A value the endpoint does not return is `None`, never a default. Also the
//! few facts about delivery and triggers the pool-level diagnosis uses, read once when the
//! pool opens.

use std::fmt;

use aws_sdk_cognitoidentityprovider::types::{
    AdminCreateUserConfigType, AliasAttributeType, AttributeDataType,
    CustomEmailLambdaVersionConfigType, CustomSmsLambdaVersionConfigType, EmailSendingAccountType,
    FeatureType, LambdaConfigType, PreTokenGenerationVersionConfigType,
    PreventUserExistenceErrorTypes, SchemaAttributeType, TimeUnitsType, UserPoolClientType,
    UserPoolType, UsernameAttributeType, UsernameConfigurationType,
};

use super::Cognito;
use super::error::CognitoError;
use super::flows::AuthFlow;
use super::model::{AppClient, AttributeKind, PoolFacts, PoolInfo, PoolMfa, SchemaAttribute};
use super::pool_settings::PoolSettings;
use super::sdk::password_policy;
use super::sensitive::Sensitive;
use crate::password::PasswordPolicy;

type Result<T> = std::result::Result<T, CognitoError>;

/// Everything the overview shows about a pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolOverview {
    pub name: String,
    pub id: String,
    /// The feature plan (UserPoolTier): `LITE`, `ESSENTIALS` or `PLUS`, when Cognito says.
    pub tier: Option<String>,
    /// DeletionProtection is `ACTIVE`; `None` when not returned.
    pub deletion_protection: Option<bool>,
    /// What users sign in with instead of a username (UsernameAttributes).
    pub username_attributes: Vec<String>,
    /// What users may sign in with besides their username (AliasAttributes).
    pub alias_attributes: Vec<String>,
    /// UsernameConfiguration.CaseSensitive; `None` when not returned.
    pub case_sensitive: Option<bool>,
    /// Only admins create users: self sign-up is off (AllowAdminCreateUserOnly); `None` when
    /// not returned.
    pub admin_create_only: Option<bool>,
    /// Attributes Cognito verifies by sending a code (AutoVerifiedAttributes).
    pub auto_verified: Vec<String>,
    /// Policies.PasswordPolicy; `None` when not returned.
    pub password_policy: Option<PasswordPolicy>,
    /// TemporaryPasswordValidityDays; `None` when not returned.
    pub temporary_password_days: Option<i64>,
    /// The MFA configuration (GetUserPoolMfaConfig), once a pool and session.
    pub mfa: Result<PoolMfa>,
    pub email: EmailDelivery,
    pub sms: Option<SmsDelivery>,
    pub triggers: Vec<Trigger>,
    /// Threat protection (UserPoolAddOns.AdvancedSecurityMode): `OFF`, `AUDIT`, `ENFORCED`;
    /// `None` when not returned.
    pub threat_protection: Option<String>,
    pub clients: Vec<ClientOverview>,
    /// The newer settings, each read apart.
    pub settings: PoolSettings,
}

/// How the pool sends email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailDelivery {
    /// No EmailConfiguration returned: Cognito then sends with its own sender.
    NotReturned,
    /// COGNITO_DEFAULT: Cognito's own sender, limited to a few dozen messages a day.
    CognitoDefault,
    /// DEVELOPER: through the pool owner's Amazon SES identity.
    Ses {
        source_arn: Option<String>,
        from: Option<String>,
    },
}

/// How the pool sends SMS: the IAM role Cognito assumes to publish with Amazon SNS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsDelivery {
    pub role_arn: String,
    pub external_id: Option<String>,
    pub sns_region: Option<String>,
}

/// A Lambda trigger that is set, by its function's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    /// `PreSignUp`, `CustomMessage`, ...
    pub name: &'static str,
    pub function: String,
}

/// An app client, without its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientOverview {
    pub name: String,
    pub id: String,
    /// ExplicitAuthFlows; empty when the client lists none (Cognito's defaults).
    pub auth_flows: Vec<String>,
    pub has_secret: bool,
    /// AccessTokenValidity; `None` when not returned.
    pub access_token: Option<Validity>,
    /// IdTokenValidity; `None` when not returned.
    pub id_token: Option<Validity>,
    /// RefreshTokenValidity; `None` when not returned.
    pub refresh_token: Option<Validity>,
    /// PreventUserExistenceErrors is ENABLED: a missing user looks like a wrong password, and
    /// resending a code "succeeds"; `None` when not returned.
    pub hides_missing_users: Option<bool>,
    /// RefreshTokenRotation; `None` when not returned.
    pub refresh_rotation: Option<RefreshRotation>,
}

/// Refresh-token rotation: each refresh returns a new refresh token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshRotation {
    /// Feature is `ENABLED`.
    pub enabled: bool,
    /// RetryGracePeriodSeconds: how long the old token still works.
    pub grace_seconds: Option<i32>,
}

/// How long a token stays valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub value: i32,
    pub unit: &'static str,
    /// TokenValidityUnits returned the unit; otherwise `unit` is the one AWS assumes.
    pub unit_returned: bool,
}

impl fmt::Display for Validity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = if self.value == 1 {
            self.unit.trim_end_matches('s')
        } else {
            self.unit
        };
        write!(f, "{} {unit}", self.value)?;
        if !self.unit_returned {
            write!(f, " (unit not returned: AWS's default)")?;
        }
        Ok(())
    }
}

impl Cognito {
    /// The pool's overview: DescribeUserPool, then every app client side by side (the read
    /// rate caps them), with the MFA configuration read once a pool.
    pub async fn overview(&self, pool_id: &str) -> Result<PoolOverview> {
        let out = self
            .client
            .describe_user_pool()
            .user_pool_id(pool_id)
            .send()
            .await?;
        let pool = out.user_pool().ok_or(CognitoError::ResourceNotFound)?;
        let summaries = self.list_clients(pool_id).await?;
        let (clients, mfa, settings) = futures::join!(
            futures::future::try_join_all(
                summaries
                    .iter()
                    .map(|c| self.describe_client(pool_id, &c.id))
            ),
            self.pool_mfa_once(pool_id),
            self.pool_settings(pool_id, pool)
        );
        let returned_policy = pool.policies().and_then(|p| p.password_policy());
        let (password_policy, _) = password_policy(pool);
        let names = |list: Vec<&str>| list.into_iter().map(ToOwned::to_owned).collect();
        Ok(PoolOverview {
            name: pool.name().unwrap_or(pool_id).to_owned(),
            id: pool_id.to_owned(),
            tier: pool.user_pool_tier().map(|t| t.as_str().to_owned()),
            deletion_protection: pool.deletion_protection().map(|d| d.as_str() == "ACTIVE"),
            username_attributes: names(
                pool.username_attributes()
                    .iter()
                    .map(UsernameAttributeType::as_str)
                    .collect(),
            ),
            alias_attributes: names(
                pool.alias_attributes()
                    .iter()
                    .map(AliasAttributeType::as_str)
                    .collect(),
            ),
            case_sensitive: pool
                .username_configuration()
                .map(UsernameConfigurationType::case_sensitive),
            admin_create_only: pool
                .admin_create_user_config()
                .map(AdminCreateUserConfigType::allow_admin_create_user_only),
            auto_verified: auto_verified(pool),
            password_policy: returned_policy.map(|_| password_policy),
            temporary_password_days: returned_policy
                .map(aws_sdk_cognitoidentityprovider::types::PasswordPolicyType::temporary_password_validity_days)
                .filter(|d| *d > 0)
                .map(i64::from),
            mfa,
            email: email_delivery(pool),
            sms: pool.sms_configuration().map(|s| SmsDelivery {
                role_arn: s.sns_caller_arn().to_owned(),
                external_id: s.external_id().map(ToOwned::to_owned),
                sns_region: s.sns_region().map(ToOwned::to_owned),
            }),
            triggers: pool.lambda_config().map(triggers).unwrap_or_default(),
            threat_protection: pool
                .user_pool_add_ons()
                .map(|a| a.advanced_security_mode().as_str().to_owned()),
            clients: clients?.iter().map(client_overview).collect(),
            settings,
        })
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
            facts: facts(pool, described.as_ref()),
        })
    }

    /// DescribeUserPoolClient.
    pub(super) async fn describe_client(
        &self,
        pool_id: &str,
        client_id: &str,
    ) -> Result<UserPoolClientType> {
        let out = self
            .client
            .describe_user_pool_client()
            .user_pool_id(pool_id)
            .client_id(client_id)
            .send()
            .await?;
        out.user_pool_client()
            .cloned()
            .ok_or(CognitoError::ResourceNotFound)
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
        auth_flows: AuthFlow::allowed(&explicit),
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

/// What the pool-level diagnosis needs, from the DescribeUserPool read when the pool opens and
/// the chosen app client (if any).
pub(super) fn facts(pool: &UserPoolType, client: Option<&UserPoolClientType>) -> PoolFacts {
    let triggers = pool.lambda_config().map(triggers).unwrap_or_default();
    let function = |name: &str| {
        triggers
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.function.clone())
    };
    PoolFacts {
        default_email_sender: !matches!(email_delivery(pool), EmailDelivery::Ses { .. }),
        sms_configured: pool.sms_configuration().is_some(),
        custom_message: function("CustomMessage"),
        pre_sign_up: function("PreSignUp"),
        auto_verified: auto_verified(pool),
        sign_in_with: pool
            .username_attributes()
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect(),
        aliases: pool
            .alias_attributes()
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect(),
        hides_missing_users: client.is_some_and(hides_missing_users),
    }
}

fn auto_verified(pool: &UserPoolType) -> Vec<String> {
    pool.auto_verified_attributes()
        .iter()
        .map(|a| a.as_str().to_owned())
        .collect()
}

fn email_delivery(pool: &UserPoolType) -> EmailDelivery {
    match pool.email_configuration() {
        Some(e) if e.email_sending_account() == Some(&EmailSendingAccountType::Developer) => {
            EmailDelivery::Ses {
                source_arn: e.source_arn().map(ToOwned::to_owned),
                from: e.from().map(ToOwned::to_owned),
            }
        }
        Some(_) => EmailDelivery::CognitoDefault,
        None => EmailDelivery::NotReturned,
    }
}

/// The triggers that are set, in the order the console lists them.
fn triggers(l: &LambdaConfigType) -> Vec<Trigger> {
    [
        ("PreSignUp", l.pre_sign_up()),
        ("CustomMessage", l.custom_message()),
        ("PostConfirmation", l.post_confirmation()),
        ("PreAuthentication", l.pre_authentication()),
        ("PostAuthentication", l.post_authentication()),
        ("DefineAuthChallenge", l.define_auth_challenge()),
        ("CreateAuthChallenge", l.create_auth_challenge()),
        (
            "VerifyAuthChallengeResponse",
            l.verify_auth_challenge_response(),
        ),
        (
            "PreTokenGeneration",
            l.pre_token_generation_config()
                .map(PreTokenGenerationVersionConfigType::lambda_arn)
                .or(l.pre_token_generation()),
        ),
        ("UserMigration", l.user_migration()),
        (
            "CustomSMSSender",
            l.custom_sms_sender()
                .map(CustomSmsLambdaVersionConfigType::lambda_arn),
        ),
        (
            "CustomEmailSender",
            l.custom_email_sender()
                .map(CustomEmailLambdaVersionConfigType::lambda_arn),
        ),
    ]
    .into_iter()
    .filter_map(|(name, arn)| {
        arn.filter(|a| !a.is_empty()).map(|arn| Trigger {
            name,
            function: function_name(arn),
        })
    })
    .collect()
}

/// `arn:aws:lambda:eu-west-1:123456789012:function:NAME[:alias]` -> `NAME`.
pub fn function_name(arn: &str) -> String {
    arn.split(':')
        .nth(6)
        .filter(|n| !n.is_empty())
        .unwrap_or(arn)
        .to_owned()
}

fn hides_missing_users(c: &UserPoolClientType) -> bool {
    c.prevent_user_existence_errors() == Some(&PreventUserExistenceErrorTypes::Enabled)
}

fn client_overview(c: &UserPoolClientType) -> ClientOverview {
    let units = c.token_validity_units();
    // A value without its unit is in AWS's default unit: hours for access and ID tokens, days
    // for refresh tokens.
    let validity = |value: Option<i32>, unit: Option<&TimeUnitsType>, default: &'static str| {
        value.filter(|v| *v > 0).map(|value| Validity {
            value,
            unit: unit.map_or(default, unit_name),
            unit_returned: unit.is_some(),
        })
    };
    ClientOverview {
        name: c.client_name().unwrap_or_default().to_owned(),
        id: c.client_id().unwrap_or_default().to_owned(),
        auth_flows: c
            .explicit_auth_flows()
            .iter()
            .map(|f| f.as_str().to_owned())
            .collect(),
        has_secret: c.client_secret().is_some_and(|s| !s.is_empty()),
        access_token: validity(
            c.access_token_validity(),
            units.and_then(|u| u.access_token()),
            "hours",
        ),
        id_token: validity(
            c.id_token_validity(),
            units.and_then(|u| u.id_token()),
            "hours",
        ),
        refresh_token: validity(
            Some(c.refresh_token_validity()),
            units.and_then(|u| u.refresh_token()),
            "days",
        ),
        hides_missing_users: c
            .prevent_user_existence_errors()
            .map(|p| *p == PreventUserExistenceErrorTypes::Enabled),
        refresh_rotation: c.refresh_token_rotation().map(|r| RefreshRotation {
            enabled: *r.feature() == FeatureType::Enabled,
            grace_seconds: r.retry_grace_period_seconds(),
        }),
    }
}

fn unit_name(unit: &TimeUnitsType) -> &'static str {
    match unit {
        TimeUnitsType::Seconds => "seconds",
        TimeUnitsType::Minutes => "minutes",
        TimeUnitsType::Days => "days",
        _ => "hours",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_is_named_from_its_arn() {
        assert_eq!(
            function_name("arn:aws:lambda:eu-west-1:123456789012:function:send-codes"),
            "send-codes"
        );
        assert_eq!(
            function_name("arn:aws:lambda:eu-west-1:123456789012:function:send-codes:live"),
            "send-codes"
        );
        assert_eq!(function_name("not-an-arn"), "not-an-arn");
    }

    #[test]
    fn validity_says_its_unit() {
        let v = |value, unit| {
            Validity {
                value,
                unit,
                unit_returned: true,
            }
            .to_string()
        };
        assert_eq!(v(1, "hours"), "1 hour");
        assert_eq!(v(30, "days"), "30 days");
        let assumed = Validity {
            value: 2,
            unit: "hours",
            unit_returned: false,
        };
        assert_eq!(
            assumed.to_string(),
            "2 hours (unit not returned: AWS's default)"
        );
    }
}
