//! A user's groups, devices or sign-in events, from their page: Enter adds them to the group
//! selected or removes them from it, `x` forgets a device, `v` and `!` give feedback on a
//! sign-in event; each change through its confirmation, answered by the user lifecycle.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::list::moved;
use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::lists::{AuthEvent, Device};
use crate::cognito::model::UserDetail;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Open, "add/remove group"),
    (Command::Forget, "forget device"),
    (Command::EventValid, "valid"),
    (Command::EventInvalid, "invalid"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// What a list screen lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListKind {
    /// The pool's groups.
    Groups(Vec<String>),
    Devices(Vec<Device>),
    Events(Vec<AuthEvent>),
    /// Cognito keeps no such list for this pool; why.
    Unavailable(String),
}

/// Groups, devices or sign-in events of one user.
#[derive(Debug, Clone)]
pub struct UserList {
    pub username: String,
    /// The groups the user is in (for the groups list).
    pub member: Vec<String>,
    /// Which list this is, for the title while loading.
    pub what: &'static str,
    /// `None` until Cognito answers.
    pub kind: Option<ListKind>,
    pub selected: usize,
}

impl UserList {
    pub fn len(&self) -> usize {
        match &self.kind {
            Some(ListKind::Groups(g)) => g.len(),
            Some(ListKind::Devices(d)) => d.len(),
            Some(ListKind::Events(e)) => e.len(),
            Some(ListKind::Unavailable(_)) | None => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The admin call Enter (groups) or forget (devices) makes on the selected row.
    fn call(&self, command: Command) -> Option<AdminCall> {
        match (&self.kind, command) {
            (Some(ListKind::Groups(all)), Command::Open) => {
                let group = all.get(self.selected)?.clone();
                Some(if self.member.contains(&group) {
                    AdminCall::RemoveFromGroup(group)
                } else {
                    AdminCall::AddToGroup(group)
                })
            }
            (Some(ListKind::Devices(devices)), Command::Forget) => devices
                .get(self.selected)
                .map(|d| AdminCall::ForgetDevice(d.key.clone())),
            (Some(ListKind::Events(events)), Command::EventValid | Command::EventInvalid) => {
                events.get(self.selected).map(|e| AdminCall::EventFeedback {
                    event_id: e.id.clone(),
                    valid: command == Command::EventValid,
                })
            }
            _ => None,
        }
    }
}

impl UserList {
    /// The groups (`Command::Groups`), devices or sign-in events of the user `detail` shows,
    /// and their read.
    pub fn open(command: Command, detail: &UserDetail, ctx: &mut Ctx) -> Next {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return Next::Stay;
        };
        let username = detail.user.username.clone();
        let (what, action) = match command {
            Command::Groups => ("Groups", Action::ListGroups { pool_id }),
            Command::Devices => (
                "Devices",
                Action::ListDevices {
                    pool_id,
                    username: username.clone(),
                },
            ),
            _ => (
                "Sign-in events",
                Action::AuthEvents {
                    pool_id,
                    username: username.clone(),
                },
            ),
        };
        ctx.request(action);
        Next::Open(Box::new(Self {
            username,
            member: detail.groups.clone(),
            what,
            kind: None,
            selected: 0,
        }))
    }

    /// The list arrived, if it still waits for one.
    fn show(&mut self, kind: ListKind) {
        if self.kind.is_none() {
            self.kind = Some(kind);
        }
    }
}

impl ScreenModule for UserList {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("list", Some(&self.username))
    }

    fn context(&self) -> Context {
        Context::List
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        match (&self.kind, command) {
            (Some(ListKind::Groups(_)), Command::Open) => true,
            (Some(ListKind::Devices(d)), Command::Forget) => !d.is_empty(),
            (Some(ListKind::Events(e)), Command::EventValid | Command::EventInvalid) => {
                !e.is_empty()
            }
            (_, Command::Open | Command::Forget | Command::EventValid | Command::EventInvalid) => {
                false
            }
            _ => true,
        }
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        if command == Command::Back {
            return Next::User(self.username.clone());
        }
        if let Some(next) = moved(self.selected, self.len(), command, ctx.page) {
            self.selected = next;
            return Next::Stay;
        }
        if let (Some(call), Some(pool_id)) = (self.call(command), ctx.pool_id) {
            ctx.request(Action::Admin {
                pool_id: pool_id.to_owned(),
                username: self.username.clone(),
                calls: vec![call],
            });
        }
        Next::Stay
    }

    fn on_outcome(&mut self, _action: &Action, outcome: Outcome, _ctx: &mut Ctx) -> Next {
        match outcome {
            Outcome::Groups(Ok(groups)) => {
                self.show(ListKind::Groups(
                    groups.into_iter().map(|g| g.name).collect(),
                ));
            }
            Outcome::Devices(Ok(devices)) => self.show(ListKind::Devices(devices)),
            Outcome::AuthEvents(Ok(events)) => self.show(ListKind::Events(events)),
            _ => {}
        }
        Next::Stay
    }

    /// A pool without threat protection keeps no sign-in events: not a failure to retry.
    fn on_failure(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        match (action, error) {
            (Action::AuthEvents { .. }, CognitoError::ThreatProtectionOff) => {
                self.show(ListKind::Unavailable(error.to_string()));
            }
            _ => ctx.refuse(error.to_string()),
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
