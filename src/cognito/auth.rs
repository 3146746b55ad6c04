//! What a sign-in is made of: the target it goes through, the challenges Cognito asks, the
//! answers to them, the tokens at the end, and the settings of TOTP enrolment and MFA.

use std::collections::HashMap;

use super::device::{DeviceAtSignIn, RememberedDevice};
use super::flows::AuthFlow;
use super::model::{AppClient, Attribute};
use super::sensitive::Sensitive;

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
    pub(super) fn secret_hash(&self, username: &str) -> Option<String> {
        self.client.secret_hash(username)
    }

    /// The AuthParameters every flow starts with, and the ChallengeResponses every answer of
    /// the sign-in starts from: USERNAME, then SECRET_HASH when the client has a secret and
    /// DEVICE_KEY when a device is remembered.
    pub(super) fn auth_parameters(&self, username: &str) -> HashMap<String, String> {
        let mut params = HashMap::from([("USERNAME".to_owned(), username.to_owned())]);
        if let Some(hash) = self.secret_hash(username) {
            params.insert("SECRET_HASH".to_owned(), hash);
        }
        self.add_device_key(&mut params);
        params
    }

    /// Adds the remembered device's DEVICE_KEY, if any: Cognito wants it in every call of a
    /// sign-in with a remembered device, challenge answers included.
    pub(super) fn add_device_key(&self, params: &mut HashMap<String, String>) {
        if let Some(device) = &self.device {
            params.insert("DEVICE_KEY".to_owned(), device.key.clone());
        }
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

    pub(super) fn from_name(name: &str) -> Option<Self> {
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
    /// An invited user must replace the temporary password, and give the attributes the pool
    /// requires that they lack (`required`, by name, from `requiredAttributes`).
    NewPasswordRequired { required: Vec<String> },
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
    /// ExpiresIn: how long the access token lasts from issue, when Cognito said.
    pub expires_in_secs: Option<i64>,
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
    /// NEW_PASSWORD_REQUIRED: the new password and the required attributes typed with it.
    NewPassword {
        password: Sensitive,
        attributes: Vec<Attribute>,
    },
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

impl MfaSetting {
    /// "enabled and preferred", "enabled, not preferred" or "off".
    pub fn label(self) -> &'static str {
        match (self.enabled, self.preferred) {
            (true, true) => "enabled and preferred",
            (true, false) => "enabled, not preferred",
            (false, _) => "off",
        }
    }
}
