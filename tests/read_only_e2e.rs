//! The read-only proof, end to end against the emulator: with `read_only` on, every change the
//! UI offers is tried and refused at its key (or at the Enter that would ask for it) before any
//! confirmation opens; the emulator's users are unchanged afterwards, and an interceptor on the
//! SDK client shows that no mutating request left the process.

mod common;

use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_cognitoidentityprovider::config::{ConfigBag, Intercept, RuntimeComponents};
use cognitui::app::{Safety, Screen, Status};
use cognitui::config::PoolChoice;
use cognitui::screens::detail::Detail;
use cognitui::screens::groups::GroupsView;
use cognitui::screens::sign_in::{Step, step_of};
use cognitui::screens::user_list::UserList;
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
const READS: [&str; 11] = [
    "ListUsers",
    "DescribeUserPool",
    "DescribeUserPoolClient",
    "AdminGetUser",
    "AdminListGroupsForUser",
    "ListGroups",
    "ListUsersInGroup",
    "AdminInitiateAuth",
    "AdminListDevices",
    "AdminGetUserAuthFactors",
    "GetUserPoolMfaConfig",
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
        settle(s, "quiet", |a| a.in_flight().is_empty()).await;
        if matches!(s.app.screen(), Screen::Lookup) {
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
        a.in_flight().is_empty() && a.lookup().has_user(username)
    })
    .await;
    press(s, KeyCode::Enter);
    settle(s, "the user", |a| {
        a.module_as::<Detail>().is_some_and(|d| d.detail.is_some()) && a.in_flight().is_empty()
    })
    .await;
}

/// The change just tried was refused, and nothing was sent.
fn assert_refused(s: &Session<TestBackend>, what: &str) {
    assert!(
        matches!(s.app.status(), Some(Status::Error(t)) if t.starts_with("Read-only mode")),
        "{what}: {:?}",
        s.app.status()
    );
    assert!(s.app.in_flight().is_empty(), "{what}: nothing in flight");
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

/// `keys` are refused at once: the refusal is said, nothing opens and nothing is sent.
fn refused_key(s: &mut Session<TestBackend>, keys: &str, what: &str) {
    let before = std::mem::discriminant(s.app.screen());
    type_text(s, keys);
    assert_refused(s, what);
    assert_eq!(
        std::mem::discriminant(s.app.screen()),
        before,
        "{what}: refused at the key, nothing opens"
    );
}

/// Sign-up, invitation, bulk work and cleanup from the user table.
fn try_new_users(s: &mut Session<TestBackend>) {
    press(s, KeyCode::Esc);
    refused_key(s, "n", "sign-up");
    refused_key(s, "N", "invite");
    refused_key(s, "b", "bulk");
    refused_key(s, "C", "cleanup");
}

/// The pool's groups: creating, editing, deleting a group and adding marked users to one.
async fn try_groups(s: &mut Session<TestBackend>) {
    type_text(s, "G");
    settle(s, "the groups", |a| {
        a.module_as::<GroupsView>()
            .is_some_and(|v| v.groups.is_some())
            && a.in_flight().is_empty()
    })
    .await;
    for (key, what) in [
        ("n", "create a group"),
        ("e", "edit a group"),
        ("D", "delete a group"),
        ("b", "add marked users to a group"),
    ] {
        refused_key(s, key, what);
    }
    press(s, KeyCode::Esc);
}

/// The UNCONFIRMED user: resend, a code, confirm, confirm + verified.
async fn try_unconfirmed(s: &mut Session<TestBackend>) {
    detail(s, "waiting").await;
    for (key, what) in [
        ("s", "resend code"),
        ("c", "confirm with a code"),
        ("a", "admin confirm"),
        ("A", "confirm + verified"),
    ] {
        refused_key(s, key, what);
    }
}

/// The CONFIRMED user: every admin change; adding to a group is refused at its Enter.
async fn try_confirmed(s: &mut Session<TestBackend>) {
    detail(s, "settled").await;
    for (key, what) in [
        ("t", "disable"),
        ("D", "delete"),
        ("P", "reset password"),
        ("O", "global sign-out"),
        ("w", "set password"),
        ("e", "attribute edit"),
        ("m", "MFA settings"),
        ("V", "verify as the user"),
    ] {
        refused_key(s, key, what);
    }
    type_text(s, "g");
    settle(s, "the groups", |a| {
        a.module_as::<UserList>().is_some_and(|l| l.kind.is_some())
    })
    .await;
    press(s, KeyCode::Enter);
    assert_refused(s, "add to group");
    assert!(
        s.app.module_as::<UserList>().is_some(),
        "no confirmation opens"
    );
}

/// The invited user: resend the invitation; signing in works, the new password is refused.
async fn try_invited(s: &mut Session<TestBackend>) {
    detail(s, "guest").await;
    refused_key(s, "R", "resend invitation");
    type_text(s, "i");
    type_text(s, "Temp-Passw0rd!");
    press(s, KeyCode::Enter);
    settle(s, "NEW_PASSWORD_REQUIRED", |a| {
        matches!(step_of(a.screen()), Some(Step::NewPassword(_)))
    })
    .await;
    type_text(s, "Chosen-Passw0rd!");
    press(s, KeyCode::Tab);
    type_text(s, "Chosen-Passw0rd!");
    press(s, KeyCode::Enter);
    assert_refused(s, "new password");
    assert!(
        matches!(step_of(s.app.screen()), Some(Step::NewPassword(_))),
        "no confirmation opens"
    );
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
    s.app.options_mut().safety = Safety {
        read_only: true,
        protected_users: vec![],
    };
    settle(&mut s, "the pool", |a| {
        a.pool().is_some() && a.in_flight().is_empty()
    })
    .await;

    try_new_users(&mut s);
    try_groups(&mut s).await;
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
