//! `cognitui backup`: the pool's description, app clients, groups, every user (shard by shard,
//! side by side within the read rate) and every membership, streamed to a JSON Lines file
//! created for its owner only. `--resume` carries on a file cut short without reading again
//! its closed shards and groups.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio::time::Instant;

use crate::backup::{BackedUpUser, FORMAT, PoolDescription, Progress, Record, UserMfa, VERSION};
use crate::cognito::filter::{self, Match, SearchAttribute};
use crate::cognito::{Cognito, read_again};
use crate::config::Settings;
use crate::screens::users::{SHARDS_IN_FLIGHT, shard_prefixes};
use crate::sentence::count;

/// What a backup wrote, in all (with what an earlier run wrote before `--resume`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub users: usize,
    pub groups: usize,
    pub members: usize,
}

/// The backup file, written line by line.
struct Out {
    file: BufWriter<File>,
    progress: Progress,
}

impl Out {
    fn write(&mut self, record: &Record) -> Result<(), String> {
        writeln!(self.file, "{}", record.line()).map_err(|e| format!("writing the file: {e}"))
    }

    /// Writes what is buffered: a closed shard or group is on disk before it counts as done.
    fn flush(&mut self) -> Result<(), String> {
        self.file
            .flush()
            .map_err(|e| format!("writing the file: {e}"))
    }
}

/// Backs `pool_id` up into `path`, or with `resume` carries on the backup `path` holds.
/// Progress goes to `progress`.
///
/// # Errors
/// A sentence: the file cannot be created or resumed, or Cognito refused a read (what is
/// written stays, for `--resume`).
pub async fn back_up(
    cognito: &Cognito,
    pool_id: &str,
    path: &Path,
    resume: bool,
    mfa: bool,
    progress: &mut (dyn Write + Send),
) -> Result<Written, String> {
    let pool = read_again(|| cognito.open_pool(pool_id, None, None))
        .await
        .map_err(|e| format!("DescribeUserPool: {e}"))?;
    let mut out = if resume {
        match resume_file(path, pool_id, mfa)? {
            Some(out) => out,
            None => start(cognito, &pool, path, true, mfa).await?,
        }
    } else {
        start(cognito, &pool, path, false, mfa).await?
    };
    if out.progress.ended {
        let _ = writeln!(
            progress,
            "cognitui backup: {} is already whole.",
            path.display()
        );
    } else {
        users(cognito, pool_id, pool.estimated_users, &mut out, progress).await?;
        members(cognito, pool_id, &mut out, progress).await?;
        let p = &out.progress;
        let end = Record::End {
            users: p.users,
            groups: p.groups,
            members: p.members,
        };
        out.write(&end)?;
        out.flush()?;
    }
    let p = &out.progress;
    Ok(Written {
        users: p.users,
        groups: p.groups,
        members: p.members,
    })
}

/// The file cut short at `path`, ready to carry on; `None` when nothing past its groups was
/// written (it starts over). A file begun with (or without) users' MFA settings is carried on
/// only the same way, so that every user line holds the same.
fn resume_file(path: &Path, pool_id: &str, mfa: bool) -> Result<Option<Out>, String> {
    let read = File::open(path).map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
    let progress = Progress::read(BufReader::new(read))
        .map_err(|e| format!("{} cannot be resumed: {e}", path.display()))?;
    if progress.pool_id != pool_id {
        return Err(format!(
            "{} is a backup of pool {}, not of {pool_id}: resume it with --user-pool-id {}",
            path.display(),
            progress.pool_id,
            progress.pool_id
        ));
    }
    if progress.mfa != mfa && progress.started_users && !progress.ended {
        let was = if progress.mfa { "with" } else { "without" };
        return Err(format!(
            "{} was begun {was} the users' MFA settings: resume it {was} them (--mfa, or F5 on the backup screen), so that every user has the same",
            path.display()
        ));
    }
    if !progress.started_users {
        return Ok(None);
    }
    let file = crate::private_files::open(OpenOptions::new().write(true), path)
        .map_err(|e| format!("{} cannot be written: {e}", path.display()))?;
    // A line cut short by the interruption goes.
    file.set_len(progress.whole_len)
        .and_then(|()| {
            let mut file = &file;
            std::io::Seek::seek(&mut file, std::io::SeekFrom::End(0)).map(|_| ())
        })
        .map_err(|e| format!("{} cannot be written: {e}", path.display()))?;
    Ok(Some(Out {
        file: BufWriter::new(file),
        progress,
    }))
}

/// A new file at `path` (replacing one only when `restart`), with its header, the pool's
/// description, its app clients and its groups; with `mfa`, each user's MFA settings are read.
async fn start(
    cognito: &Cognito,
    pool: &crate::cognito::model::PoolInfo,
    path: &Path,
    restart: bool,
    mfa: bool,
) -> Result<Out, String> {
    let clients = cognito
        .client_settings(&pool.id)
        .await
        .map_err(|e| format!("ListUserPoolClients, DescribeUserPoolClient: {e}"))?;
    let groups = read_again(|| cognito.list_groups(&pool.id))
        .await
        .map_err(|e| format!("ListGroups: {e}"))?;
    let mut options = OpenOptions::new();
    options.write(true);
    if restart {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let file = crate::private_files::open(&mut options, path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!(
                "{} already exists: carry it on with --resume, or name another file",
                path.display()
            )
        } else {
            format!("{} cannot be created: {e}", path.display())
        }
    })?;
    let shards = shard_prefixes(pool.estimated_users);
    let mut out = Out {
        file: BufWriter::new(file),
        progress: Progress {
            pool_id: pool.id.clone(),
            shards: shards.clone(),
            mfa,
            groups: groups.len(),
            ..Progress::default()
        },
    };
    out.write(&Record::Header {
        format: FORMAT.into(),
        version: VERSION,
        pool_id: pool.id.clone(),
        pool_name: pool.name.clone(),
        started: Utc::now(),
        shards,
        mfa,
    })?;
    out.write(&Record::Pool(PoolDescription::of(pool)))?;
    for client in clients {
        out.write(&Record::Client(client))?;
    }
    for group in &groups {
        out.write(&Record::group(group))?;
    }
    out.flush()?;
    Ok(out)
}

/// Every user, shard by shard side by side: each page's users written as it comes, each shard
/// closed by its `shard_done` line.
async fn users(
    cognito: &Cognito,
    pool_id: &str,
    expected: Option<u32>,
    out: &mut Out,
    progress: &mut (dyn Write + Send),
) -> Result<(), String> {
    let mut waiting: Vec<String> = out
        .progress
        .shards
        .iter()
        .filter(|p| !out.progress.done_shards.contains(*p))
        .cloned()
        .rev()
        .collect();
    let read = |prefix: String, token: Option<String>| async move {
        let filter = filter::filter(SearchAttribute::Sub, Match::Prefix, &prefix);
        let page =
            read_again(|| cognito.list_users(pool_id, Some(&filter), token.as_deref())).await;
        (prefix, page)
    };
    let mut reading = FuturesUnordered::new();
    let started = Instant::now();
    let before = out.progress.users;
    let mut said = Instant::now();
    loop {
        while reading.len() < SHARDS_IN_FLIGHT
            && let Some(prefix) = waiting.pop()
        {
            reading.push(read(prefix, None));
        }
        let Some((prefix, page)) = reading.next().await else {
            break;
        };
        let page = page.map_err(|e| {
            format!("ListUsers ({prefix}…): {e}; what is written stays: carry on with --resume")
        })?;
        let written = out
            .progress
            .partial_shards
            .entry(prefix.clone())
            .or_default();
        let mut fresh: Vec<BackedUpUser> = page
            .users
            .iter()
            .filter(|u| written.insert(u.username.clone()))
            .map(BackedUpUser::of)
            .collect();
        if out.progress.mfa {
            with_mfa(cognito, pool_id, &mut fresh).await?;
        }
        for user in fresh {
            out.write(&Record::User(user))?;
            out.progress.users += 1;
        }
        if let Some(token) = page.next_token {
            reading.push(read(prefix, Some(token)));
        } else {
            let users = out
                .progress
                .partial_shards
                .remove(&prefix)
                .map_or(0, |s| s.len());
            out.write(&Record::ShardDone {
                prefix: prefix.clone(),
                users,
            })?;
            out.flush()?;
            out.progress.done_shards.insert(prefix);
        }
        if said.elapsed().as_secs() >= 1 {
            said = Instant::now();
            let _ = writeln!(
                progress,
                "cognitui backup: {}",
                rate_line(out.progress.users, before, expected, started)
            );
        }
    }
    Ok(())
}

/// Reads each of `users`' MFA settings (AdminGetUser), side by side within the read rate.
async fn with_mfa(
    cognito: &Cognito,
    pool_id: &str,
    users: &mut [BackedUpUser],
) -> Result<(), String> {
    let reads = users
        .iter()
        .map(|u| read_again(|| cognito.mfa_settings(pool_id, &u.username)));
    let read = futures::future::join_all(reads).await;
    for (user, settings) in users.iter_mut().zip(read) {
        let (enabled, preferred) = settings.map_err(|e| {
            format!(
                "AdminGetUser ({}): {e}; what is written stays: carry on with --resume",
                user.username
            )
        })?;
        user.mfa = Some(UserMfa { enabled, preferred });
    }
    Ok(())
}

/// "1,234 users written, 456 users/s, about 30 s left" (from the pool's estimate).
fn rate_line(users: usize, before: usize, expected: Option<u32>, started: Instant) -> String {
    let seconds = started.elapsed().as_secs_f64().max(0.001);
    #[allow(clippy::cast_precision_loss)] // counts of users, far below 2^52
    let (rate, left) = (
        (users - before) as f64 / seconds,
        expected.map_or(0, |n| n as usize).saturating_sub(users) as f64,
    );
    let written = format!("{} written, {rate:.0} users/s", count(users, "user"));
    if left > 0.0 && rate > 0.0 {
        format!("{written}, about {:.0} s left", (left / rate).ceil())
    } else {
        written
    }
}

/// Each group's members, page after page, each group closed by its `group_done` line.
async fn members(
    cognito: &Cognito,
    pool_id: &str,
    out: &mut Out,
    progress: &mut (dyn Write + Send),
) -> Result<(), String> {
    let groups = read_again(|| cognito.list_groups(pool_id))
        .await
        .map_err(|e| format!("ListGroups: {e}; what is written stays: carry on with --resume"))?;
    let _ = writeln!(
        progress,
        "cognitui backup: reading the members of {}…",
        count(groups.len(), "group")
    );
    for group in groups {
        if out.progress.done_groups.contains(&group.name) {
            continue;
        }
        let mut written: HashSet<String> = out
            .progress
            .partial_groups
            .remove(&group.name)
            .unwrap_or_default();
        let mut token = None;
        loop {
            let page = read_again(|| cognito.group_members(pool_id, &group.name, token.as_deref()))
                .await
                .map_err(|e| {
                    format!(
                        "ListUsersInGroup ({}): {e}; what is written stays: carry on with --resume",
                        group.name
                    )
                })?;
            for user in page.users {
                if written.insert(user.username.clone()) {
                    out.write(&Record::Member {
                        group: group.name.clone(),
                        username: user.username,
                    })?;
                    out.progress.members += 1;
                }
            }
            token = page.next_token;
            if token.is_none() {
                break;
            }
        }
        out.write(&Record::GroupDone {
            group: group.name.clone(),
            members: written.len(),
        })?;
        out.flush()?;
        out.progress.done_groups.insert(group.name);
    }
    Ok(())
}

/// `cognitui backup`: the pool of `settings` into `path`.
pub async fn run(settings: &Settings, path: &Path, resume: bool, mfa: bool) -> ExitCode {
    let Some(choice) = &settings.pool else {
        eprintln!(
            "cognitui backup: name the pool to back up with --pool NAME or --user-pool-id ID."
        );
        return ExitCode::from(2);
    };
    let cognito = match super::connect(settings).await {
        Ok(cognito) => cognito,
        Err(e) => {
            eprintln!("cognitui backup: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut progress = std::io::stderr();
    match back_up(
        &cognito,
        &choice.user_pool_id,
        path,
        resume,
        mfa,
        &mut progress,
    )
    .await
    {
        Ok(w) => {
            eprintln!(
                "cognitui backup: {} written: {}, {}, {}.",
                path.display(),
                count(w.users, "user"),
                count(w.groups, "group"),
                count(w.members, "membership")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cognitui backup: {e}");
            ExitCode::FAILURE
        }
    }
}
