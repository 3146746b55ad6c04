//! A bulk run on many users: the preview of what will be sent (the confirmation of every
//! step, with its AWS CLI equivalent), then the run, paced (the worker spaces requests and backs
//! off when throttled) with a progress bar, then a summary whose failures `Ctrl-R` runs again.
//! A step whose answer was lost is settled by reading its user again (the change lifecycle),
//! and its row shows the user as read.

mod steps;
mod view;

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::{Extent, Safety, Verdict};
use crate::cognito::admin::AdminCall;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "start"),
    (Command::CopyCli, "copy CLI"),
    (Command::Retry, "retry failures"),
    (Command::Back, "stop / back"),
];

/// Where a bulk run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkPhase {
    Preview,
    Running,
    Done,
}

/// A bulk run: the call, the users, and how it went.
#[derive(Debug, Clone)]
pub struct BulkRun {
    pub title: String,
    /// The calls made for every target without calls of their own (none when every target
    /// has their own).
    pub calls: Vec<AdminCall>,
    /// Targets' own calls: an imported file's rows each create their user with their own
    /// attributes; a disabled user leaves each of their groups.
    pub each: HashMap<String, Vec<AdminCall>>,
    pub targets: Vec<String>,
    /// Protected users left out.
    pub skipped: Vec<String>,
    /// Why the targets may be incomplete (only loaded users count), if they may.
    pub note: Option<String>,
    pub phase: BulkPhase,
    /// Index of the next target to send.
    pub next: usize,
    pub in_flight: usize,
    pub succeeded: Vec<String>,
    /// Succeeded, though their answer was lost: read again, the change was found applied.
    pub lost: Vec<String>,
    /// Refused, or found not applied after a lost answer: `Ctrl-R` offers these again.
    pub failed: Vec<(String, String)>,
    /// Answer lost and nothing read can tell whether it was applied: how to check. Never
    /// offered again.
    pub unknown: Vec<(String, String)>,
    pub cancelled: bool,
}

impl BulkRun {
    /// A run of `call` on `targets`, in its preview; protected users are left out of
    /// deletions and disabling.
    pub fn preview(
        title: String,
        call: AdminCall,
        targets: Vec<String>,
        note: Option<String>,
        safety: &Safety,
    ) -> Self {
        Self::new(title, vec![call], HashMap::new(), targets, note, safety)
    }

    /// A run of each user's own calls, in the order given, in its preview.
    pub fn per_user(
        title: String,
        each: Vec<(String, Vec<AdminCall>)>,
        note: Option<String>,
        safety: &Safety,
    ) -> Self {
        let targets = each.iter().map(|(user, _)| user.clone()).collect();
        Self::new(
            title,
            Vec::new(),
            each.into_iter().collect(),
            targets,
            note,
            safety,
        )
    }

    fn new(
        title: String,
        calls: Vec<AdminCall>,
        each: HashMap<String, Vec<AdminCall>>,
        targets: Vec<String>,
        note: Option<String>,
        safety: &Safety,
    ) -> Self {
        let protects = calls
            .iter()
            .chain(each.values().flatten())
            .any(|c| matches!(c, AdminCall::Delete | AdminCall::Disable));
        let (skipped, targets): (Vec<String>, Vec<String>) = targets
            .into_iter()
            .partition(|t| protects && safety.is_protected(t));
        Self {
            title,
            calls,
            each,
            targets,
            skipped,
            note,
            phase: BulkPhase::Preview,
            next: 0,
            in_flight: 0,
            succeeded: Vec::new(),
            lost: Vec::new(),
            unknown: Vec::new(),
            failed: Vec::new(),
            cancelled: false,
        }
    }

    pub fn done_count(&self) -> usize {
        self.succeeded.len() + self.failed.len() + self.unknown.len()
    }

    /// The calls made for `target`.
    pub fn calls_for(&self, target: &str) -> &[AdminCall] {
        self.each.get(target).unwrap_or(&self.calls)
    }
}

impl ScreenModule for BulkRun {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("bulk", None)
    }

    fn context(&self) -> Context {
        Context::Bulk
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        match command {
            Command::Submit | Command::CopyCli => self.phase == BulkPhase::Preview,
            Command::Retry => self.phase == BulkPhase::Done && !self.failed.is_empty(),
            _ => true,
        }
    }

    /// The first three steps as AWS CLI lines, and how many more.
    fn cli(&self, shown: &Shown) -> Vec<String> {
        let pool_id = shown.pool_id.unwrap_or_default();
        let mut lines: Vec<String> = self
            .targets
            .iter()
            .take(3)
            .flat_map(|user| self.calls_for(user).iter().map(|c| c.cli(pool_id, user)))
            .collect();
        if self.targets.len() > 3 {
            lines.push(format!(
                "… and the same for {} more users",
                self.targets.len() - 3
            ));
        }
        lines
    }

    fn shows_what_it_sends(&self) -> bool {
        true
    }

    fn work_in_progress(&self) -> Option<&'static str> {
        (self.phase != BulkPhase::Done).then_some("A bulk run is waiting or in progress")
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match (self.phase, command) {
            (BulkPhase::Preview, Command::Submit) => self.start(ctx),
            (BulkPhase::Running, Command::Back) => {
                self.cancelled = true;
                ctx.say("Stopping: the calls already sent finish, no more are sent.".into());
            }
            (BulkPhase::Preview | BulkPhase::Done, Command::Back) => return Next::Users,
            _ => {}
        }
        Next::Stay
    }

    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        if let (Action::BulkStep { username, .. }, Outcome::Changed(results)) = (action, outcome) {
            self.on_step(username.clone(), results, ctx);
        }
        Next::Stay
    }

    fn on_settled(&mut self, change: &Action, verdict: &Verdict, why: &str, ctx: &mut Ctx) {
        if let Some(username) = change.username() {
            self.settled(username.to_owned(), verdict, why, ctx);
        }
    }

    fn retry(&mut self, ctx: &mut Ctx) -> bool {
        self.retry_failed(ctx)
    }

    fn extent(&self, area: Rect, shown: &Shown) -> Option<Extent> {
        Some(view::extent(shown, area, self, &Theme::no_color()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
