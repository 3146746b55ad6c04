//! What cognitui says matches what it knows and what Cognito did, at 80x24: warnings come on
//! the confirmation (before anything is sent), and no sentence contradicts another.

mod common;
mod ui_support;

use cognitui::action::{Action, Outcome};
use cognitui::cognito::model::{CodeDelivery, UserStatus};
use cognitui::ui::Theme;
use common::{answer, fake_user};
use crossterm::event::KeyCode;
use ui_support as ui;

const SIZE: (u16, u16) = (80, 24);

fn shown(app: &cognitui::app::App) -> String {
    ui::draw(app, SIZE, &Theme::no_color())
}

#[test]
fn confirm_and_mark_verified_does_not_say_the_email_stays_unverified() {
    let user = fake_user(
        "caller",
        UserStatus::Unconfirmed,
        true,
        &[("email", "caller@example.com"), ("email_verified", "false")],
    );
    let mut app = ui::detail_of(SIZE, user);
    assert!(
        ui::send(&mut app, "A").is_empty(),
        "A opens its confirmation"
    );
    let text = shown(&app);
    assert!(text.contains("marking the email verified"), "{text}");
    assert!(!text.contains("not marked verified"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn forgot_password_warns_on_its_confirmation_and_cognitos_answer_wins_after() {
    let user = fake_user(
        "caller",
        UserStatus::Confirmed,
        true,
        &[("email", "caller@example.com"), ("email_verified", "false")],
    );
    let mut app = ui::detail_of(SIZE, user);
    assert!(
        ui::send(&mut app, "F").is_empty(),
        "F opens its confirmation"
    );
    let text = shown(&app);
    assert!(
        text.contains("no verified email or phone number"),
        "the warning is on the confirmation, before anything is sent: {text}"
    );
    insta::assert_snapshot!(text);
    // Sent all the same, and Cognito says where the code went: that is what the screen says.
    let sent = ui::press(&mut app, KeyCode::Enter);
    assert!(matches!(&sent[..], [r] if matches!(r.action, Action::ForgotPassword { .. })));
    answer(
        &mut app,
        &sent[0],
        Outcome::CodeSent(Ok(Some(CodeDelivery {
            medium: "EMAIL".into(),
            destination: "c***@e***".into(),
        }))),
    );
    let text = shown(&app);
    assert!(text.contains("c***@e***"), "{text}");
    assert!(
        !text.contains("Cognito will refuse to send a code"),
        "{text}"
    );
}

#[test]
fn tokens_without_expires_in_do_not_say_valid_zero_seconds() {
    let mut app = ui::tokens(SIZE);
    if let Some(cognitui::screens::sign_in::Step::Tokens(t)) =
        cognitui::screens::sign_in::step_mut(app.screen_mut())
    {
        t.tokens.expires_in_secs = None;
    }
    let text = shown(&app);
    assert!(!text.contains("valid 0 s"), "{text}");
    assert!(text.contains("no ExpiresIn"), "{text}");
}

#[test]
fn a_disabled_users_hints_offer_the_fix_the_diagnosis_names() {
    let user = fake_user(
        "gone.quiet",
        UserStatus::Confirmed,
        false,
        &[
            ("email", "gone.quiet@example.com"),
            ("email_verified", "true"),
        ],
    );
    let app = ui::detail_of(SIZE, user);
    let text = shown(&app);
    assert!(text.contains("Disabled"), "{text}");
    assert!(text.contains("t enable"), "{text}");
    // An enabled user's page does not hint it: the diagnosis names no such fix.
    let app = ui::detail(SIZE);
    assert!(!shown(&app).contains("t enable"));
}

#[test]
fn a_failed_reload_keeps_the_rows_until_new_ones_arrive() {
    use cognitui::cognito::CognitoError;
    let mut app = ui::lookup(SIZE, 3);
    let before = app.lookup().users.len();
    assert!(before > 0);
    let reload = ui::send(&mut app, "r");
    assert!(matches!(&reload[..], [r] if matches!(r.action, Action::ListUsers { .. })));
    assert_eq!(
        app.lookup().users.len(),
        before,
        "the rows stay while the reload runs"
    );
    answer(
        &mut app,
        &reload[0],
        Outcome::Users(Err(CognitoError::Unreachable)),
    );
    assert_eq!(
        app.lookup().users.len(),
        before,
        "a failed reload leaves the rows"
    );
    assert!(app.can_retry());
    // Ctrl-R reloads; its first page replaces the rows.
    let again = app.update(common::ctrl('r'));
    assert_eq!(again.len(), 1);
    answer(
        &mut app,
        &again[0],
        Outcome::Users(Ok(common::fake_page(1, None))),
    );
    assert_eq!(app.lookup().users.len(), 1);
}

#[test]
fn one_user_is_one_user() {
    let only = fake_user("only", UserStatus::Confirmed, true, &[]);
    let app = common::app_on_pool(SIZE, common::fake_pool("us-east-1_Desk", None), vec![only]);
    let text = shown(&app);
    assert!(text.contains("1 user"), "{text}");
    assert!(!text.contains("1 users"), "{text}");
}

#[test]
fn esc_on_a_loading_pool_does_not_leave_it_saying_loading() {
    let mut app = common::app(SIZE);
    let first = app.start(Some(cognitui::config::PoolChoice {
        user_pool_id: "us-east-1_Desk".into(),
        client_id: None,
        client_secret: None,
    }));
    assert!(
        first
            .iter()
            .any(|r| matches!(r.action, Action::ListUsers { .. }))
    );
    assert!(shown(&app).contains("loading"));
    ui::press(&mut app, KeyCode::Esc); // leaves the search field
    ui::press(&mut app, KeyCode::Esc); // abandons the page of users
    let text = shown(&app);
    assert!(!text.contains("· loading"), "{text}");
    assert!(text.contains("not loaded"), "{text}");
}

#[test]
fn a_federated_users_page_says_which_identities_are_linked() {
    let user = fake_user(
        "google_1234",
        UserStatus::ExternalProvider,
        true,
        &[
            ("email", "ann@example.com"),
            (
                "identities",
                r#"[{"userId":"1234","providerName":"Google","providerType":"Google","issuer":null,"primary":true,"dateCreated":1767225600000}]"#,
            ),
        ],
    );
    let app = ui::detail_of(SIZE, user);
    let text = shown(&app);
    assert!(text.contains("external identity provider"), "{text}");
    assert!(
        text.contains("Linked to      Google (Google), user 1234, linked 2026-01-01 00:00"),
        "{text}"
    );
}
