//! The detail screen: one user.

use super::{AfterSignIn, App, Screen, Status};
use crate::action::{Action, Request};
use crate::cognito::admin::AdminCall;
use crate::cognito::model::{UserDetail, UserStatus};
use crate::keys::Command;
use crate::screens::attributes::AttributeEditor;
use crate::screens::code::CodePurpose;
use crate::screens::forgot::ForgotForm;
use crate::screens::identity_form::IdentityForm;
use crate::screens::mfa_menu::MfaMenu;

/// The detail screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub username: String,
    /// `None` until AdminGetUser answers.
    pub detail: Option<UserDetail>,
    pub scroll: u16,
}

impl App {
    pub(super) fn open_user(&mut self, username: String) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
        };
        self.screen = Screen::Detail(Detail {
            username: username.clone(),
            detail: None,
            scroll: 0,
        });
        self.request(Action::GetUser { pool_id, username })
    }

    pub(super) fn detail_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Detail(detail) = &mut self.screen else {
            return Vec::new();
        };
        match command {
            Command::Back => {
                self.screen = Screen::Lookup;
                Vec::new()
            }
            Command::Up => {
                detail.scroll = detail.scroll.saturating_sub(1);
                Vec::new()
            }
            Command::Down => {
                detail.scroll = detail.scroll.saturating_add(1);
                Vec::new()
            }
            Command::Refresh => {
                let username = detail.username.clone();
                self.open_user(username)
            }
            Command::MfaSettings => {
                let username = detail.username.clone();
                let user = self.user_mfa(&username).cloned();
                let pool = self.pool_mfa().cloned();
                self.open_module(|_| MfaMenu::open(username, user, pool))
            }
            _ => {
                if let Some(loaded) = detail.detail.clone() {
                    self.user_command(command, &loaded)
                } else {
                    self.status = Some(Status::Info("Wait until the user is loaded.".into()));
                    Vec::new()
                }
            }
        }
    }

    /// The detail keys that act on the loaded user.
    fn user_command(&mut self, command: Command, detail: &UserDetail) -> Vec<Request> {
        let user = &detail.user;
        let username = user.username.clone();
        let unconfirmed = || {
            format!(
                "{username} is {}: codes and admin confirmation are for UNCONFIRMED users.",
                user.status.as_api()
            )
        };
        match command {
            Command::SignIn => {
                let account = user.email().unwrap_or(&username).to_owned();
                self.start_sign_in(&username, &account, AfterSignIn::ShowTokens)
            }
            Command::EnterCode | Command::ResendCode => {
                if user.status != UserStatus::Unconfirmed {
                    self.status = Some(Status::Error(unconfirmed()));
                    return Vec::new();
                }
                let Some(client) = self.app_client() else {
                    return Vec::new();
                };
                let resend = command == Command::ResendCode;
                self.open_code_entry(username, CodePurpose::SignUp(client), None, resend)
            }
            Command::AdminConfirm => {
                if user.status != UserStatus::Unconfirmed {
                    self.status = Some(Status::Error(unconfirmed()));
                    return Vec::new();
                }
                self.admin_change(username, vec![AdminCall::ConfirmSignUp])
            }
            Command::ConfirmAndVerify => {
                if user.email().is_none() {
                    self.status = Some(Status::Error(format!(
                        "{username} has no email to mark verified: add one with the attribute editor."
                    )));
                    return Vec::new();
                }
                let mut calls = vec![AdminCall::mark_email_verified()];
                if user.status == UserStatus::Unconfirmed {
                    calls.insert(0, AdminCall::ConfirmSignUp);
                } else if user.email_verified() {
                    self.status = Some(Status::Info(format!(
                        "{username} is confirmed and their email is already verified."
                    )));
                    return Vec::new();
                }
                self.admin_change(username, calls)
            }
            Command::EditAttributes => self.open_module(|ctx| AttributeEditor::open(user, ctx)),
            Command::ResendInvite => self.resend_invitation(user),
            Command::LinkIdentity | Command::UnlinkIdentity => self
                .open_module(|ctx| IdentityForm::open(user, command == Command::LinkIdentity, ctx)),
            Command::ForgotPassword => match self.app_client() {
                Some(client) => self.open_module(|ctx| ForgotForm::open(user, client, ctx)),
                None => Vec::new(),
            },
            Command::VerifyAsUser => {
                let attribute = if user.email().is_some() && !user.email_verified() {
                    "email"
                } else if user.attribute("phone_number").is_some() && !user.phone_verified() {
                    "phone_number"
                } else {
                    self.status = Some(Status::Error(format!(
                        "{username} has no unverified email or phone number to verify."
                    )));
                    return Vec::new();
                };
                let account = user.email().unwrap_or(&username).to_owned();
                self.start_sign_in(&username, &account, AfterSignIn::Verify(attribute.into()))
            }
            _ => self.admin_command(command, detail),
        }
    }

    /// AdminGetUser answered: refresh the user's row in the lookup and fill the screen.
    pub(super) fn on_user(&mut self, username: &str, detail: &UserDetail) {
        self.lookup
            .update_user(username, |row| *row = detail.user.clone());
        // The user's page, shown or waiting behind a sign-in, shows them as they are now.
        let origin = self.auth.as_mut().map(|a| a.origin.as_mut());
        for screen in std::iter::once(&mut self.screen).chain(origin) {
            if let Screen::Detail(d) = screen
                && d.username == username
            {
                d.detail = Some(detail.clone());
            }
        }
    }
}
