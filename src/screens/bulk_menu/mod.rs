//! The bulk menu (`b` in the table, with users marked): what to do to the marked users; to add
//! them to a group or remove them from one, which group (the pool's groups, read then); to set
//! an attribute, which one and its value (checked against the pool's schema as typed); to set
//! MFA, which factor becomes what. The choice opens the run's preview.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::bulk::BulkRun;
use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::{Form, MFA_CHOICES};
use crate::cognito::admin::AdminCall;
use crate::cognito::invite::Delivery;
use crate::cognito::model::{Attribute, PoolInfo, standard_attribute};
use crate::keys::{Command, Context};
use crate::sentence::capitalised;
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Open, "choose"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// What a bulk run can do to each user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkKind {
    Confirm,
    MarkEmailVerified,
    ResendInvitation,
    Disable,
    Enable,
    ResetPassword,
    GlobalSignOut,
    SetAttribute,
    SetMfa,
    ForgetDevices,
    AddToGroup,
    RemoveFromGroup,
    Delete,
}

/// The choices, in menu order.
pub const BULK_KINDS: [BulkKind; 13] = [
    BulkKind::Confirm,
    BulkKind::MarkEmailVerified,
    BulkKind::ResendInvitation,
    BulkKind::Disable,
    BulkKind::Enable,
    BulkKind::ResetPassword,
    BulkKind::GlobalSignOut,
    BulkKind::SetAttribute,
    BulkKind::SetMfa,
    BulkKind::ForgetDevices,
    BulkKind::AddToGroup,
    BulkKind::RemoveFromGroup,
    BulkKind::Delete,
];

impl BulkKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Confirm => "Confirm their sign-up (AdminConfirmSignUp)",
            Self::MarkEmailVerified => "Mark the email verified",
            Self::ResendInvitation => "Resend the invitation by email",
            Self::Disable => "Disable",
            Self::Enable => "Enable",
            Self::ResetPassword => "Reset the password (they finish \"forgot password\")",
            Self::GlobalSignOut => "Sign out everywhere (refresh tokens revoked)",
            Self::SetAttribute => "Set an attribute to a value…",
            Self::SetMfa => "Set or turn off an MFA factor…",
            Self::ForgetDevices => "Forget every remembered device",
            Self::AddToGroup => "Add to a group…",
            Self::RemoveFromGroup => "Remove from a group…",
            Self::Delete => "Delete",
        }
    }

    /// Whether the choice asks which group next.
    pub fn takes_group(self) -> bool {
        matches!(self, Self::AddToGroup | Self::RemoveFromGroup)
    }

    /// The call, given the answer to the second question (a group) if the choice asks one.
    fn call(self, group: Option<String>) -> Option<AdminCall> {
        Some(match self {
            Self::Confirm => AdminCall::ConfirmSignUp,
            Self::MarkEmailVerified => AdminCall::mark_email_verified(),
            Self::ResendInvitation => AdminCall::ResendInvitation(Delivery::Email),
            Self::Disable => AdminCall::Disable,
            Self::Enable => AdminCall::Enable,
            Self::ResetPassword => AdminCall::ResetPassword,
            Self::GlobalSignOut => AdminCall::GlobalSignOut,
            Self::ForgetDevices => AdminCall::ForgetDevices,
            Self::SetAttribute | Self::SetMfa => return None,
            Self::AddToGroup => AdminCall::AddToGroup(group?),
            Self::RemoveFromGroup => AdminCall::RemoveFromGroup(group?),
            Self::Delete => AdminCall::Delete,
        })
    }
}

/// Choosing the action (and, to add to a group or remove from one, the group; to set an
/// attribute, which and to what).
#[derive(Debug, Clone)]
pub struct BulkMenu {
    pub selected: usize,
    /// The choice that takes a group, once made, and the pool's groups, once they arrived.
    pub groups: Option<(BulkKind, Vec<String>)>,
    /// The MFA settings, once "set or turn off an MFA factor" is chosen.
    pub mfa: bool,
    /// The attribute and its value, while they are typed.
    pub attribute: Option<Form>,
}

/// The form's hints: Enter shows the run's preview.
const ATTRIBUTE_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "preview"),
    (Command::NextField, "next field"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// The attribute `form` sets on every marked user, or why it cannot: one the pool has, that
/// may change, not a contact (each user's own alias), with a value its schema takes.
pub fn attribute_set(form: &Form, pool: Option<&PoolInfo>) -> Result<Attribute, String> {
    let Some(pool) = pool else {
        return Err("The pool is not open yet: wait a moment.".into());
    };
    let (name, value) = (form.value(0).trim(), form.value(1).trim());
    if name.is_empty() {
        return Err("Name the attribute: custom:tier, locale, …".into());
    }
    if matches!(name, "email" | "phone_number") {
        return Err(format!(
            "Each user's {name} is their own (it can be an alias they sign in with): change it on their page."
        ));
    }
    let schema = pool
        .schema
        .iter()
        .find(|a| a.name == name)
        .cloned()
        .or_else(|| standard_attribute(name))
        .ok_or_else(|| format!("The pool has no attribute '{name}'."))?;
    if !schema.mutable {
        return Err(format!(
            "'{name}' cannot change once set: the pool's schema makes it immutable."
        ));
    }
    if let Some(problem) = crate::validate::value_problem(&schema, value) {
        return Err(capitalised(&problem) + ".");
    }
    Ok(Attribute {
        name: name.to_owned(),
        value: value.to_owned(),
    })
}

impl BulkMenu {
    /// The menu, for the users marked in the table.
    pub fn open(ctx: &mut Ctx) -> Next {
        if ctx.marked.is_empty() {
            ctx.refuse("Mark users first: Space marks the row, * marks every row shown.".into());
            return Next::Stay;
        }
        Next::Open(Box::new(Self {
            selected: 0,
            groups: None,
            mfa: false,
            attribute: None,
        }))
    }

    fn choose(&mut self, ctx: &mut Ctx) -> Next {
        let targets: Vec<String> = ctx.marked.iter().cloned().collect();
        if self.mfa {
            let Some(choice) = MFA_CHOICES.get(self.selected) else {
                return Next::Stay;
            };
            let title = format!("{} — {} marked users", choice.label, targets.len());
            return Next::Open(Box::new(BulkRun::preview(
                title,
                choice.call(),
                targets,
                None,
                ctx.safety,
            )));
        }
        let (kind, group) = match &self.groups {
            Some((kind, groups)) => (*kind, groups.get(self.selected).cloned()),
            None => (BULK_KINDS[self.selected.min(BULK_KINDS.len() - 1)], None),
        };
        if kind == BulkKind::SetAttribute {
            self.attribute = Some(Form::new(&[("Attribute", false), ("Value", false)]));
            return Next::Stay;
        }
        if kind == BulkKind::SetMfa {
            self.mfa = true;
            self.selected = 0;
            return Next::Stay;
        }
        if kind.takes_group() && group.is_none() {
            if let Some(pool_id) = ctx.pool_id {
                ctx.request(Action::ListGroups {
                    pool_id: pool_id.to_owned(),
                });
            }
            return Next::Stay;
        }
        let what = match (&group, kind) {
            (Some(g), BulkKind::RemoveFromGroup) => format!("Remove from {g}"),
            (Some(g), _) => format!("Add to {g}"),
            (None, _) => kind.label().to_owned(),
        };
        let Some(call) = kind.call(group) else {
            return Next::Stay;
        };
        let title = format!("{what} — {} marked users", targets.len());
        Next::Open(Box::new(BulkRun::preview(
            title, call, targets, None, ctx.safety,
        )))
    }

    /// Keys while the attribute and its value are typed: Enter opens the run's preview once
    /// they are fit to send, Esc goes back to the choices.
    fn attribute_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        let Some(form) = &mut self.attribute else {
            return Next::Stay;
        };
        match command {
            Command::Back => self.attribute = None,
            Command::Submit => match attribute_set(form, ctx.pool) {
                Ok(attribute) => {
                    let targets: Vec<String> = ctx.marked.iter().cloned().collect();
                    let title = format!(
                        "Set {} to '{}' — {} marked users",
                        attribute.name,
                        attribute.value,
                        targets.len()
                    );
                    let call = AdminCall::SetAttributes(vec![attribute]);
                    return Next::Open(Box::new(BulkRun::preview(
                        title, call, targets, None, ctx.safety,
                    )));
                }
                Err(problem) => ctx.refuse(problem),
            },
            _ => form.on_command(command),
        }
        Next::Stay
    }
}

impl ScreenModule for BulkMenu {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("bulk menu", None)
    }

    fn context(&self) -> Context {
        if self.attribute.is_some() {
            Context::Form
        } else {
            Context::Menu
        }
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        if self.attribute.is_some() {
            ATTRIBUTE_HINTS
        } else {
            HINTS
        }
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        self.attribute.as_mut()
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        if self.attribute.is_some() {
            return self.attribute_command(command, ctx);
        }
        let len = match &self.groups {
            _ if self.mfa => MFA_CHOICES.len(),
            Some((_, groups)) => groups.len(),
            None => BULK_KINDS.len(),
        };
        match command {
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => self.selected = (self.selected + 1).min(len.saturating_sub(1)),
            // Back from the MFA settings to the choices, where "set MFA" was.
            Command::Back if self.mfa => {
                self.mfa = false;
                self.selected = BULK_KINDS
                    .iter()
                    .position(|k| *k == BulkKind::SetMfa)
                    .unwrap_or(0);
            }
            Command::Back => return Next::Users,
            Command::Open => return self.choose(ctx),
            _ => {}
        }
        Next::Stay
    }

    /// The pool's groups arrived for "add to a group" or "remove from a group".
    fn on_outcome(&mut self, _action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        let kind = BULK_KINDS[self.selected.min(BULK_KINDS.len() - 1)];
        if let Outcome::Groups(Ok(groups)) = outcome
            && self.groups.is_none()
        {
            if groups.is_empty() {
                ctx.refuse("The pool has no groups.".into());
            } else {
                self.groups = Some((kind, groups.into_iter().map(|g| g.name).collect()));
                self.selected = 0;
            }
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::{AttributeKind, SchemaAttribute};

    fn pool() -> PoolInfo {
        let mut seats = SchemaAttribute::text("custom:seats");
        seats.kind = AttributeKind::Number;
        let mut plan = SchemaAttribute::text("custom:plan");
        plan.mutable = false;
        PoolInfo {
            id: "us-east-1_abc".into(),
            name: "pool".into(),
            temporary_password_validity_days: 7,
            password_policy: crate::password::PasswordPolicy::default(),
            mfa_configuration: "OFF".into(),
            schema: vec![SchemaAttribute::text("custom:tier"), seats, plan],
            client: None,
            usernames_case_sensitive: true,
            estimated_users: None,
            facts: crate::cognito::model::PoolFacts::default(),
        }
    }

    fn set(name: &str, value: &str) -> Result<Attribute, String> {
        let form = Form::new(&[("Attribute", false), ("Value", false)])
            .with_value(0, name)
            .with_value(1, value);
        attribute_set(&form, Some(&pool()))
    }

    #[test]
    fn an_attribute_is_set_in_bulk_only_when_the_pool_takes_it_for_everyone() {
        assert_eq!(
            set("custom:tier", " gold "),
            Ok(Attribute {
                name: "custom:tier".into(),
                value: "gold".into()
            })
        );
        assert!(set("locale", "fr").is_ok(), "a standard attribute");
        let refused = |name, value| set(name, value).expect_err("refused");
        assert!(refused("", "x").starts_with("Name the attribute"));
        assert!(refused("email", "a@b.co").contains("their own"));
        assert!(refused("phone_number", "+15550000000").contains("their own"));
        assert_eq!(
            refused("custom:nope", "x"),
            "The pool has no attribute 'custom:nope'."
        );
        assert!(refused("custom:plan", "x").contains("immutable"));
        assert!(refused("sub", "x").contains("immutable"));
        assert!(refused("custom:seats", "many").contains("whole number"));
        assert!(refused("email_verified", "maybe").contains("true or false"));
        assert!(
            attribute_set(&Form::new(&[("Attribute", false), ("Value", false)]), None)
                .expect_err("no pool")
                .contains("not open yet")
        );
    }
}
