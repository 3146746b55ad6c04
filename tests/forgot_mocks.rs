//! Forgot password for the desk in AWS's exact wire shapes (aws-smithy-mocks, awsJson1.1 bodies
//! with `x-amzn-errortype`), through the real worker and the app: `F` on a user sends the code
//! (ForgotPassword, after the confirmation step) and shows where it went; the code and the new
//! password twice (live policy check, masked, `F2` reveals) go through ConfirmForgotPassword
//! (confirmed too); the user is read again and shown CONFIRMED. SECRET_HASH on the wire, a
//! sentence for every refusal, the resend pause after Cognito's limit, read-only mode, the CLI
//! and snapshots at 80x24.

mod common;

use std::sync::Arc;

use aws_sdk_cognitoidentityprovider::Client;
use aws_smithy_mocks::{Rule, mock};
use chrono::TimeDelta;
use cognitui::action::{Action, Outcome, Request, Response};
use cognitui::app::{App, Screen, Status};
use cognitui::audit::AuditLog;
use cognitui::cognito::model::{AppClient, User, UserDetail, UserStatus};
use cognitui::cognito::sensitive::Sensitive;
use cognitui::cognito::{Cognito, secret_hash, spawn_worker};
use cognitui::event::Event;
use cognitui::screens::detail::Detail;
use cognitui::screens::forgot::ForgotForm;
use cognitui::ui::{Theme, render};
use common::wire::{aws_error, json, mocked};
use common::{answer, app_on_pool, backspaces, fake_pool, fake_user, key, now, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const POOL: &str = "eu-west-1_Pool";
const SECRET: &str = "1example23456789abcdefghijklmnopqrstuvwxyz0123456";
const NEW_PASSWORD: &str = "New-Passw0rd!";
const EMAIL_DELIVERY: &str = r#"{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"a***@e***.com"}}"#;
const SMS_DELIVERY: &str = r#"{"CodeDeliveryDetails":{"AttributeName":"phone_number","DeliveryMedium":"SMS","Destination":"+*******0123"}}"#;

fn client(secret: bool) -> AppClient {
    AppClient {
        id: "client1".into(),
        name: "web".into(),
        secret: secret.then(|| Sensitive::new(SECRET.into())),
        auth_flows: cognitui::cognito::flows::AuthFlows::default(),
    }
}

fn ann(status: UserStatus, verified: bool) -> User {
    let verified = if verified { "true" } else { "false" };
    fake_user(
        "ann",
        status,
        true,
        &[("email", "ann@example.com"), ("email_verified", verified)],
    )
}

fn detail(user: User) -> Outcome {
    Outcome::User(Ok(UserDetail {
        user,
        preferred_mfa: None,
        mfa_enabled: vec![],
        groups: vec![],
    }))
}

/// ann's page, loaded, on a pool whose app client has a secret if asked.
fn on_anns_page(secret: bool, user: User) -> App {
    let mut app = app_on_pool(
        (80, 24),
        fake_pool(POOL, Some(client(secret))),
        vec![user.clone()],
    );
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &sent[..],
        [Request {
            action: Action::GetUser { .. },
            ..
        }]
    ));
    answer(&mut app, &sent[0], detail(user));
    assert!(
        app.module_as::<Detail>()
            .is_some_and(|d| d.detail.is_some())
    );
    app
}

fn type_into(app: &mut App, text: &str) {
    for e in typed(text) {
        app.update(e);
    }
}

fn draw(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| render(f, app, &Theme::default()))
        .expect("draw");
    format!("{}", terminal.backend())
}

fn status(app: &App) -> String {
    match app.status() {
        Some(Status::Info(t) | Status::Error(t)) => t.clone(),
        None => String::new(),
    }
}

/// Runs `request` through the real worker on `cognito`.
async fn work(cognito: &Cognito, request: &Request) -> Outcome {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Response>();
    let worker = spawn_worker(cognito.clone(), Arc::new(AuditLog::disabled()), tx);
    assert!(worker.send(request.clone()));
    rx.recv().await.expect("an answer").outcome
}

/// The change waiting on its confirmation: Enter sends it, once.
fn confirmed(app: &mut App) -> Request {
    assert!(
        matches!(app.screen(), Screen::Confirm(_)),
        "expected a confirmation, got {:?}; status {:?}",
        app.screen(),
        app.status()
    );
    let sent = app.update(key(KeyCode::Enter));
    assert_eq!(sent.len(), 1, "{sent:?}");
    sent[0].clone()
}

/// Sends `request` through the worker, gives the app the outcome, and answers the re-read of
/// ann that follows a change with `after`.
async fn run(app: &mut App, cognito: &Cognito, request: &Request, after: &User) -> Outcome {
    let outcome = work(cognito, request).await;
    let follow = answer(app, request, outcome.clone());
    for r in follow {
        assert!(matches!(r.action, Action::GetUser { .. }), "{:?}", r.action);
        answer(app, &r, detail(after.clone()));
    }
    outcome
}

fn forgot_rule(secret: bool, body: &'static str) -> Rule {
    let hash = secret.then(|| secret_hash(&Sensitive::new(SECRET.into()), "ann", "client1"));
    mock!(Client::forgot_password)
        .match_requests(move |r| {
            r.client_id() == Some("client1")
                && r.username() == Some("ann")
                && r.secret_hash().map(ToOwned::to_owned) == hash
        })
        .then_http_response(move || json(200, body))
}

fn confirm_rule(secret: bool) -> Rule {
    let hash = secret.then(|| secret_hash(&Sensitive::new(SECRET.into()), "ann", "client1"));
    mock!(Client::confirm_forgot_password)
        .match_requests(move |r| {
            r.client_id() == Some("client1")
                && r.username() == Some("ann")
                && r.confirmation_code() == Some("135790")
                && r.password() == Some(NEW_PASSWORD)
                && r.secret_hash().map(ToOwned::to_owned) == hash
        })
        .then_http_response(|| json(200, "{}"))
}

/// ann's forgot-password screen with a code sent through `cognito`.
async fn code_sent(cognito: &Cognito, secret: bool, user: &User) -> App {
    let mut app = on_anns_page(secret, user.clone());
    assert!(
        app.update(key(KeyCode::Char('F'))).is_empty(),
        "asked first"
    );
    let send = confirmed(&mut app);
    assert!(matches!(send.action, Action::ForgotPassword { .. }));
    assert!(app.module_as::<ForgotForm>().is_some());
    run(&mut app, cognito, &send, user).await;
    app
}

#[tokio::test]
async fn forgot_password_end_to_end_ends_confirmed() {
    for secret in [true, false] {
        let (forgot, confirm) = (forgot_rule(secret, EMAIL_DELIVERY), confirm_rule(secret));
        let cognito = mocked(&[&forgot, &confirm]);
        let reset = ann(UserStatus::ResetRequired, true);
        let mut app = on_anns_page(secret, reset.clone());

        // F: the confirmation says what happens, with the CLI, before anything is sent.
        assert!(app.update(key(KeyCode::Char('F'))).is_empty());
        let Screen::Confirm(c) = app.screen() else {
            panic!("expected the confirmation, got {:?}", app.screen());
        };
        assert!(
            c.notes[0].starts_with("Send ann a password reset code"),
            "{:?}",
            c.notes
        );
        let hash = if secret {
            " --secret-hash '<elided>'"
        } else {
            ""
        };
        assert_eq!(
            app.cli_lines(),
            vec![format!(
                "aws cognito-idp forgot-password --client-id client1 --username ann{hash}"
            )]
        );
        let send = confirmed(&mut app);
        assert!(app.module_as::<ForgotForm>().is_some());
        run(&mut app, &cognito, &send, &reset).await;
        assert_eq!(
            status(&app),
            "Cognito sent ann a reset code by email to a***@e***.com."
        );
        assert!(draw(&app).contains("Reset code sent by email to a***@e***.com"));

        // The passwords must agree and meet the policy before anything goes.
        type_into(&mut app, "135790");
        app.update(key(KeyCode::Tab));
        type_into(&mut app, NEW_PASSWORD);
        app.update(key(KeyCode::Tab));
        type_into(&mut app, "New-Passw0rd?");
        assert!(app.update(key(KeyCode::Enter)).is_empty());
        assert_eq!(
            status(&app),
            "The two passwords differ: type the same one twice."
        );
        for e in backspaces(1) {
            app.update(e);
        }
        type_into(&mut app, "!");

        // Enter: confirmed first, then ConfirmForgotPassword; ann is read again: CONFIRMED.
        assert!(app.update(key(KeyCode::Enter)).is_empty());
        let Screen::Confirm(c) = app.screen() else {
            panic!("expected the confirmation");
        };
        assert!(c.notes[0].starts_with("Set ann's new password with the reset code"));
        assert_eq!(
            app.cli_lines(),
            vec![format!(
                "aws cognito-idp confirm-forgot-password --client-id client1 --username ann --confirmation-code '<code>' --password '<elided>'{hash}"
            )]
        );
        let set = confirmed(&mut app);
        let outcome = work(&cognito, &set).await;
        assert_eq!(outcome, Outcome::CodeAccepted(Ok(())));
        let reread = answer(&mut app, &set, outcome);
        assert!(
            matches!(&reread[..], [Request { action: Action::GetUser { username, .. }, .. }] if username == "ann")
        );
        assert_eq!(
            status(&app),
            "ann's new password is set: they sign in with it from now on."
        );
        answer(
            &mut app,
            &reread[0],
            detail(ann(UserStatus::Confirmed, true)),
        );
        assert!(app.module_as::<Detail>().is_some_and(|d| {
            d.detail
                .as_ref()
                .is_some_and(|d| d.user.status == UserStatus::Confirmed)
        }));
        assert!(draw(&app).contains("CONFIRMED"));
        assert_eq!((forgot.num_calls(), confirm.num_calls()), (1, 1));
    }
}

#[tokio::test]
async fn snapshot_the_code_sent_by_sms_with_the_policy_check() {
    let forgot = forgot_rule(false, SMS_DELIVERY);
    let cognito = mocked(&[&forgot]);
    let mut app = code_sent(&cognito, false, &ann(UserStatus::Confirmed, true)).await;
    type_into(&mut app, "135790");
    app.update(key(KeyCode::Tab));
    type_into(&mut app, "short");
    let shown = draw(&app);
    assert!(!shown.contains("short"), "the password is masked: {shown}");
    insta::assert_snapshot!("forgot_code_sent_by_sms", shown);
    app.update(key(KeyCode::F(2)));
    assert!(draw(&app).contains("short"), "F2 reveals it");
}

/// AWS's messages for the refusals of ForgotPassword (`send`) and ConfirmForgotPassword.
const REFUSALS: &[(bool, &str, &str, &str)] = &[
    (
        false,
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
        "That reset code is not the one Cognito sent (try 1): ask ann to read it again, or F4 sends a new one.",
    ),
    (
        false,
        "ExpiredCodeException",
        "Invalid code provided, please request a code again.",
        "That reset code has expired or a newer one was sent: F4 sends a new one.",
    ),
    (
        false,
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
        "Too many tries: Cognito has paused password resets for ann for a while; w on the user sets a password as admin instead.",
    ),
    (
        true,
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
        "Cognito's limit on reset codes for ann is reached: sending is paused for 60 s; w on the user sets a password as admin instead.",
    ),
    (
        false,
        "InvalidPasswordException",
        "Password does not conform to policy: Password has previously been used",
        "Cognito refused the new password (Password does not conform to policy: Password has previously been used): choose another one.",
    ),
    (
        false,
        "UserNotFoundException",
        "Username/client id combination not found.",
        "There is no user ann in this pool any more: they may have been deleted.",
    ),
    (
        true,
        "UserNotFoundException",
        "Username/client id combination not found.",
        "There is no user ann in this pool any more: they may have been deleted.",
    ),
    (
        true,
        "InvalidParameterException",
        "Cannot reset password for the user as there is no registered/verified email or phone_number",
        "ann has no verified email or phone number, so Cognito cannot send a reset code: mark the email verified first (A on the user), or w on the user sets a password as admin instead.",
    ),
    (
        true,
        "NotAuthorizedException",
        "User password cannot be reset in the current state.",
        "ann's password cannot be reset in their current state (an invited user signs in with the temporary password; resend the invitation instead).",
    ),
    (
        true,
        "NotAuthorizedException",
        "Contact administrator to reset password.",
        "This pool lets only an administrator reset passwords (account recovery is admin-only): w on the user sets a password as admin instead.",
    ),
    (
        true,
        "NotAuthorizedException",
        "User is disabled.",
        "ann is disabled: enable them first if they should reset their password.",
    ),
    (
        true,
        "NotAuthorizedException",
        "Password reset is not allowed for this user.",
        "Cognito refused the password reset: Password reset is not allowed for this user.",
    ),
];

#[tokio::test]
async fn every_refusal_has_its_sentence() {
    let user = ann(UserStatus::Confirmed, true);
    for (sending, code, message, sentence) in REFUSALS {
        let (code, message) = (*code, *message);
        let forgot = mock!(Client::forgot_password).then_http_response(move || {
            if *sending {
                aws_error(code, message)
            } else {
                json(200, EMAIL_DELIVERY)
            }
        });
        let refuse = mock!(Client::confirm_forgot_password)
            .then_http_response(move || aws_error(code, message));
        let cognito = mocked(&[&forgot, &refuse]);
        let mut app = on_anns_page(false, user.clone());
        app.update(key(KeyCode::Char('F')));
        let send = confirmed(&mut app);
        run(&mut app, &cognito, &send, &user).await;
        if !*sending {
            type_into(&mut app, "135790");
            app.update(key(KeyCode::Tab));
            type_into(&mut app, NEW_PASSWORD);
            app.update(key(KeyCode::Tab));
            type_into(&mut app, NEW_PASSWORD);
            app.update(key(KeyCode::Enter));
            let set = confirmed(&mut app);
            run(&mut app, &cognito, &set, &user).await;
            assert!(
                app.module_as::<ForgotForm>()
                    .is_some_and(|f| f.tries == 1 && f.form.value(0) == "135790"),
                "{code}: the form keeps what was typed and counts the try"
            );
        }
        assert!(app.module_as::<ForgotForm>().is_some(), "{code}");
        assert!(matches!(app.status(), Some(Status::Error(_))), "{code}");
        assert_eq!(status(&app), *sentence, "{code}: {message}");
    }
    // A wrong SECRET_HASH has the sentence every client-side call gets.
    let forgot = mock!(Client::forgot_password).then_http_response(|| {
        aws_error(
            "NotAuthorizedException",
            "Unable to verify secret hash for client client1",
        )
    });
    let cognito = mocked(&[&forgot]);
    let mut app = on_anns_page(true, user.clone());
    app.update(key(KeyCode::Char('F')));
    let send = confirmed(&mut app);
    run(&mut app, &cognito, &send, &user).await;
    assert!(
        status(&app).starts_with("Cognito refused the app client's secret (SECRET_HASH)"),
        "{}",
        status(&app)
    );
}

#[tokio::test]
async fn resend_pauses_after_cognitos_limit_and_comes_back() {
    let forgot = mock!(Client::forgot_password)
        .sequence()
        .http_response(|| json(200, EMAIL_DELIVERY))
        .http_response(|| {
            aws_error(
                "LimitExceededException",
                "Attempt limit exceeded, please try after some time.",
            )
        })
        .http_response(|| json(200, SMS_DELIVERY))
        .build();
    let cognito = mocked(&[&forgot]);
    let user = ann(UserStatus::Confirmed, true);
    let mut app = code_sent(&cognito, false, &user).await;
    // F4 sends a new one, confirmed first: Cognito's limit.
    assert!(app.update(key(KeyCode::F(4))).is_empty());
    let again = confirmed(&mut app);
    run(&mut app, &cognito, &again, &user).await;
    assert!(status(&app).starts_with("Cognito's limit on reset codes for ann is reached"));
    assert_eq!(resend_wait(&app), Some(60));
    insta::assert_snapshot!("forgot_resend_paused", draw(&app));
    // Paused: refused at the key, with the countdown.
    assert!(app.update(key(KeyCode::F(4))).is_empty());
    assert!(
        app.module_as::<ForgotForm>().is_some(),
        "no confirmation opens"
    );
    assert_eq!(
        status(&app),
        "Sending a new reset code is paused for 60 s more after Cognito's limit; w on the user sets a password as admin instead."
    );
    // The pause belongs to ann: leaving and coming back keeps it.
    app.update(Event::Tick(now() + TimeDelta::seconds(30)));
    assert_eq!(resend_wait(&app), Some(30));
    app.update(Event::Tick(now() + TimeDelta::seconds(61)));
    assert_eq!(resend_wait(&app), None);
    assert!(app.update(key(KeyCode::F(4))).is_empty());
    let third = confirmed(&mut app);
    run(&mut app, &cognito, &third, &user).await;
    assert_eq!(
        status(&app),
        "Cognito sent ann a reset code by SMS to +*******0123."
    );
    assert_eq!(forgot.num_calls(), 3);
}

#[tokio::test]
async fn the_forgot_screen_copies_its_cli_and_esc_goes_back_to_the_user() {
    let forgot = forgot_rule(true, EMAIL_DELIVERY);
    let cognito = mocked(&[&forgot]);
    let user = ann(UserStatus::Confirmed, true);
    let mut app = code_sent(&cognito, true, &user).await;
    type_into(&mut app, "135790");
    app.update(key(KeyCode::Tab));
    type_into(&mut app, NEW_PASSWORD);
    app.update(key(KeyCode::F(9)));
    let copied = app.take_clipboard().pop().expect("copied");
    assert_eq!(
        copied.expose(),
        "aws cognito-idp forgot-password --client-id client1 --username ann --secret-hash '<elided>'\naws cognito-idp confirm-forgot-password --client-id client1 --username ann --confirmation-code '<code>' --password '<elided>' --secret-hash '<elided>'"
    );
    assert!(!copied.expose().contains("135790") && !copied.expose().contains(NEW_PASSWORD));
    let back = app.update(key(KeyCode::Esc));
    assert!(matches!(
        &back[..],
        [Request {
            action: Action::GetUser { .. },
            ..
        }]
    ));
    assert!(app.module_as::<Detail>().is_some());
}

#[test]
fn read_only_refuses_the_key_and_a_user_without_a_verified_contact_is_warned() {
    let mut app = on_anns_page(false, ann(UserStatus::Confirmed, false));
    app.options_mut().safety.read_only = true;
    assert!(app.update(key(KeyCode::Char('F'))).is_empty());
    assert!(app.module_as::<Detail>().is_some());
    assert!(
        status(&app).starts_with("Read-only mode: 'forgot password"),
        "{}",
        status(&app)
    );

    let mut app = on_anns_page(false, ann(UserStatus::Confirmed, false));
    app.update(key(KeyCode::Char('F')));
    app.update(key(KeyCode::Esc)); // the confirmation: nothing sent
    let Some(_) = app.module_as::<ForgotForm>() else {
        panic!("back on the forgot screen, got {:?}", app.screen());
    };
    let shown = draw(&app);
    assert!(
        shown.contains("ann has no verified email or phone number"),
        "{shown}"
    );
    insta::assert_snapshot!("forgot_no_verified_contact", shown);
}

/// Seconds until the forgot screen may send a new code, if Cognito's limit paused it.
fn resend_wait(app: &App) -> Option<i64> {
    app.module_as::<ForgotForm>()
        .and_then(|f| f.resend_wait(&app.shown().pauses))
}
