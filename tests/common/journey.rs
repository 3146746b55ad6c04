//! Helpers for end-to-end journeys on the emulator: a pool with an app client, users made
//! through the API, a headless session opened on the pool, keys, and AdminGetUser checks.

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::operation::admin_get_user::AdminGetUserOutput;
use aws_sdk_cognitoidentityprovider::types::{AttributeType, MessageActionType};
use cognitui::app::{Screen, Status};
use cognitui::config::PoolChoice;
use cognitui::dev::{create_client, create_pool};
use cognitui::screens::detail::Detail;
use cognitui::session::Session;
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;

use super::{client, key, settle, typed};

pub const PASSWORD: &str = "Demo-Passw0rd!";

pub struct Pool {
    pub client: Client,
    pub id: String,
    pub app_client: String,
}

pub async fn pool(secret: bool) -> Pool {
    let client = client();
    let id = create_pool(&client, "signup").await.expect("pool");
    let app_client = create_client(&client, &id, "web", secret)
        .await
        .expect("client");
    Pool {
        client,
        id,
        app_client,
    }
}

pub fn attr(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .expect("attribute")
}

pub async fn signed_up(p: &Pool, username: &str, attrs: &[(&str, &str)]) {
    p.client
        .sign_up()
        .client_id(&p.app_client)
        .username(username)
        .password(PASSWORD)
        .set_user_attributes(Some(attrs.iter().map(|(n, v)| attr(n, v)).collect()))
        .send()
        .await
        .expect("sign up");
}

pub async fn invited(p: &Pool, username: &str, password: &str) {
    p.client
        .admin_create_user()
        .user_pool_id(&p.id)
        .username(username)
        .temporary_password(password)
        .message_action(MessageActionType::Suppress)
        .user_attributes(attr("email", &format!("{username}@example.com")))
        .send()
        .await
        .expect("invite");
}

/// A CONFIRMED user with the journeys' [`PASSWORD`], a verified email and `extra` attributes.
pub async fn confirmed(p: &Pool, username: &str, extra: &[(&str, &str)]) {
    let email = format!("{username}@example.com");
    let attributes: Vec<(&str, &str)> = [("email", email.as_str()), ("email_verified", "true")]
        .into_iter()
        .chain(extra.iter().copied())
        .collect();
    confirmed_with(p, username, &attributes).await;
}

/// A CONFIRMED user with the journeys' [`PASSWORD`] and exactly `attributes`.
pub async fn confirmed_with(p: &Pool, username: &str, attributes: &[(&str, &str)]) {
    p.client
        .admin_create_user()
        .user_pool_id(&p.id)
        .username(username)
        .message_action(MessageActionType::Suppress)
        .set_user_attributes(Some(attributes.iter().map(|(n, v)| attr(n, v)).collect()))
        .send()
        .await
        .expect("create");
    p.client
        .admin_set_user_password()
        .user_pool_id(&p.id)
        .username(username)
        .password(PASSWORD)
        .permanent(true)
        .send()
        .await
        .expect("set password");
}

/// A group named `name`, without description or precedence.
pub async fn group(p: &Pool, name: &str) {
    p.client
        .create_group()
        .user_pool_id(&p.id)
        .group_name(name)
        .send()
        .await
        .expect("group");
}

/// `username` has SMS MFA enabled and preferred (AdminSetUserMFAPreference).
pub async fn prefer_sms(p: &Pool, username: &str) {
    p.client
        .admin_set_user_mfa_preference()
        .user_pool_id(&p.id)
        .username(username)
        .sms_mfa_settings(
            aws_sdk_cognitoidentityprovider::types::SmsMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
        .expect("mfa");
}

/// The groups `username` is in.
pub async fn groups_of(p: &Pool, username: &str) -> Vec<String> {
    p.client
        .admin_list_groups_for_user()
        .user_pool_id(&p.id)
        .username(username)
        .send()
        .await
        .expect("groups")
        .groups()
        .iter()
        .filter_map(|g| g.group_name().map(ToOwned::to_owned))
        .collect()
}

pub async fn get(p: &Pool, username: &str) -> AdminGetUserOutput {
    p.client
        .admin_get_user()
        .user_pool_id(&p.id)
        .username(username)
        .send()
        .await
        .expect("get user")
}

pub fn value(out: &AdminGetUserOutput, name: &str) -> Option<String> {
    out.user_attributes()
        .iter()
        .find(|a| a.name() == name)
        .and_then(|a| a.value().map(ToOwned::to_owned))
}

pub async fn open(p: &Pool) -> Session<TestBackend> {
    let mut s = super::session_for(
        &p.client,
        Some(PoolChoice {
            user_pool_id: p.id.clone(),
            client_id: Some(p.app_client.clone()),
            client_secret: None,
        }),
    );
    settle(&mut s, "pool and users", |a| {
        a.pool().is_some() && a.in_flight().is_empty()
    })
    .await;
    press(&mut s, KeyCode::Esc); // from the search field to the table
    s
}

pub fn type_text(s: &mut Session<TestBackend>, text: &str) {
    for event in typed(text) {
        s.handle(event);
    }
}

pub fn press(s: &mut Session<TestBackend>, code: KeyCode) {
    s.handle(key(code));
}

pub fn status(s: &Session<TestBackend>) -> String {
    match s.app.status() {
        Some(Status::Error(t) | Status::Info(t)) => t.clone(),
        None => String::new(),
    }
}

pub fn detail_status(s: &Session<TestBackend>) -> Option<String> {
    s.app
        .module_as::<Detail>()?
        .detail
        .as_ref()
        .map(|d| d.user.status.as_api().to_owned())
}

/// Waits for the detail screen of a loaded user.
pub async fn detail_loaded(s: &mut Session<TestBackend>) {
    settle(s, "the user's details", |a| {
        a.module_as::<Detail>().is_some_and(|d| d.detail.is_some()) && a.in_flight().is_empty()
    })
    .await;
}

/// Opens `username` from the lookup by searching for it.
pub async fn open_user(s: &mut Session<TestBackend>, username: &str) {
    type_text(s, "/");
    type_text(s, username);
    settle(s, "the search", |a| {
        a.in_flight().is_empty() && !a.lookup().users.is_empty()
    })
    .await;
    press(s, KeyCode::Enter);
    detail_loaded(s).await;
}

/// The change asked for waits on its confirmation: Enter sends it.
pub fn confirm(s: &mut Session<TestBackend>) {
    assert!(
        matches!(s.app.screen(), Screen::Confirm(_)),
        "expected the confirmation of a change, got {:?}; status: {:?}",
        s.app.screen(),
        s.app.status()
    );
    press(s, KeyCode::Enter);
}
