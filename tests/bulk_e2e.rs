//! Bulk work end to end against the emulator: 200 users with failures injected mid-run (the
//! summary is right, retrying the failures from their preview completes the run), stale
//! UNCONFIRMED cleanup (only users past the threshold go), and protected users surviving a bulk
//! delete, group membership, sign-out, password reset, an attribute, and MFA (with one answer
//! lost) in bulk.

mod common;

use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use chrono::TimeDelta;
use cognitui::app::{MFA_CHOICES, Safety};
use cognitui::cognito::Cognito;
use cognitui::config::PoolChoice;
use cognitui::dev::add_users;
use cognitui::screens::bulk::{BulkPhase, BulkRun};
use cognitui::screens::bulk_menu::{BULK_KINDS, BulkKind, BulkMenu};
use cognitui::session::Session;
use common::fail_nth::FailNth;
use common::journey::{Pool, confirmed, get, group, groups_of, pool, press, signed_up, type_text};
use common::proxy::{Fault, Proxy};
use common::{ctrl, keymap, settle};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

async fn open(p: &Pool, client: &Client, safety: Safety) -> Session<TestBackend> {
    let mut s = Session::start(
        Terminal::new(TestBackend::new(120, 30)).expect("terminal"),
        Cognito::new(client).with_bulk_rate(100),
        keymap(),
        "emulator".into(),
        Some(PoolChoice {
            user_pool_id: p.id.clone(),
            client_id: Some(p.app_client.clone()),
            client_secret: None,
        }),
    )
    .expect("session");
    s.app.options_mut().safety = safety;
    settle(&mut s, "the pool", |a| {
        a.pool().is_some() && a.in_flight().is_empty()
    })
    .await;
    press(&mut s, KeyCode::Esc);
    s
}

/// Loads every user of the current search, marks them all and opens the bulk menu.
async fn mark_all(s: &mut Session<TestBackend>, expected: usize) {
    type_text(s, "L");
    settle(s, "every user", |a| {
        a.lookup().complete() && a.in_flight().is_empty()
    })
    .await;
    assert_eq!(s.app.lookup().users.len(), expected);
    type_text(s, "*");
    assert_eq!(s.app.lookup().marked.len(), expected);
    type_text(s, "b");
}

/// Chooses menu entry `index`, checks the preview, starts the run and waits for its end.
async fn run(s: &mut Session<TestBackend>, index: usize) {
    for _ in 0..index {
        press(s, KeyCode::Down);
    }
    press(s, KeyCode::Enter);
    assert!(
        s.app
            .module_as::<BulkRun>()
            .is_some_and(|r| r.phase == BulkPhase::Preview)
    );
    assert!(
        common::screen(s).contains("aws cognito-idp"),
        "the preview shows the CLI"
    );
    press(s, KeyCode::Enter);
    finished(s).await;
}

async fn finished(s: &mut Session<TestBackend>) {
    settle(s, "the end of the run", |a| {
        a.module_as::<BulkRun>()
            .is_some_and(|r| r.phase == BulkPhase::Done)
            && a.in_flight().is_empty()
    })
    .await;
}

fn counts(s: &Session<TestBackend>) -> (usize, usize) {
    let r = s.app.module_as::<BulkRun>().expect("a bulk run");
    (r.succeeded.len(), r.failed.len())
}

#[tokio::test]
async fn two_hundred_users_with_failures_then_retry() {
    let p = pool(false).await;
    add_users(&p.client, &p.id, "bulk", 200)
        .await
        .expect("users");
    let injector = FailNth::new("AdminDisableUser", &[50, 120]);
    let client = Client::from_conf(p.client.config().to_builder().interceptor(injector).build());
    let mut s = open(&p, &client, Safety::default()).await;
    mark_all(&mut s, 200).await;
    run(&mut s, 3).await; // Disable
    assert_eq!(counts(&s), (198, 2));
    let Some(r) = s.app.module_as::<BulkRun>() else {
        unreachable!()
    };
    assert!(
        r.failed
            .iter()
            .all(|(_, why)| why.starts_with("Cannot reach Cognito"))
    );
    let failed: Vec<String> = r.failed.iter().map(|(u, _)| u.clone()).collect();
    assert!(common::screen(&mut s).contains("198 succeeded"));

    // Ctrl-R goes back to the preview with only the failed users; Enter runs it.
    s.handle(ctrl('r'));
    let Some(r) = s.app.module_as::<BulkRun>() else {
        panic!("not a bulk run")
    };
    assert_eq!(r.phase, BulkPhase::Preview);
    assert_eq!(r.targets, failed);
    assert!(s.app.in_flight().is_empty(), "nothing is sent before Enter");
    press(&mut s, KeyCode::Enter);
    finished(&mut s).await;
    assert_eq!(counts(&s), (2, 0), "the retry completes the run");
    for user in failed {
        assert!(!get(&p, &user).await.enabled());
    }
    let users = p
        .client
        .list_users()
        .user_pool_id(&p.id)
        .filter("status = \"Disabled\"")
        .send()
        .await
        .expect("list");
    assert!(!users.users().is_empty());
}

#[tokio::test]
async fn cleanup_deletes_only_unconfirmed_users_past_the_threshold() {
    let p = pool(false).await;
    for name in ["old1", "old2"] {
        signed_up(&p, name, &[("email", &format!("{name}@example.com"))]).await;
    }
    signed_up(&p, "oldconfirmed", &[("email", "oc@example.com")]).await;
    p.client
        .admin_confirm_sign_up()
        .user_pool_id(&p.id)
        .username("oldconfirmed")
        .send()
        .await
        .expect("confirm");
    let old_created = get(&p, "old2")
        .await
        .user_create_date()
        .expect("date")
        .secs();
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    signed_up(&p, "recent", &[("email", "recent@example.com")]).await;

    let mut s = open(&p, &p.client, Safety::default()).await;
    // One day later than the old users, less than a day after the recent one.
    s.app.update(cognitui::event::Event::Tick(
        chrono::DateTime::from_timestamp(old_created, 0).expect("time")
            + TimeDelta::days(1)
            + TimeDelta::seconds(1),
    ));
    type_text(&mut s, "s"); // UNCONFIRMED
    type_text(&mut s, "L");
    settle(&mut s, "every user", |a| {
        a.lookup().complete() && a.in_flight().is_empty()
    })
    .await;
    type_text(&mut s, "C");
    press(&mut s, KeyCode::Backspace);
    type_text(&mut s, "1");
    press(&mut s, KeyCode::Enter);
    let Some(r) = s.app.module_as::<BulkRun>() else {
        panic!("a preview: {:?}", s.app.status())
    };
    let mut targets = r.targets.clone();
    targets.sort();
    assert_eq!(targets, ["old1", "old2"]);
    press(&mut s, KeyCode::Enter);
    finished(&mut s).await;
    assert_eq!(counts(&s), (2, 0));
    for gone in ["old1", "old2"] {
        let r = p
            .client
            .admin_get_user()
            .user_pool_id(&p.id)
            .username(gone)
            .send()
            .await;
        assert!(r.is_err(), "{gone} deleted");
    }
    get(&p, "recent").await;
    get(&p, "oldconfirmed").await;
}

#[tokio::test]
async fn protected_users_survive_a_bulk_delete() {
    let p = pool(false).await;
    for name in ["keep", "drop1", "drop2"] {
        signed_up(&p, name, &[("email", &format!("{name}@example.com"))]).await;
    }
    let safety = Safety {
        read_only: false,
        protected_users: vec!["keep".into()],
    };
    let mut s = open(&p, &p.client, safety).await;
    mark_all(&mut s, 3).await;
    // Delete is the last choice; the cursor stops there.
    for _ in 0..cognitui::screens::bulk_menu::BULK_KINDS.len() {
        press(&mut s, KeyCode::Down);
    }
    press(&mut s, KeyCode::Enter); // Delete
    let Some(r) = s.app.module_as::<BulkRun>() else {
        panic!("preview")
    };
    assert_eq!(r.skipped, ["keep"]);
    assert!(common::screen(&mut s).contains("Left out, protected: keep"));
    press(&mut s, KeyCode::Enter);
    finished(&mut s).await;
    assert_eq!(counts(&s), (2, 0));
    get(&p, "keep").await;
    assert_eq!(
        s.app.lookup().users.len(),
        1,
        "deleted users leave the table"
    );
}

/// Chooses the group-taking menu entry `index`, then the pool's first group, checks the
/// preview, starts the run and waits for its end.
async fn run_with_group(s: &mut Session<TestBackend>, index: usize) {
    for _ in 0..index {
        press(s, KeyCode::Down);
    }
    press(s, KeyCode::Enter);
    settle(s, "the pool's groups", |a| {
        a.module_as::<BulkMenu>()
            .is_some_and(|m| m.groups.is_some())
    })
    .await;
    run(s, 0).await;
}

/// Back to the table from a finished run, and the bulk menu again for the same marks.
fn menu_again(s: &mut Session<TestBackend>) {
    press(s, KeyCode::Esc);
    type_text(s, "b");
    assert!(
        s.app.module_as::<BulkMenu>().is_some(),
        "{:?}",
        s.app.status()
    );
}

#[tokio::test]
async fn group_membership_sign_out_and_password_reset_in_bulk() {
    let p = pool(false).await;
    let names = ["ann", "bob", "cy"];
    for name in names {
        confirmed(&p, name, &[]).await;
    }
    group(&p, "staff").await;
    let mut s = open(&p, &p.client, Safety::default()).await;
    mark_all(&mut s, 3).await;
    let at = |kind: BulkKind| {
        BULK_KINDS
            .iter()
            .position(|k| *k == kind)
            .expect("a choice")
    };

    run_with_group(&mut s, at(BulkKind::AddToGroup)).await;
    assert_eq!(counts(&s), (3, 0));
    for name in names {
        assert_eq!(groups_of(&p, name).await, ["staff"], "{name}");
    }

    menu_again(&mut s);
    run_with_group(&mut s, at(BulkKind::RemoveFromGroup)).await;
    assert_eq!(counts(&s), (3, 0));
    for name in names {
        assert!(groups_of(&p, name).await.is_empty(), "{name}");
    }

    menu_again(&mut s);
    run(&mut s, at(BulkKind::GlobalSignOut)).await;
    assert_eq!(counts(&s), (3, 0));

    menu_again(&mut s);
    run(&mut s, at(BulkKind::ResetPassword)).await;
    assert_eq!(counts(&s), (3, 0));
    for name in names {
        assert_eq!(
            get(&p, name)
                .await
                .user_status()
                .map(aws_sdk_cognitoidentityprovider::types::UserStatusType::as_str),
            Some("RESET_REQUIRED"),
            "{name}"
        );
    }
    // The table shows them as they are now.
    let row = s.app.lookup().user("ann").expect("ann's row");
    assert_eq!(row.status.as_api(), "RESET_REQUIRED");
}

#[tokio::test]
async fn an_attribute_set_on_every_marked_user_after_its_value_is_checked() {
    let p = pool(false).await;
    let names = ["ann", "bob", "cy"];
    for name in names {
        confirmed(&p, name, &[]).await;
    }
    let mut s = open(&p, &p.client, Safety::default()).await;
    mark_all(&mut s, 3).await;
    let at = BULK_KINDS
        .iter()
        .position(|k| *k == BulkKind::SetAttribute)
        .expect("a choice");
    for _ in 0..at {
        press(&mut s, KeyCode::Down);
    }
    press(&mut s, KeyCode::Enter);
    // A contact is each user's own: refused, and the form keeps what was typed.
    type_text(&mut s, "email");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "x@example.com");
    press(&mut s, KeyCode::Enter);
    let refused = format!("{:?}", s.app.status());
    assert!(refused.contains("change it on their page"), "{refused}");
    assert!(s.app.module_as::<BulkMenu>().is_some(), "still the form");

    press(&mut s, KeyCode::Up);
    for _ in 0.."email".len() {
        press(&mut s, KeyCode::Backspace);
    }
    type_text(&mut s, "locale");
    press(&mut s, KeyCode::Tab);
    for _ in 0.."x@example.com".len() {
        press(&mut s, KeyCode::Backspace);
    }
    type_text(&mut s, "fr");
    press(&mut s, KeyCode::Enter);
    let Some(r) = s.app.module_as::<BulkRun>() else {
        panic!("the preview: {:?}", s.app.status())
    };
    assert_eq!(r.title, "Set locale to 'fr' — 3 marked users");
    assert!(common::screen(&mut s).contains("admin-update-user-attributes"));
    press(&mut s, KeyCode::Enter);
    finished(&mut s).await;
    assert_eq!(counts(&s), (3, 0));
    for name in names {
        let user = get(&p, name).await;
        let locale = user
            .user_attributes()
            .iter()
            .find(|a| a.name() == "locale")
            .and_then(|a| a.value());
        assert_eq!(locale, Some("fr"), "{name}");
    }
    let row = s.app.lookup().user("bob").expect("bob's row");
    assert_eq!(row.attribute("locale"), Some("fr"), "the table shows it");
}

#[tokio::test]
async fn mfa_set_in_bulk_with_one_answer_lost_each_user_once() {
    let p = pool(false).await;
    let names = ["ann", "bob", "cy"];
    for name in names {
        confirmed(&p, name, &[]).await;
    }
    let upstream = format!("127.0.0.1:{}", common::emulator().port());
    let proxy = Proxy::start(
        &upstream,
        "AdminSetUserMFAPreference",
        Fault::DropAnswerOnce,
    )
    .await;
    let client = cognitui::dev::emulator_client(&proxy.endpoint, Duration::from_secs(10));
    let mut s = open(&p, &client, Safety::default()).await;
    mark_all(&mut s, 3).await;
    let at = BULK_KINDS
        .iter()
        .position(|k| *k == BulkKind::SetMfa)
        .expect("a choice");
    for _ in 0..at {
        press(&mut s, KeyCode::Down);
    }
    press(&mut s, KeyCode::Enter);
    assert!(
        common::screen(&mut s).contains("Set which MFA factor for the 3 marked users?"),
        "the MFA settings are the second question"
    );
    let sms_preferred = MFA_CHOICES
        .iter()
        .position(|c| c.label == "SMS: enabled and preferred")
        .expect("a setting");
    for _ in 0..sms_preferred {
        press(&mut s, KeyCode::Down);
    }
    press(&mut s, KeyCode::Enter);
    let Some(r) = s.app.module_as::<BulkRun>() else {
        panic!("the preview: {:?}", s.app.status())
    };
    assert_eq!(r.title, "SMS: enabled and preferred — 3 marked users");
    let preview = common::screen(&mut s);
    assert!(
        preview.contains("admin-set-user-mfa-preference --user-pool-id"),
        "the preview shows the CLI"
    );
    assert!(
        preview.contains("Codes go by SMS to each user's phone_number, which must be verified"),
        "the preview warns before Enter, as a confirmation does:\n{preview}"
    );
    assert_eq!(
        proxy.count("AdminSetUserMFAPreference"),
        0,
        "nothing before Enter"
    );
    press(&mut s, KeyCode::Enter);
    finished(&mut s).await;
    assert_eq!(counts(&s), (3, 0));
    let Some(r) = s.app.module_as::<BulkRun>() else {
        unreachable!()
    };
    assert_eq!(
        r.lost.len(),
        1,
        "the lost answer was read again and found applied"
    );
    assert_eq!(
        proxy.count("AdminSetUserMFAPreference"),
        3,
        "each user once"
    );
    for name in names {
        let user = get(&p, name).await;
        assert_eq!(user.preferred_mfa_setting(), Some("SMS_MFA"), "{name}");
        assert_eq!(user.user_mfa_setting_list(), ["SMS_MFA"], "{name}");
    }
}
