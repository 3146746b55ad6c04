//! The quota-true simulator the benchmarks run against, driven through the real SDK: it
//! answers ListUsers by `sub` shard with pages, AdminGetUser and admin changes, and holds a
//! category to its quota, answering TooManyRequests above it, which cuts cognitui's rate.

use std::time::Duration;

use cognitui::cognito::Cognito;
use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::quota::Category;
use cognitui::dev::emulator_client;
use cognitui::dev::simulator::{POOL_ID, SimConfig, Simulator};

async fn simulator(users: u32) -> Simulator {
    Simulator::start(SimConfig {
        users,
        latency: Duration::ZERO,
        jitter: 0.0,
        fault_rate: 0.0,
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
