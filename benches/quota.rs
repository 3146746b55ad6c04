//! Quota benchmarks against the quota-true simulator (`cognitui::dev::simulator`), printing
//! numbers (no assertions on time):
//!
//! 1. `load [USERS]`: the whole pool loaded through the app ("load all": 16 `sub` shards side by
//!    side) at the UserList quota (30 a second, `--read-rate 30`), 60 ms mean latency ±25%:
//!    wall time, pages, the time the quota allows for those pages, how close the load held it,
//!    throttled answers, and peak RSS. Default 100,000 users; `load 1000000` for a million.
//! 2. `recovery`: the same load while the simulator lowers UserList to 10 a second for 5 s:
//!    the requests a second cognitui sent before, during and after, the throttled answers, and
//!    how long after the quota came back cognitui was sending at 95% of it again.
//! 3. `faults`: 20,000 users with 1% of answers a 500 or a reset connection: whether every
//!    user was loaded once, and the time.
//! 4. `bulk`: 10,000 users disabled in a bulk run at the UserUpdate quota (25 a second,
//!    `bulk_rate_per_second = 25`), with 1% of answers a 500 (not applied) or a reset once
//!    applied (the answer lost): the time against the quota's, the throttled share, and
//!    whether every user was disabled exactly once (a lost answer read again, never sent
//!    twice; what was not applied sent again with `Ctrl-R`).
//!
//! 5. `backup [USERS]`: `cognitui backup` of the whole pool (256 `sub` shards above 100,000
//!    users) at the UserList quota, 60 ms mean latency: wall time against the quota's time for
//!    the pages sent, the file's size, and how much the process's peak RSS grew over the
//!    simulator's own pool.
//!
//! Run: `cargo bench --bench quota` (all), or
//! `cargo bench --bench quota -- load|recovery|faults|bulk|backup`.

use std::time::{Duration, Instant};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use cognitui::cognito::Cognito;
use cognitui::cognito::quota::Category;
use cognitui::config::PoolChoice;
use cognitui::dev::emulator_client;
use cognitui::dev::simulator::{POOL_ID, SimConfig, SimStats, Simulator};
use cognitui::event::Event;
use cognitui::keys::{KeyTable, Keymap};
use cognitui::screens::bulk::{BulkPhase, BulkRun};
use cognitui::session::Session;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// UserList's default quota, and the read rate the loads run at.
const USER_LIST_QUOTA: u32 = 30;
/// UserUpdate's default quota, and the bulk rate the bulk run runs at.
const USER_UPDATE_QUOTA: u32 = 25;
/// Longest a load may take.
const LIMIT: Duration = Duration::from_hours(1);

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let run = |name: &str| args.is_empty() || args.iter().any(|a| a == name);
    let users = args
        .iter()
        .find_map(|a| a.parse::<u32>().ok())
        .unwrap_or(100_000);
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    if run("load") {
        runtime.block_on(load(users));
    }
    if run("recovery") {
        runtime.block_on(recovery());
    }
    if run("faults") {
        runtime.block_on(faults());
    }
    if run("bulk") {
        runtime.block_on(bulk());
    }
    if run("backup") {
        runtime.block_on(backup(users));
    }
}

/// This process's resident memory now (VmRSS), in MiB.
fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS");
    kib / 1024.0
}

async fn backup(users: u32) {
    let sim = Simulator::start(config(users, 0.0))
        .await
        .expect("simulator");
    let sdk = emulator_client(sim.endpoint(), Duration::from_secs(30));
    let cognito = Cognito::new(&sdk).with_read_rate(USER_LIST_QUOTA);
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("backup.jsonl");
    let before = rss_mib();
    let start = Instant::now();
    let written = cognitui::commands::backup::back_up(
        &cognito,
        POOL_ID,
        &file,
        false,
        false,
        &mut std::io::sink(),
    )
    .await
    .expect("backup");
    let took = start.elapsed().as_secs_f64();
    let sent = sim.stats().list_users_at.len();
    let ideal = f64::from(u32::try_from(sent).unwrap_or(u32::MAX)) / f64::from(USER_LIST_QUOTA);
    let size = std::fs::metadata(&file).map_or(0, |m| m.len());
    #[allow(clippy::cast_precision_loss)] // a file size, far below 2^52
    let size_mib = size as f64 / 1_048_576.0;
    println!(
        "backup: {} of {users} users in {took:.1} s; {sent} ListUsers sent, at the quota ({USER_LIST_QUOTA}/s) they take {ideal:.1} s: held {:.1}% of it; file {size_mib:.0} MiB; RSS {before:.0} MiB before (the simulator's pool), peak {:.0} MiB: the backup added at most {:.0} MiB",
        written.users,
        100.0 * ideal / took,
        peak_rss_mib(),
        peak_rss_mib() - before,
    );
}

fn config(users: u32, fault_rate: f64) -> SimConfig {
    SimConfig {
        users,
        latency: Duration::from_millis(60),
        jitter: 0.25,
        fault_rate,
    }
}

/// A session on the simulated pool as a real one is made: standard retries, `--read-rate`.
fn session(sim: &Simulator) -> Session<TestBackend> {
    let sdk = emulator_client(sim.endpoint(), Duration::from_secs(30));
    let sdk = Client::from_conf(
        sdk.config()
            .to_builder()
            .retry_config(RetryConfig::standard())
            .build(),
    );
    let keymap = Keymap::new(&KeyTable::new()).expect("default keys");
    Session::start(
        Terminal::new(TestBackend::new(120, 40)).expect("terminal"),
        Cognito::new(&sdk)
            .with_read_rate(USER_LIST_QUOTA)
            .with_bulk_rate(USER_UPDATE_QUOTA),
        keymap,
        "simulator".into(),
        Some(PoolChoice {
            user_pool_id: POOL_ID.into(),
            client_id: None,
            client_secret: None,
        }),
    )
    .expect("session")
}

/// Presses "load all" and runs the session until every user is loaded, or the load stopped
/// with parts that failed after every try (`during` sees the time as it goes); the time it
/// took.
async fn load_all(s: &mut Session<TestBackend>, mut during: impl FnMut(Duration)) -> Duration {
    // The search field has the keyboard when a pool opens; there ctrl-l loads every user.
    s.handle(Event::Key(KeyEvent::new(
        KeyCode::Char('l'),
        KeyModifiers::CONTROL,
    )));
    let started = Instant::now();
    let loading = async {
        while !s.app.lookup().complete() && s.app.lookup().sharded_loading() {
            assert!(s.next().await, "events ended");
            during(started.elapsed());
        }
    };
    tokio::time::timeout(LIMIT, loading)
        .await
        .expect("the load took too long");
    started.elapsed()
}

fn pages(stats: &SimStats) -> usize {
    stats.answered.get("ListUsers").copied().unwrap_or(0)
}

fn throttled(stats: &SimStats) -> usize {
    stats.throttled.values().sum()
}

/// This process's peak resident memory (VmHWM), in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kib: u32 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM");
    f64::from(kib) / 1024.0
}

/// Requests a second in each whole second of `at` (arrival times).
fn per_second(at: &[Duration]) -> Vec<usize> {
    let seconds = at.iter().map(Duration::as_secs).max().map_or(0, |s| s + 1);
    let mut counts = vec![0; usize::try_from(seconds).unwrap_or(0)];
    for t in at {
        counts[usize::try_from(t.as_secs()).unwrap_or(0)] += 1;
    }
    counts
}

async fn load(users: u32) {
    let sim = Simulator::start(config(users, 0.0))
        .await
        .expect("simulator");
    let mut s = session(&sim);
    let took = load_all(&mut s, |_| {}).await;
    let stats = sim.stats();
    let loaded = s.app.lookup().users.len();
    let sent = stats.list_users_at.len();
    let ideal = f64::from(u32::try_from(sent).unwrap_or(u32::MAX)) / f64::from(USER_LIST_QUOTA);
    println!(
        "load: {loaded} of {users} users in {:.1} s; {} pages answered, {sent} ListUsers sent, {} throttled; at the quota ({USER_LIST_QUOTA}/s) {sent} requests take {ideal:.1} s: held {:.1}% of it; peak RSS {:.0} MiB",
        took.as_secs_f64(),
        pages(&stats),
        throttled(&stats),
        100.0 * ideal / took.as_secs_f64(),
        peak_rss_mib(),
    );
}

async fn recovery() {
    const USERS: u32 = 60_000;
    let (low_from, low_until) = (Duration::from_secs(8), Duration::from_secs(13));
    let sim = Simulator::start(config(USERS, 0.0))
        .await
        .expect("simulator");
    let mut s = session(&sim);
    let (mut lowered, mut raised) = (false, false);
    let took = load_all(&mut s, |t| {
        if !lowered && t >= low_from {
            sim.set_quota(Category::UserList, 10.0);
            lowered = true;
        }
        if !raised && t >= low_until {
            sim.set_quota(Category::UserList, f64::from(USER_LIST_QUOTA));
            raised = true;
        }
    })
    .await;
    let stats = sim.stats();
    // The load starts a moment after the simulator: count from the first ListUsers.
    let first = stats.list_users_at.first().copied().unwrap_or_default();
    let at: Vec<Duration> = stats
        .list_users_at
        .iter()
        .map(|t| t.saturating_sub(first))
        .collect();
    let rates = per_second(&at);
    let full = 0.95 * f64::from(USER_LIST_QUOTA);
    let back = rates
        .iter()
        .enumerate()
        .skip(usize::try_from(low_until.as_secs()).unwrap_or(0))
        .find(|(_, r)| f64::from(u32::try_from(**r).unwrap_or(0)) >= full)
        .map(|(second, _)| second);
    let rates: Vec<String> = rates.iter().map(ToString::to_string).collect();
    println!(
        "recovery: UserList lowered to 10/s from {}s to {}s of a {USERS}-user load ({:.1} s); ListUsers sent each second: {}; {} throttled answers; back at 95% of {USER_LIST_QUOTA}/s {}",
        low_from.as_secs(),
        low_until.as_secs(),
        took.as_secs_f64(),
        rates.join(" "),
        throttled(&stats),
        back.map_or_else(
            || "never".to_owned(),
            |b| format!(
                "in second {b}, {} s after the quota came back",
                b.saturating_sub(usize::try_from(low_until.as_secs()).unwrap_or(0)) + 1
            )
        ),
    );
}

async fn faults() {
    const USERS: u32 = 20_000;
    let sim = Simulator::start(config(USERS, 0.01))
        .await
        .expect("simulator");
    let mut s = session(&sim);
    let took = load_all(&mut s, |_| {}).await;
    let failed = if s.app.lookup().complete() {
        "none".to_owned()
    } else {
        format!("{:?}", s.app.status())
    };
    let stats = sim.stats();
    let mut names: Vec<&str> = (0..s.app.lookup().users.len())
        .map(|i| s.app.lookup().users.username(i))
        .collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    println!(
        "faults: 1% of answers a 500 or a reset: {} of {USERS} users loaded ({} twice) in {:.1} s; {} faults; parts failed after every try: {failed}",
        names.len(),
        before - names.len(),
        took.as_secs_f64(),
        stats.faults,
    );
}

fn press(s: &mut Session<TestBackend>, code: KeyCode, modifiers: KeyModifiers) {
    s.handle(Event::Key(KeyEvent::new(code, modifiers)));
}

/// The bulk run shown.
fn run_shown(s: &Session<TestBackend>) -> &BulkRun {
    s.app.module_as::<BulkRun>().expect("the bulk run is shown")
}

async fn bulk() {
    const USERS: u32 = 10_000;
    let sim = Simulator::start(config(USERS, 0.01))
        .await
        .expect("simulator");
    let mut s = session(&sim);
    load_all(&mut s, |_| {}).await;
    assert!(s.app.lookup().complete(), "every user loaded");
    // The table, every row marked, the bulk menu, "Disable" (the fourth choice), its preview.
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('*'), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
    for _ in 0..3 {
        press(&mut s, KeyCode::Down, KeyModifiers::NONE);
    }
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        run_shown(&s).targets.len(),
        usize::try_from(USERS).expect("users")
    );
    let before = sim.stats();
    let started = Instant::now();
    let mut rounds = 0;
    let (mut lost, mut sent_again) = (0, 0);
    loop {
        rounds += 1;
        press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
        let running = async {
            while run_shown(&s).phase != BulkPhase::Done {
                assert!(s.next().await, "events ended");
            }
        };
        tokio::time::timeout(LIMIT, running)
            .await
            .expect("the bulk run took too long");
        let run = run_shown(&s);
        lost += run.lost.len();
        if run.failed.is_empty() {
            break;
        }
        sent_again += run.failed.len();
        // What was found not applied is offered again: the preview with just those users.
        press(&mut s, KeyCode::Char('r'), KeyModifiers::CONTROL);
    }
    let took = started.elapsed();
    let stats = sim.stats();
    let disables = |stats: &SimStats| {
        stats
            .answered
            .get("AdminDisableUser")
            .copied()
            .unwrap_or_default()
    };
    let throttled_now = stats.throttled.get("UserUpdate").copied().unwrap_or(0)
        - before.throttled.get("UserUpdate").copied().unwrap_or(0);
    let answered = disables(&stats) - disables(&before);
    let sent = answered + throttled_now + (stats.faults - before.faults);
    let once = stats.changed.values().filter(|n| **n == 1).count();
    let twice = stats.changed.values().filter(|n| **n > 1).count();
    let never = usize::try_from(USERS).expect("users") - stats.changed.len();
    let ideal = f64::from(USERS) / f64::from(USER_UPDATE_QUOTA);
    let throttled_share = 100.0 * f64::from(u32::try_from(throttled_now).unwrap_or(u32::MAX))
        / f64::from(u32::try_from(sent.max(1)).unwrap_or(u32::MAX));
    println!(
        "bulk: {USERS} users disabled at {USER_UPDATE_QUOTA}/s with 1% faults in {:.1} s ({rounds} rounds; the quota allows {USERS} in {ideal:.1} s: {:.1}% of its time); {sent} AdminDisableUser sent, {throttled_now} throttled ({throttled_share:.2}%); {} faults; {lost} answers lost and found applied on a re-read; {sent_again} found not applied and sent again; users disabled once: {once}, more than once: {twice}, never: {never}",
        took.as_secs_f64(),
        100.0 * took.as_secs_f64() / ideal,
        stats.faults - before.faults,
    );
}
