//! Create or update from the file (the update key on the preview): every usable row's user is
//! looked up by username (ListUsers, exact, paced like every read), then the plan shows which
//! users are new, what changes for the others (old → new), which rows change nothing and are
//! skipped, and which cannot be applied and why. Enter runs it as a bulk run (AdminCreateUser,
//! AdminUpdateUserAttributes): the plan was its confirmation.

use super::{ImportPhase, ImportRun};
use crate::cognito::CognitoError;
use crate::cognito::filter::{self, Match, SearchAttribute};
use crate::cognito::model::{User, UsersPage};
use crate::import_update::{RowPlan, plan_row};
use crate::screens::bulk::BulkRun;
use crate::screens::lookups::Lookups;
use crate::screens::{Ctx, Next};

/// The users of the file's rows as read, and what the file does to each.
#[derive(Debug, Clone, Default)]
pub struct Update {
    lookups: Lookups,
    /// Each row's user as read: not yet, not in the pool, found, or why the read failed.
    read: Vec<Option<Result<Option<User>, String>>>,
    /// What the file does to each row's user, once every row was read.
    pub plans: Vec<RowPlan>,
}

impl Update {
    /// How many rows are read so far, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.read.iter().flatten().count(), self.read.len())
    }
}

impl ImportRun {
    /// The update key on the preview: each usable row's user is looked up.
    pub(super) fn check_users(&mut self, ctx: &mut Ctx) {
        let Some(file) = &self.file else {
            return;
        };
        let filters = file
            .rows
            .iter()
            .map(|row| {
                if row.problems.is_empty() {
                    Ok(filter::filter(
                        SearchAttribute::Username,
                        Match::Exact,
                        &row.username,
                    ))
                } else {
                    Err(row.problems.join(" "))
                }
            })
            .collect();
        self.update = Some(Update {
            lookups: Lookups::new(filters),
            read: vec![None; file.rows.len()],
            plans: Vec::new(),
        });
        self.phase = ImportPhase::Checking;
        ctx.scroll_to(0);
        self.read_next(ctx);
    }

    /// Sends the next look-ups; once every row is read, the plan.
    fn read_next(&mut self, ctx: &mut Ctx) {
        let Some(update) = &mut self.update else {
            return;
        };
        for (at, why) in update.lookups.send(ctx) {
            update.read[at] = Some(Err(why));
        }
        if !update.lookups.finished() {
            return;
        }
        if update.lookups.stopped {
            self.update = None;
            self.phase = ImportPhase::Preview;
            return;
        }
        let (Some(file), Some(pool)) = (&self.file, ctx.pool) else {
            return;
        };
        update.plans = file
            .rows
            .iter()
            .zip(&update.read)
            .map(|(row, read)| match read {
                Some(Ok(user)) => plan_row(row, user.as_ref(), &pool.schema, self.delivery),
                Some(Err(why)) => RowPlan::Refused(why.clone()),
                None => RowPlan::Refused("Not read.".into()),
            })
            .collect();
        self.phase = ImportPhase::Plan;
    }

    /// A row's user was read (`Ok(None)`: the pool has no such user).
    pub(super) fn on_user_read(
        &mut self,
        filter: Option<&String>,
        read: Result<UsersPage, &CognitoError>,
        ctx: &mut Ctx,
    ) {
        let Some(update) = &mut self.update else {
            return;
        };
        let Some(at) = update.lookups.answered(filter) else {
            return;
        };
        update.read[at] = Some(
            read.map(|page| page.users.into_iter().next())
                .map_err(ToString::to_string),
        );
        self.read_next(ctx);
    }

    /// Esc while the users are read: no more are; back to the preview once those on their way
    /// answered.
    pub(super) fn stop_checking(&mut self) {
        if let Some(update) = &mut self.update {
            update.lookups.stopped = true;
            if update.lookups.finished() {
                self.update = None;
                self.phase = ImportPhase::Preview;
            }
        }
    }

    /// Enter on the plan: a bulk run of its calls, which starts at once (the plan was its
    /// confirmation). An existing user is named as Cognito has them.
    pub(super) fn apply_plan(&mut self, ctx: &mut Ctx) -> Next {
        let (Some(file), Some(update)) = (&self.file, &self.update) else {
            return Next::Stay;
        };
        let each: Vec<(String, Vec<_>)> = file
            .rows
            .iter()
            .zip(&update.read)
            .zip(&update.plans)
            .filter_map(|((row, read), plan)| {
                let call = plan.call()?;
                let username = match read {
                    Some(Ok(Some(user))) => user.username.clone(),
                    _ => row.username.clone(),
                };
                Some((username, vec![call]))
            })
            .collect();
        if each.is_empty() {
            ctx.refuse("The file changes no user: nothing to run.".into());
            return Next::Stay;
        }
        let title = format!("Create or update from {}", self.path.display());
        let mut bulk = BulkRun::per_user(title, each, None, ctx.safety);
        bulk.start(ctx);
        Next::Open(Box::new(bulk))
    }
}
