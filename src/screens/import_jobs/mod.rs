//! The pool's import jobs (`J` in the user table): every job with its status, counts and dates,
//! the selected one's CloudWatch log group; stopping a Pending or InProgress job, confirmed
//! first. A start or stop whose answer was lost is settled by reading the jobs again (the
//! change lifecycle), and the jobs read then show here.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::cognito::import::ImportJob;
use crate::keys::{Command, Context};
use crate::theme::Theme;

/// The import jobs screen.
#[derive(Debug, Clone, Default)]
pub struct ImportJobsView {
    /// `None` until ListUserImportJobs answers.
    pub jobs: Option<Vec<ImportJob>>,
    pub selected: usize,
}

const HINTS: &[(Command, &str)] = &[
    (Command::StopJob, "stop job"),
    (Command::Refresh, "reload"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

impl ImportJobsView {
    /// The screen, and its first read of the jobs.
    pub fn open(ctx: &mut Ctx) -> Box<Self> {
        Self::read(ctx);
        Box::default()
    }

    pub fn selected_job(&self) -> Option<&ImportJob> {
        self.jobs.as_ref()?.get(self.selected)
    }

    /// Reads the jobs, unless a read of them is already on its way.
    fn read(ctx: &mut Ctx) {
        let reading = ctx.asking(|a| matches!(a, Action::ListImportJobs { .. }));
        if let Some(pool_id) = ctx.pool_id.filter(|_| !reading) {
            ctx.request(Action::ListImportJobs {
                pool_id: pool_id.to_owned(),
            });
        }
    }

    /// The stop key: the selected job, if it can be stopped, goes to its confirmation.
    fn stop_selected(&self, ctx: &mut Ctx) {
        let (Some(job), Some(pool_id)) = (self.selected_job(), ctx.pool_id) else {
            return;
        };
        if !job.stoppable() {
            ctx.refuse(format!(
                "The import job {} is {}: only a Pending or InProgress job can be stopped.",
                job.name, job.status
            ));
            return;
        }
        ctx.request(Action::StopImportJob {
            pool_id: pool_id.to_owned(),
            job: job.clone(),
        });
    }

    fn show(&mut self, jobs: Vec<ImportJob>) {
        self.selected = self.selected.min(jobs.len().saturating_sub(1));
        self.jobs = Some(jobs);
    }

    fn replace(&mut self, job: ImportJob) {
        if let Some(shown) = self
            .jobs
            .as_mut()
            .and_then(|jobs| jobs.iter_mut().find(|j| j.id == job.id))
        {
            *shown = job;
        }
    }
}

impl ScreenModule for ImportJobsView {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("import jobs", None)
    }

    fn context(&self) -> Context {
        Context::ImportJobs
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        command != Command::StopJob || self.selected_job().is_some_and(ImportJob::stoppable)
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        let count = self.jobs.as_ref().map_or(0, Vec::len);
        match command {
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Command::Top => self.selected = 0,
            Command::Bottom => self.selected = count.saturating_sub(1),
            // The jobs shown stay until the new list arrives; a failed reload keeps them.
            Command::Refresh => Self::read(ctx),
            Command::StopJob => self.stop_selected(ctx),
            Command::Back => return Next::Users,
            _ => {}
        }
        Next::Stay
    }

    fn on_outcome(&mut self, _action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        match outcome {
            Outcome::ImportJobs(Ok(jobs)) => self.show(jobs),
            Outcome::JobStopped(Ok(job)) => {
                ctx.say(format!(
                    "The import job {} is {}: users imported so far stay in the pool.",
                    job.name, job.status
                ));
                self.replace(job);
            }
            _ => {}
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
