//! Signing in as a user, answering every challenge, TOTP enrolment and admin MFA settings.

use super::form::Form;
use super::signin_steps::enrolling_user;
use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::claims::Claims;
use crate::cognito::auth::{Answer, AuthSession, AuthTarget, EnrolWith, Factor, MfaKind, Tokens};
use crate::cognito::flows::AuthFlow;
use crate::cognito::model::{Attribute, PoolInfo};
use crate::cognito::sensitive::Sensitive;
use crate::keys::Command;
use crate::password::PasswordPolicy;
use crate::qr::Qr;
use crate::totp::TotpSecret;
use crate::validate::value_problem;

/// A sign-in in progress: where it goes, and where Esc returns to.
#[derive(Debug, Clone)]
pub struct SignInContext {
    pub target: AuthTarget,
    /// The user signing in, as picked in lookup or detail.
    pub username: String,
    /// The account name authenticator apps show: the user's email, else the username.
    pub account: String,
    pub origin: Box<Screen>,
    /// What the tokens are for.
    pub then: AfterSignIn,
    /// The first factor USER_AUTH asks for next (PREFERRED_CHALLENGE), once chosen.
    pub preferred: Option<Factor>,
}

/// What happens once the user is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterSignIn {
    /// Show the tokens' claims.
    ShowTokens,
    /// Send a verification code for this attribute (email, phone_number) and enter it.
    Verify(String),
}

/// Username and password.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub form: Form,
    pub flow: AuthFlow,
    pub account: String,
}

/// NEW_PASSWORD_REQUIRED: the new password, twice, then one field for each attribute the pool
/// requires that the user lacks.
#[derive(Debug, Clone)]
pub struct NewPassword {
    pub session: AuthSession,
    pub form: Form,
    /// The names of the required attributes, in the order of their fields.
    pub required: Vec<String>,
}

/// The fields before the required attributes: the new password and again.
const PASSWORD_FIELDS: usize = 2;

impl NewPassword {
    pub fn new(session: AuthSession, required: Vec<String>) -> Self {
        let mut form = Form::new(&[("New password", true), ("Again", true)]);
        for name in &required {
            form.push(name, false);
        }
        Self {
            session,
            form,
            required,
        }
    }

    /// The required attributes as typed, or the first reason they cannot be sent; a value is
    /// checked against the pool's schema when the pool names the attribute.
    fn attributes(&self, pool: Option<&PoolInfo>) -> Result<Vec<Attribute>, String> {
        self.required
            .iter()
            .zip(PASSWORD_FIELDS..)
            .map(|(name, i)| {
                let value = self.form.value(i).trim();
                if value.is_empty() {
                    return Err(format!("The pool requires {name}: type it."));
                }
                let schema = pool.and_then(|p| p.attribute(name));
                if let Some(p) = schema.and_then(|a| value_problem(&a, value)) {
                    return Err(format!("The value of {p}."));
                }
                Ok(Attribute {
                    name: name.clone(),
                    value: value.to_owned(),
                })
            })
            .collect()
    }
}

/// A code from a second factor: TOTP, SMS or email.
#[derive(Debug, Clone)]
pub struct MfaCode {
    pub session: AuthSession,
    pub kind: MfaKind,
    pub destination: Option<String>,
    pub form: Form,
    pub tries: u32,
    /// The secret enrolled earlier in this session, for the demo authenticator.
    pub demo_secret: Option<TotpSecret>,
    pub authenticator: bool,
}

/// SELECT_MFA_TYPE.
#[derive(Debug, Clone)]
pub struct SelectMfa {
    pub session: AuthSession,
    pub options: Vec<MfaKind>,
    pub selected: usize,
}

/// TOTP enrolment: the secret as QR and text, then the first code.
#[derive(Debug, Clone)]
pub struct Enrol {
    pub with: EnrolWith,
    pub issuer: String,
    pub account: String,
    /// `None` until AssociateSoftwareToken answers.
    pub secret: Option<TotpSecret>,
    /// The otpauth URI; it holds the secret.
    pub uri: Sensitive,
    pub qr: Option<Qr>,
    /// Code, then device name.
    pub form: Form,
    pub full_screen: bool,
    /// Show the code computed here from the secret (for demos without a phone).
    pub authenticator: bool,
    pub tries: u32,
}

/// The signed-in user's tokens, shown as claims only.
#[derive(Debug, Clone)]
pub struct TokensView {
    pub tokens: Tokens,
    pub id: Option<Claims>,
    pub access: Option<Claims>,
}

impl App {
    /// Opens the sign-in form for `username` (`account` is what authenticators will show).
    pub(super) fn start_sign_in(
        &mut self,
        username: &str,
        account: &str,
        then: AfterSignIn,
    ) -> Vec<Request> {
        let (Some(client), Some(pool_id)) = (self.app_client(), self.pool_id()) else {
            return Vec::new();
        };
        // The first flow the app client allows, in cognitui's order of preference.
        let flow = client.sign_in_flows()[0];
        self.auth = Some(SignInContext {
            target: AuthTarget {
                pool_id,
                client,
                flow,
                device: None,
            },
            username: username.to_owned(),
            account: account.to_owned(),
            origin: Box::new(self.screen.clone()),
            then,
            preferred: None,
        });
        self.screen = Screen::SignIn(SignIn {
            form: Form::new(&[("Username", false), ("Password", true)]).with_value(0, username),
            flow,
            account: account.to_owned(),
        });
        Vec::new()
    }

    /// Back from any sign-in screen: where the sign-in started.
    pub(super) fn leave_sign_in(&mut self) {
        if let Some(ctx) = self.auth.take() {
            self.screen = *ctx.origin;
        } else {
            self.screen = Screen::Lookup;
        }
    }

    /// Keys on the sign-in screens, the enrolment and the tokens.
    pub(super) fn auth_command(&mut self, command: Command) -> Vec<Request> {
        match command {
            Command::Back => {
                self.leave_sign_in();
                Vec::new()
            }
            Command::NextField | Command::PrevField | Command::Reveal => {
                self.form_command(command);
                Vec::new()
            }
            Command::ToggleFlow => {
                self.next_flow();
                Vec::new()
            }
            Command::Submit => self.submit(),
            Command::Up | Command::Down => {
                let delta = if command == Command::Up { -1 } else { 1 };
                match &mut self.screen {
                    Screen::SelectMfa(s) => {
                        s.selected = step_index(s.selected, delta, s.options.len());
                    }
                    Screen::SelectChallenge(s) => {
                        s.selected = step_index(s.selected, delta, s.available.len());
                    }
                    _ => {}
                }
                Vec::new()
            }
            Command::Open => self.choose(),
            Command::FullScreen | Command::Invert | Command::Authenticator => {
                match (&mut self.screen, command) {
                    (Screen::Enrol(e), Command::FullScreen) => e.full_screen = !e.full_screen,
                    (Screen::Enrol(e), Command::Invert) => {
                        if let Some(qr) = &mut e.qr {
                            qr.invert = !qr.invert;
                        }
                    }
                    (Screen::Enrol(e), _) => e.authenticator = !e.authenticator,
                    (Screen::MfaCode(c), Command::Authenticator) if c.demo_secret.is_some() => {
                        c.authenticator = !c.authenticator;
                    }
                    _ => {}
                }
                Vec::new()
            }
            Command::CopySecret | Command::CopyUri => {
                if let Screen::Enrol(e) = &self.screen
                    && let Some(secret) = &e.secret
                {
                    let (what, text) = if command == Command::CopySecret {
                        ("the secret", secret.base32().to_owned())
                    } else {
                        ("the otpauth URI", e.uri.expose().to_owned())
                    };
                    self.copy(what, text);
                }
                Vec::new()
            }
            Command::CopyAccessToken | Command::CopyIdToken => {
                if let Screen::Tokens(t) = &self.screen {
                    let (what, token) = if command == Command::CopyAccessToken {
                        ("the access token", t.tokens.access.expose().to_owned())
                    } else {
                        ("the ID token", t.tokens.id.expose().to_owned())
                    };
                    self.copy(what, token);
                }
                Vec::new()
            }
            Command::RememberDevice => self.ask_to_remember_device(),
            Command::EnrolTotp => {
                if let Screen::Tokens(t) = &self.screen {
                    let with = EnrolWith::AccessToken(t.tokens.access.clone());
                    return self.start_enrol(with);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn copy(&mut self, what: &str, text: String) {
        self.clipboard.push(Sensitive::new(text));
        self.status = Some(Status::Info(format!(
            "Copied {what} to the clipboard (OSC 52; the terminal must allow it)."
        )));
    }

    /// Moving between fields and revealing secrets, on any form.
    pub(super) fn form_command(&mut self, command: Command) {
        if let Some(form) = self.form_mut() {
            form.on_command(command);
        }
    }

    pub(super) fn target(&self) -> Option<AuthTarget> {
        self.auth.as_ref().map(|a| a.target.clone())
    }

    pub(super) fn policy(&self) -> PasswordPolicy {
        self.pool
            .as_ref()
            .map(|p| p.password_policy)
            .unwrap_or_default()
    }

    fn refuse(&mut self, sentence: &str) -> Vec<Request> {
        self.status = Some(Status::Error(sentence.to_owned()));
        Vec::new()
    }

    fn submit(&mut self) -> Vec<Request> {
        let Some(mut target) = self.target() else {
            return Vec::new();
        };
        if let Screen::SignIn(s) = &self.screen
            && let Some(problem) = self.sign_in_problem(s)
        {
            return self.refuse(problem);
        }
        if matches!(self.screen, Screen::Answer(_)) {
            return self.submit_answer();
        }
        if let Screen::SignIn(s) = &self.screen {
            target.device = self.remembered_device(&target, s.form.value(0).trim());
        }
        let action = match &mut self.screen {
            Screen::SignIn(s) => {
                let username = s.form.value(0).trim().to_owned();
                target.flow = s.flow;
                // The challenges that follow go through the same flow, with the same device.
                let mut preferred = None;
                if let Some(ctx) = &mut self.auth {
                    ctx.target.flow = s.flow;
                    ctx.target.device.clone_from(&target.device);
                    preferred = ctx.preferred;
                }
                Action::SignIn {
                    target: target.clone(),
                    username,
                    password: s.form.sensitive(1),
                    preferred,
                }
            }
            Screen::NewPassword(s) => {
                let (new, again) = (s.form.value(0).to_owned(), s.form.value(1).to_owned());
                let session = s.session.clone();
                let attributes = s.attributes(self.pool.as_ref());
                if let Some(problem) = self.policy().first_problem(&new) {
                    return self.refuse(&format!("The new password {problem}."));
                }
                if new != again {
                    return self.refuse("The two passwords differ: type the same one twice.");
                }
                let attributes = match attributes {
                    Ok(attributes) => attributes,
                    Err(problem) => return self.refuse(&problem),
                };
                Action::Respond {
                    target,
                    session,
                    answer: Answer::NewPassword {
                        password: Sensitive::new(new),
                        attributes,
                    },
                }
            }
            Screen::MfaCode(s) => {
                let code = s.form.value(0).trim().to_owned();
                if code.is_empty() {
                    return self.refuse("Type the code.");
                }
                s.tries += 1;
                Action::Respond {
                    target,
                    session: s.session.clone(),
                    answer: Answer::Code {
                        kind: s.kind,
                        code: Sensitive::new(code),
                    },
                }
            }
            Screen::Enrol(e) => {
                let code = e.form.value(0).trim().to_owned();
                if e.secret.is_none() {
                    return Vec::new();
                }
                if code.is_empty() {
                    return self.refuse("Type the 6-digit code the authenticator shows.");
                }
                Action::VerifyTotp {
                    username: enrolling_user(&e.with, self.auth.as_ref()),
                    with: e.with.clone(),
                    code: Sensitive::new(code),
                    device_name: e.form.value(1).trim().to_owned(),
                }
            }
            _ => return Vec::new(),
        };
        self.request(action)
    }

    fn choose(&mut self) -> Vec<Request> {
        match &self.screen {
            Screen::SelectChallenge(_) => self.choose_challenge(),
            Screen::SelectMfa(s) => {
                let (Some(target), Some(kind)) = (self.target(), s.options.get(s.selected)) else {
                    return Vec::new();
                };
                let action = Action::Respond {
                    target,
                    session: s.session.clone(),
                    answer: Answer::Select(*kind),
                };
                self.request(action)
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn start_enrol(&mut self, with: EnrolWith) -> Vec<Request> {
        let account = self
            .auth
            .as_ref()
            .map(|a| a.account.clone())
            .unwrap_or_default();
        let issuer = self
            .totp_issuer
            .clone()
            .or_else(|| self.pool.as_ref().map(|p| p.name.clone()))
            .unwrap_or_else(|| "Cognito".to_owned());
        self.screen = Screen::Enrol(Box::new(Enrol {
            with: with.clone(),
            issuer,
            account,
            secret: None,
            uri: Sensitive::new(String::new()),
            qr: None,
            form: Form::new(&[("Code", false), ("Device name", false)])
                .with_value(1, "cognitui demo"),
            full_screen: false,
            authenticator: false,
            tries: 0,
        }));
        let username = enrolling_user(&with, self.auth.as_ref());
        self.request(Action::AssociateTotp { username, with })
    }
}

fn step_index(i: usize, delta: isize, len: usize) -> usize {
    i.saturating_add_signed(delta).min(len.saturating_sub(1))
}
