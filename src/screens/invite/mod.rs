//! Inviting a user as admin (AdminCreateUser): username, email and/or phone, a temporary
//! password that meets the policy, how the invitation is delivered, and whether to mark the
//! email and phone verified.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::Form;
use crate::cognito::invite::{Delivery, Invitation, delivery_problem};
use crate::cognito::model::{Attribute, DEFAULT_TEMPORARY_PASSWORD_DAYS, PoolInfo};
use crate::keys::{Command, Context};
use crate::password::PasswordPolicy;
use crate::theme::Theme;
use crate::validate::{email_problem, phone_problem, username_problem};

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "invite"),
    (Command::NextField, "next field"),
    (Command::Reveal, "show password"),
    (Command::GeneratePassword, "new password"),
    (Command::CycleDelivery, "delivery"),
    (Command::ToggleVerified, "verified"),
    (Command::CopyCli, "CLI"),
    (Command::Back, "cancel"),
];

const USERNAME: usize = 0;
const EMAIL: usize = 1;
const PHONE: usize = 2;
const PASSWORD: usize = 3;

/// The invitation form.
#[derive(Debug, Clone)]
pub struct InviteForm {
    pub form: Form,
    pub delivery: Delivery,
    /// Mark the email and phone given as verified.
    pub mark_verified: bool,
}

impl InviteForm {
    /// The invitation form, with a temporary password generated for the pool's policy.
    pub fn open(ctx: &mut Ctx) -> Next {
        if ctx.pool.is_none() {
            ctx.refuse("The pool is not open yet: wait a moment.".into());
            return Next::Stay;
        }
        let password = generated_password(ctx);
        Next::Open(Box::new(Self::new(&password)))
    }

    fn new(password: &str) -> Self {
        let form = Form::new(&[
            ("Username", false),
            ("Email", false),
            ("Phone (E.164)", false),
            ("Temp. password", true),
        ])
        .with_value(PASSWORD, password);
        Self {
            form,
            delivery: Delivery::Email,
            mark_verified: true,
        }
    }

    /// The invitation, or the first reason it cannot be sent.
    pub fn invitation(&self, policy: &PasswordPolicy) -> Result<Invitation, String> {
        let username = self.form.value(USERNAME).trim();
        let email = self.form.value(EMAIL).trim();
        let phone = self.form.value(PHONE).trim();
        let password = self.form.value(PASSWORD);
        if let Some(problem) = username_problem(username) {
            return Err(problem);
        }
        if let Some(p) = (!email.is_empty()).then(|| email_problem(email)).flatten() {
            return Err(format!("The {p}."));
        }
        if let Some(p) = (!phone.is_empty()).then(|| phone_problem(phone)).flatten() {
            return Err(format!("The {p}."));
        }
        if let Some(problem) = delivery_problem(self.delivery, !email.is_empty(), !phone.is_empty())
        {
            return Err(problem);
        }
        if let Some(p) = (!password.is_empty())
            .then(|| policy.first_problem(password))
            .flatten()
        {
            return Err(format!("The temporary password {p}."));
        }
        let mut attributes = Vec::new();
        for (name, value) in [("email", email), ("phone_number", phone)] {
            if !value.is_empty() {
                attributes.push(Attribute {
                    name: name.into(),
                    value: value.into(),
                });
                if self.mark_verified {
                    attributes.push(Attribute {
                        name: format!("{name}_verified"),
                        value: "true".into(),
                    });
                }
            }
        }
        Ok(Invitation {
            username: username.to_owned(),
            attributes,
            temporary_password: (!password.is_empty()).then(|| self.form.sensitive(PASSWORD)),
            delivery: self.delivery,
            resend: false,
            force_alias: false,
        })
    }
}

/// The pool's password policy (Cognito's default until the pool is read).
fn policy(pool: Option<&PoolInfo>) -> PasswordPolicy {
    pool.map(|p| p.password_policy).unwrap_or_default()
}

/// A temporary password for the pool's policy; empty (Cognito then makes one) if the system
/// gives no random bytes.
fn generated_password(ctx: &mut Ctx) -> String {
    match policy(ctx.pool).generate() {
        Ok(p) => p,
        Err(e) => {
            ctx.refuse(format!(
                "Could not generate a password ({e}): type one, or leave it empty and Cognito makes one."
            ));
            String::new()
        }
    }
}

impl ScreenModule for InviteForm {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("invite", None)
    }

    fn context(&self) -> Context {
        Context::Invite
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn cli(&self, shown: &Shown) -> Vec<String> {
        self.invitation(&policy(shown.pool))
            .map(|invitation| vec![invitation.cli(shown.pool_id.unwrap_or_default())])
            .unwrap_or_default()
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back => return Next::Users,
            Command::GeneratePassword => {
                let password = generated_password(ctx);
                self.form.set(PASSWORD, &password);
            }
            Command::CycleDelivery => self.delivery = self.delivery.next(),
            Command::ToggleVerified => self.mark_verified = !self.mark_verified,
            Command::Submit => match (self.invitation(&policy(ctx.pool)), ctx.pool_id) {
                (Ok(invitation), Some(pool_id)) => ctx.request(Action::Invite {
                    pool_id: pool_id.to_owned(),
                    invitation,
                }),
                (Err(problem), _) => ctx.refuse(problem),
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

    /// AdminCreateUser answered: the invited user's page.
    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        let (Action::Invite { invitation, .. }, Outcome::Invited(Ok(user))) = (action, outcome)
        else {
            return Next::Stay;
        };
        let days = ctx.pool.map_or(DEFAULT_TEMPORARY_PASSWORD_DAYS, |p| {
            p.temporary_password_validity_days
        });
        let how = match invitation.delivery {
            Delivery::Suppress => {
                "no message was sent: hand the temporary password over yourself".to_owned()
            }
            d => format!("the temporary password went by {}", d.label()),
        };
        ctx.say(format!(
            "Invited {}: {how}; it is valid {days} days.",
            user.username
        ));
        Next::User(user.username)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
