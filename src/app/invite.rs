//! Inviting a user as admin (AdminCreateUser): username, email and/or phone, a temporary
//! password that meets the policy, how the invitation is delivered, and whether to mark the
//! email and phone verified.

use super::form::Form;
use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::cognito::invite::{Delivery, Invitation, delivery_problem};
use crate::cognito::model::Attribute;
use crate::keys::Command;
use crate::password::PasswordPolicy;
use crate::validate::{email_problem, phone_problem, username_problem};

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

impl App {
    /// Opens the invitation form with a generated temporary password.
    pub(super) fn start_invite(&mut self) -> Vec<Request> {
        if self.pool.is_none() {
            self.status = Some(Status::Error(
                "The pool is not open yet: wait a moment.".into(),
            ));
            return Vec::new();
        }
        let password = self.generated_password();
        self.screen = Screen::Invite(Box::new(InviteForm::new(&password)));
        Vec::new()
    }

    /// A temporary password for the pool's policy; empty (Cognito then makes one) if the
    /// system gives no random bytes.
    fn generated_password(&mut self) -> String {
        match self.policy().generate() {
            Ok(p) => p,
            Err(e) => {
                self.status = Some(Status::Error(format!(
                    "Could not generate a password ({e}): type one, or leave it empty and Cognito makes one."
                )));
                String::new()
            }
        }
    }

    /// Keys on the invitation form.
    pub(super) fn invite_command(&mut self, command: Command) -> Vec<Request> {
        match command {
            Command::Back => {
                self.screen = Screen::Lookup;
                Vec::new()
            }
            Command::GeneratePassword => {
                let password = self.generated_password();
                if let Screen::Invite(i) = &mut self.screen {
                    i.form.set(PASSWORD, &password);
                }
                Vec::new()
            }
            Command::CycleDelivery | Command::ToggleVerified => {
                if let Screen::Invite(i) = &mut self.screen {
                    if command == Command::CycleDelivery {
                        i.delivery = i.delivery.next();
                    } else {
                        i.mark_verified = !i.mark_verified;
                    }
                }
                Vec::new()
            }
            Command::Submit => {
                let (Screen::Invite(i), Some(pool_id)) = (&self.screen, self.pool_id()) else {
                    return Vec::new();
                };
                match i.invitation(&self.policy()) {
                    Ok(invitation) => self.request(Action::Invite {
                        pool_id,
                        invitation,
                    }),
                    Err(problem) => {
                        self.status = Some(Status::Error(problem));
                        Vec::new()
                    }
                }
            }
            _ => {
                self.form_command(command);
                Vec::new()
            }
        }
    }
}
