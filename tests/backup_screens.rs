//! The backup, compare and restore screens end to end against the emulator, as an agent uses
//! them: a pool backed up from its screen (file readable by its owner only), stopped and
//! resumed; compared with its backup (they match); restored into a new pool from its screen
//! (the plan shown first, nothing sent before Enter there), then compared back.

mod common;

use std::path::Path;

use cognitui::app::App;
use cognitui::screens::backup::{BackupPhase, BackupView};
use cognitui::screens::compare::{ComparePhase, CompareView};
use cognitui::screens::restore::{RestorePhase, RestoreView};
use cognitui::session::Session;
use common::journey::{Pool, confirmed_with, group, open, pool, press, type_text};
use common::{screen, settle};
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;

/// Two users (one disabled), a group with one member.
async fn seeded() -> Pool {
    let p = pool(false).await;
    confirmed_with(
        &p,
        "ann",
        &[("email", "ann@example.com"), ("custom:tier", "gold")],
    )
    .await;
    confirmed_with(&p, "bob", &[("phone_number", "+15550100001")]).await;
    p.client
        .admin_disable_user()
        .user_pool_id(&p.id)
        .username("bob")
        .send()
        .await
        .expect("disable");
    group(&p, "staff").await;
    p.client
        .admin_add_user_to_group()
        .user_pool_id(&p.id)
        .group_name("staff")
        .username("ann")
        .send()
        .await
        .expect("member");
    p
}

/// Replaces the form's text with `text`.
fn retype(s: &mut Session<TestBackend>, text: &str) {
    for _ in 0..120 {
        press(s, KeyCode::Backspace);
    }
    type_text(s, text);
}

fn backup_phase(app: &App) -> Option<BackupPhase> {
    app.module_as::<BackupView>().map(|b| b.phase.clone())
}

#[tokio::test]
async fn a_pool_backed_up_compared_and_restored_from_its_screens() {
    let p = seeded().await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("pool.backup.jsonl");
    let mut s = open(&p).await;

    type_text(&mut s, "B");
    assert!(backup_phase(&s.app) == Some(BackupPhase::Form));
    retype(&mut s, &file.display().to_string());
    assert!(screen(&mut s).contains("MFA settings: not included"));
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "the backup", |a| {
        matches!(backup_phase(a), Some(BackupPhase::Done(_)))
    })
    .await;
    let shown = screen(&mut s);
    assert!(
        shown.contains("Backed up 2 users, 1 group and 1 membership"),
        "{shown}"
    );
    assert_owner_only(&file);
    // The same file again is refused: it would be replaced.
    press(&mut s, KeyCode::Esc);
    type_text(&mut s, "B");
    retype(&mut s, &file.display().to_string());
    press(&mut s, KeyCode::Enter);
    assert!(backup_phase(&s.app) == Some(BackupPhase::Form));
    assert!(common::journey::status(&s).contains("exists: F4 resumes it"));
    // F4 on a whole backup leaves it as it is.
    let before = std::fs::read(&file).expect("read");
    press(&mut s, KeyCode::F(4));
    settle(&mut s, "the resumed backup", |a| {
        matches!(backup_phase(a), Some(BackupPhase::Done(_)))
    })
    .await;
    assert_eq!(std::fs::read(&file).expect("read"), before);
    press(&mut s, KeyCode::Esc);

    type_text(&mut s, "=");
    retype(&mut s, &file.display().to_string());
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "the comparison", |a| {
        a.module_as::<CompareView>()
            .is_some_and(|c| matches!(c.phase, ComparePhase::Shown(_) | ComparePhase::Failed(_)))
    })
    .await;
    let shown = screen(&mut s);
    assert!(shown.contains("match."), "{shown}");

    let target = pool(false).await;
    restore_from_screen(&target, &file).await;
}

/// Restores `file` into `target` from the restore screen.
async fn restore_from_screen(target: &Pool, file: &Path) {
    let mut s = open(target).await;
    type_text(&mut s, "W");
    retype(&mut s, &file.display().to_string());
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "the plan", |a| {
        a.module_as::<RestoreView>()
            .is_some_and(|r| matches!(r.phase, RestorePhase::Plan(_) | RestorePhase::Failed(_)))
    })
    .await;
    let shown = screen(&mut s);
    assert!(shown.contains("Nothing has been sent yet."), "{shown}");
    assert!(
        shown.contains("Users to create: 2 (1 of them then disabled)."),
        "{shown}"
    );
    assert_eq!(users_of(target).await, 0, "the plan sends nothing");
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "the restore", |a| {
        a.module_as::<RestoreView>()
            .is_some_and(|r| matches!(r.phase, RestorePhase::Done(..) | RestorePhase::Failed(_)))
    })
    .await;
    let shown = screen(&mut s);
    assert!(
        shown.contains("Done: 2 users created, 1 disabled, 1 membership added, 1 group created."),
        "{shown}"
    );
    assert_eq!(users_of(target).await, 2);
    let bob = common::journey::get(target, "bob").await;
    assert!(!bob.enabled(), "disabled as in the backup");
    let sub_map = file.with_extension("subs.csv");
    let map = std::fs::read_to_string(&sub_map).expect("sub map");
    assert_eq!(map.lines().count(), 3, "{map}");
    // Esc does not leave a restore that has ended differently from one that runs: back.
    press(&mut s, KeyCode::Esc);
    assert!(s.app.module_as::<RestoreView>().is_none());
}

async fn users_of(p: &Pool) -> usize {
    p.client
        .list_users()
        .user_pool_id(&p.id)
        .send()
        .await
        .expect("list")
        .users()
        .len()
}

#[cfg(unix)]
fn assert_owner_only(file: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(file).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[cfg(not(unix))]
fn assert_owner_only(_: &Path) {}
