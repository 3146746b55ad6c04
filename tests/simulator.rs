//! The quota-true simulator the benchmarks run against, driven through the real SDK: it
//! answers ListUsers by `sub` shard with pages, AdminGetUser and admin changes, and holds a
//! category to its quota, answering TooManyRequests above it, which cuts cognitui's rate. An
//! empty simulated pool keeps the users, groups and memberships created in it.

use std::time::Duration;

use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::groups::{GroupChange, GroupSpec};
use cognitui::cognito::invite::{Delivery, Invitation};
use cognitui::cognito::model::{Attribute, UserStatus};
use cognitui::cognito::quota::Category;
use cognitui::cognito::{Cognito, CognitoError};
use cognitui::dev::emulator_client;
use cognitui::dev::simulator::{POOL_ID, SimConfig, Simulator};

async fn simulator(users: u32) -> Simulator {
    start(users, false).await
}

async fn start(users: u32, empty: bool) -> Simulator {
    Simulator::start(SimConfig {
        users,
        empty,
        latency: Duration::ZERO,
        jitter: 0.0,
        fault_rate: 0.0,
        resets_only: false,
    })
    .await
    .expect("simulator")
}

#[tokio::test]
async fn it_answers_the_sdk_pages_a_shard_and_keeps_a_change() {
    let sim = simulator(1000).await;
    let cognito = Cognito::new(&emulator_client(sim.endpoint(), Duration::from_secs(10)));
    let mut seen = 0;
    let mut token: Option<String> = None;
    loop {
        let page = cognito
            .list_users(POOL_ID, Some(r#"sub ^= "a""#), token.as_deref())
            .await
            .expect("a page");
        for user in &page.users {
            let sub = user.attribute("sub").expect("a sub");
            assert!(sub.starts_with('a'), "{sub}");
        }
        seen += page.users.len();
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    assert!(
        (40..=90).contains(&seen),
        "about a sixteenth of 1000: {seen}"
    );

    cognito
        .admin(POOL_ID, "user0000007", &AdminCall::Disable)
        .await
        .expect("disabled");
    let detail = cognito
        .get_user(POOL_ID, "user0000007")
        .await
        .expect("read");
    assert!(!detail.user.enabled);
    assert_eq!(detail.user.email(), Some("user0000007@example.com"));
}

#[tokio::test]
async fn above_its_quota_it_answers_too_many_requests_and_the_lane_is_cut() {
    let sim = simulator(100).await;
    sim.set_quota(Category::UserList, 3.0);
    let cognito =
        Cognito::new(&emulator_client(sim.endpoint(), Duration::from_secs(10))).with_read_rate(30);
    let calls = (0..10).map(|_| cognito.list_users(POOL_ID, None, None));
    let answers = futures::future::join_all(calls).await;
    let refused = answers.iter().filter(|a| a.is_err()).count();
    // Three go at once; the rest, spaced by cognitui's lane, mostly find the bucket empty.
    assert!((5..=7).contains(&refused), "{refused} refused: {answers:?}");
    assert_eq!(sim.stats().throttled.get("UserList"), Some(&refused));
    let slowed = cognito.quotas().slowed();
    assert_eq!(slowed.len(), 1);
    assert_eq!(slowed[0].category, Category::UserList);
}

fn invitation(username: &str, email: Option<&str>, delivery: Delivery) -> Invitation {
    Invitation {
        username: username.into(),
        attributes: email
            .map(|e| Attribute {
                name: "email".into(),
                value: e.into(),
            })
            .into_iter()
            .collect(),
        temporary_password: None,
        delivery,
        resend: false,
        force_alias: false,
    }
}

#[tokio::test]
async fn an_empty_pool_keeps_the_users_created_in_it_each_once_with_a_sub_of_its_own() {
    let sim = start(0, true).await;
    let cognito =
        Cognito::new(&emulator_client(sim.endpoint(), Duration::from_secs(10))).with_bulk_rate(0);
    let pool = cognito.open_pool(POOL_ID, None, None).await.expect("pool");
    assert_eq!(pool.estimated_users, Some(0));
    let page = cognito.list_users(POOL_ID, None, None).await.expect("page");
    assert!(page.users.is_empty() && page.next_token.is_none());

    let ann = invitation("ann", Some("ann@example.com"), Delivery::Suppress);
    let made = cognito.invite(POOL_ID, &ann).await.expect("created");
    assert_eq!(made.username, "ann");
    assert_eq!(made.email(), Some("ann@example.com"));
    assert_eq!(made.status, UserStatus::ForceChangePassword);
    let sub = made.attribute("sub").expect("a new sub").to_owned();
    assert_eq!(
        cognito.invite(POOL_ID, &ann).await,
        Err(CognitoError::UsernameExists)
    );
    // An invitation goes by the medium asked for, and needs its attribute.
    cognito
        .invite(
            POOL_ID,
            &invitation("bob", Some("bob@example.com"), Delivery::Email),
        )
        .await
        .expect("invited");
    assert!(
        cognito
            .invite(POOL_ID, &invitation("cat", None, Delivery::Email))
            .await
            .is_err()
    );
    sim.set_quota(Category::UserCreation, 1000.0);
    for i in 0..130 {
        let name = format!("u{i:03}");
        cognito
            .invite(POOL_ID, &invitation(&name, None, Delivery::Suppress))
            .await
            .expect("created");
    }

    let detail = cognito.get_user(POOL_ID, "ann").await.expect("read");
    assert_eq!(detail.user.attribute("sub"), Some(sub.as_str()));
    assert!(detail.user.enabled && detail.groups.is_empty());
    assert_eq!(
        cognito.get_user(POOL_ID, "cat").await.map(|_| ()),
        Err(CognitoError::UserNotFound)
    );
    // Sixteen `sub` shards, page by page, hold every user once.
    let mut seen = Vec::new();
    for digit in "0123456789abcdef".chars() {
        let filter = format!("sub ^= \"{digit}\"");
        let mut token: Option<String> = None;
        loop {
            let page = cognito
                .list_users(POOL_ID, Some(&filter), token.as_deref())
                .await
                .expect("a page");
            for user in &page.users {
                assert!(user.attribute("sub").expect("sub").starts_with(digit));
                seen.push(user.username.clone());
            }
            token = page.next_token;
            if token.is_none() {
                break;
            }
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 132);
    let mut pages = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = cognito
            .list_users(POOL_ID, None, token.as_deref())
            .await
            .expect("a page");
        pages.push(page.users.len());
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    assert_eq!(pages, [60, 60, 12]);
    let found = cognito
        .list_users(POOL_ID, Some(r#"email = "bob@example.com""#), None)
        .await
        .expect("found");
    assert_eq!(found.users.len(), 1);
    assert_eq!(found.users[0].username, "bob");

    let stats = sim.stats();
    let created = &stats.applied["AdminCreateUser"];
    assert_eq!(created.len(), 132);
    assert!(created.values().all(|n| *n == 1), "each created once");
    assert_eq!(stats.sent["AdminCreateUser"], 134, "two refused");
    assert_eq!(stats.messages.get("EMAIL"), Some(&1));
    let pool = cognito.open_pool(POOL_ID, None, None).await.expect("pool");
    assert_eq!(pool.estimated_users, Some(132));
}

#[tokio::test]
async fn an_empty_pool_keeps_its_groups_their_members_and_disables_each_counted() {
    let sim = start(0, true).await;
    let cognito =
        Cognito::new(&emulator_client(sim.endpoint(), Duration::from_secs(10))).with_bulk_rate(0);
    for name in ["ann", "u007", "zed"] {
        cognito
            .invite(POOL_ID, &invitation(name, None, Delivery::Suppress))
            .await
            .expect("created");
    }
    let staff = GroupChange::Create(GroupSpec {
        name: "staff".into(),
        description: "Staff".into(),
        precedence: Some(3),
        role_arn: None,
    });
    cognito.change_group(POOL_ID, &staff).await.expect("group");
    assert_eq!(
        cognito.change_group(POOL_ID, &staff).await,
        Err(CognitoError::GroupExists)
    );
    let groups = cognito.list_groups(POOL_ID).await.expect("groups");
    assert_eq!(groups.len(), 1);
    assert_eq!(
        (groups[0].description.as_deref(), groups[0].precedence),
        (Some("Staff"), Some(3))
    );
    let add = AdminCall::AddToGroup("staff".into());
    for name in ["ann", "u007"] {
        cognito.admin(POOL_ID, name, &add).await.expect("added");
    }
    cognito
        .admin(POOL_ID, "ann", &AdminCall::Disable)
        .await
        .expect("disabled");
    let detail = cognito.get_user(POOL_ID, "ann").await.expect("read");
    assert!(!detail.user.enabled);
    assert_eq!(detail.groups, ["staff"]);
    let members = cognito
        .group_members(POOL_ID, "staff", None)
        .await
        .expect("members");
    let names: Vec<&str> = members.users.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["ann", "u007"]);
    assert!(
        cognito
            .admin(POOL_ID, "ann", &AdminCall::AddToGroup("none".into()))
            .await
            .is_err()
    );

    let stats = sim.stats();
    assert_eq!(stats.applied["AdminDisableUser"]["ann"], 1);
    assert_eq!(stats.applied["AdminAddUserToGroup"].len(), 2);
    assert_eq!(stats.applied["CreateGroup"]["staff"], 1);
    assert_eq!(stats.sent["CreateGroup"], 2);
}
