//! Bulk work on the marked users: choose an action, preview what will be sent, run it paced
//! (the worker spaces requests and backs off when throttled) with a progress bar, then a
//! summary whose failures `Ctrl-R` runs again. Stale UNCONFIRMED cleanup is a bulk delete.

use std::collections::HashMap;

use chrono::TimeDelta;

use super::form::Form;
use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::cognito::admin::AdminCall;
use crate::cognito::invite::Delivery;
use crate::cognito::model::UserStatus;
use crate::keys::Command;

/// Steps in flight at once; the worker paces them further.
pub(super) const WINDOW: usize = 4;

/// What a bulk run can do to each user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkKind {
    Confirm,
    MarkEmailVerified,
    ResendInvitation,
    Disable,
    Enable,
    AddToGroup,
    Delete,
}

/// The choices, in menu order.
pub const BULK_KINDS: [BulkKind; 7] = [
    BulkKind::Confirm,
    BulkKind::MarkEmailVerified,
    BulkKind::ResendInvitation,
    BulkKind::Disable,
    BulkKind::Enable,
    BulkKind::AddToGroup,
    BulkKind::Delete,
];

impl BulkKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Confirm => "Confirm their sign-up (AdminConfirmSignUp)",
            Self::MarkEmailVerified => "Mark the email verified",
            Self::ResendInvitation => "Resend the invitation by email",
            Self::Disable => "Disable",
            Self::Enable => "Enable",
            Self::AddToGroup => "Add to a group…",
            Self::Delete => "Delete",
        }
    }

    fn call(self, group: Option<String>) -> Option<AdminCall> {
        Some(match self {
            Self::Confirm => AdminCall::ConfirmSignUp,
            Self::MarkEmailVerified => AdminCall::mark_email_verified(),
            Self::ResendInvitation => AdminCall::ResendInvitation(Delivery::Email),
            Self::Disable => AdminCall::Disable,
            Self::Enable => AdminCall::Enable,
            Self::AddToGroup => AdminCall::AddToGroup(group?),
            Self::Delete => AdminCall::Delete,
        })
    }
}

/// Choosing the action (and, to add to a group, the group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkMenu {
    pub selected: usize,
    /// The pool's groups, once "add to a group" is chosen and they arrived.
    pub groups: Option<Vec<String>>,
}

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
    /// The call made for every target without one of its own.
    pub call: AdminCall,
    /// Targets' own calls: an imported file's rows each create their user with their own
    /// attributes.
    pub each: HashMap<String, AdminCall>,
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
    pub fn done_count(&self) -> usize {
        self.succeeded.len() + self.failed.len() + self.unknown.len()
    }

    /// The call made for `target`.
    pub fn call_for(&self, target: &str) -> &AdminCall {
        self.each.get(target).unwrap_or(&self.call)
    }
}

impl App {
    /// Keys that mark users in the table: one, every row shown, none.
    pub(super) fn mark_command(&mut self, command: Command) {
        let l = &mut self.lookup;
        match command {
            Command::Mark => {
                if let Some(name) = l.selected_user().map(|u| u.username.clone())
                    && !l.marked.remove(&name)
                {
                    l.marked.insert(name);
                }
            }
            Command::MarkAll => {
                let names: Vec<String> = l
                    .view
                    .iter()
                    .map(|&i| l.users.username(i).to_owned())
                    .collect();
                l.marked.extend(names);
                let more = if l.complete() {
                    String::new()
                } else {
                    " More users match on the server: load them all (L), then mark again.".into()
                };
                self.status = Some(Status::Info(format!(
                    "{} marked.{more}",
                    crate::sentence::count(self.lookup.marked.len(), "user")
                )));
            }
            Command::ClearMarks => l.marked.clear(),
            _ => {}
        }
    }

    /// Opens the bulk menu for the marked users.
    pub(super) fn open_bulk_menu(&mut self) {
        if self.lookup.marked.is_empty() {
            self.status = Some(Status::Error(
                "Mark users first: Space marks the row, * marks every row shown.".into(),
            ));
            return;
        }
        self.screen = Screen::BulkMenu(BulkMenu {
            selected: 0,
            groups: None,
        });
    }

    /// The cleanup form: how old UNCONFIRMED users must be.
    pub(super) fn open_cleanup(&mut self) {
        self.screen =
            Screen::Cleanup(Form::new(&[("Older than (days)", false)]).with_value(0, "7"));
    }

    /// A preview of deleting the loaded UNCONFIRMED users older than the days typed.
    fn preview_cleanup(&mut self, days: &str) {
        let Ok(days) = days.trim().parse::<i64>() else {
            self.status = Some(Status::Error("Type a whole number of days.".into()));
            return;
        };
        let cutoff = self.now - TimeDelta::days(days);
        let users = &self.lookup.users;
        let targets: Vec<String> = (0..users.len())
            .filter(|&i| {
                users.status(i) == UserStatus::Unconfirmed
                    && users.created(i).is_some_and(|c| c <= cutoff)
            })
            .map(|i| users.username(i).to_owned())
            .collect();
        if targets.is_empty() {
            self.status = Some(Status::Info(format!(
                "No loaded UNCONFIRMED user is older than {days} days."
            )));
            return;
        }
        let note = (!self.lookup.complete()).then(|| {
            "Only loaded users are considered: more may exist (filter on UNCONFIRMED with s, load all with L, then clean up)."
                .to_owned()
        });
        let title = format!("Clean up UNCONFIRMED users older than {days} days");
        self.preview_bulk(title, AdminCall::Delete, targets, note);
    }

    pub(super) fn preview_bulk(
        &mut self,
        title: String,
        call: AdminCall,
        targets: Vec<String>,
        note: Option<String>,
    ) {
        self.screen = Screen::Bulk(Box::new(self.bulk_run(title, call, targets, note)));
    }

    /// A run of `call` on `targets`, in its preview; protected users are left out of
    /// deletions and disabling.
    pub(super) fn bulk_run(
        &self,
        title: String,
        call: AdminCall,
        targets: Vec<String>,
        note: Option<String>,
    ) -> BulkRun {
        let protects = matches!(call, AdminCall::Delete | AdminCall::Disable);
        let (skipped, targets): (Vec<String>, Vec<String>) = targets
            .into_iter()
            .partition(|t| protects && self.safety.is_protected(t));
        BulkRun {
            title,
            call,
            each: HashMap::new(),
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

    /// Keys on the bulk menu, the cleanup form and the run.
    pub(super) fn bulk_command(&mut self, command: Command) -> Vec<Request> {
        match &mut self.screen {
            Screen::BulkMenu(m) => {
                let len = m.groups.as_ref().map_or(BULK_KINDS.len(), Vec::len);
                match command {
                    Command::Up => m.selected = m.selected.saturating_sub(1),
                    Command::Down => m.selected = (m.selected + 1).min(len.saturating_sub(1)),
                    Command::Back => self.screen = Screen::Lookup,
                    Command::Open => return self.choose_bulk(),
                    _ => {}
                }
                Vec::new()
            }
            Screen::Cleanup(f) => {
                match command {
                    Command::Back => self.screen = Screen::Lookup,
                    Command::Submit => {
                        let days = f.value(0).to_owned();
                        self.preview_cleanup(&days);
                    }
                    _ => {}
                }
                Vec::new()
            }
            Screen::Bulk(run) => match (run.phase, command) {
                (BulkPhase::Preview, Command::Submit) => self.start_bulk(),
                (BulkPhase::Running, Command::Back) => {
                    run.cancelled = true;
                    self.status = Some(Status::Info(
                        "Stopping: the calls already sent finish, no more are sent.".into(),
                    ));
                    Vec::new()
                }
                (BulkPhase::Preview | BulkPhase::Done, Command::Back) => {
                    self.screen = Screen::Lookup;
                    Vec::new()
                }
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn choose_bulk(&mut self) -> Vec<Request> {
        let Screen::BulkMenu(m) = &self.screen else {
            return Vec::new();
        };
        let targets: Vec<String> = self.lookup.marked.iter().cloned().collect();
        let (kind, group) = match &m.groups {
            Some(groups) => (BulkKind::AddToGroup, groups.get(m.selected).cloned()),
            None => (BULK_KINDS[m.selected.min(BULK_KINDS.len() - 1)], None),
        };
        if kind == BulkKind::AddToGroup && group.is_none() {
            let Some(pool_id) = self.pool_id() else {
                return Vec::new();
            };
            return self.request(Action::ListGroups { pool_id });
        }
        let what = match &group {
            Some(g) => format!("Add to {g}"),
            None => kind.label().to_owned(),
        };
        let Some(call) = kind.call(group) else {
            return Vec::new();
        };
        let title = format!("{what} — {} marked users", targets.len());
        self.preview_bulk(title, call, targets, None);
        Vec::new()
    }

    /// The pool's groups arrived for "add to a group"; handed back when the bulk menu is not
    /// what asked for them.
    pub(super) fn on_bulk_groups(&mut self, groups: Vec<String>) -> Option<Vec<String>> {
        let Screen::BulkMenu(m) = &mut self.screen else {
            return Some(groups);
        };
        if groups.is_empty() {
            self.status = Some(Status::Error("The pool has no groups.".into()));
        } else {
            m.groups = Some(groups);
            m.selected = 0;
        }
        None
    }
}
