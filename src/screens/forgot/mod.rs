//! "Forgot password" for the desk: from a user's page a reset code is sent (ForgotPassword),
//! then one screen takes the code the user reads out and their new password twice
//! (ConfirmForgotPassword), checked live against the pool's policy. Both are changes, so each
//! goes through the confirmation step. Resend pauses after Cognito's limit like sign-up codes.

mod view;

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::code::RESEND_PAUSE_SECS;
use super::module::{Ctx, Next, Pauses, Reads, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::Form;
use crate::cli::action_cli;
use crate::cognito::CognitoError;
use crate::cognito::model::{AppClient, CodeDelivery, User};
use crate::cognito::sensitive::Sensitive;
use crate::keys::{Command, Context};
use crate::password::PasswordPolicy;
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "set password"),
    (Command::NextField, "next field"),
    (Command::Reveal, "show password"),
    (Command::ResendCode, "resend"),
    (Command::CopyCli, "CLI"),
    (Command::Back, "back to user"),
    (Command::Help, "help"),
];

/// The forgot-password screen of one user.
#[derive(Debug, Clone)]
pub struct ForgotForm {
    pub username: String,
    pub client: AppClient,
    /// Where the latest code went, once Cognito said.
    pub delivery: Option<CodeDelivery>,
    /// Whether a code was sent from this screen.
    pub sent: bool,
    /// Whether the user has a verified email or phone number to get the code at.
    pub reachable: bool,
    /// Code, new password, again.
    pub form: Form,
    /// Codes sent to Cognito so far.
    pub tries: u32,
}

impl ForgotForm {
    /// The detail key: the forgot-password screen for `user`, and the code sent (after the
    /// confirmation step).
    pub fn open(user: &User, client: AppClient, ctx: &mut Ctx) -> Next {
        let form = Self::new(user, client);
        form.send_reset_code(ctx);
        Next::Open(Box::new(form))
    }

    fn new(user: &User, client: AppClient) -> Self {
        Self {
            username: user.username.clone(),
            client,
            delivery: None,
            sent: false,
            reachable: (user.email().is_some() && user.email_verified())
                || (user.attribute("phone_number").is_some() && user.phone_verified()),
            form: Form::new(&[("Code", false), ("New password", true), ("Again", true)]),
            tries: 0,
        }
    }

    /// What keeps the form from being sent, as a sentence; `None` when it can go.
    pub fn problem(&self, policy: &PasswordPolicy) -> Option<String> {
        let (code, new, again) = (
            self.form.value(0).trim(),
            self.form.value(1),
            self.form.value(2),
        );
        if let Some(problem) = policy.first_problem(new) {
            return Some(format!("The new password {problem}."));
        }
        if new != again {
            return Some("The two passwords differ: type the same one twice.".into());
        }
        code.is_empty()
            .then(|| "Type the reset code the user reads out.".into())
    }

    /// The call that sets the new password with the code.
    fn confirm(&self) -> Action {
        Action::ConfirmForgotPassword {
            client: self.client.clone(),
            username: self.username.clone(),
            code: Sensitive::new(self.form.value(0).trim().to_owned()),
            password: self.form.sensitive(1),
        }
    }

    /// The call that sends a (new) code.
    fn send_code(&self) -> Action {
        Action::ForgotPassword {
            client: self.client.clone(),
            username: self.username.clone(),
        }
    }

    /// Seconds until a new reset code may be sent to this user, if Cognito's limit paused it
    /// (the pause belongs to the user, as for sign-up codes).
    pub fn resend_wait(&self, pauses: &Pauses) -> Option<i64> {
        pauses.wait(&self.username)
    }

    fn send_reset_code(&self, ctx: &mut Ctx) {
        if let Some(wait) = ctx.pauses.wait(&self.username) {
            let instead = set_password_instead(ctx);
            return ctx.refuse(format!(
                "Sending a new reset code is paused for {wait} s more after Cognito's limit; {instead}."
            ));
        }
        ctx.request(self.send_code());
    }

    /// A forgot-password call failed: a sentence for each case, and sending paused after
    /// Cognito's limit.
    fn failed(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) {
        let sending = matches!(action, Action::ForgotPassword { .. });
        let username = self.username.clone();
        // A try counts once the code was sent, not when its confirmation opened.
        if !sending {
            self.tries += 1;
        }
        let tries = self.tries;
        if sending && *error == CognitoError::LimitExceeded {
            ctx.pause_resend(
                username.clone(),
                ctx.now + TimeDelta::seconds(RESEND_PAUSE_SECS),
            );
        }
        let resend = ctx.key_name(Context::Forgot, Command::ResendCode);
        let instead = set_password_instead(ctx);
        let verify = ctx.key_name(Context::Detail, Command::ConfirmAndVerify);
        let sentence = match error {
            CognitoError::CodeMismatch => format!(
                "That reset code is not the one Cognito sent (try {tries}): ask {username} to read it again, or {resend} sends a new one."
            ),
            CognitoError::ExpiredCode => format!(
                "That reset code has expired or a newer one was sent: {resend} sends a new one."
            ),
            CognitoError::LimitExceeded if sending => format!(
                "Cognito's limit on reset codes for {username} is reached: sending is paused for {RESEND_PAUSE_SECS} s; {instead}."
            ),
            CognitoError::LimitExceeded => format!(
                "Too many tries: Cognito has paused password resets for {username} for a while; {instead}."
            ),
            CognitoError::InvalidPassword(message) => {
                format!("Cognito refused the new password ({message}): choose another one.")
            }
            CognitoError::UserNotFound => format!(
                "There is no user {username} in this pool any more: they may have been deleted."
            ),
            CognitoError::InvalidParameter(message) if no_verified_contact(message) => format!(
                "{username} has no verified email or phone number, so Cognito cannot send a reset code: mark the email verified first ({verify} on the user), or {instead}."
            ),
            CognitoError::NotAuthorized(message) => refused(&username, message, &instead),
            other => other.to_string(),
        };
        ctx.refuse(sentence);
    }
}

/// "w on the user sets a password as admin instead", in the keys of the detail screen.
fn set_password_instead(read: &Reads) -> String {
    let key = read.key_name(Context::Detail, Command::SetPassword);
    format!("{key} on the user sets a password as admin instead")
}

impl ScreenModule for ForgotForm {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("forgot", Some(&self.username))
    }

    fn context(&self) -> Context {
        Context::Forgot
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, shown: &Shown) -> bool {
        command != Command::ResendCode || self.resend_wait(&shown.pauses).is_none()
    }

    /// The equivalent AWS CLI commands (send the code, set the password), secrets elided.
    fn cli(&self, _shown: &Shown) -> Vec<String> {
        [self.send_code(), self.confirm()]
            .iter()
            .flat_map(action_cli)
            .collect()
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back => return Next::User(self.username.clone()),
            Command::ResendCode => self.send_reset_code(ctx),
            Command::Submit => {
                let policy = ctx.pool.map(|p| p.password_policy).unwrap_or_default();
                match self.problem(&policy) {
                    Some(problem) => ctx.refuse(problem),
                    None => ctx.request(self.confirm()),
                }
            }
            Command::NextField | Command::PrevField | Command::Reveal => {
                self.form.on_command(command);
            }
            _ => {}
        }
        Next::Stay
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        Some(&mut self.form)
    }

    fn work_in_progress(&self) -> Option<&'static str> {
        self.form.unsent()
    }

    /// The code went out (where, as Cognito said), or the password is set.
    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        match (action, outcome) {
            (Action::ForgotPassword { username, .. }, Outcome::CodeSent(Ok(delivery))) => {
                ctx.say(delivery.as_ref().map_or_else(
                    || "Cognito sent a reset code (it did not say where).".to_owned(),
                    |d| format!("Cognito sent {username} a reset code {d}."),
                ));
                self.delivery = delivery;
                self.sent = true;
                self.form.set(0, "");
                self.form.focus = 0;
                Next::Stay
            }
            (Action::ConfirmForgotPassword { username, .. }, Outcome::CodeAccepted(Ok(()))) => {
                ctx.say(format!(
                    "{username}'s new password is set: they sign in with it from now on."
                ));
                Next::User(username.clone())
            }
            _ => Next::Stay,
        }
    }

    fn on_failure(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        self.failed(action, error, ctx);
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}

/// Cognito's InvalidParameter when the user has nowhere to get the code: "Cannot reset
/// password for the user as there is no registered/verified email or phone_number".
fn no_verified_contact(message: &str) -> bool {
    let m = message.to_lowercase();
    m.contains("verified") || m.contains("registered")
}

/// The sentence for a NotAuthorized refusal of a password reset, by Cognito's message.
fn refused(username: &str, message: &str, instead: &str) -> String {
    let m = message.to_lowercase();
    if m.contains("current state") {
        format!(
            "{username}'s password cannot be reset in their current state (an invited user signs in with the temporary password; resend the invitation instead)."
        )
    } else if m.contains("administrator") {
        format!(
            "This pool lets only an administrator reset passwords (account recovery is admin-only): {instead}."
        )
    } else if m.contains("disabled") {
        format!("{username} is disabled: enable them first if they should reset their password.")
    } else {
        format!("Cognito refused the password reset: {message}")
    }
}
