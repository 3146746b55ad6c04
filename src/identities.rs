//! The `identities` attribute of a federated user: the external identities (Google, a SAML or
//! OIDC provider, …) Cognito linked to the user, decoded from the JSON Cognito stores there.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::cognito::model::User;

/// One identity linked to a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedIdentity {
    /// The provider's name in the pool (`Google`, `Okta`, …).
    pub provider: String,
    /// Its type (`Google`, `SAML`, `OIDC`, …).
    pub kind: String,
    /// The user's id at the provider.
    pub user_id: String,
    /// When Cognito linked it.
    pub since: Option<DateTime<Utc>>,
}

/// The wire shape of one entry, as Cognito writes it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    user_id: Option<String>,
    provider_name: Option<String>,
    provider_type: Option<String>,
    /// Milliseconds since the epoch, as a number or a string.
    date_created: Option<serde_json::Value>,
}

/// The identities linked to `user`; `None` when the attribute is there but is not the JSON
/// Cognito writes (the page then shows it as it is).
pub fn linked(user: &User) -> Option<Vec<LinkedIdentity>> {
    let Some(raw) = user.attribute("identities") else {
        return Some(Vec::new());
    };
    let entries: Vec<Entry> = serde_json::from_str(raw).ok()?;
    Some(
        entries
            .into_iter()
            .map(|e| LinkedIdentity {
                provider: e.provider_name.unwrap_or_else(|| "?".into()),
                kind: e.provider_type.unwrap_or_else(|| "?".into()),
                user_id: e.user_id.unwrap_or_else(|| "?".into()),
                since: e
                    .date_created
                    .as_ref()
                    .and_then(millis)
                    .and_then(DateTime::from_timestamp_millis),
            })
            .collect(),
    )
}

fn millis(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::{Attribute, UserStatus};

    fn user(identities: Option<&str>) -> User {
        User {
            username: "google_1234".into(),
            attributes: identities
                .map(|v| Attribute {
                    name: "identities".into(),
                    value: v.into(),
                })
                .into_iter()
                .collect(),
            status: UserStatus::ExternalProvider,
            enabled: true,
            created: None,
            modified: None,
        }
    }

    #[test]
    fn cognitos_identities_json_is_read() {
        let raw = r#"[{"userId":"1234","providerName":"Google","providerType":"Google","issuer":null,"primary":true,"dateCreated":1767225600000},{"userId":"ann@corp.example","providerName":"Okta","providerType":"SAML","issuer":"http://www.okta.com/x","primary":false,"dateCreated":"1767312000000"}]"#;
        let linked = linked(&user(Some(raw))).expect("read");
        assert_eq!(linked.len(), 2);
        assert_eq!(linked[0].provider, "Google");
        assert_eq!(linked[0].user_id, "1234");
        assert_eq!(
            linked[0].since.map(|t| t.to_rfc3339()),
            Some("2026-01-01T00:00:00+00:00".into())
        );
        assert_eq!(linked[1].kind, "SAML");
        assert!(linked[1].since.is_some(), "a date as a string is read too");
    }

    #[test]
    fn no_attribute_is_no_identity_and_odd_json_is_not_guessed() {
        assert_eq!(linked(&user(None)), Some(Vec::new()));
        assert_eq!(linked(&user(Some("not json"))), None);
    }
}
