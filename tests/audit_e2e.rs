//! The audit log end to end against the emulator: one JSON line per change with pool,
//! identity, operation, target and result; no password or code in it; shown in the app.

mod common;

use std::sync::Arc;

use cognitui::app::Screen;
use cognitui::audit::{AuditEntry, AuditLog};
use cognitui::cognito::Cognito;
use cognitui::config::PoolChoice;
use cognitui::screens::audit::AuditView;
use cognitui::screens::code::CodeEntry;
use cognitui::screens::detail::Detail;
use cognitui::session::Session;
use common::journey::{confirm, detail_loaded, open_user, pool, press, signed_up, type_text};
use common::{keymap, settle};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIGN_UP_PASSWORD: &str = "Newbie-Passw0rd!";
const CODE: &str = "246810";
const SET_PASSWORD: &str = "Chosen-Passw0rd-9";

/// Sign-up and a code, disable, enable, a password; then a refused change (not audited).
async fn make_changes(s: &mut Session<TestBackend>) {
    type_text(s, "n");
    type_text(s, "newbie");
    press(s, KeyCode::Tab);
    type_text(s, SIGN_UP_PASSWORD);
    press(s, KeyCode::Enter);
    confirm(s);
    settle(s, "code entry", |a| a.module_as::<CodeEntry>().is_some()).await;
    type_text(s, CODE);
    press(s, KeyCode::Enter);
    confirm(s);
    detail_loaded(s).await;
    // Disable, enable, set a password, each from its confirmation.
    for key in ["t", "t"] {
        type_text(s, key);
        confirm(s);
        detail_loaded(s).await;
    }
    type_text(s, "w");
    type_text(s, SET_PASSWORD);
    press(s, KeyCode::Tab);
    type_text(s, SET_PASSWORD);
    press(s, KeyCode::Enter);
    confirm(s);
    detail_loaded(s).await;
    // A change left at its confirmation is not one.
    type_text(s, "t");
    assert!(matches!(s.app.screen(), Screen::Confirm(_)));
    press(s, KeyCode::Esc);
    assert!(s.app.module_as::<Detail>().is_some());
    // A change refused before sending is not one.
    press(s, KeyCode::Esc);
    open_user(s, "settled").await;
    type_text(s, "R");
    assert!(
        s.app.in_flight().is_empty(),
        "refused before sending: not a change"
    );
    assert!(
        s.app.module_as::<Detail>().is_some(),
        "refused at the key: no confirmation opens"
    );
}

#[tokio::test]
async fn one_line_per_change_and_no_secret() {
    let p = pool(false).await;
    signed_up(&p, "settled", &[("email", "settled@example.com")]).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("audit.jsonl");
    let audit = Arc::new(AuditLog::new(
        Some(path.clone()),
        "arn:aws:iam::123456789012:user/desk".into(),
    ));
    let mut s = Session::start_audited(
        Terminal::new(TestBackend::new(120, 30)).expect("terminal"),
        Cognito::new(&p.client),
        keymap(),
        "emulator".into(),
        Some(PoolChoice {
            user_pool_id: p.id.clone(),
            client_id: Some(p.app_client.clone()),
            client_secret: None,
        }),
        audit,
    )
    .expect("session");
    settle(&mut s, "the pool", |a| {
        a.pool().is_some() && a.in_flight().is_empty()
    })
    .await;
    press(&mut s, KeyCode::Esc);

    make_changes(&mut s).await;

    let text = std::fs::read_to_string(&path).expect("audit file");
    let entries: Vec<AuditEntry> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON entry a line"))
        .collect();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "SignUp",
            "ConfirmSignUp",
            "AdminDisableUser",
            "AdminEnableUser",
            "AdminSetUserPassword"
        ]
    );
    for e in &entries {
        assert_eq!(e.pool, p.id);
        assert_eq!(e.identity, "arn:aws:iam::123456789012:user/desk");
        assert_eq!(e.targets, ["newbie"]);
        assert_eq!(e.result, "ok");
        assert!(e.time.ends_with('Z'), "{}", e.time);
    }
    for secret in [SIGN_UP_PASSWORD, CODE, SET_PASSWORD] {
        assert!(
            !text.contains(secret),
            "the audit log holds no password or code"
        );
    }

    // The in-app screen shows the log, newest first. Esc dismisses the refusal and goes back.
    press(&mut s, KeyCode::Esc);
    settle(&mut s, "the user table", |a| {
        matches!(a.screen(), Screen::Lookup)
    })
    .await;
    assert_eq!(
        s.app.lookup().focus,
        cognitui::screens::users::Focus::Search
    );
    press(&mut s, KeyCode::Esc); // from the search field to the table
    type_text(&mut s, "l");
    settle(&mut s, "the audit log", |a| {
        a.module_as::<AuditView>()
            .is_some_and(|v| v.entries.is_some())
    })
    .await;
    let view = s.app.module_as::<AuditView>().expect("the audit log");
    let (Some(shown), shown_path) = (&view.entries, &view.path) else {
        unreachable!()
    };
    assert_eq!(shown.len(), 5);
    assert_eq!(shown[0].action, "AdminSetUserPassword");
    assert_eq!(shown_path, &path.display().to_string());
    assert!(common::screen(&mut s).contains("AdminDisableUser"));
}
