//! Sign-in, challenges, TOTP enrolment and MFA preferences.

use std::collections::HashMap;

use aws_sdk_cognitoidentityprovider::types::{
    AuthFlowType, AuthenticationResultType, ChallengeNameType, SmsMfaSettingsType,
    SoftwareTokenMfaSettingsType, VerifySoftwareTokenResponseType,
};

use aws_sdk_cognitoidentityprovider::operation::admin_initiate_auth::AdminInitiateAuthOutput;
use aws_sdk_cognitoidentityprovider::operation::admin_respond_to_auth_challenge::AdminRespondToAuthChallengeOutput;
use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;

use super::Cognito;
use super::error::CognitoError;
use super::model::{AppClient, Sensitive};
use crate::totp::TotpSecret;

type Result<T> = std::result::Result<T, CognitoError>;

/// Which API signs the user in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFlow {
    /// AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH (IAM credentials; the default).
    Admin,
    /// InitiateAuth with USER_PASSWORD_AUTH (what an app does; no IAM needed).
    User,
}

impl AuthFlow {
    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => "ADMIN_USER_PASSWORD_AUTH",
            Self::User => "USER_PASSWORD_AUTH",
        }
    }
}

/// The pool and app client a sign-in goes through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthTarget {
    pub pool_id: String,
    pub client: AppClient,
    pub flow: AuthFlow,
}

impl AuthTarget {
    fn secret_hash(&self, username: &str) -> Option<String> {
        self.client.secret_hash(username)
    }
}

/// The MFA methods Cognito names in challenges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MfaKind {
    Totp,
    Sms,
    Email,
}

impl MfaKind {
    /// The challenge name, also the answer to SELECT_MFA_TYPE.
    pub fn challenge_name(self) -> &'static str {
        match self {
            Self::Totp => "SOFTWARE_TOKEN_MFA",
            Self::Sms => "SMS_MFA",
            Self::Email => "EMAIL_OTP",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Totp => "authenticator app (TOTP)",
            Self::Sms => "SMS",
            Self::Email => "email",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        match name {
            "SOFTWARE_TOKEN_MFA" => Some(Self::Totp),
            "SMS_MFA" => Some(Self::Sms),
            "EMAIL_OTP" => Some(Self::Email),
            _ => None,
        }
    }
}

/// What Cognito asks before it hands out tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Challenge {
    /// An invited user must replace the temporary password.
    NewPasswordRequired,
    /// The pool requires MFA and the user has none: enrol now.
    MfaSetup { can_setup: Vec<MfaKind> },
    /// A code from a second factor; `destination` is where an SMS or email went.
    Code {
        kind: MfaKind,
        destination: Option<String>,
    },
    /// The user has several factors: choose one.
    SelectMfaType { options: Vec<MfaKind> },
    /// A challenge cognitui does not answer, by name.
    Unsupported(String),
}

/// A sign-in in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthSession {
    /// The username Cognito knows the user by (used for SECRET_HASH and responses).
    pub username: String,
    pub session: Sensitive,
}

/// The tokens of a signed-in user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    pub id: Sensitive,
    pub access: Sensitive,
    pub refresh: Option<Sensitive>,
    pub expires_in_secs: i64,
}

/// The result of a sign-in step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthStep {
    SignedIn(Tokens),
    Challenge {
        challenge: Challenge,
        session: AuthSession,
    },
}

/// An answer to a challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    NewPassword(Sensitive),
    Code {
        kind: MfaKind,
        code: Sensitive,
    },
    Select(MfaKind),
    /// The software token was verified during MFA_SETUP; finish the sign-in.
    MfaSetupDone,
}

/// What authorises a TOTP enrolment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnrolWith {
    /// The session of an MFA_SETUP challenge.
    Session(AuthSession),
    /// A signed-in user's access token.
    AccessToken(Sensitive),
}

/// One MFA method's new setting for AdminSetUserMFAPreference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MfaSetting {
    pub enabled: bool,
    pub preferred: bool,
}

impl Cognito {
    /// Starts a sign-in with a username and password.
    pub async fn sign_in(
        &self,
        target: &AuthTarget,
        username: &str,
        password: &Sensitive,
    ) -> Result<AuthStep> {
        let mut params = HashMap::from([
            ("USERNAME".to_owned(), username.to_owned()),
            ("PASSWORD".to_owned(), password.expose().to_owned()),
        ]);
        if let Some(hash) = target.secret_hash(username) {
            params.insert("SECRET_HASH".to_owned(), hash);
        }
        match target.flow {
            AuthFlow::Admin => self
                .client
                .admin_initiate_auth()
                .user_pool_id(&target.pool_id)
                .client_id(&target.client.id)
                .auth_flow(AuthFlowType::AdminUserPasswordAuth)
                .set_auth_parameters(Some(params))
                .send()
                .await
                .map(|o| o.step(username))
                .map_err(|e| sign_in_error(e.into())),
            AuthFlow::User => self
                .client
                .initiate_auth()
                .client_id(&target.client.id)
                .auth_flow(AuthFlowType::UserPasswordAuth)
                .set_auth_parameters(Some(params))
                .send()
                .await
                .map(|o| o.step(username))
                .map_err(|e| sign_in_error(e.into())),
        }
    }

    /// Answers the current challenge.
    pub async fn respond(
        &self,
        target: &AuthTarget,
        session: &AuthSession,
        answer: &Answer,
    ) -> Result<AuthStep> {
        let username = session.username.as_str();
        let mut responses = HashMap::from([("USERNAME".to_owned(), username.to_owned())]);
        let name = match answer {
            Answer::NewPassword(p) => {
                responses.insert("NEW_PASSWORD".to_owned(), p.expose().to_owned());
                ChallengeNameType::NewPasswordRequired
            }
            Answer::Code { kind, code } => {
                responses.insert(
                    format!("{}_CODE", kind.challenge_name()),
                    code.expose().to_owned(),
                );
                ChallengeNameType::from(kind.challenge_name())
            }
            Answer::Select(kind) => {
                responses.insert("ANSWER".to_owned(), kind.challenge_name().to_owned());
                ChallengeNameType::SelectMfaType
            }
            Answer::MfaSetupDone => ChallengeNameType::MfaSetup,
        };
        if let Some(hash) = target.secret_hash(username) {
            responses.insert("SECRET_HASH".to_owned(), hash);
        }
        let session_id = session.session.expose();
        match target.flow {
            AuthFlow::Admin => self
                .changes
                .admin_respond_to_auth_challenge()
                .user_pool_id(&target.pool_id)
                .client_id(&target.client.id)
                .challenge_name(name)
                .session(session_id)
                .set_challenge_responses(Some(responses))
                .send()
                .await
                .map(|o| o.step(username))
                .map_err(|e| sign_in_error(e.into())),
            AuthFlow::User => self
                .changes
                .respond_to_auth_challenge()
                .client_id(&target.client.id)
                .challenge_name(name)
                .session(session_id)
                .set_challenge_responses(Some(responses))
                .send()
                .await
                .map(|o| o.step(username))
                .map_err(|e| sign_in_error(e.into())),
        }
    }

    /// AssociateSoftwareToken: a new TOTP secret, and the session to go on with when enrolling
    /// during MFA_SETUP.
    pub async fn associate_totp(
        &self,
        with: &EnrolWith,
    ) -> Result<(TotpSecret, Option<Sensitive>)> {
        let request = self.client.associate_software_token();
        let request = match with {
            EnrolWith::Session(s) => request.session(s.session.expose()),
            EnrolWith::AccessToken(t) => request.access_token(t.expose()),
        };
        let out = request.send().await.map_err(|e| session_error(e.into()))?;
        let secret = out
            .secret_code()
            .and_then(TotpSecret::parse)
            .ok_or_else(|| CognitoError::Other {
                code: "AssociateSoftwareToken".into(),
                message: "Cognito returned no usable TOTP secret".into(),
            })?;
        Ok((secret, out.session().map(|s| Sensitive::new(s.to_owned()))))
    }

    /// VerifySoftwareToken with the code the authenticator shows; returns the session to finish
    /// MFA_SETUP with, if any.
    pub async fn verify_totp(
        &self,
        with: &EnrolWith,
        code: &Sensitive,
        device_name: &str,
    ) -> Result<Option<Sensitive>> {
        let request = self
            .changes
            .verify_software_token()
            .user_code(code.expose())
            .set_friendly_device_name((!device_name.is_empty()).then(|| device_name.to_owned()));
        let request = match with {
            EnrolWith::Session(s) => request.session(s.session.expose()),
            EnrolWith::AccessToken(t) => request.access_token(t.expose()),
        };
        let out = request.send().await.map_err(|e| session_error(e.into()))?;
        if out.status() == Some(&VerifySoftwareTokenResponseType::Error) {
            return Err(CognitoError::EnableSoftwareTokenMfa);
        }
        Ok(out.session().map(|s| Sensitive::new(s.to_owned())))
    }

    /// SetUserMFAPreference: TOTP enabled and preferred, for the signed-in user.
    pub async fn prefer_totp(&self, access_token: &Sensitive) -> Result<()> {
        self.changes
            .set_user_mfa_preference()
            .access_token(access_token.expose())
            .software_token_mfa_settings(
                SoftwareTokenMfaSettingsType::builder()
                    .enabled(true)
                    .preferred_mfa(true)
                    .build(),
            )
            .send()
            .await
            .map_err(|e| session_error(e.into()))?;
        Ok(())
    }

    /// AdminSetUserMFAPreference for TOTP and/or SMS.
    pub async fn admin_set_mfa(
        &self,
        pool_id: &str,
        username: &str,
        totp: Option<MfaSetting>,
        sms: Option<MfaSetting>,
    ) -> Result<()> {
        self.changes
            .admin_set_user_mfa_preference()
            .user_pool_id(pool_id)
            .username(username)
            .set_software_token_mfa_settings(totp.map(|s| {
                SoftwareTokenMfaSettingsType::builder()
                    .enabled(s.enabled)
                    .preferred_mfa(s.preferred)
                    .build()
            }))
            .set_sms_mfa_settings(sms.map(|s| {
                SmsMfaSettingsType::builder()
                    .enabled(s.enabled)
                    .preferred_mfa(s.preferred)
                    .build()
            }))
            .send()
            .await
            .map_err(|e| mfa_error(e.into()))?;
        Ok(())
    }
}

/// The four sign-in operations answer with the same fields.
trait AuthOutput {
    fn step(&self, typed_username: &str) -> AuthStep;
}

macro_rules! auth_output {
    ($($output:ty),*) => {$(
        impl AuthOutput for $output {
            fn step(&self, typed_username: &str) -> AuthStep {
                step(
                    typed_username,
                    self.challenge_name(),
                    self.session(),
                    self.challenge_parameters(),
                    self.authentication_result(),
                )
            }
        }
    )*};
}

auth_output!(
    AdminInitiateAuthOutput,
    InitiateAuthOutput,
    AdminRespondToAuthChallengeOutput,
    RespondToAuthChallengeOutput
);

fn step(
    typed_username: &str,
    name: Option<&ChallengeNameType>,
    session: Option<&str>,
    params: Option<&HashMap<String, String>>,
    result: Option<&AuthenticationResultType>,
) -> AuthStep {
    if let Some(r) = result {
        return AuthStep::SignedIn(Tokens {
            id: Sensitive::new(r.id_token().unwrap_or_default().to_owned()),
            access: Sensitive::new(r.access_token().unwrap_or_default().to_owned()),
            refresh: r.refresh_token().map(|t| Sensitive::new(t.to_owned())),
            expires_in_secs: i64::from(r.expires_in()),
        });
    }
    let empty = HashMap::new();
    let params = params.unwrap_or(&empty);
    let param = |k: &str| params.get(k).filter(|v| !v.is_empty()).cloned();
    let name = name.map_or("", ChallengeNameType::as_str);
    let challenge = match name {
        "NEW_PASSWORD_REQUIRED" => Challenge::NewPasswordRequired,
        "MFA_SETUP" => Challenge::MfaSetup {
            can_setup: kinds(
                param("MFAS_CAN_SETUP")
                    .as_deref()
                    .unwrap_or("SOFTWARE_TOKEN_MFA"),
            ),
        },
        "SELECT_MFA_TYPE" => Challenge::SelectMfaType {
            options: kinds(param("MFAS_CAN_CHOOSE").as_deref().unwrap_or_default()),
        },
        other => match MfaKind::from_name(other) {
            Some(kind) => Challenge::Code {
                kind,
                destination: param("CODE_DELIVERY_DESTINATION"),
            },
            None => Challenge::Unsupported(other.to_owned()),
        },
    };
    AuthStep::Challenge {
        challenge,
        session: AuthSession {
            // USER_ID_FOR_SRP is the real username when the user typed an alias (email).
            username: param("USER_ID_FOR_SRP")
                .or_else(|| param("USERNAME"))
                .unwrap_or_else(|| typed_username.to_owned()),
            session: Sensitive::new(session.unwrap_or_default().to_owned()),
        },
    }
}

/// MFA kinds named in a challenge parameter. AWS sends a JSON list (`["SMS_MFA"]`); the
/// emulator a Python one (`['SMS_MFA']`): take the names either way.
fn kinds(list: &str) -> Vec<MfaKind> {
    list.split(|c: char| !(c.is_ascii_uppercase() || c == '_'))
        .filter_map(MfaKind::from_name)
        .collect()
}

/// Sign-in refusals all come back as NotAuthorized; tell them apart by Cognito's message.
fn sign_in_error(e: CognitoError) -> CognitoError {
    match e {
        CognitoError::NotAuthorized(message) => {
            let m = message.to_lowercase();
            if m.contains("disabled") {
                CognitoError::UserDisabled
            } else if m.contains("temporary password has expired") {
                CognitoError::TemporaryPasswordExpired
            } else if m.contains("attempts exceeded") {
                CognitoError::LimitExceeded
            } else if m.contains("session") {
                CognitoError::SessionExpired
            } else {
                CognitoError::WrongPassword
            }
        }
        other => session_error(other),
    }
}

/// Enrolment calls refuse an expired session or token with NotAuthorized; an expired code
/// there is a TOTP code from a past window.
fn session_error(e: CognitoError) -> CognitoError {
    match e {
        CognitoError::ExpiredCode => CognitoError::TotpCodeExpired,
        CognitoError::NotAuthorized(message) if message.to_lowercase().contains("session") => {
            CognitoError::SessionExpired
        }
        CognitoError::NotAuthorized(_) => CognitoError::SessionExpired,
        other => other,
    }
}

/// AdminSetUserMFAPreference refuses TOTP for users who never verified a software token.
fn mfa_error(e: CognitoError) -> CognitoError {
    match e {
        CognitoError::InvalidParameter(message)
            if message
                .to_lowercase()
                .contains("not verified software token") =>
        {
            CognitoError::SoftwareTokenMfaNotFound
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_json_or_python_lists() {
        assert_eq!(
            kinds(r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#),
            vec![MfaKind::Sms, MfaKind::Totp]
        );
        assert_eq!(kinds("['SOFTWARE_TOKEN_MFA']"), vec![MfaKind::Totp]);
        assert_eq!(kinds(""), vec![]);
    }

    #[test]
    fn sign_in_refusals_are_told_apart() {
        let na = |m: &str| sign_in_error(CognitoError::NotAuthorized(m.into()));
        assert_eq!(
            na("Incorrect username or password."),
            CognitoError::WrongPassword
        );
        assert_eq!(na("User is disabled."), CognitoError::UserDisabled);
        assert_eq!(
            na("Temporary password has expired and must be reset by an administrator."),
            CognitoError::TemporaryPasswordExpired
        );
        assert_eq!(
            na("Password attempts exceeded"),
            CognitoError::LimitExceeded
        );
        assert_eq!(
            na("Invalid session for the user, session is expired."),
            CognitoError::SessionExpired
        );
    }
}
