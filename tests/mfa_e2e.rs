//! End to end against the emulator with TOTP validation on: the MFA demo journey, a wrong code
//! then a retry, enrolment with an access token, and admin MFA settings, each checked through
//! AdminGetUser.

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{AttributeType, MessageActionType, UserPoolMfaType};
use cognitui::app::{Screen, Status};
use cognitui::cognito::auth::MfaKind;
use cognitui::config::PoolChoice;
use cognitui::dev::{create_client, create_pool_with_mfa};
use cognitui::screens::detail::Detail;
use cognitui::screens::mfa_menu::MfaMenu;
use cognitui::screens::sign_in::{Step, step_of};
use cognitui::totp::TotpSecret;
use common::journey::confirm;
use common::{backspaces, client, fresh_code, key, screen, session_for, settle, typed};
use crossterm::event::KeyCode;

const TEMPORARY: &str = "Temp-Passw0rd!";
const PASSWORD: &str = "Chosen-Passw0rd!";

struct Pool {
    client: Client,
    id: String,
    app_client: String,
}

async fn pool(mfa: UserPoolMfaType) -> Pool {
    let client = client();
    let id = create_pool_with_mfa(&client, &format!("mfa-{mfa:?}"), mfa)
        .await
        .expect("pool");
    let app_client = create_client(&client, &id, "demo", false)
        .await
        .expect("client");
    Pool {
        client,
        id,
        app_client,
    }
}

async fn invite(p: &Pool, username: &str) {
    p.client
        .admin_create_user()
        .user_pool_id(&p.id)
        .username(username)
        .temporary_password(TEMPORARY)
        .message_action(MessageActionType::Suppress)
        .user_attributes(
            AttributeType::builder()
                .name("email")
                .value(format!("{username}@example.com"))
                .build()
                .expect("attribute"),
        )
        .send()
        .await
        .expect("invite");
}

async fn confirmed_user(p: &Pool, username: &str) {
    invite(p, username).await;
    p.client
        .admin_set_user_password()
        .user_pool_id(&p.id)
        .username(username)
        .password(PASSWORD)
        .permanent(true)
        .send()
        .await
        .expect("set password");
}

async fn preferred_mfa(p: &Pool, username: &str) -> (Option<String>, Vec<String>) {
    let out = p
        .client
        .admin_get_user()
        .user_pool_id(&p.id)
        .username(username)
        .send()
        .await
        .expect("get user");
    (
        out.preferred_mfa_setting().map(ToOwned::to_owned),
        out.user_mfa_setting_list().to_vec(),
    )
}

fn open(p: &Pool) -> cognitui::session::Session<ratatui::backend::TestBackend> {
    session_for(
        &p.client,
        Some(PoolChoice {
            user_pool_id: p.id.clone(),
            client_id: Some(p.app_client.clone()),
            client_secret: None,
        }),
    )
}

fn type_text(s: &mut cognitui::session::Session<ratatui::backend::TestBackend>, text: &str) {
    for event in typed(text) {
        s.handle(event);
    }
}

fn error_text(app: &cognitui::app::App) -> Option<String> {
    match app.status() {
        Some(Status::Error(t)) => Some(t.clone()),
        _ => None,
    }
}

fn enrol_secret(app: &cognitui::app::App) -> Option<TotpSecret> {
    match step_of(app.screen()) {
        Some(Step::Enrol(e)) => e.secret.clone(),
        _ => None,
    }
}

/// Signs in from the lookup screen as its only user, with `password`.
async fn sign_in(
    s: &mut cognitui::session::Session<ratatui::backend::TestBackend>,
    password: &str,
) {
    settle(s, "pool and users", |a| {
        a.pool().is_some() && a.lookup().pages == 1 && a.in_flight().is_empty()
    })
    .await;
    s.handle(key(KeyCode::Esc));
    s.handle(key(KeyCode::Char('i')));
    assert!(
        matches!(step_of(s.app.screen()), Some(Step::SignIn(_))),
        "{:?}",
        s.app.status()
    );
    type_text(s, password);
    s.handle(key(KeyCode::Enter));
}

/// Answers NEW_PASSWORD_REQUIRED, first with a password the policy refuses.
async fn choose_new_password(s: &mut cognitui::session::Session<ratatui::backend::TestBackend>) {
    settle(s, "NEW_PASSWORD_REQUIRED", |a| {
        matches!(step_of(a.screen()), Some(Step::NewPassword(_)))
    })
    .await;
    // The policy check names the rule before anything is sent.
    type_text(s, "short");
    s.handle(key(KeyCode::Tab));
    type_text(s, "short");
    s.handle(key(KeyCode::Enter));
    assert_eq!(
        error_text(&s.app).as_deref(),
        Some("The new password needs at least 10 characters.")
    );
    assert!(s.app.in_flight().is_empty(), "nothing sent");
    assert!(
        matches!(step_of(s.app.screen()), Some(Step::NewPassword(_))),
        "no confirmation"
    );
    // The first Backspace acknowledges the error and deletes a character.
    for event in backspaces(5) {
        s.handle(event);
    }
    type_text(s, PASSWORD);
    s.handle(key(KeyCode::BackTab));
    for event in backspaces(5) {
        s.handle(event);
    }
    type_text(s, PASSWORD);
    s.handle(key(KeyCode::Enter));
    confirm(s);
}

/// Waits for the confirmation of the enrolment's first step (AssociateSoftwareToken), opened
/// when enrolment starts, then sends it.
async fn confirm_enrolment(s: &mut cognitui::session::Session<ratatui::backend::TestBackend>) {
    settle(s, "the enrolment's confirmation", |a| {
        matches!(a.screen(), Screen::Confirm(c) if matches!(c.change, cognitui::action::Action::AssociateTotp { .. }))
    })
    .await;
    assert!(
        !s.app
            .in_flight()
            .values()
            .any(cognitui::action::Action::mutates),
        "nothing sent before Enter: {:?}",
        s.app.in_flight()
    );
    confirm(s);
}

#[tokio::test]
async fn invite_new_password_mfa_setup_qr_verify_then_sign_in_with_totp() {
    let p = pool(UserPoolMfaType::On).await;
    invite(&p, "demo.user").await;
    let mut s = open(&p);

    sign_in(&mut s, TEMPORARY).await;
    choose_new_password(&mut s).await;

    // MFA_SETUP: the enrolment screen shows the secret and the QR.
    confirm_enrolment(&mut s).await;
    settle(&mut s, "MFA_SETUP enrolment", |a| enrol_secret(a).is_some()).await;
    let secret = enrol_secret(&s.app).expect("secret");
    let text = screen(&mut s);
    assert!(text.contains(&secret.grouped()), "{text}");
    assert!(text.contains("demo.user@example.com"), "{text}");
    if let Some(Step::Enrol(e)) = step_of(s.app.screen()) {
        assert_eq!(
            e.uri.expose(),
            format!(
                "otpauth://totp/{0}:demo.user%40example.com?secret={1}&issuer={0}",
                e.issuer,
                secret.base32()
            )
        );
        assert!(e.qr.is_some());
    }

    // A wrong code is refused; the right one is accepted.
    let right = fresh_code(&secret).await;
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    type_text(&mut s, wrong);
    s.handle(key(KeyCode::Enter));
    confirm(&mut s);
    settle(&mut s, "mismatch", |a| error_text(a).is_some()).await;
    assert!(
        error_text(&s.app).is_some_and(
            |t| t.starts_with("That authenticator code is wrong") && t.contains("clock")
        ),
        "{:?}",
        s.app.status()
    );
    assert!(
        matches!(step_of(s.app.screen()), Some(Step::Enrol(_))),
        "the code stays"
    );
    // The first Backspace acknowledges the error and deletes a digit.
    for event in backspaces(6) {
        s.handle(event);
    }
    type_text(&mut s, &fresh_code(&secret).await);
    s.handle(key(KeyCode::Enter));
    confirm(&mut s);
    settle(&mut s, "tokens after MFA_SETUP", |a| {
        matches!(step_of(a.screen()), Some(Step::Tokens(_))) && a.in_flight().is_empty()
    })
    .await;
    assert_eq!(
        preferred_mfa(&p, "demo.user").await.0.as_deref(),
        Some("SOFTWARE_TOKEN_MFA")
    );

    // Sign in again: SOFTWARE_TOKEN_MFA, then the claims.
    s.handle(key(KeyCode::Esc));
    assert!(matches!(s.app.screen(), Screen::Lookup));
    s.handle(key(KeyCode::Char('i')));
    type_text(&mut s, PASSWORD);
    s.handle(key(KeyCode::Enter));
    settle(
        &mut s,
        "SOFTWARE_TOKEN_MFA",
        |a| matches!(step_of(a.screen()), Some(Step::MfaCode(c)) if c.kind == MfaKind::Totp),
    )
    .await;
    type_text(&mut s, &fresh_code(&secret).await);
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "tokens", |a| {
        matches!(step_of(a.screen()), Some(Step::Tokens(_)))
    })
    .await;
    let sub = p
        .client
        .admin_get_user()
        .user_pool_id(&p.id)
        .username("demo.user")
        .send()
        .await
        .expect("get")
        .user_attributes()
        .iter()
        .find(|a| a.name() == "sub")
        .and_then(|a| a.value().map(ToOwned::to_owned))
        .expect("sub");
    let text = screen(&mut s);
    assert!(text.contains("ID token") && text.contains(&sub), "{text}");
    if let Some(Step::Tokens(t)) = step_of(s.app.screen()) {
        assert!(
            !text.contains(t.tokens.access.expose()),
            "no raw token on screen"
        );
        // Copying puts the token on the clipboard, never on screen.
        s.handle(key(KeyCode::Char('a')));
    }
    match &s.clipboard {
        cognitui::session::Clipboard::Memory(copied) => assert_eq!(copied.len(), 1),
        cognitui::session::Clipboard::Terminal => panic!("headless sessions keep copies"),
    }
}

#[tokio::test]
async fn enrol_with_an_access_token_then_sign_in_asks_for_totp() {
    let p = pool(UserPoolMfaType::Optional).await;
    confirmed_user(&p, "optional.user").await;
    let mut s = open(&p);
    sign_in(&mut s, PASSWORD).await;
    settle(&mut s, "tokens", |a| {
        matches!(step_of(a.screen()), Some(Step::Tokens(_)))
    })
    .await;

    s.handle(key(KeyCode::Char('e')));
    confirm_enrolment(&mut s).await;
    settle(&mut s, "secret", |a| enrol_secret(a).is_some()).await;
    let secret = enrol_secret(&s.app).expect("secret");
    type_text(&mut s, &fresh_code(&secret).await);
    s.handle(key(KeyCode::Enter));
    confirm(&mut s);
    settle(&mut s, "preferred", |a| {
        a.in_flight().is_empty() && matches!(a.status(), Some(Status::Info(_)))
    })
    .await;
    assert!(matches!(s.app.screen(), Screen::Lookup));
    let (preferred, enabled) = preferred_mfa(&p, "optional.user").await;
    assert_eq!(preferred.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
    assert!(enabled.contains(&"SOFTWARE_TOKEN_MFA".to_owned()));

    s.handle(key(KeyCode::Char('i')));
    type_text(&mut s, PASSWORD);
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "SOFTWARE_TOKEN_MFA", |a| {
        matches!(step_of(a.screen()), Some(Step::MfaCode(_)))
    })
    .await;
    // The demo authenticator remembers the secret enrolled in this session.
    s.handle(key(KeyCode::F(7)));
    let text = screen(&mut s);
    assert!(
        text.contains("DEMO AUTHENTICATOR (computed here)"),
        "{text}"
    );
    type_text(&mut s, &fresh_code(&secret).await);
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "tokens", |a| {
        matches!(step_of(a.screen()), Some(Step::Tokens(_)))
    })
    .await;
}

#[tokio::test]
async fn admin_mfa_settings_are_explained_and_applied() {
    let p = pool(UserPoolMfaType::Optional).await;
    confirmed_user(&p, "admin.target").await;
    let mut s = open(&p);
    settle(&mut s, "users", |a| {
        a.lookup().pages == 1 && a.pool().is_some()
    })
    .await;
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "detail", |a| {
        a.module_as::<Detail>().is_some_and(|d| d.detail.is_some())
    })
    .await;
    s.handle(key(KeyCode::Char('m')));
    assert!(s.app.module_as::<MfaMenu>().is_some());

    // TOTP cannot be enabled for a user who never verified an authenticator.
    s.handle(key(KeyCode::Enter));
    confirm(&mut s);
    settle(&mut s, "refusal", |a| error_text(a).is_some()).await;
    assert_eq!(
        error_text(&s.app).as_deref(),
        Some(
            "Nothing changed for admin.target: setting MFA: TOTP (authenticator app) enabled and preferred failed — The user has not verified an authenticator app: enrol TOTP (sign in as the user) first."
        )
    );

    assert!(s.app.module_as::<MfaMenu>().is_some(), "the menu stays");

    // SMS can: choose "SMS: enabled and preferred" (the first Down also acknowledges).
    s.handle(key(KeyCode::Down));
    s.handle(key(KeyCode::Down));
    s.handle(key(KeyCode::Down));
    s.handle(key(KeyCode::Enter));
    confirm(&mut s);
    settle(&mut s, "detail after change", |a| {
        a.module_as::<Detail>().is_some_and(|d| d.detail.is_some()) && a.in_flight().is_empty()
    })
    .await;
    let (preferred, enabled) = preferred_mfa(&p, "admin.target").await;
    assert_eq!(preferred.as_deref(), Some("SMS_MFA"));
    assert!(enabled.contains(&"SMS_MFA".to_owned()));
    assert!(screen(&mut s).contains("SMS_MFA"));
}

#[tokio::test]
async fn sign_in_refusals_have_their_own_sentences() {
    let p = pool(UserPoolMfaType::Optional).await;
    confirmed_user(&p, "refused").await;
    let mut s = open(&p);
    sign_in(&mut s, "Not-The-Passw0rd!").await;
    settle(&mut s, "wrong password", |a| error_text(a).is_some()).await;
    assert_eq!(
        error_text(&s.app).as_deref(),
        Some(
            "Wrong username or password: check both with the user, or set a new password as admin."
        )
    );
    assert!(
        matches!(step_of(s.app.screen()), Some(Step::SignIn(f)) if f.form.value(1) == "Not-The-Passw0rd!"),
        "the form keeps what was typed"
    );

    p.client
        .admin_disable_user()
        .user_pool_id(&p.id)
        .username("refused")
        .send()
        .await
        .expect("disable");
    // Enter acknowledges the error and sends the form again.
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "disabled", |a| error_text(a).is_some()).await;
    assert_eq!(
        error_text(&s.app).as_deref(),
        Some("The user is disabled: enable them first if they should sign in.")
    );
}

#[tokio::test]
async fn user_password_auth_flow_answers_challenges_through_the_same_flow() {
    let p = pool(UserPoolMfaType::Optional).await;
    invite(&p, "app.flow").await;
    let mut s = open(&p);
    settle(&mut s, "pool and users", |a| {
        a.pool().is_some() && a.lookup().pages == 1 && a.in_flight().is_empty()
    })
    .await;
    s.handle(key(KeyCode::Esc));
    s.handle(key(KeyCode::Char('i')));
    s.handle(key(KeyCode::F(3)));
    assert!(screen(&mut s).contains("USER_PASSWORD_AUTH"));
    type_text(&mut s, TEMPORARY);
    s.handle(key(KeyCode::Enter));
    let user_flow = |a: &cognitui::app::App| {
        a.in_flight().values().any(|action| match action {
            cognitui::action::Action::SignIn { target, .. }
            | cognitui::action::Action::Respond { target, .. } => {
                target.flow == cognitui::cognito::flows::AuthFlow::User
            }
            _ => false,
        })
    };
    assert!(user_flow(&s.app));
    settle(&mut s, "NEW_PASSWORD_REQUIRED", |a| {
        matches!(step_of(a.screen()), Some(Step::NewPassword(_)))
    })
    .await;
    type_text(&mut s, PASSWORD);
    s.handle(key(KeyCode::Tab));
    type_text(&mut s, PASSWORD);
    s.handle(key(KeyCode::Enter));
    confirm(&mut s);
    assert!(
        user_flow(&s.app),
        "the answer goes through RespondToAuthChallenge"
    );
    settle(&mut s, "tokens", |a| {
        matches!(step_of(a.screen()), Some(Step::Tokens(_)))
    })
    .await;
    let status = p
        .client
        .admin_get_user()
        .user_pool_id(&p.id)
        .username("app.flow")
        .send()
        .await
        .expect("get")
        .user_status()
        .map(|s| s.as_str().to_owned());
    assert_eq!(status.as_deref(), Some("CONFIRMED"));
}

#[tokio::test]
async fn retry_never_resends_a_typed_password() {
    let p = pool(UserPoolMfaType::Optional).await;
    confirmed_user(&p, "typo").await;
    let mut s = open(&p);
    sign_in(&mut s, "Wrong-Passw0rd!").await;
    settle(&mut s, "wrong password", |a| error_text(a).is_some()).await;
    assert!(
        !s.app.can_retry(),
        "the form is sent again with Enter, not Ctrl-R"
    );
    assert!(
        !screen(&mut s).contains("retries"),
        "no retry hint for a form"
    );
}
