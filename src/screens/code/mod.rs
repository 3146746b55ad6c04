//! Entering a code the user reads out: a sign-up confirmation code (ConfirmSignUp) or an
//! attribute verification code (VerifyUserAttribute), with resend and the admin way out.

mod view;

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Next, Pauses, Reads, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::Form;
use crate::cli::action_cli;
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::{AppClient, Attribute, CodeDelivery};
use crate::cognito::sensitive::Sensitive;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send code"),
    (Command::ResendCode, "resend"),
    (Command::AdminConfirm, "admin instead"),
    (Command::CopyCli, "CLI"),
    (Command::Back, "back to user"),
    (Command::Help, "help"),
];

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
    /// Code entry for `username`, a new code sent first if `resend`.
    pub fn open(
        username: String,
        purpose: CodePurpose,
        delivery: Option<CodeDelivery>,
        resend: bool,
        ctx: &mut Ctx,
    ) -> Next {
        let entry = Self {
            username,
            purpose,
            delivery,
            form: Form::new(&[("Code", false)]),
            tries: 0,
        };
        if resend {
            entry.resend_code(ctx);
        }
        Next::Open(Box::new(entry))
    }

    /// Seconds until resending a code to this user is allowed again, if Cognito's limit paused
    /// it. The pause belongs to the user, so leaving the screen keeps it.
    pub fn resend_wait(&self, pauses: &Pauses) -> Option<i64> {
        pauses.wait(&self.username)
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

impl CodeEntry {
    fn submit_code(&self, ctx: &mut Ctx) {
        let code = self.form.value(0).trim().to_owned();
        if code.is_empty() {
            return ctx.refuse("Type the code the user reads out.".into());
        }
        ctx.request(self.submit(Sensitive::new(code)));
    }

    fn resend_code(&self, ctx: &mut Ctx) {
        if let Some(wait) = self.resend_wait(&ctx.pauses) {
            let way_out = admin_way_out(ctx, self.attribute());
            return ctx.refuse(format!(
                "Resend is paused for {wait} s more after Cognito's limit; {way_out} instead."
            ));
        }
        ctx.request(self.resend());
    }

    /// A code call failed: a sentence for each case, and resend paused after Cognito's limit.
    fn failed(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) {
        let resending = matches!(
            action,
            Action::ResendCode { .. } | Action::AttributeCode { .. }
        );
        // A try counts once the code was sent, not when its confirmation opened.
        if !resending {
            self.tries += 1;
        }
        let username = self.username.clone();
        let tries = self.tries;
        if resending && *error == CognitoError::LimitExceeded {
            ctx.pause_resend(
                username.clone(),
                ctx.now + TimeDelta::seconds(RESEND_PAUSE_SECS),
            );
        }
        let resend = ctx.key_name(Context::Code, Command::ResendCode);
        let way_out = admin_way_out(ctx, self.attribute());
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
        ctx.refuse(sentence);
    }
}

/// "F5 confirms as admin", or for an attribute "F5 marks it verified as admin".
fn admin_way_out(read: &Reads, attribute: Option<&str>) -> String {
    let key = read.key_name(Context::Code, Command::AdminConfirm);
    match attribute {
        Some(a) => format!("{key} marks {a} verified as admin"),
        None => format!("{key} confirms as admin"),
    }
}

impl ScreenModule for CodeEntry {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("code", Some(&self.username))
    }

    fn context(&self) -> Context {
        Context::Code
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, shown: &Shown) -> bool {
        command != Command::ResendCode || self.resend_wait(&shown.pauses).is_none()
    }

    /// The equivalent AWS CLI commands (confirm, resend); the code and secrets are elided.
    fn cli(&self, _shown: &Shown) -> Vec<String> {
        let code = Sensitive::new(String::new());
        [self.submit(code), self.resend()]
            .iter()
            .flat_map(action_cli)
            .collect()
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back => return Next::User(self.username.clone()),
            Command::Submit => self.submit_code(ctx),
            Command::ResendCode => self.resend_code(ctx),
            Command::AdminConfirm | Command::ConfirmAndVerify => {
                let calls = match self.attribute() {
                    Some(attribute) => vec![AdminCall::SetAttributes(vec![Attribute {
                        name: format!("{attribute}_verified"),
                        value: "true".into(),
                    }])],
                    None if command == Command::ConfirmAndVerify => {
                        vec![AdminCall::ConfirmSignUp, AdminCall::mark_email_verified()]
                    }
                    None => vec![AdminCall::ConfirmSignUp],
                };
                if let Some(pool_id) = ctx.pool_id {
                    ctx.request(Action::Admin {
                        pool_id: pool_id.to_owned(),
                        username: self.username.clone(),
                        calls,
                    });
                }
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

    /// A new code went out (where, as Cognito said), or the code was accepted: the user's page
    /// shows their new status.
    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        match outcome {
            Outcome::CodeSent(Ok(delivery)) => {
                ctx.say(delivery.as_ref().map_or_else(
                    || "Cognito sent a new code (it did not say where).".to_owned(),
                    |d| format!("Cognito sent a new code {d}."),
                ));
                self.delivery = delivery;
                self.form.set(0, "");
                Next::Stay
            }
            Outcome::CodeAccepted(Ok(())) => {
                let username = &self.username;
                ctx.say(match action {
                    Action::VerifyAttribute { attribute, .. } => {
                        format!("{username}'s {attribute} is verified.")
                    }
                    _ => format!("{username} confirmed their sign-up with the code."),
                });
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
