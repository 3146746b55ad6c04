//! Which calls the SDK sends again, with the read client configured as cognitui configures it
//! for AWS (adaptive retry, three attempts): a read answered HTTP 503 without an error code (a
//! proxy or load balancer) is sent again and succeeds; a change never is; an operation the
//! endpoint lacks is tried once, remembered for that endpoint and not called again, so a user's
//! page waits only for AdminGetUser.

use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_smithy_mocks::{Rule, RuleMode, mock, mock_client};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::mfa::unavailable;
use cognitui::cognito::{Cognito, CognitoError};
use tokio::time::Instant;

const POOL: &str = "eu-west-1_Desk";

/// A response with an awsJson1.1 body.
fn json(status: u16, body: &str) -> HttpResponse {
    let mut r = HttpResponse::new(
        StatusCode::try_from(status).expect("status"),
        SdkBody::from(body),
    );
    r.headers_mut()
        .insert("content-type", "application/x-amz-json-1.1");
    r
}

/// A web page with `status` and no error code: what a proxy, a load balancer or an endpoint
/// without the operation answers.
fn page(status: u16) -> HttpResponse {
    HttpResponse::new(
        StatusCode::try_from(status).expect("status"),
        SdkBody::from(format!("<!doctype html><title>{status}</title>")),
    )
}

/// cognitui's wrapper over a client answering from `rules`, retrying as it does against AWS.
fn cognito(rules: &[&Rule]) -> Cognito {
    Cognito::new(&mock_client!(
        aws_sdk_cognitoidentityprovider,
        RuleMode::MatchAny,
        rules,
        |c| c.retry_config(RetryConfig::adaptive())
    ))
}

fn get_user() -> Rule {
    mock!(Client::admin_get_user).then_http_response(|| {
        json(
            200,
            r#"{"Username":"ann","UserStatus":"CONFIRMED","Enabled":true,"UserAttributes":[]}"#,
        )
    })
}

fn groups() -> Rule {
    mock!(Client::admin_list_groups_for_user).then_http_response(|| json(200, r#"{"Groups":[]}"#))
}

fn pool_mfa() -> Rule {
    mock!(Client::get_user_pool_mfa_config)
        .then_http_response(|| json(200, r#"{"MfaConfiguration":"OFF"}"#))
}

/// AdminGetUserAuthFactors on an endpoint without it, answering `response` every time.
fn factors_lacking(response: fn() -> HttpResponse) -> Rule {
    mock!(Client::admin_get_user_auth_factors).then_http_response(response)
}

#[tokio::test(start_paused = true)]
async fn a_read_answered_503_without_a_code_is_sent_again_and_succeeds() {
    let flaky = mock!(Client::admin_get_user)
        .sequence()
        .http_response(|| page(503))
        .http_response(|| {
            json(
                200,
                r#"{"Username":"ann","UserStatus":"CONFIRMED","Enabled":true,"UserAttributes":[]}"#,
            )
        })
        .build();
    let cognito = cognito(&[&flaky, &groups()]);
    let user = cognito
        .get_user(POOL, "ann")
        .await
        .expect("read after a retry");
    assert_eq!(user.user.username, "ann");
    assert_eq!(flaky.num_calls(), 2, "one 503, then the answer");
}

#[tokio::test(start_paused = true)]
async fn a_change_answered_503_is_not_sent_again() {
    let change = mock!(Client::admin_disable_user)
        .sequence()
        .http_response(|| page(503))
        .http_response(|| json(200, "{}"))
        .build();
    let cognito = cognito(&[&change]);
    let result = cognito.admin(POOL, "ann", &AdminCall::Disable).await;
    assert_eq!(result, Err(CognitoError::ServerError(503)));
    assert_eq!(change.num_calls(), 1, "a change is sent once");
}

#[tokio::test(start_paused = true)]
async fn an_operation_the_endpoint_lacks_is_tried_once_and_remembered() {
    for lacking in [|| page(500), || page(501), || page(404)] {
        let factors = factors_lacking(lacking);
        let pool_mfa = pool_mfa();
        let cognito = cognito(&[&get_user(), &groups(), &factors, &pool_mfa]);
        let started = Instant::now();
        let (user, first, mfa) = cognito.read_user(POOL, "ann").await;
        assert!(user.is_ok(), "{user:?}");
        assert!(mfa.is_ok(), "{mfa:?}");
        let first = first.expect_err("the endpoint lacks AdminGetUserAuthFactors");
        assert!(
            unavailable("AdminGetUserAuthFactors", &first).starts_with("This endpoint lacks"),
            "{first:?}"
        );
        assert_eq!(factors.num_calls(), 1, "tried once, not retried");
        assert!(started.elapsed() < Duration::from_millis(100), "no backoff");

        let (user, second, _) = cognito.clone().read_user(POOL, "bob").await;
        assert!(user.is_ok(), "{user:?}");
        assert_eq!(second, Err(first), "the remembered answer");
        assert_eq!(factors.num_calls(), 1, "not called again on this endpoint");
        assert_eq!(pool_mfa.num_calls(), 1, "the pool's MFA read once");
    }
}

#[tokio::test(start_paused = true)]
async fn an_unknown_operation_error_is_remembered_too() {
    let unknown = mock!(Client::admin_get_user_auth_factors).then_http_response(|| {
        let mut r = json(
            400,
            r#"{"__type":"UnknownOperationException","message":"Unknown operation"}"#,
        );
        r.headers_mut()
            .insert("x-amzn-errortype", "UnknownOperationException");
        r
    });
    let cognito = cognito(&[&get_user(), &groups(), &unknown, &pool_mfa()]);
    let (_, first, _) = cognito.read_user(POOL, "ann").await;
    let first = first.expect_err("unknown operation");
    assert_eq!(
        unavailable("AdminGetUserAuthFactors", &first),
        "This endpoint lacks AdminGetUserAuthFactors (UnknownOperationException)."
    );
    let (_, second, _) = cognito.read_user(POOL, "ann").await;
    assert_eq!(second, Err(first));
    assert_eq!(unknown.num_calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn an_optional_read_is_not_retried_but_a_passing_failure_is_not_remembered() {
    let factors = mock!(Client::admin_get_user_auth_factors)
        .sequence()
        .http_response(|| page(503))
        .http_response(|| {
            json(
                200,
                r#"{"Username":"ann","ConfiguredUserAuthFactors":["PASSWORD"],"UserMFASettingList":[]}"#,
            )
        })
        .build();
    let cognito = cognito(&[&get_user(), &groups(), &factors, &pool_mfa()]);
    let (_, first, _) = cognito.read_user(POOL, "ann").await;
    assert_eq!(first, Err(CognitoError::ServerError(503)));
    assert_eq!(factors.num_calls(), 1, "not retried");
    let (_, second, _) = cognito.read_user(POOL, "ann").await;
    assert_eq!(second.expect("read").configured, ["PASSWORD"]);
    assert_eq!(factors.num_calls(), 2, "asked again on the next page");
}
