//! Quota pacing on the wire: Cognito's TooManyRequests (an AWS error body, without the
//! error-type header) cuts the rate of its operation's quota category at once, and only that
//! category's; the read is still answered (the SDK tries it again, in its turn).

mod common;

use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use cognitui::cognito::Cognito;
use cognitui::cognito::quota::Category;
use cognitui::dev::emulator_client;
use common::proxy::{Fault, Proxy};
use common::{client, emulator, fresh_pool};

#[tokio::test]
async fn a_throttled_list_users_halves_the_user_list_rate_and_no_other() {
    let pool = fresh_pool(&client()).await;
    let upstream = format!("127.0.0.1:{}", emulator().port());
    let proxy = Proxy::start(
        &upstream,
        "ListUsers",
        Fault::RefuseOnce {
            code: "TooManyRequestsException",
            message: "Rate exceeded",
        },
    )
    .await;
    // Reads are tried again as in a real session (standard retries).
    let sdk = emulator_client(&proxy.endpoint, Duration::from_secs(10));
    let sdk = Client::from_conf(
        sdk.config()
            .to_builder()
            .retry_config(RetryConfig::standard())
            .build(),
    );
    let cognito = Cognito::new(&sdk).with_read_rate(20);
    assert!(cognito.quotas().slowed().is_empty());

    let page = cognito.list_users(&pool, None, None).await;
    assert!(page.is_ok(), "{page:?}");
    assert_eq!(proxy.count("ListUsers"), 2, "throttled once, then answered");
    let slowed = cognito.quotas().slowed();
    assert_eq!(slowed.len(), 1, "{slowed:?}");
    assert_eq!(slowed[0].category, Category::UserList);
    assert!((slowed[0].cap - 20.0).abs() < f64::EPSILON);
    // Halved, and grown back a little during the SDK's backoff before its second try.
    assert!(
        (10.0..15.0).contains(&slowed[0].rate),
        "halved: {}",
        slowed[0].rate
    );

    // Another category is not slowed by it.
    let opened = cognito.open_pool(&pool, None, None).await;
    assert!(opened.is_ok(), "{opened:?}");
    assert_eq!(cognito.quotas().slowed().len(), 1);
}

#[test]
fn while_a_category_is_slowed_the_status_line_says_so_beside_the_spinner() {
    let mut app = common::app((80, 24));
    let _ = app.start(Some(cognitui::config::PoolChoice {
        user_pool_id: "us-east-1_abc".into(),
        client_id: None,
        client_secret: None,
    }));
    assert!(app.busy().is_some(), "the pool is being opened");
    app.set_slowed(vec![cognitui::cognito::quota::Slowed {
        category: Category::UserList,
        rate: 10.4,
        cap: 20.0,
    }]);
    let text = common::ui_text(&app);
    assert!(
        text.contains("UserList slowed to 10/s of 20 after Cognito throttled it"),
        "{text}"
    );
    app.set_slowed(Vec::new());
    assert!(!common::ui_text(&app).contains("throttles"));
}
