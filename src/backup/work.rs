//! The worker's side of the backup, compare and restore screens: each runs the same code as
//! its command without a terminal, its progress lines going to the screen's tally.

use crate::action::{Action, Outcome};
use crate::audit::AuditLog;
use crate::cognito::Cognito;
use crate::commands::backup::back_up;
use crate::commands::compare::read_side;
use crate::compare::Comparison;
use crate::restore::apply::{apply, plan};
use crate::restore::sub_map::default_sub_map;

/// Runs a backup, comparison, restore plan or restore; any other action is not one of these.
pub async fn run(cognito: &Cognito, audit: &AuditLog, action: Action) -> Outcome {
    match action {
        Action::Backup {
            pool_id,
            path,
            resume,
            mfa,
            mut tally,
        } => Outcome::BackedUp(back_up(cognito, &pool_id, &path, resume, mfa, &mut tally).await),
        Action::Compare {
            pool_id,
            other,
            mut tally,
        } => Outcome::Compared(
            async {
                let a = read_side(cognito, &pool_id, &mut tally).await?;
                let b = read_side(cognito, &other, &mut tally).await?;
                Ok(Box::new(Comparison::of(&a, &b)))
            }
            .await,
        ),
        Action::PlanRestore {
            pool_id,
            from,
            choices,
            mut tally,
        } => Outcome::RestorePlanned(
            plan(
                cognito,
                &pool_id,
                &from,
                &default_sub_map(&from),
                choices,
                &mut tally,
            )
            .await
            .map(Box::new),
        ),
        Action::Restore {
            pool_id,
            plan,
            sub_map,
            mut tally,
        } => Outcome::Restored(apply(cognito, &pool_id, &plan, &sub_map, audit, &mut tally).await),
        other => unreachable!("{} is not a backup's", other.label()),
    }
}
