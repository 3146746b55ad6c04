//! Users restored through a Cognito user import job (`--passwords import-job`): the columns
//! the job takes (GetCSVHeader), the job made with its file (the users to create, in those
//! columns) and started, then followed until it ends (DescribeUserImportJob). The pool's users
//! are then read back: each one there is created, with their new `sub` in the mapping file;
//! each one missing is not, and the job's CloudWatch log says why.

use std::collections::HashMap;
use std::io::Write;
use std::time::Duration;

use chrono::Utc;

use super::Plan;
use super::ledger::{Ledger, Settled};
use super::sub_map::SubMap;
use crate::cognito::admin::AdminCall;
use crate::cognito::import::{ImportJob, NewImportJob};
use crate::cognito::{Cognito, with_backoff};
use crate::commands::doctor::load_users;
use crate::import::{ImportRow, job_csv};

/// How often a running job is asked where it is.
const POLL: Duration = Duration::from_secs(2);

/// Imports the plan's users with one import job; the disables to send after.
///
/// # Errors
/// A sentence: the job could not be made or followed, or the mapping file written.
pub(super) async fn import_users(
    cognito: &Cognito,
    pool_id: &str,
    plan: &Plan,
    map: &mut SubMap,
    ledger: &mut Ledger<'_>,
    progress: &mut (dyn Write + Send),
) -> Result<Vec<(String, AdminCall)>, String> {
    let mut then = Vec::new();
    if plan.create.is_empty() {
        return Ok(then);
    }
    let role = plan.import_role.as_deref().ok_or(
        "an import job needs the IAM role it writes CloudWatch logs with: give its ARN with --import-role",
    )?;
    let header = with_backoff(|| cognito.csv_header(pool_id))
        .await
        .map_err(|e| format!("GetCSVHeader: {e}"))?;
    let rows: Vec<ImportRow> = plan
        .create
        .iter()
        .enumerate()
        .map(|(i, user)| ImportRow {
            line: i + 2,
            username: user.username.clone(),
            attributes: user.attributes.clone(),
            problems: Vec::new(),
            invitation_problems: Vec::new(),
        })
        .collect();
    let job = NewImportJob {
        name: format!("cognitui-restore-{}", Utc::now().format("%Y%m%d-%H%M%S")),
        role_arn: role.to_owned(),
        csv: job_csv(&header, &rows)?,
        usernames: rows.into_iter().map(|r| r.username).collect(),
    };
    let started = start(cognito, pool_id, &job).await?;
    let ended = follow(cognito, pool_id, started, progress).await?;
    let users = load_users(cognito, pool_id, None, "restore", progress).await?;
    let subs: HashMap<String, Option<String>> = (0..users.len())
        .map(|i| {
            let user = users.get(i);
            let sub = user.attribute("sub").map(ToOwned::to_owned);
            (user.username, sub)
        })
        .collect();
    drop(users);
    for user in &plan.create {
        let result = subs.get(&user.username).cloned().ok_or_else(|| {
            Settled::NotDone(format!(
                "not in the pool after the import job {} ({}, {} failed): its CloudWatch log stream {}/{} says why",
                ended.name, ended.status, ended.failed, ended.id, ended.name
            ))
        });
        ledger.created("StartUserImportJob", user, result, map, &mut then)?;
    }
    Ok(then)
}

/// Makes and starts `job`. A lost answer is settled by finding the job among the pool's: a job
/// that was started is followed; one that was not is left for the agent to look at.
async fn start(cognito: &Cognito, pool_id: &str, job: &NewImportJob) -> Result<ImportJob, String> {
    match cognito.start_import_job(pool_id, job).await {
        Ok(started) => Ok(started),
        Err(e) if e.answer_may_be_lost() => {
            let jobs = cognito.list_import_jobs(pool_id).await.map_err(|read| {
                format!(
                    "the import job {}'s answer was lost ({e}) and the jobs could not be read ({read}): look at the pool's import jobs before you restore again",
                    job.name
                )
            })?;
            match jobs.into_iter().find(|j| j.name == job.name) {
                Some(found) if found.status != "Created" => Ok(found),
                Some(_) => Err(format!(
                    "the import job {} was made but not started ({e}): restore again, and the unused job expires",
                    job.name
                )),
                None => Err(format!(
                    "the import job {} was not made ({e}): restore again",
                    job.name
                )),
            }
        }
        Err(e) => Err(format!("the import job could not be started: {e}")),
    }
}

/// Asks where `job` is until it ends, saying so on `progress`.
async fn follow(
    cognito: &Cognito,
    pool_id: &str,
    mut job: ImportJob,
    progress: &mut (dyn Write + Send),
) -> Result<ImportJob, String> {
    loop {
        let _ = writeln!(
            progress,
            "cognitui restore: import job {} is {}: {} imported, {} skipped, {} failed",
            job.name, job.status, job.imported, job.skipped, job.failed
        );
        if job.finished() {
            return Ok(job);
        }
        tokio::time::sleep(POLL).await;
        job = with_backoff(|| cognito.describe_import_job(pool_id, &job.id))
            .await
            .map_err(|e| format!("DescribeUserImportJob ({}): {e}", job.name))?;
    }
}
