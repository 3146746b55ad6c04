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
//! 6. `restore [USERS]`: `cognitui restore` of a backup of USERS users (default 10,000; some
//!    disabled, some in groups) into an empty simulated pool at the UserCreation quota (50 a
//!    second, `bulk_rate_per_second = 50`), 60 ms mean latency, 1% of answers lost to a reset
//!    once the change is applied: the time the creates took against the quota's time for the
//!    AdminCreateUser requests sent, the throttled answers, and whether every user was created
//!    exactly once (a lost answer read again, never sent twice), disabled and added to their
//!    groups.
//!
//! Run: `cargo bench --bench quota` (all), or
//! `cargo bench --bench quota -- load|recovery|faults|bulk|backup|restore`.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use cognitui::audit::AuditLog;
use cognitui::backup::{BackedUpUser, FORMAT, Record, VERSION};
use cognitui::cognito::quota::Category;
use cognitui::cognito::{Cognito, DEFAULT_READ_RATE};
use cognitui::config::PoolChoice;
use cognitui::dev::emulator_client;
use cognitui::dev::simulator::{POOL_ID, SimConfig, SimStats, Simulator};
use cognitui::event::Event;
use cognitui::keys::{KeyTable, Keymap};
use cognitui::restore::apply::{apply, plan};
use cognitui::restore::{Choices, Passwords, Unconfirmed};
use cognitui::screens::bulk::{BulkPhase, BulkRun};
use cognitui::session::Session;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// UserList's default quota, and the read rate the loads run at.
const USER_LIST_QUOTA: u32 = 30;
/// UserUpdate's default quota, and the bulk rate the bulk run runs at.
const USER_UPDATE_QUOTA: u32 = 25;
/// UserCreation's default quota, and the bulk rate the restore runs at.
const USER_CREATION_QUOTA: u32 = 50;
/// Longest a load may take.
const LIMIT: Duration = Duration::from_hours(1);

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let run = |name: &str| args.is_empty() || args.iter().any(|a| a == name);
    let given = args.iter().find_map(|a| a.parse::<u32>().ok());
    let users = given.unwrap_or(100_000);
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
    if run("restore") {
        runtime.block_on(restore(given.unwrap_or(10_000)));
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
        empty: false,
        latency: Duration::from_millis(60),
        jitter: 0.25,
        fault_rate,
        resets_only: false,
    }
}

/// An SDK client of the simulator as a real one is made: standard retries.
fn sdk_client(sim: &Simulator) -> Client {
    let sdk = emulator_client(sim.endpoint(), Duration::from_secs(30));
    Client::from_conf(
        sdk.config()
            .to_builder()
            .retry_config(RetryConfig::standard())
            .build(),
    )
}

/// A session on the simulated pool as a real one is made: standard retries, `--read-rate`.
fn session(sim: &Simulator) -> Session<TestBackend> {
    let sdk = sdk_client(sim);
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

/// Groups in the restore's backup.
const GROUPS: usize = 8;

/// What the restore's backup holds: its users, the disabled ones, and each group's members.
struct Backed {
    users: Vec<String>,
    disabled: Vec<String>,
    members: Vec<(String, String)>,
}

/// Writes a backup of `users` users to `path`: every one with an email, a third with a phone
/// too, one in 25 disabled, one in 10 in a group and one in 50 in a second one.
fn write_backup(path: &Path, users: u32) -> Backed {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("backup file"));
    let mut line = |record: Record| writeln!(file, "{}", record.line()).expect("written");
    let shards = (0..16).map(|d| format!("{d:x}")).collect();
    line(Record::Header {
        format: FORMAT.into(),
        version: VERSION,
        pool_id: "us-east-1_Source".into(),
        pool_name: "source".into(),
        started: chrono::Utc::now(),
        shards,
        mfa: false,
    });
    let group = |g: usize| format!("group{g}");
    for g in 0..GROUPS {
        line(Record::Group {
            name: group(g),
            description: Some(format!("Group {g}")),
            precedence: i32::try_from(g).ok(),
            role_arn: None,
        });
    }
    let mut backed = Backed {
        users: Vec::new(),
        disabled: Vec::new(),
        members: Vec::new(),
    };
    for i in 0..users {
        let username = format!("user{i:07}");
        let mut attributes = vec![
            (
                "sub",
                format!(
                    "{:08x}-0000-4000-8000-{i:012x}",
                    i.wrapping_mul(2_654_435_761)
                ),
            ),
            ("email", format!("{username}@example.com")),
            ("email_verified", "true".to_owned()),
            ("given_name", format!("User {i}")),
        ];
        if i % 3 == 0 {
            attributes.push(("phone_number", format!("+1555{i:07}")));
        }
        let enabled = i % 25 != 7;
        if !enabled {
            backed.disabled.push(username.clone());
        }
        let (n, g) = (i as usize, i as usize / 10);
        if n % 10 == 3 {
            backed.members.push((group(g % GROUPS), username.clone()));
        }
        if n % 50 == 11 {
            backed
                .members
                .push((group((g + 1) % GROUPS), username.clone()));
        }
        line(Record::User(BackedUpUser {
            username: username.clone(),
            status: if i % 20 == 1 {
                "FORCE_CHANGE_PASSWORD"
            } else {
                "CONFIRMED"
            }
            .into(),
            enabled,
            attributes: attributes
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            created: chrono::DateTime::from_timestamp(1_700_000_000 + i64::from(i), 0),
            modified: None,
            mfa: None,
        }));
        backed.users.push(username);
    }
    for (group, username) in &backed.members {
        line(Record::Member {
            group: group.clone(),
            username: username.clone(),
        });
    }
    line(Record::End {
        users: backed.users.len(),
        groups: GROUPS,
        members: backed.members.len(),
    });
    file.flush().expect("written");
    backed
}

/// Progress lines as they are written, each with when.
struct Timed {
    start: Instant,
    lines: Vec<(Duration, String)>,
    partial: Vec<u8>,
}

impl Timed {
    /// When the first line containing `text` was written.
    fn at(&self, text: &str) -> Option<Duration> {
        self.lines
            .iter()
            .find(|(_, l)| l.contains(text))
            .map(|(t, _)| *t)
    }
}

impl Write for Timed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.partial.extend_from_slice(buf);
        while let Some(end) = self.partial.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=end).collect();
            let line = String::from_utf8_lossy(&line).trim_end().to_owned();
            self.lines.push((self.start.elapsed(), line));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// How many of `wanted` were applied once, more than once, and never, by `applied`.
fn once_twice_never(
    applied: Option<&HashMap<String, usize>>,
    wanted: &[String],
) -> (usize, usize, usize) {
    let count = |name: &String| applied.and_then(|a| a.get(name)).copied().unwrap_or(0);
    let once = wanted.iter().filter(|n| count(n) == 1).count();
    let twice = wanted.iter().filter(|n| count(n) > 1).count();
    (once, twice, wanted.len() - once - twice)
}

async fn restore(users: u32) {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("backup.jsonl");
    let backed = write_backup(&file, users);
    let sim = Simulator::start(SimConfig {
        empty: true,
        resets_only: true,
        ..config(0, 0.01)
    })
    .await
    .expect("simulator");
    // As `cognitui restore` with `bulk_rate_per_second = 50` connects: standard retries, the
    // default read rate, changes at 50 a second (each category never above its quota).
    let cognito = Cognito::new(&sdk_client(&sim))
        .with_read_rate(DEFAULT_READ_RATE)
        .with_bulk_rate(USER_CREATION_QUOTA);
    let choices = Choices {
        unconfirmed: Unconfirmed::Skip,
        passwords: Passwords::Suppress,
        update_existing: false,
        import_role: None,
    };
    let sub_map = dir.path().join("subs.csv");
    let audit = AuditLog::new(None, "bench".into());
    let mut progress = Timed {
        start: Instant::now(),
        lines: Vec::new(),
        partial: Vec::new(),
    };
    let restore = async {
        let planned = plan(&cognito, POOL_ID, &file, &sub_map, choices, &mut progress).await?;
        apply(
            &cognito,
            POOL_ID,
            &planned.plan,
            &sub_map,
            &audit,
            &mut progress,
        )
        .await
    };
    let done = tokio::time::timeout(LIMIT, restore)
        .await
        .expect("the restore took too long")
        .expect("restore");
    let took = progress.start.elapsed().as_secs_f64();
    let creating = progress.at("creating").expect("the creates started");
    let then = progress.at("to disable").expect("the creates ended");
    let creates_took = then.saturating_sub(creating).as_secs_f64();
    let stats = sim.stats();
    let sent = |op: &str| stats.sent.get(op).copied().unwrap_or(0);
    let creates = sent("AdminCreateUser");
    let ideal =
        f64::from(u32::try_from(creates).unwrap_or(u32::MAX)) / f64::from(USER_CREATION_QUOTA);
    let (once, twice, never) =
        once_twice_never(stats.applied.get("AdminCreateUser"), &backed.users);
    let (disabled, disabled_twice, not_disabled) =
        once_twice_never(stats.applied.get("AdminDisableUser"), &backed.disabled);
    let member_of: HashMap<&str, usize> = stats
        .applied
        .get("AdminAddUserToGroup")
        .map(|a| a.iter().map(|(u, n)| (u.as_str(), *n)).collect())
        .unwrap_or_default();
    let mut wanted_of: HashMap<&str, usize> = HashMap::new();
    for (_, username) in &backed.members {
        *wanted_of.entry(username.as_str()).or_default() += 1;
    }
    let members_applied: usize = member_of.values().sum();
    let members_short: usize = wanted_of
        .iter()
        .map(|(u, n)| n.saturating_sub(member_of.get(u).copied().unwrap_or(0)))
        .sum();
    println!(
        "restore: {users} users ({} disabled, {} memberships in {GROUPS} groups) into an empty pool at {USER_CREATION_QUOTA}/s with 1% of answers lost to a reset once applied: {took:.1} s in all; the creates took {creates_took:.1} s for {creates} AdminCreateUser sent, which the quota allows in {ideal:.1} s: {:.1}% of its time; {} throttled ({} UserCreation); {} faults; {} AdminGetUser to settle lost answers; users created once: {once}, more than once: {twice}, missing: {never}; disabled once: {disabled} of {}, twice: {disabled_twice}, not: {not_disabled}; memberships applied: {members_applied} of {} ({members_short} missing); restore's summary: {} created, {} disabled, {} memberships, {} groups, {} unknown, {} failed",
        backed.disabled.len(),
        backed.members.len(),
        100.0 * creates_took / ideal,
        throttled(&stats),
        stats.throttled.get("UserCreation").copied().unwrap_or(0),
        stats.faults,
        sent("AdminGetUser"),
        backed.disabled.len(),
        backed.members.len(),
        done.created,
        done.disabled,
        done.members,
        done.groups,
        done.unknown.len(),
        done.failed.len(),
    );
    for line in done.unknown.iter().chain(&done.failed).take(5) {
        println!("  not done: {line}");
    }
}
