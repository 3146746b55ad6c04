//! AWS's wire shapes for aws-smithy-mocks: awsJson1.1 bodies, error responses with
//! `x-amzn-errortype`, and clients that answer from rules with retries off.

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_smithy_mocks::{Rule, RuleMode, mock_client};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use cognitui::cognito::Cognito;

/// A response with an awsJson1.1 body.
pub fn json(status: u16, body: &str) -> HttpResponse {
    let mut r = HttpResponse::new(
        StatusCode::try_from(status).expect("status"),
        SdkBody::from(body),
    );
    r.headers_mut()
        .insert("content-type", "application/x-amz-json-1.1");
    r
}

/// An error exactly as Cognito sends it: HTTP 400, `__type` and `message`.
pub fn aws_error(code: &str, message: &str) -> HttpResponse {
    let mut r = json(
        400,
        &format!(r#"{{"__type":"{code}","message":"{message}"}}"#),
    );
    r.headers_mut().insert("x-amzn-errortype", code.to_owned());
    r
}

/// An SDK client answering from `rules` (the first that matches), retries off.
pub fn mock_client_of(rules: &[&Rule]) -> Client {
    mock_client!(
        aws_sdk_cognitoidentityprovider,
        RuleMode::MatchAny,
        rules,
        |c| c.retry_config(RetryConfig::disabled())
    )
}

/// The app's Cognito wrapper over [`mock_client_of`].
pub fn mocked(rules: &[&Rule]) -> Cognito {
    Cognito::new(&mock_client_of(rules))
}
