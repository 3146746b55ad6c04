//! What the admin screens list about a user: their remembered devices (AdminListDevices) and
//! sign-in events (AdminListUserAuthEvents).

use chrono::{DateTime, Utc};

use super::Cognito;
use super::error::CognitoError;
use super::sdk::to_chrono;

type Result<T> = std::result::Result<T, CognitoError>;

/// A device Cognito remembers for a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub key: String,
    /// The device's name, from its `device_name` attribute.
    pub name: Option<String>,
    pub last_ip: Option<String>,
    pub last_used: Option<DateTime<Utc>>,
}

/// One sign-in event with threat protection's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthEvent {
    /// EventId, which feedback names.
    pub id: String,
    pub time: Option<DateTime<Utc>>,
    /// `SignIn`, `SignUp`, `ForgotPassword`, ...
    pub kind: String,
    /// `Pass`, `Fail`, `InProgress`.
    pub response: String,
    /// `Low`, `Medium`, `High`, or none.
    pub risk: Option<String>,
    pub ip: Option<String>,
    /// The feedback given on it (`Valid`, `Invalid`), if any.
    pub feedback: Option<String>,
}

impl Cognito {
    /// The user's remembered devices (AdminListDevices, first 60).
    pub async fn list_devices(&self, pool_id: &str, username: &str) -> Result<Vec<Device>> {
        let out = self
            .client
            .admin_list_devices()
            .user_pool_id(pool_id)
            .username(username)
            .limit(60)
            .send()
            .await?;
        Ok(out
            .devices()
            .iter()
            .map(|d| {
                let attribute = |name: &str| {
                    d.device_attributes()
                        .iter()
                        .find(|a| a.name() == name)
                        .and_then(|a| a.value().map(ToOwned::to_owned))
                };
                Device {
                    key: d.device_key().unwrap_or_default().to_owned(),
                    name: attribute("device_name"),
                    last_ip: attribute("last_ip_used"),
                    last_used: d.device_last_authenticated_date().and_then(to_chrono),
                }
            })
            .collect())
    }

    /// The keys of every device the user has remembered (AdminListDevices, every page).
    pub async fn device_keys(&self, pool_id: &str, username: &str) -> Result<Vec<String>> {
        let mut keys = Vec::new();
        let mut token = None;
        loop {
            let out = self
                .client
                .admin_list_devices()
                .user_pool_id(pool_id)
                .username(username)
                .limit(60)
                .set_pagination_token(token)
                .send()
                .await?;
            keys.extend(
                out.devices()
                    .iter()
                    .filter_map(|d| d.device_key())
                    .map(ToOwned::to_owned),
            );
            token = out.pagination_token().map(ToOwned::to_owned);
            if token.is_none() {
                return Ok(keys);
            }
        }
    }

    /// The user's latest sign-in events (AdminListUserAuthEvents, first 60).
    pub async fn auth_events(&self, pool_id: &str, username: &str) -> Result<Vec<AuthEvent>> {
        let out = self
            .client
            .admin_list_user_auth_events()
            .user_pool_id(pool_id)
            .username(username)
            .max_results(60)
            .send()
            .await?;
        Ok(out
            .auth_events()
            .iter()
            .map(|e| AuthEvent {
                id: e.event_id().unwrap_or_default().to_owned(),
                time: e.creation_date().and_then(to_chrono),
                kind: e.event_type().map_or("?", |t| t.as_str()).to_owned(),
                response: e.event_response().map_or("?", |r| r.as_str()).to_owned(),
                risk: e
                    .event_risk()
                    .and_then(|r| r.risk_level())
                    .map(|l| l.as_str().to_owned()),
                ip: e
                    .event_context_data()
                    .and_then(|c| c.ip_address())
                    .map(ToOwned::to_owned),
                feedback: e
                    .event_feedback()
                    .map(|f| f.feedback_value().as_str().to_owned()),
            })
            .collect())
    }
}
