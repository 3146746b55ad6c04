//! Finding a user in every pool, end to end on the emulator: three pools of the region and a
//! configured pool of another region searched with one query, a row per hit, and `Enter` on a
//! hit in the other region opening that pool on that user there.

mod common;

use std::sync::Arc;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{AttributeType, MessageActionType};
use cognitui::app::App;
use cognitui::audit::AuditLog;
use cognitui::config::{Cli, Settings};
use cognitui::dev::create_pool;
use cognitui::screens::detail::Detail;
use cognitui::screens::everywhere::Everywhere;
use cognitui::screens::picker::Picker;
use cognitui::session::Session;
use common::{client, emulator, key, settle, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

async fn user(client: &Client, pool: &str, username: &str, email: &str) {
    client
        .admin_create_user()
        .user_pool_id(pool)
        .username(username)
        .message_action(MessageActionType::Suppress)
        .user_attributes(
            AttributeType::builder()
                .name("email")
                .value(email)
                .build()
                .expect("attribute"),
        )
        .send()
        .await
        .expect("user");
}

fn hits(app: &App) -> Option<Vec<(String, String)>> {
    app.module_as::<Everywhere>()?.found.as_ref().map(|f| {
        f.hits
            .iter()
            .map(|h| (h.pool.name.clone(), h.username.clone()))
            .collect()
    })
}

#[tokio::test]
async fn one_search_finds_the_user_in_every_pool_and_opens_one_in_another_region() {
    let east = client();
    let west = common::client_in("eu-west-2");
    let tag = std::process::id();
    let email = format!("findme-{tag}@example.com");
    let (one, two, other) = (
        format!("east-one-{tag}"),
        format!("east-two-{tag}"),
        format!("east-other-{tag}"),
    );
    let one_id = create_pool(&east, &one).await.expect("pool");
    let two_id = create_pool(&east, &two).await.expect("pool");
    let other_id = create_pool(&east, &other).await.expect("pool");
    let west_id = create_pool(&west, &format!("west-{tag}"))
        .await
        .expect("pool");
    user(&east, &one_id, "ann", &email).await;
    user(&east, &two_id, "ann.g", &email).await;
    user(&east, &other_id, "bob", "bob@example.com").await;
    user(&west, &west_id, "ann-west", &email).await;

    // The configured pool is in eu-west-2, reached through the same emulator.
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[pools.a-west]\nregion = \"eu-west-2\"\nuser_pool_id = \"{west_id}\"\nendpoint_url = \"{}\"\n",
            emulator().endpoint()
        ),
    )
    .expect("config");
    let settings = Settings::load(
        &Cli {
            config: Some(config),
            region: Some("us-east-1".into()),
            endpoint_url: Some(emulator().endpoint()),
            ..Cli::default()
        },
        None,
    )
    .expect("settings");
    assert_eq!(settings.configured_pools.len(), 1);
    let terminal = Terminal::new(TestBackend::new(120, 30)).expect("test terminal");
    let mut s = Session::open(
        terminal,
        &settings,
        &east,
        Arc::new(AuditLog::disabled()),
        None,
    )
    .expect("session");
    settle(&mut s, "the picker", |a| {
        !a.in_flight().is_empty() || a.module_as::<Picker>().is_some()
    })
    .await;
    s.handle(key(KeyCode::Char('F')));
    for event in typed(&email) {
        s.handle(event);
    }
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "the hits", |a| hits(a).is_some()).await;
    assert_eq!(
        hits(&s.app).expect("hits"),
        vec![
            ("a-west".to_owned(), "ann-west".to_owned()),
            (one.clone(), "ann".to_owned()),
            (two.clone(), "ann.g".to_owned()),
        ]
    );
    let screen = common::screen(&mut s);
    assert!(screen.contains("3 found in"), "{screen}");

    // Enter on the first hit: its pool is in eu-west-2, so the session goes there first.
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "ann-west's page in eu-west-2", |a| {
        a.module_as::<Detail>()
            .is_some_and(|d| d.username == "ann-west" && d.detail.is_some())
    })
    .await;
    assert_eq!(
        s.app.options().cli_target.region.as_deref(),
        Some("eu-west-2")
    );
    let choice = s.app.choice().expect("a pool is open");
    assert_eq!(choice.user_pool_id, west_id);
}
