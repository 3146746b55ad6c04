//! Benchmarks that print numbers (no assertions on time):
//!
//! 1. `frame`: one frame of the lookup screen with 100,000 users loaded (TestBackend 160x50),
//!    and one rebuild of the refined view over them.
//! 2. `load`: wall time and peak RSS to load every user of a 10,000-user emulator pool, by
//!    cognitui's real app path (headless, "load all") and by `aws cognito-idp list-users`
//!    (awscli from PyPI), against the same server in the same run. Both run as child processes
//!    under `scripts/measure.py` (wall clock and `ru_maxrss`).
//! 3. `start`: process start to first frame of the real `cognitui` binary in a pseudo-terminal
//!    (`script`), until the header is written; beside it, the same binary's `--version`.
//! 4. `search`: how many ListUsers calls reach the emulator while `ann.tanaka0@example.com` is
//!    typed at 30 ms and at 150 ms a key, with the default 250 ms debounce and with none (a
//!    request-counting interceptor on the client; counts, not times).
//!
//! Run: `cargo bench --bench perf` (all), or `cargo bench --bench perf -- frame|load|start|search`.
//! Everything talks to a moto emulator on 127.0.0.1 only, and every wait has a time limit.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use aws_sdk_cognitoidentityprovider::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_cognitoidentityprovider::config::{ConfigBag, Intercept, RuntimeComponents};

use chrono::Utc;
use cognitui::app::{App, Screen};
use cognitui::cognito::Cognito;
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
        let endpoint = args.get(i + 1).expect("--load-all-child ENDPOINT POOL_ID");
        let pool_id = args.get(i + 2).expect("--load-all-child ENDPOINT POOL_ID");
        load_all_child(endpoint, pool_id);
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
    if run("load") || run("start") || run("search") {
        let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
        let emulator = Emulator::start().expect("emulator");
        if run("load") {
            runtime.block_on(load(&emulator));
        }
        if run("start") {
            runtime.block_on(start(&emulator));
        }
        if run("search") {
            runtime.block_on(search(&emulator));
        }
    }
}

fn keymap() -> Keymap {
    Keymap::new(&KeyTable::new()).expect("default keys")
}

fn synthetic_users(count: usize) -> Vec<User> {
    let last = ["smith", "garcia", "tanaka", "muller", "okafor"];
    (0..count)
        .map(|i| {
            let name = format!("user{i:06}.{}", last[i % last.len()]);
            User {
                attributes: vec![
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
        })
        .collect()
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn frame() {
    let mut app = App::new(keymap(), "bench".into(), (160, 50), Utc::now());
    app.screen = Screen::Lookup;
    app.lookup.add_page(UsersPage {
        users: synthetic_users(100_000),
        next_token: None,
    });
    let rows = app.table_rows();
    app.lookup.move_selection(50_000, rows);
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
    app.lookup.refine = tui_input::Input::new("garcia".into());
    let start = Instant::now();
    app.lookup.rebuild_view();
    println!(
        "  refine 'garcia' over 100,000 users: {:.1} ms ({} rows kept)",
        start.elapsed().as_secs_f64() * 1e3,
        app.lookup.view.len()
    );
    // Typing on narrows the rows shown instead of going through every loaded user again.
    app.lookup.refine = tui_input::Input::new("garci".into());
    app.lookup.rebuild_view();
    app.lookup.refine = tui_input::Input::new("garcia".into());
    let start = Instant::now();
    app.lookup.refine_view();
    println!(
        "  typing on, 'garci' -> 'garcia': {:.1} ms ({} rows kept)",
        start.elapsed().as_secs_f64() * 1e3,
        app.lookup.view.len()
    );
}

/// Child mode: load every user of the pool through the app, as a user pressing "load all".
fn load_all_child(endpoint: &str, pool_id: &str) {
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
            Cognito::new(&client),
            keymap(),
            "bench".into(),
            Some(choice),
        )
        .expect("session");
        // The search field has the keyboard when a pool opens; there ctrl-l loads every page.
        session.handle(Event::Key(KeyEvent::new(
            KeyCode::Char('l'),
            KeyModifiers::CONTROL,
        )));
        let loading = async {
            while !session.app.lookup.complete() {
                assert!(session.next().await, "events ended");
                assert!(session.app.status.is_none(), "{:?}", session.app.status);
            }
        };
        tokio::time::timeout(Duration::from_secs(CHILD_LIMIT_SECS), loading)
            .await
            .expect("loading every user took too long");
        session.draw().expect("draw");
        println!("loaded {}", session.app.lookup.users.len());
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

/// ListUsers calls sent while a search is typed at `every` a key with `debounce`, through the
/// whole app (session, worker, SDK) against the emulator.
async fn list_users_for_typing(
    endpoint: &str,
    pool: &str,
    every: Duration,
    debounce: Duration,
) -> usize {
    const TYPED: &str = "ann.tanaka0@example.com";
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
    session.app.search_debounce = debounce;
    let settle = async {
        while !(session.app.lookup.pages == 1 && session.app.in_flight.is_empty()) {
            assert!(session.next().await, "events ended");
        }
    };
    tokio::time::timeout(FRAME_LIMIT, settle)
        .await
        .expect("first page");
    let before = counter.0.load(Ordering::Relaxed);
    let events = session.events();
    let typing = tokio::spawn(async move {
        for c in TYPED.chars() {
            tokio::time::sleep(every).await;
            let _ = events.send(Event::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
    });
    let searched = async {
        while !(session.app.lookup.query.value() == TYPED
            && session.app.search_due.is_none()
            && session.app.in_flight.is_empty()
            && session.app.lookup.pages == 1)
        {
            assert!(session.next().await, "events ended");
        }
    };
    tokio::time::timeout(Duration::from_mins(1), searched)
        .await
        .expect("the typed search");
    typing.await.expect("typing");
    counter.0.load(Ordering::Relaxed) - before
}

async fn search(emulator: &Emulator) {
    let client = emulator_client(&emulator.endpoint(), Duration::from_secs(30));
    let pool = create_pool(&client, "search").await.expect("pool");
    add_users(&client, &pool, "ann.tanaka", 20)
        .await
        .expect("users");
    let debounce = Duration::from_millis(cognitui::config::DEFAULT_SEARCH_DEBOUNCE_MS);
    println!("search: ListUsers calls sent while typing 'ann.tanaka0@example.com' (23 keys)");
    for every in [30, 150] {
        let every = Duration::from_millis(every);
        let debounced = list_users_for_typing(&emulator.endpoint(), &pool, every, debounce).await;
        let each_key =
            list_users_for_typing(&emulator.endpoint(), &pool, every, Duration::ZERO).await;
        println!(
            "  {:>3} ms a key: {debounced} with the {} ms debounce, {each_key} searching at every key",
            every.as_millis(),
            debounce.as_millis()
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

async fn load(emulator: &Emulator) {
    let status = Command::new("bash")
        .arg(root().join("scripts/install-bench-tools"))
        .status()
        .expect("install bench tools");
    assert!(status.success(), "installing awscli failed");
    let client = emulator_client(&emulator.endpoint(), Duration::from_secs(30));
    let pool = create_pool(&client, "bench").await.expect("pool");
    // Seeded in tenths, to show progress: users `user0-00000` .. `user9-00999`.
    let seeding = Instant::now();
    for tenth in 0..10 {
        add_users(&client, &pool, &format!("user{tenth}-"), POOL_USERS / 10)
            .await
            .expect("seed");
        eprint!(
            "\rload: seeding the emulator pool: {} of {POOL_USERS} users",
            (tenth + 1) * POOL_USERS / 10
        );
    }
    eprintln!();
    println!(
        "load: {POOL_USERS} users seeded into the emulator in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    let exe = std::env::current_exe().expect("bench exe");
    let (out, wall, rss) = measure(
        Command::new(exe)
            .arg("--load-all-child")
            .arg(emulator.endpoint())
            .arg(&pool),
    );
    assert_eq!(
        out.trim(),
        format!("loaded {POOL_USERS}"),
        "cognitui loaded every user"
    );
    let ours = (wall, rss);

    let (out, wall, rss) = measure(
        Command::new(root().join(".venv-bench/bin/aws"))
            .args([
                "cognito-idp",
                "list-users",
                "--output",
                "json",
                "--region",
                "us-east-1",
            ])
            .arg("--user-pool-id")
            .arg(&pool)
            .arg("--endpoint-url")
            .arg(emulator.endpoint())
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
    );
    let aws_users = out.matches("\"Username\"").count();
    assert_eq!(aws_users, POOL_USERS, "awscli listed every user");
    println!(
        "  {:<34} {:>7} {:>9} {:>14}",
        "tool", "users", "wall s", "peak RSS MiB"
    );
    println!(
        "  {:<34} {:>7} {:>9.2} {:>14.1}",
        "cognitui (headless, load all)",
        POOL_USERS,
        ours.0,
        mib(ours.1)
    );
    println!(
        "  {:<34} {:>7} {:>9.2} {:>14.1}",
        "aws cognito-idp list-users",
        aws_users,
        wall,
        mib(rss)
    );
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
