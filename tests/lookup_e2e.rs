//! End to end against the emulator over HTTP: search, pagination, detail, and a headless run of
//! the whole app.

mod common;

use std::collections::HashSet;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{AttributeType, MessageActionType};
use cognitui::app::Screen;
use cognitui::cognito::Cognito;
use cognitui::cognito::filter::{Match, SearchAttribute, filter};
use cognitui::dev::add_users;
use cognitui::screens::detail::Detail;
use common::{client, fresh_pool, key, screen, session, settle, typed};
use crossterm::event::KeyCode;

fn attr(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .expect("attribute")
}

async fn create_user(client: &Client, pool: &str, username: &str, attrs: &[(&str, &str)]) {
    client
        .admin_create_user()
        .user_pool_id(pool)
        .username(username)
        .message_action(MessageActionType::Suppress)
        .set_user_attributes(Some(attrs.iter().map(|(n, v)| attr(n, v)).collect()))
        .send()
        .await
        .expect("create user");
}

async fn usernames(cognito: &Cognito, pool: &str, filter: &str) -> Vec<String> {
    let page = cognito
        .list_users(pool, Some(filter), None)
        .await
        .unwrap_or_else(|e| panic!("{filter}: {e}"));
    page.users.into_iter().map(|u| u.username).collect()
}

#[tokio::test]
async fn search_on_each_searchable_attribute() {
    let client = client();
    let pool = fresh_pool(&client).await;
    create_user(
        &client,
        &pool,
        "zoe.quinn",
        &[
            ("email", "zoe@quinn.example"),
            ("phone_number", "+15550001111"),
            ("name", "Zoe Quinn"),
            ("given_name", "Zoe"),
            ("family_name", "Quinn"),
            ("preferred_username", "zq"),
        ],
    )
    .await;
    create_user(
        &client,
        &pool,
        "adam.smith",
        &[
            ("email", "adam@smith.example"),
            ("phone_number", "+15550002222"),
            ("name", "Adam Smith"),
            ("given_name", "Adam"),
            ("family_name", "Smith"),
            ("preferred_username", "as"),
        ],
    )
    .await;
    let cognito = Cognito::new(&client);
    let zoe = vec!["zoe.quinn".to_owned()];
    for (attribute, prefix) in [
        (SearchAttribute::Username, "zoe"),
        (SearchAttribute::Email, "zoe@"),
        (SearchAttribute::PhoneNumber, "+1555000111"),
        (SearchAttribute::Name, "Zoe Q"),
        (SearchAttribute::GivenName, "Zo"),
        (SearchAttribute::FamilyName, "Qui"),
        (SearchAttribute::PreferredUsername, "zq"),
    ] {
        let found = usernames(&cognito, &pool, &filter(attribute, Match::Prefix, prefix)).await;
        assert_eq!(found, zoe, "prefix search on {attribute}");
    }
    // Exact match does not match a prefix.
    let found = usernames(
        &cognito,
        &pool,
        &filter(SearchAttribute::Email, Match::Exact, "zoe@"),
    )
    .await;
    assert!(found.is_empty());
    // sub: exact, taken from the user.
    let detail = cognito
        .get_user(&pool, "zoe.quinn")
        .await
        .expect("get user");
    let sub = detail.user.attribute("sub").expect("sub").to_owned();
    let found = usernames(
        &cognito,
        &pool,
        &filter(SearchAttribute::Sub, Match::Exact, &sub),
    )
    .await;
    assert_eq!(found, zoe);
    // Status: both are invited, so FORCE_CHANGE_PASSWORD.
    let found = usernames(
        &cognito,
        &pool,
        &filter(
            SearchAttribute::Status,
            Match::Exact,
            "FORCE_CHANGE_PASSWORD",
        ),
    )
    .await;
    assert_eq!(found.len(), 2);
}

#[tokio::test]
async fn pagination_across_pages_has_no_duplicate_or_missing_user() {
    let client = client();
    let pool = fresh_pool(&client).await;
    add_users(&client, &pool, "page", 150).await.expect("seed");
    let cognito = Cognito::new(&client);
    let mut seen = HashSet::new();
    let mut token = None;
    let mut pages = 0;
    loop {
        let page = cognito
            .list_users(&pool, None, token.as_deref())
            .await
            .expect("page");
        pages += 1;
        for u in page.users {
            assert!(seen.insert(u.username.clone()), "duplicate {}", u.username);
        }
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    assert_eq!(pages, 3);
    let expected: HashSet<String> = (0..150).map(|n| format!("page{n:05}")).collect();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn load_all_of_a_search_loads_its_pages_one_after_the_other() {
    let client = client();
    let pool = fresh_pool(&client).await;
    add_users(&client, &pool, "all", 130).await.expect("seed");
    add_users(&client, &pool, "other", 5).await.expect("seed");
    let mut s = session(&client, Some(&pool));
    settle(&mut s, "first page", |a| a.lookup().pages == 1).await;
    for event in typed("all") {
        s.handle(event);
    }
    settle(&mut s, "the search's first page", |a| {
        a.lookup().pages == 1 && a.lookup().server_filter().is_some() && a.in_flight().is_empty()
    })
    .await;
    s.handle(key(KeyCode::Esc)); // leave the search field
    s.handle(key(KeyCode::Char('L')));
    settle(&mut s, "every page", |a| a.lookup().complete()).await;
    let users = &s.app.lookup().users;
    let names: HashSet<&str> = (0..users.len()).map(|i| users.username(i)).collect();
    assert_eq!(names.len(), 130);
    assert_eq!(s.app.lookup().users.len(), 130);
    assert_eq!(s.app.lookup().pages, 3);
}

#[tokio::test]
async fn detail_shows_custom_attribute() {
    let client = client();
    let pool = fresh_pool(&client).await;
    create_user(
        &client,
        &pool,
        "tiered",
        &[("email", "t@example.com"), ("custom:tier", "gold")],
    )
    .await;
    let detail = Cognito::new(&client)
        .get_user(&pool, "tiered")
        .await
        .expect("detail");
    assert_eq!(detail.user.attribute("custom:tier"), Some("gold"));
    assert_eq!(detail.user.status.as_api(), "FORCE_CHANGE_PASSWORD");
}

#[tokio::test]
async fn headless_app_searches_opens_and_shows_the_user() {
    let client = client();
    let pool = fresh_pool(&client).await;
    add_users(&client, &pool, "crowd", 70).await.expect("seed");
    create_user(
        &client,
        &pool,
        "needle",
        &[("email", "needle@haystack.example"), ("custom:tier", "pro")],
    )
    .await;
    client
        .create_group()
        .user_pool_id(&pool)
        .group_name("support")
        .send()
        .await
        .expect("group");
    client
        .admin_add_user_to_group()
        .user_pool_id(&pool)
        .username("needle")
        .group_name("support")
        .send()
        .await
        .expect("add to group");

    let mut s = session(&client, Some(&pool));
    settle(&mut s, "pool and first page", |a| {
        a.pool().is_some() && a.lookup().pages == 1
    })
    .await;
    assert_eq!(s.app.lookup().users.len(), 60);

    // Search by email prefix: Tab moves the search to the email attribute.
    s.handle(key(KeyCode::Tab));
    for event in typed("needle@") {
        s.handle(event);
    }
    settle(&mut s, "search results", |a| {
        a.in_flight().is_empty() && a.lookup().pages == 1 && a.lookup().users.len() == 1
    })
    .await;
    let text = screen(&mut s);
    assert!(text.contains("Search email ^= needle@"), "{text}");
    assert!(text.contains("needle@haystack.example"), "{text}");

    s.handle(key(KeyCode::Enter));
    settle(&mut s, "detail", |a| {
        a.module_as::<Detail>().is_some_and(|d| d.detail.is_some())
    })
    .await;
    let text = screen(&mut s);
    assert!(text.contains("User needle"), "{text}");
    assert!(text.contains("custom:tier"), "{text}");
    assert!(text.contains("support"), "{text}");
    assert!(
        text.contains("Invited, temporary password valid 7 days more"),
        "{text}"
    );

    s.handle(key(KeyCode::Esc));
    assert!(matches!(s.app.screen(), Screen::Lookup));
    assert_eq!(
        s.app.lookup().users.len(),
        1,
        "lookup state survives the visit"
    );
}

#[tokio::test]
async fn opening_a_pool_reads_the_app_client_secret() {
    use cognitui::cognito::sensitive::Sensitive;
    use cognitui::dev::create_client;

    let client = client();
    let pool = fresh_pool(&client).await;
    let with_secret = create_client(&client, &pool, "backend", true)
        .await
        .expect("client");
    let without = create_client(&client, &pool, "web", false)
        .await
        .expect("client");
    let described = client
        .describe_user_pool_client()
        .user_pool_id(&pool)
        .client_id(&with_secret)
        .send()
        .await
        .expect("describe");
    let secret = described
        .user_pool_client()
        .and_then(|c| c.client_secret())
        .expect("generated secret")
        .to_owned();

    let cognito = Cognito::new(&client);
    let info = cognito
        .open_pool(&pool, Some(&with_secret), None)
        .await
        .expect("open");
    let app_client = info.client.clone().expect("client info");
    assert_eq!(app_client.name, "backend");
    let read = app_client
        .secret
        .expect("secret read with DescribeUserPoolClient");
    assert_eq!(read.expose(), secret);
    assert_eq!(
        info.custom_attributes().collect::<Vec<_>>(),
        vec!["custom:tier", "custom:seats", "custom:employee_id"]
    );
    // The schema's types and limits are read too.
    let tier = info.attribute("custom:tier").expect("tier");
    assert_eq!((tier.min_length, tier.max_length), (Some(1), Some(10)));
    let seats = info.attribute("custom:seats").expect("seats");
    assert_eq!(seats.kind, cognitui::cognito::model::AttributeKind::Number);
    assert_eq!((seats.min_value, seats.max_value), (Some(0), Some(1000)));
    assert!(!info.attribute("custom:employee_id").expect("id").mutable);
    // Standard attributes are known even though the emulator does not list them.
    assert!(info.attribute("email").is_some_and(|a| a.mutable));
    assert_eq!(info.temporary_password_validity_days, 7);

    // A secret from the configuration wins; a client without a secret has none.
    let configured = cognito
        .open_pool(
            &pool,
            Some(&with_secret),
            Some(Sensitive::new("from-config".into())),
        )
        .await
        .expect("open");
    assert_eq!(
        configured
            .client
            .and_then(|c| c.secret)
            .map(|s| s.expose().to_owned()),
        Some("from-config".to_owned())
    );
    let plain = cognito
        .open_pool(&pool, Some(&without), None)
        .await
        .expect("open");
    assert_eq!(plain.client.and_then(|c| c.secret), None);

    // The header tells the agent which client is in use.
    let mut s = common::session_for(
        &client,
        Some(cognitui::config::PoolChoice {
            user_pool_id: pool.clone(),
            client_id: Some(with_secret),
            client_secret: None,
        }),
    );
    settle(&mut s, "pool opened", |a| a.pool().is_some()).await;
    let text = screen(&mut s);
    assert!(text.contains("client backend (with secret)"), "{text}");
    assert!(
        !text.contains(&secret),
        "the secret never reaches the screen"
    );
}
