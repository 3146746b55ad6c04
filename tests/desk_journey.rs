//! A headless whole-app run of the support-desk journey, through the real SDK against
//! aws-smithy-mocks (the emulator has no ResendConfirmationCode and accepts any code): look the
//! user up, resend the code, a wrong code, the right code, CONFIRMED.

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_smithy_mocks::{Rule, RuleMode, mock, mock_client};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use cognitui::app::{Screen, Status};
use cognitui::cognito::Cognito;
use cognitui::config::PoolChoice;
use cognitui::session::Session;
use common::{backspaces, key, keymap, settle, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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

fn user(status: &str) -> String {
    format!(
        r#"{{"Username":"ann","UserStatus":"{status}","Enabled":true,"UserCreateDate":1772600000,"UserLastModifiedDate":1772600000,"UserAttributes":[{{"Name":"email","Value":"ann@example.com"}},{{"Name":"email_verified","Value":"false"}}]}}"#
    )
}

fn type_text(s: &mut Session<TestBackend>, text: &str) {
    for event in typed(text) {
        s.handle(event);
    }
}

fn status(s: &Session<TestBackend>) -> String {
    match &s.app.status {
        Some(Status::Error(t) | Status::Info(t)) => t.clone(),
        None => String::new(),
    }
}

/// The calls the journey checks were made.
struct Rules {
    resend: Rule,
    wrong_code: Rule,
    right_code: Rule,
}

/// A client answering like Cognito for a pool with one UNCONFIRMED user, ann, who becomes
/// CONFIRMED once the code 424242 is sent.
fn desk() -> (Client, Rules) {
    let pool = mock!(Client::describe_user_pool).then_http_response(|| {
        json(
            200,
            r#"{"UserPool":{"Id":"eu-west-1_Desk","Name":"desk","Policies":{"PasswordPolicy":{"MinimumLength":8}}}}"#,
        )
    });
    let app_client = mock!(Client::describe_user_pool_client).then_http_response(|| {
        json(
            200,
            r#"{"UserPoolClient":{"ClientId":"client1","ClientName":"web","UserPoolId":"eu-west-1_Desk"}}"#,
        )
    });
    let list = mock!(Client::list_users)
        .match_requests(|r| r.filter() == Some("email ^= \"ann\""))
        .then_http_response(|| {
            json(
                200,
                r#"{"Users":[{"Username":"ann","UserStatus":"UNCONFIRMED","Enabled":true,"Attributes":[{"Name":"email","Value":"ann@example.com"}]}]}"#,
            )
        });
    let everyone = mock!(Client::list_users).then_http_response(|| json(200, r#"{"Users":[]}"#));
    let get_user = mock!(Client::admin_get_user)
        .sequence()
        .http_response(|| json(200, &user("UNCONFIRMED")))
        .http_response(|| json(200, &user("CONFIRMED")))
        .build();
    let groups = mock!(Client::admin_list_groups_for_user)
        .then_http_response(|| json(200, r#"{"Groups":[]}"#));
    let resend = mock!(Client::resend_confirmation_code)
        .match_requests(|r| r.client_id() == Some("client1") && r.username() == Some("ann"))
        .then_http_response(|| {
            json(
                200,
                r#"{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"a***@e***.com"}}"#,
            )
        });
    let wrong_code = mock!(Client::confirm_sign_up).then_http_response(|| {
        aws_error(
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
        )
    });
    let right_code = mock!(Client::confirm_sign_up)
        .match_requests(|r| r.confirmation_code() == Some("424242"))
        .then_http_response(|| json(200, "{}"));
    let client: Client = mock_client!(
        aws_sdk_cognitoidentityprovider,
        RuleMode::MatchAny,
        [
            &pool,
            &app_client,
            &list,
            &everyone,
            &get_user,
            &groups,
            &resend,
            &right_code,
            &wrong_code
        ],
        |c| c.retry_config(RetryConfig::disabled())
    );
    (
        client,
        Rules {
            resend,
            wrong_code,
            right_code,
        },
    )
}

#[tokio::test]
async fn look_up_resend_wrong_code_right_code_confirmed() {
    let (client, rules) = desk();
    let mut s = Session::start(
        Terminal::new(TestBackend::new(110, 24)).expect("terminal"),
        Cognito::new(&client),
        keymap(),
        "mock".into(),
        Some(PoolChoice {
            user_pool_id: "eu-west-1_Desk".into(),
            client_id: Some("client1".into()),
            client_secret: None,
        }),
    )
    .expect("session");
    settle(&mut s, "the pool", |a| {
        a.pool.is_some() && a.in_flight.is_empty()
    })
    .await;

    // Look the caller up by email and open them.
    s.handle(key(KeyCode::Tab));
    type_text(&mut s, "ann");
    settle(&mut s, "the search", |a| {
        a.lookup.users.len() == 1 && a.in_flight.is_empty()
    })
    .await;
    s.handle(key(KeyCode::Enter));
    settle(
        &mut s,
        "the user",
        |a| matches!(&a.screen, Screen::Detail(d) if d.detail.is_some()),
    )
    .await;

    // "I never got my code": resend, and see where it went.
    type_text(&mut s, "s");
    settle(
        &mut s,
        "the new code",
        |a| matches!(&a.screen, Screen::Code(c) if c.delivery.is_some()),
    )
    .await;
    assert_eq!(rules.resend.num_calls(), 1);
    assert_eq!(
        status(&s),
        "Cognito sent a new code by email to a***@e***.com."
    );
    assert!(common::screen(&mut s).contains("Latest code sent by email to a***@e***.com"));

    // A wrong code: said so, try counted, what was typed kept.
    type_text(&mut s, "111111");
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "the mismatch", |a| a.in_flight.is_empty()).await;
    assert!(
        status(&s).starts_with("That code is not the one Cognito sent (try 1)"),
        "{}",
        status(&s)
    );
    assert!(matches!(&s.app.screen, Screen::Code(c) if c.form.value(0) == "111111"));

    // The right code: the user is shown again, CONFIRMED.
    s.handle(key(KeyCode::Esc)); // dismisses the sentence
    for event in backspaces(6) {
        s.handle(event);
    }
    type_text(&mut s, "424242");
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "the confirmed user", |a| {
        matches!(&a.screen, Screen::Detail(d) if d.detail.as_ref().is_some_and(|d| d.user.status.as_api() == "CONFIRMED"))
    })
    .await;
    assert_eq!(
        (rules.wrong_code.num_calls(), rules.right_code.num_calls()),
        (1, 1)
    );
    assert_eq!(status(&s), "ann confirmed their sign-up with the code.");
    assert!(common::screen(&mut s).contains("CONFIRMED"));
}
