//! The user table and the header adapt to the terminal's width: usernames and emails whole
//! first, then the status (abbreviated when narrow), enabled, dates and configured columns as
//! the width allows; the header shortens the pool id instead of being cut. Users named and in
//! the states `cognitui::dev`'s demo seeding gives them.

mod common;

use chrono::Duration;
use cognitui::app::{App, Screen};
use cognitui::cognito::model::{AppClient, PoolInfo, SchemaAttribute, User, UserStatus};
use cognitui::config::columns::Column;
use cognitui::ui::{Theme, render};
use common::{app_on_pool, fake_user, key, now};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The demo pool as DescribeUserPool and the emulator describe it.
fn demo_pool() -> PoolInfo {
    PoolInfo {
        id: "us-east-1_98b2be4367434ac78b2d3d7eb8e875c3".into(),
        name: "cognitui-demo".into(),
        temporary_password_validity_days: 7,
        password_policy: cognitui::password::PasswordPolicy::default(),
        mfa_configuration: "OPTIONAL".into(),
        schema: vec![SchemaAttribute::text("custom:tier")],
        client: Some(AppClient {
            id: "democlient1".into(),
            name: "demo-web".into(),
            secret: None,
            auth_flows: cognitui::cognito::flows::AuthFlows::default(),
        }),
        usernames_case_sensitive: true,
        estimated_users: None,
        facts: cognitui::cognito::model::PoolFacts::default(),
    }
}

const FIRST: [&str; 10] = [
    "ann", "bob", "chen", "dara", "emil", "fatima", "goro", "hana", "ivan", "jun",
];
const LAST: [&str; 10] = [
    "smith", "garcia", "tanaka", "muller", "okafor", "silva", "kim", "novak", "ali", "berg",
];
const TIERS: [&str; 3] = ["free", "pro", "enterprise"];

/// Seeded user `i` of the demo pool, as `src/dev/seed.rs` makes them: the same username, email,
/// tier and state (UNCONFIRMED, CONFIRMED with and without a verified email, invited, reset,
/// disabled).
fn seeded(i: usize) -> User {
    let first = FIRST[i % FIRST.len()];
    let last = LAST[(i / FIRST.len()) % LAST.len()];
    let username = format!("{first}.{last}{}", i / 100);
    let email = format!("{username}@example.com");
    let (status, verified, enabled) = match i % 8 {
        0 | 1 => (UserStatus::Unconfirmed, false, true),
        2 | 3 => (UserStatus::Confirmed, true, true),
        4 => (UserStatus::Confirmed, false, true),
        5 => (UserStatus::ForceChangePassword, false, true),
        6 => (UserStatus::ResetRequired, true, true),
        _ => (UserStatus::Confirmed, true, false),
    };
    let phone = format!("+1555{i:07}");
    let mut user = fake_user(
        &username,
        status,
        enabled,
        &[
            ("email", &email),
            ("email_verified", if verified { "true" } else { "false" }),
            ("phone_number", &phone),
            ("custom:tier", TIERS[i % TIERS.len()]),
        ],
    );
    // Seeded an hour ago: no invitation has expired.
    user.created = Some(now() - Duration::hours(1));
    user.modified = user.created;
    user
}

/// The first page of the demo pool: ListUsers returns 60 users a page.
fn first_page() -> Vec<User> {
    (0..60).map(seeded).collect()
}

fn draw(app: &App, (w, h): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|f| render(f, app, &Theme::default()))
        .expect("draw");
    format!("{}", terminal.backend())
}

/// The screen's rows, without the quotes the test backend puts around them.
fn lines(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|l| l.trim_matches('"').to_owned())
        .collect()
}

/// The row of the selected user (the one with the highlight mark).
fn selected_line(screen: &str) -> String {
    lines(screen)
        .into_iter()
        .find(|l| l.starts_with("› "))
        .unwrap_or_else(|| panic!("no selected row:\n{screen}"))
}

/// The username and the email with its verified mark, as a row must show them whole.
fn whole(user: &User) -> (String, String) {
    let mark = if user.email_verified() { "✓" } else { "✗" };
    (
        user.username.clone(),
        format!("{} {mark}", user.email().expect("seeded with an email")),
    )
}

/// Moves through every row of the table and checks each user's row shows them whole.
fn every_row_whole(app: &mut App, size: (u16, u16)) {
    let count = app.lookup().view.len();
    for row in 0..count {
        let user = app
            .lookup()
            .selected_user()
            .expect("a selected user")
            .clone();
        let screen = draw(app, size);
        let line = selected_line(&screen);
        let (name, email) = whole(&user);
        assert!(
            line.contains(&format!(" {name} ")) && line.contains(&email),
            "row {row}: {name} / {email} not whole on its row:\n{screen}"
        );
        app.update(key(KeyCode::Down));
    }
}

#[test]
fn every_username_and_email_of_the_demos_first_page_is_whole_at_80_columns() {
    let size = (80, 24);
    let mut app = app_on_pool(size, demo_pool(), first_page());
    assert_eq!(app.lookup().view.len(), 60);
    every_row_whole(&mut app, size);
    // And the status and whether the user is enabled still fit beside them.
    let screen = draw(&app, size);
    let header = &lines(&screen)[3];
    assert!(
        header.contains("Status") && header.contains("Enabled"),
        "{screen}"
    );
}

#[test]
fn the_longest_seeded_names_stay_whole_at_80_columns_even_when_marked() {
    // Every seeded user, each marked for bulk work (a mark takes two more columns).
    let size = (80, 24);
    let mut app = app_on_pool(size, demo_pool(), (0..200).map(seeded).collect());
    app.update(key(KeyCode::Char('*')));
    assert_eq!(app.lookup().marked.len(), 200);
    every_row_whole(&mut app, size);
}

#[test]
fn at_60_columns_names_emails_and_the_short_status_fit() {
    let size = (60, 20);
    let mut app = app_on_pool(size, demo_pool(), first_page());
    every_row_whole(&mut app, size);
    app.update(key(KeyCode::Char('g')));
    let screen = draw(&app, size);
    assert!(screen.contains("UNCONF "), "{screen}");
    assert!(!screen.contains("UNCONFIRMED"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn at_80_columns_the_status_is_short_and_the_created_day_shows() {
    let size = (80, 24);
    let app = app_on_pool(size, demo_pool(), first_page());
    let screen = draw(&app, size);
    for short in ["UNCONF ", "FORCE_CHG", "RESET_REQ", "CONFIRMED"] {
        assert!(screen.contains(short), "{short}:\n{screen}");
    }
    // The header keeps the pool name, a short id and the client instead of being cut.
    let header = &lines(&screen)[0];
    assert!(
        header.contains("cognitui-demo (us-east-1_98b…5c3)") && header.contains("demo-web"),
        "{header}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn at_160_columns_every_column_shows_in_full() {
    let size = (160, 45);
    let app = app_on_pool(size, demo_pool(), first_page());
    let screen = draw(&app, size);
    for full in [
        "UNCONFIRMED",
        "FORCE_CHANGE_PASSWORD",
        "RESET_REQUIRED",
        "Created (UTC)",
        "Modified (UTC)",
        "2026-03-04 11:00",
    ] {
        assert!(screen.contains(full), "{full}:\n{screen}");
    }
    let header = &lines(&screen)[0];
    assert!(
        header.contains("cognitui-demo (us-east-1_98b2be4367434ac78b2d3d7eb8e875c3)")
            && header.contains("client demo-web")
            && header.contains("http://127.0.0.1:5000"),
        "{header}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn an_expired_invitation_is_short_when_narrow_and_in_full_when_wide() {
    let mut invited = seeded(5);
    invited.created = Some(now() - Duration::days(30));
    invited.modified = invited.created;
    for (size, text) in [((80, 16), "EXPIRED"), ((160, 16), "INVITATION EXPIRED")] {
        let app = app_on_pool(size, demo_pool(), vec![invited.clone()]);
        let line = selected_line(&draw(&app, size));
        assert!(line.contains(text), "{line}");
        if size.0 == 80 {
            assert!(!line.contains("INVITATION"), "{line}");
        }
    }
}

#[test]
fn configured_columns_come_in_their_order_with_a_custom_attribute() {
    let size = (120, 16);
    let mut app = app_on_pool(size, demo_pool(), first_page());
    app.options_mut().columns = Column::parse_list(
        &["username", "custom:tier", "email", "status", "phone_number"].map(String::from),
    )
    .expect("valid columns");
    let screen = draw(&app, size);
    let header = &lines(&screen)[3];
    let at = |title: &str| {
        header
            .find(title)
            .unwrap_or_else(|| panic!("no {title}:\n{screen}"))
    };
    assert!(
        at("Username") < at("tier") && at("tier") < at("Email"),
        "{header}"
    );
    assert!(at("Email") < at("Status") && at("Status") < at("phone_number"));
    assert!(
        !header.contains("Enabled") && !header.contains("Created"),
        "{header}"
    );
    // ann.smith0 is seeded on the free tier.
    let line = selected_line(&screen);
    assert!(
        line.contains("ann.smith0") && line.contains("free") && line.contains("+15550000000"),
        "{line}"
    );
}

#[test]
fn a_custom_column_appears_only_when_it_fits() {
    let columns = Column::parse_list(
        &[
            "username",
            "email",
            "status",
            "enabled",
            "custom:tier",
            "created",
        ]
        .map(String::from),
    )
    .expect("valid columns");
    let mut narrow = app_on_pool((60, 16), demo_pool(), first_page());
    narrow.options_mut().columns.clone_from(&columns);
    assert!(!draw(&narrow, (60, 16)).contains("tier"));
    let mut wide = app_on_pool((110, 16), demo_pool(), first_page());
    wide.options_mut().columns = columns;
    let screen = draw(&wide, (110, 16));
    assert!(
        screen.contains("tier") && screen.contains("enterprise"),
        "{screen}"
    );
}

#[test]
fn the_help_explains_the_abbreviations_the_table_shows() {
    let size = (80, 24);
    let mut app = app_on_pool(size, demo_pool(), first_page());
    app.update(key(KeyCode::Char('?')));
    // The legend comes after the keys.
    app.update(key(KeyCode::End));
    let screen = draw(&app, size);
    for line in [
        "UNCONF  status UNCONFIRMED",
        "FORCE_CHG  status FORCE_CHANGE_PASSWORD",
        "RESET_REQ  status RESET_REQUIRED",
    ] {
        assert!(screen.contains(line), "{line}:\n{screen}");
    }
    // At a width that shows the full words there is nothing to explain.
    let size = (160, 45);
    let mut app = app_on_pool(size, demo_pool(), first_page());
    app.update(key(KeyCode::Char('?')));
    app.update(key(KeyCode::End));
    assert!(!draw(&app, size).contains("status UNCONFIRMED"));
    assert!(matches!(app.screen(), Screen::Lookup));
}

#[test]
fn a_date_refine_at_80_columns_shows_the_users_created_in_its_span() {
    let size = (80, 24);
    // One user created each day back from now: the first ten are from the last ten days.
    let users: Vec<User> = (0..60)
        .map(|i| {
            let mut user = seeded(i);
            user.created = Some(now() - Duration::days(i64::try_from(i).expect("day")));
            user
        })
        .collect();
    let since = (now() - Duration::days(9)).format("%Y-%m-%d").to_string();
    let mut app = app_on_pool(size, demo_pool(), users);
    app.update(key(KeyCode::Char('f')));
    for event in common::typed(&format!("created>{since}")) {
        app.update(event);
    }
    let screen = draw(&app, size);
    assert!(
        screen.contains("10 of 60 loaded users"),
        "the last ten days:\n{screen}"
    );
    assert!(
        screen.contains(&format!("Refine: created>{since}")),
        "{screen}"
    );
    // Being typed, the date does not read yet: no row until it does.
    app.update(key(KeyCode::Backspace));
    let screen = draw(&app, size);
    assert!(
        screen.contains("No loaded user matches the refine"),
        "{screen}"
    );
}

#[test]
fn sorting_by_a_column_at_80_columns_shows_its_arrow_and_keeps_the_selected_user() {
    let size = (80, 24);
    // Created one a day back from now, listed oldest first.
    let users: Vec<User> = (0..60)
        .map(|i| {
            let mut user = seeded(i);
            user.created = Some(now() - Duration::days(60 - i64::try_from(i).expect("day")));
            user
        })
        .collect();
    let mut app = app_on_pool(size, demo_pool(), users);
    app.update(key(KeyCode::Down));
    let selected = app.lookup().selected_user().expect("a user").username;
    let columns = Column::defaults();
    let created = columns
        .iter()
        .position(|c| *c == Column::Created)
        .expect("shown by default");
    for _ in 0..=created {
        app.update(key(KeyCode::Char('S')));
    }
    assert_eq!(
        app.lookup().selected_user().map(|u| u.username),
        Some(selected),
        "the selected user stays selected"
    );
    app.update(key(KeyCode::Char('R')));
    assert!(
        draw(&app, size).contains("Sorted by created descending: the 60 loaded users."),
        "{:?}",
        app.status()
    );
    app.update(key(KeyCode::Home));
    let screen = draw(&app, size);
    assert!(screen.contains("Created (UTC) ▼"), "the arrow:\n{screen}");
    let newest = seeded(59).username;
    assert!(
        selected_line(&screen).contains(&format!(" {newest} ")),
        "newest first:\n{screen}"
    );
    insta::assert_snapshot!(screen);
    // S past the last column: back in the order Cognito listed them.
    for _ in created + 1..columns.len() {
        app.update(key(KeyCode::Char('S')));
    }
    app.update(key(KeyCode::Char('S')));
    assert!(app.lookup().sort.is_none());
    let view = &app.lookup().view;
    assert!(view.windows(2).all(|w| w[0] < w[1]), "as loaded");
}
