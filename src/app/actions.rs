//! Single-user admin actions from the detail screen: enable/disable, delete (the username must
//! be typed), reset or set the password, global sign-out, groups, devices and sign-in events.
//! Changes are shown with their AWS CLI equivalent before they are sent.

use super::form::Form;
use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::cli::action_cli;
use crate::cognito::admin::AdminCall;
use crate::cognito::lists::{AuthEvent, Device};
use crate::cognito::model::UserDetail;
use crate::cognito::sensitive::Sensitive;
use crate::keys::Command;

/// Setting a user's password as admin.
#[derive(Debug, Clone)]
pub struct SetPasswordForm {
    pub username: String,
    pub form: Form,
    /// Permanent (CONFIRMED) or temporary (FORCE_CHANGE_PASSWORD).
    pub permanent: bool,
}

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

impl App {
    /// The detail keys of the admin actions, for the loaded user: each change goes to its
    /// confirmation; the lists open.
    pub(super) fn admin_command(&mut self, command: Command, detail: &UserDetail) -> Vec<Request> {
        let user = &detail.user;
        let call = match command {
            Command::ToggleEnabled if user.enabled => AdminCall::Disable,
            Command::ToggleEnabled => AdminCall::Enable,
            Command::DeleteUser => AdminCall::Delete,
            Command::ResetPassword => AdminCall::ResetPassword,
            Command::GlobalSignOut => AdminCall::GlobalSignOut,
            Command::SetPassword => {
                self.screen = Screen::SetPassword(Box::new(SetPasswordForm {
                    username: user.username.clone(),
                    form: Form::new(&[("New password", true), ("Again", true)]),
                    permanent: true,
                }));
                return Vec::new();
            }
            Command::Groups | Command::Devices | Command::AuthEvents => {
                return self.open_list(command, detail);
            }
            _ => return Vec::new(),
        };
        self.admin_change(user.username.clone(), vec![call])
    }

    fn open_list(&mut self, command: Command, detail: &UserDetail) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
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
        self.screen = Screen::List(Box::new(UserList {
            username,
            member: detail.groups.clone(),
            what,
            kind: None,
            selected: 0,
        }));
        self.request(action)
    }

    /// A list arrived: fill the screen, if it still waits for one.
    pub(super) fn on_list(&mut self, kind: ListKind) {
        if let Screen::List(l) = &mut self.screen
            && l.kind.is_none()
        {
            l.kind = Some(kind);
        }
    }

    /// Keys on the password and list screens.
    pub(super) fn admin_screen_command(&mut self, command: Command) -> Vec<Request> {
        let username = match &self.screen {
            Screen::List(l) => l.username.clone(),
            Screen::SetPassword(p) => p.username.clone(),
            _ => return Vec::new(),
        };
        if command == Command::Back {
            return self.open_user(username);
        }
        let policy = self.policy();
        // A list's rows: the body less its frame, header row and position.
        let page = usize::from(self.layout.body(self).height.saturating_sub(4)).max(1);
        let call = match &mut self.screen {
            Screen::SetPassword(p) => match command {
                Command::Submit => set_password_problem(p, &policy),
                Command::Toggle => {
                    p.permanent = !p.permanent;
                    return Vec::new();
                }
                _ => {
                    self.form_command(command);
                    return Vec::new();
                }
            },
            Screen::List(l) => match command {
                Command::Up => {
                    l.selected = l.selected.saturating_sub(1);
                    return Vec::new();
                }
                Command::Down => {
                    l.selected = (l.selected + 1).min(l.len().saturating_sub(1));
                    return Vec::new();
                }
                Command::PageUp | Command::PageDown | Command::Top | Command::Bottom => {
                    let last = l.len().saturating_sub(1);
                    l.selected = match command {
                        Command::PageUp => l.selected.saturating_sub(page),
                        Command::PageDown => (l.selected + page).min(last),
                        Command::Top => 0,
                        _ => last,
                    };
                    return Vec::new();
                }
                _ => match l.call(command) {
                    Some(call) => Ok(call),
                    None => return Vec::new(),
                },
            },
            _ => return Vec::new(),
        };
        match call {
            Ok(call) => self.admin_change(username, vec![call]),
            Err(problem) => {
                self.status = Some(Status::Error(problem));
                Vec::new()
            }
        }
    }

    /// Puts the AWS CLI equivalent of the screen's action on the clipboard, and shows it.
    pub(super) fn copy_cli(&mut self) {
        let lines = self.cli_lines();
        let Some(first) = lines.first().cloned() else {
            self.status = Some(Status::Info(
                "This screen has no AWS CLI equivalent.".into(),
            ));
            return;
        };
        let more = match lines.len() {
            1 => String::new(),
            n => format!(" (+{} more lines)", n - 1),
        };
        self.clipboard.push(Sensitive::new(lines.join("\n")));
        self.status = Some(Status::Info(format!("Copied (OSC 52): {first}{more}")));
    }

    /// The AWS CLI commands equivalent to the action on screen, secrets elided, with the
    /// `--region`, `--profile` and `--endpoint-url` cognitui was started with.
    pub fn cli_lines(&self) -> Vec<String> {
        self.screen_cli()
            .iter()
            .map(|line| {
                let line = crate::cognito::metadata::with_cli_flag(line, self.pool_metadata());
                self.cli_target.apply(&line)
            })
            .collect()
    }

    fn screen_cli(&self) -> Vec<String> {
        let pool_id = self.pool_id().unwrap_or_default();
        let client = self.pool.as_ref().and_then(|p| p.client.clone());
        match &self.screen {
            Screen::Confirm(c) => action_cli(&c.change),
            Screen::SignUp(s) => client
                .map(|client| action_cli(&s.action(client)))
                .unwrap_or_default(),
            Screen::Module(m) => m.cli(&self.shown()),
            Screen::Detail(d) => d
                .detail
                .as_ref()
                .map(|d| detail_cli(&pool_id, &d.user))
                .unwrap_or_default(),
            Screen::MfaMenu(m) => super::MFA_CHOICES
                .get(m.selected)
                .map(|choice| action_cli(&choice.action(pool_id.clone(), m.username.clone())))
                .unwrap_or_default(),
            Screen::Attributes(e) => e
                .calls()
                .iter()
                .map(|call| call.cli(&pool_id, &e.username))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The CLI equivalents of the detail screen's one-key remedies for `user`.
fn detail_cli(pool_id: &str, user: &crate::cognito::model::User) -> Vec<String> {
    use crate::cognito::model::UserStatus;
    let mut calls = Vec::new();
    match user.status {
        UserStatus::Unconfirmed => calls.push(AdminCall::ConfirmSignUp),
        UserStatus::ForceChangePassword => {
            calls.push(AdminCall::ResendInvitation(
                super::admin::invitation_delivery(user),
            ));
        }
        _ => {}
    }
    if user.email().is_some() && !user.email_verified() {
        calls.push(AdminCall::mark_email_verified());
    }
    calls.push(if user.enabled {
        AdminCall::Disable
    } else {
        AdminCall::Enable
    });
    calls
        .iter()
        .map(|c| c.cli(pool_id, &user.username))
        .collect()
}

/// The password a set-password form would send, or why not.
pub fn set_password_problem(
    p: &SetPasswordForm,
    policy: &crate::password::PasswordPolicy,
) -> Result<AdminCall, String> {
    let (new, again) = (p.form.value(0), p.form.value(1));
    if let Some(problem) = policy.first_problem(new) {
        return Err(format!("The password {problem}."));
    }
    if new != again {
        return Err("The two passwords differ: type the same one twice.".into());
    }
    Ok(AdminCall::SetPassword {
        password: Sensitive::new(new.to_owned()),
        permanent: p.permanent,
    })
}
