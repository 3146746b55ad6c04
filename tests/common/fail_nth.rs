//! An interceptor that sends chosen requests of one operation to a closed port: a network
//! failure in the middle of a run, at the requests a test names.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use aws_sdk_cognitoidentityprovider::config::interceptors::BeforeTransmitInterceptorContextMut;
use aws_sdk_cognitoidentityprovider::config::{ConfigBag, Intercept, RuntimeComponents};

/// Sends the `nth` requests of `operation` (counted from 1) to a closed port.
#[derive(Debug, Clone)]
pub struct FailNth {
    operation: &'static str,
    nth: Vec<usize>,
    seen: Arc<AtomicUsize>,
}

impl FailNth {
    pub fn new(operation: &'static str, nth: &[usize]) -> Self {
        Self {
            operation,
            nth: nth.to_vec(),
            seen: Arc::new(AtomicUsize::new(0)),
        }
    }
}

impl Intercept for FailNth {
    fn name(&self) -> &'static str {
        "FailNth"
    }

    fn modify_before_transmit(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let request = context.request_mut();
        let target = request.headers().get("x-amz-target").unwrap_or_default();
        if target.ends_with(self.operation) {
            let n = self.seen.fetch_add(1, Ordering::SeqCst) + 1;
            if self.nth.contains(&n) {
                request.set_uri("http://127.0.0.1:9/")?;
            }
        }
        Ok(())
    }
}
