//! The pool's groups end to end against the emulator: listed with their member counts, a
//! group's 130 members across pages as the list scrolls, a member's page, and creating,
//! editing and deleting a group through the confirmation, each checked with the API and the
//! audit log.

mod common;

use std::sync::Arc;

use aws_sdk_cognitoidentityprovider::types::MessageActionType;
use cognitui::action::Action;
use cognitui::app::Screen;
use cognitui::audit::AuditLog;
use cognitui::cognito::Cognito;
use cognitui::cognito::groups::GroupSize;
use cognitui::config::PoolChoice;
use cognitui::screens::detail::Detail;
use cognitui::screens::group_form::GroupForm;
use cognitui::screens::groups::{GroupsView, MemberCount};
use cognitui::screens::members::MembersView;
use cognitui::session::Session;
use common::journey::{Pool, attr, open, pool, press, status, type_text};
use common::settle;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A group with `members` users in it (created for it, suppressed invitations).
async fn group(p: &Pool, name: &str, description: &str, precedence: i32, members: usize) {
    p.client
        .create_group()
        .user_pool_id(&p.id)
        .group_name(name)
        .description(description)
        .precedence(precedence)
        .send()
        .await
        .expect("group");
    for i in 0..members {
        let username = format!("{name}-{i:03}");
        p.client
            .admin_create_user()
            .user_pool_id(&p.id)
            .username(&username)
            .message_action(MessageActionType::Suppress)
            .user_attributes(attr("email", &format!("{username}@example.com")))
            .send()
            .await
            .expect("user");
        p.client
            .admin_add_user_to_group()
            .user_pool_id(&p.id)
            .username(&username)
            .group_name(name)
            .send()
            .await
            .expect("member");
    }
}

/// The groups screen's rows as (name, precedence, count).
fn rows(s: &Session<TestBackend>) -> Vec<(String, Option<i32>, MemberCount)> {
    s.app
        .module_as::<GroupsView>()
        .map(|v| {
            v.groups
                .iter()
                .flatten()
                .map(|r| (r.group.name.clone(), r.group.precedence, r.members))
                .collect()
        })
        .unwrap_or_default()
}

/// `G`, then waits until every group is counted.
async fn groups_counted(s: &mut Session<TestBackend>) {
    type_text(s, "G");
    settle(s, "the groups counted", |a| {
        a.module_as::<GroupsView>().is_some_and(|v| {
            v.groups
                .as_ref()
                .is_some_and(|g| g.iter().all(|r| r.members != MemberCount::Counting))
        }) && a.in_flight().is_empty()
    })
    .await;
}

#[tokio::test]
async fn groups_are_listed_with_member_counts_and_members_load_page_by_page() {
    let p = pool(false).await;
    group(&p, "big", "Everyone in the big group", 5, 130).await;
    group(&p, "small", "Three people", 1, 3).await;
    group(&p, "empty", "Nobody yet", 9, 0).await;
    let mut s = open(&p).await;
    groups_counted(&mut s).await;
    let mut listed = rows(&s);
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        listed,
        vec![
            (
                "big".into(),
                Some(5),
                MemberCount::Counted(GroupSize::Exactly(130))
            ),
            (
                "empty".into(),
                Some(9),
                MemberCount::Counted(GroupSize::Exactly(0))
            ),
            (
                "small".into(),
                Some(1),
                MemberCount::Counted(GroupSize::Exactly(3))
            ),
        ]
    );
    let screen = common::screen(&mut s);
    assert!(screen.contains("Everyone in the big group"), "{screen}");

    // The big group's members: one page, then the next as the list scrolls to its end.
    let at = rows(&s).iter().position(|r| r.0 == "big").expect("big");
    for _ in 0..at {
        press(&mut s, KeyCode::Down);
    }
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "the first page of members", |a| {
        a.module_as::<MembersView>().is_some_and(|m| m.pages == 1) && a.in_flight().is_empty()
    })
    .await;
    let loaded = |s: &Session<TestBackend>| {
        s.app
            .module_as::<MembersView>()
            .map_or((0, false), |m| (m.users.len(), m.complete()))
    };
    assert_eq!(loaded(&s), (60, false), "a page at a time");
    assert!(common::screen(&mut s).contains("more on the server"));
    for _ in 0..3 {
        press(&mut s, KeyCode::End);
        settle(&mut s, "the next page", |a| a.in_flight().is_empty()).await;
    }
    assert_eq!(loaded(&s), (130, true), "every member, across three pages");
    assert!(common::screen(&mut s).contains("all 130 members"));
    let m = s.app.module_as::<MembersView>().expect("members");
    let mut names: Vec<&str> = m.users.iter().map(|u| u.username.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 130, "no member twice");

    // Enter on a member opens their page.
    let last = m.users.last().expect("a member").username.clone();
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "the member's page", |a| {
        a.module_as::<Detail>()
            .is_some_and(|d| d.username == last && d.detail.is_some())
    })
    .await;
    let Some(d) = s.app.module_as::<Detail>() else {
        panic!("detail");
    };
    assert!(d.detail.as_ref().is_some_and(|d| d.groups == ["big"]));
}

/// The group as Cognito has it: (description, precedence).
async fn read(p: &Pool, name: &str) -> Option<(Option<String>, Option<i32>)> {
    p.client
        .get_group()
        .user_pool_id(&p.id)
        .group_name(name)
        .send()
        .await
        .ok()
        .and_then(|o| {
            o.group()
                .map(|g| (g.description().map(ToOwned::to_owned), g.precedence()))
        })
}

#[tokio::test]
async fn a_group_is_created_edited_and_deleted_through_the_confirmation() {
    let p = pool(false).await;
    group(&p, "support", "First line", 1, 2).await;
    let dir = tempfile::tempdir().expect("dir");
    let audit_path = dir.path().join("audit.jsonl");
    let mut s = Session::start_audited(
        Terminal::new(TestBackend::new(120, 30)).expect("terminal"),
        Cognito::new(&p.client),
        common::keymap(),
        "emulator".into(),
        Some(PoolChoice {
            user_pool_id: p.id.clone(),
            client_id: Some(p.app_client.clone()),
            client_secret: None,
        }),
        Arc::new(AuditLog::new(Some(audit_path.clone()), "tester".into())),
    )
    .expect("session");
    settle(&mut s, "the pool", |a| {
        a.pool().is_some() && a.in_flight().is_empty()
    })
    .await;
    press(&mut s, KeyCode::Esc);
    groups_counted(&mut s).await;

    create_tier2(&mut s, &p).await;

    // The same name again: Cognito's GroupExistsException, in a sentence; the form stays.
    type_text(&mut s, "n");
    type_text(&mut s, "support");
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "the refusal", |a| a.in_flight().is_empty()).await;
    assert!(
        status(&s).contains("already has a group of that name"),
        "{}",
        status(&s)
    );
    assert!(s.app.module_as::<GroupForm>().is_some());
    press(&mut s, KeyCode::Esc);
    groups_settled(&mut s).await;

    // Edit: the description and precedence of support-tier2.
    select(&mut s, "support-tier2");
    type_text(&mut s, "e");
    for _ in 0..20 {
        press(&mut s, KeyCode::Backspace);
    }
    type_text(&mut s, "Second line support");
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Backspace);
    type_text(&mut s, "7");
    press(&mut s, KeyCode::Enter);
    assert!(
        matches!(s.app.screen(), Screen::Confirm(_)),
        "{:?} {:?}",
        s.app.status(),
        s.app.screen()
    );
    press(&mut s, KeyCode::Enter);
    groups_settled(&mut s).await;
    assert_eq!(status(&s), "Updated the group support-tier2.");
    assert_eq!(
        read(&p, "support-tier2").await,
        Some((Some("Second line support".into()), Some(7)))
    );

    // Delete: the confirmation names how many members the group has.
    select(&mut s, "support");
    type_text(&mut s, "D");
    let Screen::Confirm(c) = s.app.screen() else {
        panic!("a confirmation: {:?}", s.app.status());
    };
    assert!(
        c.notes
            .iter()
            .any(|n| n == "Its 2 members lose the group; the users stay."),
        "{:?}",
        c.notes
    );
    press(&mut s, KeyCode::Enter);
    groups_settled(&mut s).await;
    assert_eq!(status(&s), "Deleted the group support.");
    assert_eq!(read(&p, "support").await, None);
    assert!(!rows(&s).iter().any(|r| r.0 == "support"));

    // One audit line a change, the refused one included.
    let audit = std::fs::read_to_string(&audit_path).expect("audit log");
    let operations: Vec<(String, String)> = audit
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            (
                v["action"].as_str().unwrap_or_default().to_owned(),
                v["result"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let names: Vec<&str> = operations.iter().map(|(o, _)| o.as_str()).collect();
    assert_eq!(
        names,
        ["CreateGroup", "CreateGroup", "UpdateGroup", "DeleteGroup"]
    );
    assert_eq!(operations[0].1, "ok");
    assert_ne!(operations[1].1, "ok");
}

/// Creates `support-tier2` from the groups screen: the form, then the confirmation with its
/// CLI (nothing is sent before Enter there), then the list read again.
async fn create_tier2(s: &mut Session<TestBackend>, p: &Pool) {
    // Create: the form, then the confirmation with its CLI; nothing before Enter there.
    type_text(s, "n");
    type_text(s, "support-tier2");
    press(s, KeyCode::Tab);
    type_text(s, "Second line");
    press(s, KeyCode::Tab);
    type_text(s, "5");
    press(s, KeyCode::Enter);
    let Screen::Confirm(c) = s.app.screen() else {
        panic!("a confirmation: {:?}", s.app.status());
    };
    assert!(matches!(c.change, Action::Group { .. }));
    assert!(
        s.app.cli_lines()[0].starts_with(&format!(
            "aws cognito-idp create-group --user-pool-id {} --group-name support-tier2 --description 'Second line' --precedence 5",
            p.id
        )),
        "{:?}",
        s.app.cli_lines()
    );
    assert_eq!(read(p, "support-tier2").await, None, "nothing sent yet");
    press(s, KeyCode::Enter);
    groups_settled(s).await;
    assert_eq!(status(s), "Created the group support-tier2.");
    assert_eq!(
        read(p, "support-tier2").await,
        Some((Some("Second line".into()), Some(5)))
    );
    assert!(
        rows(s).iter().any(|r| r.0 == "support-tier2"),
        "listed again"
    );
}

/// Waits until the groups screen shows the list read again, every count in.
async fn groups_settled(s: &mut Session<TestBackend>) {
    settle(s, "the groups", |a| {
        a.in_flight().is_empty()
            && a.module_as::<GroupsView>().is_some_and(|v| {
                v.groups
                    .as_ref()
                    .is_some_and(|g| g.iter().all(|r| r.members != MemberCount::Counting))
            })
    })
    .await;
}

/// Moves the selection to the group named `name`.
fn select(s: &mut Session<TestBackend>, name: &str) {
    press(s, KeyCode::Home);
    let at = rows(s).iter().position(|r| r.0 == name).expect(name);
    for _ in 0..at {
        press(s, KeyCode::Down);
    }
}
