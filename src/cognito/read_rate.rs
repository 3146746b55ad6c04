//! The cap on read calls: every read request cognitui puts on the wire (the user table's pages,
//! a sharded load's shards, a user's page, the lists) takes a turn from one budget of
//! `read_rate_per_second`. Cognito's request quotas are per account and shared with the
//! production app, so a load of a large pool must leave that app its headroom.
//!
//! The budget is a token bucket holding one second's worth: opening a user sends its few reads at
//! once, while a long load settles at the rate. It sits under the SDK, as the HTTP client, so
//! that it counts every call, retries included. Throttling still slows reads further through
//! the SDK's adaptive retry mode.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::{
    RuntimeComponents, RuntimeComponentsBuilder,
};
use aws_smithy_runtime_api::shared::IntoShared;
use aws_smithy_types::config_bag::ConfigBag;
use tokio::time::Instant;

/// Read calls a second unless configured.
pub const DEFAULT_READ_RATE: u32 = 20;

/// A token bucket: `rate` turns a second, at most one second's worth saved up.
#[derive(Debug)]
pub struct ReadRate {
    rate: f64,
    /// Turns available (negative: turns already promised to waiting calls), as of when.
    bucket: Mutex<(f64, Instant)>,
}

impl ReadRate {
    pub fn new(rate_per_second: u32) -> Self {
        let rate = f64::from(rate_per_second.max(1));
        Self {
            rate,
            bucket: Mutex::new((rate, Instant::now())),
        }
    }

    /// How long the next call waits for its turn; the turn is taken now.
    pub fn take(&self) -> Duration {
        let mut bucket = self.bucket.lock().unwrap_or_else(PoisonError::into_inner);
        let (tokens, then) = *bucket;
        let now = Instant::now();
        let tokens = (tokens + (now - then).as_secs_f64() * self.rate).min(self.rate) - 1.0;
        *bucket = (tokens, now);
        if tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-tokens / self.rate)
        }
    }
}

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

/// An HTTP client whose every request first waits for its turn from a [`ReadRate`].
#[derive(Debug, Clone)]
pub struct RateLimited {
    inner: SharedHttpClient,
    rate: Arc<ReadRate>,
}

impl RateLimited {
    pub fn new(inner: SharedHttpClient, rate: Arc<ReadRate>) -> Self {
        Self { inner, rate }
    }
}

impl HttpClient for RateLimited {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        Connector {
            inner: self.inner.http_connector(settings, components),
            rate: Arc::clone(&self.rate),
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
    rate: Arc<ReadRate>,
}

impl HttpConnector for Connector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let (inner, wait) = (self.inner.clone(), self.rate.take());
        HttpConnectorFuture::new(async move {
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            inner.call(request).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_burst_of_one_seconds_worth_goes_at_once_then_calls_are_spaced() {
        let rate = ReadRate::new(4);
        let waits: Vec<Duration> = (0..7).map(|_| rate.take()).collect();
        assert_eq!(&waits[..4], &[Duration::ZERO; 4]);
        assert_eq!(waits[4], Duration::from_millis(250));
        assert_eq!(waits[5], Duration::from_millis(500));
        assert_eq!(waits[6], Duration::from_millis(750));
    }

    #[tokio::test(start_paused = true)]
    async fn the_bucket_refills_at_the_rate_and_holds_at_most_one_second() {
        let rate = ReadRate::new(2);
        rate.take();
        rate.take();
        tokio::time::advance(Duration::from_secs(10)).await;
        let waits: Vec<Duration> = (0..3).map(|_| rate.take()).collect();
        assert_eq!(
            waits,
            [Duration::ZERO, Duration::ZERO, Duration::from_millis(500)]
        );
    }
}
