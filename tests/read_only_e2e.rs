//! The read-only proof, end to end against the emulator: with `read_only` on, every change the
//! UI offers is tried; the emulator's users are unchanged afterwards, and an interceptor on the
//! SDK client shows that no mutating request left the process.

mod common;

use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_cognitoidentityprovider::config::{ConfigBag, Intercept, RuntimeComponents};
use cognitui::app::{Safety, Screen, Status};
use cognitui::config::PoolChoice;
use cognitui::session::Session;
use common::journey::{Pool, invited, pool, press, signed_up, type_text};
use common::settle;
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;

/// Records the name of every operation the client sends.
#[derive(Debug, Clone, Default)]
struct Recorder(Arc<Mutex<Vec<String>>>);

impl Recorder {
    fn operations(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Intercept for Recorder {
    fn name(&self) -> &'static str {
        "Recorder"
    }

    /// Reads the operation from the request about to go on the wire (`X-Amz-Target`).
    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let target = context
            .request()
            .headers()
            .get("x-amz-target")
            .unwrap_or("unknown");
        let operation = target.rsplit('.').next().unwrap_or(target).to_owned();
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(operation);
        Ok(())
    }
}

/// Operations that only read or sign in.
const READS: [&str; 8] = [
    "ListUsers",
    "DescribeUserPool",
    "DescribeUserPoolClient",
    "AdminGetUser",
    "AdminListGroupsForUser",
    "ListGroups",
    "AdminInitiateAuth",
    "AdminListDevices",
];

/// Every user as AdminGetUser sees them, for before/after comparison.
async fn state(p: &Pool) -> Vec<String> {
    let users = p
        .client
        .list_users()
        .user_pool_id(&p.id)
        .send()
        .await
        .expect("list");
    let mut out = Vec::new();
    for u in users.users() {
        let name = u.username().unwrap_or_default();
        let full = p
            .client
            .admin_get_user()
            .user_pool_id(&p.id)
            .username(name)
            .send()
            .await
            .expect("get");
        let groups = p
            .client
            .admin_list_groups_for_user()
            .user_pool_id(&p.id)
            .username(name)
            .send()
            .await
            .expect("groups");
        out.push(format!(
            "{name} {:?} {} {:?} {:?} {:?}",
            full.user_status(),
            full.enabled(),
            full.user_attributes(),
            full.user_last_modified_date(),
            groups.groups().len()
        ));
    }
    out.sort();
    out
}

/// Back to the user table (letting calls in flight finish), then opens `username`.
async fn detail(s: &mut Session<TestBackend>, username: &str) {
    for _ in 0..6 {
        settle(s, "quiet", |a| a.in_flight.is_empty()).await;
        if matches!(s.app.screen, Screen::Lookup) {
            break;
        }
        press(s, KeyCode::Esc);
    }
    press(s, KeyCode::Esc); // from the search field, if there
    type_text(s, "/");
    for _ in 0..20 {
        press(s, KeyCode::Backspace);
    }
    type_text(s, username);
    settle(s, "the search", |a| {
        a.in_flight.is_empty() && a.lookup.users.iter().any(|u| u.username == username)
    })
    .await;
    press(s, KeyCode::Enter);
    settle(s, "the user", |a| {
        matches!(&a.screen, Screen::Detail(d) if d.detail.is_some()) && a.in_flight.is_empty()
    })
    .await;
}

/// The change just tried was refused, and nothing was sent.
fn assert_refused(s: &Session<TestBackend>, what: &str) {
    assert!(
        matches!(&s.app.status, Some(Status::Error(t)) if t.starts_with("Read-only mode")),
        "{what}: {:?}",
        s.app.status
    );
    assert!(s.app.in_flight.is_empty(), "{what}: nothing in flight");
}

/// A group, an UNCONFIRMED, a CONFIRMED and an invited user.
async fn seed(p: &Pool) {
    p.client
        .create_group()
        .user_pool_id(&p.id)
        .group_name("support")
        .send()
        .await
        .expect("group");
    signed_up(p, "waiting", &[("email", "waiting@example.com")]).await;
    signed_up(p, "settled", &[("email", "settled@example.com")]).await;
    p.client
        .admin_confirm_sign_up()
        .user_pool_id(&p.id)
        .username("settled")
        .send()
        .await
        .expect("confirm");
    invited(p, "guest", "Temp-Passw0rd!").await;
}

/// Sign-up and invitation from the user table.
fn try_new_users(s: &mut Session<TestBackend>) {
    press(s, KeyCode::Esc);
    type_text(s, "n");
    type_text(s, "newbie");
    press(s, KeyCode::Tab);
    type_text(s, "Demo-Passw0rd!");
    press(s, KeyCode::Enter);
    assert_refused(s, "sign-up");
    press(s, KeyCode::Esc);
    press(s, KeyCode::Esc);
    type_text(s, "N");
    type_text(s, "invitee");
    press(s, KeyCode::Tab);
    type_text(s, "invitee@example.com");
    press(s, KeyCode::Enter);
    assert_refused(s, "invite");
}

/// The UNCONFIRMED user: resend, a code, confirm, confirm + verified.
async fn try_unconfirmed(s: &mut Session<TestBackend>) {
    detail(s, "waiting").await;
    type_text(s, "s");
    assert_refused(s, "resend code");
    press(s, KeyCode::Esc);
    type_text(s, "123456");
    press(s, KeyCode::Enter);
    assert_refused(s, "confirm with a code");
    detail(s, "waiting").await;
    for key in ["a", "A"] {
        type_text(s, key);
        assert_refused(s, key);
        press(s, KeyCode::Esc);
    }
}

/// The CONFIRMED user: every admin change.
async fn try_confirmed(s: &mut Session<TestBackend>) {
    for (key, extra) in [("t", ""), ("D", "settled"), ("P", ""), ("O", "")] {
        detail(s, "settled").await;
        type_text(s, key);
        type_text(s, extra);
        press(s, KeyCode::Enter);
        assert_refused(s, key);
    }
    detail(s, "settled").await;
    type_text(s, "w");
    type_text(s, "Other-Passw0rd!");
    press(s, KeyCode::Tab);
    type_text(s, "Other-Passw0rd!");
    press(s, KeyCode::Enter);
    assert_refused(s, "set password");
    detail(s, "settled").await;
    type_text(s, "e");
    type_text(s, "a");
    type_text(s, "name");
    press(s, KeyCode::Tab);
    type_text(s, "Settled");
    press(s, KeyCode::Enter);
    type_text(s, "p");
    press(s, KeyCode::Enter);
    assert_refused(s, "attribute edit");
    detail(s, "settled").await;
    type_text(s, "g");
    settle(
        s,
        "the groups",
        |a| matches!(&a.screen, Screen::List(l) if l.kind.is_some()),
    )
    .await;
    press(s, KeyCode::Enter);
    assert_refused(s, "add to group");
    detail(s, "settled").await;
    type_text(s, "m");
    press(s, KeyCode::Enter);
    assert_refused(s, "MFA settings");
}

/// The invited user: resend the invitation; signing in works, the new password is refused.
async fn try_invited(s: &mut Session<TestBackend>) {
    detail(s, "guest").await;
    type_text(s, "R");
    assert_refused(s, "resend invitation");
    press(s, KeyCode::Esc);
    type_text(s, "i");
    type_text(s, "Temp-Passw0rd!");
    press(s, KeyCode::Enter);
    settle(s, "NEW_PASSWORD_REQUIRED", |a| {
        matches!(a.screen, Screen::NewPassword(_))
    })
    .await;
    type_text(s, "Chosen-Passw0rd!");
    press(s, KeyCode::Tab);
    type_text(s, "Chosen-Passw0rd!");
    press(s, KeyCode::Enter);
    assert_refused(s, "new password");
}

#[tokio::test]
async fn read_only_refuses_every_change_before_any_request() {
    let p = pool(false).await;
    seed(&p).await;
    let before = state(&p).await;
    let recorder = Recorder::default();
    let client = Client::from_conf(
        p.client
            .config()
            .to_builder()
            .interceptor(recorder.clone())
            .build(),
    );
    let mut s = common::session_for(
        &client,
        Some(PoolChoice {
            user_pool_id: p.id.clone(),
            client_id: Some(p.app_client.clone()),
            client_secret: None,
        }),
    );
    s.app.safety = Safety {
        read_only: true,
        protected_users: vec![],
    };
    settle(&mut s, "the pool", |a| {
        a.pool.is_some() && a.in_flight.is_empty()
    })
    .await;

    try_new_users(&mut s);
    try_unconfirmed(&mut s).await;
    try_confirmed(&mut s).await;
    try_invited(&mut s).await;

    let sent = recorder.operations();
    let changes: Vec<&String> = sent
        .iter()
        .filter(|op| !READS.contains(&op.as_str()))
        .collect();
    assert!(
        changes.is_empty(),
        "mutating requests left the process: {changes:?}"
    );
    assert!(
        sent.iter().any(|op| op == "AdminGetUser"),
        "reading went on: {sent:?}"
    );
    assert_eq!(
        state(&p).await,
        before,
        "the emulator's users are unchanged"
    );
}
