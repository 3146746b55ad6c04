//! Reads a page can do without (AdminGetUserAuthFactors and GetUserPoolMfaConfig beside
//! AdminGetUser): each is sent once, never retried, so the page waits for the read it needs
//! only; and an operation the endpoint answered it lacks is not sent to that endpoint again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aws_sdk_cognitoidentityprovider::config::Builder;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;

use super::error::CognitoError;

type Result<T> = std::result::Result<T, CognitoError>;

/// Error codes with which an endpoint says it has no such operation.
const UNKNOWN_OPERATION_CODES: [&str; 6] = [
    "UnknownOperationException",
    "UnknownOperation",
    "InvalidAction",
    "NotImplemented",
    "NotImplementedException",
    "UnsupportedOperationException",
];

/// Why `error` says the endpoint lacks the operation called, for the sentence that says so: a
/// code-less HTTP 500 or 501 (an emulator without the operation), a code-less HTTP 404, or an
/// error code or message naming an unknown or unimplemented operation. `None` for every other
/// failure, which may not happen again.
pub fn lacks_operation(error: &CognitoError) -> Option<String> {
    match error {
        CognitoError::ServerError(status @ (500 | 501))
        | CognitoError::UnreadableResponse(status @ 404) => Some(format!("HTTP {status}")),
        CognitoError::Other { code, message } => {
            let message = message.to_ascii_lowercase();
            (UNKNOWN_OPERATION_CODES.contains(&code.as_str())
                || message.contains("not yet implemented")
                || message.contains("not implemented"))
            .then(|| code.clone())
        }
        _ => None,
    }
}

/// The configuration of an optional read: sent once, without the SDK's retries.
pub(super) fn once() -> Builder {
    Builder::new().retry_config(RetryConfig::disabled())
}

/// The operations one endpoint answered it lacks, each with that answer; shared by every clone
/// of the client that talks to it.
#[derive(Debug, Clone, Default)]
pub(super) struct Lacking(Arc<Mutex<HashMap<&'static str, CognitoError>>>);

impl Lacking {
    /// `read` of `operation`, unless the endpoint already answered it lacks the operation: then
    /// that answer at once. An answer saying so is remembered.
    pub(super) async fn read<T>(
        &self,
        operation: &'static str,
        read: impl Future<Output = Result<T>>,
    ) -> Result<T> {
        let known = self.0.lock().ok().and_then(|m| m.get(operation).cloned());
        if let Some(answer) = known {
            return Err(answer);
        }
        let result = read.await;
        if let Err(e) = &result
            && lacks_operation(e).is_some()
            && let Ok(mut m) = self.0.lock()
        {
            m.insert(operation, e.clone());
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_says_the_operation_is_missing() {
        let other = |code: &str, message: &str| CognitoError::Other {
            code: code.into(),
            message: message.into(),
        };
        let said = [
            (CognitoError::ServerError(500), Some("HTTP 500")),
            (CognitoError::ServerError(501), Some("HTTP 501")),
            (CognitoError::UnreadableResponse(404), Some("HTTP 404")),
            (
                other("UnknownOperationException", ""),
                Some("UnknownOperationException"),
            ),
            (
                other(
                    "InternalFailure",
                    "API action 'AdminGetUserAuthFactors' for service 'cognito-idp' not yet implemented",
                ),
                Some("InternalFailure"),
            ),
            (CognitoError::ServerError(503), None),
            (CognitoError::UnreadableResponse(400), None),
            (CognitoError::Timeout, None),
            (other("SomethingElse", "it failed"), None),
        ];
        for (error, reason) in said {
            assert_eq!(lacks_operation(&error).as_deref(), reason, "{error:?}");
        }
    }
}
