//! `cognitui doctor`: every user of the pool read (the UI's sharded load, within the read
//! rate), the groups' members read (ListUsersInGroup), then the pool doctor's findings printed
//! as a report or as JSON.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, TimeDelta, Utc};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use serde::Serialize;
use tokio::time::Instant;

use crate::cognito::{Cognito, CognitoError, read_again};
use crate::config::Settings;
use crate::doctor::{Checkup, Finding, examine};
use crate::screens::users::ShardedLoad;
use crate::sentence::count;
use crate::store::UserStore;

/// What the doctor found in a pool.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub pool: String,
    pub users_scanned: usize,
    pub findings: Vec<Finding>,
}

/// Every user of `pool_id`, shard by shard, with a progress line of `command` on `progress`
/// now and then.
///
/// # Errors
/// A part of the pool that could not be read after its retries: the report would not be
/// about every user.
pub async fn load_users(
    cognito: &Cognito,
    pool_id: &str,
    expected: Option<u32>,
    command: &str,
    progress: &mut (dyn Write + Send),
) -> Result<UserStore, String> {
    let mut store = UserStore::default();
    let mut load = ShardedLoad::new(expected, &store, Instant::now());
    let mut reading = FuturesUnordered::new();
    let mut said = Instant::now();
    loop {
        for (filter, token) in load.next_pages(Instant::now()) {
            reading.push(async move {
                let page = cognito
                    .list_users(pool_id, Some(&filter), token.as_deref())
                    .await;
                (filter, page)
            });
        }
        if load.finished() && reading.is_empty() {
            break;
        }
        let Some((filter, page)) = reading.next().await else {
            // Every shard left waits out a backoff.
            let wait = load.next_retry().unwrap_or_else(Instant::now);
            tokio::time::sleep_until(wait).await;
            continue;
        };
        let Some(i) = load.shard(Some(&filter)) else {
            continue;
        };
        match page {
            Ok(page) => {
                let rows = store.len();
                for user in load.on_page(i, page.users, page.next_token, rows, &store) {
                    store.push(&user);
                }
            }
            Err(e) => load.on_failure(i, e.to_string(), e.transient(), Instant::now()),
        }
        if said.elapsed().as_secs() >= 1 {
            said = Instant::now();
            let _ = writeln!(
                progress,
                "cognitui {command}: {} read…",
                count(store.len(), "user")
            );
        }
    }
    if let Some(failure) = load.failures().first() {
        return Err(format!("a part of the pool could not be read: {failure}"));
    }
    Ok(store)
}

/// Each group's members (ListGroups, then ListUsersInGroup page after page).
///
/// # Errors
/// A read Cognito refused.
pub async fn group_members(
    cognito: &Cognito,
    pool_id: &str,
) -> Result<BTreeMap<String, Vec<String>>, CognitoError> {
    let mut members = BTreeMap::new();
    for group in read_again(|| cognito.list_groups(pool_id)).await? {
        let mut names = Vec::new();
        let mut token = None;
        loop {
            let page = read_again(|| cognito.group_members(pool_id, &group.name, token.as_deref()))
                .await?;
            names.extend(page.users.into_iter().map(|u| u.username));
            token = page.next_token;
            if token.is_none() {
                break;
            }
        }
        members.insert(group.name, names);
    }
    Ok(members)
}

/// Reads `pool_id` and examines it as of `now`; UNCONFIRMED users older than `stale_days`
/// are stale.
///
/// # Errors
/// What could not be read, as a sentence.
pub async fn examine_pool(
    cognito: &Cognito,
    pool_id: &str,
    now: DateTime<Utc>,
    stale_days: i64,
    progress: &mut (dyn Write + Send),
) -> Result<Report, String> {
    let pool = cognito
        .open_pool(pool_id, None, None)
        .await
        .map_err(|e| format!("DescribeUserPool: {e}"))?;
    let _ = writeln!(
        progress,
        "cognitui doctor: reading every user of {}…",
        pool.name
    );
    let users = load_users(cognito, pool_id, pool.estimated_users, "doctor", progress).await?;
    let _ = writeln!(progress, "cognitui doctor: reading the groups' members…");
    let groups = group_members(cognito, pool_id)
        .await
        .map_err(|e| format!("ListGroups or ListUsersInGroup: {e}"))?;
    let checkup = Checkup {
        now,
        invitation_days: pool.temporary_password_validity_days,
        stale_after: TimeDelta::days(stale_days),
        groups,
    };
    Ok(Report {
        pool: pool.name,
        users_scanned: users.len(),
        findings: examine(&users, &checkup),
    })
}

/// The report as text: each finding with its count, why it matters, the fix and its users.
pub fn text(report: &Report) -> String {
    let found = match report.findings.len() {
        0 => "nothing found".to_owned(),
        n => count(n, "finding"),
    };
    let mut lines = vec![format!(
        "Pool {}: {} examined, {found}.",
        report.pool,
        count(report.users_scanned, "user"),
    )];
    for finding in &report.findings {
        let kind = finding.kind;
        lines.push(String::new());
        lines.push(format!(
            "{} ({}): {}",
            kind.title(),
            kind.id(),
            count(finding.users.len(), "user")
        ));
        lines.push(format!("  Why: {}", kind.why()));
        lines.push(format!("  Fix: {}", kind.fix()));
        lines.extend(finding.users.iter().map(|user| format!("  - {user}")));
    }
    lines.join("\n")
}

/// `cognitui doctor`: the pool of `settings` examined, the report (or JSON) on stdout.
pub async fn run(settings: &Settings, json: bool, stale_days: i64) -> ExitCode {
    let Some(choice) = &settings.pool else {
        eprintln!(
            "cognitui doctor: name the pool to examine with --pool NAME or --user-pool-id ID."
        );
        return ExitCode::from(2);
    };
    let cognito = match super::connect(settings).await {
        Ok(cognito) => cognito,
        Err(e) => {
            eprintln!("cognitui doctor: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut progress = std::io::stderr();
    let report = match examine_pool(
        &cognito,
        &choice.user_pool_id,
        Utc::now(),
        stale_days,
        &mut progress,
    )
    .await
    {
        Ok(report) => report,
        Err(e) => {
            eprintln!("cognitui doctor: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = if json {
        serde_json::to_string_pretty(&report).unwrap_or_default()
    } else {
        text(&report)
    };
    println!("{out}");
    ExitCode::SUCCESS
}
