//! Snapshots of every screen on a test backend (insta). Made-up data and a fixed clock, so
//! nothing secret or time-dependent reaches a snapshot.

mod common;

use cognitui::action::{Action, Outcome, Request};
use cognitui::app::{App, Screen, Status};
use cognitui::cognito::CognitoError;
use cognitui::cognito::model::{PoolInfo, PoolSummary, SchemaAttribute, UserDetail, UserStatus};
use cognitui::config::PoolChoice;
use cognitui::screens::detail::Detail;
use cognitui::screens::picker::Picker;
use cognitui::ui::{Theme, render};
use common::{answer, app, fake_page, fake_user, key, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZE: (u16, u16) = (110, 20);

fn draw(app: &App) -> String {
    common::draw(app, SIZE, &Theme::default())
}

fn pool_info() -> PoolInfo {
    PoolInfo {
        id: "us-east-1_Demo".into(),
        name: "demo".into(),
        temporary_password_validity_days: 7,
        password_policy: cognitui::password::PasswordPolicy::default(),
        mfa_configuration: "OPTIONAL".into(),
        schema: vec![SchemaAttribute::text("custom:tier")],
        client: None,
        usernames_case_sensitive: true,
        estimated_users: None,
        facts: cognitui::cognito::model::PoolFacts::default(),
    }
}

/// A lookup screen with the pool open; returns the pending first-page request.
fn lookup() -> (App, Request) {
    let mut app = app(SIZE);
    let first = app.start(Some(PoolChoice {
        user_pool_id: "us-east-1_Demo".into(),
        client_id: None,
        client_secret: None,
    }));
    answer(
        &mut app,
        &first[0],
        Outcome::PoolOpened(Box::new(Ok(pool_info()))),
    );
    (app, first[1].clone())
}

#[test]
fn lookup_loading() {
    let (app, _) = lookup();
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn lookup_empty() {
    let (mut app, page) = lookup();
    answer(&mut app, &page, Outcome::Users(Ok(fake_page(0, None))));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn lookup_loaded() {
    let (mut app, page) = lookup();
    answer(
        &mut app,
        &page,
        Outcome::Users(Ok(fake_page(60, Some("more")))),
    );
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Down));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn lookup_filtered() {
    let (mut app, _) = lookup();
    app.update(key(KeyCode::Tab));
    let mut sent = Vec::new();
    for event in typed("user01") {
        sent = app.update(event);
    }
    let search = sent.pop().expect("search request");
    assert!(
        matches!(&search.action, Action::ListUsers { filter: Some(f), .. } if f == r#"email ^= "user01""#)
    );
    let mut page = fake_page(20, None);
    page.users.retain(|u| u.username.starts_with("user01"));
    answer(&mut app, &search, Outcome::Users(Ok(page)));
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Char('f')));
    for event in typed("user015") {
        app.update(event);
    }
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn detail() {
    let (mut app, _) = lookup();
    let user = fake_user(
        "ann.smith",
        UserStatus::Confirmed,
        true,
        &[
            ("sub", "0f6c1e2a-1111-2222-3333-444455556666"),
            ("email", "ann@example.com"),
            ("email_verified", "false"),
            ("given_name", "Ann"),
            ("custom:tier", "gold"),
        ],
    );
    *app.screen_mut() = Screen::Module(Box::new(Detail {
        username: "ann.smith".into(),
        detail: Some(UserDetail {
            user,
            preferred_mfa: Some("SOFTWARE_TOKEN_MFA".into()),
            mfa_enabled: vec!["SOFTWARE_TOKEN_MFA".into()],
            groups: vec!["admins".into(), "support".into()],
        }),
    }));
    app.in_flight_mut().clear();
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn pool_picker() {
    let mut app = app(SIZE);
    let first = app.start(None);
    answer(
        &mut app,
        &first[0],
        Outcome::Pools(Ok(vec![
            PoolSummary {
                id: "eu-west-1_Prod".into(),
                name: "production".into(),
            },
            PoolSummary {
                id: "eu-west-1_Stage".into(),
                name: "staging".into(),
            },
        ])),
    );
    app.update(key(KeyCode::Down));
    assert!(matches!(
        app.module_as::<Picker>(),
        Some(Picker::Pools { selected: 1, .. })
    ));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn help_overlay() {
    let (mut app, page) = lookup();
    answer(&mut app, &page, Outcome::Users(Ok(fake_page(10, None))));
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Char('?')));
    let mut terminal = Terminal::new(TestBackend::new(110, 30)).expect("terminal");
    terminal
        .draw(|f| render(f, &app, &Theme::default()))
        .expect("draw");
    insta::assert_snapshot!(format!("{}", terminal.backend()));
}

#[test]
fn error_status_line() {
    let (mut app, page) = lookup();
    answer(
        &mut app,
        &page,
        Outcome::Users(Err(CognitoError::TooManyRequests)),
    );
    assert!(matches!(app.status(), Some(Status::Error(_))));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn help_overlay_flows_into_columns_on_a_small_terminal() {
    let (mut app, page) = lookup();
    answer(&mut app, &page, Outcome::Users(Ok(fake_page(10, None))));
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Char('?')));
    let mut terminal = Terminal::new(TestBackend::new(160, 22)).expect("terminal");
    terminal
        .draw(|f| render(f, &app, &Theme::default()))
        .expect("draw");
    let text = format!("{}", terminal.backend());
    // The first and the last bindings are both visible.
    assert!(
        text.contains("quit") && text.contains("retry the call that failed"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}
