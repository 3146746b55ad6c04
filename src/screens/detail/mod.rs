//! A user's page: the diagnosis, the account facts, MFA, groups and every attribute, and the
//! keys that fix the user (each change goes to its confirmation) or open what is about them
//! (the attribute editor, the password form, their groups, devices and sign-in events, the MFA
//! menu, code entry, a sign-in as them).

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::attributes::AttributeEditor;
use super::code::{CodeEntry, CodePurpose};
use super::forgot::ForgotForm;
use super::identity_form::IdentityForm;
use super::mfa_menu::MfaMenu;
use super::module::{Ctx, Next, ScreenModule, Shown, app_client};
use super::set_password::SetPasswordForm;
use super::sign_in::{AfterSignIn, SignInFlow};
use super::user_list::UserList;
use crate::action::Action;
use crate::app::{Extent, Screen};
use crate::cognito::admin::AdminCall;
use crate::cognito::invite::Delivery;
use crate::cognito::model::{User, UserDetail, UserStatus};
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Back, "back"),
    // The fixes the diagnosis line names come first (offered only when it names them).
    (Command::ToggleEnabled, "enable"),
    (Command::SetPassword, "set password"),
    (Command::ResendCode, "resend code"),
    (Command::EnterCode, "enter code"),
    (Command::AdminConfirm, "confirm"),
    (Command::ConfirmAndVerify, "confirm + email verified"),
    (Command::ResendInvite, "resend invitation"),
    (Command::VerifyAsUser, "verify as user"),
    (Command::EditAttributes, "edit"),
    (Command::SignIn, "sign in as user"),
    (Command::MfaSettings, "MFA"),
    (Command::Help, "help"),
];

/// A user's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub username: String,
    /// `None` until AdminGetUser answers.
    pub detail: Option<UserDetail>,
}

impl Detail {
    /// The page of `username`, read (AdminGetUser) as it opens.
    pub fn open(username: String, ctx: &mut Ctx) -> Next {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return Next::Stay;
        };
        ctx.scroll_to(0);
        ctx.request(Action::GetUser {
            pool_id,
            username: username.clone(),
        });
        Next::Open(Box::new(Self {
            username,
            detail: None,
        }))
    }

    /// The page of a user just read.
    pub fn loaded(detail: UserDetail) -> Self {
        Self {
            username: detail.user.username.clone(),
            detail: Some(detail),
        }
    }

    /// The sign-in form for `user` (authenticators show their email, if they have one);
    /// `Esc` comes back to this page.
    fn sign_in(&self, user: &User, then: AfterSignIn, ctx: &mut Ctx) -> Next {
        let account = user.email().unwrap_or(&user.username);
        let page = Box::new(Screen::Module(Box::new(self.clone())));
        SignInFlow::open(&user.username, account, then, page, ctx)
    }

    /// The keys that act on the loaded user.
    fn user_command(&self, command: Command, detail: &UserDetail, ctx: &mut Ctx) -> Next {
        let user = &detail.user;
        let username = user.username.clone();
        let unconfirmed = || {
            format!(
                "{username} is {}: codes and admin confirmation are for UNCONFIRMED users.",
                user.status.as_api()
            )
        };
        let change = |calls: Vec<AdminCall>, ctx: &mut Ctx| {
            if let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) {
                ctx.request(Action::Admin {
                    pool_id,
                    username: username.clone(),
                    calls,
                });
            }
            Next::Stay
        };
        match command {
            Command::SignIn => self.sign_in(user, AfterSignIn::ShowTokens, ctx),
            Command::EnterCode | Command::ResendCode => {
                if user.status != UserStatus::Unconfirmed {
                    ctx.refuse(unconfirmed());
                    return Next::Stay;
                }
                match app_client(ctx.pool, ctx.keymap) {
                    Ok(client) => CodeEntry::open(
                        username.clone(),
                        CodePurpose::SignUp(client),
                        None,
                        command == Command::ResendCode,
                        ctx,
                    ),
                    Err(why) => refused(ctx, why),
                }
            }
            Command::AdminConfirm if user.status != UserStatus::Unconfirmed => {
                refused(ctx, unconfirmed())
            }
            Command::AdminConfirm => change(vec![AdminCall::ConfirmSignUp], ctx),
            Command::ConfirmAndVerify => match confirm_and_verify(user) {
                Ok(calls) => change(calls, ctx),
                Err(Ok(said)) => {
                    ctx.say(said);
                    Next::Stay
                }
                Err(Err(why)) => refused(ctx, why),
            },
            Command::EditAttributes => AttributeEditor::open(user, ctx),
            Command::ResendInvite if user.status != UserStatus::ForceChangePassword => refused(
                ctx,
                format!(
                    "Only invited users who have not signed in yet (FORCE_CHANGE_PASSWORD) can get the invitation again; {username} is {}.",
                    user.status.as_api()
                ),
            ),
            Command::ResendInvite => change(
                vec![AdminCall::ResendInvitation(Delivery::for_user(user))],
                ctx,
            ),
            Command::LinkIdentity | Command::UnlinkIdentity => {
                IdentityForm::open(user, command == Command::LinkIdentity, ctx)
            }
            Command::ForgotPassword => match app_client(ctx.pool, ctx.keymap) {
                Ok(client) => ForgotForm::open(user, client, ctx),
                Err(why) => refused(ctx, why),
            },
            Command::VerifyAsUser => match unverified_contact(user) {
                Some(attribute) => self.sign_in(user, AfterSignIn::Verify(attribute.into()), ctx),
                None => refused(
                    ctx,
                    format!("{username} has no unverified email or phone number to verify."),
                ),
            },
            Command::ToggleEnabled if user.enabled => change(vec![AdminCall::Disable], ctx),
            Command::ToggleEnabled => change(vec![AdminCall::Enable], ctx),
            Command::DeleteUser => change(vec![AdminCall::Delete], ctx),
            Command::ResetPassword => change(vec![AdminCall::ResetPassword], ctx),
            Command::GlobalSignOut => change(vec![AdminCall::GlobalSignOut], ctx),
            Command::SetPassword => SetPasswordForm::open(username.clone()),
            Command::Groups | Command::Devices | Command::AuthEvents => {
                UserList::open(command, detail, ctx)
            }
            _ => Next::Stay,
        }
    }
}

/// The status line says why, and the page stays.
fn refused(ctx: &mut Ctx, why: String) -> Next {
    ctx.refuse(why);
    Next::Stay
}

/// The calls of "confirm and mark the email verified" for `user`; or, when there is nothing to
/// do, what is true (`Ok`) or why not (`Err`).
fn confirm_and_verify(user: &User) -> Result<Vec<AdminCall>, Result<String, String>> {
    let username = &user.username;
    if user.email().is_none() {
        return Err(Err(format!(
            "{username} has no email to mark verified: add one with the attribute editor."
        )));
    }
    if user.status == UserStatus::Unconfirmed {
        return Ok(vec![
            AdminCall::ConfirmSignUp,
            AdminCall::mark_email_verified(),
        ]);
    }
    if user.email_verified() {
        return Err(Ok(format!(
            "{username} is confirmed and their email is already verified."
        )));
    }
    Ok(vec![AdminCall::mark_email_verified()])
}

/// The contact a sign-in as the user would verify: their email, else their phone number, if
/// not verified yet.
fn unverified_contact(user: &User) -> Option<&'static str> {
    if user.email().is_some() && !user.email_verified() {
        Some("email")
    } else if user.attribute("phone_number").is_some() && !user.phone_verified() {
        Some("phone_number")
    } else {
        None
    }
}

/// The CLI equivalents of the page's one-key remedies for `user`.
fn remedies_cli(pool_id: &str, user: &User) -> Vec<String> {
    let mut calls = Vec::new();
    match user.status {
        UserStatus::Unconfirmed => calls.push(AdminCall::ConfirmSignUp),
        UserStatus::ForceChangePassword => {
            calls.push(AdminCall::ResendInvitation(Delivery::for_user(user)));
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

impl ScreenModule for Detail {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("user", Some(&self.username))
    }

    fn context(&self) -> Context {
        Context::Detail
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    /// The fixes are hinted only when the diagnosis names them.
    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        let Some(user) = self.detail.as_ref().map(|d| &d.user) else {
            return true;
        };
        let status = |s: UserStatus| user.status == s;
        let unverified_email = user.email().is_some() && !user.email_verified();
        match command {
            Command::ResendCode | Command::EnterCode | Command::AdminConfirm => {
                status(UserStatus::Unconfirmed)
            }
            Command::ConfirmAndVerify => status(UserStatus::Unconfirmed) || unverified_email,
            Command::ResendInvite => status(UserStatus::ForceChangePassword),
            // A disabled user is enabled, compromised credentials are replaced.
            Command::ToggleEnabled => !user.enabled,
            Command::SetPassword => status(UserStatus::Compromised),
            Command::VerifyAsUser => {
                status(UserStatus::Confirmed) && unverified_contact(user).is_some()
            }
            _ => true,
        }
    }

    fn label(&self, command: Command, label: &'static str) -> &'static str {
        match (command, &self.detail) {
            (Command::ConfirmAndVerify, Some(d)) if d.user.status != UserStatus::Unconfirmed => {
                "mark email verified"
            }
            _ => label,
        }
    }

    fn cli(&self, shown: &Shown) -> Vec<String> {
        self.detail
            .as_ref()
            .map(|d| remedies_cli(shown.pool_id.unwrap_or_default(), &d.user))
            .unwrap_or_default()
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back => Next::Users,
            Command::Refresh => Next::User(self.username.clone()),
            Command::MfaSettings => MfaMenu::open(
                self.username.clone(),
                ctx.mfa.user(&self.username).cloned(),
                ctx.mfa.pool(ctx.pool_id).cloned(),
            ),
            _ => {
                let Some(loaded) = self.detail.clone() else {
                    ctx.say("Wait until the user is loaded.".into());
                    return Next::Stay;
                };
                self.user_command(command, &loaded, ctx)
            }
        }
    }

    fn user_shown(&self) -> Option<&UserDetail> {
        self.detail.as_ref()
    }

    fn on_user_read(&mut self, username: &str, detail: &UserDetail) {
        if self.username == username {
            self.detail = Some(detail.clone());
        }
    }

    fn extent(&self, area: Rect, shown: &Shown) -> Option<Extent> {
        Some(view::extent(shown, area, self, &Theme::no_color()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
