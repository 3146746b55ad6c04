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
use super::device::{DeviceAtSignIn, NewDevice, RememberedDevice};
use super::error::CognitoError;
use super::model::{AppClient, Sensitive};
use crate::totp::TotpSecret;

type Result<T> = std::result::Result<T, CognitoError>;

/// Which flow signs the user in; the app client's ExplicitAuthFlows say which are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFlow {
    /// AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH (IAM credentials; the default).
    Admin,
    /// InitiateAuth with USER_PASSWORD_AUTH (what an app does; no IAM needed).
    User,
    /// InitiateAuth with USER_SRP_AUTH: the password is proven, never sent (what clients made
    /// in the AWS console allow by default).
    Srp,
    /// InitiateAuth with USER_AUTH: choice-based sign-in (password, SRP, a code by email or
    /// SMS, a passkey), as the pool and the user allow.
    Choice,
    /// InitiateAuth with CUSTOM_AUTH: the pool's Lambda triggers ask their own challenges.
    Custom,
}

impl AuthFlow {
    /// cognitui's order of preference among the flows an app client allows: the admin flow
    /// (IAM, no app secret on the wire), then SRP (the password never leaves this computer).
    pub const PREFERENCE: [Self; 5] = [
        Self::Admin,
        Self::Srp,
        Self::User,
        Self::Choice,
        Self::Custom,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => "ADMIN_USER_PASSWORD_AUTH",
            Self::User => "USER_PASSWORD_AUTH",
            Self::Srp => "USER_SRP_AUTH",
            Self::Choice => "USER_AUTH",
            Self::Custom => "CUSTOM_AUTH",
        }
    }

    /// Whether challenges are answered as admin (AdminRespondToAuthChallenge).
    pub fn admin(self) -> bool {
        self == Self::Admin
    }

    /// Whether the flow cannot start without the user's password.
    pub fn needs_password(self) -> bool {
        matches!(self, Self::Admin | Self::User | Self::Srp)
    }

    /// The sign-in flows an app client allows, from its ExplicitAuthFlows. A client that
    /// lists none allows Cognito's defaults (USER_SRP_AUTH and CUSTOM_AUTH); the legacy values
    /// (`ADMIN_NO_SRP_AUTH`, `USER_PASSWORD_AUTH`) always allowed SRP too, unless
    /// `CUSTOM_AUTH_FLOW_ONLY`.
    pub fn allowed(explicit: &[&str]) -> AuthFlows {
        let mut flows: Vec<Self> = explicit
            .iter()
            .filter_map(|name| match *name {
                "ALLOW_ADMIN_USER_PASSWORD_AUTH" | "ADMIN_NO_SRP_AUTH" => Some(Self::Admin),
                "ALLOW_USER_PASSWORD_AUTH" | "USER_PASSWORD_AUTH" => Some(Self::User),
                "ALLOW_USER_SRP_AUTH" => Some(Self::Srp),
                "ALLOW_USER_AUTH" => Some(Self::Choice),
                "ALLOW_CUSTOM_AUTH" | "CUSTOM_AUTH_FLOW_ONLY" => Some(Self::Custom),
                _ => None,
            })
            .collect();
        let legacy = explicit
            .iter()
            .any(|n| matches!(*n, "ADMIN_NO_SRP_AUTH" | "USER_PASSWORD_AUTH"));
        if explicit.is_empty() {
            flows = vec![Self::Srp, Self::Custom];
        } else if legacy && !explicit.contains(&"CUSTOM_AUTH_FLOW_ONLY") {
            flows.push(Self::Srp);
        }
        flows.into_iter().collect()
    }

    fn bit(self) -> u8 {
        match self {
            Self::Admin => 1,
            Self::User => 2,
            Self::Srp => 4,
            Self::Choice => 8,
            Self::Custom => 16,
        }
    }
}

/// A set of sign-in flows (those an app client allows); empty when not known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuthFlows(u8);

impl AuthFlows {
    pub fn contains(self, flow: AuthFlow) -> bool {
        self.0 & flow.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The flows in cognitui's order of preference.
    pub fn to_vec(self) -> Vec<AuthFlow> {
        AuthFlow::PREFERENCE
            .into_iter()
            .filter(|f| self.contains(*f))
            .collect()
    }
}

impl FromIterator<AuthFlow> for AuthFlows {
    fn from_iter<I: IntoIterator<Item = AuthFlow>>(flows: I) -> Self {
        Self(flows.into_iter().fold(0, |bits, f| bits | f.bit()))
    }
}

/// A first factor of choice-based sign-in (USER_AUTH), as SELECT_CHALLENGE names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factor {
    Password,
    PasswordSrp,
    EmailOtp,
    SmsOtp,
    WebAuthn,
}

impl Factor {
    /// The challenge name, also the answer to SELECT_CHALLENGE.
    pub fn name(self) -> &'static str {
        match self {
            Self::Password => "PASSWORD",
            Self::PasswordSrp => "PASSWORD_SRP",
            Self::EmailOtp => "EMAIL_OTP",
            Self::SmsOtp => "SMS_OTP",
            Self::WebAuthn => "WEB_AUTHN",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::PasswordSrp => "password by SRP, never sent",
            Self::EmailOtp => "a code sent by email",
            Self::SmsOtp => "a code sent by SMS",
            Self::WebAuthn => "a passkey",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "PASSWORD" => Some(Self::Password),
            "PASSWORD_SRP" => Some(Self::PasswordSrp),
            "EMAIL_OTP" => Some(Self::EmailOtp),
            "SMS_OTP" => Some(Self::SmsOtp),
            "WEB_AUTHN" => Some(Self::WebAuthn),
            _ => None,
        }
    }

    /// Whether a terminal can answer it: a passkey needs a browser or the platform's
    /// authenticator.
    pub fn possible(self) -> bool {
        self != Self::WebAuthn
    }

    /// Whether it is answered with the user's password.
    pub fn uses_password(self) -> bool {
        matches!(self, Self::Password | Self::PasswordSrp)
    }
}

/// The pool and app client a sign-in goes through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthTarget {
    pub pool_id: String,
    pub client: AppClient,
    pub flow: AuthFlow,
    /// The device cognitui remembers for the user signing in on this client, if any: its
    /// DEVICE_KEY goes with the sign-in, and it answers DEVICE_SRP_AUTH.
    pub device: Option<Box<RememberedDevice>>,
}

impl AuthTarget {
    fn secret_hash(&self, username: &str) -> Option<String> {
        self.client.secret_hash(username)
    }

    /// The AuthParameters every flow starts with: USERNAME, then SECRET_HASH when the client
    /// has a secret and DEVICE_KEY when a device is remembered.
    pub(super) fn auth_parameters(&self, username: &str) -> HashMap<String, String> {
        let mut params = HashMap::from([("USERNAME".to_owned(), username.to_owned())]);
        if let Some(hash) = self.secret_hash(username) {
            params.insert("SECRET_HASH".to_owned(), hash);
        }
        if let Some(device) = &self.device {
            params.insert("DEVICE_KEY".to_owned(), device.key.clone());
        }
        params
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
    /// USER_AUTH: how to sign in, among the first factors Cognito offers this user.
    SelectChallenge { available: Vec<Factor> },
    /// A one-time code as the first factor (EMAIL_OTP or SMS_OTP of USER_AUTH); `destination`
    /// is where it went.
    Otp {
        factor: Factor,
        destination: Option<String>,
    },
    /// CUSTOM_CHALLENGE from the pool's Lambda triggers, with its public parameters (sorted by
    /// name; none that looks secret).
    Custom { parameters: Vec<(String, String)> },
    /// DEVICE_SRP_AUTH: Cognito asks for the remembered device's proof. cognitui answers it
    /// itself when it remembers the device; the app sees it only when it remembers none.
    DeviceSrpAuth,
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
    /// What the sign-in did with devices, when the pool tracks them.
    pub device: Option<DeviceAtSignIn>,
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
    /// SELECT_CHALLENGE: sign in with `factor`; PASSWORD and PASSWORD_SRP need the password.
    Choose {
        factor: Factor,
        password: Option<Sensitive>,
    },
    /// The code of an EMAIL_OTP or SMS_OTP first factor.
    Otp {
        factor: Factor,
        code: Sensitive,
    },
    /// The answer to a CUSTOM_CHALLENGE, as typed.
    Custom(Sensitive),
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
        self.sign_in_preferring(target, username, password, None)
            .await
    }

    /// Starts a sign-in through the target's flow; `preferred` is the first factor USER_AUTH
    /// asks for (PREFERRED_CHALLENGE), if any.
    pub async fn sign_in_preferring(
        &self,
        target: &AuthTarget,
        username: &str,
        password: &Sensitive,
        preferred: Option<Factor>,
    ) -> Result<AuthStep> {
        let step = self
            .first_step(target, username, password, preferred)
            .await?;
        self.answer_device(target, step).await
    }

    /// The first answer of the target's flow, before any device challenge is answered.
    async fn first_step(
        &self,
        target: &AuthTarget,
        username: &str,
        password: &Sensitive,
        preferred: Option<Factor>,
    ) -> Result<AuthStep> {
        match target.flow {
            AuthFlow::Srp => return self.srp_sign_in(target, username, password).await,
            AuthFlow::Choice => {
                return self
                    .choice_sign_in(target, username, password, preferred)
                    .await;
            }
            AuthFlow::Custom => return self.custom_sign_in(target, username).await,
            AuthFlow::Admin | AuthFlow::User => {}
        }
        let mut params = target.auth_parameters(username);
        params.insert("PASSWORD".to_owned(), password.expose().to_owned());
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
            _ => self
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

    /// Answers the current challenge (and DEVICE_SRP_AUTH, if Cognito asks for it next).
    pub async fn respond(
        &self,
        target: &AuthTarget,
        session: &AuthSession,
        answer: &Answer,
    ) -> Result<AuthStep> {
        let step = self.answer(target, session, answer).await?;
        self.answer_device(target, step).await
    }

    /// One answer to the current challenge.
    async fn answer(
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
            Answer::Choose {
                factor: Factor::PasswordSrp,
                password,
            } => {
                let password = password
                    .clone()
                    .unwrap_or_else(|| Sensitive::new(String::new()));
                return self.choose_password_srp(target, session, &password).await;
            }
            Answer::Choose { factor, password } => {
                responses.insert("ANSWER".to_owned(), factor.name().to_owned());
                if let (Factor::Password, Some(p)) = (factor, password) {
                    responses.insert("PASSWORD".to_owned(), p.expose().to_owned());
                }
                ChallengeNameType::SelectChallenge
            }
            Answer::Otp { factor, code } => {
                responses.insert(format!("{}_CODE", factor.name()), code.expose().to_owned());
                ChallengeNameType::from(factor.name())
            }
            Answer::Custom(text) => {
                responses.insert("ANSWER".to_owned(), text.expose().to_owned());
                ChallengeNameType::CustomChallenge
            }
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
            _ => self
                .changes
                .respond_to_auth_challenge()
                .client_id(&target.client.id)
                .challenge_name(name)
                .session(session_id)
                .set_challenge_responses(Some(responses))
                .send()
                .await
                .map(|o| o.step(username))
                .map(|step| match answer {
                    // The code Cognito sends when the user chose it is their first factor.
                    Answer::Choose {
                        factor: Factor::EmailOtp,
                        ..
                    } => first_factor_code(step),
                    _ => step,
                })
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
pub(super) trait AuthOutput {
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
            device: r.new_device_metadata().and_then(|d| {
                Some(DeviceAtSignIn::New(NewDevice {
                    key: d.device_key()?.to_owned(),
                    group_key: d.device_group_key()?.to_owned(),
                }))
            }),
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
        // InitiateAuth names the choices in AvailableChallenges, which its caller fills in.
        "SELECT_CHALLENGE" => Challenge::SelectChallenge {
            available: Vec::new(),
        },
        "SMS_OTP" => Challenge::Otp {
            factor: Factor::SmsOtp,
            destination: param("CODE_DELIVERY_DESTINATION"),
        },
        "CUSTOM_CHALLENGE" => Challenge::Custom {
            parameters: public_parameters(params),
        },
        "DEVICE_SRP_AUTH" => Challenge::DeviceSrpAuth,
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

/// An EMAIL_OTP challenge answering the user's choice of a code is their first factor, not MFA.
pub(super) fn first_factor_code(step: AuthStep) -> AuthStep {
    match step {
        AuthStep::Challenge {
            challenge:
                Challenge::Code {
                    kind: MfaKind::Email,
                    destination,
                },
            session,
        } => AuthStep::Challenge {
            challenge: Challenge::Otp {
                factor: Factor::EmailOtp,
                destination,
            },
            session,
        },
        other => other,
    }
}

/// The parameters of a CUSTOM_CHALLENGE worth showing: what the pool's Lambda made public,
/// without the user's names (shown already) and without anything named like a secret.
fn public_parameters(params: &HashMap<String, String>) -> Vec<(String, String)> {
    let mut shown: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| {
            let k = k.to_uppercase();
            !matches!(k.as_str(), "USERNAME" | "USER_ID_FOR_SRP")
                && !["SECRET", "PASSWORD", "TOKEN", "SESSION", "ANSWER", "CODE"]
                    .iter()
                    .any(|word| k.contains(word))
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    shown.sort();
    shown
}

/// MFA kinds named in a challenge parameter. AWS sends a JSON list (`["SMS_MFA"]`); the
/// emulator a Python one (`['SMS_MFA']`): take the names either way.
fn kinds(list: &str) -> Vec<MfaKind> {
    list.split(|c: char| !(c.is_ascii_uppercase() || c == '_'))
        .filter_map(MfaKind::from_name)
        .collect()
}

/// Sign-in refusals all come back as NotAuthorized; tell them apart by Cognito's message.
pub(super) fn sign_in_error(e: CognitoError) -> CognitoError {
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
