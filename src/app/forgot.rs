//! "Forgot password" for the desk: from a user's page a reset code is sent (ForgotPassword),
//! then one screen takes the code the user reads out and their new password twice
//! (ConfirmForgotPassword), checked live against the pool's policy. Both are changes, so each
//! goes through the confirmation step. Resend pauses after Cognito's limit like sign-up codes.

use chrono::TimeDelta;

use super::code::RESEND_PAUSE_SECS;
use super::form::Form;
use super::{App, Screen, Status};
use crate::action::{Action, Outcome, Request};
use crate::cli::action_cli;
use crate::cognito::CognitoError;
use crate::cognito::model::{AppClient, CodeDelivery, User};
use crate::cognito::sensitive::Sensitive;
use crate::keys::{Command, Context};
use crate::password::PasswordPolicy;

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

    /// The equivalent AWS CLI commands (send the code, set the password), secrets elided.
    pub fn cli(&self) -> Vec<String> {
        [self.send_code(), self.confirm()]
            .iter()
            .flat_map(action_cli)
            .collect()
    }
}

impl App {
    /// The detail key: the forgot-password screen for `user`, and the code sent (after the
    /// confirmation step).
    pub(super) fn start_forgot(&mut self, user: &User) -> Vec<Request> {
        let Some(client) = self.app_client() else {
            return Vec::new();
        };
        self.screen = Screen::Forgot(Box::new(ForgotForm::new(user, client)));
        self.send_reset_code()
    }

    /// Seconds until a new reset code may be sent to the forgot screen's user, if Cognito's
    /// limit paused it (the pause belongs to the user, as for sign-up codes).
    pub fn forgot_resend_wait(&self) -> Option<i64> {
        let Screen::Forgot(f) = &self.screen else {
            return None;
        };
        self.resend_pauses
            .get(&f.username)
            .map(|t| (*t - self.now).num_milliseconds())
            .filter(|ms| *ms > 0)
            .map(|ms| (ms + 999) / 1000)
    }

    /// Keys on the forgot-password screen.
    pub(super) fn forgot_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Forgot(f) = &self.screen else {
            return Vec::new();
        };
        match command {
            Command::Back => {
                let username = f.username.clone();
                self.open_user(username)
            }
            Command::ResendCode => self.send_reset_code(),
            Command::Submit => {
                if let Some(problem) = f.problem(&self.policy()) {
                    self.status = Some(Status::Error(problem));
                    return Vec::new();
                }
                let action = f.confirm();
                self.request(action)
            }
            Command::NextField | Command::PrevField | Command::Reveal => {
                self.form_command(command);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn send_reset_code(&mut self) -> Vec<Request> {
        let wait = self.forgot_resend_wait();
        let Screen::Forgot(f) = &self.screen else {
            return Vec::new();
        };
        if let Some(wait) = wait {
            let instead = self.set_password_instead();
            self.status = Some(Status::Error(format!(
                "Sending a new reset code is paused for {wait} s more after Cognito's limit; {instead}."
            )));
            return Vec::new();
        }
        let action = f.send_code();
        self.request(action)
    }

    /// A forgot-password call succeeded: the code went out, or the password is set.
    pub(super) fn on_forgot_outcome(&mut self, action: &Action, outcome: Outcome) -> Vec<Request> {
        match (action, outcome) {
            (Action::ForgotPassword { username, .. }, Outcome::CodeSent(Ok(delivery))) => {
                let sentence = delivery.as_ref().map_or_else(
                    || "Cognito sent a reset code (it did not say where).".to_owned(),
                    |d| format!("Cognito sent {username} a reset code {d}."),
                );
                if let Screen::Forgot(f) = &mut self.screen
                    && f.username == *username
                {
                    f.delivery = delivery;
                    f.sent = true;
                    f.form.set(0, "");
                    f.form.focus = 0;
                }
                self.status = Some(Status::Info(sentence));
                Vec::new()
            }
            (Action::ConfirmForgotPassword { username, .. }, Outcome::CodeAccepted(Ok(()))) => {
                self.status = Some(Status::Info(format!(
                    "{username}'s new password is set: they sign in with it from now on."
                )));
                self.open_user(username.clone())
            }
            _ => Vec::new(),
        }
    }

    /// A forgot-password call failed: a sentence for each case, and sending paused after
    /// Cognito's limit.
    pub(super) fn forgot_failed(&mut self, action: &Action, error: &CognitoError) {
        let now = self.now;
        let sending = matches!(action, Action::ForgotPassword { .. });
        let username = action.username().unwrap_or("the user").to_owned();
        let mut tries = 0;
        if let Screen::Forgot(f) = &mut self.screen
            && f.username == username
        {
            // A try counts once the code was sent, not when its confirmation opened.
            if !sending {
                f.tries += 1;
            }
            tries = f.tries;
        }
        if sending && *error == CognitoError::LimitExceeded {
            self.resend_pauses.insert(
                username.clone(),
                now + TimeDelta::seconds(RESEND_PAUSE_SECS),
            );
        }
        let resend = self.key_name(Context::Forgot, Command::ResendCode);
        let instead = self.set_password_instead();
        let verify = self.key_name(Context::Detail, Command::ConfirmAndVerify);
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
        self.status = Some(Status::Error(sentence));
    }

    /// "w on the user sets a password as admin instead", in the keys of the detail screen.
    fn set_password_instead(&self) -> String {
        let key = self.key_name(Context::Detail, Command::SetPassword);
        format!("{key} on the user sets a password as admin instead")
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
