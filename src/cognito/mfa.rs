//! Admin MFA: a user's authentication factors (AdminGetUserAuthFactors), the pool's MFA
//! configuration (GetUserPoolMfaConfig), MFA preferences for TOTP, SMS and email
//! (AdminSetUserMFAPreference), removing a lost authenticator (AdminDeleteSoftwareToken), and a
//! signed-in user's passkeys (ListWebAuthnCredentials, DeleteWebAuthnCredential).

use aws_sdk_cognitoidentityprovider::types::{
    EmailMfaSettingsType, SmsMfaSettingsType, SoftwareTokenMfaConfigType,
    SoftwareTokenMfaSettingsType, WebAuthnFactorConfigurationType,
};
use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::Cognito;
use super::auth::MfaSetting;
use super::error::CognitoError;
use super::model::{PoolFactor, PoolMfa, UserDetail};
use super::optional::{lacks_operation, once};
use super::sdk::to_chrono;
use super::sensitive::Sensitive;

type Result<T> = std::result::Result<T, CognitoError>;

/// How a user can sign in and which second factors they have (AdminGetUserAuthFactors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthFactors {
    /// ConfiguredUserAuthFactors: `PASSWORD`, `EMAIL_OTP`, `SMS_OTP`, `WEB_AUTHN`,
    /// `SOFTWARE_TOKEN`.
    pub configured: Vec<String>,
    /// UserMFASettingList: `SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`.
    pub mfa_enabled: Vec<String>,
    /// PreferredMfaSetting.
    pub preferred_mfa: Option<String>,
}

/// One of a user's passkeys (WebAuthn credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passkey {
    pub id: String,
    pub name: String,
    pub relying_party: String,
    /// `platform` (built into the device) or `cross-platform` (a security key, a phone).
    pub attachment: Option<String>,
    pub created: Option<DateTime<Utc>>,
}

/// One MFA method's new setting for each factor, as AdminSetUserMFAPreference takes them;
/// `None` leaves a factor as it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MfaPreference {
    pub totp: Option<MfaSetting>,
    pub sms: Option<MfaSetting>,
    pub email: Option<MfaSetting>,
}

/// An MFA factor AdminSetUserMFAPreference sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MfaFactor {
    Totp,
    Sms,
    Email,
}

impl MfaFactor {
    pub fn label(self) -> &'static str {
        match self {
            Self::Totp => "TOTP (authenticator app)",
            Self::Sms => "SMS",
            Self::Email => "email",
        }
    }

    /// The factor as AdminGetUser's UserMFASettingList names it.
    pub fn method(self) -> &'static str {
        match self {
            Self::Totp => "SOFTWARE_TOKEN_MFA",
            Self::Sms => "SMS_MFA",
            Self::Email => "EMAIL_OTP",
        }
    }

    /// The factor in the AWS CLI's option names.
    fn cli_name(self) -> &'static str {
        match self {
            Self::Totp => "software-token",
            Self::Sms => "sms",
            Self::Email => "email",
        }
    }
}

impl MfaPreference {
    /// `setting` for `factor`, every other factor left as it is.
    pub fn only(factor: MfaFactor, setting: MfaSetting) -> Self {
        let only = |f: MfaFactor| (f == factor).then_some(setting);
        Self {
            totp: only(MfaFactor::Totp),
            sms: only(MfaFactor::Sms),
            email: only(MfaFactor::Email),
        }
    }

    /// The factors set, each with its new setting.
    pub fn settings(&self) -> Vec<(MfaFactor, MfaSetting)> {
        [
            (MfaFactor::Totp, self.totp),
            (MfaFactor::Sms, self.sms),
            (MfaFactor::Email, self.email),
        ]
        .into_iter()
        .filter_map(|(f, s)| s.map(|s| (f, s)))
        .collect()
    }

    /// "TOTP (authenticator app) enabled and preferred; SMS off".
    pub fn describe(&self) -> String {
        let what: Vec<String> = self
            .settings()
            .into_iter()
            .map(|(f, s)| format!("{} {}", f.label(), s.label()))
            .collect();
        if what.is_empty() {
            "no change".into()
        } else {
            what.join("; ")
        }
    }

    /// The AWS CLI options that set it: " --sms-mfa-settings Enabled=false,PreferredMfa=false".
    pub fn cli_args(&self) -> String {
        let mut args = String::new();
        for (f, s) in self.settings() {
            let _ = write!(
                args,
                " --{}-mfa-settings Enabled={},PreferredMfa={}",
                f.cli_name(),
                s.enabled,
                s.preferred
            );
        }
        args
    }
}

impl Cognito {
    /// AdminGetUser (with the groups), AdminGetUserAuthFactors and GetUserPoolMfaConfig at the
    /// same time: the user's page needs all three, and a failure of the two others (an
    /// endpoint without them) leaves the user readable. The two others are sent once, never
    /// retried, so the page waits for nothing AdminGetUser does not.
    pub async fn read_user(
        &self,
        pool_id: &str,
        username: &str,
    ) -> (Result<UserDetail>, Result<AuthFactors>, Result<PoolMfa>) {
        futures::join!(
            self.get_user(pool_id, username),
            self.auth_factors(pool_id, username),
            self.pool_mfa_once(pool_id)
        )
    }

    /// The pool's MFA configuration, read from Cognito the first time only.
    pub(super) async fn pool_mfa_once(&self, pool_id: &str) -> Result<PoolMfa> {
        let known = self
            .pool_mfa
            .lock()
            .ok()
            .and_then(|m| m.get(pool_id).cloned());
        if let Some(known) = known {
            return Ok(known);
        }
        let read = self.pool_mfa(pool_id).await?;
        if let Ok(mut m) = self.pool_mfa.lock() {
            m.insert(pool_id.to_owned(), read.clone());
        }
        Ok(read)
    }

    /// AdminGetUserAuthFactors, sent once; not sent again to an endpoint that answered it lacks
    /// the operation (that answer is returned at once).
    pub async fn auth_factors(&self, pool_id: &str, username: &str) -> Result<AuthFactors> {
        let read = async {
            Ok(self
                .client
                .admin_get_user_auth_factors()
                .user_pool_id(pool_id)
                .username(username)
                .customize()
                .config_override(once())
                .send()
                .await?)
        };
        let out = self.lacking.read("AdminGetUserAuthFactors", read).await?;
        Ok(AuthFactors {
            configured: out
                .configured_user_auth_factors()
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
            mfa_enabled: out.user_mfa_setting_list().to_vec(),
            preferred_mfa: out
                .preferred_mfa_setting()
                .filter(|s| !s.is_empty())
                .map(ToOwned::to_owned),
        })
    }

    /// GetUserPoolMfaConfig, sent once; not sent again to an endpoint that answered it lacks
    /// the operation (that answer is returned at once).
    pub async fn pool_mfa(&self, pool_id: &str) -> Result<PoolMfa> {
        let read = async {
            Ok(self
                .client
                .get_user_pool_mfa_config()
                .user_pool_id(pool_id)
                .customize()
                .config_override(once())
                .send()
                .await?)
        };
        let out = self.lacking.read("GetUserPoolMfaConfig", read).await?;
        let on = [
            (
                PoolFactor::Totp,
                out.software_token_mfa_configuration()
                    .is_some_and(SoftwareTokenMfaConfigType::enabled),
            ),
            // An SmsMfaConfiguration without an SmsConfiguration cannot send a code.
            (
                PoolFactor::Sms,
                out.sms_mfa_configuration()
                    .and_then(|c| c.sms_configuration())
                    .is_some(),
            ),
            (PoolFactor::Email, out.email_mfa_configuration().is_some()),
            (
                PoolFactor::Passkey,
                out.web_authn_configuration()
                    .and_then(|w| w.factor_configuration())
                    == Some(&WebAuthnFactorConfigurationType::MultiFactorWithUserVerification),
            ),
        ];
        Ok(PoolMfa {
            configuration: out.mfa_configuration().map_or_else(
                || "not returned (AWS's default: OFF)".to_owned(),
                |m| m.as_str().to_owned(),
            ),
            factors: on
                .into_iter()
                .filter_map(|(factor, on)| on.then_some(factor))
                .collect(),
        })
    }

    /// AdminSetUserMFAPreference for TOTP and/or SMS.
    pub async fn admin_set_mfa(
        &self,
        pool_id: &str,
        username: &str,
        totp: Option<MfaSetting>,
        sms: Option<MfaSetting>,
    ) -> Result<()> {
        let preference = MfaPreference {
            totp,
            sms,
            email: None,
        };
        self.admin_set_mfa_preference(pool_id, username, preference)
            .await
    }

    /// AdminSetUserMFAPreference for TOTP, SMS and email.
    pub async fn admin_set_mfa_preference(
        &self,
        pool_id: &str,
        username: &str,
        preference: MfaPreference,
    ) -> Result<()> {
        self.changes
            .admin_set_user_mfa_preference()
            .user_pool_id(pool_id)
            .username(username)
            .set_software_token_mfa_settings(preference.totp.map(|s| {
                SoftwareTokenMfaSettingsType::builder()
                    .enabled(s.enabled)
                    .preferred_mfa(s.preferred)
                    .build()
            }))
            .set_sms_mfa_settings(preference.sms.map(|s| {
                SmsMfaSettingsType::builder()
                    .enabled(s.enabled)
                    .preferred_mfa(s.preferred)
                    .build()
            }))
            .set_email_mfa_settings(preference.email.map(|s| {
                EmailMfaSettingsType::builder()
                    .enabled(s.enabled)
                    .preferred_mfa(s.preferred)
                    .build()
            }))
            .send()
            .await?;
        Ok(())
    }

    /// AdminDeleteSoftwareToken: the user's authenticator app is forgotten; they enrol a new one
    /// at their next sign-in.
    pub async fn delete_software_token(&self, pool_id: &str, username: &str) -> Result<()> {
        self.changes
            .admin_delete_software_token()
            .user_pool_id(pool_id)
            .username(username)
            .send()
            .await?;
        Ok(())
    }

    /// ListWebAuthnCredentials with the user's access token (a user has at most 20).
    pub async fn list_passkeys(&self, access_token: &Sensitive) -> Result<Vec<Passkey>> {
        let out = self
            .client
            .list_web_authn_credentials()
            .access_token(access_token.expose())
            .max_results(20)
            .send()
            .await?;
        Ok(out
            .credentials()
            .iter()
            .map(|c| Passkey {
                id: c.credential_id().to_owned(),
                name: c.friendly_credential_name().to_owned(),
                relying_party: c.relying_party_id().to_owned(),
                attachment: c.authenticator_attachment().map(ToOwned::to_owned),
                created: to_chrono(c.created_at()),
            })
            .collect())
    }

    /// DeleteWebAuthnCredential with the user's access token.
    pub async fn delete_passkey(
        &self,
        access_token: &Sensitive,
        credential_id: &str,
    ) -> Result<()> {
        self.changes
            .delete_web_authn_credential()
            .access_token(access_token.expose())
            .credential_id(credential_id)
            .send()
            .await?;
        Ok(())
    }
}

/// The sentence for a read that could not be made, short enough for one line of a page:
/// `operation` is what was asked. An endpoint without the operation (an HTTP 500 without an
/// error code, as emulators answer, or an unknown-operation error) is said so; the rest of the
/// page is unaffected.
pub fn unavailable(operation: &str, error: &CognitoError) -> String {
    if let Some(reason) = lacks_operation(error) {
        return format!("This endpoint lacks {operation} ({reason}).");
    }
    match error {
        CognitoError::AccessDenied { .. } => {
            format!("Your AWS identity may not call cognito-idp:{operation}.")
        }
        other => format!("{operation} failed: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_factors_in_one_line() {
        let pool = PoolMfa {
            configuration: "OPTIONAL".into(),
            factors: vec![PoolFactor::Totp, PoolFactor::Email],
        };
        assert_eq!(pool.factor_labels(), ["TOTP", "email"]);
    }

    #[test]
    fn a_missing_operation_is_said_so() {
        assert_eq!(
            unavailable("AdminGetUserAuthFactors", &CognitoError::ServerError(500)),
            "This endpoint lacks AdminGetUserAuthFactors (HTTP 500)."
        );
        assert!(
            unavailable("AdminGetUserAuthFactors", &CognitoError::ServerError(503)).starts_with(
                "AdminGetUserAuthFactors failed: Cognito failed on its side (HTTP 503)"
            ),
            "a passing failure is not called a missing operation"
        );
    }
}
