//! Shared test helpers: one emulator per test binary, a fresh pool per test, headless sessions.

#![allow(dead_code)] // each test binary uses a different part of this module

pub mod fail_nth;
pub mod journey;
pub mod proxy;
pub mod srp_server;
pub mod wire;

use std::sync::OnceLock;
use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use chrono::{TimeZone, Utc};
use cognitui::app::App;
use cognitui::cognito::Cognito;
use cognitui::config::PoolChoice;
use cognitui::dev::{Emulator, create_pool, emulator_client};
use cognitui::event::Event;
use cognitui::keys::{KeyTable, Keymap};
use cognitui::session::Session;
use cognitui::ui::{Theme, render};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The emulator every test of this binary shares; it stops when the binary exits. Never
/// skipped: without python3 the install fails and so does the test, saying what to install.
pub fn emulator() -> &'static Emulator {
    static EMULATOR: OnceLock<Emulator> = OnceLock::new();
    EMULATOR.get_or_init(|| Emulator::start().unwrap_or_else(|e| panic!("{e}")))
}

pub fn client() -> Client {
    emulator_client(&emulator().endpoint(), Duration::from_secs(10))
}

/// An emulator client in `region` (the emulator keeps each region's pools apart).
pub fn client_in(region: &str) -> Client {
    let east = client();
    Client::from_conf(
        east.config()
            .to_builder()
            .region(aws_sdk_cognitoidentityprovider::config::Region::new(
                region.to_owned(),
            ))
            .build(),
    )
}

/// A new pool, so that tests never see each other's users.
pub async fn fresh_pool(client: &Client) -> String {
    let name = format!("test-{}", uuid_ish());
    create_pool(client, &name).await.expect("create pool")
}

fn uuid_ish() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

pub fn keymap() -> Keymap {
    Keymap::new(&KeyTable::new()).expect("default keys")
}

/// A fixed clock for snapshots.
pub fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 12, 0, 0)
        .single()
        .expect("valid")
}

pub fn app(size: (u16, u16)) -> App {
    App::new(
        keymap(),
        "http://127.0.0.1:5000".into(),
        size,
        now(),
        &cognitui::ui::LAYOUT,
    )
}

/// Shows `step` of a sign-in: of the sign-in shown, or of a new one for ann.smith from the
/// user table.
#[allow(dead_code)]
pub fn show_step(app: &mut App, step: cognitui::screens::sign_in::Step) {
    use cognitui::app::Screen;
    use cognitui::cognito::auth::AuthTarget;
    use cognitui::cognito::flows::AuthFlow;
    use cognitui::screens::sign_in::{AfterSignIn, SignInContext, SignInFlow};
    let auth = match app.screen().module_as::<SignInFlow>() {
        Some(flow) => flow.auth.clone(),
        None => SignInContext {
            target: AuthTarget {
                pool_id: "us-east-1_test".into(),
                client: cognitui::cognito::model::AppClient {
                    id: "client".into(),
                    name: "cognitui".into(),
                    secret: None,
                    auth_flows: cognitui::cognito::flows::AuthFlows::default(),
                },
                flow: AuthFlow::Admin,
                device: None,
            },
            username: "ann.smith".into(),
            account: "ann.smith@example.com".into(),
            origin: Box::new(Screen::Lookup),
            then: AfterSignIn::ShowTokens,
            preferred: None,
        },
    };
    *app.screen_mut() = Screen::Module(Box::new(SignInFlow { auth, step }));
}

/// A headless whole-app session on a test backend.
pub fn session(client: &Client, pool_id: Option<&str>) -> Session<TestBackend> {
    let choice = pool_id.map(|id| PoolChoice {
        user_pool_id: id.to_owned(),
        client_id: None,
        client_secret: None,
    });
    session_for(client, choice)
}

/// A headless session opening `choice` (or the picker).
pub fn session_for(client: &Client, choice: Option<PoolChoice>) -> Session<TestBackend> {
    let terminal = Terminal::new(TestBackend::new(120, 30)).expect("test terminal");
    Session::start(
        terminal,
        Cognito::new(client),
        keymap(),
        "emulator".into(),
        choice,
    )
    .expect("session")
}

/// Processes events until `done` holds; fails the test after 20 s.
pub async fn settle(s: &mut Session<TestBackend>, what: &str, done: impl Fn(&App) -> bool) {
    let wait = async {
        while !done(&s.app) {
            assert!(
                s.next().await,
                "event channel closed while waiting for {what}"
            );
        }
    };
    if tokio::time::timeout(Duration::from_secs(20), wait)
        .await
        .is_err()
    {
        panic!(
            "timed out waiting for {what}; status: {:?}; in flight: {:?}",
            s.app.status(),
            s.app.in_flight()
        );
    }
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Key events that type `text`.
pub fn typed(text: &str) -> Vec<Event> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// The screen as text.
pub fn screen(s: &mut Session<TestBackend>) -> String {
    s.draw().expect("draw");
    format!("{}", s.terminal.backend())
}

/// A user made up for screen and `update` tests.
pub fn fake_user(
    username: &str,
    status: cognitui::cognito::model::UserStatus,
    enabled: bool,
    attrs: &[(&str, &str)],
) -> cognitui::cognito::model::User {
    let day = |d| Utc.with_ymd_and_hms(2026, 3, d, 9, 30, 0).single();
    cognitui::cognito::model::User {
        username: username.to_owned(),
        attributes: attrs
            .iter()
            .map(|(n, v)| cognitui::cognito::model::Attribute {
                name: (*n).to_owned(),
                value: (*v).to_owned(),
            })
            .collect(),
        status,
        enabled,
        created: day(1),
        modified: day(2),
    }
}

/// A page of made-up users in assorted states.
pub fn fake_page(count: usize, next_token: Option<&str>) -> cognitui::cognito::model::UsersPage {
    use cognitui::cognito::model::UserStatus;
    let statuses = [
        UserStatus::Confirmed,
        UserStatus::Unconfirmed,
        UserStatus::ForceChangePassword,
        UserStatus::ResetRequired,
    ];
    cognitui::cognito::model::UsersPage {
        users: (0..count)
            .map(|i| {
                let name = format!("user{i:03}");
                let email = format!("{name}@example.com");
                let verified = if i % 3 == 0 { "false" } else { "true" };
                fake_user(
                    &name,
                    statuses[i % statuses.len()].clone(),
                    i % 7 != 6,
                    &[("email", &email), ("email_verified", verified)],
                )
            })
            .collect(),
        next_token: next_token.map(ToOwned::to_owned),
    }
}

/// Key events that clear a text field of up to `n` characters.
pub fn backspaces(n: usize) -> Vec<Event> {
    (0..n).map(|_| key(KeyCode::Backspace)).collect()
}

/// The current TOTP code for `secret`, waiting first if the 30 s window is about to turn (the
/// emulator accepts only the current window).
pub async fn fresh_code(secret: &cognitui::totp::TotpSecret) -> String {
    loop {
        let now = u64::try_from(Utc::now().timestamp()).expect("after 1970");
        if cognitui::totp::seconds_left(now) > 4 {
            return secret.code_at(now);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Feeds the outcome of `request` to `app`, as the worker would; returns the follow-up requests.
pub fn answer(
    app: &mut App,
    request: &cognitui::action::Request,
    outcome: cognitui::action::Outcome,
) -> Vec<cognitui::action::Request> {
    app.update(Event::Cognito(cognitui::action::Response {
        id: request.id,
        outcome,
    }))
}

/// A made-up pool with Cognito's default policy, `custom:`-free schema, and `client` if given.
pub fn fake_pool(
    id: &str,
    client: Option<cognitui::cognito::model::AppClient>,
) -> cognitui::cognito::model::PoolInfo {
    cognitui::cognito::model::PoolInfo {
        id: id.to_owned(),
        name: id.split('_').next_back().unwrap_or(id).to_lowercase(),
        temporary_password_validity_days: 7,
        password_policy: cognitui::password::PasswordPolicy::default(),
        mfa_configuration: "OFF".into(),
        schema: vec![],
        client,
        usernames_case_sensitive: true,
        estimated_users: None,
        facts: cognitui::cognito::model::PoolFacts::default(),
    }
}

/// An app of `size` with `pool` open and `users` loaded, the keyboard on the user table.
pub fn app_on_pool(
    size: (u16, u16),
    pool: cognitui::cognito::model::PoolInfo,
    users: Vec<cognitui::cognito::model::User>,
) -> App {
    let mut app = app(size);
    let first = app.start(Some(PoolChoice {
        user_pool_id: pool.id.clone(),
        client_id: pool.client.as_ref().map(|c| c.id.clone()),
        client_secret: None,
    }));
    answer(
        &mut app,
        &first[0],
        cognitui::action::Outcome::PoolOpened(Box::new(Ok(pool))),
    );
    answer(
        &mut app,
        &first[1],
        cognitui::action::Outcome::Users(Ok(cognitui::cognito::model::UsersPage {
            users,
            next_token: None,
        })),
    );
    app.update(key(KeyCode::Esc));
    app
}

/// Groups named `names`, without description or precedence, as ListGroups returns them.
pub fn groups<S: AsRef<str>>(names: &[S]) -> Vec<cognitui::cognito::groups::Group> {
    names
        .iter()
        .map(|n| cognitui::cognito::groups::Group {
            name: n.as_ref().to_owned(),
            description: None,
            precedence: None,
            role_arn: None,
        })
        .collect()
}

/// What `app` draws at its own size, as text.
pub fn ui_text(app: &App) -> String {
    draw(app, app.size(), &Theme::default())
}

/// The screen's text, as the snapshots show it.
pub fn draw(app: &App, size: (u16, u16), theme: &Theme) -> String {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("terminal");
    terminal.draw(|f| render(f, app, theme)).expect("draw");
    format!("{}", terminal.backend())
}
