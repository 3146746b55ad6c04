//! The claims of Cognito's ID and access tokens, decoded for display. The signature is not
//! checked: cognitui shows what Cognito returned, it does not authorise anything with it.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde_json::Value;

/// The claims a support agent or a demo audience wants to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// `id` or `access`.
    pub token_use: String,
    pub sub: String,
    pub username: Option<String>,
    pub email: Option<String>,
    pub groups: Vec<String>,
    pub auth_time: Option<DateTime<Utc>>,
    pub expires: Option<DateTime<Utc>>,
}

/// Decodes the payload of a JWT; `None` if it is not one.
pub fn decode(token: &str) -> Option<Claims> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let json: Value = serde_json::from_slice(&bytes).ok()?;
    let text = |key: &str| json.get(key).and_then(Value::as_str).map(ToOwned::to_owned);
    let time = |key: &str| {
        json.get(key)
            .and_then(Value::as_i64)
            .and_then(|t| DateTime::from_timestamp(t, 0))
    };
    Some(Claims {
        token_use: text("token_use").unwrap_or_default(),
        sub: text("sub").unwrap_or_default(),
        username: text("cognito:username").or_else(|| text("username")),
        email: text("email"),
        groups: json
            .get("cognito:groups")
            .and_then(Value::as_array)
            .map(|g| {
                g.iter()
                    .filter_map(Value::as_str)
                    .map(ToOwned::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        auth_time: time("auth_time"),
        expires: time("exp"),
    })
}

/// The username an access token belongs to (its claims), else `fallback`.
pub fn username_of(access_token: &str, fallback: &str) -> String {
    decode(access_token)
        .and_then(|c| c.username)
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| fallback.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &str) -> String {
        format!(
            "eyJhbGciOiJSUzI1NiJ9.{}.c2ln",
            URL_SAFE_NO_PAD.encode(payload)
        )
    }

    #[test]
    fn decodes_cognito_claims() {
        let token = jwt(
            r#"{"sub":"abc","cognito:username":"ann","email":"ann@x.io","cognito:groups":["admins"],"auth_time":1700000000,"exp":1700003600,"token_use":"id"}"#,
        );
        let c = decode(&token).expect("jwt");
        assert_eq!(c.sub, "abc");
        assert_eq!(c.username.as_deref(), Some("ann"));
        assert_eq!(c.groups, vec!["admins".to_owned()]);
        assert_eq!(c.token_use, "id");
        assert_eq!(c.expires.map(|t| t.timestamp()), Some(1_700_003_600));
    }

    #[test]
    fn rejects_non_jwt() {
        assert_eq!(decode("not-a-token"), None);
        assert_eq!(decode("a.%%%.b"), None);
    }
}
