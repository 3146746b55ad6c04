//! `cognitui compare A B`: each side a user pool id (read whole: every user, shard by shard
//! within the read rate, and every group's members) or a backup file; what differs printed
//! with the counts first (or as JSON). Exits 0 when they match, 1 when they differ, 2 when a
//! side cannot be read.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::doctor::{group_members, load_users};
use crate::backup::{BackedUpUser, Record, each_record};
use crate::cognito::{Cognito, read_again};
use crate::compare::{Comparison, GroupFacts, Side};
use crate::config::Settings;

/// Where a side is read from.
enum Source<'a> {
    Backup(&'a Path),
    Pool(&'a str),
}

fn source(spec: &str) -> Result<Source<'_>, String> {
    let path = Path::new(spec);
    if path.is_file() {
        Ok(Source::Backup(path))
    } else if spec.contains('_') && !spec.contains(['/', '.']) {
        Ok(Source::Pool(spec))
    } else {
        Err(format!(
            "{spec} is neither a backup file nor a user pool id (like eu-west-1_AbC123)"
        ))
    }
}

/// The side `spec` names, a pool id or a backup file, read whole.
///
/// # Errors
/// A sentence: `spec` names neither, or the side cannot be read.
pub async fn read_side(
    cognito: &Cognito,
    spec: &str,
    progress: &mut (dyn Write + Send),
) -> Result<Side, String> {
    match source(spec)? {
        Source::Backup(path) => read_backup(path),
        Source::Pool(id) => read_pool(cognito, id, "compare", progress).await,
    }
}

/// A whole backup file, as one side.
///
/// # Errors
/// A sentence: the file cannot be read, is not a backup, or was cut short.
pub fn read_backup(path: &Path) -> Result<Side, String> {
    let mut side = Side {
        name: format!("backup {}", path.display()),
        ..Side::default()
    };
    each_record(path, |record| match record {
        Record::User(user) => side.user(&user),
        Record::Member { group, username } => side.member(&group, &username),
        group => side.groups.extend(group.into_group()),
    })?;
    Ok(side)
}

/// Every user and group of `pool_id`, as one side.
///
/// # Errors
/// What could not be read, as a sentence.
pub async fn read_pool(
    cognito: &Cognito,
    pool_id: &str,
    command: &str,
    progress: &mut (dyn Write + Send),
) -> Result<Side, String> {
    let pool = read_again(|| cognito.open_pool(pool_id, None, None))
        .await
        .map_err(|e| format!("DescribeUserPool ({pool_id}): {e}"))?;
    let _ = writeln!(
        progress,
        "cognitui {command}: reading every user of {}…",
        pool.name
    );
    let users = load_users(cognito, pool_id, pool.estimated_users, command, progress).await?;
    let mut side = Side {
        name: format!("pool {pool_id} ({})", pool.name),
        ..Side::default()
    };
    for i in 0..users.len() {
        side.user(&BackedUpUser::of(&users.get(i)));
    }
    drop(users);
    let groups = read_again(|| cognito.list_groups(pool_id))
        .await
        .map_err(|e| format!("ListGroups ({pool_id}): {e}"))?;
    for group in groups {
        side.groups.insert(
            group.name,
            GroupFacts {
                description: group.description,
                precedence: group.precedence,
                role_arn: group.role_arn,
            },
        );
    }
    let members = group_members(cognito, pool_id)
        .await
        .map_err(|e| format!("ListUsersInGroup ({pool_id}): {e}"))?;
    for (group, names) in members {
        for name in names {
            side.member(&group, &name);
        }
    }
    Ok(side)
}

/// `cognitui compare A B`.
pub async fn run(settings: &Settings, a: &str, b: &str, json: bool) -> ExitCode {
    match compare(settings, a, b).await {
        Ok(comparison) => {
            let out = if json {
                serde_json::to_string_pretty(&comparison).unwrap_or_default()
            } else {
                comparison.text()
            };
            println!("{out}");
            if comparison.same() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("cognitui compare: {e}");
            ExitCode::from(2)
        }
    }
}

async fn compare(settings: &Settings, a: &str, b: &str) -> Result<Comparison, String> {
    let sources = [source(a)?, source(b)?];
    let cognito = tokio::sync::OnceCell::new();
    let mut progress = std::io::stderr();
    let mut sides = Vec::new();
    for source in sources {
        sides.push(match source {
            Source::Backup(path) => read_backup(path)?,
            Source::Pool(id) => {
                let cognito = cognito.get_or_try_init(|| super::connect(settings)).await?;
                read_pool(cognito, id, "compare", &mut progress).await?
            }
        });
    }
    Ok(Comparison::of(&sides[0], &sides[1]))
}
