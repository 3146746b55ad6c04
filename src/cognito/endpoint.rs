//! Whether requests go to Cognito on AWS or to an endpoint URL of their own (`--endpoint-url`, a
//! pool's `endpoint_url`, `AWS_ENDPOINT_URL` or `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`):
//! the SDK keeps that URL in each request's configuration, where [`EndpointUrl`] reads it. The
//! local emulator's departures from Cognito are accepted only from such an endpoint.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use aws_sdk_cognitoidentityprovider::config::interceptors::BeforeSerializationInterceptorContextRef;
use aws_sdk_cognitoidentityprovider::config::{ConfigBag, Intercept};

/// Who answers the requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    /// Cognito on AWS: its answers are taken exactly as Cognito documents them.
    Aws,
    /// An endpoint URL of its own, such as the local emulator: where its answers depart from
    /// Cognito's, they are taken as it gives them.
    Emulator,
}

/// Records, as each request starts, whether the client sends it to an endpoint URL of its own.
/// Shared by every clone.
#[derive(Debug, Clone, Default)]
pub(super) struct EndpointUrl {
    set: Arc<AtomicBool>,
}

impl EndpointUrl {
    /// Who answered the latest request: AWS until a request has gone to an endpoint URL.
    pub(super) fn server(&self) -> Server {
        if self.set.load(Ordering::Relaxed) {
            Server::Emulator
        } else {
            Server::Aws
        }
    }
}

impl Intercept for EndpointUrl {
    fn name(&self) -> &'static str {
        "EndpointUrl"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut ConfigBag,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let set = cfg
            .load::<aws_types::endpoint_config::EndpointUrl>()
            .is_some();
        self.set.store(set, Ordering::Relaxed);
        Ok(())
    }
}
