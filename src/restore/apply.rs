//! A backup restored (or copied) into a pool: the backup and the target are read and the
//! plan made ([`plan`]); then ([`apply`]) groups are created, users created (with no message,
//! invited, or imported by one import job), the disabled ones disabled, existing users updated
//! when asked, and memberships added, side by side within the write quotas. A call whose answer is lost is settled by reading again, never sent twice;
//! restoring again carries on where it stopped, since what exists is left out of the plan. New
//! `sub`s go to a mapping file as each user is created; each change goes to the audit log.
//! `cognitui restore` and the restore screen both run it.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use futures::StreamExt;

use super::import_job::import_users;
pub use super::ledger::Done;
use super::ledger::{Ledger, Settled};
use super::sub_map::{SubMap, created_before};
use super::{Choices, NewUser, Passwords, Plan};
use crate::audit::AuditLog;
use crate::backup::{BackedUpUser, Record, each_record};
use crate::cognito::admin::AdminCall;
use crate::cognito::groups::{GroupChange, GroupSpec};
use crate::cognito::invite::{Delivery, Invitation};
use crate::cognito::model::PoolInfo;
use crate::cognito::{Cognito, CognitoError, read_again, with_backoff};
use crate::commands::compare::read_pool;
use crate::compare::GroupFacts;
use crate::screens::users::SHARDS_IN_FLIGHT;
use crate::sentence::count;

/// A restore's plan, with the pool it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub plan: Plan,
    /// The target pool, as DescribeUserPool described it.
    pub pool: PoolInfo,
    /// The backup file the plan restores.
    pub from: PathBuf,
    /// Where the old `sub` → new `sub` lines go.
    pub sub_map: PathBuf,
}

/// Reads the backup at `from` and every user, group and membership of `pool_id`, and makes the
/// plan, finishing what an earlier run that wrote `sub_map` left. Progress goes to `progress`.
///
/// # Errors
/// A sentence: the backup or the target could not be read.
pub async fn plan(
    cognito: &Cognito,
    pool_id: &str,
    from: &Path,
    sub_map: &Path,
    choices: Choices,
    progress: &mut (dyn Write + Send),
) -> Result<Planned, String> {
    let earlier = created_before(sub_map)?;
    let (users, groups, members) = read_backup(from)?;
    let pool = read_again(|| cognito.open_pool(pool_id, None, None))
        .await
        .map_err(|e| format!("DescribeUserPool ({pool_id}): {e}"))?;
    let target = read_pool(cognito, pool_id, "restore", progress).await?;
    let mut plan = Plan::make(&users, &groups, &members, &target, &pool, &choices);
    plan.finish_earlier_run(&users, &target, &earlier);
    Ok(Planned {
        plan,
        pool,
        from: from.to_owned(),
        sub_map: sub_map.to_owned(),
    })
}

/// Carries out `plan` in `pool_id`: new `sub`s go to `sub_map`, each change to `audit`,
/// progress to `progress`.
///
/// # Errors
/// A sentence: the mapping file could not be written (what was done is in the audit log).
pub async fn apply(
    cognito: &Cognito,
    pool_id: &str,
    plan: &Plan,
    sub_map: &Path,
    audit: &AuditLog,
    progress: &mut (dyn Write + Send),
) -> Result<Done, String> {
    let mut ledger = Ledger::new(audit, pool_id);
    let mut map = SubMap::open(sub_map)?;
    create_groups(cognito, pool_id, plan, &mut ledger).await;
    let _ = writeln!(
        progress,
        "cognitui restore: creating {}…",
        count(plan.create.len(), "user")
    );
    let created = if plan.passwords == Passwords::ImportJob {
        import_users(cognito, pool_id, plan, &mut map, &mut ledger, progress).await
    } else {
        create_users(cognito, pool_id, plan, &mut map, &mut ledger, progress).await
    };
    let mut then = match created {
        Ok(then) => then,
        Err(e) => {
            say_unaudited(&ledger, progress);
            return Err(e);
        }
    };
    for username in &plan.disable {
        then.push((username.clone(), AdminCall::Disable));
    }
    for update in &plan.update {
        then.push((
            update.username.clone(),
            AdminCall::SetAttributes(update.attributes()),
        ));
    }
    let missing: HashSet<String> = ledger.not_done.iter().cloned().collect();
    for (group, username) in &plan.members {
        // A user not created gets no membership.
        if !missing.contains(username) {
            then.push((username.clone(), AdminCall::AddToGroup(group.clone())));
        }
    }
    let _ = writeln!(
        progress,
        "cognitui restore: {} to disable, update or add to groups…",
        count(then.len(), "change")
    );
    send_steps(cognito, pool_id, &then, &mut ledger, progress).await;
    say_unaudited(&ledger, progress);
    Ok(ledger.done)
}

fn say_unaudited(ledger: &Ledger<'_>, progress: &mut (dyn Write + Send)) {
    if let Some(e) = &ledger.unaudited {
        let _ = writeln!(
            progress,
            "cognitui restore: the audit log could not be written: {e}"
        );
    }
}

/// The backup at `path`: its users, groups and memberships.
type Backup = (
    Vec<BackedUpUser>,
    BTreeMap<String, GroupFacts>,
    Vec<(String, String)>,
);

fn read_backup(path: &Path) -> Result<Backup, String> {
    let (mut users, mut groups, mut members) = (Vec::new(), BTreeMap::new(), Vec::new());
    each_record(path, |record| match record {
        Record::User(user) => users.push(user),
        Record::Member { group, username } => members.push((group, username)),
        group => groups.extend(group.into_group()),
    })?;
    Ok((users, groups, members))
}

/// Creates the plan's groups; a group there already counts as created.
async fn create_groups(cognito: &Cognito, pool_id: &str, plan: &Plan, ledger: &mut Ledger<'_>) {
    for (name, facts) in &plan.groups {
        let change = GroupChange::Create(GroupSpec {
            name: name.clone(),
            description: facts.description.clone().unwrap_or_default(),
            precedence: facts.precedence,
            role_arn: facts.role_arn.clone(),
        });
        let result = match cognito.change_group(pool_id, &change).await {
            Ok(()) | Err(CognitoError::GroupExists) => Ok(()),
            Err(e) if e.answer_may_be_lost() => match cognito.list_groups(pool_id).await {
                Ok(now) if now.iter().any(|g| g.name == *name) => Ok(()),
                Ok(_) => cognito.change_group(pool_id, &change).await,
                Err(read) => Err(read),
            },
            Err(e) => Err(e),
        };
        if ledger.record("CreateGroup", name, result.map_err(Settled::Failed)) {
            ledger.done.groups += 1;
        }
    }
}

/// Creates the plan's users side by side, writes their new `sub`s to the mapping file, and
/// gives the disables to send after.
async fn create_users(
    cognito: &Cognito,
    pool_id: &str,
    plan: &Plan,
    map: &mut SubMap,
    ledger: &mut Ledger<'_>,
    progress: &mut (dyn Write + Send),
) -> Result<Vec<(String, AdminCall)>, String> {
    let delivery = |user: &NewUser| match plan.passwords {
        Passwords::Invite => Delivery::for_attributes(&user.attributes),
        Passwords::Suppress | Passwords::ImportJob => Delivery::Suppress,
    };
    // By index: a closure taking a reference cannot be sent to another task (the worker's).
    let mut created = futures::stream::iter(0..plan.create.len())
        .map(|i| {
            let user = &plan.create[i];
            async move { (user, create(cognito, pool_id, user, delivery(user)).await) }
        })
        .buffer_unordered(SHARDS_IN_FLIGHT);
    let (mut then, mut tell) = (Vec::new(), Tell::new(plan.create.len(), "users created"));
    while let Some((user, result)) = created.next().await {
        ledger.created("AdminCreateUser", user, result, map, &mut then)?;
        tell.one_more(progress);
    }
    Ok(then)
}

/// Says how far a run of calls got, at most once a second: "120 of 150 users created".
struct Tell {
    done: usize,
    of: usize,
    what: &'static str,
    said: std::time::Instant,
}

impl Tell {
    fn new(of: usize, what: &'static str) -> Self {
        Self {
            done: 0,
            of,
            what,
            said: std::time::Instant::now(),
        }
    }

    fn one_more(&mut self, progress: &mut (dyn Write + Send)) {
        self.done += 1;
        if self.said.elapsed() >= std::time::Duration::from_secs(1) || self.done == self.of {
            self.said = std::time::Instant::now();
            let _ = writeln!(
                progress,
                "cognitui restore: {} of {} {}",
                self.done, self.of, self.what
            );
        }
    }
}

/// Sends the disables, updates and memberships side by side.
async fn send_steps(
    cognito: &Cognito,
    pool_id: &str,
    steps: &[(String, AdminCall)],
    ledger: &mut Ledger<'_>,
    progress: &mut (dyn Write + Send),
) {
    let mut results = futures::stream::iter(0..steps.len())
        .map(|i| {
            let (username, call) = &steps[i];
            async move { (username, call, step(cognito, pool_id, username, call).await) }
        })
        .buffer_unordered(SHARDS_IN_FLIGHT);
    let mut tell = Tell::new(steps.len(), "changes sent");
    while let Some((username, call, result)) = results.next().await {
        tell.one_more(progress);
        let operation = match call {
            AdminCall::Disable => "AdminDisableUser",
            AdminCall::SetAttributes(_) => "AdminUpdateUserAttributes",
            _ => "AdminAddUserToGroup",
        };
        if ledger.record(operation, username, result) {
            let done = &mut ledger.done;
            *match call {
                AdminCall::Disable => &mut done.disabled,
                AdminCall::SetAttributes(_) => &mut done.updated,
                _ => &mut done.members,
            } += 1;
        }
    }
}

/// Creates `user`; their new `sub`. A lost answer is settled by reading the user: there, it
/// was created; not there, it is sent again (it was not applied).
async fn create(
    cognito: &Cognito,
    pool_id: &str,
    user: &NewUser,
    delivery: Delivery,
) -> Result<Option<String>, Settled> {
    let invitation = Invitation {
        username: user.username.clone(),
        attributes: user.attributes.clone(),
        temporary_password: None,
        delivery,
        resend: false,
        force_alias: false,
    };
    let sub = |u: &crate::cognito::model::User| u.attribute("sub").map(ToOwned::to_owned);
    for _ in 0..2 {
        match with_backoff(|| cognito.invite(pool_id, &invitation)).await {
            Ok(made) => return Ok(sub(&made)),
            Err(e) if e.answer_may_be_lost() => {
                match cognito.get_user(pool_id, &user.username).await {
                    Ok(found) => return Ok(sub(&found.user)),
                    Err(CognitoError::UserNotFound) => {}
                    Err(read) => {
                        return Err(Settled::Unknown(format!(
                            "the answer was lost ({e}) and reading the user failed too ({read}): look them up before you restore again"
                        )));
                    }
                }
            }
            Err(e) => return Err(Settled::Failed(e)),
        }
    }
    Err(Settled::Unknown(
        "the answer was lost twice and the user is not there: restore again to create them".into(),
    ))
}

/// Sends `call` (a disable, an update or a membership); a lost answer is settled by reading
/// the user.
async fn step(
    cognito: &Cognito,
    pool_id: &str,
    username: &str,
    call: &AdminCall,
) -> Result<(), Settled> {
    for _ in 0..2 {
        match cognito.bulk_step(pool_id, username, call).await {
            Ok(()) => return Ok(()),
            Err(e) if e.answer_may_be_lost() => match cognito.get_user(pool_id, username).await {
                Ok(found) => {
                    let applied = match call {
                        AdminCall::Disable => !found.user.enabled,
                        AdminCall::AddToGroup(group) => found.groups.contains(group),
                        AdminCall::SetAttributes(set) => set
                            .iter()
                            .all(|a| found.user.attribute(&a.name) == Some(a.value.as_str())),
                        _ => false,
                    };
                    if applied {
                        return Ok(());
                    }
                }
                Err(read) => {
                    return Err(Settled::Unknown(format!(
                        "the answer was lost ({e}) and reading the user failed too ({read})"
                    )));
                }
            },
            Err(e) => return Err(Settled::Failed(e)),
        }
    }
    Err(Settled::Unknown(
        "the answer was lost twice: restore again to finish".into(),
    ))
}
