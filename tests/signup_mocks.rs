//! Sign-up and code calls the local emulator lacks or does not check, in AWS's exact wire shapes
//! (aws-smithy-mocks, awsJson1.1 bodies with `x-amzn-errortype`), each followed through the app:
//!
//! - ResendConfirmationCode: the delivery details, LimitExceeded and the 60 s resend pause,
//!   CodeDeliveryFailure;
//! - ConfirmSignUp: CodeMismatch, ExpiredCode, LimitExceeded, an already confirmed user, and that
//!   a failed call keeps the code typed;
//! - GetUserAttributeVerificationCode and VerifyUserAttribute with a revoked access token, the
//!   limit, a wrong and an expired code;
//! - SignUp's CodeDeliveryFailure, keeping the form;
//! - SECRET_HASH on the wire for SignUp, ConfirmSignUp and ResendConfirmationCode (and none
//!   without a secret), and Cognito's refusal of a wrong one;
//! - a headless whole-app support-desk run: open the user, resend, a wrong code, the right
//!   code, CONFIRMED, with the client secret read from DescribeUserPoolClient.

mod common;

use common::wire::{aws_error, json, mock_client_of, mocked};
use std::sync::{Arc, Mutex};

use aws_sdk_cognitoidentityprovider::Client;
use aws_smithy_mocks::{Rule, mock};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use chrono::TimeDelta;
use cognitui::action::{Action, Outcome, Request};
use cognitui::app::{App, Screen, Status};
use cognitui::cognito::auth::{AuthStep, Tokens};
use cognitui::cognito::model::{
    AppClient, CodeDelivery, PoolInfo, UserDetail, UserStatus, UsersPage,
};
use cognitui::cognito::sensitive::Sensitive;
use cognitui::cognito::{Cognito, CognitoError, secret_hash};
use cognitui::config::PoolChoice;
use cognitui::event::Event;
use cognitui::screens::code::{CodeEntry, CodePurpose};
use cognitui::screens::detail::Detail;
use cognitui::screens::sign_in::{Step, step_of};
use cognitui::screens::sign_up::SignUp;
use cognitui::session::Session;
use cognitui::ui::{Theme, render};
use common::{answer, app, backspaces, fake_user, key, keymap, settle, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const POOL: &str = "eu-west-1_Pool";
const SECRET: &str = "1example23456789abcdefghijklmnopqrstuvwxyz0123456";
const EMAIL_DELIVERY: &str = r#"{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"a***@e***.com"}}"#;
const SMS_DELIVERY: &str = r#"{"CodeDeliveryDetails":{"AttributeName":"phone_number","DeliveryMedium":"SMS","Destination":"+*******0123"}}"#;

// AWS's own messages for these errors.
const LIMIT: (&str, &str) = (
    "LimitExceededException",
    "Attempt limit exceeded, please try after some time.",
);
const MISMATCH: (&str, &str) = (
    "CodeMismatchException",
    "Invalid verification code provided, please try again.",
);
const EXPIRED: (&str, &str) = (
    "ExpiredCodeException",
    "Invalid code provided, please request a code again.",
);
const DELIVERY_FAILURE: (&str, &str) = (
    "CodeDeliveryFailureException",
    "Unable to deliver message to the email address provided.",
);
const CONFIRMED: (&str, &str) = (
    "NotAuthorizedException",
    "User cannot be confirmed. Current status is CONFIRMED",
);
const REVOKED: (&str, &str) = ("NotAuthorizedException", "Access Token has been revoked");

fn refusal((code, message): (&'static str, &'static str)) -> impl Fn() -> HttpResponse {
    move || aws_error(code, message)
}

fn app_client(secret: Option<&str>) -> AppClient {
    AppClient {
        id: "client1".into(),
        name: "web".into(),
        secret: secret.map(|s| Sensitive::new(s.into())),
        // What DescribeUserPoolClient says of a client that lists no ExplicitAuthFlows.
        auth_flows: cognitui::cognito::flows::AuthFlow::allowed(&[]),
    }
}

fn sensitive(text: &str) -> Sensitive {
    Sensitive::new(text.into())
}

fn email_delivery() -> CodeDelivery {
    CodeDelivery {
        medium: "EMAIL".into(),
        destination: "a***@e***.com".into(),
    }
}

fn status(app: &App) -> String {
    match app.status() {
        Some(Status::Error(t) | Status::Info(t)) => t.clone(),
        None => String::new(),
    }
}

fn is_error(app: &App) -> bool {
    matches!(app.status(), Some(Status::Error(_)))
}

fn type_into(app: &mut App, text: &str) {
    for e in typed(text) {
        app.update(e);
    }
}

/// The code entry screen, or a panic saying which screen is shown.
fn code_screen(app: &App) -> &CodeEntry {
    app.module_as::<CodeEntry>()
        .unwrap_or_else(|| panic!("expected the code entry screen, got {:?}", app.screen()))
}

/// The app drawn on a 100×20 test terminal.
fn drawn(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 20)).expect("terminal");
    terminal
        .draw(|f| render(f, app, &Theme::default()))
        .expect("draw");
    format!("{}", terminal.backend())
}

/// The app with `POOL` open through client1 (with `secret`), listing one user, ann, in
/// `user_status` with an unverified email; the list has the keyboard.
fn pool_app(
    secret: Option<&str>,
    user_status: UserStatus,
) -> (App, cognitui::cognito::model::User) {
    let mut app = app((100, 20));
    let first = app.start(Some(PoolChoice {
        user_pool_id: POOL.into(),
        client_id: Some("client1".into()),
        client_secret: None,
    }));
    let info = PoolInfo {
        id: POOL.into(),
        name: "desk".into(),
        temporary_password_validity_days: 7,
        password_policy: cognitui::password::PasswordPolicy::default(),
        mfa_configuration: "OFF".into(),
        schema: vec![],
        client: Some(app_client(secret)),
        usernames_case_sensitive: true,
        estimated_users: None,
        facts: cognitui::cognito::model::PoolFacts::default(),
    };
    answer(&mut app, &first[0], Outcome::PoolOpened(Box::new(Ok(info))));
    let ann = ann(user_status);
    answer(
        &mut app,
        &first[1],
        Outcome::Users(Ok(UsersPage {
            users: vec![ann.clone()],
            next_token: None,
        })),
    );
    app.update(key(KeyCode::Esc)); // from the search field to the list
    (app, ann)
}

/// Opens ann's detail screen from the list and loads her.
fn open_ann(app: &mut App, ann: &cognitui::cognito::model::User) {
    let get = app.update(key(KeyCode::Enter));
    assert!(
        matches!(&get[..], [Request { action: Action::GetUser { username, .. }, .. }] if username == "ann"),
        "{get:?}"
    );
    answer(
        app,
        &get[0],
        Outcome::User(Ok(UserDetail {
            user: ann.clone(),
            preferred_mfa: None,
            mfa_enabled: vec![],
            groups: vec![],
        })),
    );
}

/// ann as `pool_app` lists her, in `user_status`.
fn ann(user_status: UserStatus) -> cognitui::cognito::model::User {
    fake_user(
        "ann",
        user_status,
        true,
        &[("email", "ann@example.com"), ("email_verified", "false")],
    )
}

/// The app on ann's sign-up code entry screen (detail, `c`), nothing sent yet.
fn code_entry(secret: Option<&str>) -> App {
    let (mut app, ann) = pool_app(secret, UserStatus::Unconfirmed);
    open_ann(&mut app, &ann);
    let sent = app.update(key(KeyCode::Char('c')));
    assert!(sent.is_empty(), "`c` only opens the screen: {sent:?}");
    let c = code_screen(&app);
    assert_eq!(c.purpose, CodePurpose::SignUp(app_client(secret)));
    assert_eq!(
        (
            c.tries,
            app.resend_pauses().get(&c.username).copied(),
            c.delivery.clone()
        ),
        (0, None, None)
    );
    app
}

/// The change asked for waits on its confirmation: Enter sends it, and only it.
fn confirm(app: &mut App) -> Vec<Request> {
    assert!(
        matches!(app.screen(), Screen::Confirm(_)),
        "expected the confirmation, got {:?}; status: {:?}",
        app.screen(),
        app.status()
    );
    let sent = app.update(key(KeyCode::Enter));
    assert_eq!(sent.len(), 1, "Enter sends the change once: {sent:?}");
    sent
}

/// Presses F4 on the code screen, then Enter on its confirmation: the one request sent.
fn press_resend(app: &mut App) -> Vec<Request> {
    let asked = app.update(key(KeyCode::F(4)));
    assert!(asked.is_empty(), "F4 asks first: {asked:?}");
    confirm(app)
}

/// Presses F4 while resend is paused: no confirmation opens and nothing is sent.
fn press_resend_paused(app: &mut App) {
    assert!(app.update(key(KeyCode::F(4))).is_empty());
    assert!(
        app.module_as::<CodeEntry>().is_some(),
        "nothing to confirm during the pause: {:?}",
        app.screen()
    );
}

/// Types `code` and presses Enter, then Enter on its confirmation; the one ConfirmSignUp (or
/// VerifyUserAttribute) request.
fn submit(app: &mut App, code: &str) -> Request {
    type_into(app, code);
    let asked = app.update(key(KeyCode::Enter));
    assert!(asked.is_empty(), "Enter asks first: {asked:?}");
    confirm(app)[0].clone()
}

/// After a change that succeeded, ann (in the table) is read again: answers that one
/// AdminGetUser with `ann`.
fn reread(app: &mut App, follow: &[Request], ann: &cognitui::cognito::model::User) {
    assert!(
        matches!(follow, [Request { action: Action::GetUser { username, .. }, .. }] if username == "ann"),
        "{follow:?}"
    );
    answer(
        app,
        &follow[0],
        Outcome::User(Ok(UserDetail {
            user: ann.clone(),
            preferred_mfa: None,
            mfa_enabled: vec![],
            groups: vec![],
        })),
    );
}

/// Sends `request`'s action through `cognito` as the worker does, and feeds the outcome back.
async fn run(app: &mut App, cognito: &Cognito, request: &Request) -> Vec<Request> {
    let outcome = match &request.action {
        Action::ResendCode { client, username } => {
            Outcome::CodeSent(cognito.resend_code(client, username).await)
        }
        Action::ConfirmSignUp {
            client,
            username,
            code,
            force_alias,
        } => Outcome::CodeAccepted(
            cognito
                .confirm_sign_up(client, username, code, *force_alias)
                .await,
        ),
        Action::AttributeCode {
            access_token,
            attribute,
            ..
        } => Outcome::CodeSent(cognito.attribute_code(access_token, attribute).await),
        Action::VerifyAttribute {
            access_token,
            attribute,
            code,
            ..
        } => Outcome::CodeAccepted(
            cognito
                .verify_attribute(access_token, attribute, code)
                .await,
        ),
        Action::SignUp {
            client,
            username,
            password,
            attributes,
        } => Outcome::SignedUp(
            cognito
                .sign_up(client, username, password, attributes)
                .await,
        ),
        other => panic!("not a sign-up or code call: {other:?}"),
    };
    answer(app, request, outcome)
}

// 1. ResendConfirmationCode success.

#[tokio::test]
async fn resend_returns_where_the_code_went_and_the_screen_says_so() {
    let resend = mock!(Client::resend_confirmation_code)
        .match_requests(|r| {
            r.client_id() == Some("client1")
                && r.username() == Some("ann")
                && r.secret_hash().is_none()
        })
        .sequence()
        .http_response(|| json(200, EMAIL_DELIVERY))
        .http_response(|| json(200, SMS_DELIVERY))
        .build();
    let cognito = mocked(&[&resend]);
    assert_eq!(
        cognito.resend_code(&app_client(None), "ann").await,
        Ok(Some(email_delivery()))
    );

    // In the app: F4 on the code screen sends ResendConfirmationCode for ann.
    let mut app = code_entry(None);
    type_into(&mut app, "999");
    let sent = press_resend(&mut app);
    assert!(
        matches!(&sent[..], [Request { action: Action::ResendCode { client, username }, .. }]
            if client == &app_client(None) && username == "ann"),
        "{sent:?}"
    );
    let follow = run(&mut app, &cognito, &sent[0]).await;
    reread(&mut app, &follow, &ann(UserStatus::Unconfirmed));
    assert!(app.in_flight().is_empty());
    assert_eq!(resend.num_calls(), 2);
    let c = code_screen(&app);
    assert_eq!(
        c.delivery,
        Some(CodeDelivery {
            medium: "SMS".into(),
            destination: "+*******0123".into()
        })
    );
    // The old code is void once a new one is sent: the field is emptied.
    assert_eq!(c.form.value(0), "");
    assert_eq!(
        app.status(),
        Some(&Status::Info(
            "Cognito sent a new code by SMS to +*******0123.".into()
        ))
    );
    let screen = drawn(&app);
    assert!(
        screen.contains("Latest code sent by SMS to +*******0123"),
        "{screen}"
    );
    assert!(!screen.contains("Where the latest code went is not known"));
}

// 2. ResendConfirmationCode LimitExceeded and the pause.

#[tokio::test]
async fn resend_limit_pauses_resend_for_sixty_seconds() {
    let limited = mock!(Client::resend_confirmation_code).then_http_response(refusal(LIMIT));
    let cognito = mocked(&[&limited]);
    assert_eq!(
        cognito.resend_code(&app_client(None), "ann").await,
        Err(CognitoError::LimitExceeded)
    );

    let mut app = code_entry(None);
    let start = app.now();
    type_into(&mut app, "123456");
    let sent = press_resend(&mut app);
    assert!(matches!(
        &sent[..],
        [Request {
            action: Action::ResendCode { .. },
            ..
        }]
    ));
    run(&mut app, &cognito, &sent[0]).await;
    assert_eq!(limited.num_calls(), 2);
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "Cognito's limit on codes for ann is reached: resend is paused for 60 s; F5 confirms as admin instead.".into()
        ))
    );
    let c = code_screen(&app);
    assert_eq!(
        app.resend_pauses().get(&c.username).copied(),
        Some(start + TimeDelta::seconds(60))
    );
    assert_eq!(
        c.form.value(0),
        "123456",
        "a failed resend keeps the code typed"
    );
    assert_eq!(c.tries, 0, "a resend is not a try");

    // F4 during the pause dismisses the sentence, sends nothing and says how long is left.
    press_resend_paused(&mut app);
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "Resend is paused for 60 s more after Cognito's limit; F5 confirms as admin instead."
                .into()
        ))
    );
    app.update(Event::Tick(start + TimeDelta::seconds(35)));
    press_resend_paused(&mut app);
    assert!(
        status(&app).starts_with("Resend is paused for 25 s more"),
        "{}",
        status(&app)
    );
    assert!(
        app.in_flight().is_empty(),
        "nothing was sent during the pause"
    );

    // Past the 60 s, F4 sends ResendConfirmationCode again, once confirmed.
    app.update(Event::Tick(start + TimeDelta::seconds(61)));
    assert_eq!(code_screen(&app).resend_wait(&app.shown().pauses), None);
    let again = press_resend(&mut app);
    assert!(
        matches!(&again[..], [Request { action: Action::ResendCode { username, .. }, .. }] if username == "ann"),
        "{again:?}"
    );
    assert_eq!(app.busy(), Some("Sending a code"));
}

#[tokio::test]
async fn code_entry_during_the_pause() {
    let limited = mock!(Client::resend_confirmation_code)
        .match_requests(|r| r.secret_hash().is_some())
        .then_http_response(refusal(LIMIT));
    let cognito = mocked(&[&limited]);
    let mut app = code_entry(Some(SECRET));
    let start = app.now();
    let sent = press_resend(&mut app);
    run(&mut app, &cognito, &sent[0]).await;
    assert_eq!(limited.num_calls(), 1);
    app.update(Event::Tick(start + TimeDelta::seconds(18)));
    // Any key dismisses the sentence and acts: Backspace in the empty field changes nothing.
    assert!(app.update(key(KeyCode::Backspace)).is_empty());
    assert_eq!(app.status(), None);
    assert!(
        app.module_as::<CodeEntry>()
            .is_some_and(|c| c.form.value(0).is_empty())
    );
    let screen = drawn(&app);
    assert!(screen.contains("available in 42 s"), "{screen}");
    assert!(!screen.contains("F4 sends a new code"), "{screen}");
    let hash = secret_hash(&sensitive(SECRET), "ann", "client1");
    for leak in [SECRET, &SECRET[..12], hash.as_str(), &hash[..12]] {
        assert!(!screen.contains(leak), "{leak} is on screen:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

/// Leaving the code screen and coming back with `s` starts a new screen without the pause,
/// and sends ResendConfirmationCode at once. Pins a gap (see the report): the pause lives on
/// the screen, not on the user; when it is kept per user, turn the last assertion around.
#[tokio::test]
async fn leaving_the_code_screen_keeps_the_resend_pause() {
    let limited = mock!(Client::resend_confirmation_code).then_http_response(refusal(LIMIT));
    let cognito = mocked(&[&limited]);
    let (mut app, ann) = pool_app(None, UserStatus::Unconfirmed);
    open_ann(&mut app, &ann);
    // `s` on the detail screen opens code entry and asks to resend at once.
    assert!(app.update(key(KeyCode::Char('s'))).is_empty());
    assert!(
        matches!(app.screen(), Screen::Confirm(c) if c.back.module_as::<CodeEntry>().is_some()),
        "{:?}",
        app.screen()
    );
    let sent = confirm(&mut app);
    assert!(matches!(
        &sent[..],
        [Request {
            action: Action::ResendCode { .. },
            ..
        }]
    ));
    assert!(app.module_as::<CodeEntry>().is_some());
    run(&mut app, &cognito, &sent[0]).await;
    assert!(
        app.resend_pauses()
            .get(&code_screen(&app).username)
            .copied()
            .is_some()
    );

    // Esc dismisses the sentence and goes back to the user.
    let back = app.update(key(KeyCode::Esc));
    assert_eq!(app.status(), None);
    assert!(matches!(
        &back[..],
        [Request {
            action: Action::GetUser { .. },
            ..
        }]
    ));
    open_ann_from(&mut app, &back[0], &ann);
    let again = app.update(key(KeyCode::Char('s')));
    assert!(
        app.resend_pauses()
            .get(&code_screen(&app).username)
            .copied()
            .is_some()
    );
    assert!(again.is_empty(), "the pause holds for the user: {again:?}");
    assert!(
        app.module_as::<CodeEntry>().is_some(),
        "nothing to confirm during the pause"
    );
}

fn open_ann_from(app: &mut App, get: &Request, ann: &cognitui::cognito::model::User) {
    answer(
        app,
        get,
        Outcome::User(Ok(UserDetail {
            user: ann.clone(),
            preferred_mfa: None,
            mfa_enabled: vec![],
            groups: vec![],
        })),
    );
    assert!(
        app.module_as::<Detail>()
            .is_some_and(|d| d.detail.is_some())
    );
}

// 3. ConfirmSignUp: wrong, expired, too many.

#[tokio::test]
async fn wrong_expired_and_too_many_codes_each_have_their_sentence_and_keep_the_code() {
    let confirm = mock!(Client::confirm_sign_up)
        .sequence()
        .http_response(refusal(MISMATCH))
        .http_response(refusal(EXPIRED))
        .http_response(refusal(LIMIT))
        .build();
    let cognito = mocked(&[&confirm]);
    let mut app = code_entry(None);

    let first = submit(&mut app, "111111");
    assert!(
        matches!(&first.action, Action::ConfirmSignUp { username, code, .. }
            if username == "ann" && code.expose() == "111111"),
        "{first:?}"
    );
    run(&mut app, &cognito, &first).await;
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "That code is not the one Cognito sent (try 1): ask the user to read it again, or F4 sends a new one.".into()
        ))
    );
    let c = code_screen(&app);
    assert_eq!((c.tries, c.form.value(0)), (1, "111111"));

    // Enter dismisses the sentence and asks to send the same code again.
    let second = submit(&mut app, "");
    run(&mut app, &cognito, &second).await;
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "That code has expired: F4 sends a new one.".into()
        ))
    );
    let c = code_screen(&app);
    assert_eq!((c.tries, c.form.value(0)), (2, "111111"));

    let third = submit(&mut app, "");
    run(&mut app, &cognito, &third).await;
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "Too many tries: Cognito has paused codes for ann for a while; F5 confirms as admin instead.".into()
        ))
    );
    let c = code_screen(&app);
    assert_eq!((c.tries, c.form.value(0)), (3, "111111"));
    assert_eq!(
        app.resend_pauses().get(&c.username).copied(),
        None,
        "a limit on tries does not pause resend"
    );
    assert_eq!(confirm.num_calls(), 3);
    assert!(
        !app.can_retry(),
        "codes are sent again from the form, not with Ctrl-R"
    );
}

#[tokio::test]
async fn code_refusals_map_to_their_errors() {
    let confirm = mock!(Client::confirm_sign_up)
        .sequence()
        .http_response(refusal(MISMATCH))
        .http_response(refusal(EXPIRED))
        .build();
    let cognito = mocked(&[&confirm]);
    let c = app_client(None);
    assert_eq!(
        cognito
            .confirm_sign_up(&c, "ann", &sensitive("1"), false)
            .await,
        Err(CognitoError::CodeMismatch)
    );
    assert_eq!(
        cognito
            .confirm_sign_up(&c, "ann", &sensitive("2"), false)
            .await,
        Err(CognitoError::ExpiredCode)
    );
}

/// Any key dismisses an error and acts: after a wrong code, the first digit typed is kept.
#[tokio::test]
async fn typing_after_a_refusal_dismisses_it_and_keeps_the_key() {
    let confirm = mock!(Client::confirm_sign_up).then_http_response(refusal(MISMATCH));
    let cognito = mocked(&[&confirm]);
    let mut app = code_entry(None);
    let sent = submit(&mut app, "111111");
    run(&mut app, &cognito, &sent).await;
    assert!(is_error(&app));
    type_into(&mut app, "2");
    assert_eq!(app.status(), None);
    assert_eq!(code_screen(&app).form.value(0), "1111112");
}

// 7. An already confirmed user.

#[tokio::test]
async fn confirming_an_already_confirmed_user() {
    let confirm = mock!(Client::confirm_sign_up).then_http_response(refusal(CONFIRMED));
    let resend = mock!(Client::resend_confirmation_code).then_http_response(|| {
        aws_error("InvalidParameterException", "User is already confirmed.")
    });
    let cognito = mocked(&[&confirm, &resend]);
    assert_eq!(
        cognito
            .confirm_sign_up(&app_client(None), "ann", &sensitive("123456"), false)
            .await,
        Err(CognitoError::AlreadyConfirmed)
    );
    assert_eq!(
        cognito.resend_code(&app_client(None), "ann").await,
        Err(CognitoError::AlreadyConfirmed)
    );

    let mut app = code_entry(None);
    let sent = submit(&mut app, "123456");
    run(&mut app, &cognito, &sent).await;
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "ann is already confirmed: no code is needed. Esc shows the user.".into()
        ))
    );
    // Esc dismisses the sentence and does what it says: shows the user.
    let back = app.update(key(KeyCode::Esc));
    assert_eq!(app.status(), None);
    assert!(
        matches!(&back[..], [Request { action: Action::GetUser { username, .. }, .. }] if username == "ann")
    );
    assert!(
        app.module_as::<Detail>()
            .is_some_and(|d| d.username == "ann")
    );
}

// 4. Attribute verification.

#[tokio::test]
async fn attribute_code_and_verification_on_the_wire() {
    let token = sensitive("eyJraWQiOiJ.access.token");
    let sent = mock!(Client::get_user_attribute_verification_code)
        .match_requests(|r| {
            r.access_token() == Some("eyJraWQiOiJ.access.token")
                && r.attribute_name() == Some("email")
        })
        .sequence()
        .http_response(|| json(200, EMAIL_DELIVERY))
        .http_response(refusal(REVOKED))
        .http_response(refusal(LIMIT))
        .build();
    let verify = mock!(Client::verify_user_attribute)
        .match_requests(|r| {
            r.access_token() == Some("eyJraWQiOiJ.access.token")
                && r.attribute_name() == Some("email")
        })
        .sequence()
        .http_response(|| json(200, "{}"))
        .http_response(refusal(MISMATCH))
        .http_response(refusal(EXPIRED))
        .http_response(refusal(REVOKED))
        .build();
    let cognito = mocked(&[&sent, &verify]);
    assert_eq!(
        cognito.attribute_code(&token, "email").await,
        Ok(Some(email_delivery()))
    );
    assert_eq!(
        cognito.attribute_code(&token, "email").await,
        Err(CognitoError::AccessTokenInvalid)
    );
    assert_eq!(
        cognito.attribute_code(&token, "email").await,
        Err(CognitoError::LimitExceeded)
    );
    let code = sensitive("123456");
    assert_eq!(
        cognito.verify_attribute(&token, "email", &code).await,
        Ok(())
    );
    assert_eq!(
        cognito.verify_attribute(&token, "email", &code).await,
        Err(CognitoError::CodeMismatch)
    );
    assert_eq!(
        cognito.verify_attribute(&token, "email", &code).await,
        Err(CognitoError::ExpiredCode)
    );
    assert_eq!(
        cognito.verify_attribute(&token, "email", &code).await,
        Err(CognitoError::AccessTokenInvalid)
    );
    assert_eq!((sent.num_calls(), verify.num_calls()), (3, 4));
}

/// ann's detail screen, `V`, signed in: the email verification code screen, with the
/// GetUserAttributeVerificationCode request sent once its confirmation was accepted.
fn verifying_email() -> (App, Request) {
    let (mut app, ann) = pool_app(None, UserStatus::Confirmed);
    open_ann(&mut app, &ann);
    assert!(app.update(key(KeyCode::Char('V'))).is_empty());
    assert!(matches!(step_of(app.screen()), Some(Step::SignIn(_))));
    type_into(&mut app, "Demo-Passw0rd!");
    let sign_in = app.update(key(KeyCode::Enter));
    assert!(
        matches!(&sign_in[..], [Request { action: Action::SignIn { username, .. }, .. }] if username == "ann"),
        "{sign_in:?}"
    );
    let tokens = Tokens {
        id: sensitive("id.token"),
        access: sensitive("eyJraWQiOiJ.access.token"),
        refresh: None,
        expires_in_secs: Some(3600),
        device: None,
    };
    let asked = answer(
        &mut app,
        &sign_in[0],
        Outcome::Auth(Ok(AuthStep::SignedIn(tokens))),
    );
    assert!(
        asked.is_empty(),
        "sending the code is asked first: {asked:?}"
    );
    let code = confirm(&mut app);
    assert!(
        matches!(&code[..], [Request { action: Action::AttributeCode { access_token, attribute, .. }, .. }]
            if access_token.expose() == "eyJraWQiOiJ.access.token" && attribute == "email"),
        "{code:?}"
    );
    assert_eq!(code_screen(&app).attribute(), Some("email"));
    (app, code[0].clone())
}

#[tokio::test]
async fn verifying_an_email_as_the_user_in_the_app() {
    let sent = mock!(Client::get_user_attribute_verification_code)
        .sequence()
        .http_response(|| json(200, EMAIL_DELIVERY))
        .http_response(refusal(LIMIT))
        .build();
    let verify = mock!(Client::verify_user_attribute)
        .sequence()
        .http_response(refusal(MISMATCH))
        .http_response(refusal(EXPIRED))
        .http_response(|| json(200, "{}"))
        .build();
    let cognito = mocked(&[&sent, &verify]);
    let (mut app, first) = verifying_email();
    let follow = run(&mut app, &cognito, &first).await;
    reread(&mut app, &follow, &ann(UserStatus::Confirmed));
    assert_eq!(code_screen(&app).delivery, Some(email_delivery()));
    let screen = drawn(&app);
    assert!(screen.contains("Verify ann's email"), "{screen}");
    assert!(
        screen.contains("Latest code sent by email to a***@e***.com"),
        "{screen}"
    );
    assert!(!screen.contains("access.token"), "{screen}");

    // The limit pauses resend here too, with the attribute's way out.
    let again = press_resend(&mut app);
    assert!(
        matches!(
            &again[..],
            [Request {
                action: Action::AttributeCode { .. },
                ..
            }]
        ),
        "{again:?}"
    );
    run(&mut app, &cognito, &again[0]).await;
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "Cognito's limit on codes for ann is reached: resend is paused for 60 s; F5 marks email verified as admin instead.".into()
        ))
    );
    assert!(
        app.resend_pauses()
            .get(&code_screen(&app).username)
            .copied()
            .is_some()
    );

    let wrong = submit(&mut app, "000000");
    assert!(
        matches!(&wrong.action, Action::VerifyAttribute { attribute, code, .. } if attribute == "email" && code.expose() == "000000")
    );
    run(&mut app, &cognito, &wrong).await;
    assert!(
        status(&app).starts_with("That code is not the one Cognito sent (try 1)"),
        "{}",
        status(&app)
    );
    assert_eq!(code_screen(&app).form.value(0), "000000");

    let expired = submit(&mut app, "");
    run(&mut app, &cognito, &expired).await;
    assert_eq!(status(&app), "That code has expired: F4 sends a new one.");
    assert_eq!(code_screen(&app).form.value(0), "000000");

    for e in backspaces(6) {
        app.update(e); // the first also dismisses the sentence
    }
    assert_eq!(app.status(), None);
    let right = submit(&mut app, "424242");
    let follow = run(&mut app, &cognito, &right).await;
    assert_eq!(
        app.status(),
        Some(&Status::Info("ann's email is verified.".into()))
    );
    assert!(
        matches!(&follow[..], [Request { action: Action::GetUser { username, .. }, .. }] if username == "ann"),
        "{follow:?}"
    );
    assert!(
        app.module_as::<Detail>()
            .is_some_and(|d| d.username == "ann")
    );
    assert_eq!((sent.num_calls(), verify.num_calls()), (2, 3));
}

#[tokio::test]
async fn a_revoked_access_token_says_to_sign_in_again() {
    let sent =
        mock!(Client::get_user_attribute_verification_code).then_http_response(refusal(REVOKED));
    let cognito = mocked(&[&sent]);
    let (mut app, first) = verifying_email();
    run(&mut app, &cognito, &first).await;
    assert_eq!(
        app.status(),
        Some(&Status::Error(CognitoError::AccessTokenInvalid.to_string()))
    );
    assert_eq!(
        status(&app),
        "The user's access token is no longer valid (expired, or revoked by a sign-out): sign in as the user again."
    );
    let c = code_screen(&app);
    assert_eq!(
        (
            c.delivery.clone(),
            app.resend_pauses().get(&c.username).copied()
        ),
        (None, None)
    );
}

// 5. CodeDeliveryFailure.

#[tokio::test]
async fn code_delivery_failure_on_sign_up_keeps_the_form() {
    let sign_up = mock!(Client::sign_up)
        .match_requests(|r| {
            r.username() == Some("bob")
                && r.password() == Some("Demo-Passw0rd!")
                && r.user_attributes()
                    .iter()
                    .any(|a| a.name() == "email" && a.value() == Some("bob@example.com"))
        })
        .then_http_response(refusal(DELIVERY_FAILURE));
    let cognito = mocked(&[&sign_up]);
    let (mut app, _) = pool_app(None, UserStatus::Unconfirmed);
    assert!(app.update(key(KeyCode::Char('n'))).is_empty());
    assert!(app.module_as::<SignUp>().is_some());
    type_into(&mut app, "bob");
    app.update(key(KeyCode::Tab));
    type_into(&mut app, "Demo-Passw0rd!");
    app.update(key(KeyCode::Tab));
    type_into(&mut app, "bob@example.com");
    assert!(app.update(key(KeyCode::Enter)).is_empty(), "asked first");
    assert!(
        !drawn(&app).contains("Demo-Passw0rd!"),
        "the confirmation does not show the password"
    );
    let sent = confirm(&mut app);
    assert!(
        matches!(&sent[..], [Request { action: Action::SignUp { username, .. }, .. }] if username == "bob"),
        "{sent:?}"
    );
    run(&mut app, &cognito, &sent[0]).await;
    assert_eq!(sign_up.num_calls(), 1);
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "Cognito could not deliver the code: check the user's email or phone number.".into()
        ))
    );
    let Some(s) = app.module_as::<SignUp>() else {
        panic!("expected the sign-up form, got {:?}", app.screen());
    };
    assert_eq!(
        (s.form.value(0), s.form.value(1), s.form.value(2)),
        ("bob", "Demo-Passw0rd!", "bob@example.com"),
        "a failed call keeps what was typed"
    );
    assert!(
        !drawn(&app).contains("Demo-Passw0rd!"),
        "the password stays masked"
    );
}

#[tokio::test]
async fn code_delivery_failure_on_resend() {
    let sign_up = mock!(Client::sign_up).then_http_response(refusal(DELIVERY_FAILURE));
    let resend =
        mock!(Client::resend_confirmation_code).then_http_response(refusal(DELIVERY_FAILURE));
    let cognito = mocked(&[&sign_up, &resend]);
    let err = cognito
        .sign_up(&app_client(None), "ann", &sensitive("Demo-Passw0rd!"), &[])
        .await
        .expect_err("refused");
    assert_eq!(err, CognitoError::CodeDeliveryFailure);
    assert_eq!(
        err.to_string(),
        "Cognito could not deliver the code: check the user's email or phone number."
    );

    let mut app = code_entry(None);
    type_into(&mut app, "42");
    let sent = press_resend(&mut app);
    run(&mut app, &cognito, &sent[0]).await;
    assert_eq!(resend.num_calls(), 1);
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "Cognito could not deliver the code: check the user's email or phone number.".into()
        ))
    );
    let c = code_screen(&app);
    assert_eq!(
        (
            app.resend_pauses().get(&c.username).copied(),
            c.delivery.clone(),
            c.form.value(0)
        ),
        (None, None, "42"),
        "no pause, no delivery, the code typed kept"
    );
}

// 6. SECRET_HASH on the wire.

/// The operation and SECRET_HASH of each request, in order.
type Seen = Arc<Mutex<Vec<(&'static str, Option<String>)>>>;

/// SECRET_HASH computed here from its definition, not with the crate's function:
/// Base64(HMAC_SHA256(key = client secret, message = username + client id)).
fn expected_hash(secret: &str, username: &str, client_id: &str) -> String {
    use base64::Engine as _;
    use hmac::{Hmac, KeyInit, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("any key");
    mac.update(format!("{username}{client_id}").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[tokio::test]
async fn secret_hash_is_sent_only_when_the_client_has_a_secret() {
    let hash = expected_hash(SECRET, "ann", "client1");
    assert_eq!(hash, secret_hash(&sensitive(SECRET), "ann", "client1"));
    let seen: Seen = Arc::default();
    let (s1, s2, s3) = (seen.clone(), seen.clone(), seen.clone());
    let sign_up = mock!(Client::sign_up)
        .match_requests(move |r| {
            s1.lock().unwrap().push(("SignUp", r.secret_hash().map(Into::into)));
            r.client_id() == Some("client1")
        })
        .then_http_response(|| {
            json(200, r#"{"UserConfirmed":false,"UserSub":"5f1c2d3e-sub","CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"a***@e***.com"}}"#)
        });
    let confirm = mock!(Client::confirm_sign_up)
        .match_requests(move |r| {
            s2.lock()
                .unwrap()
                .push(("ConfirmSignUp", r.secret_hash().map(Into::into)));
            r.client_id() == Some("client1")
        })
        .then_http_response(|| json(200, "{}"));
    let resend = mock!(Client::resend_confirmation_code)
        .match_requests(move |r| {
            s3.lock()
                .unwrap()
                .push(("ResendConfirmationCode", r.secret_hash().map(Into::into)));
            r.client_id() == Some("client1")
        })
        .then_http_response(|| json(200, EMAIL_DELIVERY));
    let cognito = mocked(&[&sign_up, &confirm, &resend]);
    for client in [app_client(Some(SECRET)), app_client(None)] {
        let signed = cognito
            .sign_up(&client, "ann", &sensitive("Demo-Passw0rd!"), &[])
            .await
            .expect("sign-up");
        assert_eq!(signed.delivery, Some(email_delivery()));
        assert!(!signed.confirmed);
        cognito
            .confirm_sign_up(&client, "ann", &sensitive("123456"), false)
            .await
            .expect("confirm");
        cognito.resend_code(&client, "ann").await.expect("resend");
    }
    let with = Some(hash);
    assert_eq!(
        *seen.lock().unwrap(),
        vec![
            ("SignUp", with.clone()),
            ("ConfirmSignUp", with.clone()),
            ("ResendConfirmationCode", with),
            ("SignUp", None),
            ("ConfirmSignUp", None),
            ("ResendConfirmationCode", None),
        ]
    );
}

#[tokio::test]
async fn a_wrong_or_missing_secret_hash_is_refused_by_name() {
    let wrong = mock!(Client::confirm_sign_up)
        .match_requests(|r| r.secret_hash().is_some())
        .then_http_response(|| {
            aws_error(
                "NotAuthorizedException",
                "Unable to verify secret hash for client client1",
            )
        });
    let missing = mock!(Client::resend_confirmation_code)
        .match_requests(|r| r.secret_hash().is_none())
        .then_http_response(|| {
            aws_error(
                "NotAuthorizedException",
                "Client client1 is configured with secret but SECRET_HASH was not received",
            )
        });
    let cognito = mocked(&[&wrong, &missing]);
    let mut app = code_entry(Some("not-the-secret"));
    let sent = submit(&mut app, "123456");
    run(&mut app, &cognito, &sent).await;
    assert_eq!(status(&app), CognitoError::WrongClientSecret.to_string());
    assert_eq!(
        cognito.resend_code(&app_client(None), "ann").await,
        Err(CognitoError::MissingClientSecret)
    );
}

// 8. The support-desk journey, whole app, headless.

fn get_user(status: &str) -> String {
    format!(
        r#"{{"Username":"ann","UserStatus":"{status}","Enabled":true,"UserCreateDate":1772600000,"UserLastModifiedDate":1772600000,"UserAttributes":[{{"Name":"sub","Value":"5f1c2d3e-sub"}},{{"Name":"email","Value":"ann@example.com"}},{{"Name":"email_verified","Value":"false"}}]}}"#
    )
}

fn session_status(s: &Session<TestBackend>) -> String {
    status(&s.app)
}

fn screen_text(s: &mut Session<TestBackend>) -> String {
    common::screen(s)
}

/// The rules of the desk journey whose calls are checked, and the codes ConfirmSignUp got.
struct Desk {
    client: Client,
    get: Rule,
    resend: Rule,
    confirm: Rule,
    codes: Arc<Mutex<Vec<String>>>,
}

/// A client answering like Cognito for `POOL` with client1 (which has a secret) and one
/// UNCONFIRMED user, ann: resend says where the code went (and ann, read again after it, is
/// still UNCONFIRMED), the first code is wrong, the second confirms her, and AdminGetUser then
/// says CONFIRMED. Resend and confirm answer only with the right SECRET_HASH.
fn desk() -> Desk {
    let hash = expected_hash(SECRET, "ann", "client1");
    let pool = mock!(Client::describe_user_pool)
        .match_requests(|r| r.user_pool_id() == Some(POOL))
        .then_http_response(|| {
            json(
                200,
                r#"{"UserPool":{"Id":"eu-west-1_Pool","Name":"desk","Policies":{"PasswordPolicy":{"MinimumLength":8}}}}"#,
            )
        });
    let client = mock!(Client::describe_user_pool_client)
        .match_requests(|r| r.client_id() == Some("client1"))
        .then_http_response(|| {
            json(
                200,
                &format!(
                    r#"{{"UserPoolClient":{{"ClientId":"client1","ClientName":"web","UserPoolId":"eu-west-1_Pool","ClientSecret":"{SECRET}"}}}}"#
                ),
            )
        });
    let list = mock!(Client::list_users).then_http_response(|| {
        json(
            200,
            r#"{"Users":[{"Username":"ann","UserStatus":"UNCONFIRMED","Enabled":true,"Attributes":[{"Name":"email","Value":"ann@example.com"}]}]}"#,
        )
    });
    let get = mock!(Client::admin_get_user)
        .match_requests(|r| r.username() == Some("ann"))
        .sequence()
        .http_response(|| json(200, &get_user("UNCONFIRMED")))
        .http_response(|| json(200, &get_user("UNCONFIRMED")))
        .http_response(|| json(200, &get_user("CONFIRMED")))
        .repeatedly()
        .build();
    let groups = mock!(Client::admin_list_groups_for_user)
        .then_http_response(|| json(200, r#"{"Groups":[]}"#));
    let h1 = hash.clone();
    let resend = mock!(Client::resend_confirmation_code)
        .match_requests(move |r| {
            r.client_id() == Some("client1")
                && r.username() == Some("ann")
                && r.secret_hash() == Some(h1.as_str())
        })
        .then_http_response(|| json(200, EMAIL_DELIVERY));
    let codes: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = codes.clone();
    let confirm = mock!(Client::confirm_sign_up)
        .match_requests(move |r| {
            seen.lock()
                .unwrap()
                .push(r.confirmation_code().unwrap_or_default().to_owned());
            r.username() == Some("ann") && r.secret_hash() == Some(hash.as_str())
        })
        .sequence()
        .http_response(refusal(MISMATCH))
        .http_response(|| json(200, "{}"))
        .build();
    Desk {
        client: mock_client_of(&[&pool, &client, &list, &get, &groups, &resend, &confirm]),
        get,
        resend,
        confirm,
        codes,
    }
}

/// A headless session on the desk's `POOL` through client1, the pool and the list loaded.
async fn desk_session(mock: &Client) -> Session<TestBackend> {
    let mut s = Session::start(
        Terminal::new(TestBackend::new(110, 24)).expect("terminal"),
        Cognito::new(mock),
        keymap(),
        "mock".into(),
        Some(PoolChoice {
            user_pool_id: POOL.into(),
            client_id: Some("client1".into()),
            client_secret: None,
        }),
    )
    .expect("session");
    settle(&mut s, "the pool and the list", |a| {
        a.pool().is_some() && a.lookup().users.len() == 1 && a.in_flight().is_empty()
    })
    .await;
    s
}

#[tokio::test]
async fn support_desk_journey_resend_wrong_code_right_code_confirmed() {
    let Desk {
        client: mock,
        get,
        resend,
        confirm,
        codes,
    } = desk();
    let mut s = desk_session(&mock).await;
    assert_eq!(
        s.app.pool().and_then(|p| p.client.clone()),
        Some(app_client(Some(SECRET))),
        "the secret comes from DescribeUserPoolClient"
    );

    // Open ann.
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "ann", |a| {
        a.module_as::<Detail>().is_some_and(|d| d.detail.is_some())
    })
    .await;
    assert!(screen_text(&mut s).contains("UNCONFIRMED"));

    // "I never got my code": resend, confirmed, and see where it went.
    s.handle(key(KeyCode::Char('s')));
    assert!(s.app.in_flight().is_empty(), "asked first");
    common::journey::confirm(&mut s);
    settle(&mut s, "the new code", |a| {
        a.module_as::<CodeEntry>()
            .is_some_and(|c| c.delivery.is_some())
            && a.in_flight().is_empty()
    })
    .await;
    assert_eq!(resend.num_calls(), 1);
    assert_eq!(get.num_calls(), 2, "ann is read again after the resend");
    assert_eq!(
        session_status(&s),
        "Cognito sent a new code by email to a***@e***.com."
    );
    let shown = screen_text(&mut s);
    assert!(
        shown.contains("Latest code sent by email to a***@e***.com"),
        "{shown}"
    );

    // A wrong code: said so, counted, kept.
    for e in typed("111111") {
        s.handle(e);
    }
    s.handle(key(KeyCode::Enter));
    assert!(s.app.in_flight().is_empty(), "asked first");
    common::journey::confirm(&mut s);
    settle(&mut s, "the mismatch", |a| {
        a.in_flight().is_empty() && a.status().is_some()
    })
    .await;
    assert_eq!(
        session_status(&s),
        "That code is not the one Cognito sent (try 1): ask the user to read it again, or F4 sends a new one."
    );
    assert!(
        s.app
            .module_as::<CodeEntry>()
            .is_some_and(|c| c.form.value(0) == "111111" && c.tries == 1)
    );
    let shown = screen_text(&mut s);
    assert!(shown.contains("Codes tried: 1."), "{shown}");

    // Clear it (the first Backspace also dismisses the sentence), type the right one: ann is
    // shown again, CONFIRMED.
    for e in backspaces(6) {
        s.handle(e);
    }
    assert_eq!(s.app.status(), None);
    for e in typed("424242") {
        s.handle(e);
    }
    s.handle(key(KeyCode::Enter));
    common::journey::confirm(&mut s);
    settle(&mut s, "the confirmed user", |a| {
        a.module_as::<Detail>().is_some_and(|d| {
            d.detail
                .as_ref()
                .is_some_and(|d| d.user.status == UserStatus::Confirmed)
        })
    })
    .await;
    assert_eq!(*codes.lock().unwrap(), vec!["111111", "424242"]);
    assert_eq!(
        (confirm.num_calls(), get.num_calls()),
        (2, 3),
        "one read after the confirmation, not two"
    );
    assert_eq!(
        session_status(&s),
        "ann confirmed their sign-up with the code."
    );
    let shown = screen_text(&mut s);
    assert!(
        shown.contains("CONFIRMED") && !shown.contains("UNCONFIRMED"),
        "{shown}"
    );
    assert!(
        !shown.contains(SECRET) && !shown.contains("424242"),
        "{shown}"
    );
}
