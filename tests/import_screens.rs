//! The import screen at 80x24: the file form, the preview with failing rows (scrolled), and an
//! import job's progress; the job's path step by step (GetCSVHeader, its confirmation with the
//! AWS CLI, progress polled only while the screen shows); read-only mode refuses the import;
//! create or update: each usable row's user read, the plan (old → new) before anything is
//! sent, then one step a user.

mod common;

use cognitui::action::{Action, Outcome, Request};
use cognitui::app::{App, Safety, Screen, Status};
use cognitui::cognito::import::ImportJob;
use cognitui::cognito::model::{AttributeKind, SchemaAttribute};
use cognitui::event::Event;
use cognitui::screens::bulk::BulkRun;
use cognitui::screens::import::{ImportPhase, ImportRun, JOB_POLL};
use cognitui::ui::{Theme, render};
use common::{answer, app_on_pool, backspaces, fake_pool, key, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| render(f, app, &Theme::default()))
        .expect("draw");
    format!("{}", terminal.backend())
}

const ROLE: &str = "arn:aws:iam::123456789012:role/CognitoImportLogs";

/// A file with two good rows and a bad row for each rule.
const FILE: &str = "\
username,email,custom:tier,custom:seats,shoe_size
ann,ann@example.com,gold,5,9
bob,bob@example.com,,,
bad one,bad.one@example.com,,,
cat,not-an-email,,,
dan,dan@example.com,platinum-plus,,
eve,eve@example.com,,many,
ann,ann2@example.com,,,
fay,,,,
";

fn import_form() -> App {
    let mut pool = fake_pool("eu-west-1_Imp", None);
    let mut tier = SchemaAttribute::text("custom:tier");
    tier.max_length = Some(10);
    let mut seats = SchemaAttribute::text("custom:seats");
    seats.kind = AttributeKind::Number;
    pool.schema = vec![SchemaAttribute::text("email"), tier, seats];
    let mut app = app_on_pool((80, 24), pool, vec![]);
    app.options_mut().export_dir = "/home/agent/imports".into();
    app.update(key(KeyCode::Char('I')));
    assert!(app.module_as::<ImportRun>().is_some(), "{:?}", app.status());
    app
}

fn type_in(app: &mut App, text: &str) -> Vec<Request> {
    typed(text)
        .into_iter()
        .flat_map(|e| app.update(e))
        .collect()
}

/// The form filled in with the file and the role; Enter reads the file, which answers `FILE`.
fn preview() -> App {
    let mut app = import_form();
    for e in backspaces(20) {
        app.update(e);
    }
    type_in(&mut app, "people.csv");
    app.update(key(KeyCode::Tab));
    type_in(&mut app, ROLE);
    let read = app.update(key(KeyCode::Enter));
    assert!(
        matches!(&read[..], [Request { action: Action::ReadImport { path }, .. }] if path.to_str() == Some("/home/agent/imports/people.csv")),
        "{read:?}"
    );
    answer(&mut app, &read[0], Outcome::ImportRead(Ok(FILE.into())));
    assert!(
        app.module_as::<ImportRun>()
            .is_some_and(|r| r.phase == ImportPhase::Preview)
    );
    app
}

#[test]
fn the_file_form() {
    let mut app = import_form();
    for e in backspaces(20) {
        app.update(e);
    }
    type_in(&mut app, "~/in/people.csv");
    app.options_mut().home_dir = Some("/home/agent".into());
    let screen = draw(&app);
    assert!(screen.contains("/home/agent/in/people.csv"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn the_preview_lists_the_failing_rows_and_scrolls() {
    let mut app = preview();
    let screen = draw(&app);
    for shown in [
        "8 rows: 2 pass, 6 fail",
        "shoe_size",
        "line 4 bad one",
        "aws cognito-idp admin-create-user",
    ] {
        assert!(screen.contains(shown), "{shown} not in\n{screen}");
    }
    insta::assert_snapshot!("preview_top", screen);
    app.update(key(KeyCode::End));
    let scrolled = draw(&app);
    assert!(scrolled.contains("line 9 fay"), "{scrolled}");
    insta::assert_snapshot!("preview_end", scrolled);
}

#[test]
fn enter_on_the_preview_invites_each_passing_row_with_its_own_attributes() {
    let mut app = preview();
    let sent = app.update(key(KeyCode::Enter));
    assert!(
        app.module_as::<BulkRun>().is_some(),
        "the run starts at once"
    );
    let steps: Vec<(String, Vec<String>)> = sent
        .iter()
        .map(|r| match &r.action {
            Action::BulkStep {
                username, calls, ..
            } if let [cognitui::cognito::admin::AdminCall::CreateUser { attributes, .. }] =
                &calls[..] =>
            {
                (
                    username.clone(),
                    attributes
                        .iter()
                        .map(|a| format!("{}={}", a.name, a.value))
                        .collect(),
                )
            }
            other => panic!("not an invitation: {other:?}"),
        })
        .collect();
    assert_eq!(
        steps,
        [
            (
                "ann".to_owned(),
                vec![
                    "email=ann@example.com".to_owned(),
                    "custom:tier=gold".into(),
                    "custom:seats=5".into()
                ]
            ),
            ("bob".to_owned(), vec!["email=bob@example.com".to_owned()]),
        ]
    );
}

fn job(status: &str, imported: i64) -> ImportJob {
    ImportJob {
        id: "import-Xb12".into(),
        name: "cognitui-20260304-120000".into(),
        status: status.into(),
        imported,
        skipped: 0,
        failed: 0,
        message: None,
        created: None,
        started: None,
        completed: None,
    }
}

/// F6 on the preview: GetCSVHeader, then the job's confirmation; Enter there starts it.
fn started() -> App {
    let mut app = preview();
    let header = app.update(key(KeyCode::F(6)));
    assert!(
        matches!(
            &header[..],
            [Request {
                action: Action::CsvHeader { .. },
                ..
            }]
        ),
        "{header:?}"
    );
    let columns: Vec<String> = [
        "name",
        "email",
        "email_verified",
        "custom:tier",
        "cognito:mfa_enabled",
        "cognito:username",
    ]
    .map(String::from)
    .to_vec();
    let none = answer(&mut app, &header[0], Outcome::CsvHeader(Ok(columns)));
    assert!(none.is_empty(), "nothing is sent before the confirmation");
    let Screen::Confirm(c) = app.screen() else {
        panic!("no confirmation: {:?}", app.status())
    };
    let Action::StartImportJob { job: new, .. } = &c.change else {
        panic!("{:?}", c.change)
    };
    assert_eq!(
        new.csv,
        "name,email,email_verified,custom:tier,cognito:mfa_enabled,cognito:username\n,ann@example.com,false,gold,false,ann\n,bob@example.com,false,,false,bob\n"
    );
    assert_eq!(new.role_arn, ROLE);
    let confirmation = draw(&app);
    assert!(
        confirmation.contains("create-user-import-job"),
        "{confirmation}"
    );
    assert!(
        confirmation.contains("x-amz-server-side-encryption: aws:kms"),
        "{confirmation}"
    );
    let start = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &start[..],
        [Request {
            action: Action::StartImportJob { .. },
            ..
        }]
    ));
    answer(
        &mut app,
        &start[0],
        Outcome::ImportJob(Ok(job("InProgress", 1))),
    );
    assert!(
        app.module_as::<ImportRun>()
            .is_some_and(|r| r.phase == ImportPhase::Job)
    );
    app
}

#[test]
fn the_job_is_confirmed_then_polled_while_shown_and_no_longer_once_left() {
    let mut app = started();
    insta::assert_snapshot!("job_progress", draw(&app));
    let now = app.now();
    assert!(
        app.update(Event::Tick(now + JOB_POLL / 2)).is_empty(),
        "a modest pace"
    );
    let poll = app.update(Event::Tick(now + JOB_POLL));
    assert!(
        matches!(&poll[..], [Request { action: Action::DescribeImportJob { job_id, .. }, .. }] if job_id == "import-Xb12"),
        "{poll:?}"
    );
    assert!(
        app.update(Event::Tick(now + JOB_POLL * 2)).is_empty(),
        "one question at a time"
    );
    answer(
        &mut app,
        &poll[0],
        Outcome::ImportJob(Ok(job("Succeeded", 2))),
    );
    assert!(draw(&app).contains("2 imported"));
    assert!(
        app.update(Event::Tick(now + JOB_POLL * 4)).is_empty(),
        "an ended job is not asked about"
    );

    let mut app = started();
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.screen(), Screen::Lookup));
    let now = app.now();
    assert!(
        app.update(Event::Tick(now + JOB_POLL * 3)).is_empty(),
        "no call once the screen is left"
    );
}

#[test]
fn the_role_is_checked_before_anything_is_sent() {
    let mut app = import_form();
    for e in backspaces(20) {
        app.update(e);
    }
    type_in(&mut app, "people.csv");
    app.update(key(KeyCode::Tab));
    type_in(&mut app, "CognitoImportLogs");
    let read = app.update(key(KeyCode::Enter));
    answer(&mut app, &read[0], Outcome::ImportRead(Ok(FILE.into())));
    assert!(app.update(key(KeyCode::F(6))).is_empty());
    assert!(
        matches!(app.status(), Some(Status::Error(e)) if e.starts_with("'CognitoImportLogs' is not an IAM role ARN")),
        "{:?}",
        app.status()
    );
}

#[test]
fn a_missing_file_is_a_sentence_and_the_form_keeps_what_was_typed() {
    let mut app = import_form();
    for e in backspaces(20) {
        app.update(e);
    }
    type_in(&mut app, "nowhere.csv");
    let read = app.update(key(KeyCode::Enter));
    answer(
        &mut app,
        &read[0],
        Outcome::ImportRead(Err(cognitui::cognito::CognitoError::ImportFile(
            "/home/agent/imports/nowhere.csv cannot be read: No such file or directory (os error 2)."
                .into(),
        ))),
    );
    let Some(r) = app.module_as::<ImportRun>() else {
        panic!("left the import")
    };
    assert_eq!(r.phase, ImportPhase::Form);
    assert_eq!(r.form.value(0), "nowhere.csv");
    assert!(draw(&app).contains("nowhere.csv cannot be read"));
}

#[test]
fn read_only_mode_refuses_the_import_at_its_key() {
    let mut app = app_on_pool((80, 24), fake_pool("eu-west-1_Imp", None), vec![]);
    app.options_mut().safety = Safety {
        read_only: true,
        protected_users: vec![],
    };
    assert!(app.update(key(KeyCode::Char('I'))).is_empty());
    assert!(matches!(app.screen(), Screen::Lookup));
    assert!(
        matches!(app.status(), Some(Status::Error(e)) if e.starts_with("Read-only mode")),
        "{:?}",
        app.status()
    );
}

#[test]
fn a_lost_creation_is_read_again_and_esc_does_not_abandon_the_read() {
    let mut app = preview();
    let steps = app.update(key(KeyCode::Enter));
    let Request {
        action: Action::BulkStep { calls, .. },
        ..
    } = &steps[0]
    else {
        panic!("{steps:?}")
    };
    let lost = Outcome::Changed(vec![(
        calls[0].clone(),
        Err(cognitui::cognito::CognitoError::Timeout),
    )]);
    let read = answer(&mut app, &steps[0], lost);
    assert!(
        matches!(&read[..], [Request { action: Action::GetUser { username, .. }, .. }] if username == "ann"),
        "the user is read again, not created again: {read:?}"
    );
    app.update(key(KeyCode::Esc)); // stops the run; the read is not abandoned
    assert!(app.in_flight().keys().any(|id| *id == read[0].id));
    let ok = Outcome::Changed(vec![(calls[0].clone(), Ok(()))]);
    answer(&mut app, &steps[1], ok);
    let ann = common::fake_user(
        "ann",
        cognitui::cognito::model::UserStatus::ForceChangePassword,
        true,
        &[],
    );
    answer(
        &mut app,
        &read[0],
        Outcome::User(Ok(cognitui::cognito::model::UserDetail {
            user: ann,
            preferred_mfa: None,
            mfa_enabled: vec![],
            groups: vec![],
        })),
    );
    let Some(run) = app.module_as::<BulkRun>() else {
        panic!("not the run")
    };
    assert_eq!(run.lost, ["ann"]);
    assert_eq!(run.succeeded.len(), 2);
    assert_eq!(run.phase, cognitui::screens::bulk::BulkPhase::Done);
    assert!(draw(&app).contains("Created though the first answer was lost"));
}

/// The page ListUsers answers for a `username = "…"` filter: the user if the pool has them.
fn page_for(filter: &str) -> cognitui::cognito::model::UsersPage {
    use cognitui::cognito::model::UserStatus;
    let users = if filter.contains("\"ann\"") {
        vec![common::fake_user(
            "ann",
            UserStatus::Confirmed,
            true,
            &[
                ("email", "ann@example.com"),
                ("custom:tier", "silver"),
                ("custom:seats", "5"),
            ],
        )]
    } else if filter.contains("\"fay\"") {
        vec![common::fake_user(
            "fay",
            UserStatus::Confirmed,
            true,
            &[("email", "fay@example.com")],
        )]
    } else {
        Vec::new()
    };
    cognitui::cognito::model::UsersPage {
        users,
        next_token: None,
    }
}

#[test]
fn create_or_update_reads_each_rows_user_then_shows_old_to_new_before_anything_is_sent() {
    let mut app = preview();
    let reads = app.update(key(KeyCode::F(7)));
    let filters: Vec<String> = reads
        .iter()
        .map(|r| match &r.action {
            Action::ListUsers {
                filter: Some(f), ..
            } => f.clone(),
            other => panic!("not a look-up: {other:?}"),
        })
        .collect();
    assert_eq!(
        filters,
        [
            r#"username = "ann""#,
            r#"username = "bob""#,
            r#"username = "fay""#
        ],
        "only the rows fit to use; fay has no email, which only an invitation needs"
    );
    for read in &reads {
        let Action::ListUsers {
            filter: Some(f), ..
        } = &read.action
        else {
            unreachable!()
        };
        let more = answer(&mut app, read, Outcome::Users(Ok(page_for(f))));
        assert!(
            more.is_empty(),
            "three look-ups fit in one window: {more:?}"
        );
    }
    assert!(
        app.module_as::<ImportRun>()
            .is_some_and(|r| r.phase == ImportPhase::Plan)
    );
    let screen = draw(&app);
    for shown in [
        "1 new user, 1 to update, 1 unchanged (skipped), 5 cannot be applied",
        "line 2 ann: custom:tier 'silver' → 'gold'",
        "line 3 bob: new user, invited by email",
    ] {
        assert!(screen.contains(shown), "{shown} not in\n{screen}");
    }
    insta::assert_snapshot!(screen);
    let steps = app.update(key(KeyCode::Enter));
    let sent: Vec<(String, Vec<String>)> = steps
        .iter()
        .map(|r| match &r.action {
            Action::BulkStep {
                username, calls, ..
            } => (
                username.clone(),
                calls
                    .iter()
                    .map(cognitui::cognito::admin::AdminCall::done)
                    .collect(),
            ),
            other => panic!("not a step: {other:?}"),
        })
        .collect();
    assert_eq!(
        sent,
        [
            ("ann".to_owned(), vec!["set custom:tier".to_owned()]),
            (
                "bob".to_owned(),
                vec!["created the user, invited by email".to_owned()]
            ),
        ]
    );
}
