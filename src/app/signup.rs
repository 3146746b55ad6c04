//! Signing a user up as the app would (SignUp), and what to do when the username is taken:
//! look the user up and act on their status.

use super::form::Form;
use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::cognito::model::{AppClient, Attribute, PoolInfo, SchemaAttribute, User, UserStatus};
use crate::cognito::signup::SignedUp;
use crate::keys::Command;
use crate::password::PasswordPolicy;
use crate::screens::code::CodePurpose;
use crate::validate::{email_problem, phone_problem, username_problem, value_problem};

const USERNAME: usize = 0;
const PASSWORD: usize = 1;
const EMAIL: usize = 2;
const PHONE: usize = 3;
/// Fields before the pool's own attributes.
const FIXED_FIELDS: usize = 4;

/// The sign-up form: username, password, email, phone, then the pool's required attributes
/// and its custom ones.
#[derive(Debug, Clone)]
pub struct SignUp {
    pub form: Form,
    /// The schema of each field after the fixed ones, in order.
    pub extra: Vec<SchemaAttribute>,
}

impl SignUp {
    pub fn new(pool: &PoolInfo) -> Self {
        let mut form = Form::new(&[
            ("Username", false),
            ("Password", true),
            ("Email", false),
            ("Phone (E.164)", false),
        ]);
        let fixed = [
            "email",
            "phone_number",
            "sub",
            "email_verified",
            "phone_number_verified",
        ];
        let extra: Vec<SchemaAttribute> = pool
            .schema
            .iter()
            .filter(|a| !fixed.contains(&a.name.as_str()))
            .filter(|a| a.required || (a.name.starts_with("custom:") && a.mutable))
            .cloned()
            .collect();
        for a in &extra {
            let label = if a.required {
                format!("{} *", a.name)
            } else {
                a.name.clone()
            };
            form.push(&label, false);
        }
        Self { form, extra }
    }

    pub fn username(&self) -> &str {
        self.form.value(USERNAME).trim()
    }

    /// The first reason the form cannot be sent, or `None`.
    pub fn problem(&self, policy: &PasswordPolicy, pool: &PoolInfo) -> Option<String> {
        if let Some(problem) = username_problem(self.username()) {
            return Some(problem);
        }
        if let Some(p) = policy.first_problem(self.form.value(PASSWORD)) {
            return Some(format!("The password {p}."));
        }
        let (email, phone) = (self.form.value(EMAIL).trim(), self.form.value(PHONE).trim());
        let required = |name: &str| pool.attribute(name).is_some_and(|a| a.required);
        for (name, value, check) in [
            ("email", email, email_problem as fn(&str) -> Option<String>),
            ("phone_number", phone, phone_problem),
        ] {
            if value.is_empty() && required(name) {
                return Some(format!("The pool requires {name}: type it."));
            }
            if let Some(p) = (!value.is_empty()).then(|| check(value)).flatten() {
                return Some(format!("The {p}."));
            }
        }
        for (i, a) in self.extra.iter().enumerate() {
            let value = self.form.value(FIXED_FIELDS + i).trim();
            if value.is_empty() {
                if a.required {
                    return Some(format!("The pool requires {}: type it.", a.name));
                }
            } else if let Some(p) = value_problem(a, value) {
                return Some(format!("The value of {p}."));
            }
        }
        None
    }

    /// The SignUp this form sends through `client`.
    pub fn action(&self, client: AppClient) -> Action {
        Action::SignUp {
            client,
            username: self.username().to_owned(),
            password: self.form.sensitive(PASSWORD),
            attributes: self.attributes(),
        }
    }

    /// The attributes to send: every field that has a value.
    fn attributes(&self) -> Vec<Attribute> {
        let names = ["email", "phone_number"]
            .into_iter()
            .map(str::to_owned)
            .chain(self.extra.iter().map(|a| a.name.clone()));
        names
            .zip(EMAIL..)
            .map(|(name, i)| Attribute {
                name,
                value: self.form.value(i).trim().to_owned(),
            })
            .filter(|a| !a.value.is_empty())
            .collect()
    }
}

/// What the agent can do about a username that is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExistingChoice {
    ResendAndEnterCode,
    EnterCode,
    ResendInvitation,
    OpenUser,
    BackToForm,
}

impl ExistingChoice {
    pub fn label(self) -> &'static str {
        match self {
            Self::ResendAndEnterCode => "Send a new code, then enter it",
            Self::EnterCode => "Enter a code the user already has",
            Self::ResendInvitation => "Resend the invitation (new temporary password)",
            Self::OpenUser => "Open the user",
            Self::BackToForm => "Back to the sign-up form",
        }
    }
}

/// The username of a sign-up exists: the user as Cognito has them, and the choices.
#[derive(Debug, Clone)]
pub struct Existing {
    pub user: User,
    pub choices: Vec<ExistingChoice>,
    pub selected: usize,
    /// The sign-up form, kept as typed.
    pub sign_up: Box<SignUp>,
}

impl Existing {
    fn new(user: User, sign_up: Box<SignUp>) -> Self {
        use ExistingChoice::{
            BackToForm, EnterCode, OpenUser, ResendAndEnterCode, ResendInvitation,
        };
        let choices = match user.status {
            UserStatus::Unconfirmed => vec![ResendAndEnterCode, EnterCode, OpenUser, BackToForm],
            UserStatus::ForceChangePassword => vec![ResendInvitation, OpenUser, BackToForm],
            _ => vec![OpenUser, BackToForm],
        };
        Self {
            user,
            choices,
            selected: 0,
            sign_up,
        }
    }
}

impl App {
    /// Opens the sign-up form (needs the pool's app client).
    pub(super) fn start_sign_up(&mut self) -> Vec<Request> {
        if self.app_client().is_some()
            && let Some(pool) = &self.pool
        {
            self.screen = Screen::SignUp(Box::new(SignUp::new(pool)));
        }
        Vec::new()
    }

    /// Keys on the sign-up form and on the taken-username choices.
    pub(super) fn sign_up_command(&mut self, command: Command) -> Vec<Request> {
        if let Screen::Existing(e) = &mut self.screen {
            return match command {
                Command::Up => {
                    e.selected = e.selected.saturating_sub(1);
                    Vec::new()
                }
                Command::Down => {
                    e.selected = (e.selected + 1).min(e.choices.len() - 1);
                    Vec::new()
                }
                Command::Open => self.choose_existing(),
                Command::Back => {
                    self.back_to_sign_up();
                    Vec::new()
                }
                _ => Vec::new(),
            };
        }
        match command {
            Command::Back => {
                self.screen = Screen::Lookup;
                Vec::new()
            }
            Command::Submit => self.submit_sign_up(),
            _ => {
                self.form_command(command);
                Vec::new()
            }
        }
    }

    fn submit_sign_up(&mut self) -> Vec<Request> {
        let Some(client) = self.app_client() else {
            return Vec::new();
        };
        let (Screen::SignUp(s), Some(pool)) = (&self.screen, &self.pool) else {
            return Vec::new();
        };
        if let Some(problem) = s.problem(&pool.password_policy, pool) {
            self.status = Some(Status::Error(problem));
            return Vec::new();
        }
        let action = s.action(client);
        self.request(action)
    }

    /// SignUp answered: enter the code, unless a trigger confirmed the user already.
    pub(super) fn on_signed_up(&mut self, username: String, result: SignedUp) -> Vec<Request> {
        if result.confirmed {
            self.status = Some(Status::Info(format!(
                "Signed up {username}; the pool confirmed them at once (a pre-sign-up trigger)."
            )));
            return self.open_user(username);
        }
        let Some(client) = self.app_client() else {
            return Vec::new();
        };
        let sent = result.delivery.as_ref().map_or_else(
            || "Cognito did not say where the code went".into(),
            |d| format!("Cognito sent a code {d}"),
        );
        self.status = Some(Status::Info(format!(
            "Signed up {username}: {sent}. Type the code the user reads out."
        )));
        self.open_code_entry(
            username,
            CodePurpose::SignUp(client),
            result.delivery,
            false,
        )
    }

    /// SignUp said the username is taken: look the user up to offer what fits their status.
    pub(super) fn sign_up_taken(&mut self, username: String) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
        };
        self.status = Some(Status::Info(format!(
            "{username} already exists in this pool: looking at their status…"
        )));
        self.request(Action::GetUser { pool_id, username })
    }

    /// The taken username's user arrived: show the choices, keeping the form.
    pub(super) fn on_existing_user(&mut self, user: &User) {
        if let Screen::SignUp(s) = &self.screen
            && s.username() == user.username
        {
            let sign_up = s.clone();
            self.status = None;
            self.screen = Screen::Existing(Box::new(Existing::new(user.clone(), sign_up)));
        }
    }

    fn back_to_sign_up(&mut self) {
        if let Screen::Existing(e) = &self.screen {
            self.screen = Screen::SignUp(e.sign_up.clone());
        }
    }

    fn choose_existing(&mut self) -> Vec<Request> {
        let Screen::Existing(e) = &self.screen else {
            return Vec::new();
        };
        let username = e.user.username.clone();
        let user = e.user.clone();
        match e.choices.get(e.selected) {
            Some(ExistingChoice::ResendAndEnterCode | ExistingChoice::EnterCode) => {
                let resend = e.choices.get(e.selected) == Some(&ExistingChoice::ResendAndEnterCode);
                let Some(client) = self.app_client() else {
                    return Vec::new();
                };
                self.open_code_entry(username, CodePurpose::SignUp(client), None, resend)
            }
            Some(ExistingChoice::ResendInvitation) => self.resend_invitation(&user),
            Some(ExistingChoice::OpenUser) => self.open_user(username),
            Some(ExistingChoice::BackToForm) => {
                self.back_to_sign_up();
                Vec::new()
            }
            None => Vec::new(),
        }
    }
}
