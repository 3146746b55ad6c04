//! Changes that report what really happened, end to end through a fault-injecting loopback
//! proxy in front of the emulator: a lost answer to AdminCreateUser is not re-sent and the
//! user is read again ("created"); an AdminDisableUser left with Esc is checked when its answer
//! comes. And views that follow changes: the table after a bulk disable.

mod common;

use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use cognitui::app::{Screen, Status};
use cognitui::cognito::Cognito;
use cognitui::config::PoolChoice;
use cognitui::dev::emulator_client;
use cognitui::screens::bulk::BulkRun;
use cognitui::screens::detail::Detail;
use cognitui::screens::sign_in::{Step, step_of};
use cognitui::screens::user_list::UserList;
use cognitui::session::Session;
use common::journey::{Pool, get, invited, open_user, pool, press, signed_up, status, type_text};
use common::proxy::{Fault, Proxy};
use common::{emulator, keymap, settle};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A client through `proxy` with the SDK's standard retries on, as on AWS: cognitui must not
/// let the SDK send a change twice.
fn retrying_client(proxy: &Proxy) -> Client {
    let client = emulator_client(&proxy.endpoint, Duration::from_secs(10));
    Client::from_conf(
        client
            .config()
            .to_builder()
            .retry_config(RetryConfig::standard().with_max_attempts(3))
            .build(),
    )
}

async fn open_through(p: &Pool, client: &Client) -> Session<TestBackend> {
    let mut s = Session::start(
        Terminal::new(TestBackend::new(120, 30)).expect("terminal"),
        Cognito::new(client),
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

fn upstream() -> String {
    format!("127.0.0.1:{}", emulator().port())
}

#[tokio::test]
async fn a_lost_answer_to_admin_create_user_is_not_resent_and_the_user_is_read_again() {
    let p = pool(false).await;
    let proxy = Proxy::start(&upstream(), "AdminCreateUser", Fault::DropAnswerOnce).await;
    let mut s = open_through(&p, &retrying_client(&proxy)).await;
    type_text(&mut s, "N");
    type_text(&mut s, "lost.answer");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "lost.answer@example.com");
    press(&mut s, KeyCode::Enter);
    assert!(matches!(s.app.screen(), Screen::Confirm(_)));
    press(&mut s, KeyCode::Enter);
    settle(
        &mut s,
        "the re-read after the lost answer",
        |a| matches!(a.status(), Some(Status::Info(t)) if t.contains("created")),
    )
    .await;
    assert!(
        status(&s).contains("created; the first answer was lost"),
        "{}",
        status(&s)
    );
    assert!(
        s.app
            .module_as::<Detail>()
            .is_some_and(|d| d.username == "lost.answer")
    );
    assert_eq!(proxy.count("AdminCreateUser"), 1, "sent once, never again");
    let user = get(&p, "lost.answer").await;
    assert_eq!(
        user.user_status()
            .map(aws_sdk_cognitoidentityprovider::types::UserStatusType::as_str),
        Some("FORCE_CHANGE_PASSWORD")
    );
}

#[tokio::test]
async fn a_disable_left_with_esc_is_checked_when_its_answer_comes() {
    let p = pool(false).await;
    signed_up(&p, "left.change", &[("email", "left.change@example.com")]).await;
    let proxy = Proxy::start(
        &upstream(),
        "AdminDisableUser",
        Fault::Delay(Duration::from_millis(1500)),
    )
    .await;
    let mut s = open_through(&p, &retrying_client(&proxy)).await;
    open_user(&mut s, "left.change").await;
    type_text(&mut s, "t");
    press(&mut s, KeyCode::Enter);
    assert_eq!(s.app.busy(), Some("Changing the user"));
    press(&mut s, KeyCode::Esc);
    assert!(
        status(&s).contains("may still be applied"),
        "{}",
        status(&s)
    );
    settle(
        &mut s,
        "the re-read after the answer",
        |a| matches!(a.status(), Some(Status::Info(t)) if t.contains("is now")),
    )
    .await;
    assert!(status(&s).contains("disabled"), "{}", status(&s));
    assert!(
        s.app
            .module_as::<Detail>()
            .is_some_and(|d| d.detail.as_ref().is_some_and(|d| !d.user.enabled)),
        "the page shows the user disabled"
    );
    assert!(!get(&p, "left.change").await.enabled());
    assert_eq!(proxy.count("AdminDisableUser"), 1);
}

/// Marks every row shown, then disables them all as a bulk run, and waits for its end.
async fn disable_every_row(s: &mut Session<TestBackend>) {
    type_text(s, "*b");
    // Disable is the fourth bulk action.
    for _ in 0..3 {
        press(s, KeyCode::Down);
    }
    press(s, KeyCode::Enter);
    press(s, KeyCode::Enter);
    settle(s, "the bulk run", |a| {
        a.module_as::<BulkRun>()
            .is_some_and(|r| r.phase == cognitui::screens::bulk::BulkPhase::Done)
    })
    .await;
}

#[tokio::test]
async fn the_table_shows_a_bulk_disable_without_a_reload() {
    let p = pool(false).await;
    for name in ["bulk.a", "bulk.b"] {
        invited(&p, name, "Temp-Passw0rd!").await;
    }
    let mut s = common::journey::open(&p).await;
    disable_every_row(&mut s).await;
    press(&mut s, KeyCode::Esc);
    assert!(
        (0..s.app.lookup().users.len()).all(|i| !s.app.lookup().users.enabled(i)),
        "{:?}",
        s.app.lookup().users
    );
    assert!(common::screen(&mut s).contains("no"));
}

/// The detail page of `username` once signed in as them from it, with `password`.
async fn sign_in_from_the_page(s: &mut Session<TestBackend>, username: &str, password: &str) {
    open_user(s, username).await;
    type_text(s, "i");
    assert!(
        matches!(step_of(s.app.screen()), Some(Step::SignIn(_))),
        "{}",
        status(s)
    );
    type_text(s, password);
    press(s, KeyCode::Enter);
}

fn page_user(s: &Session<TestBackend>) -> Option<cognitui::cognito::model::UserDetail> {
    s.app.module_as::<Detail>()?.detail.clone()
}

#[tokio::test]
async fn the_page_shows_confirmed_after_a_new_password_without_a_reload() {
    let p = pool(false).await;
    invited(&p, "new.password", "Temp-Passw0rd!").await;
    let mut s = common::journey::open(&p).await;
    sign_in_from_the_page(&mut s, "new.password", "Temp-Passw0rd!").await;
    settle(&mut s, "NEW_PASSWORD_REQUIRED", |a| {
        matches!(step_of(a.screen()), Some(Step::NewPassword(_)))
    })
    .await;
    type_text(&mut s, "Chosen-Passw0rd!");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "Chosen-Passw0rd!");
    press(&mut s, KeyCode::Enter);
    assert!(
        matches!(s.app.screen(), Screen::Confirm(_)),
        "{}",
        status(&s)
    );
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "the tokens and the re-read", |a| {
        matches!(step_of(a.screen()), Some(Step::Tokens(_))) && a.in_flight().is_empty()
    })
    .await;
    press(&mut s, KeyCode::Esc);
    let user = page_user(&s).expect("back on the page");
    assert_eq!(user.user.status.as_api(), "CONFIRMED", "no `r` needed");
}

#[tokio::test]
async fn the_page_shows_totp_preferred_after_enrolment_without_a_reload() {
    use aws_sdk_cognitoidentityprovider::types::UserPoolMfaType;
    let client = common::client();
    let id = cognitui::dev::create_pool_with_mfa(&client, "fresh-mfa", UserPoolMfaType::Optional)
        .await
        .expect("pool");
    let app_client = cognitui::dev::create_client(&client, &id, "demo", false)
        .await
        .expect("client");
    let p = Pool {
        client,
        id,
        app_client,
    };
    invited(&p, "enrols", "Temp-Passw0rd!").await;
    p.client
        .admin_set_user_password()
        .user_pool_id(&p.id)
        .username("enrols")
        .password("Chosen-Passw0rd!")
        .permanent(true)
        .send()
        .await
        .expect("set password");
    let mut s = common::journey::open(&p).await;
    sign_in_from_the_page(&mut s, "enrols", "Chosen-Passw0rd!").await;
    settle(&mut s, "the tokens", |a| {
        matches!(step_of(a.screen()), Some(Step::Tokens(_)))
    })
    .await;
    type_text(&mut s, "e");
    assert!(
        matches!(s.app.screen(), Screen::Confirm(_)),
        "{}",
        status(&s)
    );
    press(&mut s, KeyCode::Enter);
    settle(
        &mut s,
        "the secret",
        |a| matches!(step_of(a.screen()), Some(Step::Enrol(e)) if e.secret.is_some()),
    )
    .await;
    let Some(Step::Enrol(e)) = step_of(s.app.screen()) else {
        unreachable!()
    };
    let secret = e.secret.clone().expect("secret");
    type_text(&mut s, &common::fresh_code(&secret).await);
    press(&mut s, KeyCode::Enter);
    assert!(
        matches!(s.app.screen(), Screen::Confirm(_)),
        "{}",
        status(&s)
    );
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "enrolment and the re-read", |a| {
        a.module_as::<Detail>().is_some() && a.in_flight().is_empty()
    })
    .await;
    let user = page_user(&s).expect("back on the page");
    assert_eq!(
        user.preferred_mfa.as_deref(),
        Some("SOFTWARE_TOKEN_MFA"),
        "no `r` needed"
    );
}

/// The text of the status line once it says something other than "reading … again".
async fn settled_sentence(s: &mut Session<TestBackend>) -> String {
    settle(s, "the re-read after the lost answer", |a| {
        a.in_flight().is_empty()
            && matches!(a.status(), Some(Status::Info(t) | Status::Error(t)) if !t.ends_with("again…"))
    })
    .await;
    status(s)
}

#[tokio::test]
async fn a_disable_whose_answer_is_lost_is_read_again_and_said_applied() {
    let p = pool(false).await;
    common::journey::confirmed(&p, "lost.disable", &[]).await;
    let proxy = Proxy::start(&upstream(), "AdminDisableUser", Fault::DropAnswerOnce).await;
    let mut s = open_through(&p, &retrying_client(&proxy)).await;
    open_user(&mut s, "lost.disable").await;
    type_text(&mut s, "t");
    common::journey::confirm(&mut s);
    let said = settled_sentence(&mut s).await;
    assert!(!said.contains("failed"), "{said}");
    assert!(said.contains("applied all the same"), "{said}");
    assert!(!s.app.can_retry(), "Ctrl-R offers nothing applied");
    assert!(
        s.app
            .module_as::<Detail>()
            .is_some_and(|d| d.detail.as_ref().is_some_and(|d| !d.user.enabled)),
        "the page shows the user disabled"
    );
    assert!(!get(&p, "lost.disable").await.enabled());
    assert_eq!(proxy.count("AdminDisableUser"), 1, "sent once");
}

#[tokio::test]
async fn a_password_set_whose_answer_is_lost_is_read_again_and_said_applied() {
    let p = pool(false).await;
    invited(&p, "lost.password", "Temp-Passw0rd!").await;
    let proxy = Proxy::start(&upstream(), "AdminSetUserPassword", Fault::DropAnswerOnce).await;
    let mut s = open_through(&p, &retrying_client(&proxy)).await;
    open_user(&mut s, "lost.password").await;
    type_text(&mut s, "w");
    type_text(&mut s, "Chosen-Passw0rd!");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "Chosen-Passw0rd!");
    press(&mut s, KeyCode::Enter);
    common::journey::confirm(&mut s);
    let said = settled_sentence(&mut s).await;
    assert!(!said.contains("failed"), "{said}");
    // FORCE_CHANGE_PASSWORD before, CONFIRMED as read again: the permanent password was set.
    assert!(said.contains("applied all the same"), "{said}");
    assert!(
        s.app
            .module_as::<Detail>()
            .is_some_and(|d| d
                .detail
                .as_ref()
                .is_some_and(|d| d.user.status.as_api() == "CONFIRMED")),
        "the page shows the user CONFIRMED"
    );
    assert!(!s.app.can_retry());
    assert_eq!(proxy.count("AdminSetUserPassword"), 1, "sent once");
}

#[tokio::test]
async fn an_add_to_group_whose_answer_is_lost_is_read_again_and_said_applied() {
    let p = pool(false).await;
    common::journey::confirmed(&p, "lost.group", &[]).await;
    p.client
        .create_group()
        .user_pool_id(&p.id)
        .group_name("support")
        .send()
        .await
        .expect("group");
    let proxy = Proxy::start(&upstream(), "AdminAddUserToGroup", Fault::DropAnswerOnce).await;
    let mut s = open_through(&p, &retrying_client(&proxy)).await;
    open_user(&mut s, "lost.group").await;
    type_text(&mut s, "g");
    settle(&mut s, "the groups", |a| {
        a.module_as::<UserList>().is_some_and(|l| l.kind.is_some())
    })
    .await;
    press(&mut s, KeyCode::Enter);
    common::journey::confirm(&mut s);
    let said = settled_sentence(&mut s).await;
    assert!(!said.contains("failed"), "{said}");
    assert!(said.contains("applied all the same"), "{said}");
    assert!(!s.app.can_retry());
    assert!(
        s.app
            .module_as::<Detail>()
            .is_some_and(|d| d.detail.as_ref().is_some_and(|d| d.groups == ["support"])),
        "the user's page shows the membership, as after an answer that came"
    );
    assert_eq!(proxy.count("AdminAddUserToGroup"), 1, "sent once");
    let groups = p
        .client
        .admin_list_groups_for_user()
        .user_pool_id(&p.id)
        .username("lost.group")
        .send()
        .await
        .expect("groups");
    assert_eq!(groups.groups().len(), 1);
}

#[tokio::test]
async fn a_bulk_disable_with_one_answer_lost_reads_that_user_again() {
    let p = pool(false).await;
    for i in 0..10 {
        common::journey::confirmed(&p, &format!("bulk.lost{i}"), &[]).await;
    }
    let proxy = Proxy::start(&upstream(), "AdminDisableUser", Fault::DropAnswerOnce).await;
    let mut s = open_through(&p, &retrying_client(&proxy)).await;
    assert_eq!(s.app.lookup().users.len(), 10);
    disable_every_row(&mut s).await;
    let Some(run) = s.app.module_as::<BulkRun>() else {
        unreachable!()
    };
    assert_eq!(run.succeeded.len(), 10, "failed: {:?}", run.failed);
    assert_eq!(run.lost.len(), 1, "one answer was lost and read again");
    assert!(run.failed.is_empty() && run.unknown.is_empty());
    assert!(common::screen(&mut s).contains("Applied though the first answer was lost"));
    assert!(
        !status(&s).contains("reading"),
        "no sentence left from the re-read: {}",
        status(&s)
    );
    assert_eq!(proxy.count("AdminDisableUser"), 10, "each sent once");
    s.handle(common::ctrl('r'));
    assert!(
        s.app
            .module_as::<BulkRun>()
            .is_some_and(|r| r.phase == cognitui::screens::bulk::BulkPhase::Done),
        "Ctrl-R offers nothing applied"
    );
    press(&mut s, KeyCode::Esc);
    assert!(
        (0..s.app.lookup().users.len()).all(|i| !s.app.lookup().users.enabled(i)),
        "every row says disabled"
    );
    for i in 0..10 {
        assert!(!get(&p, &format!("bulk.lost{i}")).await.enabled());
    }
}
