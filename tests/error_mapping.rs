//! Cognito errors in AWS's exact wire shapes (aws-smithy-mocks), and a real transport error,
//! each mapped to the sentence the status line shows.

use std::net::TcpListener;
use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_smithy_mocks::{Rule, RuleMode, mock, mock_client};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use cognitui::cognito::{Cognito, CognitoError};
use cognitui::dev::emulator_client;

/// An error response exactly as Cognito sends it (awsJson1.1).
fn aws_error(status: u16, code: &str, message: &str) -> HttpResponse {
    let mut response = HttpResponse::new(
        StatusCode::try_from(status).expect("status"),
        SdkBody::from(format!(r#"{{"__type":"{code}","message":"{message}"}}"#)),
    );
    response
        .headers_mut()
        .insert("content-type", "application/x-amz-json-1.1");
    response.headers_mut().insert(
        "x-amzn-errortype",
        format!("{code}:http://internal.amazon.com/coral/com.amazonaws.swbup.service/"),
    );
    response
}

fn mocked(rule: &Rule) -> Client {
    mock_client!(
        aws_sdk_cognitoidentityprovider,
        RuleMode::Sequential,
        [rule],
        |c| c.retry_config(RetryConfig::disabled())
    )
}

async fn get_user_error(code: &'static str, message: &'static str, status: u16) -> CognitoError {
    let rule =
        mock!(Client::admin_get_user).then_http_response(move || aws_error(status, code, message));
    let cognito = Cognito::new(&mocked(&rule));
    let err = cognito
        .get_user("us-east-1_Pool", "ann")
        .await
        .expect_err("the mock fails");
    assert_eq!(rule.num_calls(), 1);
    err
}

#[tokio::test]
async fn user_not_found() {
    let e = get_user_error("UserNotFoundException", "User does not exist.", 400).await;
    assert_eq!(e, CognitoError::UserNotFound);
    assert_eq!(
        e.to_string(),
        "No such user in this pool: check the spelling, or search by email instead."
    );
}

#[tokio::test]
async fn not_authorized_keeps_cognitos_reason() {
    let e = get_user_error("NotAuthorizedException", "User is disabled.", 400).await;
    assert_eq!(
        e.to_string(),
        "Cognito refused the request: User is disabled."
    );
}

#[tokio::test]
async fn too_many_requests() {
    let e = get_user_error("TooManyRequestsException", "Too many requests", 429).await;
    assert_eq!(e, CognitoError::TooManyRequests);
    assert_eq!(
        e.to_string(),
        "Cognito is throttling requests (rate quota reached): wait a moment, then retry."
    );
}

#[tokio::test]
async fn access_denied_and_resource_not_found() {
    let e = get_user_error(
        "AccessDeniedException",
        "User: arn:aws:iam::1:user/x is not authorized to perform: cognito-idp:AdminGetUser",
        400,
    )
    .await;
    assert_eq!(
        e.to_string(),
        "Your AWS identity may not call AdminGetUser: its IAM policy must allow the action cognito-idp:AdminGetUser. AWS said: User: arn:aws:iam::1:user/x is not authorized to perform: cognito-idp:AdminGetUser"
    );
    let e = get_user_error(
        "ResourceNotFoundException",
        "User pool does not exist.",
        400,
    )
    .await;
    assert_eq!(
        e.to_string(),
        "Cognito cannot find that pool or app client: check the id and the region."
    );
}

#[tokio::test]
async fn list_users_errors_map_too() {
    let rule = mock!(Client::list_users).then_http_response(|| {
        aws_error(
            400,
            "InvalidParameterException",
            "Error while parsing filter",
        )
    });
    let e = Cognito::new(&mocked(&rule))
        .list_users("us-east-1_Pool", Some("bad"), None)
        .await
        .expect_err("fails");
    assert_eq!(
        e.to_string(),
        "Cognito rejected a value: Error while parsing filter"
    );
}

#[tokio::test]
async fn transport_error() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let client = emulator_client(&format!("http://127.0.0.1:{port}"), Duration::from_secs(5));
    let e = Cognito::new(&client)
        .get_user("us-east-1_Pool", "ann")
        .await
        .expect_err("nothing listens");
    assert_eq!(e, CognitoError::ConnectionRefused);
    assert!(
        e.to_string()
            .starts_with("Cannot reach Cognito: nothing accepts connections"),
        "{e}"
    );
}

#[tokio::test]
async fn a_server_error_without_a_code_gets_a_sentence() {
    // What an endpoint answers for an operation it does not implement: HTTP 500, no error type.
    let rule = mock!(Client::resend_confirmation_code).then_http_response(|| {
        HttpResponse::new(
            StatusCode::try_from(500).expect("status"),
            SdkBody::from("<html>Internal Server Error</html>"),
        )
    });
    let cognito = Cognito::new(&mocked(&rule));
    let client = cognitui::cognito::model::AppClient {
        id: "client1".into(),
        name: "web".into(),
        secret: None,
        auth_flows: cognitui::cognito::flows::AuthFlows::default(),
    };
    let e = cognito
        .resend_code(&client, "ann")
        .await
        .expect_err("the mock fails");
    assert_eq!(e, CognitoError::ServerError(500));
    assert!(
        e.to_string()
            .starts_with("Cognito failed on its side (HTTP 500)")
    );
}

#[tokio::test]
async fn sign_up_refusals_have_sentences() {
    for (code, message, expected) in [
        (
            "UsernameExistsException",
            "User already exists",
            CognitoError::UsernameExists,
        ),
        (
            "InvalidPasswordException",
            "Password did not conform with policy: Password must have symbol characters",
            CognitoError::InvalidPassword(
                "Password did not conform with policy: Password must have symbol characters".into(),
            ),
        ),
        (
            "UnsupportedUserStateException",
            "Resend not possible. user status is CONFIRMED",
            CognitoError::UnsupportedUserState(
                "Resend not possible. user status is CONFIRMED".into(),
            ),
        ),
        (
            "InvalidSmsRoleTrustRelationshipException",
            "Role does not have a trust relationship allowing Cognito to assume the role",
            CognitoError::DeliveryNotConfigured,
        ),
        (
            "UserLambdaValidationException",
            "PreSignUp failed with error Domain not allowed.",
            CognitoError::LambdaTrigger("PreSignUp failed with error Domain not allowed.".into()),
        ),
        (
            "AliasExistsException",
            "An account with the given email already exists.",
            CognitoError::AliasExists,
        ),
    ] {
        let rule = mock!(Client::admin_create_user)
            .then_http_response(move || aws_error(400, code, message));
        let cognito = Cognito::new(&mocked(&rule));
        let invitation = cognitui::cognito::invite::Invitation {
            username: "ann".into(),
            attributes: vec![],
            temporary_password: None,
            delivery: cognitui::cognito::invite::Delivery::Email,
            resend: false,
            force_alias: false,
        };
        let e = cognito
            .invite("us-east-1_Pool", &invitation)
            .await
            .expect_err("the mock fails");
        assert_eq!(e, expected, "{code}");
        assert!(!e.to_string().contains("Exception"), "{e}");
    }
}
