//! What the emulator lacks or does not check for sign-up and codes, in AWS's exact wire shapes
//! (aws-smithy-mocks): ResendConfirmationCode (delivery details, LimitExceeded and the pause that
//! follows), CodeMismatch, ExpiredCode, already-confirmed users, GetUserAttributeVerificationCode
//! and VerifyUserAttribute, CodeDeliveryFailure, and SECRET_HASH on the wire.

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_smithy_mocks::{Rule, RuleMode, mock, mock_client};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use chrono::TimeDelta;
use cognitui::action::{Action, Outcome, Request};
use cognitui::app::{App, Screen, Status};
use cognitui::cognito::model::{
    AppClient, CodeDelivery, PoolInfo, Sensitive, UserDetail, UsersPage,
};
use cognitui::cognito::{Cognito, CognitoError, secret_hash};
use cognitui::config::PoolChoice;
use cognitui::event::Event;
use cognitui::ui::{Theme, render};
use common::{answer, app, fake_user, key, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SECRET: &str = "s3cr3t-0f-th3-app-cl13nt";
const DELIVERY: &str = r#"{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"a***@e***.com"}}"#;

fn json(status: u16, body: &str) -> HttpResponse {
    let mut r = HttpResponse::new(
        StatusCode::try_from(status).expect("status"),
        SdkBody::from(body),
    );
    r.headers_mut()
        .insert("content-type", "application/x-amz-json-1.1");
    r
}

fn aws_error(code: &str, message: &str) -> HttpResponse {
    let mut r = json(
        400,
        &format!(r#"{{"__type":"{code}","message":"{message}"}}"#),
    );
    r.headers_mut().insert("x-amzn-errortype", code.to_owned());
    r
}

fn mocked(rules: &[&Rule]) -> Cognito {
    let client: Client = mock_client!(
        aws_sdk_cognitoidentityprovider,
        RuleMode::MatchAny,
        rules,
        |c| c.retry_config(RetryConfig::disabled())
    );
    Cognito::new(&client)
}

fn app_client(secret: Option<&str>) -> AppClient {
    AppClient {
        id: "client1".into(),
        name: "web".into(),
        secret: secret.map(|s| Sensitive::new(s.into())),
    }
}

fn code(text: &str) -> Sensitive {
    Sensitive::new(text.into())
}

fn delivery() -> CodeDelivery {
    CodeDelivery {
        medium: "EMAIL".into(),
        destination: "a***@e***.com".into(),
    }
}

#[tokio::test]
async fn resend_reports_where_the_code_went() {
    let rule = mock!(Client::resend_confirmation_code).then_http_response(|| json(200, DELIVERY));
    let sent = mocked(&[&rule])
        .resend_code(&app_client(None), "ann")
        .await
        .expect("sent");
    assert_eq!(sent, Some(delivery()));
    assert_eq!(
        delivery().to_string(),
        "by email to a***@e***.com",
        "what the screen says"
    );
}

#[tokio::test]
async fn code_refusals_map_to_their_own_errors() {
    for (code_name, message, expected) in [
        (
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
            CognitoError::CodeMismatch,
        ),
        (
            "ExpiredCodeException",
            "Invalid code provided, please request a code again.",
            CognitoError::ExpiredCode,
        ),
        (
            "LimitExceededException",
            "Attempt limit exceeded, please try after some time.",
            CognitoError::LimitExceeded,
        ),
        (
            "UserNotFoundException",
            "Username/client id combination not found.",
            CognitoError::UserNotFound,
        ),
        (
            "NotAuthorizedException",
            "User cannot be confirmed. Current status is CONFIRMED",
            CognitoError::AlreadyConfirmed,
        ),
    ] {
        let rule = mock!(Client::confirm_sign_up)
            .then_http_response(move || aws_error(code_name, message));
        let err = mocked(&[&rule])
            .confirm_sign_up(&app_client(None), "ann", &code("123456"))
            .await
            .expect_err("refused");
        assert_eq!(err, expected, "{code_name}");
    }
}

#[tokio::test]
async fn code_delivery_failure_on_sign_up_and_resend() {
    let failure = || {
        aws_error(
            "CodeDeliveryFailureException",
            "Unable to deliver message to the email address provided.",
        )
    };
    let sign_up = mock!(Client::sign_up).then_http_response(failure);
    let resend = mock!(Client::resend_confirmation_code).then_http_response(failure);
    let cognito = mocked(&[&sign_up, &resend]);
    let err = cognito
        .sign_up(&app_client(None), "ann", &code("Demo-Passw0rd!"), &[])
        .await
        .expect_err("refused");
    assert_eq!(err, CognitoError::CodeDeliveryFailure);
    assert_eq!(
        err.to_string(),
        "Cognito could not deliver the code: check the user's email or phone number."
    );
    let err = cognito
        .resend_code(&app_client(None), "ann")
        .await
        .expect_err("refused");
    assert_eq!(err, CognitoError::CodeDeliveryFailure);
}

#[tokio::test]
async fn attribute_verification_success_and_failure() {
    let token = code("access-token");
    let sent = mock!(Client::get_user_attribute_verification_code)
        .match_requests(|r| {
            r.access_token() == Some("access-token") && r.attribute_name() == Some("email")
        })
        .then_http_response(|| json(200, DELIVERY));
    let verified = mock!(Client::verify_user_attribute)
        .match_requests(|r| r.code() == Some("123456"))
        .then_http_response(|| json(200, "{}"));
    let cognito = mocked(&[&sent, &verified]);
    assert_eq!(
        cognito.attribute_code(&token, "email").await,
        Ok(Some(delivery()))
    );
    assert_eq!(
        cognito
            .verify_attribute(&token, "email", &code("123456"))
            .await,
        Ok(())
    );

    let revoked = mock!(Client::get_user_attribute_verification_code).then_http_response(|| {
        aws_error("NotAuthorizedException", "Access Token has been revoked")
    });
    let limited = mock!(Client::get_user_attribute_verification_code).then_http_response(|| {
        aws_error(
            "LimitExceededException",
            "Attempt limit exceeded, please try after some time.",
        )
    });
    let mismatch = mock!(Client::verify_user_attribute).then_http_response(|| {
        aws_error(
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
        )
    });
    let expired = mock!(Client::verify_user_attribute).then_http_response(|| {
        aws_error(
            "ExpiredCodeException",
            "Invalid code provided, please request a code again.",
        )
    });
    assert_eq!(
        mocked(&[&revoked]).attribute_code(&token, "email").await,
        Err(CognitoError::SessionExpired)
    );
    assert_eq!(
        mocked(&[&limited]).attribute_code(&token, "email").await,
        Err(CognitoError::LimitExceeded)
    );
    assert_eq!(
        mocked(&[&mismatch])
            .verify_attribute(&token, "email", &code("1"))
            .await,
        Err(CognitoError::CodeMismatch)
    );
    assert_eq!(
        mocked(&[&expired])
            .verify_attribute(&token, "email", &code("1"))
            .await,
        Err(CognitoError::ExpiredCode)
    );
}

#[tokio::test]
async fn secret_hash_is_sent_when_the_client_has_a_secret() {
    let expected = secret_hash(&Sensitive::new(SECRET.into()), "ann", "client1");
    let (e1, e2, e3) = (expected.clone(), expected.clone(), expected);
    let sign_up = mock!(Client::sign_up)
        .match_requests(move |r| r.secret_hash() == Some(e1.as_str()))
        .then_http_response(|| json(200, r#"{"UserConfirmed":false,"UserSub":"sub-1"}"#));
    let confirm = mock!(Client::confirm_sign_up)
        .match_requests(move |r| r.secret_hash() == Some(e2.as_str()))
        .then_http_response(|| json(200, "{}"));
    let resend = mock!(Client::resend_confirmation_code)
        .match_requests(move |r| r.secret_hash() == Some(e3.as_str()))
        .then_http_response(|| json(200, DELIVERY));
    let cognito = mocked(&[&sign_up, &confirm, &resend]);
    let client = app_client(Some(SECRET));
    cognito
        .sign_up(&client, "ann", &code("Demo-Passw0rd!"), &[])
        .await
        .expect("sign-up with SECRET_HASH");
    cognito
        .confirm_sign_up(&client, "ann", &code("123456"))
        .await
        .expect("confirm with SECRET_HASH");
    cognito
        .resend_code(&client, "ann")
        .await
        .expect("resend with SECRET_HASH");
    assert_eq!(
        (sign_up.num_calls(), confirm.num_calls(), resend.num_calls()),
        (1, 1, 1)
    );

    // Without a secret, none is sent.
    let plain = mock!(Client::sign_up)
        .match_requests(|r| r.secret_hash().is_none())
        .then_http_response(|| json(200, r#"{"UserConfirmed":false,"UserSub":"sub-2"}"#));
    mocked(&[&plain])
        .sign_up(&app_client(None), "ann", &code("Demo-Passw0rd!"), &[])
        .await
        .expect("sign-up without SECRET_HASH");
    assert_eq!(plain.num_calls(), 1);
}

/// The app on ann's code entry screen (from the detail screen, `c`).
fn code_entry() -> App {
    let mut app = app((100, 20));
    let first = app.start(Some(PoolChoice {
        user_pool_id: "eu-west-1_Desk".into(),
        client_id: Some("client1".into()),
        client_secret: None,
    }));
    let info = PoolInfo {
        id: "eu-west-1_Desk".into(),
        name: "desk".into(),
        temporary_password_validity_days: 7,
        password_policy: cognitui::password::PasswordPolicy::default(),
        mfa_configuration: "OFF".into(),
        schema: vec![],
        client: Some(app_client(None)),
    };
    answer(&mut app, &first[0], Outcome::PoolOpened(Ok(info)));
    let ann = fake_user(
        "ann",
        cognitui::cognito::model::UserStatus::Unconfirmed,
        true,
        &[("email", "ann@example.com")],
    );
    answer(
        &mut app,
        &first[1],
        Outcome::Users(Ok(UsersPage {
            users: vec![ann.clone()],
            next_token: None,
        })),
    );
    app.update(key(KeyCode::Esc));
    let get = app.update(key(KeyCode::Enter));
    answer(
        &mut app,
        &get[0],
        Outcome::User(Ok(UserDetail {
            user: ann,
            preferred_mfa: None,
            mfa_enabled: vec![],
            groups: vec![],
        })),
    );
    app.update(typed("c").remove(0));
    assert!(matches!(app.screen, Screen::Code(_)));
    app
}

fn resend_requests(app: &mut App) -> Vec<Request> {
    app.update(key(KeyCode::F(4)))
}

#[tokio::test]
async fn after_the_limit_resend_pauses_with_a_countdown() {
    let limited = mock!(Client::resend_confirmation_code).then_http_response(|| {
        aws_error(
            "LimitExceededException",
            "Attempt limit exceeded, please try after some time.",
        )
    });
    let outcome = Outcome::CodeSent(
        mocked(&[&limited])
            .resend_code(&app_client(None), "ann")
            .await,
    );
    let mut app = code_entry();
    let resend = resend_requests(&mut app);
    assert!(matches!(&resend[0].action, Action::ResendCode { username, .. } if username == "ann"));
    answer(&mut app, &resend[0], outcome);
    assert_eq!(
        app.status,
        Some(Status::Error(
            "Cognito's limit on codes for ann is reached: resend is paused for 60 s; F5 confirms as admin instead.".into()
        ))
    );
    // The countdown is on screen.
    app.update(Event::Tick(app.now + TimeDelta::seconds(18)));
    app.update(key(KeyCode::Esc)); // dismisses the sentence
    let mut terminal = Terminal::new(TestBackend::new(100, 20)).expect("terminal");
    terminal
        .draw(|f| render(f, &app, &Theme::default()))
        .expect("draw");
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains("available in 42 s"), "{screen}");
    insta::assert_snapshot!(screen);
    // F4 during the pause sends nothing and says how long is left.
    assert!(resend_requests(&mut app).is_empty());
    assert!(
        matches!(&app.status, Some(Status::Error(t)) if t.starts_with("Resend is paused for 42 s more")),
        "{:?}",
        app.status
    );
    // After the pause it sends again.
    app.update(Event::Tick(app.now + TimeDelta::seconds(43)));
    app.update(key(KeyCode::Esc));
    assert!(matches!(
        &resend_requests(&mut app)[0].action,
        Action::ResendCode { .. }
    ));
}

#[tokio::test]
async fn resend_success_shows_where_the_code_went_in_the_app() {
    let rule = mock!(Client::resend_confirmation_code).then_http_response(|| json(200, DELIVERY));
    let outcome = Outcome::CodeSent(mocked(&[&rule]).resend_code(&app_client(None), "ann").await);
    let mut app = code_entry();
    let resend = resend_requests(&mut app);
    answer(&mut app, &resend[0], outcome);
    assert!(matches!(&app.screen, Screen::Code(c) if c.delivery == Some(delivery())));
    assert_eq!(
        app.status,
        Some(Status::Info(
            "Cognito sent a new code by email to a***@e***.com.".into()
        ))
    );
}
