//! `cognitui restore`: the plan of restoring a backup into a pool printed; with `--dry-run`
//! that is all, and without `--yes` nothing is sent. Then the plan is carried out (see
//! [`crate::restore::apply`]), progress on stderr, and what was done printed.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::audit::AuditLog;
use crate::config::Settings;
use crate::restore::apply::{Done, apply, plan};
use crate::restore::{Choices, Passwords, Unconfirmed};

/// What `cognitui restore` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    pub from: PathBuf,
    pub dry_run: bool,
    pub passwords: Passwords,
    pub unconfirmed: Unconfirmed,
    /// Whether users that exist with other attributes get the backup's values.
    pub update_existing: bool,
    /// With `--passwords import-job`, the IAM role the import job writes CloudWatch logs with.
    pub import_role: Option<String>,
    /// Where the old `sub` → new `sub` lines go.
    pub sub_map: PathBuf,
}

/// `cognitui restore`.
pub async fn run(settings: &Settings, options: &Options, yes: bool) -> ExitCode {
    if !yes && !options.dry_run {
        eprintln!(
            "cognitui restore: this creates users and groups in the pool. See the plan first with --dry-run, then carry it out with --yes."
        );
        return ExitCode::from(2);
    }
    if options.passwords == Passwords::ImportJob {
        let problem = options.import_role.as_deref().map_or_else(
            || Some("--passwords import-job needs --import-role ARN: the IAM role the import job writes CloudWatch logs with.".to_owned()),
            crate::import::role_arn_problem,
        );
        if let Some(problem) = problem {
            eprintln!("cognitui restore: {problem}");
            return ExitCode::from(2);
        }
    }
    let Some(choice) = &settings.pool else {
        eprintln!(
            "cognitui restore: name the pool to restore into with --pool NAME or --user-pool-id ID."
        );
        return ExitCode::from(2);
    };
    match restore(settings, &choice.user_pool_id, options).await {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(done)) if done.unknown.is_empty() && done.failed.is_empty() => ExitCode::SUCCESS,
        Ok(Some(_)) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("cognitui restore: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints the plan on stdout and, unless it is a dry run, carries it out and prints what was
/// done.
async fn restore(
    settings: &Settings,
    pool_id: &str,
    options: &Options,
) -> Result<Option<Done>, String> {
    let cognito = super::connect(settings).await?;
    let (mut out, mut progress) = (std::io::stdout(), std::io::stderr());
    let choices = Choices {
        unconfirmed: options.unconfirmed,
        passwords: options.passwords,
        update_existing: options.update_existing,
        import_role: options.import_role.clone(),
    };
    let planned = plan(
        &cognito,
        pool_id,
        &options.from,
        &options.sub_map,
        choices,
        &mut progress,
    )
    .await?;
    let _ = writeln!(
        out,
        "Restoring {} into {pool_id} ({}):",
        options.from.display(),
        planned.pool.name
    );
    let _ = writeln!(out, "{}", planned.plan.text());
    if options.dry_run {
        let _ = writeln!(out, "\nDry run: nothing was sent.");
        return Ok(None);
    }
    let audit = AuditLog::new(
        AuditLog::default_path("audit.jsonl"),
        crate::aws_setup::profile_identity(settings),
    );
    let done = apply(
        &cognito,
        pool_id,
        &planned.plan,
        &options.sub_map,
        &audit,
        &mut progress,
    )
    .await?;
    let _ = writeln!(out, "\n{}", done.summary(&options.sub_map));
    for line in done.unknown.iter().chain(&done.failed) {
        let _ = writeln!(out, "  Not done: {line}");
    }
    Ok(Some(done))
}
