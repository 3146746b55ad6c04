//! The HTTP client under the SDK that holds Cognito's quotas: every request cognitui puts on
//! the wire (retries included) first waits for its turn in its category's lane
//! ([`Quotas`]), and an answer of TooManyRequests cuts that lane's rate at once. It sits under
//! the SDK, as the HTTP client, so that it counts every call and sees every throttled answer,
//! including those the SDK's retries would hide.

use std::sync::Arc;

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::{
    RuntimeComponents, RuntimeComponentsBuilder,
};
use aws_smithy_runtime_api::shared::IntoShared;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::byte_stream::ByteStream;
use aws_smithy_types::config_bag::ConfigBag;

use super::quota::{Category, Quotas};

/// The HTTPS client the SDK would use by default (hyper 1 with rustls, the proxy from the
/// environment), made here because a client only gets it when a request is sent, too late to
/// be wrapped.
pub fn default_https_client() -> SharedHttpClient {
    use aws_smithy_http_client::proxy::ProxyConfig;
    use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
    use aws_smithy_http_client::{Builder, ConnectorBuilder};
    Builder::new().build_with_connector_fn(|settings, components| {
        let mut connector =
            ConnectorBuilder::default().tls_provider(Provider::Rustls(CryptoMode::AwsLc));
        connector.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            connector.set_sleep_impl(components.sleep_impl());
        }
        connector.set_proxy_config(Some(ProxyConfig::from_env()));
        connector.build()
    })
}

/// An HTTP client whose every request first waits for its turn in its category's lane, and
/// whose throttled answers cut that lane's rate.
#[derive(Debug, Clone)]
pub struct Paced {
    inner: SharedHttpClient,
    quotas: Arc<Quotas>,
}

impl Paced {
    pub fn new(inner: SharedHttpClient, quotas: Arc<Quotas>) -> Self {
        Self { inner, quotas }
    }
}

impl HttpClient for Paced {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        Connector {
            inner: self.inner.http_connector(settings, components),
            quotas: Arc::clone(&self.quotas),
        }
        .into_shared()
    }

    fn validate_base_client_config(
        &self,
        components: &RuntimeComponentsBuilder,
        cfg: &ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        self.inner.validate_base_client_config(components, cfg)
    }

    fn validate_final_config(
        &self,
        components: &RuntimeComponents,
        cfg: &ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        self.inner.validate_final_config(components, cfg)
    }
}

#[derive(Debug)]
struct Connector {
    inner: SharedHttpConnector,
    quotas: Arc<Quotas>,
}

impl HttpConnector for Connector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let category = Category::of(operation(&request));
        let (inner, quotas) = (self.inner.clone(), Arc::clone(&self.quotas));
        let wait = quotas.take(category);
        HttpConnectorFuture::new(async move {
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            let mut response = inner.call(request).await?;
            if response.status().as_u16() == 400 && throttled(&mut response).await? {
                quotas.throttled(category);
            }
            Ok(response)
        })
    }
}

/// The operation a request calls, from its `X-Amz-Target` header
/// (`AWSCognitoIdentityProviderService.ListUsers`).
fn operation(request: &HttpRequest) -> &str {
    let target = request.headers().get("x-amz-target").unwrap_or_default();
    target.rsplit('.').next().unwrap_or(target)
}

/// Whether a 400 answer is TooManyRequests: its `X-Amzn-ErrorType` header says so, or else its
/// body does (read here, and put back for the SDK). A body that cannot be read is the
/// connection's failure, as it would have been for the SDK.
async fn throttled(response: &mut HttpResponse) -> Result<bool, ConnectorError> {
    const THROTTLED: &str = "TooManyRequestsException";
    if let Some(kind) = response.headers().get("x-amzn-errortype") {
        return Ok(kind.starts_with(THROTTLED));
    }
    let body = ByteStream::new(response.take_body())
        .collect()
        .await
        .map_err(|e| ConnectorError::io(e.into()))?
        .into_bytes();
    let found = memchr::memmem::find(&body, THROTTLED.as_bytes()).is_some();
    *response.body_mut() = SdkBody::from(body);
    Ok(found)
}

#[cfg(test)]
mod tests {
    use aws_smithy_runtime_api::http::StatusCode;

    use super::*;

    fn answer(header: Option<&str>, body: &'static str) -> HttpResponse {
        let mut response = HttpResponse::new(
            StatusCode::try_from(400).expect("status"),
            SdkBody::from(body),
        );
        if let Some(kind) = header {
            response
                .headers_mut()
                .insert("x-amzn-errortype", kind.to_owned());
        }
        response
    }

    #[tokio::test]
    async fn throttling_is_read_from_the_header_or_else_from_the_body_which_stays_whole() {
        let mut by_header = answer(Some("TooManyRequestsException:http://internal"), "{}");
        assert!(throttled(&mut by_header).await.expect("read"));
        let mut other = answer(Some("UserNotFoundException:"), "TooManyRequestsException");
        assert!(
            !throttled(&mut other).await.expect("read"),
            "the header decides"
        );

        let body = r#"{"__type":"TooManyRequestsException","message":"Rate exceeded"}"#;
        let mut by_body = answer(None, body);
        assert!(throttled(&mut by_body).await.expect("read"));
        assert_eq!(by_body.body().bytes(), Some(body.as_bytes()), "put back");
        let mut refused = answer(None, r#"{"__type":"UserNotFoundException"}"#);
        assert!(!throttled(&mut refused).await.expect("read"));
    }
}
