//! Domain types the rest of the program uses instead of SDK types.

use std::fmt;

use chrono::{DateTime, Utc};

use super::sensitive::Sensitive;
use crate::password::PasswordPolicy;

/// Cognito's validity of temporary passwords when the pool does not set one.
pub const DEFAULT_TEMPORARY_PASSWORD_DAYS: i64 = 7;

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

    pub fn phone_verified(&self) -> bool {
        self.attribute("phone_number_verified") == Some("true")
    }

    /// Days since the invitation was sent (a resent one updates the modified date), for
    /// FORCE_CHANGE_PASSWORD users.
    pub fn invitation_age_days(&self, now: DateTime<Utc>) -> Option<i64> {
        invitation_age_days(&self.status, self.modified.or(self.created), now)
    }

    /// Whether the invitation's temporary password has expired.
    pub fn invitation_expired(&self, now: DateTime<Utc>, validity_days: i64) -> bool {
        self.invitation_age_days(now)
            .is_some_and(|age| age >= validity_days)
    }
}

/// Days since the invitation of a user in `status` was sent (`sent`: when the user last
/// changed, else was created), for an invited user only.
pub fn invitation_age_days(
    status: &UserStatus,
    sent: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<i64> {
    (*status == UserStatus::ForceChangePassword)
        .then(|| sent.map(|t| (now - t).num_days()))
        .flatten()
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
    /// The sign-in flows it allows (its ExplicitAuthFlows); empty when not known.
    pub auth_flows: super::flows::AuthFlows,
}

impl AppClient {
    /// The flows the sign-in screen offers, the first by default: those the client allows,
    /// or the two password flows when that is not known.
    pub fn sign_in_flows(&self) -> Vec<super::flows::AuthFlow> {
        use super::flows::AuthFlow;
        if self.auth_flows.is_empty() {
            vec![AuthFlow::Admin, AuthFlow::User]
        } else {
            self.auth_flows.to_vec()
        }
    }

    /// The SECRET_HASH client-side calls for `username` need, when the client has a secret.
    pub fn secret_hash(&self, username: &str) -> Option<String> {
        self.secret
            .as_ref()
            .map(|s| super::secret_hash(s, username, &self.id))
    }
}

/// Where Cognito sent a code: medium (`EMAIL`, `SMS`) and the masked destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDelivery {
    pub medium: String,
    pub destination: String,
}

impl fmt::Display for CodeDelivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let medium = match self.medium.as_str() {
            "EMAIL" => "email",
            "SMS" => "SMS",
            other => other,
        };
        write!(f, "by {medium} to {}", self.destination)
    }
}

/// The type of a schema attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributeKind {
    String,
    Number,
    DateTime,
    Boolean,
}

/// One attribute of the pool's schema (DescribeUserPool).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SchemaAttribute {
    /// With its `custom:` prefix for custom attributes.
    pub name: String,
    pub kind: AttributeKind,
    pub required: bool,
    pub mutable: bool,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_value: Option<i64>,
    pub max_value: Option<i64>,
}

impl SchemaAttribute {
    /// A mutable string attribute with no limits.
    pub fn text(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            kind: AttributeKind::String,
            required: false,
            mutable: true,
            min_length: None,
            max_length: None,
            min_value: None,
            max_value: None,
        }
    }
}

/// The standard attributes every pool has, in the order Cognito lists them.
pub const STANDARD_ATTRIBUTES: [&str; 20] = [
    "sub",
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
    "email_verified",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "phone_number",
    "phone_number_verified",
    "address",
    "updated_at",
];

/// Standard attributes every pool has, for pools whose DescribeUserPool lists only custom ones.
pub fn standard_attribute(name: &str) -> Option<SchemaAttribute> {
    let name = STANDARD_ATTRIBUTES.iter().find(|n| **n == name)?;
    let mut a = SchemaAttribute::text(name);
    match *name {
        "sub" => a.mutable = false,
        "email_verified" | "phone_number_verified" => a.kind = AttributeKind::Boolean,
        "updated_at" => a.kind = AttributeKind::Number,
        "birthdate" => a.max_length = Some(10),
        _ => {}
    }
    Some(a)
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
    /// The pool's attributes, standard and custom.
    pub schema: Vec<SchemaAttribute>,
    pub client: Option<AppClient>,
    /// Whether Cognito tells usernames apart by case (UsernameConfiguration.CaseSensitive;
    /// pools without that setting are case sensitive).
    pub usernames_case_sensitive: bool,
    /// About how many users the pool has (EstimatedNumberOfUsers), when Cognito says.
    pub estimated_users: Option<u32>,
    /// What can stop the pool's messages, for the pool-level diagnosis.
    pub facts: PoolFacts,
}

/// What the pool's settings say about its messages (codes, invitations): why one may never
/// arrive. Read with DescribeUserPool (and the chosen app client) when the pool opens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PoolFacts {
    /// Email goes through Cognito's default sender (COGNITO_DEFAULT), limited to a few dozen
    /// messages a day.
    pub default_email_sender: bool,
    /// The pool has an SMS configuration (an IAM role for Amazon SNS).
    pub sms_configured: bool,
    /// The function of the CustomMessage trigger, if set: when it fails, no code goes out.
    pub custom_message: Option<String>,
    /// The function of the PreSignUp trigger, if set.
    pub pre_sign_up: Option<String>,
    /// Attributes Cognito verifies by sending a code (AutoVerifiedAttributes).
    pub auto_verified: Vec<String>,
    /// What users sign in with instead of a username (UsernameAttributes).
    pub sign_in_with: Vec<String>,
    /// What users may sign in with besides their username (AliasAttributes).
    pub aliases: Vec<String>,
    /// The chosen app client hides missing users (PreventUserExistenceErrors ENABLED).
    pub hides_missing_users: bool,
}

impl PoolInfo {
    /// What the sign-up and invitation forms say about usernames in a pool that ignores case.
    pub fn username_case_note(&self) -> Option<&'static str> {
        (!self.usernames_case_sensitive)
            .then_some("Usernames in this pool ignore case: 'Ann' and 'ann' are the same user.")
    }

    /// Names of the pool's custom attributes, with their `custom:` prefix.
    pub fn custom_attributes(&self) -> impl Iterator<Item = &str> {
        self.schema
            .iter()
            .map(|a| a.name.as_str())
            .filter(|n| n.starts_with("custom:"))
    }

    /// The schema entry of attribute `name`; standard attributes are known even when the pool
    /// does not list them.
    pub fn attribute(&self, name: &str) -> Option<SchemaAttribute> {
        self.schema
            .iter()
            .find(|a| a.name == name)
            .cloned()
            .or_else(|| standard_attribute(name))
    }
}

/// A second factor a pool can offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolFactor {
    /// An authenticator app (SoftwareTokenMfaConfiguration enabled).
    Totp,
    /// SMS (an SmsMfaConfiguration).
    Sms,
    /// Email (an EmailMfaConfiguration; the Essentials or Plus plan).
    Email,
    /// A passkey counts as a second factor (WebAuthn MULTI_FACTOR_WITH_USER_VERIFICATION).
    Passkey,
}

impl PoolFactor {
    pub fn label(self) -> &'static str {
        match self {
            Self::Totp => "TOTP",
            Self::Sms => "SMS",
            Self::Email => "email",
            Self::Passkey => "passkey",
        }
    }
}

/// The pool's MFA configuration (GetUserPoolMfaConfig).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolMfa {
    /// MfaConfiguration: `OFF`, `ON` or `OPTIONAL`; when not returned, a phrase saying so
    /// with AWS's default.
    pub configuration: String,
    /// The second factors it offers, in this order: TOTP, SMS, email, passkey.
    pub factors: Vec<PoolFactor>,
}

impl PoolMfa {
    /// The factors the pool offers, for one line: "TOTP, SMS".
    pub fn factor_labels(&self) -> Vec<&'static str> {
        self.factors.iter().map(|f| f.label()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_that_ignores_case_says_so_on_the_forms() {
        let mut pool = PoolInfo {
            id: "p".into(),
            name: "p".into(),
            temporary_password_validity_days: 7,
            mfa_configuration: "OFF".into(),
            password_policy: PasswordPolicy::default(),
            schema: vec![],
            client: None,
            usernames_case_sensitive: true,
            estimated_users: None,
            facts: PoolFacts::default(),
        };
        assert_eq!(pool.username_case_note(), None);
        pool.usernames_case_sensitive = false;
        assert!(
            pool.username_case_note()
                .is_some_and(|n| n.contains("ignore case"))
        );
    }
}
