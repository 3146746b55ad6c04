//! What the SDK's retry of reads must leave alone. Its standard classifier counts
//! LimitExceededException as throttling, but in Cognito it is the per-user limit of attempts or
//! codes: sending again cannot succeed and only uses up the user's tries. An HTTP 500 without an
//! error code is not Cognito either (an emulator or proxy that does not implement the
//! operation): asking again gets the same page, only later. A code-less HTTP 502, 503 or 504 (a
//! proxy or load balancer between) passes, and the SDK's own classifier sends the read again.

use aws_sdk_cognitoidentityprovider::config::interceptors::InterceptorContext;
use aws_sdk_cognitoidentityprovider::config::retry::{ClassifyRetry, RetryAction};

/// The error code an awsJson1.1 answer names: its `x-amzn-errortype` header or the body's
/// `__type`, without a namespace (`aws.cognito#`) or the URL after `:`.
fn error_code(headers_value: Option<&str>, body: Option<&[u8]>) -> Option<String> {
    let from_header = headers_value
        .and_then(|v| v.split(':').next())
        .filter(|v| !v.is_empty())
        .map(ToOwned::to_owned);
    from_header.or_else(|| {
        let value: serde_json::Value = serde_json::from_slice(body?).ok()?;
        let code = value.get("__type")?.as_str()?;
        Some(code.rsplit('#').next().unwrap_or(code).to_owned())
    })
}

/// Forbids the retry of LimitExceededException and of a code-less HTTP 500: a classifier that
/// forbids a retry overrides every other one, whatever its priority.
#[derive(Debug, Default)]
pub struct NoRetryOfUserLimits;

impl ClassifyRetry for NoRetryOfUserLimits {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        if !matches!(ctx.output_or_error(), Some(Err(_))) {
            return RetryAction::NoActionIndicated;
        }
        let Some(response) = ctx.response() else {
            return RetryAction::NoActionIndicated;
        };
        let code = error_code(
            response.headers().get("x-amzn-errortype"),
            response.body().bytes(),
        );
        match code.as_deref() {
            Some("LimitExceededException") => RetryAction::RetryForbidden,
            None if response.status().as_u16() == 500 => RetryAction::RetryForbidden,
            _ => RetryAction::NoActionIndicated,
        }
    }

    fn name(&self) -> &'static str {
        "cognitui: no retry of Cognito's per-user limits"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_comes_from_the_header_or_the_body() {
        assert_eq!(
            error_code(
                Some("LimitExceededException:http://internal.amazon.com/coral/"),
                None
            )
            .as_deref(),
            Some("LimitExceededException")
        );
        assert_eq!(
            error_code(
                None,
                Some(br#"{"__type":"aws.cognito#LimitExceededException"}"#)
            )
            .as_deref(),
            Some("LimitExceededException")
        );
        assert_eq!(error_code(None, Some(b"<html>500</html>")), None);
    }
}
