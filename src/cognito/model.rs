//! Domain types the rest of the program uses instead of SDK types.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::password::PasswordPolicy;

/// Cognito's validity of temporary passwords when the pool does not set one.
pub const DEFAULT_TEMPORARY_PASSWORD_DAYS: i64 = 7;

/// A value that must never reach a log, a snapshot or a panic message: an app client secret,
/// a password, a code, a session, a token. Its `Debug` never prints the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive(String);

impl Sensitive {
    pub fn new(value: String) -> Self {
        Self(value)
    }

    /// The value itself, for the request that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Sensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sensitive(***)")
    }
}

/// A user's account status (`UserStatus` in the API).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserStatus {
    Unconfirmed,
    Confirmed,
    ForceChangePassword,
    ResetRequired,
    Compromised,
    Archived,
    ExternalProvider,
    Unknown(String),
}

impl UserStatus {
    pub fn from_api(s: &str) -> Self {
        match s {
            "UNCONFIRMED" => Self::Unconfirmed,
            "CONFIRMED" => Self::Confirmed,
            "FORCE_CHANGE_PASSWORD" => Self::ForceChangePassword,
            "RESET_REQUIRED" => Self::ResetRequired,
            "COMPROMISED" => Self::Compromised,
            "ARCHIVED" => Self::Archived,
            "EXTERNAL_PROVIDER" => Self::ExternalProvider,
            other => Self::Unknown(other.to_owned()),
        }
    }

    pub fn as_api(&self) -> &str {
        match self {
            Self::Unconfirmed => "UNCONFIRMED",
            Self::Confirmed => "CONFIRMED",
            Self::ForceChangePassword => "FORCE_CHANGE_PASSWORD",
            Self::ResetRequired => "RESET_REQUIRED",
            Self::Compromised => "COMPROMISED",
            Self::Archived => "ARCHIVED",
            Self::ExternalProvider => "EXTERNAL_PROVIDER",
            Self::Unknown(s) => s,
        }
    }
}

/// One attribute of a user, standard (`email`) or custom (`custom:tier`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub name: String,
    pub value: String,
}

/// A user as ListUsers and AdminGetUser describe them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub username: String,
    pub attributes: Vec<Attribute>,
    pub status: UserStatus,
    pub enabled: bool,
    pub created: Option<DateTime<Utc>>,
    pub modified: Option<DateTime<Utc>>,
}

impl User {
    /// The value of attribute `name`, if the user has it.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }

    pub fn email(&self) -> Option<&str> {
        self.attribute("email")
    }

    pub fn email_verified(&self) -> bool {
        self.attribute("email_verified") == Some("true")
    }
}

/// Everything the detail screen shows about one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDetail {
    pub user: User,
    /// The preferred MFA method, e.g. `SOFTWARE_TOKEN_MFA`.
    pub preferred_mfa: Option<String>,
    /// The MFA methods the user has enabled.
    pub mfa_enabled: Vec<String>,
    pub groups: Vec<String>,
}

/// One page of ListUsers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsersPage {
    pub users: Vec<User>,
    /// Present when more users may follow.
    pub next_token: Option<String>,
}

/// A user pool as ListUserPools lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSummary {
    pub id: String,
    pub name: String,
}

/// An app client as ListUserPoolClients lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSummary {
    pub id: String,
    pub name: String,
}

/// The app client the session uses, with its secret when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppClient {
    pub id: String,
    pub name: String,
    pub secret: Option<Sensitive>,
}

/// What the app knows about the pool it works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolInfo {
    pub id: String,
    pub name: String,
    /// How long an invitation's temporary password is valid.
    pub temporary_password_validity_days: i64,
    /// `OFF`, `ON` or `OPTIONAL`.
    pub mfa_configuration: String,
    pub password_policy: PasswordPolicy,
    /// Names of the pool's custom attributes, with their `custom:` prefix.
    pub custom_attributes: Vec<String>,
    pub client: Option<AppClient>,
}
