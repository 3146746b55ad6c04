//! CSV import as bulk invitations, end to end against the emulator through the fault proxy: a
//! file with good and bad rows (the bad ones shown with why and never sent, every good user
//! created exactly once with the row's attributes); an AdminCreateUser whose answer is lost is
//! never sent again, the user is read again and reported created; a step that cannot reach
//! Cognito is reported and Ctrl-R creates the user from the run's preview; create or update
//! from a file changes only the attributes that differ and creates the new users.

mod common;

use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use cognitui::cognito::Cognito;
use cognitui::config::PoolChoice;
use cognitui::dev::emulator_client;
use cognitui::screens::bulk::{BulkPhase, BulkRun};
use cognitui::screens::import::{ImportPhase, ImportRun};
use cognitui::session::Session;
use common::fail_nth::FailNth;
use common::journey::{Pool, get, pool, press, type_text, value};
use common::proxy::{Fault, Proxy};
use common::{backspaces, ctrl, emulator, keymap, settle};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Two good rows, and a bad row for each rule: whitespace in a username, an email that is
/// not one, a custom attribute too long, a number that is not one, a username twice, and no
/// email to deliver the invitation to. `shoe_size` is not an attribute of the pool.
const MIXED: &str = "\
username,email,custom:tier,custom:seats,shoe_size
imp.ann,imp.ann@example.com,gold,5,9
imp.bob,imp.bob@example.com,,,
bad one,bad.one@example.com,,,
imp.cat,not-an-email,,,
imp.dan,imp.dan@example.com,platinum-plus,,
imp.eve,imp.eve@example.com,,many,
imp.ann,imp.ann2@example.com,,,
imp.fay,,,,
";

fn upstream() -> String {
    emulator()
        .endpoint()
        .trim_start_matches("http://")
        .to_owned()
}

async fn open_through(p: &Pool, client: &Client) -> Session<TestBackend> {
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
    settle(&mut s, "the pool", |a| {
        a.pool().is_some() && a.in_flight().is_empty()
    })
    .await;
    press(&mut s, KeyCode::Esc);
    s
}

/// Writes `text` to a file, opens the import (`I`), names the file and reads it: the preview.
async fn preview(s: &mut Session<TestBackend>, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("people.csv"), text).expect("file");
    s.app.options_mut().export_dir = dir.path().to_path_buf();
    type_text(s, "I");
    assert!(
        s.app.module_as::<ImportRun>().is_some(),
        "{:?}",
        s.app.status()
    );
    for event in backspaces("users.csv".len()) {
        s.handle(event);
    }
    type_text(s, "people.csv");
    press(s, KeyCode::Enter);
    settle(s, "the preview", |a| {
        a.module_as::<ImportRun>()
            .is_some_and(|r| r.phase == ImportPhase::Preview)
    })
    .await;
    dir
}

async fn finished(s: &mut Session<TestBackend>) {
    settle(s, "the end of the run", |a| {
        a.module_as::<BulkRun>()
            .is_some_and(|r| r.phase == BulkPhase::Done)
            && a.in_flight().is_empty()
    })
    .await;
}

fn run(s: &Session<TestBackend>) -> &BulkRun {
    s.app
        .module_as::<BulkRun>()
        .unwrap_or_else(|| panic!("not a bulk run: {:?}", s.app.screen()))
}

async fn exists(p: &Pool, username: &str) -> bool {
    p.client
        .admin_get_user()
        .user_pool_id(&p.id)
        .username(username)
        .send()
        .await
        .is_ok()
}

#[tokio::test]
async fn good_rows_are_invited_once_and_bad_rows_are_shown_with_why_and_never_sent() {
    let p = pool(false).await;
    let proxy = Proxy::start(&upstream(), "none", Fault::Delay(Duration::ZERO)).await;
    let mut s = open_through(
        &p,
        &emulator_client(&proxy.endpoint, Duration::from_secs(10)),
    )
    .await;
    let _dir = preview(&mut s, MIXED).await;
    let screen = common::screen(&mut s);
    for shown in [
        "8 rows: 2 pass, 6 fail",
        "Not attributes of this pool, so not imported: shoe_size.",
        "line 4 bad one: A username cannot contain spaces",
        "line 5 imp.cat: The email 'not-an-email' is not an address",
        "line 6 imp.dan: The custom:tier takes at most 10 characters",
        "line 7 imp.eve: The custom:seats must be a whole number.",
        "line 8 imp.ann: The username is on line 2 already",
        "line 9 imp.fay: Delivery by email needs the email address",
        "aws cognito-idp admin-create-user",
    ] {
        assert!(screen.contains(shown), "{shown} not in\n{screen}");
    }
    assert_eq!(proxy.count("AdminCreateUser"), 0, "nothing before Enter");

    press(&mut s, KeyCode::Enter);
    finished(&mut s).await;
    assert_eq!(run(&s).succeeded.len(), 2);
    assert!(run(&s).failed.is_empty(), "{:?}", run(&s).failed);
    assert_eq!(proxy.count("AdminCreateUser"), 2, "each good user once");
    let ann = get(&p, "imp.ann").await;
    assert_eq!(value(&ann, "email").as_deref(), Some("imp.ann@example.com"));
    assert_eq!(value(&ann, "custom:tier").as_deref(), Some("gold"));
    assert_eq!(value(&ann, "custom:seats").as_deref(), Some("5"));
    assert_eq!(
        ann.user_status()
            .map(aws_sdk_cognitoidentityprovider::types::UserStatusType::as_str),
        Some("FORCE_CHANGE_PASSWORD")
    );
    assert!(exists(&p, "imp.bob").await);
    for never in ["bad one", "imp.cat", "imp.dan", "imp.eve", "imp.fay"] {
        assert!(!exists(&p, never).await, "{never} was created");
    }
}

#[tokio::test]
async fn a_lost_answer_is_not_resent_and_the_user_is_read_again_as_created() {
    let p = pool(false).await;
    let proxy = Proxy::start(&upstream(), "AdminCreateUser", Fault::DropAnswerOnce).await;
    let mut s = open_through(
        &p,
        &emulator_client(&proxy.endpoint, Duration::from_secs(10)),
    )
    .await;
    let file = "username,email\nlost.a,lost.a@example.com\nlost.b,lost.b@example.com\nlost.c,lost.c@example.com\n";
    let _dir = preview(&mut s, file).await;
    press(&mut s, KeyCode::Enter);
    finished(&mut s).await;
    let r = run(&s);
    assert_eq!(r.succeeded.len(), 3, "failed: {:?}", r.failed);
    assert_eq!(r.lost.len(), 1, "one answer was lost and read again");
    assert_eq!(proxy.count("AdminCreateUser"), 3, "never sent twice");
    assert!(proxy.count("AdminGetUser") >= 1, "the user was read again");
    assert!(
        common::screen(&mut s).contains("Created though the first answer was lost (read again)")
    );
    for user in ["lost.a", "lost.b", "lost.c"] {
        assert!(exists(&p, user).await, "{user}");
    }
}

#[tokio::test]
async fn an_unreachable_step_is_reported_and_ctrl_r_creates_the_user_from_the_preview() {
    let p = pool(false).await;
    let injector = FailNth::new("AdminCreateUser", &[2]);
    let client = Client::from_conf(p.client.config().to_builder().interceptor(injector).build());
    let mut s = open_through(&p, &client).await;
    let file = "username,email\nnet.a,net.a@example.com\nnet.b,net.b@example.com\nnet.c,net.c@example.com\n";
    let _dir = preview(&mut s, file).await;
    press(&mut s, KeyCode::Enter);
    finished(&mut s).await;
    let r = run(&s);
    assert_eq!((r.succeeded.len(), r.failed.len()), (2, 1));
    let (failed, why) = r.failed[0].clone();
    assert!(why.starts_with("Cannot reach Cognito"), "{why}");
    assert!(!exists(&p, &failed).await);

    s.handle(ctrl('r'));
    let r = run(&s);
    assert_eq!(r.phase, BulkPhase::Preview);
    assert_eq!(r.targets, std::slice::from_ref(&failed));
    assert!(s.app.in_flight().is_empty(), "nothing is sent before Enter");
    press(&mut s, KeyCode::Enter);
    finished(&mut s).await;
    assert_eq!((run(&s).succeeded.len(), run(&s).failed.len()), (1, 0));
    let user = get(&p, &failed).await;
    assert_eq!(
        value(&user, "email"),
        Some(format!("{failed}@example.com")),
        "the retry sends the row's own attributes"
    );
}

#[tokio::test]
async fn create_or_update_changes_only_what_differs_and_creates_the_new_users() {
    let p = pool(false).await;
    common::journey::confirmed(&p, "upd.ann", &[("custom:tier", "silver")]).await;
    common::journey::confirmed(&p, "upd.cy", &[("custom:tier", "gold")]).await;
    let proxy = Proxy::start(&upstream(), "none", Fault::Delay(Duration::ZERO)).await;
    let mut s = open_through(
        &p,
        &emulator_client(&proxy.endpoint, Duration::from_secs(10)),
    )
    .await;
    // cy's row has no email: no invitation could come of it, an update can.
    let file = "\
username,email,custom:tier
upd.ann,upd.ann@example.com,gold
upd.bob,upd.bob@example.com,free
upd.cy,,gold
";
    let _dir = preview(&mut s, file).await;
    press(&mut s, KeyCode::F(7));
    settle(&mut s, "the plan", |a| {
        a.module_as::<ImportRun>()
            .is_some_and(|r| r.phase == ImportPhase::Plan)
            && a.in_flight().is_empty()
    })
    .await;
    let screen = common::screen(&mut s);
    for shown in [
        "3 rows: 1 new user, 1 to update, 1 unchanged (skipped), 0 cannot be applied.",
        "line 2 upd.ann: custom:tier 'silver' → 'gold'",
        "line 3 upd.bob: new user, invited by email",
    ] {
        assert!(screen.contains(shown), "{shown} not in\n{screen}");
    }
    assert_eq!(
        proxy.count("AdminUpdateUserAttributes"),
        0,
        "nothing before Enter"
    );
    assert_eq!(proxy.count("AdminCreateUser"), 0, "nothing before Enter");

    press(&mut s, KeyCode::Enter);
    finished(&mut s).await;
    let mut succeeded = run(&s).succeeded.clone();
    succeeded.sort();
    assert_eq!(succeeded, ["upd.ann", "upd.bob"]);
    assert_eq!(
        proxy.count("AdminUpdateUserAttributes"),
        1,
        "the one change"
    );
    assert_eq!(proxy.count("AdminCreateUser"), 1, "the one new user");
    for (user, tier) in [("upd.ann", "gold"), ("upd.bob", "free"), ("upd.cy", "gold")] {
        let read = get(&p, user).await;
        assert_eq!(value(&read, "custom:tier").as_deref(), Some(tier), "{user}");
    }
    assert_eq!(
        value(&get(&p, "upd.ann").await, "email").as_deref(),
        Some("upd.ann@example.com"),
        "the email, the same in the file, was not sent"
    );
}
