//! Setting a user's password as admin (AdminSetUserPassword), from their page: the new password
//! twice, permanent or temporary, then the confirmation. The answer is the user lifecycle's: a
//! change refused whole leaves the form as typed.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::Action;
use crate::app::Form;
use crate::cognito::admin::AdminCall;
use crate::cognito::sensitive::Sensitive;
use crate::keys::{Command, Context};
use crate::password::PasswordPolicy;
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "set"),
    (Command::NextField, "next field"),
    (Command::Reveal, "show password"),
    (Command::Toggle, "permanent/temporary"),
    (Command::Back, "cancel"),
];

/// Setting a user's password as admin.
#[derive(Debug, Clone)]
pub struct SetPasswordForm {
    pub username: String,
    pub form: Form,
    /// Permanent (CONFIRMED) or temporary (FORCE_CHANGE_PASSWORD).
    pub permanent: bool,
}

impl SetPasswordForm {
    /// The form for `username`'s new password, permanent unless switched.
    pub fn open(username: String) -> Next {
        Next::Open(Box::new(Self {
            username,
            form: Form::new(&[("New password", true), ("Again", true)]),
            permanent: true,
        }))
    }

    /// The call the form would send, or why not.
    pub fn call(&self, policy: &PasswordPolicy) -> Result<AdminCall, String> {
        let (new, again) = (self.form.value(0), self.form.value(1));
        if let Some(problem) = policy.first_problem(new) {
            return Err(format!("The password {problem}."));
        }
        if new != again {
            return Err("The two passwords differ: type the same one twice.".into());
        }
        Ok(AdminCall::SetPassword {
            password: Sensitive::new(new.to_owned()),
            permanent: self.permanent,
        })
    }
}

impl ScreenModule for SetPasswordForm {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("set password", Some(&self.username))
    }

    fn context(&self) -> Context {
        Context::Password
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back => return Next::User(self.username.clone()),
            Command::Toggle => self.permanent = !self.permanent,
            Command::Submit => {
                let policy = ctx.pool.map(|p| p.password_policy).unwrap_or_default();
                match (self.call(&policy), ctx.pool_id) {
                    (Ok(call), Some(pool_id)) => ctx.request(Action::Admin {
                        pool_id: pool_id.to_owned(),
                        username: self.username.clone(),
                        calls: vec![call],
                    }),
                    (Err(problem), _) => ctx.refuse(problem),
                    (Ok(_), None) => {}
                }
            }
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

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
