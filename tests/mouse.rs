//! The mouse drives `update`: the wheel scrolls the user table and the lists, a click selects a
//! row of the user table, a double click opens the user (AdminGetUser), and with the mouse off
//! nothing of it happens. Clicks land on the row the UI draws the user on.

mod common;

use std::time::{Duration, Instant};

use cognitui::action::{Action, Outcome, Request, Response};
use cognitui::app::{App, DOUBLE_CLICK, Screen, Status, WHEEL_ROWS};
use cognitui::audit::AuditEntry;
use cognitui::cognito::model::{PoolSummary, UserDetail, UserStatus};
use cognitui::event::Event;
use cognitui::screens::audit::AuditView;
use cognitui::screens::detail::Detail;
use cognitui::screens::picker::Picker;
use cognitui::screens::users::{Focus, ROWS_ABOVE_TABLE};
use cognitui::ui::{Theme, extent, help_extent, render};
use common::{app_on_pool, fake_page, fake_pool, fake_user, key};
use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZE: (u16, u16) = (80, 24);

fn mouse(kind: MouseEventKind, row: u16, at: Instant) -> Event {
    Event::Mouse(
        MouseEvent {
            kind,
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        },
        at,
    )
}

fn click(row: u16, at: Instant) -> Event {
    mouse(MouseEventKind::Down(MouseButton::Left), row, at)
}

fn wheel_down() -> Event {
    mouse(MouseEventKind::ScrollDown, 10, Instant::now())
}

fn wheel_up() -> Event {
    mouse(MouseEventKind::ScrollUp, 10, Instant::now())
}

/// The screen row of the user table's row `n` (from the first row on screen).
fn table_row(n: u16) -> u16 {
    ROWS_ABOVE_TABLE + n
}

/// An app on a pool with 60 users loaded (more on the server), the keyboard on the table.
fn lookup() -> App {
    let mut app = app_on_pool(SIZE, fake_pool("us-east-1_Mouse", None), Vec::new());
    app.lookup_mut().add_page(fake_page(60, Some("more")));
    app
}

fn selected(app: &App) -> String {
    app.lookup()
        .selected_user()
        .map(|u| u.username.clone())
        .unwrap_or_default()
}

fn get_user(requests: &[Request]) -> Option<&str> {
    requests.iter().find_map(|r| match &r.action {
        Action::GetUser { username, .. } => Some(username.as_str()),
        _ => None,
    })
}

#[test]
fn the_wheel_scrolls_the_user_table() {
    let mut app = lookup();
    assert_eq!(app.lookup().selected, 0);
    app.update(wheel_down());
    assert_eq!(app.lookup().selected, WHEEL_ROWS);
    app.update(wheel_down());
    app.update(wheel_up());
    assert_eq!(app.lookup().selected, WHEEL_ROWS);
    app.update(wheel_up());
    app.update(wheel_up());
    assert_eq!(app.lookup().selected, 0, "stops at the first row");
    // Far enough down, the table scrolls and the next page is asked for, as with the keys.
    let mut asked = Vec::new();
    for _ in 0..20 {
        asked.extend(app.update(wheel_down()));
    }
    assert!(app.lookup().offset > 0);
    assert!(
        asked
            .iter()
            .any(|r| matches!(&r.action, Action::ListUsers { token: Some(t), .. } if t == "more")),
        "{asked:?}"
    );
}

#[test]
fn the_wheel_scrolls_the_details_attributes_and_stops_at_the_last() {
    let mut app = lookup();
    let attributes: Vec<(String, String)> = (0..40)
        .map(|i| (format!("custom:a{i:02}"), format!("v{i}")))
        .collect();
    let attrs: Vec<(&str, &str)> = attributes
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    *app.screen_mut() = Screen::Module(Box::new(Detail {
        username: "ann".into(),
        detail: Some(UserDetail {
            user: fake_user("ann", UserStatus::Confirmed, true, &attrs),
            preferred_mfa: None,
            mfa_enabled: Vec::new(),
            groups: Vec::new(),
        }),
    }));
    let scroll = |app: &App| {
        assert!(app.module_as::<Detail>().is_some(), "left the detail");
        app.view().offset
    };
    let last = extent(&app).expect("the detail scrolls").max();
    assert!(last > WHEEL_ROWS, "{last}");
    app.update(wheel_down());
    assert_eq!(scroll(&app), WHEEL_ROWS);
    for _ in 0..40 {
        app.update(wheel_down());
    }
    assert_eq!(scroll(&app), last, "the last attributes fill the view");
    app.update(wheel_up());
    assert_eq!(scroll(&app), last - WHEEL_ROWS);
}

#[test]
fn the_wheel_moves_through_lists() {
    let mut app = lookup();
    *app.screen_mut() = Screen::Module(Box::new(Picker::Pools {
        pools: Some(
            ["a", "b", "c"]
                .iter()
                .map(|n| PoolSummary {
                    id: format!("us-east-1_{n}"),
                    name: (*n).into(),
                })
                .collect(),
        ),
        selected: 0,
    }));
    app.update(wheel_down());
    app.update(wheel_down());
    app.update(wheel_down());
    assert!(matches!(
        app.module_as::<Picker>(),
        Some(Picker::Pools { selected: 2, .. })
    ));
    app.update(wheel_up());
    assert!(matches!(
        app.module_as::<Picker>(),
        Some(Picker::Pools { selected: 1, .. })
    ));

    let entry = |n: usize| AuditEntry {
        time: format!("2026-03-04T12:00:0{n}Z"),
        pool: "us-east-1_Mouse".into(),
        identity: "profile default".into(),
        action: "AdminDisableUser".into(),
        targets: vec![format!("user{n:03}")],
        result: "ok".into(),
    };
    *app.screen_mut() = Screen::Lookup;
    let read = app.update(key(KeyCode::Char('l')));
    app.update(Event::Cognito(Response {
        id: read[0].id,
        outcome: Outcome::Audit(Ok(("audit.jsonl".into(), (0..5).map(entry).collect()))),
    }));
    let selected = |app: &App| app.module_as::<AuditView>().map(|v| v.selected);
    app.update(wheel_down());
    assert_eq!(selected(&app), Some(WHEEL_ROWS));
    app.update(wheel_down());
    assert_eq!(selected(&app), Some(4));
}

#[test]
fn a_click_selects_the_row_and_takes_the_keyboard_to_the_table() {
    let mut app = lookup();
    app.update(key(KeyCode::Char('/')));
    assert_eq!(app.lookup().focus, Focus::Search);
    let requests = app.update(click(table_row(4), Instant::now()));
    assert!(requests.is_empty(), "{requests:?}");
    assert_eq!(selected(&app), "user004");
    assert_eq!(app.lookup().focus, Focus::Table);
    assert!(matches!(app.screen(), Screen::Lookup));

    // Scrolled down, a click still picks the user drawn on that row.
    app.update(key(KeyCode::End));
    let offset = app.lookup().offset;
    assert!(offset > 0);
    app.update(click(table_row(0), Instant::now()));
    assert_eq!(app.lookup().selected, offset);
}

#[test]
fn clicks_off_the_rows_do_nothing() {
    let mut app = lookup();
    app.update(key(KeyCode::Down));
    // The header, the search line, the border, the column titles, the info and status lines.
    for row in [0, 1, 2, 3, SIZE.1 - 3, SIZE.1 - 2, SIZE.1 - 1] {
        assert!(app.update(click(row, Instant::now())).is_empty());
        assert_eq!(app.lookup().selected, 1, "row {row}");
    }
    // Below the last user of a short list.
    let mut short = app_on_pool(SIZE, fake_pool("us-east-1_Mouse", None), Vec::new());
    short.lookup_mut().add_page(fake_page(3, None));
    short.update(click(table_row(5), Instant::now()));
    assert_eq!(short.lookup().selected, 0);
}

#[test]
fn a_double_click_opens_the_user() {
    let mut app = lookup();
    let t = Instant::now();
    assert!(app.update(click(table_row(2), t)).is_empty());
    let requests = app.update(click(table_row(2), t + Duration::from_millis(250)));
    assert_eq!(get_user(&requests), Some("user002"), "{requests:?}");
    assert!(
        app.module_as::<Detail>()
            .is_some_and(|d| d.username == "user002")
    );
}

#[test]
fn two_slow_clicks_or_clicks_on_two_rows_only_select() {
    let mut app = lookup();
    let t = Instant::now();
    app.update(click(table_row(2), t));
    let late = t + DOUBLE_CLICK + Duration::from_millis(1);
    assert!(get_user(&app.update(click(table_row(2), late))).is_none());
    app.update(click(table_row(3), late + Duration::from_millis(100)));
    let requests = app.update(click(table_row(2), late + Duration::from_millis(200)));
    assert!(get_user(&requests).is_none(), "{requests:?}");
    assert!(matches!(app.screen(), Screen::Lookup));
    assert_eq!(selected(&app), "user002");
    // A third click soon after a double click starts over: it only selects.
    let t = late + Duration::from_secs(5);
    app.update(click(table_row(1), t));
    app.update(click(table_row(1), t + Duration::from_millis(100)));
    assert!(app.module_as::<Detail>().is_some());
    *app.screen_mut() = Screen::Lookup;
    let requests = app.update(click(table_row(1), t + Duration::from_millis(200)));
    assert!(get_user(&requests).is_none(), "{requests:?}");
}

#[test]
fn with_the_mouse_off_mouse_events_are_ignored() {
    let mut app = lookup();
    app.options_mut().mouse = false;
    let t = Instant::now();
    app.update(wheel_down());
    assert!(app.update(click(table_row(2), t)).is_empty());
    assert!(
        app.update(click(table_row(2), t + Duration::from_millis(100)))
            .is_empty()
    );
    assert_eq!(app.lookup().selected, 0);
    assert!(matches!(app.screen(), Screen::Lookup));
}

#[test]
fn the_wheel_scrolls_the_help_which_takes_no_clicks() {
    let mut app = app_on_pool((60, 16), fake_pool("us-east-1_Mouse", None), Vec::new());
    app.lookup_mut().add_page(fake_page(60, Some("more")));
    app.update(key(KeyCode::Char('?')));
    assert!(app.show_help());
    let last = help_extent(&app).max();
    assert!(last > 0, "the help overflows at 60x16");
    app.update(wheel_down());
    assert_eq!(app.help_scroll(), WHEEL_ROWS.min(last));
    assert_eq!(app.lookup().selected, 0, "the table underneath stays");
    app.update(wheel_up());
    assert_eq!(app.help_scroll(), 0);
    let t = Instant::now();
    app.update(click(table_row(2), t));
    app.update(click(table_row(2), t + Duration::from_millis(100)));
    assert!(matches!(app.screen(), Screen::Lookup));
    assert_eq!(app.lookup().selected, 0);
}

#[test]
fn a_click_lands_on_the_user_drawn_on_that_row() {
    let mut app = lookup();
    app.update(key(KeyCode::End));
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
    terminal
        .draw(|f| render(f, &app, &Theme::default()))
        .expect("draw");
    let screen = format!("{}", terminal.backend());
    for wanted in ["user045", "user050", "user059"] {
        let row = screen
            .lines()
            .position(|l| l.contains(&format!(" {wanted} ")))
            .unwrap_or_else(|| panic!("{wanted} not on screen:\n{screen}"));
        app.update(click(u16::try_from(row).expect("row"), Instant::now()));
        assert_eq!(selected(&app), wanted, "clicked row {row}:\n{screen}");
    }
}

#[test]
fn a_click_lands_on_the_drawn_user_while_a_long_sentence_shortens_the_table() {
    let mut app = lookup();
    app.update(key(KeyCode::End));
    // A sentence on three rows takes two rows from the table after the selection moved.
    app.set_status(Some(Status::Error(
        "Cognito said something long. ".repeat(6),
    )));
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
    terminal
        .draw(|f| render(f, &app, &Theme::default()))
        .expect("draw");
    let screen = format!("{}", terminal.backend());
    let row_of = |name: &str| {
        screen
            .lines()
            .position(|l| l.contains(&format!(" {name} ")))
            .and_then(|r| u16::try_from(r).ok())
    };
    assert!(
        row_of("user059").is_some(),
        "the selected user shows:\n{screen}"
    );
    let first = (0..60)
        .map(|i| format!("user{i:03}"))
        .find(|n| row_of(n).is_some())
        .expect("a user on screen");
    let row = row_of(&first).expect("shown");
    assert_eq!(row, table_row(0), "{screen}");
    app.update(click(row, Instant::now()));
    assert_eq!(selected(&app), first, "{screen}");
    // The click dismissed the sentence; the rows stay where they were.
    assert_eq!(app.status(), None);
    assert_eq!(app.user_at_row(table_row(0)), Some(app.lookup().selected));
}

#[tokio::test]
async fn the_settings_reach_the_app_mouse_off_and_columns() {
    use cognitui::audit::AuditLog;
    use cognitui::config::columns::Column;
    use cognitui::config::{Cli, Settings};
    use cognitui::session::Session;

    let mut settings = Settings::from_flags(&Cli::default()).expect("settings");
    assert!(settings.mouse, "on by default");
    settings.mouse = false;
    settings.columns = vec![Column::Email, Column::Username];
    let client = common::wire::mock_client_of(&[]);
    let terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
    let mut s = Session::open(
        terminal,
        &settings,
        &client,
        std::sync::Arc::new(AuditLog::disabled()),
        None,
    )
    .expect("session");
    assert!(!s.app.options().mouse);
    assert_eq!(
        s.app.options().columns,
        vec![Column::Email, Column::Username]
    );
    s.handle(wheel_down());
    assert!(matches!(
        s.app.module_as::<Picker>(),
        Some(Picker::Pools { selected: 0, .. })
    ));
}
