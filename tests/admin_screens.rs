//! Snapshots of the admin action screens, driven through `App::update` with made-up outcomes:
//! the confirmations with their CLI equivalent, setting a password, groups, devices, sign-in
//! events, and read-only mode refusing a change.

mod common;

use chrono::{TimeZone, Utc};
use cognitui::action::{Action, Outcome, Request};
use cognitui::app::{App, Safety, Status};
use cognitui::cognito::CognitoError;
use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::lists::{AuthEvent, Device};
use cognitui::cognito::model::{AppClient, UserDetail, UserStatus};
use cognitui::screens::detail::Detail;
use cognitui::ui::Theme;
use common::{answer, app_on_pool, fake_pool, fake_user, key, typed};
use crossterm::event::KeyCode;

const SIZE: (u16, u16) = (110, 20);

fn draw(app: &App) -> String {
    common::draw(app, SIZE, &Theme::default())
}

fn send(app: &mut App, text: &str) -> Vec<Request> {
    typed(text)
        .into_iter()
        .flat_map(|e| app.update(e))
        .collect()
}

/// The detail screen of ann, in groups `support`.
fn detail(safety: Safety) -> App {
    let ann = fake_user(
        "ann",
        UserStatus::Confirmed,
        true,
        &[("email", "ann@example.com"), ("email_verified", "true")],
    );
    let client = AppClient {
        id: "client1".into(),
        name: "web".into(),
        secret: None,
        auth_flows: cognitui::cognito::flows::AuthFlows::default(),
    };
    let mut app = app_on_pool(
        SIZE,
        fake_pool("eu-west-1_Desk", Some(client)),
        vec![ann.clone()],
    );
    app.options_mut().safety = safety;
    let get = app.update(key(KeyCode::Enter));
    answer(
        &mut app,
        &get[0],
        Outcome::User(Ok(UserDetail {
            user: ann,
            preferred_mfa: None,
            mfa_enabled: vec![],
            groups: vec!["support".into()],
        })),
    );
    app
}

#[test]
fn delete_asks_for_the_username_and_shows_the_cli() {
    let mut app = detail(Safety::default());
    send(&mut app, "D");
    send(&mut app, "an");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn disable_confirmation() {
    let mut app = detail(Safety::default());
    send(&mut app, "t");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn set_a_temporary_password() {
    let mut app = detail(Safety::default());
    send(&mut app, "w");
    send(&mut app, "Temp-Passw0rd!");
    app.update(key(KeyCode::F(5)));
    let screen = draw(&app);
    assert!(!screen.contains("Temp-Passw0rd!"));
    insta::assert_snapshot!(screen);
}

fn list(keys: &str, outcome: Outcome) -> App {
    let mut app = detail(Safety::default());
    let request = send(&mut app, keys);
    answer(&mut app, &request[0], outcome);
    app
}

#[test]
fn groups_mark_the_users_own() {
    let app = list(
        "g",
        Outcome::Groups(Ok(common::groups(&["admins", "support"]))),
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn devices() {
    let app = list(
        "d",
        Outcome::Devices(Ok(vec![Device {
            key: "eu-west-1_0a1b2c3d-1111".into(),
            name: Some("Ann's iPhone".into()),
            last_ip: Some("203.0.113.7".into()),
            last_used: Utc.with_ymd_and_hms(2026, 3, 3, 8, 15, 0).single(),
        }])),
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn a_sign_in_event_is_marked_invalid_through_the_confirmation() {
    let mut app = list(
        "h",
        Outcome::AuthEvents(Ok(vec![AuthEvent {
            id: "e1".into(),
            time: Utc.with_ymd_and_hms(2026, 3, 3, 8, 15, 0).single(),
            kind: "SignIn".into(),
            response: "Pass".into(),
            risk: Some("High".into()),
            ip: Some("198.51.100.4".into()),
            feedback: None,
        }])),
    );
    assert!(send(&mut app, "!").is_empty(), "! opens its confirmation");
    let text = draw(&app);
    assert!(
        text.contains("marking the sign-in event invalid")
            || text.contains("Marking the sign-in event invalid"),
        "{text}"
    );
    assert!(text.contains("admin-update-auth-event-feedback"), "{text}");
    assert!(text.contains("--feedback-value Invalid"), "{text}");
    let sent = app.update(key(KeyCode::Enter));
    assert!(
        matches!(&sent[..], [r] if matches!(&r.action, Action::Admin { calls, .. }
            if calls == &vec![AdminCall::EventFeedback { event_id: "e1".into(), valid: false }])),
        "{sent:?}"
    );
}

#[test]
fn sign_in_events() {
    let app = list(
        "h",
        Outcome::AuthEvents(Ok(vec![AuthEvent {
            id: "e1".into(),
            time: Utc.with_ymd_and_hms(2026, 3, 3, 8, 15, 0).single(),
            kind: "SignIn".into(),
            response: "Fail".into(),
            risk: Some("High".into()),
            ip: Some("198.51.100.4".into()),
            feedback: None,
        }])),
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn sign_in_events_without_threat_protection() {
    let app = list(
        "h",
        Outcome::AuthEvents(Err(CognitoError::ThreatProtectionOff)),
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn read_only_shows_a_badge_and_refuses_changes() {
    let mut app = detail(Safety {
        read_only: true,
        protected_users: vec![],
    });
    // The key is refused at once: no confirmation opens, no request is built.
    let sent = send(&mut app, "t");
    assert!(sent.is_empty(), "no request is built");
    assert!(app.module_as::<Detail>().is_some(), "nothing opens");
    assert!(app.in_flight().is_empty());
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "Read-only mode: 'disable / enable the user' would change the pool, so it is not offered."
                .into()
        ))
    );
    insta::assert_snapshot!(draw(&app));
    // Reading goes on: the first key after the refusal dismisses it and acts (r reloads).
    let reload = send(&mut app, "r");
    assert_eq!(app.status(), None);
    assert!(matches!(
        &reload[..],
        [Request {
            action: Action::GetUser { .. },
            ..
        }]
    ));
}

#[test]
fn the_audit_log_newest_first() {
    use cognitui::audit::AuditEntry;
    let mut app = detail(Safety::default());
    app.update(key(KeyCode::Esc)); // to the table
    let read = send(&mut app, "l");
    assert!(matches!(
        &read[..],
        [Request {
            action: Action::ReadAudit,
            ..
        }]
    ));
    let entry = |time: &str, action: &str, result: &str| AuditEntry {
        time: time.into(),
        pool: "eu-west-1_Desk".into(),
        identity: "arn:aws:iam::123456789012:user/desk".into(),
        action: action.into(),
        targets: vec!["ann".into()],
        result: result.into(),
    };
    answer(
        &mut app,
        &read[0],
        Outcome::Audit(Ok((
            "/home/desk/.local/share/cognitui/audit.jsonl".into(),
            vec![
                entry("2026-03-04T11:59:00.000Z", "AdminEnableUser", "ok"),
                entry(
                    "2026-03-04T11:58:00.000Z",
                    "AdminDisableUser",
                    "Cognito is throttling requests (rate quota reached): wait a moment, then retry.",
                ),
            ],
        ))),
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn y_copies_the_cli_of_the_detail_and_mfa_menu_actions() {
    let mut app = detail(Safety::default());
    send(&mut app, "y");
    let copied = app.clipboard().last().expect("copied").expose().to_owned();
    assert_eq!(
        copied,
        "aws cognito-idp admin-disable-user --user-pool-id eu-west-1_Desk --username ann"
    );
    assert!(
        matches!(app.status(), Some(Status::Info(t)) if t.starts_with("Copied (OSC 52): aws cognito-idp admin-disable-user"))
    );
    send(&mut app, "m");
    send(&mut app, "y");
    let copied = app.clipboard().last().expect("copied").expose().to_owned();
    assert_eq!(
        copied,
        "aws cognito-idp admin-set-user-mfa-preference --user-pool-id eu-west-1_Desk --username ann --software-token-mfa-settings Enabled=true,PreferredMfa=true"
    );
}
