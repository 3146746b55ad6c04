//! The backup, compare and restore screens at 80x24 (and the plan at 160x45), as insta
//! snapshots, each state driven through the application: the forms, a backup's progress and
//! end, a comparison that differs, a restore's plan (what it cannot do included) and what a
//! restore did and did not do. Keys only act on what is drawn: Enter on the plan sends the
//! restore, and nothing before.

mod common;

use std::io::Write;

use cognitui::action::{Action, Outcome, Request};
use cognitui::app::App;
use cognitui::commands::backup::Written;
use cognitui::compare::{Change, Comparison, Differs, GroupFacts};
use cognitui::restore::apply::{Done, Planned};
use cognitui::restore::{NewUser, Passwords, Plan, Update};
use cognitui::ui::Theme;
use common::{answer, app_on_pool, draw, fake_pool, key, typed};
use crossterm::event::KeyCode;

const SIZE: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 45);

fn on_pool() -> App {
    let mut app = app_on_pool(SIZE, fake_pool("us-east-1_Prod", None), Vec::new());
    app.options_mut().export_dir = "/home/desk".into();
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Request> {
    app.update(key(code))
}

fn type_in(app: &mut App, text: &str) -> Vec<Request> {
    typed(text)
        .into_iter()
        .flat_map(|e| app.update(e))
        .collect()
}

fn shot(app: &App, size: (u16, u16)) -> String {
    let text = draw(app, size, &Theme::default());
    assert!(!text.contains("Terminal too small"), "{text}");
    text
}

/// The one request of `sent` that `is` matches.
fn only(sent: &[Request], is: impl Fn(&Action) -> bool) -> Request {
    let matching: Vec<&Request> = sent.iter().filter(|r| is(&r.action)).collect();
    assert_eq!(matching.len(), 1, "{sent:?}");
    matching[0].clone()
}

/// Types `name` (in the build's directory, where no such file is) into the backup form
/// shown and presses Enter: the backup request.
fn start_backup(app: &mut App, name: &str) -> Request {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(name);
    let _ = std::fs::remove_file(&path);
    for _ in 0..60 {
        press(app, KeyCode::Backspace);
    }
    type_in(app, &path.display().to_string());
    let sent = press(app, KeyCode::Enter);
    only(&sent, |a| matches!(a, Action::Backup { .. }))
}

#[test]
fn a_backup_from_its_form_to_its_end() {
    let mut app = on_pool();
    press(&mut app, KeyCode::Char('B'));
    press(&mut app, KeyCode::F(5));
    insta::assert_snapshot!("backup_form", shot(&app, SIZE));
    let backup = start_backup(&mut app, "backup-layout-test.jsonl");
    assert!(matches!(
        backup.action,
        Action::Backup {
            mfa: true,
            resume: false,
            ..
        }
    ));
    let Action::Backup { tally, .. } = &backup.action else {
        unreachable!()
    };
    let mut work = tally.clone();
    writeln!(
        work,
        "cognitui backup: 12,000 users written, 29 users/s, about 40 s left"
    )
    .expect("tally");
    let running = shot(&app, SIZE);
    assert!(
        running.contains("12,000 users written, 29 users/s"),
        "{running}"
    );
    answer(
        &mut app,
        &backup,
        Outcome::BackedUp(Ok(Written {
            users: 13_160,
            groups: 4,
            members: 2_210,
        })),
    );
    let done = shot(&app, SIZE);
    assert!(
        done.contains("Backed up 13160 users, 4 groups and 2210 memberships"),
        "{done}"
    );
}

#[test]
fn esc_stops_a_backup_and_its_answer_is_dropped() {
    let mut app = on_pool();
    press(&mut app, KeyCode::Char('B'));
    let backup = start_backup(&mut app, "backup-stop-test.jsonl");
    press(&mut app, KeyCode::Esc);
    assert!(app.cancelled().contains(&backup.id), "the worker stops it");
    let stopped = shot(&app, SIZE);
    assert!(stopped.contains("You stopped the backup."), "{stopped}");
    assert!(stopped.contains("F4 carries it on"), "{stopped}");
    answer(
        &mut app,
        &backup,
        Outcome::BackedUp(Ok(Written {
            users: 1,
            groups: 0,
            members: 0,
        })),
    );
    assert!(shot(&app, SIZE).contains("You stopped the backup."));
}

fn comparison() -> Comparison {
    Comparison {
        a: "pool us-east-1_Prod (prod)".into(),
        b: "backup /home/desk/prod.backup.jsonl".into(),
        users_in_both: 1_204,
        only_in_a: vec!["new.hire".into()],
        only_in_b: vec!["left.company".into()],
        users_differ: vec![Differs {
            name: "ann".into(),
            changes: vec![Change {
                field: "email".into(),
                a: Some("ann@new.example.com".into()),
                b: Some("ann@example.com".into()),
            }],
        }],
        groups_only_in_a: Vec::new(),
        groups_only_in_b: vec!["contractors".into()],
        groups_differ: Vec::new(),
    }
}

#[test]
fn a_comparison_shows_the_counts_then_what_differs() {
    let mut app = on_pool();
    press(&mut app, KeyCode::Char('='));
    type_in(&mut app, "us-east-1_Staging");
    insta::assert_snapshot!("compare_form", shot(&app, SIZE));
    let sent = press(&mut app, KeyCode::Enter);
    let compare = only(
        &sent,
        |a| matches!(a, Action::Compare { other, .. } if other == "us-east-1_Staging"),
    );
    answer(
        &mut app,
        &compare,
        Outcome::Compared(Ok(Box::new(comparison()))),
    );
    insta::assert_snapshot!("compare_shown", shot(&app, SIZE));
}

fn planned() -> Planned {
    let user = |name: &str, disable: bool| NewUser {
        username: name.into(),
        attributes: Vec::new(),
        disable,
        old_sub: Some(format!("sub-{name}")),
    };
    Planned {
        plan: Plan {
            groups: vec![(
                "admins".into(),
                GroupFacts {
                    role_arn: Some("arn:aws:iam::1:role/admins".into()),
                    ..GroupFacts::default()
                },
            )],
            create: vec![user("ann", false), user("bob", true)],
            same: vec!["cy".into()],
            differ: Vec::new(),
            update: vec![Update {
                username: "dan".into(),
                set: vec![(
                    "email".into(),
                    Some("dan@new.example.com".into()),
                    "dan@example.com".into(),
                )],
            }],
            disable: Vec::new(),
            members: vec![("admins".into(), "ann".into())],
            cannot: vec![(
                "cat".into(),
                "UNCONFIRMED: skipped, as chosen (they can be created instead)".into(),
            )],
            passwords: Passwords::Suppress,
            import_role: None,
        },
        pool: fake_pool("us-east-1_Prod", None),
        from: "/home/desk/prod.backup.jsonl".into(),
        sub_map: "/home/desk/prod.backup.subs.csv".into(),
    }
}

/// The restore screen showing `planned()`.
fn plan_shown() -> App {
    plan_of(planned())
}

/// The restore screen showing `planned`'s plan.
fn plan_of(planned: Planned) -> App {
    let mut app = on_pool();
    press(&mut app, KeyCode::Char('W'));
    type_in(&mut app, concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"));
    let sent = press(&mut app, KeyCode::Enter);
    let planning = only(&sent, |a| matches!(a, Action::PlanRestore { .. }));
    assert!(
        !sent.iter().any(|r| r.action.mutates()),
        "reading the plan changes nothing"
    );
    answer(
        &mut app,
        &planning,
        Outcome::RestorePlanned(Ok(Box::new(planned))),
    );
    app
}

#[test]
fn the_restore_form_and_its_plan_before_anything_is_sent() {
    let mut app = on_pool();
    press(&mut app, KeyCode::Char('W'));
    press(&mut app, KeyCode::F(6));
    insta::assert_snapshot!("restore_form", shot(&app, SIZE));
    // Tab goes to the import job's role.
    press(&mut app, KeyCode::Tab);
    type_in(&mut app, "arn:aws:iam::123456789012:role/Import");
    assert!(shot(&app, SIZE).contains("Import job's role  arn:aws:iam::123456789012:role/Import"));
    let app = plan_shown();
    insta::assert_snapshot!("restore_plan", shot(&app, SIZE));
    insta::assert_snapshot!("restore_plan_large", shot(&app, LARGE));
}

#[test]
fn a_plan_with_nothing_to_do_says_so_and_sends_nothing() {
    let mut nothing = planned();
    let plan = &mut nothing.plan;
    (plan.same, plan.groups, plan.create) = (vec!["ann".into()], Vec::new(), Vec::new());
    (plan.update, plan.members, plan.cannot) = (Vec::new(), Vec::new(), Vec::new());
    let mut app = plan_of(nothing);
    let screen = shot(&app, SIZE);
    assert!(screen.contains("Nothing to do"), "{screen}");
    // It creates no user: nothing about their passwords or new subs.
    assert!(!screen.contains("Passwords cannot"), "{screen}");
    assert!(!screen.contains("New subs"), "{screen}");
    let sent = press(&mut app, KeyCode::Enter);
    assert!(!sent.iter().any(|r| r.action.mutates()), "{sent:?}");
}

#[test]
fn enter_on_the_plan_sends_the_plan_shown_and_what_was_not_done_is_listed() {
    let mut app = plan_shown();
    let sent = press(&mut app, KeyCode::Enter);
    let restore = only(&sent, |a| matches!(a, Action::Restore { .. }));
    let Action::Restore { plan, sub_map, .. } = &restore.action else {
        unreachable!()
    };
    assert_eq!(**plan, planned().plan, "the plan shown, as shown");
    assert_eq!(
        sub_map.display().to_string(),
        "/home/desk/prod.backup.subs.csv"
    );
    // Esc while it runs does not leave it.
    press(&mut app, KeyCode::Esc);
    assert!(shot(&app, SIZE).contains("goes on until every step is sent"));
    answer(
        &mut app,
        &restore,
        Outcome::Restored(Ok(Done {
            groups: 1,
            created: 1,
            disabled: 0,
            updated: 1,
            members: 1,
            unknown: vec![
                "bob (AdminCreateUser): may have been applied: the answer was lost twice and the user is not there: restore again to create them".into(),
            ],
            failed: Vec::new(),
        })),
    );
    insta::assert_snapshot!("restore_done", shot(&app, SIZE));
}

#[test]
fn an_import_job_restore_asks_for_its_role_before_anything_is_read() {
    let mut app = on_pool();
    press(&mut app, KeyCode::Char('W'));
    type_in(&mut app, concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"));
    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::F(5));
    assert!(shot(&app, SIZE).contains("imported by a Cognito import job"));
    let sent = press(&mut app, KeyCode::Enter);
    assert!(sent.is_empty(), "{sent:?}");
    assert!(shot(&app, SIZE).contains("An import job needs the IAM role"));
    press(&mut app, KeyCode::Tab);
    type_in(&mut app, "arn:aws:iam::123456789012:role/Import");
    let sent = press(&mut app, KeyCode::Enter);
    only(&sent, |a| {
        matches!(a, Action::PlanRestore { choices, .. }
            if choices.passwords == Passwords::ImportJob
                && choices.import_role.as_deref() == Some("arn:aws:iam::123456789012:role/Import"))
    });
}

#[test]
fn a_backup_that_stopped_before_writing_anything_goes_back_to_its_form() {
    let mut app = on_pool();
    press(&mut app, KeyCode::Char('B'));
    let backup = start_backup(&mut app, "backup-never-written.jsonl");
    answer(
        &mut app,
        &backup,
        Outcome::BackedUp(Err(
            "DescribeUserPoolClient: Cognito failed on its side (HTTP 500).".into(),
        )),
    );
    let shown = shot(&app, SIZE);
    assert!(
        shown.contains("The backup stopped before writing anything"),
        "{shown}"
    );
    assert!(!shown.contains(".."), "one full stop: {shown}");
    assert!(shown.contains("Writes to "), "the form again: {shown}");
}
