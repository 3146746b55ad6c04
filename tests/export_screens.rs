//! Snapshots of the export screen, and cancelling an export while groups are read: nothing is
//! written.

mod common;

use cognitui::action::{Action, Outcome};
use cognitui::app::{App, ExportPhase, Screen};
use cognitui::cognito::model::UserStatus;
use cognitui::ui::{Theme, render};
use common::{answer, app_on_pool, backspaces, fake_pool, fake_user, key, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(110, 16)).expect("terminal");
    terminal
        .draw(|f| render(f, app, &Theme::default()))
        .expect("draw");
    format!("{}", terminal.backend())
}

fn export_form() -> App {
    let users = (1..=3)
        .map(|i| fake_user(&format!("u{i}"), UserStatus::Confirmed, true, &[]))
        .collect();
    let mut app = app_on_pool((110, 16), fake_pool("eu-west-1_Exp", None), users);
    app.update(key(KeyCode::Char('E')));
    app
}

#[test]
fn export_form_snapshot() {
    let mut app = export_form();
    app.update(key(KeyCode::F(5)));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn a_file_without_csv_or_json_is_refused() {
    let mut app = export_form();
    for e in backspaces(20).into_iter().chain(typed("users.txt")) {
        app.update(e);
    }
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert!(
        matches!(&app.status, Some(cognitui::app::Status::Error(t)) if t.starts_with("Name the file .csv or .json"))
    );
}

#[test]
fn cancelling_while_reading_groups_writes_nothing() {
    let mut app = export_form();
    app.update(key(KeyCode::F(5)));
    let reads = app.update(key(KeyCode::Enter));
    assert_eq!(reads.len(), 3);
    assert!(matches!(reads[0].action, Action::UserGroups { .. }));
    answer(
        &mut app,
        &reads[0],
        Outcome::UserGroups(Ok(vec!["support".into()])),
    );
    app.update(key(KeyCode::Esc));
    let more = answer(&mut app, &reads[1], Outcome::UserGroups(Ok(vec![])));
    assert!(more.is_empty(), "no write after cancel");
    assert!(matches!(&app.screen, Screen::Export(r) if r.phase == ExportPhase::Cancelled));
    insta::assert_snapshot!(draw(&app));
}
