//! Loading a whole pool in `sub` shards, end to end on the emulator: every user exactly once,
//! a shard throttled mid-run backs off while the others go on, and `Esc` stops the load with
//! `L` going on from where it was.

mod common;

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::interceptors::{
    BeforeDeserializationInterceptorContextMut, BeforeTransmitInterceptorContextRef,
};
use aws_sdk_cognitoidentityprovider::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::{Storable, StoreReplace};
use cognitui::app::{App, Status};
use cognitui::cognito::Cognito;
use cognitui::config::PoolChoice;
use cognitui::dev::add_users;
use cognitui::session::Session;
use common::{client, fresh_pool, key, keymap, settle};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Records the filter of every ListUsers request, and answers the first `throttle` requests of
/// the shard `sub ^= "3"` with Cognito's TooManyRequestsException.
#[derive(Debug, Clone, Default)]
struct ListUsersSpy {
    filters: Arc<Mutex<Vec<String>>>,
    throttle: usize,
    throttled: Arc<AtomicUsize>,
}

#[derive(Debug)]
struct Throttle;
impl Storable for Throttle {
    type Storer = StoreReplace<Self>;
}

const THROTTLED_SHARD: &str = r#"sub ^= \"3\""#;

impl Intercept for ListUsersSpy {
    fn name(&self) -> &'static str {
        "ListUsersSpy"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let request = context.request();
        let target = request.headers().get("x-amz-target").unwrap_or_default();
        if !target.ends_with(".ListUsers") {
            return Ok(());
        }
        let body = String::from_utf8_lossy(request.body().bytes().unwrap_or_default()).into_owned();
        let json: serde_json::Value = serde_json::from_str(&body)?;
        let filter = json["Filter"].as_str().unwrap_or_default().to_owned();
        self.filters.lock().expect("filters").push(filter);
        let throttle =
            body.contains(THROTTLED_SHARD) && self.throttled.load(Ordering::SeqCst) < self.throttle;
        if throttle {
            self.throttled.fetch_add(1, Ordering::SeqCst);
            cfg.interceptor_state().store_put(Throttle);
        } else {
            cfg.interceptor_state().unset::<Throttle>();
        }
        Ok(())
    }

    fn modify_before_deserialization(
        &self,
        context: &mut BeforeDeserializationInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if cfg.load::<Throttle>().is_some() {
            let response = context.response_mut();
            *response.status_mut() = StatusCode::try_from(400)?;
            response.headers_mut().insert(
                "x-amzn-errortype",
                "TooManyRequestsException:http://internal.amazon.com/coral/com.amazonaws.awscognitoidentityprovidercontrolplaneservice/",
            );
            *response.body_mut() = SdkBody::from(
                r#"{"__type":"TooManyRequestsException","message":"Too many requests"}"#,
            );
        }
        Ok(())
    }
}

fn spied(client: &Client, spy: &ListUsersSpy, pool_id: &str) -> Session<TestBackend> {
    let client = Client::from_conf(
        client
            .config()
            .to_builder()
            .interceptor(spy.clone())
            .build(),
    );
    let terminal = Terminal::new(TestBackend::new(120, 30)).expect("test terminal");
    Session::start(
        terminal,
        // Through the read cap, as the app runs: every call takes its turn.
        Cognito::new(&client).with_read_rate(500),
        keymap(),
        "emulator".into(),
        Some(PoolChoice {
            user_pool_id: pool_id.to_owned(),
            client_id: None,
            client_secret: None,
        }),
    )
    .expect("session")
}

/// Every loaded username, each once, or the test fails.
fn usernames(app: &App) -> HashSet<String> {
    let users = &app.lookup().users;
    let names: HashSet<String> = (0..users.len())
        .map(|i| users.username(i).to_owned())
        .collect();
    assert_eq!(names.len(), users.len(), "a user was loaded twice");
    names
}

fn expected(prefix: &str, count: usize) -> HashSet<String> {
    (0..count).map(|n| format!("{prefix}{n:05}")).collect()
}

async fn first_page(s: &mut Session<TestBackend>) {
    settle(s, "the first page", |a| {
        a.lookup().pages == 1 && a.pool().is_some()
    })
    .await;
    s.handle(key(KeyCode::Esc)); // leave the search field
}

#[tokio::test]
async fn the_whole_pool_loads_in_sixteen_sub_shards_each_user_once() {
    let client = client();
    let pool = fresh_pool(&client).await;
    add_users(&client, &pool, "shard", 400).await.expect("seed");
    let spy = ListUsersSpy::default();
    let mut s = spied(&client, &spy, &pool);
    first_page(&mut s).await;
    s.handle(key(KeyCode::Char('L')));
    assert!(
        s.app.lookup().sharded.is_some(),
        "an unfiltered load is sharded"
    );
    settle(&mut s, "every user", |a| a.lookup().complete()).await;

    assert_eq!(usernames(&s.app), expected("shard", 400));
    let filters: HashSet<String> = spy
        .filters
        .lock()
        .expect("filters")
        .iter()
        .cloned()
        .collect();
    for digit in "0123456789abcdef".chars() {
        assert!(
            filters.contains(&format!("sub ^= \"{digit}\"")),
            "{digit}: {filters:?}"
        );
    }
    assert!(
        matches!(s.app.status(), Some(Status::Info(t)) if t.contains("Loaded all 400 users")),
        "{:?}",
        s.app.status()
    );
}

#[tokio::test]
async fn a_shard_throttled_mid_run_backs_off_while_the_others_go_on() {
    let client = client();
    let pool = fresh_pool(&client).await;
    add_users(&client, &pool, "busy", 300).await.expect("seed");
    // More throttled answers than the SDK's own retries absorb: the shard fails once in the app,
    // waits out its backoff and is asked for again.
    let spy = ListUsersSpy {
        throttle: 4,
        ..ListUsersSpy::default()
    };
    let mut s = spied(&client, &spy, &pool);
    first_page(&mut s).await;
    s.handle(key(KeyCode::Char('L')));
    settle(&mut s, "every user", |a| a.lookup().complete()).await;

    assert_eq!(spy.throttled.load(Ordering::SeqCst), 4);
    assert_eq!(usernames(&s.app), expected("busy", 300));
    let asked_for_shard_3 = spy
        .filters
        .lock()
        .expect("filters")
        .iter()
        .filter(|f| *f == r#"sub ^= "3""#)
        .count();
    assert!(asked_for_shard_3 > 4, "asked {asked_for_shard_3} times");
}

#[tokio::test]
async fn esc_stops_the_load_and_l_goes_on_from_where_it_was() {
    let client = client();
    let pool = fresh_pool(&client).await;
    add_users(&client, &pool, "pause", 500).await.expect("seed");
    let spy = ListUsersSpy::default();
    let mut s = spied(&client, &spy, &pool);
    first_page(&mut s).await;
    s.handle(key(KeyCode::Char('L')));
    settle(&mut s, "a shard's page", |a| a.lookup().pages >= 2).await;
    s.handle(key(KeyCode::Esc));
    let Some(Status::Info(said)) = s.app.status() else {
        panic!("{:?}", s.app.status());
    };
    assert!(said.contains("Stopped loading at"), "{said}");
    assert!(s.app.in_flight().is_empty(), "{:?}", s.app.in_flight());
    assert!(!s.app.lookup().complete());
    let asked_before = spy.filters.lock().expect("filters").len();

    s.handle(key(KeyCode::Char('L')));
    settle(&mut s, "every user", |a| a.lookup().complete()).await;
    assert_eq!(usernames(&s.app), expected("pause", 500));
    // Going on asks for what was left, not the whole pool again.
    let asked_after = spy.filters.lock().expect("filters").len() - asked_before;
    assert!(asked_after <= 16 + 16, "{asked_after} more requests");
}
