//! Snapshots of the export screen, and cancelling an export while groups are read: nothing is
//! written. The form shows the absolute path; an existing file is replaced only after the
//! question.

mod common;

use std::path::{Path, PathBuf};

use cognitui::action::{Action, Outcome, Request};
use cognitui::app::{App, Status};
use cognitui::cognito::model::UserStatus;
use cognitui::export::Written;
use cognitui::screens::export::{ExportPhase, ExportRun};
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
    app.options_mut().export_dir = PathBuf::from(DIR);
    app.update(key(KeyCode::Char('E')));
    app
}

/// The working directory the snapshots pretend to run in.
const DIR: &str = "/home/agent/exports";

fn type_name(app: &mut App, name: &str) {
    for e in backspaces(20).into_iter().chain(typed(name)) {
        app.update(e);
    }
}

/// The write the requests hold: its path, whether it may replace, and the rows' groups.
fn write_of(requests: &[Request]) -> (PathBuf, bool, Vec<Option<Vec<String>>>) {
    match requests {
        [
            Request {
                action:
                    Action::WriteExport {
                        path,
                        rows,
                        replace,
                        ..
                    },
                ..
            },
        ] => (
            path.clone(),
            *replace,
            rows.iter().map(|r| r.groups.clone()).collect(),
        ),
        other => panic!("expected one write, got {other:?}"),
    }
}

fn phase(app: &App) -> ExportPhase {
    match app.module_as::<ExportRun>() {
        Some(run) => run.phase.clone(),
        other => panic!("not the export screen: {other:?}"),
    }
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
        matches!(app.status(), Some(cognitui::app::Status::Error(t)) if t.starts_with("Name the file .csv or .json"))
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
    assert!(
        app.module_as::<ExportRun>()
            .is_some_and(|r| r.phase == ExportPhase::Cancelled)
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn the_form_shows_the_absolute_path_before_enter() {
    let mut app = export_form();
    assert!(draw(&app).contains("Writes to /home/agent/exports/users.csv"));
    type_name(&mut app, "./team/../all.json");
    let screen = draw(&app);
    assert!(
        screen.contains("Writes to /home/agent/exports/all.json"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
    let (path, replace, _) = write_of(&app.update(key(KeyCode::Enter)));
    assert_eq!(path, Path::new("/home/agent/exports/all.json"));
    assert!(!replace, "never replaces without the question");
}

#[test]
fn an_absolute_name_is_kept() {
    let mut app = export_form();
    type_name(&mut app, "/tmp/users.json");
    assert!(draw(&app).contains("Writes to /tmp/users.json"));
    let (path, _, _) = write_of(&app.update(key(KeyCode::Enter)));
    assert_eq!(path, Path::new("/tmp/users.json"));
}

#[test]
fn an_existing_file_asks_before_it_is_replaced() {
    let mut app = export_form();
    let first = app.update(key(KeyCode::Enter));
    let (path, replace, _) = write_of(&first);
    assert!(!replace);
    let after = answer(&mut app, &first[0], Outcome::Exported(Ok(Written::Exists)));
    assert!(after.is_empty(), "nothing more is sent before the answer");
    assert_eq!(phase(&app), ExportPhase::Exists);
    let screen = draw(&app);
    assert!(
        screen.contains(
            "/home/agent/exports/users.csv exists: replace it? Enter replaces, Esc goes back to the form."
        ),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
    // Enter replaces: the same file, now allowed to replace.
    let second = app.update(key(KeyCode::Enter));
    assert_eq!(write_of(&second), (path, true, vec![None, None, None]));
    answer(
        &mut app,
        &second[0],
        Outcome::Exported(Ok(Written::Users(3))),
    );
    assert_eq!(phase(&app), ExportPhase::Done(3));
    assert_eq!(
        app.status(),
        Some(&Status::Info(
            "Exported 3 users to /home/agent/exports/users.csv.".into()
        ))
    );
    let screen = draw(&app);
    assert!(
        screen.contains("Exported 3 users to /home/agent/exports/users.csv. Esc goes back."),
        "{screen}"
    );
}

#[test]
fn esc_at_the_question_goes_back_to_the_form_and_writes_nothing() {
    let mut app = export_form();
    type_name(&mut app, "mine.csv");
    let first = app.update(key(KeyCode::Enter));
    answer(&mut app, &first[0], Outcome::Exported(Ok(Written::Exists)));
    assert!(app.update(key(KeyCode::Esc)).is_empty());
    assert_eq!(phase(&app), ExportPhase::Form);
    assert!(app.in_flight().is_empty());
    // The form keeps the name; another name is a new question for the worker.
    assert!(draw(&app).contains("Writes to /home/agent/exports/mine.csv"));
    type_name(&mut app, "other.csv");
    let (path, replace, _) = write_of(&app.update(key(KeyCode::Enter)));
    assert_eq!(path, Path::new("/home/agent/exports/other.csv"));
    assert!(!replace, "a new name is checked again");
}

/// The export form with groups read for every user, at the question: the file exists.
fn asked_with_groups() -> App {
    let mut app = export_form();
    app.update(key(KeyCode::F(5)));
    let reads = app.update(key(KeyCode::Enter));
    assert_eq!(reads.len(), 3);
    let mut write = Vec::new();
    for read in &reads {
        write.extend(answer(
            &mut app,
            read,
            Outcome::UserGroups(Ok(vec!["support".into()])),
        ));
    }
    assert!(!write_of(&write).1);
    answer(&mut app, &write[0], Outcome::Exported(Ok(Written::Exists)));
    app
}

#[test]
fn groups_read_before_the_question_are_not_read_again() {
    let mut app = asked_with_groups();
    let (_, replace, groups) = write_of(&app.update(key(KeyCode::Enter)));
    assert!(replace);
    assert_eq!(groups, vec![Some(vec!["support".to_owned()]); 3]);
    // Back at the form, Enter writes (asking first) without reading the groups again.
    let mut app = asked_with_groups();
    app.update(key(KeyCode::Esc));
    let (_, replace, groups) = write_of(&app.update(key(KeyCode::Enter)));
    assert!(!replace);
    assert_eq!(groups, vec![Some(vec!["support".to_owned()]); 3]);
}

#[test]
fn groups_switched_off_after_the_question_are_not_exported() {
    let mut app = asked_with_groups();
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::F(5)));
    let (_, _, groups) = write_of(&app.update(key(KeyCode::Enter)));
    assert_eq!(groups, vec![None, None, None]);
}
