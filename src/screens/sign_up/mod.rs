//! Signing a user up as the app would (SignUp), and what to do when the username is taken:
//! look the user up and act on their status.

mod existing;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use self::existing::{Existing, ExistingChoice};
use super::code::{CodeEntry, CodePurpose};
use super::module::{Ctx, Next, ScreenModule, Shown, app_client};
use crate::action::{Action, Outcome};
use crate::app::Form;
use crate::cli::action_cli;
use crate::cognito::CognitoError;
use crate::cognito::model::{AppClient, Attribute, PoolInfo, SchemaAttribute};
use crate::keys::{Command, Context};
use crate::password::PasswordPolicy;
use crate::theme::Theme;
use crate::validate::{email_problem, phone_problem, username_problem, value_problem};

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::NextField, "next field"),
    (Command::Reveal, "show password"),
    (Command::CopyCli, "CLI"),
    (Command::Back, "cancel"),
    (Command::Help, "help"),
];

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
    /// The sign-up form, for a pool opened with an app client.
    pub fn open(ctx: &mut Ctx) -> Next {
        match (app_client(ctx.pool, ctx.keymap), ctx.pool) {
            (Ok(_), Some(pool)) => Next::Open(Box::new(Self::new(pool))),
            (Err(why), _) => {
                ctx.refuse(why);
                Next::Stay
            }
            (Ok(_), None) => Next::Stay,
        }
    }

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

impl ScreenModule for SignUp {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("sign up", None)
    }

    fn context(&self) -> Context {
        Context::Form
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn cli(&self, shown: &Shown) -> Vec<String> {
        shown
            .pool
            .and_then(|p| p.client.clone())
            .map(|client| action_cli(&self.action(client)))
            .unwrap_or_default()
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back => return Next::Users,
            Command::Submit => match (app_client(ctx.pool, ctx.keymap), ctx.pool) {
                (Ok(client), Some(pool)) => match self.problem(&pool.password_policy, pool) {
                    Some(problem) => ctx.refuse(problem),
                    None => ctx.request(self.action(client)),
                },
                (Err(why), _) => ctx.refuse(why),
                (Ok(_), None) => {}
            },
            _ => self.form.on_command(command),
        }
        Next::Stay
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        Some(&mut self.form)
    }

    fn work_in_progress(&self) -> Option<&'static str> {
        self.form.unsent()
    }

    /// SignUp answered: the code is entered, unless a trigger confirmed the user already. The
    /// taken username's user arrived: the choices, the form kept as typed.
    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        match (action, outcome) {
            (
                Action::SignUp {
                    username, client, ..
                },
                Outcome::SignedUp(Ok(result)),
            ) => {
                if result.confirmed {
                    ctx.say(format!(
                        "Signed up {username}; the pool confirmed them at once (a pre-sign-up trigger)."
                    ));
                    return Next::User(username.clone());
                }
                let sent = result.delivery.as_ref().map_or_else(
                    || "Cognito did not say where the code went".into(),
                    |d| format!("Cognito sent a code {d}"),
                );
                ctx.say(format!(
                    "Signed up {username}: {sent}. Type the code the user reads out."
                ));
                let purpose = CodePurpose::SignUp(client.clone());
                CodeEntry::open(username.clone(), purpose, result.delivery, false, ctx)
            }
            (Action::GetUser { .. }, Outcome::User(Ok(detail)))
                if detail.user.username == self.username() =>
            {
                ctx.clear_status();
                Existing::open(detail.user, Box::new(self.clone()))
            }
            _ => Next::Stay,
        }
    }

    /// A username that is taken: the user is looked up to offer what fits their status.
    fn on_failure(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        match (action, error, ctx.pool_id) {
            (Action::SignUp { username, .. }, CognitoError::UsernameExists, Some(pool_id)) => {
                ctx.say(format!(
                    "{username} already exists in this pool: looking at their status…"
                ));
                ctx.request(Action::GetUser {
                    pool_id: pool_id.to_owned(),
                    username: username.clone(),
                });
            }
            _ => ctx.refuse(error.to_string()),
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::sign_up(frame, area, shown, self, theme);
    }
}
