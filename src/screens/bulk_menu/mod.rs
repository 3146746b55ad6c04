//! The bulk menu (`b` in the table, with users marked): what to do to the marked users, and
//! to add them to a group or remove them from one, which group (the pool's groups, read then).
//! The choice opens the run's preview.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::bulk::BulkRun;
use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::cognito::admin::AdminCall;
use crate::cognito::invite::Delivery;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Open, "choose"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// What a bulk run can do to each user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkKind {
    Confirm,
    MarkEmailVerified,
    ResendInvitation,
    Disable,
    Enable,
    ResetPassword,
    GlobalSignOut,
    AddToGroup,
    RemoveFromGroup,
    Delete,
}

/// The choices, in menu order.
pub const BULK_KINDS: [BulkKind; 10] = [
    BulkKind::Confirm,
    BulkKind::MarkEmailVerified,
    BulkKind::ResendInvitation,
    BulkKind::Disable,
    BulkKind::Enable,
    BulkKind::ResetPassword,
    BulkKind::GlobalSignOut,
    BulkKind::AddToGroup,
    BulkKind::RemoveFromGroup,
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
            Self::ResetPassword => "Reset the password (they finish \"forgot password\")",
            Self::GlobalSignOut => "Sign out everywhere (refresh tokens revoked)",
            Self::AddToGroup => "Add to a group…",
            Self::RemoveFromGroup => "Remove from a group…",
            Self::Delete => "Delete",
        }
    }

    /// Whether the choice asks which group next.
    pub fn takes_group(self) -> bool {
        matches!(self, Self::AddToGroup | Self::RemoveFromGroup)
    }

    fn call(self, group: Option<String>) -> Option<AdminCall> {
        Some(match self {
            Self::Confirm => AdminCall::ConfirmSignUp,
            Self::MarkEmailVerified => AdminCall::mark_email_verified(),
            Self::ResendInvitation => AdminCall::ResendInvitation(Delivery::Email),
            Self::Disable => AdminCall::Disable,
            Self::Enable => AdminCall::Enable,
            Self::ResetPassword => AdminCall::ResetPassword,
            Self::GlobalSignOut => AdminCall::GlobalSignOut,
            Self::AddToGroup => AdminCall::AddToGroup(group?),
            Self::RemoveFromGroup => AdminCall::RemoveFromGroup(group?),
            Self::Delete => AdminCall::Delete,
        })
    }
}

/// Choosing the action (and, to add to a group or remove from one, the group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkMenu {
    pub selected: usize,
    /// The choice that takes a group, once made, and the pool's groups, once they arrived.
    pub groups: Option<(BulkKind, Vec<String>)>,
}

impl BulkMenu {
    /// The menu, for the users marked in the table.
    pub fn open(ctx: &mut Ctx) -> Next {
        if ctx.marked.is_empty() {
            ctx.refuse("Mark users first: Space marks the row, * marks every row shown.".into());
            return Next::Stay;
        }
        Next::Open(Box::new(Self {
            selected: 0,
            groups: None,
        }))
    }

    fn choose(&self, ctx: &mut Ctx) -> Next {
        let targets: Vec<String> = ctx.marked.iter().cloned().collect();
        let (kind, group) = match &self.groups {
            Some((kind, groups)) => (*kind, groups.get(self.selected).cloned()),
            None => (BULK_KINDS[self.selected.min(BULK_KINDS.len() - 1)], None),
        };
        if kind.takes_group() && group.is_none() {
            if let Some(pool_id) = ctx.pool_id {
                ctx.request(Action::ListGroups {
                    pool_id: pool_id.to_owned(),
                });
            }
            return Next::Stay;
        }
        let what = match (&group, kind) {
            (Some(g), BulkKind::RemoveFromGroup) => format!("Remove from {g}"),
            (Some(g), _) => format!("Add to {g}"),
            (None, _) => kind.label().to_owned(),
        };
        let Some(call) = kind.call(group) else {
            return Next::Stay;
        };
        let title = format!("{what} — {} marked users", targets.len());
        Next::Open(Box::new(BulkRun::preview(
            title, call, targets, None, ctx.safety,
        )))
    }
}

impl ScreenModule for BulkMenu {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("bulk menu", None)
    }

    fn context(&self) -> Context {
        Context::Menu
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        let len = self
            .groups
            .as_ref()
            .map_or(BULK_KINDS.len(), |(_, groups)| groups.len());
        match command {
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => self.selected = (self.selected + 1).min(len.saturating_sub(1)),
            Command::Back => return Next::Users,
            Command::Open => return self.choose(ctx),
            _ => {}
        }
        Next::Stay
    }

    /// The pool's groups arrived for "add to a group" or "remove from a group".
    fn on_outcome(&mut self, _action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        let kind = BULK_KINDS[self.selected.min(BULK_KINDS.len() - 1)];
        if let Outcome::Groups(Ok(groups)) = outcome
            && self.groups.is_none()
        {
            if groups.is_empty() {
                ctx.refuse("The pool has no groups.".into());
            } else {
                self.groups = Some((kind, groups.into_iter().map(|g| g.name).collect()));
                self.selected = 0;
            }
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
