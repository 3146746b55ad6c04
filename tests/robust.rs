//! Robust under any input and any network: a paste is one event and one edit, cut at the
//! field's limit; the search calls ListUsers once typing pauses, with at most one call in flight
//! (a superseded one is cancelled on the wire); filters never exceed 256 characters; the first
//! frame is drawn while the endpoint hangs; without a terminal the binaries say so and exit 2;
//! usernames follow Cognito's rule.
//!
//! Most tests run the whole app (the Session and its worker, the real SDK) against an
//! in-process HTTP client that counts what reaches the wire (and a request-counting interceptor
//! in the SDK), on tokio's paused clock.

mod common;

use std::io::Read as _;
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_sdk_cognitoidentityprovider::config::timeout::TimeoutConfig;
use aws_sdk_cognitoidentityprovider::config::{
    BehaviorVersion, Credentials, Region, SharedCredentialsProvider, StalledStreamProtectionConfig,
};
use aws_sdk_cognitoidentityprovider::config::{ConfigBag, Intercept};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use cognitui::action::{Action, Request};
use cognitui::app::{App, Status};
use cognitui::audit::AuditLog;
use cognitui::aws_setup::sdk_config;
use cognitui::cognito::filter::SearchAttribute;
use cognitui::config::{Cli, Settings};
use cognitui::event::Event;
use cognitui::screens::sign_up::SignUp;
use cognitui::screens::users::Focus;
use cognitui::session::Session;
use cognitui::terminal::NO_TERMINAL;
use common::{app_on_pool, fake_pool, key, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const POOL: &str = "us-east-1_Robust";
const CLIENT: &str = "robustclient1";

/// What reached the fake Cognito.
#[derive(Debug, Default)]
struct Wire {
    /// Every request, by operation (`ListUsers`), with its ListUsers filter if any.
    started: Vec<(String, Option<String>)>,
    /// Requests answered.
    completed: usize,
    /// Requests dropped before their answer (cancelled).
    dropped: usize,
    /// ListUsers calls on the wire now, and the most there ever were at once.
    list_users_now: usize,
    list_users_max: usize,
}

impl Wire {
    fn list_users(&self) -> Vec<Option<String>> {
        self.started
            .iter()
            .filter(|(op, _)| op == "ListUsers")
            .map(|(_, f)| f.clone())
            .collect()
    }
}

/// Counts, in the SDK, every ListUsers request about to be sent (`X-Amz-Target`).
#[derive(Debug, Clone, Default)]
struct ListUsersSent(Arc<AtomicUsize>);

impl Intercept for ListUsersSent {
    fn name(&self) -> &'static str {
        "ListUsersSent"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let target = context.request().headers().get("x-amz-target");
        if target.is_some_and(|t| t.ends_with(".ListUsers")) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
        Ok(())
    }
}

/// An in-process Cognito (and STS) answering after `delay` on tokio's clock; it counts every
/// request and notices the ones dropped before their answer.
#[derive(Debug, Clone)]
struct FakeAws {
    wire: Arc<Mutex<Wire>>,
    delay: Duration,
    /// STS GetCallerIdentity answers after this long.
    sts_delay: Duration,
    /// The SDK's own count of ListUsers requests sent.
    sent: ListUsersSent,
}

impl FakeAws {
    fn new(delay: Duration) -> Self {
        Self {
            wire: Arc::default(),
            delay,
            sts_delay: delay,
            sent: ListUsersSent::default(),
        }
    }

    /// ListUsers requests the SDK sent, by its interceptor.
    fn list_users_sent(&self) -> usize {
        self.sent.0.load(Ordering::SeqCst)
    }

    fn wire(&self) -> std::sync::MutexGuard<'_, Wire> {
        self.wire.lock().expect("wire")
    }

    fn client(&self) -> Client {
        Client::from_conf(
            aws_sdk_cognitoidentityprovider::Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(Region::new("us-east-1"))
                .credentials_provider(Credentials::new("AKIDTEST", "secret", None, None, "test"))
                .http_client(self.clone())
                .interceptor(self.sent.clone())
                .retry_config(RetryConfig::disabled())
                .timeout_config(TimeoutConfig::disabled())
                .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
                .build(),
        )
    }
}

/// Counts a request as on the wire until it is answered or dropped.
struct OnWire {
    wire: Arc<Mutex<Wire>>,
    list_users: bool,
    answered: bool,
}

impl OnWire {
    fn answered(mut self) {
        self.answered = true;
    }
}

impl Drop for OnWire {
    fn drop(&mut self) {
        let mut wire = self.wire.lock().expect("wire");
        if self.answered {
            wire.completed += 1;
        } else {
            wire.dropped += 1;
        }
        if self.list_users {
            wire.list_users_now -= 1;
        }
    }
}

fn response(status: u16, content_type: &str, body: String) -> HttpResponse {
    let mut r = HttpResponse::new(
        StatusCode::try_from(status).expect("status"),
        SdkBody::from(body),
    );
    r.headers_mut()
        .insert("content-type", content_type.to_owned());
    r
}

fn users_json(filter: Option<&str>) -> String {
    let seed = filter
        .and_then(|f| f.split('"').nth(1))
        .unwrap_or("user")
        .replace(['"', '\\'], "");
    let users: Vec<String> = (0..3)
        .map(|i| {
            format!(
                r#"{{"Username":"{seed}{i}","Attributes":[{{"Name":"email","Value":"{seed}{i}@example.com"}}],"UserStatus":"CONFIRMED","Enabled":true}}"#
            )
        })
        .collect();
    format!(r#"{{"Users":[{}]}}"#, users.join(","))
}

impl HttpConnector for FakeAws {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let target = request
            .headers()
            .get("x-amz-target")
            .and_then(|t| t.split('.').nth(1))
            .map(ToOwned::to_owned);
        let body = String::from_utf8_lossy(request.body().bytes().unwrap_or_default()).into_owned();
        let operation = target.unwrap_or_else(|| {
            if body.contains("Action=GetCallerIdentity") {
                "GetCallerIdentity".into()
            } else {
                "unknown".into()
            }
        });
        let filter = serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| {
                v.get("Filter")
                    .and_then(|f| f.as_str())
                    .map(ToOwned::to_owned)
            });
        let list_users = operation == "ListUsers";
        {
            let mut wire = self.wire();
            wire.started.push((operation.clone(), filter.clone()));
            if list_users {
                wire.list_users_now += 1;
                wire.list_users_max = wire.list_users_max.max(wire.list_users_now);
            }
        }
        let on_wire = OnWire {
            wire: Arc::clone(&self.wire),
            list_users,
            answered: false,
        };
        let delay = if operation == "GetCallerIdentity" {
            self.sts_delay
        } else {
            self.delay
        };
        HttpConnectorFuture::new(async move {
            tokio::time::sleep(delay).await;
            let json = "application/x-amz-json-1.1";
            let answer = match operation.as_str() {
                "DescribeUserPool" => response(
                    200,
                    json,
                    format!(
                        r#"{{"UserPool":{{"Id":"{POOL}","Name":"robust","SchemaAttributes":[
                        {{"Name":"email","AttributeDataType":"String","Mutable":true}},
                        {{"Name":"custom:tier","AttributeDataType":"String","Mutable":true,
                          "StringAttributeConstraints":{{"MinLength":"1","MaxLength":"10"}}}}]}}}}"#
                    ),
                ),
                "DescribeUserPoolClient" => response(
                    200,
                    json,
                    format!(r#"{{"UserPoolClient":{{"ClientId":"{CLIENT}","ClientName":"web"}}}}"#),
                ),
                "ListUsers" => response(200, json, users_json(filter.as_deref())),
                "GetCallerIdentity" => response(
                    200,
                    "text/xml",
                    "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
                     <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/agent</Arn>\
                     <UserId>AIDATEST</UserId><Account>123456789012</Account>\
                     </GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId>\
                     </ResponseMetadata></GetCallerIdentityResponse>"
                        .to_owned(),
                ),
                other => response(
                    400,
                    json,
                    format!(r#"{{"__type":"InvalidParameterException","message":"{other}"}}"#),
                ),
            };
            on_wire.answered();
            Ok(answer)
        })
    }
}

impl HttpClient for FakeAws {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

fn settings(debounce_ms: u64) -> Settings {
    let mut settings = Settings::from_flags(&Cli {
        user_pool_id: Some(POOL.into()),
        client_id: Some(CLIENT.into()),
        region: Some("us-east-1".into()),
        ..Cli::default()
    })
    .expect("settings");
    settings.search_debounce = Duration::from_millis(debounce_ms);
    settings
}

/// The whole app as `cognitui` opens it, on a 120x30 test terminal, against `aws`.
fn open(aws: &FakeAws, debounce_ms: u64) -> Session<TestBackend> {
    let terminal = Terminal::new(TestBackend::new(120, 30)).expect("test terminal");
    Session::open(
        terminal,
        &settings(debounce_ms),
        &aws.client(),
        Arc::new(AuditLog::disabled()),
        None,
    )
    .expect("session")
}

/// Applies events (and deadlines) until `done` holds; fails after a minute of tokio's clock.
async fn until(s: &mut Session<TestBackend>, what: &str, done: impl Fn(&App) -> bool) {
    let wait = async {
        while !done(&s.app) {
            assert!(s.next().await, "events closed while waiting for {what}");
        }
    };
    if tokio::time::timeout(Duration::from_mins(1), wait)
        .await
        .is_err()
    {
        panic!(
            "timed out waiting for {what}; status {:?}; in flight {:?}",
            s.app.status(),
            s.app.in_flight()
        );
    }
}

/// Opened, the pool read and the first page shown.
async fn opened(aws: &FakeAws, debounce_ms: u64) -> Session<TestBackend> {
    let mut s = open(aws, debounce_ms);
    until(&mut s, "the pool and the first page", |a| {
        a.pool().is_some() && a.lookup().pages == 1 && a.in_flight().is_empty()
    })
    .await;
    s
}

/// Applies the next queued event, which must be there already: the app never waits for the
/// network (on the paused clock, any wait would let the 1 ms time limit pass first).
async fn at_once(s: &mut Session<TestBackend>, what: &str) {
    tokio::time::timeout(Duration::from_millis(1), s.next())
        .await
        .unwrap_or_else(|_| panic!("{what} was not applied at once"));
}

fn info(app: &App) -> String {
    match app.status() {
        Some(Status::Info(t) | Status::Error(t)) => t.clone(),
        None => String::new(),
    }
}

/// 200 KB of text with line breaks, as a careless copy of a whole file would paste.
fn big_paste() -> String {
    "ann.tanaka0@example.com\n".repeat(200 * 1024 / 24)
}

#[tokio::test(start_paused = true)]
async fn a_200_kb_paste_into_the_search_is_one_edit_and_at_most_one_list_users() {
    let aws = FakeAws::new(Duration::from_millis(200));
    let mut s = opened(&aws, 0).await;
    assert_eq!(s.app.lookup().focus, Focus::Search);
    let before = aws.wire().list_users().len();

    let events = s.events();
    let paste = big_paste();
    assert!(paste.len() >= 200 * 1000);
    events.send(Event::Paste(paste)).expect("paste");
    events.send(key(KeyCode::Esc)).expect("key");
    at_once(&mut s, "the paste").await;
    // The whole filter stays within 256 characters: `username ^= "` + value + `"`.
    let value = s.app.lookup().query.value().to_owned();
    assert_eq!(value.chars().count(), 256 - r#"username ^= """#.len());
    assert!(!value.contains('\n'));
    assert!(value.starts_with("ann.tanaka0@example.comann.tanaka0@"));
    assert_eq!(
        info(&s.app),
        "The paste was cut to 242 characters (a ListUsers filter takes at most 256); its line \
         breaks were removed (the field is one line)."
    );
    // The next key is answered at once, while ListUsers is still on its way.
    at_once(&mut s, "the key after the paste").await;
    assert_eq!(s.app.lookup().focus, Focus::Table);
    assert_eq!(s.app.busy(), Some("Loading users"));

    until(&mut s, "the page of the pasted search", |a| {
        a.in_flight().is_empty() && a.lookup().pages == 1
    })
    .await;
    let sent = aws.wire().list_users()[before..].to_vec();
    assert_eq!(sent, vec![Some(format!("username ^= \"{value}\""))]);
    assert!(sent.iter().flatten().all(|f| f.chars().count() <= 256));
}

#[tokio::test(start_paused = true)]
async fn a_200_kb_paste_into_sign_up_fields_is_cut_to_each_fields_limit() {
    let aws = FakeAws::new(Duration::from_millis(50));
    let mut s = opened(&aws, 250).await;
    s.handle(key(KeyCode::Esc));
    s.handle(key(KeyCode::Char('n')));
    assert!(
        s.app.module_as::<SignUp>().is_some(),
        "{:?}",
        s.app.status()
    );
    let before = aws.wire().started.len();
    let events = s.events();

    let fields = |s: &Session<TestBackend>| {
        s.app.module_as::<SignUp>().map_or_else(
            || panic!("not on sign-up: {:?}", s.app.screen()),
            |signup| signup.form.clone(),
        )
    };
    // Username (128), then Tab: the key is answered at once.
    events.send(Event::Paste(big_paste())).expect("paste");
    events.send(key(KeyCode::Tab)).expect("tab");
    at_once(&mut s, "the paste into the username").await;
    assert_eq!(fields(&s).value(0).chars().count(), 128);
    assert_eq!(
        info(&s.app),
        "The paste was cut to 128 characters (a username takes at most 128); its line breaks \
         were removed (the field is one line)."
    );
    at_once(&mut s, "Tab after the paste").await;
    assert_eq!(fields(&s).focus, 1);

    // Password (256), email (2048), phone, then custom:tier (the schema says 10).
    events.send(Event::Paste(big_paste())).expect("paste");
    at_once(&mut s, "the paste into the password").await;
    assert_eq!(fields(&s).value(1).chars().count(), 256);
    assert!(info(&s.app).contains("a password takes at most 256"));
    s.handle(key(KeyCode::Tab));
    events.send(Event::Paste(big_paste())).expect("paste");
    at_once(&mut s, "the paste into the email").await;
    assert_eq!(fields(&s).value(2).chars().count(), 2048);
    s.handle(key(KeyCode::Tab));
    s.handle(key(KeyCode::Tab));
    assert_eq!(fields(&s).fields[4].label, "custom:tier");
    for c in "ab".chars() {
        s.handle(key(KeyCode::Char(c)));
    }
    events.send(Event::Paste(big_paste())).expect("paste");
    at_once(&mut s, "the paste into custom:tier").await;
    assert_eq!(fields(&s).value(4), "abann.tana");
    assert!(
        info(&s.app)
            .starts_with("The paste was cut to 8 characters (custom:tier takes at most 10)"),
        "{}",
        info(&s.app)
    );
    assert_eq!(
        aws.wire().started.len(),
        before,
        "pasting into a form sends nothing"
    );
}

#[tokio::test(start_paused = true)]
async fn a_paste_into_a_code_keeps_its_digits_and_one_without_a_field_is_ignored() {
    let mut app = app_on_pool((100, 30), fake_pool(POOL, None), vec![]);
    // The user table has no field: the paste changes nothing.
    let before = app.lookup().clone();
    assert!(app.update(Event::Paste("ann".into())).is_empty());
    assert_eq!(app.lookup().query.value(), before.query.value());
    assert_eq!(app.status(), None);

    let mut app = app_on_pool((100, 30), fake_pool(POOL, None), vec![]);
    app.update(key(KeyCode::Char('/')));
    app.update(Event::Paste("ann\u{1b}[31m\tx".into()));
    assert_eq!(app.lookup().query.value(), "ann[31m x");
}

/// Types `text` into the session's terminal at `every` a key, as a person would.
fn type_slowly(
    s: &Session<TestBackend>,
    text: &str,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    let events = s.events();
    let keys = typed(text);
    tokio::spawn(async move {
        for k in keys {
            tokio::time::sleep(every).await;
            if events.send(k).is_err() {
                return;
            }
        }
    })
}

async fn searches_for_typing(every_ms: u64) -> Vec<Option<String>> {
    let aws = FakeAws::new(Duration::from_millis(40));
    let mut s = opened(&aws, 250).await;
    let before = aws.wire().list_users().len();
    let counted = aws.list_users_sent();
    let typing = type_slowly(
        &s,
        "ann.tanaka0@example.com",
        Duration::from_millis(every_ms),
    );
    until(&mut s, "the typed search's page", |a| {
        a.lookup().query.value() == "ann.tanaka0@example.com"
            && a.lookup().search_due().is_none()
            && a.in_flight().is_empty()
            && a.lookup().pages == 1
    })
    .await;
    typing.await.expect("typing");
    let sent = aws.wire().list_users()[before..].to_vec();
    assert_eq!(
        aws.list_users_sent() - counted,
        sent.len(),
        "the interceptor agrees"
    );
    assert_eq!(s.app.lookup().users.username(0), "ann.tanaka0@example.com0");
    sent
}

#[tokio::test(start_paused = true)]
async fn typing_at_30_ms_a_key_sends_one_list_users() {
    assert_eq!(
        searches_for_typing(30).await,
        vec![Some(r#"username ^= "ann.tanaka0@example.com""#.into())]
    );
}

#[tokio::test(start_paused = true)]
async fn typing_at_150_ms_a_key_still_sends_one_list_users() {
    assert_eq!(searches_for_typing(150).await.len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_pause_longer_than_the_debounce_searches_what_was_typed_so_far() {
    let aws = FakeAws::new(Duration::from_millis(40));
    let mut s = opened(&aws, 250).await;
    let before = aws.wire().list_users().len();
    for k in typed("ann") {
        s.handle(k);
    }
    assert!(s.app.lookup().search_due().is_some());
    assert_eq!(
        aws.wire().list_users().len(),
        before,
        "nothing sent while typing"
    );
    until(&mut s, "the search for ann", |a| {
        a.lookup().search_due().is_none() && a.in_flight().is_empty()
    })
    .await;
    s.handle(key(KeyCode::Char('.')));
    until(&mut s, "the search for ann.", |a| {
        a.lookup().search_due().is_none() && a.in_flight().is_empty()
    })
    .await;
    assert_eq!(
        aws.wire().list_users()[before..].to_vec(),
        vec![
            Some(r#"username ^= "ann""#.into()),
            Some(r#"username ^= "ann.""#.into())
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn a_superseded_list_users_is_cancelled_so_one_is_in_flight_at_most() {
    // Each ListUsers takes a second; every key searches at once (debounce 0).
    let aws = FakeAws::new(Duration::from_secs(1));
    let mut s = opened(&aws, 0).await;
    let before = aws.wire().list_users().len();
    let (completed, dropped) = {
        let w = aws.wire();
        (w.completed, w.dropped)
    };
    let typing = type_slowly(&s, "ann", Duration::from_millis(30));
    until(&mut s, "the page for ann", |a| {
        a.lookup().query.value() == "ann" && a.in_flight().is_empty() && a.lookup().pages == 1
    })
    .await;
    typing.await.expect("typing");
    let wire = aws.wire();
    assert_eq!(
        wire.list_users()[before..].to_vec(),
        vec![
            Some(r#"username ^= "a""#.into()),
            Some(r#"username ^= "an""#.into()),
            Some(r#"username ^= "ann""#.into()),
        ]
    );
    assert_eq!(
        wire.dropped - dropped,
        2,
        "the two superseded calls were cancelled"
    );
    assert_eq!(wire.completed - completed, 1);
    assert_eq!(wire.list_users_max, 1, "never two ListUsers in flight");
    drop(wire);
    assert_eq!(s.app.lookup().users.username(0), "ann0");
}

fn list_users_filters(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .filter_map(|r| match &r.action {
            Action::ListUsers { filter, .. } => filter.clone(),
            _ => None,
        })
        .collect()
}

#[test]
fn the_filter_never_exceeds_256_characters() {
    let mut app = app_on_pool((100, 30), fake_pool(POOL, None), vec![]);
    app.update(key(KeyCode::Char('/')));
    let mut sent = Vec::new();
    // `username ^= ""` leaves 242 characters; `"` counts two once escaped.
    for k in typed(&"a".repeat(240)) {
        sent.extend(app.update(k));
    }
    sent.extend(app.update(key(KeyCode::Char('"'))));
    assert_eq!(app.lookup().query.value().chars().count(), 241);
    let refused = app.update(key(KeyCode::Char('b')));
    assert!(refused.is_empty());
    assert_eq!(app.lookup().query.value().chars().count(), 241);
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "The search is full: ListUsers takes a filter of at most 256 characters, which \
             leaves 242 for a search on username."
                .into()
        ))
    );
    let filters = list_users_filters(&sent);
    assert_eq!(filters.len(), 241);
    assert!(filters.iter().all(|f| f.chars().count() <= 256));
    assert_eq!(filters.last().map(|f| f.chars().count()), Some(256));
    // Deleting is always allowed.
    assert_eq!(
        list_users_filters(&app.update(key(KeyCode::Backspace))).len(),
        1
    );

    // On an attribute with a longer name the same value is too long: refused, never sent.
    for k in typed("\"") {
        app.update(k);
    }
    // Tab to the next attributes (a key after a refusal only dismisses it).
    let mut tabs = 0;
    while app.lookup().attribute != SearchAttribute::PreferredUsername {
        let sent = app.update(key(KeyCode::Tab));
        assert!(
            list_users_filters(&sent)
                .iter()
                .all(|f| f.chars().count() <= 256)
        );
        tabs += 1;
        assert!(tabs < 20);
    }
    // preferred_username: `preferred_username ^= ""` leaves 232.
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "Not searched: ListUsers takes a filter of at most 256 characters, which leaves 232 \
             for a search on preferred_username (this search needs 266)."
                .into()
        ))
    );
    assert!(app.lookup().users.is_empty());
}

#[tokio::test]
async fn the_first_frame_is_drawn_while_the_endpoint_hangs() {
    // A loopback server that accepts every connection and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").expect("listener");
    let endpoint = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let mut settings = settings(0);
    settings.endpoint_url = Some(endpoint);
    let started = std::time::Instant::now();
    let config = tokio::time::timeout(Duration::from_secs(5), sdk_config(&settings))
        .await
        .expect("the SDK configuration waits on nothing")
        .expect("configuration");
    assert_eq!(
        config.retry_config().map(RetryConfig::mode),
        Some(aws_config::retry::RetryMode::Standard),
        "reads are tried again with backoff; their pace is held per quota category beneath"
    );
    let config = config
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "AKIDTEST", "secret", None, None, "test",
        )))
        .build();
    let client = Client::new(&config);
    let audit = Arc::new(AuditLog::new(None, "profile default".into()));
    let terminal = Terminal::new(TestBackend::new(120, 30)).expect("test terminal");
    let mut s = Session::open(
        terminal,
        &settings,
        &client,
        Arc::clone(&audit),
        Some(&config),
    )
    .expect("session");
    let frame = format!("{}", s.terminal.backend());
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(frame.contains("cognitui │"), "{frame}");
    assert!(frame.contains(POOL), "{frame}");
    // The pool is being read, keys work meanwhile, and STS has not answered.
    assert_eq!(s.app.busy(), Some("Reading the pool"));
    s.handle(key(KeyCode::F(1)));
    assert!(s.app.show_help());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(audit.identity(), "profile default");
}

#[tokio::test(start_paused = true)]
async fn the_caller_identity_is_read_after_the_first_frame() {
    let mut aws = FakeAws::new(Duration::from_millis(10));
    aws.sts_delay = Duration::from_secs(2);
    let config = aws_config::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "AKIDTEST", "secret", None, None, "test",
        )))
        .http_client(aws.clone())
        .retry_config(RetryConfig::disabled())
        .build();
    let audit = Arc::new(AuditLog::new(None, "profile default".into()));
    let terminal = Terminal::new(TestBackend::new(120, 30)).expect("test terminal");
    let mut s = Session::open(
        terminal,
        &settings(0),
        &aws.client(),
        Arc::clone(&audit),
        Some(&config),
    )
    .expect("session");
    assert!(format!("{}", s.terminal.backend()).contains("cognitui │"));
    assert_eq!(audit.identity(), "profile default");
    until(&mut s, "the first page", |a| a.lookup().pages == 1).await;
    assert_eq!(audit.identity(), "profile default", "STS takes 2 s");
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(audit.identity(), "arn:aws:iam::123456789012:user/agent");
}

/// Runs `binary` with every standard stream piped, and no configuration of the user's.
fn without_a_terminal(binary: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let home = tempfile::tempdir().expect("home");
    let mut child = Command::new(binary)
        .args(args)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("{binary} did not exit without a terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (mut out, mut err) = (String::new(), String::new());
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut out)
        .expect("read");
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    (status.code(), out, err)
}

#[test]
fn without_a_terminal_cognitui_says_so_and_exits_2() {
    let (code, out, err) = without_a_terminal(
        env!("CARGO_BIN_EXE_cognitui"),
        &["--user-pool-id", "us-east-1_Abc", "--region", "us-east-1"],
    );
    assert_eq!(code, Some(2));
    assert_eq!(out, "", "nothing drawn");
    assert_eq!(err, format!("{NO_TERMINAL}\n"));
    assert!(NO_TERMINAL.starts_with("cognitui needs an interactive terminal"));
}

#[test]
fn without_a_terminal_the_demo_starts_nothing_and_exits_2() {
    let (code, out, err) = without_a_terminal(env!("CARGO_BIN_EXE_cognitui-demo"), &[]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert_eq!(
        err,
        format!("{NO_TERMINAL}\n"),
        "the emulator was not started"
    );
}

#[test]
fn usernames_with_whitespace_are_refused_before_sign_up_and_invitation() {
    let client = cognitui::cognito::model::AppClient {
        id: CLIENT.into(),
        name: "web".into(),
        secret: None,
        auth_flows: cognitui::cognito::flows::AuthFlows::default(),
    };
    for (open, what) in [('n', "sign-up"), ('N', "invitation")] {
        for name in ["ann smith", "ann\u{a0}smith", "ann\u{2003}smith"] {
            let mut app = app_on_pool((100, 30), fake_pool(POOL, Some(client.clone())), vec![]);
            app.update(key(KeyCode::Char(open)));
            app.update(Event::Paste(name.into()));
            // Fill the rest so that only the username is wrong.
            app.update(key(KeyCode::Tab));
            if open == 'n' {
                app.update(Event::Paste("Passw0rd!Passw0rd".into()));
            } else {
                app.update(Event::Paste("ann@example.com".into()));
            }
            let sent = app.update(key(KeyCode::Enter));
            assert!(sent.is_empty(), "{what} of {name:?} was sent");
            let problem = match app.status() {
                Some(Status::Error(text)) => text.clone(),
                other => panic!("{what} of {name:?}: {other:?}"),
            };
            assert!(
                problem.starts_with("A username cannot contain spaces or other whitespace"),
                "{what}: {problem}"
            );
        }
    }
}
