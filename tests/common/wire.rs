//! AWS's wire shapes for aws-smithy-mocks: awsJson1.1 bodies, error responses with
//! `x-amzn-errortype`, and clients that answer from rules with retries off.

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_smithy_mocks::{Rule, RuleMode, mock, mock_client};
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

/// An SDK client answering from `rules` (the first that matches), retries off. The reads
/// cognitui makes beside a user's page are answered too when the test has no rule for them
/// (see [`side_reads`]).
pub fn mock_client_of(rules: &[&Rule]) -> Client {
    let side = side_reads();
    let all: Vec<&Rule> = rules.iter().copied().chain(side.iter()).collect();
    mock_client!(
        aws_sdk_cognitoidentityprovider,
        RuleMode::MatchAny,
        all,
        |c| c.retry_config(RetryConfig::disabled())
    )
}

/// AdminGetUserAuthFactors and GetUserPoolMfaConfig as AWS answers them for a user who signs
/// in with a password only, in a pool without MFA: what the user's page reads beside
/// AdminGetUser.
pub fn side_reads() -> [Rule; 2] {
    [
        mock!(Client::admin_get_user_auth_factors).then_http_response(|| {
            json(
                200,
                r#"{"Username":"user","ConfiguredUserAuthFactors":["PASSWORD"],"UserMFASettingList":[]}"#,
            )
        }),
        mock!(Client::get_user_pool_mfa_config)
            .then_http_response(|| json(200, r#"{"MfaConfiguration":"OFF"}"#)),
    ]
}

/// The app's Cognito wrapper over [`mock_client_of`].
pub fn mocked(rules: &[&Rule]) -> Cognito {
    Cognito::new(&mock_client_of(rules))
}
