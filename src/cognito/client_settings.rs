//! An app client's settings as a backup keeps them (DescribeUserPoolClient): everything an
//! admin would need to make the client again, and never its secret (only whether it has one).

use aws_sdk_cognitoidentityprovider::types::UserPoolClientType;
use serde::{Deserialize, Serialize};

use super::error::CognitoError;
use super::{Cognito, read_again};

/// An app client's settings, without its secret. Backups written before these were kept hold
/// only the name and id; the rest then reads as empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientSettings {
    pub id: String,
    pub name: String,
    /// Whether the client has a secret (the secret itself is never kept).
    pub has_secret: bool,
    pub explicit_auth_flows: Vec<String>,
    pub read_attributes: Vec<String>,
    pub write_attributes: Vec<String>,
    pub callback_urls: Vec<String>,
    pub logout_urls: Vec<String>,
    pub default_redirect_uri: Option<String>,
    pub allowed_oauth_flows: Vec<String>,
    pub allowed_oauth_scopes: Vec<String>,
    pub allowed_oauth_flows_user_pool_client: bool,
    pub supported_identity_providers: Vec<String>,
    pub access_token_validity: Option<i32>,
    pub id_token_validity: Option<i32>,
    pub refresh_token_validity: Option<i32>,
    /// The units of the three validities: access, id, refresh (`hours`, `days`, …).
    pub token_validity_units: Vec<Option<String>>,
    pub auth_session_validity: Option<i32>,
    pub prevent_user_existence_errors: Option<String>,
    pub enable_token_revocation: Option<bool>,
    pub enable_propagate_additional_user_context_data: Option<bool>,
}

fn strings<T: AsRef<str>>(items: &[T]) -> Vec<String> {
    items.iter().map(|i| i.as_ref().to_owned()).collect()
}

impl ClientSettings {
    /// The settings of `client` as DescribeUserPoolClient gave them, without the secret.
    pub fn of(client: &UserPoolClientType) -> Self {
        let units = client.token_validity_units();
        Self {
            id: client.client_id().unwrap_or_default().to_owned(),
            name: client.client_name().unwrap_or_default().to_owned(),
            has_secret: client.client_secret().is_some(),
            explicit_auth_flows: client
                .explicit_auth_flows()
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
            read_attributes: strings(client.read_attributes()),
            write_attributes: strings(client.write_attributes()),
            callback_urls: strings(client.callback_urls()),
            logout_urls: strings(client.logout_urls()),
            default_redirect_uri: client.default_redirect_uri().map(ToOwned::to_owned),
            allowed_oauth_flows: client
                .allowed_o_auth_flows()
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
            allowed_oauth_scopes: strings(client.allowed_o_auth_scopes()),
            allowed_oauth_flows_user_pool_client: client
                .allowed_o_auth_flows_user_pool_client()
                .unwrap_or_default(),
            supported_identity_providers: strings(client.supported_identity_providers()),
            access_token_validity: client.access_token_validity(),
            id_token_validity: client.id_token_validity(),
            refresh_token_validity: Some(client.refresh_token_validity()).filter(|v| *v > 0),
            token_validity_units: vec![
                units
                    .and_then(|u| u.access_token())
                    .map(|u| u.as_str().to_owned()),
                units
                    .and_then(|u| u.id_token())
                    .map(|u| u.as_str().to_owned()),
                units
                    .and_then(|u| u.refresh_token())
                    .map(|u| u.as_str().to_owned()),
            ],
            auth_session_validity: client.auth_session_validity(),
            prevent_user_existence_errors: client
                .prevent_user_existence_errors()
                .map(|p| p.as_str().to_owned()),
            enable_token_revocation: client.enable_token_revocation(),
            enable_propagate_additional_user_context_data: client
                .enable_propagate_additional_user_context_data(),
        }
    }
}

impl Cognito {
    /// The settings of each of the pool's app clients, without their secrets
    /// (ListUserPoolClients, then DescribeUserPoolClient for each).
    ///
    /// # Errors
    /// Cognito refused a read.
    pub async fn client_settings(
        &self,
        pool_id: &str,
    ) -> Result<Vec<ClientSettings>, CognitoError> {
        let mut settings = Vec::new();
        for client in read_again(|| self.list_clients(pool_id)).await? {
            let described = read_again(|| self.describe_client(pool_id, &client.id)).await?;
            settings.push(ClientSettings::of(&described));
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_never_kept_only_that_there_is_one() {
        let client = UserPoolClientType::builder()
            .client_id("c1")
            .client_name("web")
            .client_secret("s3cr3t-value")
            .callback_urls("https://app.example.com/cb")
            .build();
        let settings = ClientSettings::of(&client);
        assert!(settings.has_secret);
        assert_eq!(settings.callback_urls, ["https://app.example.com/cb"]);
        let line = serde_json::to_string(&settings).expect("json");
        assert!(!line.contains("s3cr3t"), "{line}");
        let old: ClientSettings =
            serde_json::from_str(r#"{"id":"c1","name":"web"}"#).expect("an older backup's line");
        assert_eq!((old.id.as_str(), old.name.as_str()), ("c1", "web"));
    }
}
