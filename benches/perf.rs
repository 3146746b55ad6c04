//! Benchmarks that print numbers (no assertions on time):
//!
//! 1. `frame`: one frame of the lookup screen with 100,000 users loaded (TestBackend 160x50).
//! 2. `refine`: each keystroke of a refine over 100,000 and 1,000,000 synthetic users loaded as
//!    pages arrive, typed then taken back with Backspace, then a refine every user holds, and
//!    the peak RSS of the process holding them (a child process each, no server); then the
//!    table sorted by username and by date created, and the first refine again on it.
//! 3. `load`: wall time, peak RSS and peak requests in flight to load every user of a
//!    10,000-user emulator pool, at 0 ms and 60 ms added latency per request (a loopback proxy
//!    of the project's own, counting requests in flight): cognitui sharded (at the default read
//!    rate and with no cap), cognitui with one chain of pages (a search matching everyone),
//!    `aws cognito-idp list-users` (awscli from PyPI), and a raw sequential keep-alive scan with
//!    no SDK. Child processes run under `scripts/measure.py` (wall clock and `ru_maxrss`).
//! 4. `search`: ListUsers calls sent while `user004217@` is typed on email at 30 ms and 150 ms a
//!    key through the 60 ms proxy, with the default debounce and with none, and the time from
//!    the last key to the row on screen.
//! 6. `doctor`: the pool doctor's examination of 100,000 and 1,000,000 synthetic users loaded
//!    in the table (one in ten in a trap), and the copy of the table's store the screen hands
//!    to the worker that examines it.
//! 5. `start`: process start to first frame of the real `cognitui` binary in a pseudo-terminal
//!    (`script`), until the header is written; beside it, the same binary's `--version`.
//!
//! Run: `cargo bench --bench perf` (all), or `cargo bench --bench perf -- frame|refine|load|search|start|doctor`.
//! Everything talks to a moto emulator on 127.0.0.1 only, and every wait has a time limit.

#[allow(dead_code)] // the tests' fault proxy; the benchmarks use its latency and counts
#[path = "../tests/common/proxy.rs"]
mod proxy;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use aws_sdk_cognitoidentityprovider::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_cognitoidentityprovider::config::{ConfigBag, Intercept, RuntimeComponents};

use chrono::Utc;
use cognitui::app::{App, Screen, Status};
use cognitui::cognito::Cognito;
use cognitui::cognito::filter::SearchAttribute;
use cognitui::cognito::model::{Attribute, User, UserStatus, UsersPage};
use cognitui::config::PoolChoice;
use cognitui::dev::{Emulator, add_users, create_pool, emulator_client};
use cognitui::event::Event;
use cognitui::keys::{KeyTable, Keymap};
use cognitui::session::Session;
use cognitui::ui::{Theme, render};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use proxy::{Fault, Proxy};

const POOL_USERS: usize = 10_000;
/// Longest a measured child (load all, or awscli) may run; `scripts/measure.py` kills it after.
const CHILD_LIMIT_SECS: u64 = 600;
/// Longest the real binary may take to draw its first frame, or to quit after Ctrl-C.
const FRAME_LIMIT: Duration = Duration::from_secs(20);
/// What the first frame's header contains (`ui::render` writes " cognitui │ pool │ target").
const HEADER: &str = "cognitui │";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--load-all-child") {
        let arg = |n: usize| {
            args.get(i + n)
                .expect("--load-all-child ENDPOINT POOL MODE RATE")
        };
        let rate = arg(4).parse().expect("read rate");
        load_all_child(arg(1), arg(2), arg(3) == "chain", rate);
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--refine-child") {
        let count = args.get(i + 1).and_then(|n| n.parse().ok());
        refine_child(count.expect("--refine-child COUNT"));
        return;
    }
    let wanted: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let run = |name: &str| wanted.is_empty() || wanted.contains(&name);
    if run("frame") {
        frame();
    }
    if run("refine") {
        refine();
    }
    if run("doctor") {
        doctor();
    }
    if run("load") || run("start") || run("search") {
        let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
        let emulator = Emulator::start().expect("emulator");
        if run("load") || run("search") {
            let pool = runtime.block_on(seeded_pool(&emulator));
            if run("load") {
                runtime.block_on(load(&emulator, &pool));
            }
            if run("search") {
                runtime.block_on(search(&emulator, &pool));
            }
        }
        if run("start") {
            runtime.block_on(start(&emulator));
        }
    }
}

fn keymap() -> Keymap {
    Keymap::new(&KeyTable::new()).expect("default keys")
}

fn synthetic_users(count: usize) -> Vec<User> {
    (0..count).map(synthetic_user).collect()
}

/// Synthetic user `i`: username, sub, name, email (verified) and a custom attribute.
fn synthetic_user(i: usize) -> User {
    let last = ["smith", "garcia", "tanaka", "muller", "okafor"];
    let family = last[i % last.len()];
    let name = format!("user{i:06}.{family}");
    User {
        attributes: vec![
            Attribute {
                name: "sub".into(),
                value: format!(
                    "{:08x}-7d2a-4c1e-9b3f-{i:012x}",
                    i.wrapping_mul(2_654_435_761) & 0xffff_ffff
                ),
            },
            Attribute {
                name: "name".into(),
                value: format!("User {i} {}", family.to_uppercase()),
            },
            Attribute {
                name: "email".into(),
                value: format!("{name}@example.com"),
            },
            Attribute {
                name: "email_verified".into(),
                value: "true".into(),
            },
            Attribute {
                name: "custom:tier".into(),
                value: "pro".into(),
            },
        ],
        username: name,
        status: UserStatus::Confirmed,
        enabled: true,
        created: Some(Utc::now()),
        modified: Some(Utc::now()),
    }
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn frame() {
    let mut app = App::new(
        keymap(),
        "bench".into(),
        (160, 50),
        Utc::now(),
        &cognitui::ui::LAYOUT,
    );
    *app.screen_mut() = Screen::Lookup;
    app.lookup_mut().add_page(UsersPage {
        users: synthetic_users(100_000),
        next_token: None,
    });
    let rows = app.table_rows();
    app.lookup_mut().move_selection(50_000, rows);
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).expect("terminal");
    let theme = Theme::default();
    for _ in 0..50 {
        terminal.draw(|f| render(f, &app, &theme)).expect("draw");
    }
    let mut times: Vec<Duration> = (0..500)
        .map(|_| {
            let start = Instant::now();
            terminal.draw(|f| render(f, &app, &theme)).expect("draw");
            start.elapsed()
        })
        .collect();
    times.sort();
    let mean = times.iter().sum::<Duration>() / u32::try_from(times.len()).unwrap_or(1);
    println!("frame: lookup screen, 100,000 users loaded, 160x50, 500 frames");
    println!(
        "  mean {:.0} µs   p50 {:.0} µs   p99 {:.0} µs   max {:.0} µs",
        micros(mean),
        micros(times[times.len() / 2]),
        micros(times[times.len() * 99 / 100]),
        micros(times[times.len() - 1]),
    );
}

/// The pool doctor over `count` synthetic users in the table's store, one in ten in a trap
/// (confirmed without a verified email, or disabled in a group).
fn doctor() {
    use cognitui::doctor::{Checkup, STALE_UNCONFIRMED_DAYS, examine};
    println!("doctor: the findings over every loaded user");
    for count in [100_000, 1_000_000] {
        let mut store = cognitui::store::UserStore::default();
        let mut staff = Vec::new();
        for i in 0..count {
            let mut user = synthetic_user(i);
            if i % 10 == 3 {
                user.attributes.retain(|a| a.name != "email_verified");
            } else if i % 10 == 7 {
                user.enabled = false;
                staff.push(user.username.clone());
            }
            store.push(&user);
        }
        let checkup = Checkup {
            now: Utc::now(),
            invitation_days: 7,
            stale_after: chrono::TimeDelta::days(STALE_UNCONFIRMED_DAYS),
            groups: [("staff".to_owned(), staff)].into_iter().collect(),
        };
        // The screen's part: the copy of the store it hands to the worker.
        let copying = Instant::now();
        let copy = std::sync::Arc::new(store.clone());
        let copied = copying.elapsed();
        let examining = Instant::now();
        let findings = examine(&copy, &checkup);
        let examined = examining.elapsed();
        println!(
            "  {count:>9} users: the store copied for the worker in {:.0} ms (the screen's part), examined there in {:.0} ms; {}",
            ms(copied),
            ms(examined),
            findings
                .iter()
                .map(|f| format!("{} {}", f.kind.id(), f.users.len()))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}

/// The refine typed key by key in the refine benchmark: a fifth of the users hold it.
const REFINE_TYPED: &str = "garcia";
/// A refine every user holds (in their email's domain), typed after it.
const REFINE_EVERYONE: &str = "example";

/// Runs the refine child for 100,000 and 1,000,000 users and prints what they measured.
fn refine() {
    println!(
        "refine: each key of '{REFINE_TYPED}' typed in the refine then taken back, users loaded as 60-user pages"
    );
    let exe = std::env::current_exe().expect("bench exe");
    for count in [100_000, 1_000_000] {
        let out = Command::new(&exe)
            .args(["--refine-child", &count.to_string()])
            .output()
            .expect("refine child");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
}

/// Child mode: `count` synthetic users loaded page by page into the lookup, then the refine
/// typed key by key and taken back with Backspace key by key; prints each key's time and the
/// process's peak RSS.
fn refine_child(count: usize) {
    let mut lookup = cognitui::screens::users::Lookup::default();
    let loading = Instant::now();
    for first in (0..count).step_by(60) {
        lookup.add_page(UsersPage {
            users: (first..(first + 60).min(count))
                .map(synthetic_user)
                .collect(),
            next_token: Some("more".into()),
        });
    }
    let loaded = loading.elapsed();
    let (typed, back) = type_and_take_back(&mut lookup, REFINE_TYPED);
    println!(
        "  {count:>9} users: pages added in {:.0} ms; per key typed {typed}; per Backspace {back}",
        ms(loaded),
    );
    let (typed, back) = type_and_take_back(&mut lookup, REFINE_EVERYONE);
    println!(
        "  {count:>9} users, '{REFINE_EVERYONE}' (every user): per key typed {typed}; per Backspace {back}; peak RSS {:.0} MiB",
        mib(peak_rss_kib()),
    );
    sorted_child(&mut lookup);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The refine typed key by key, then taken back with Backspace to empty: each key's time in
/// ms, with the rows it kept in brackets, and the worst; typed, then taken back.
fn type_and_take_back(
    lookup: &mut cognitui::screens::users::Lookup,
    refine: &str,
) -> (String, String) {
    let mut keys = |ends: &mut dyn Iterator<Item = usize>| {
        let keys: Vec<(Duration, usize)> = ends
            .map(|end| {
                lookup.refine = tui_input::Input::new(refine[..end].into());
                let start = Instant::now();
                lookup.refine_view();
                (start.elapsed(), lookup.view.len())
            })
            .collect();
        let worst = keys.iter().map(|(d, _)| *d).max().unwrap_or_default();
        format!(
            "{} ms (worst {:.1} ms)",
            keys.iter()
                .map(|(d, kept)| format!("{:.1} [{kept}]", ms(*d)))
                .collect::<Vec<_>>()
                .join(", "),
            ms(worst)
        )
    };
    let typed = keys(&mut (1..=refine.len()));
    let back = keys(&mut (0..refine.len()).rev());
    (typed, back)
}

/// The table sorted by username then by date created (`S`), and the refine typed and taken
/// back again on the sorted table; clearing it picks the rows from the kept order.
fn sorted_child(lookup: &mut cognitui::screens::users::Lookup) {
    use cognitui::config::columns::Column;
    use cognitui::store::Sort;
    let mut sorts = Vec::new();
    for column in [Column::Username, Column::Created] {
        let start = Instant::now();
        lookup.sort_by(Some(Sort {
            column: column.clone(),
            descending: false,
        }));
        sorts.push(format!("{} {:.0} ms", column.name(), ms(start.elapsed())));
    }
    let (typed, back) = type_and_take_back(lookup, REFINE_TYPED);
    println!(
        "  {:>9} users sorted: by {}; then per key typed {typed}; per Backspace {back}",
        lookup.users.len(),
        sorts.join(", by "),
    );
}

/// This process's peak resident memory (VmHWM), in KiB.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

/// Child mode: load every user of the pool through the app, as a user pressing "load all":
/// of the whole pool (sharded), or of a search that matches every user (one chain of pages).
/// `rate` caps the read calls a second (0: no cap).
fn load_all_child(endpoint: &str, pool_id: &str, chain: bool, rate: u32) {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    runtime.block_on(async {
        let client = emulator_client(endpoint, Duration::from_secs(30));
        let terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        let choice = PoolChoice {
            user_pool_id: pool_id.to_owned(),
            client_id: None,
            client_secret: None,
        };
        let mut session = Session::start(
            terminal,
            Cognito::new(&client).with_read_rate(rate),
            keymap(),
            "bench".into(),
            Some(choice),
        )
        .expect("session");
        if chain {
            // Every seeded username starts `user0`: a search on it is one chain of pages.
            for c in USER_PREFIX.chars() {
                session.handle(Event::Key(KeyEvent::new(
                    KeyCode::Char(c),
                    KeyModifiers::NONE,
                )));
            }
        }
        // The search field has the keyboard when a pool opens; there ctrl-l loads every page.
        session.handle(Event::Key(KeyEvent::new(
            KeyCode::Char('l'),
            KeyModifiers::CONTROL,
        )));
        let loading = async {
            while !session.app.lookup().complete() {
                assert!(session.next().await, "events ended");
                assert!(
                    !matches!(session.app.status(), Some(&Status::Error(_))),
                    "{:?}",
                    session.app.status()
                );
            }
        };
        tokio::time::timeout(Duration::from_secs(CHILD_LIMIT_SECS), loading)
            .await
            .expect("loading every user took too long");
        session.draw().expect("draw");
        println!("loaded {}", session.app.lookup().users.len());
    });
}

/// Counts the ListUsers requests that go on the wire.
#[derive(Debug, Clone, Default)]
struct ListUsersCounter(Arc<AtomicUsize>);

impl Intercept for ListUsersCounter {
    fn name(&self) -> &'static str {
        "ListUsersCounter"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let target = context.request().headers().get("x-amz-target");
        if target.is_some_and(|t| t.ends_with(".ListUsers")) {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }
}

/// What a typed search cost: ListUsers calls, and the time from the last key to the row.
struct Typed {
    calls: usize,
    to_row: Duration,
}

/// ListUsers calls sent while `SEARCHED` is typed on email at `every` a key with `debounce`,
/// through the whole app (session, worker, SDK) to `endpoint`.
async fn list_users_for_typing(
    endpoint: &str,
    pool: &str,
    every: Duration,
    debounce: Duration,
) -> Typed {
    let counter = ListUsersCounter::default();
    let client = emulator_client(endpoint, Duration::from_secs(30));
    let client = aws_sdk_cognitoidentityprovider::Client::from_conf(
        client
            .config()
            .to_builder()
            .interceptor(counter.clone())
            .build(),
    );
    let terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let choice = PoolChoice {
        user_pool_id: pool.to_owned(),
        client_id: None,
        client_secret: None,
    };
    let mut session = Session::start(
        terminal,
        Cognito::new(&client),
        keymap(),
        "bench".into(),
        Some(choice),
    )
    .expect("session");
    session.app.options_mut().search_debounce = debounce;
    session.app.lookup_mut().attribute = SearchAttribute::Email;
    let settle = async {
        while !(session.app.lookup().pages == 1 && session.app.in_flight().is_empty()) {
            assert!(session.next().await, "events ended");
        }
    };
    tokio::time::timeout(FRAME_LIMIT, settle)
        .await
        .expect("first page");
    let before = counter.0.load(Ordering::Relaxed);
    let events = session.events();
    let last_key = Arc::new(std::sync::Mutex::new(None));
    let typing = {
        let last_key = Arc::clone(&last_key);
        tokio::spawn(async move {
            for c in SEARCHED.chars() {
                tokio::time::sleep(every).await;
                let _ = events.send(Event::Key(KeyEvent::new(
                    KeyCode::Char(c),
                    KeyModifiers::NONE,
                )));
                *last_key.lock().expect("last key") = Some(Instant::now());
            }
        })
    };
    let wanted = format!("{USER_PREFIX}04217");
    let searched = async {
        loop {
            let l = &session.app.lookup();
            if l.query.value() == SEARCHED
                && l.view.len() == 1
                && l.users.username(l.view[0]) == wanted
            {
                session.draw().expect("draw");
                break Instant::now();
            }
            assert!(session.next().await, "events ended");
        }
    };
    let shown = tokio::time::timeout(Duration::from_mins(1), searched)
        .await
        .expect("the typed search");
    typing.await.expect("typing");
    let last = last_key.lock().expect("last key").expect("typed");
    Typed {
        calls: counter.0.load(Ordering::Relaxed) - before,
        to_row: shown.duration_since(last),
    }
}

/// Typed on email in the search benchmark: a user of the seeded pool.
const SEARCHED: &str = "user004217@";

async fn search(emulator: &Emulator, pool: &str) {
    let proxy = Proxy::start(
        &upstream(emulator),
        "*",
        Fault::Delay(Duration::from_millis(60)),
    )
    .await;
    let debounce = Duration::from_millis(cognitui::config::DEFAULT_SEARCH_DEBOUNCE_MS);
    println!(
        "search: '{SEARCHED}' typed on email ({} keys), {POOL_USERS}-user pool, 60 ms added a request",
        SEARCHED.len()
    );
    for every in [30, 150] {
        let every = Duration::from_millis(every);
        let debounced = list_users_for_typing(&proxy.endpoint, pool, every, debounce).await;
        let each_key = list_users_for_typing(&proxy.endpoint, pool, every, Duration::ZERO).await;
        println!(
            "  {:>3} ms a key: {} ListUsers calls, row on screen {:.0} ms after the last key ({} ms debounce); searching at every key: {} calls, {:.0} ms",
            every.as_millis(),
            debounced.calls,
            debounced.to_row.as_secs_f64() * 1e3,
            debounce.as_millis(),
            each_key.calls,
            each_key.to_row.as_secs_f64() * 1e3,
        );
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `cmd` under scripts/measure.py; returns (stdout, wall s, peak RSS KiB).
fn measure(cmd: &mut Command) -> (String, f64, u64) {
    let out_file = std::env::temp_dir().join(format!("cognitui-bench-{}.out", std::process::id()));
    let program = cmd.get_program().to_owned();
    let mut wrapped = Command::new(root().join(".venv/bin/python"));
    wrapped
        .arg(root().join("scripts/measure.py"))
        .arg(CHILD_LIMIT_SECS.to_string())
        .arg(&out_file)
        .arg(program)
        .args(cmd.get_args())
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))));
    let result = wrapped.output().expect("run measure.py");
    assert!(
        result.status.success(),
        "measured command failed: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    let line = String::from_utf8_lossy(&result.stdout).trim().to_owned();
    let field = |name: &str| {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} in {line:?}"))
            .to_owned()
    };
    let wall = field("wall_s=").parse().expect("wall");
    let rss = field("maxrss_kib=").parse().expect("rss");
    let stdout = std::fs::read_to_string(&out_file).expect("child output");
    let _ = std::fs::remove_file(out_file);
    (stdout, wall, rss)
}

#[allow(clippy::cast_precision_loss)] // KiB counts far below 2^52
fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Usernames of the seeded pool: `user000000` .. `user009999`.
const USER_PREFIX: &str = "user0";

/// The emulator's host:port, for the proxy.
fn upstream(emulator: &Emulator) -> String {
    emulator.endpoint().trim_start_matches("http://").to_owned()
}

/// A pool of [`POOL_USERS`] users for the load and search benchmarks.
async fn seeded_pool(emulator: &Emulator) -> String {
    let client = emulator_client(&emulator.endpoint(), Duration::from_secs(30));
    let pool = create_pool(&client, "bench").await.expect("pool");
    let seeding = Instant::now();
    add_users(&client, &pool, USER_PREFIX, POOL_USERS)
        .await
        .expect("seed");
    println!(
        "{POOL_USERS} users seeded into the emulator in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );
    pool
}

/// One way of loading every user, as measured.
struct Loaded {
    tool: String,
    users: usize,
    wall: f64,
    rss_kib: Option<u64>,
    peak: usize,
}

async fn load(emulator: &Emulator, pool: &str) {
    let status = Command::new("bash")
        .arg(root().join("scripts/install-bench-tools"))
        .status()
        .expect("install bench tools");
    assert!(status.success(), "installing awscli failed");
    let default_rate = cognitui::cognito::DEFAULT_READ_RATE;
    for latency in [0, 60] {
        let delay = Duration::from_millis(latency);
        let proxy = Proxy::start(&upstream(emulator), "*", Fault::Delay(delay)).await;
        let endpoint = proxy.endpoint.clone();
        let mut rows = Vec::new();
        for (tool, mode, rate) in [
            (
                format!("cognitui sharded, {default_rate}/s (default)"),
                "sharded",
                default_rate,
            ),
            ("cognitui sharded, no read cap".to_owned(), "sharded", 0),
            ("cognitui, one chain of pages".to_owned(), "chain", 0),
        ] {
            eprintln!("load: {tool}, {latency} ms ...");
            let (endpoint, pool) = (endpoint.clone(), pool.to_owned());
            let (out, wall, rss) = tokio::task::spawn_blocking(move || {
                let exe = std::env::current_exe().expect("bench exe");
                measure(Command::new(exe).arg("--load-all-child").args([
                    &endpoint,
                    &pool,
                    mode,
                    &rate.to_string(),
                ]))
            })
            .await
            .expect("child");
            let users = out
                .trim()
                .strip_prefix("loaded ")
                .and_then(|n| n.parse().ok());
            rows.push(Loaded {
                tool,
                users: users.expect("cognitui loaded"),
                wall,
                rss_kib: Some(rss),
                peak: proxy.take_peak(),
            });
        }
        let (aws_endpoint, pool_id) = (endpoint.clone(), pool.to_owned());
        let (out, wall, rss) = tokio::task::spawn_blocking(move || {
            measure(
                Command::new(root().join(".venv-bench/bin/aws"))
                    .args(["cognito-idp", "list-users", "--output", "json"])
                    .args(["--region", "us-east-1", "--user-pool-id", &pool_id])
                    .args(["--endpoint-url", &aws_endpoint])
                    .env("AWS_ACCESS_KEY_ID", "test")
                    .env("AWS_SECRET_ACCESS_KEY", "test")
                    .env("AWS_CONFIG_FILE", "/dev/null")
                    .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
            )
        })
        .await
        .expect("awscli");
        rows.push(Loaded {
            tool: "aws cognito-idp list-users".into(),
            users: out.matches("\"Username\"").count(),
            wall,
            rss_kib: Some(rss),
            peak: proxy.take_peak(),
        });
        eprintln!("load: raw scan, {latency} ms ...");
        let begin = Instant::now();
        let users = raw_scan(&endpoint, pool).await;
        rows.push(Loaded {
            tool: "raw sequential scan (no SDK)".into(),
            users,
            wall: begin.elapsed().as_secs_f64(),
            rss_kib: None,
            peak: proxy.take_peak(),
        });
        println!("load: every user of {POOL_USERS}, {latency} ms added a request");
        println!(
            "  {:<36} {:>7} {:>8} {:>13} {:>10}",
            "how", "users", "wall s", "peak RSS MiB", "in flight"
        );
        for row in &rows {
            assert_eq!(row.users, POOL_USERS, "{} loaded every user", row.tool);
            let rss = row.rss_kib.map_or("-".into(), |k| format!("{:.1}", mib(k)));
            println!(
                "  {:<36} {:>7} {:>8.2} {:>13} {:>10}",
                row.tool, row.users, row.wall, rss, row.peak
            );
        }
        let (sharded, chain, aws) = (rows[1].wall, rows[2].wall, rows[3].wall);
        println!(
            "  sharded (no cap) is {:.1}x one chain and {:.1}x the aws CLI",
            chain / sharded,
            aws / sharded
        );
    }
}

/// Every user of `pool` by ListUsers pages one after the other, without the SDK (the emulator
/// does not check signatures): the floor for one chain. The emulator closes the connection after
/// each answer, so each page has a connection of its own, as the SDK's do.
async fn raw_scan(endpoint: &str, pool: &str) -> usize {
    let address = endpoint.trim_start_matches("http://");
    let (mut users, mut token) = (0, None::<String>);
    loop {
        let mut stream = tokio::net::TcpStream::connect(address)
            .await
            .expect("connect");
        let mut body = serde_json::json!({ "UserPoolId": pool, "Limit": 60 });
        if let Some(t) = &token {
            body["PaginationToken"] = t.clone().into();
        }
        let body = body.to_string();
        let request = format!(
            "POST / HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ListUsers\r\nAuthorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        tokio::io::AsyncWriteExt::write_all(&mut stream, request.as_bytes())
            .await
            .expect("send");
        let answer = proxy::read_message(&mut stream)
            .await
            .expect("read")
            .expect("an answer");
        let at = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("head")
            + 4;
        let page: serde_json::Value = serde_json::from_slice(&answer[at..]).expect("json");
        users += page["Users"].as_array().map_or(0, Vec::len);
        token = page["PaginationToken"].as_str().map(ToOwned::to_owned);
        if token.is_none() {
            return users;
        }
    }
}

async fn start(emulator: &Emulator) {
    let client = emulator_client(&emulator.endpoint(), Duration::from_secs(30));
    let pool = create_pool(&client, "start").await.expect("pool");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_cognitui"));
    // An empty config file, and a data directory for the log, so the user's are not touched.
    let scratch = tempfile::tempdir().expect("temp dir");
    let empty_config = scratch.path().join("config.toml");
    std::fs::write(&empty_config, "").expect("empty config");
    // `script` gives the binary a pseudo-terminal; without a parent terminal its size is 0x0,
    // so set one first.
    let command = format!(
        "stty rows 40 cols 120; exec {} --config {} --region us-east-1 --endpoint-url {} --user-pool-id {pool}",
        bin.display(),
        empty_config.display(),
        emulator.endpoint()
    );
    let mut times: Vec<Duration> = (0..10)
        .map(|_| first_frame(&command, scratch.path()))
        .collect();
    let mut version: Vec<Duration> = (0..10)
        .map(|_| {
            let begin = Instant::now();
            let status = Command::new(&bin)
                .arg("--version")
                .stdout(Stdio::null())
                .status()
                .expect("run cognitui --version");
            assert!(status.success(), "cognitui --version failed");
            begin.elapsed()
        })
        .collect();
    let millis = |d: Duration| d.as_secs_f64() * 1e3;
    times.sort();
    version.sort();
    println!("start: process start to first frame, real binary in a pseudo-terminal, 10 runs");
    println!(
        "  first frame   min {:.1} ms   median {:.1} ms   max {:.1} ms",
        millis(times[0]),
        millis(times[times.len() / 2]),
        millis(times[times.len() - 1])
    );
    println!(
        "  --version     min {:.1} ms   median {:.1} ms   (no terminal, for comparison)",
        millis(version[0]),
        millis(version[version.len() / 2])
    );
}

/// Runs `command` under `script` and returns the time from spawning it until the header of the
/// first frame comes out of the pseudo-terminal; then quits it with Ctrl-C.
fn first_frame(command: &str, data_home: &Path) -> Duration {
    let begin = Instant::now();
    let mut child = Command::new("script")
        .args(["-qfec", command, "/dev/null"])
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("XDG_DATA_HOME", data_home)
        .env("TERM", "xterm-256color")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn script (util-linux)");
    // A thread reads the output, says when the header appears, and drains the rest, so the
    // wait below can have a deadline.
    let mut stdout = child.stdout.take().expect("stdout");
    let (seen_tx, seen_rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let (mut seen, mut buf) = (Vec::new(), [0u8; 4096]);
        let mut found = false;
        while let Ok(n @ 1..) = stdout.read(&mut buf) {
            if !found {
                seen.extend_from_slice(&buf[..n]);
                found = seen.windows(HEADER.len()).any(|w| w == HEADER.as_bytes());
                if found {
                    let _ = seen_tx.send(Instant::now());
                }
            }
        }
    });
    let Ok(drawn) = seen_rx.recv_timeout(FRAME_LIMIT) else {
        stop(&mut child);
        panic!("cognitui drew no frame within {FRAME_LIMIT:?}");
    };
    // Ctrl-C quits cognitui; `script` then ends and reaps it.
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"\x03").expect("send Ctrl-C");
    drop(stdin);
    let quit = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for script") {
            break status;
        }
        if quit.elapsed() > FRAME_LIMIT {
            stop(&mut child);
            panic!("cognitui did not quit on Ctrl-C within {FRAME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    assert!(status.success(), "cognitui did not quit cleanly: {status}");
    reader.join().expect("output reader");
    drawn.duration_since(begin)
}

/// Kills `script`; closing the pseudo-terminal hangs up cognitui inside it.
fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}
