//! The pool's import jobs (`J` in the user table): every job with its status, counts and dates,
//! the selected one's CloudWatch log group; stopping a Pending or InProgress job, confirmed
//! first. A start or stop whose answer was lost is settled by reading the jobs again.

use super::lifecycle::Recheck;
use super::{App, Screen, Status};
use crate::action::{Action, Outcome, Request};
use crate::cognito::CognitoError;
use crate::cognito::import::ImportJob;
use crate::keys::{Command, Context};

/// The import jobs screen.
#[derive(Debug, Clone, Default)]
pub struct ImportJobsView {
    /// `None` until ListUserImportJobs answers.
    pub jobs: Option<Vec<ImportJob>>,
    pub selected: usize,
}

impl ImportJobsView {
    pub fn selected_job(&self) -> Option<&ImportJob> {
        self.jobs.as_ref()?.get(self.selected)
    }
}

/// What stopping `job` does, for its confirmation.
pub fn stop_notes(job: &ImportJob) -> Vec<String> {
    vec![
        format!(
            "Stop the import job {} ({}), now {} with {} imported (StopUserImportJob).",
            job.name, job.id, job.status, job.imported
        ),
        "Users already imported stay in the pool; the rest of the file is not imported. A stopped job cannot be started again.".into(),
    ]
}

impl App {
    /// `J` in the user table: the pool's import jobs.
    pub(super) fn open_import_jobs(&mut self) -> Vec<Request> {
        self.screen = Screen::ImportJobs(Box::default());
        self.read_import_jobs()
    }

    /// Reads the jobs, unless a read of them is already on its way.
    fn read_import_jobs(&mut self) -> Vec<Request> {
        let reading = self
            .in_flight
            .values()
            .any(|a| matches!(a, Action::ListImportJobs { .. }));
        let Some(pool_id) = self.pool_id().filter(|_| !reading) else {
            return Vec::new();
        };
        self.request(Action::ListImportJobs { pool_id })
    }

    /// Keys on the import jobs screen.
    pub(super) fn import_jobs_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::ImportJobs(v) = &mut self.screen else {
            return Vec::new();
        };
        let count = v.jobs.as_ref().map_or(0, Vec::len);
        match command {
            Command::Up => v.selected = v.selected.saturating_sub(1),
            Command::Down => v.selected = (v.selected + 1).min(count.saturating_sub(1)),
            Command::Top => v.selected = 0,
            Command::Bottom => v.selected = count.saturating_sub(1),
            // The jobs shown stay until the new list arrives; a failed reload keeps them.
            Command::Refresh => return self.read_import_jobs(),
            Command::StopJob => return self.stop_selected_job(),
            Command::Back => self.screen = Screen::Lookup,
            _ => {}
        }
        Vec::new()
    }

    /// The stop key: the selected job, if it can be stopped, goes to its confirmation.
    fn stop_selected_job(&mut self) -> Vec<Request> {
        let (Screen::ImportJobs(v), Some(pool_id)) = (&self.screen, self.pool_id()) else {
            return Vec::new();
        };
        let Some(job) = v.selected_job().cloned() else {
            return Vec::new();
        };
        if !job.stoppable() {
            self.status = Some(Status::Error(format!(
                "The import job {} is {}: only a Pending or InProgress job can be stopped.",
                job.name, job.status
            )));
            return Vec::new();
        }
        self.request(Action::StopImportJob { pool_id, job })
    }

    /// The jobs arrived, or a stop was answered: the screen shows them.
    pub(super) fn on_import_jobs_outcome(&mut self, outcome: Outcome) -> Vec<Request> {
        match outcome {
            Outcome::ImportJobs(Ok(jobs)) => self.show_import_jobs(jobs),
            Outcome::JobStopped(Ok(job)) => {
                self.status = Some(Status::Info(format!(
                    "The import job {} is {}: users imported so far stay in the pool.",
                    job.name, job.status
                )));
                self.replace_job(job);
            }
            _ => {}
        }
        Vec::new()
    }

    fn show_import_jobs(&mut self, jobs: Vec<ImportJob>) {
        if let Screen::ImportJobs(v) = &mut self.screen {
            v.selected = v.selected.min(jobs.len().saturating_sub(1));
            v.jobs = Some(jobs);
        }
    }

    fn replace_job(&mut self, job: ImportJob) {
        if let Screen::ImportJobs(v) = &mut self.screen
            && let Some(shown) = v
                .jobs
                .as_mut()
                .and_then(|jobs| jobs.iter_mut().find(|j| j.id == job.id))
        {
            *shown = job;
        }
    }

    /// The pool's jobs as read after a start or stop whose answer was lost: what is true is
    /// said, and the change is offered again only if it was not applied.
    pub(super) fn on_job_recheck(
        &mut self,
        recheck: Recheck,
        jobs: Result<Vec<ImportJob>, CognitoError>,
    ) -> Vec<Request> {
        let retry = self.key_name(Context::Global, Command::Retry);
        let (change, why, said_applied) = recheck.into_parts();
        let what = super::lifecycle::what(&change);
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
        if let (true, Action::StartImportJob { job, .. }) = (applied, &change)
            && let Some(found) = jobs.iter().find(|j| j.name == job.name)
        {
            self.on_import_job(found.clone());
        }
        self.show_import_jobs(jobs);
        if applied {
            self.status = Some(Status::Info(sentence));
        } else {
            let here = self.screen_key();
            self.keep_for_retry(Some(&here), change);
            self.status = Some(Status::Error(sentence));
        }
        Vec::new()
    }
}
