//! Entering a code the user reads out: a sign-up confirmation code (ConfirmSignUp) or an
//! attribute verification code (VerifyUserAttribute), with resend and the admin way out.

use chrono::TimeDelta;

use super::form::Form;
use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::cli::action_cli;
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::{AppClient, Attribute, CodeDelivery};
use crate::cognito::sensitive::Sensitive;
use crate::keys::{Command, Context};

/// How long resend stays off after Cognito's limit (AWS publishes no number).
pub const RESEND_PAUSE_SECS: i64 = 60;

/// What the code is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodePurpose {
    /// Confirming a sign-up through this app client.
    SignUp(AppClient),
    /// Verifying an attribute of the signed-in user.
    Attribute {
        access_token: Sensitive,
        attribute: String,
    },
}

/// The code entry screen.
#[derive(Debug, Clone)]
pub struct CodeEntry {
    pub username: String,
    pub purpose: CodePurpose,
    /// Where the latest code went, when Cognito said.
    pub delivery: Option<CodeDelivery>,
    pub form: Form,
    /// Codes sent to Cognito so far.
    pub tries: u32,
}

impl CodeEntry {
    /// The equivalent AWS CLI commands (confirm, resend); the code and secrets are elided.
    pub fn cli(&self) -> Vec<String> {
        let code = Sensitive::new(String::new());
        [self.submit(code), self.resend()]
            .iter()
            .flat_map(action_cli)
            .collect()
    }

    /// The call that sends `code` to Cognito.
    fn submit(&self, code: Sensitive) -> Action {
        let username = self.username.clone();
        match &self.purpose {
            CodePurpose::SignUp(client) => Action::ConfirmSignUp {
                client: client.clone(),
                username,
                code,
                force_alias: false,
            },
            CodePurpose::Attribute {
                access_token,
                attribute,
            } => Action::VerifyAttribute {
                username: crate::claims::username_of(access_token.expose(), &username),
                access_token: access_token.clone(),
                attribute: attribute.clone(),
                code,
            },
        }
    }

    /// The call that sends a new code.
    fn resend(&self) -> Action {
        let username = self.username.clone();
        match &self.purpose {
            CodePurpose::SignUp(client) => Action::ResendCode {
                client: client.clone(),
                username,
            },
            CodePurpose::Attribute {
                access_token,
                attribute,
            } => Action::AttributeCode {
                username: crate::claims::username_of(access_token.expose(), &username),
                access_token: access_token.clone(),
                attribute: attribute.clone(),
            },
        }
    }

    /// The attribute a verification code is for, or `None` for a sign-up code.
    pub fn attribute(&self) -> Option<&str> {
        match &self.purpose {
            CodePurpose::SignUp(_) => None,
            CodePurpose::Attribute { attribute, .. } => Some(attribute),
        }
    }
}

impl App {
    /// Seconds until resending a code to the code screen's user is allowed again, if Cognito's
    /// limit paused it. The pause belongs to the user, so leaving the screen keeps it.
    pub fn resend_wait(&self) -> Option<i64> {
        let Screen::Code(c) = &self.screen else {
            return None;
        };
        self.resend_pauses
            .get(&c.username)
            .map(|t| (*t - self.now).num_milliseconds())
            .filter(|ms| *ms > 0)
            .map(|ms| (ms + 999) / 1000)
    }

    /// Opens code entry for `username`, sending a new code first if `resend`.
    pub(super) fn open_code_entry(
        &mut self,
        username: String,
        purpose: CodePurpose,
        delivery: Option<CodeDelivery>,
        resend: bool,
    ) -> Vec<Request> {
        self.screen = Screen::Code(Box::new(CodeEntry {
            username,
            purpose,
            delivery,
            form: Form::new(&[("Code", false)]),
            tries: 0,
        }));
        if resend {
            self.resend_code()
        } else {
            Vec::new()
        }
    }

    /// Keys on the code entry screen.
    pub(super) fn code_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Code(c) = &self.screen else {
            return Vec::new();
        };
        let username = c.username.clone();
        match command {
            Command::Back => self.open_user(username),
            Command::Submit => self.submit_code(),
            Command::ResendCode => self.resend_code(),
            Command::AdminConfirm | Command::ConfirmAndVerify => {
                let calls = match c.attribute() {
                    Some(attribute) => vec![AdminCall::SetAttributes(vec![Attribute {
                        name: format!("{attribute}_verified"),
                        value: "true".into(),
                    }])],
                    None if command == Command::ConfirmAndVerify => {
                        vec![AdminCall::ConfirmSignUp, AdminCall::mark_email_verified()]
                    }
                    None => vec![AdminCall::ConfirmSignUp],
                };
                self.admin_change(username, calls)
            }
            _ => Vec::new(),
        }
    }

    fn submit_code(&mut self) -> Vec<Request> {
        let Screen::Code(c) = &mut self.screen else {
            return Vec::new();
        };
        let code = c.form.value(0).trim().to_owned();
        if code.is_empty() {
            self.status = Some(Status::Error("Type the code the user reads out.".into()));
            return Vec::new();
        }
        let action = c.submit(Sensitive::new(code));
        self.request(action)
    }

    fn resend_code(&mut self) -> Vec<Request> {
        let wait = self.resend_wait();
        let Screen::Code(c) = &self.screen else {
            return Vec::new();
        };
        if let Some(wait) = wait {
            self.status = Some(Status::Error(format!(
                "Resend is paused for {wait} s more after Cognito's limit; {} instead.",
                self.admin_way_out(c.attribute())
            )));
            return Vec::new();
        }
        let action = c.resend();
        self.request(action)
    }

    /// A new code went out: show where.
    pub(super) fn on_code_sent(&mut self, delivery: Option<CodeDelivery>) {
        let sentence = delivery.as_ref().map_or_else(
            || "Cognito sent a new code (it did not say where).".to_owned(),
            |d| format!("Cognito sent a new code {d}."),
        );
        if let Screen::Code(c) = &mut self.screen {
            c.delivery = delivery;
            c.form.set(0, "");
        }
        self.status = Some(Status::Info(sentence));
    }

    /// The code was accepted: show the user with their new status.
    pub(super) fn on_code_accepted(&mut self, action: &Action) -> Vec<Request> {
        let Screen::Code(c) = &self.screen else {
            return Vec::new();
        };
        let username = c.username.clone();
        let done = match action {
            Action::VerifyAttribute { attribute, .. } => {
                format!("{username}'s {attribute} is verified.")
            }
            _ => format!("{username} confirmed their sign-up with the code."),
        };
        self.status = Some(Status::Info(done));
        self.open_user(username)
    }

    /// A code call failed: a sentence for each case, and resend paused after Cognito's limit.
    pub(super) fn code_failed(&mut self, action: &Action, error: &CognitoError) {
        let now = self.now;
        let Screen::Code(c) = &mut self.screen else {
            self.status = Some(Status::Error(error.to_string()));
            return;
        };
        let resending = matches!(
            action,
            Action::ResendCode { .. } | Action::AttributeCode { .. }
        );
        // A try counts once the code was sent, not when its confirmation opened.
        if !resending {
            c.tries += 1;
        }
        let username = c.username.clone();
        let attribute = c.attribute().map(ToOwned::to_owned);
        let tries = c.tries;
        if resending && *error == CognitoError::LimitExceeded {
            self.resend_pauses.insert(
                username.clone(),
                now + TimeDelta::seconds(RESEND_PAUSE_SECS),
            );
        }
        let resend = self.key_name(Context::Code, Command::ResendCode);
        let way_out = self.admin_way_out(attribute.as_deref());
        let sentence = match error {
            CognitoError::CodeMismatch => format!(
                "That code is not the one Cognito sent (try {tries}): ask the user to read it again, or {resend} sends a new one."
            ),
            CognitoError::ExpiredCode => {
                format!("That code has expired: {resend} sends a new one.")
            }
            CognitoError::LimitExceeded if resending => format!(
                "Cognito's limit on codes for {username} is reached: resend is paused for {RESEND_PAUSE_SECS} s; {way_out} instead."
            ),
            CognitoError::LimitExceeded => format!(
                "Too many tries: Cognito has paused codes for {username} for a while; {way_out} instead."
            ),
            CognitoError::UserNotFound => format!(
                "There is no user {username} in this pool any more: they may have been deleted."
            ),
            CognitoError::AlreadyConfirmed => {
                format!("{username} is already confirmed: no code is needed. Esc shows the user.")
            }
            other => other.to_string(),
        };
        self.status = Some(Status::Error(sentence));
    }

    /// "F5 confirms as admin", or for an attribute "F5 marks it verified as admin".
    fn admin_way_out(&self, attribute: Option<&str>) -> String {
        let key = self.key_name(Context::Code, Command::AdminConfirm);
        match attribute {
            Some(a) => format!("{key} marks {a} verified as admin"),
            None => format!("{key} confirms as admin"),
        }
    }
}
