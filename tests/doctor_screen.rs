//! The pool doctor's screen: it needs every user loaded, reads the groups' members, shows a
//! finding's users alone in the table, and opens a fix as a bulk run's preview (nothing sent).

mod common;

use chrono::TimeDelta;
use cognitui::action::{Action, Outcome, Request};
use cognitui::app::{App, Status};
use cognitui::cognito::model::{User, UserStatus, UsersPage};
use cognitui::doctor::Kind;
use cognitui::event::Event;
use cognitui::screens::bulk::BulkRun;
use cognitui::screens::doctor::Doctor;
use common::{answer, app_on_pool, fake_page, fake_pool, fake_user, groups, key, now, ui_text};
use crossterm::event::KeyCode;

const SIZE: (u16, u16) = (80, 24);
const VERIFIED: (&str, &str) = ("email_verified", "true");

fn traps() -> Vec<User> {
    use UserStatus::{Confirmed, ForceChangePassword, Unconfirmed};
    vec![
        fake_user(
            "ok",
            Confirmed,
            true,
            &[("email", "ok@example.com"), VERIFIED],
        ),
        fake_user("trap", Confirmed, true, &[("email", "trap@example.com")]),
        fake_user("mute", Confirmed, true, &[]),
        fake_user("late", Unconfirmed, true, &[("email", "late@example.com")]),
        fake_user(
            "guest",
            ForceChangePassword,
            true,
            &[("email", "g@example.com")],
        ),
        fake_user(
            "off",
            Confirmed,
            false,
            &[("email", "off@example.com"), VERIFIED],
        ),
    ]
}

/// The doctor open on the traps two months on, the groups' members read: `off` and `ok` are
/// in `staff`.
fn doctor() -> App {
    doctor_with(&["staff"])
}

/// The doctor open on the traps two months on, the members of `groups` read: `off` and `ok`
/// are in each.
fn doctor_with(groups_read: &[&str]) -> App {
    let mut app = app_on_pool(SIZE, fake_pool("us-east-1_Doctor", None), traps());
    app.update(Event::Tick(now() + TimeDelta::days(60)));
    let opened = app.update(key(KeyCode::Char('H')));
    let sent = examined(&mut app, opened);
    assert!(app.module_as::<Doctor>().is_some(), "{:?}", app.status());
    assert!(matches!(sent[..], [ref r] if matches!(r.action, Action::ListGroups { .. })));
    let members = answer(&mut app, &sent[0], Outcome::Groups(Ok(groups(groups_read))));
    assert_eq!(members.len(), groups_read.len(), "{members:?}");
    for request in &members {
        assert!(matches!(
            &request.action,
            Action::GroupMembers { token: None, .. }
        ));
        let page = UsersPage {
            users: vec![traps()[5].clone(), traps()[0].clone()],
            next_token: None,
        };
        let examination = answer(&mut app, request, Outcome::Members(Ok(page)));
        assert!(examined(&mut app, examination).is_empty());
    }
    app
}

/// Answers the doctor's examinations among `requests` as the worker would; the rest.
fn examined(app: &mut App, requests: Vec<Request>) -> Vec<Request> {
    let mut rest = Vec::new();
    for request in requests {
        if let Action::Examine { users, checkup } = &request.action {
            let findings = cognitui::doctor::examine(&users.0, checkup);
            rest.extend(answer(app, &request, Outcome::Examined(Some(findings))));
        } else {
            rest.push(request);
        }
    }
    rest
}

fn findings(app: &App) -> Vec<(Kind, Vec<String>)> {
    app.module_as::<Doctor>()
        .expect("the doctor")
        .findings
        .iter()
        .map(|f| (f.kind, f.users.clone()))
        .collect()
}

#[test]
fn the_doctor_needs_every_user_loaded() {
    let mut app = app_on_pool(SIZE, fake_pool("us-east-1_Doctor", None), Vec::new());
    app.lookup_mut().add_page(fake_page(3, Some("more")));
    assert!(
        app.update(key(KeyCode::Char('H'))).is_empty(),
        "nothing read"
    );
    assert!(app.module_as::<Doctor>().is_none());
    assert!(
        matches!(app.status(), Some(Status::Error(e)) if e.contains("press L to load them all, then H")),
        "{:?}",
        app.status()
    );
}

#[test]
fn each_finding_has_its_users() {
    let app = doctor();
    let name = |n: &str| vec![n.to_owned()];
    assert_eq!(
        findings(&app),
        [
            (Kind::UnverifiedContactConfirmed, name("trap")),
            (Kind::NoContact, name("mute")),
            (Kind::StaleUnconfirmed, name("late")),
            (Kind::ExpiredInvitation, name("guest")),
            (Kind::DisabledInGroup, name("off")),
        ]
    );
    insta::assert_snapshot!(ui_text(&app));
}

#[test]
fn enter_shows_a_findings_users_alone_and_esc_shows_every_user() {
    let mut app = doctor();
    app.update(key(KeyCode::Down));
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert!(matches!(app.screen(), cognitui::app::Screen::Lookup));
    let view: Vec<String> = app
        .lookup()
        .view
        .iter()
        .map(|&i| app.lookup().users.get(i).username)
        .collect();
    assert_eq!(view, ["mute"]);
    let text = ui_text(&app);
    assert!(
        text.contains("no_contact: 1 of 6 loaded users (Esc shows all)"),
        "{text}"
    );
    app.update(key(KeyCode::Esc));
    assert_eq!(app.lookup().view.len(), 6);
    assert!(app.lookup().only.is_none());
}

#[test]
fn a_fix_opens_its_bulk_preview_and_sends_nothing() {
    let mut app = doctor();
    // No bulk fix for users without any contact: the sentence says what to do.
    app.update(key(KeyCode::Down));
    assert!(app.update(key(KeyCode::Char('b'))).is_empty());
    assert!(
        matches!(app.status(), Some(Status::Info(t)) if t.contains("attribute editor")),
        "{:?}",
        app.status()
    );
    app.update(key(KeyCode::Down));
    assert!(
        app.update(key(KeyCode::Char('b'))).is_empty(),
        "nothing sent"
    );
    let run = app.module_as::<BulkRun>().expect("the bulk preview");
    assert_eq!(run.targets, ["late"]);
    assert_eq!(run.calls, [cognitui::cognito::admin::AdminCall::Delete]);
}

#[test]
fn disabled_users_leave_every_group_they_are_in_one_call_per_membership() {
    use cognitui::cognito::admin::AdminCall::RemoveFromGroup;
    let mut app = doctor_with(&["ops", "staff"]);
    for _ in 0..4 {
        app.update(key(KeyCode::Down));
    }
    assert!(
        app.update(key(KeyCode::Char('b'))).is_empty(),
        "nothing sent"
    );
    let run = app.module_as::<BulkRun>().expect("the bulk preview");
    assert_eq!(
        run.title,
        "Remove from their groups — 1 user in 2 memberships (disabled_in_group)"
    );
    assert_eq!(run.targets, ["off"], "ok is enabled: it stays");
    let leave = [
        RemoveFromGroup("ops".into()),
        RemoveFromGroup("staff".into()),
    ];
    assert_eq!(run.calls_for("off"), leave);
    let text = ui_text(&app);
    assert!(text.contains("admin-remove-user-from-group"), "{text}");
    let steps = app.update(key(KeyCode::Enter));
    let [step] = &steps[..] else {
        panic!("one step for the one user: {steps:?}")
    };
    assert!(
        matches!(&step.action, Action::BulkStep { username, calls, .. } if username == "off" && calls[..] == leave)
    );
    // ops is left; staff refuses: the summary says which failed and what was done.
    let results = vec![
        (leave[0].clone(), Ok(())),
        (
            leave[1].clone(),
            Err(cognitui::cognito::CognitoError::InvalidGroup(
                "staff".into(),
            )),
        ),
    ];
    answer(&mut app, step, Outcome::Changed(results));
    let run = app.module_as::<BulkRun>().expect("the summary");
    let [(user, why)] = &run.failed[..] else {
        panic!("{:?}", run.failed)
    };
    assert_eq!(user, "off");
    assert!(
        why.starts_with("Removing the user from staff failed: "),
        "{why}"
    );
    assert!(
        why.ends_with(" Done all the same: removed the user from ops."),
        "{why}"
    );
}
