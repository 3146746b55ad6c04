//! Single-user admin actions from the detail screen (enable/disable, delete with the username
//! typed, reset the password, global sign-out; the password form and the lists open), and the
//! AWS CLI equivalent of the screen shown.

use super::{App, Screen, Status};
use crate::action::Request;
use crate::cli::action_cli;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::UserDetail;
use crate::cognito::sensitive::Sensitive;
use crate::keys::Command;
use crate::screens::set_password::SetPasswordForm;
use crate::screens::user_list::UserList;

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
                return self.open_module(|_| SetPasswordForm::open(user.username.clone()));
            }
            Command::Groups | Command::Devices | Command::AuthEvents => {
                return self.open_module(|ctx| UserList::open(command, detail, ctx));
            }
            _ => return Vec::new(),
        };
        self.admin_change(user.username.clone(), vec![call])
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
        self.shown().cli(&self.screen_cli())
    }

    fn screen_cli(&self) -> Vec<String> {
        let pool_id = self.pool_id().unwrap_or_default();
        match &self.screen {
            Screen::Confirm(c) => action_cli(&c.change),
            Screen::Module(m) => m.cli(&self.shown()),
            Screen::Detail(d) => d
                .detail
                .as_ref()
                .map(|d| detail_cli(&pool_id, &d.user))
                .unwrap_or_default(),
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
                crate::cognito::invite::Delivery::for_user(user),
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
