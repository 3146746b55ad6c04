//! Import jobs in the change lifecycle: a start or stop whose answer was lost, settled by
//! reading the pool's jobs again.

use super::Recheck;
use crate::action::{Action, Outcome, Request};
use crate::app::{App, Status};
use crate::cognito::CognitoError;
use crate::cognito::import::ImportJob;
use crate::keys::{Command, Context};

impl App {
    /// The pool's jobs as read after a start or stop whose answer was lost: what is true is
    /// said, and the change is offered again only if it was not applied.
    pub(super) fn on_job_recheck(
        &mut self,
        recheck: Recheck,
        jobs: Result<Vec<ImportJob>, CognitoError>,
    ) -> Vec<Request> {
        let retry = self.key_name(Context::Global, Command::Retry);
        let (change, why, said_applied) = recheck.into_parts();
        let what = super::what(&change);
        let jobs = match jobs {
            Ok(jobs) => jobs,
            Err(e) => {
                self.status = Some(Status::Error(format!(
                    "{why} '{what}' may or may not have been applied, and reading the import jobs again failed too: {e} List them (J in the table) before you send it again."
                )));
                return Vec::new();
            }
        };
        let (applied, sentence) = match &change {
            Action::StartImportJob { job, .. } => match jobs.iter().find(|j| j.name == job.name) {
                Some(found) if found.status != "Created" => (
                    true,
                    format!(
                        "'{what}' was applied all the same: the job {} ({}) is {}.",
                        found.name, found.id, found.status
                    ),
                ),
                Some(found) => (
                    false,
                    format!(
                        "{why} The job {} ({}) was made but not started: '{what}' was not applied; {retry} offers it again (the unused job expires).",
                        found.name, found.id
                    ),
                ),
                None => (
                    false,
                    format!(
                        "{why} No job named {} is in the pool: '{what}' was not applied; {retry} offers it again.",
                        job.name
                    ),
                ),
            },
            Action::StopImportJob { job, .. } => match jobs.iter().find(|j| j.id == job.id) {
                Some(found) if matches!(found.status.as_str(), "Stopping" | "Stopped") => (
                    true,
                    format!(
                        "'{what}' was applied all the same: the job {} is {}.",
                        found.name, found.status
                    ),
                ),
                Some(found) if found.stoppable() => (
                    false,
                    format!(
                        "{why} The job {} is still {}: '{what}' was not applied; {retry} offers it again.",
                        found.name, found.status
                    ),
                ),
                Some(found) => (
                    true,
                    format!(
                        "{why} The job {} is {}: it ended on its own, so there is nothing to stop.",
                        found.name, found.status
                    ),
                ),
                None => (
                    true,
                    format!(
                        "{why} The job {} is not among the pool's jobs any more: there is nothing to stop.",
                        job.name
                    ),
                ),
            },
            _ => return Vec::new(),
        };
        let (applied, sentence) = if said_applied {
            (true, why)
        } else {
            (applied, sentence)
        };
        // A job started after all shows its progress on the import screen that started it.
        let mut requests = Vec::new();
        if let (true, Action::StartImportJob { job, .. }) = (applied, &change)
            && let Some(found) = jobs.iter().find(|j| j.name == job.name)
        {
            requests = self.module_outcome(&change, Outcome::ImportJob(Ok(found.clone())));
        }
        // The jobs as read show on the import jobs screen, if it is the one shown.
        let (Action::StartImportJob { pool_id, .. } | Action::StopImportJob { pool_id, .. }) =
            &change
        else {
            return requests;
        };
        let read = Action::ListImportJobs {
            pool_id: pool_id.clone(),
        };
        requests.extend(self.module_outcome(&read, Outcome::ImportJobs(Ok(jobs))));
        if applied {
            self.status = Some(Status::Info(sentence));
        } else {
            let here = self.screen_key();
            self.keep_for_retry(Some(&here), change);
            self.status = Some(Status::Error(sentence));
        }
        requests
    }
}
