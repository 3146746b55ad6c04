//! The attribute editor: change, toggle, add and delete attributes as the pool's schema allows,
//! preview old -> new, then send it all (AdminUpdateUserAttributes, AdminDeleteUserAttributes).

mod keys;
mod view;

use crate::app::Form;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::{Attribute, AttributeKind, PoolInfo, SchemaAttribute, User};
use crate::keys::Command;
use crate::screens::{Ctx, Next};
use crate::validate::read_only_reason;

/// One attribute in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeRow {
    pub name: String,
    /// The value the user has now; `None` for an added attribute.
    pub old: Option<String>,
    /// The value to send; `None` deletes it (or, for an added one, leaves it out).
    pub new: Option<String>,
    pub schema: SchemaAttribute,
    /// Why the attribute cannot be changed, if it cannot.
    pub locked: Option<String>,
}

impl AttributeRow {
    pub(super) fn new(name: &str, old: Option<String>, pool: &PoolInfo) -> Self {
        let schema = pool
            .attribute(name)
            .unwrap_or_else(|| SchemaAttribute::text(name));
        let locked = read_only_reason(name).map(|r| format!("{name} {r}.")).or_else(|| {
            (!schema.mutable).then(|| {
                format!("{name} is immutable in the pool's schema: it is set only when the user is created.")
            })
        });
        Self {
            name: name.to_owned(),
            new: old.clone(),
            old,
            schema,
            locked,
        }
    }

    pub fn changed(&self) -> bool {
        self.old != self.new
    }
}

/// What the editor is doing.
#[derive(Debug, Clone)]
pub enum EditorMode {
    Browse,
    /// Typing a value for the selected row.
    Value(Form),
    /// Typing the name and value of a new attribute.
    Add(Form),
    /// Showing old -> new before sending.
    Preview,
}

/// The attribute editor of one user.
#[derive(Debug, Clone)]
pub struct AttributeEditor {
    pub username: String,
    pub rows: Vec<AttributeRow>,
    pub selected: usize,
    pub mode: EditorMode,
}

/// An attribute and the `_verified` flag that goes with it.
const VERIFIED_PAIRS: [(&str, &str); 2] = [
    ("email", "email_verified"),
    ("phone_number", "phone_number_verified"),
];

/// One line of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewLine {
    pub name: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// Why an unchanged value is sent too.
    pub note: Option<&'static str>,
}

impl AttributeEditor {
    /// The editor for `user`, once the pool's schema is read.
    pub fn open(user: &User, ctx: &mut Ctx) -> Next {
        if let Some(pool) = ctx.pool {
            return Next::Open(Box::new(Self::new(user, pool)));
        }
        ctx.refuse("The pool is not open yet: wait a moment.".into());
        Next::Stay
    }

    pub fn new(user: &User, pool: &PoolInfo) -> Self {
        Self {
            username: user.username.clone(),
            rows: user
                .attributes
                .iter()
                .map(|a| AttributeRow::new(&a.name, Some(a.value.clone()), pool))
                .collect(),
            selected: 0,
            mode: EditorMode::Browse,
        }
    }

    fn row(&self, name: &str) -> Option<&AttributeRow> {
        self.rows.iter().find(|r| r.name == name)
    }

    /// Everything the change sends: the changed values, plus the `_verified` flag of a changed
    /// email or phone as the agent left it, so that Cognito does not reset it.
    pub fn preview(&self) -> Vec<PreviewLine> {
        let mut lines: Vec<PreviewLine> = self
            .rows
            .iter()
            .filter(|r| r.changed())
            .map(|r| PreviewLine {
                name: r.name.clone(),
                old: r.old.clone(),
                new: r.new.clone(),
                note: None,
            })
            .collect();
        for (attribute, flag) in VERIFIED_PAIRS {
            let changed = self
                .row(attribute)
                .is_some_and(|r| r.changed() && r.new.is_some());
            let flag_row = self.row(flag);
            if changed && !flag_row.is_some_and(AttributeRow::changed) {
                let kept = flag_row.and_then(|r| r.new.clone());
                lines.push(PreviewLine {
                    name: flag.to_owned(),
                    old: kept.clone(),
                    new: Some(kept.unwrap_or_else(|| "false".into())),
                    note: Some("kept as it is, sent in the same call so Cognito does not reset it"),
                });
            }
        }
        lines
    }

    /// The admin calls for the change: one update, one delete, as needed.
    pub fn calls(&self) -> Vec<AdminCall> {
        let (mut set, mut delete) = (Vec::new(), Vec::new());
        for line in self.preview() {
            match line.new {
                Some(value) => set.push(Attribute {
                    name: line.name,
                    value,
                }),
                None => delete.push(line.name),
            }
        }
        let mut calls = Vec::new();
        if !set.is_empty() {
            calls.push(AdminCall::SetAttributes(set));
        }
        if !delete.is_empty() {
            calls.push(AdminCall::DeleteAttributes(delete));
        }
        calls
    }
}

impl AttributeEditor {
    /// A key on the selected row; the reason it cannot be done, if it cannot.
    pub(super) fn row_command(&mut self, command: Command) -> Option<String> {
        let selected = self.selected;
        let r = self.rows.get_mut(selected)?;
        if let (Some(reason), false) = (&r.locked, command == Command::Undo) {
            return Some(reason.clone());
        }
        let boolean = r.schema.kind == AttributeKind::Boolean;
        match command {
            Command::Open | Command::Toggle if boolean => {
                let flipped = if r.new.as_deref() == Some("true") {
                    "false"
                } else {
                    "true"
                };
                r.new = Some(flipped.into());
            }
            Command::Toggle => {
                return Some(format!("{} is not true/false: Enter edits it.", r.name));
            }
            Command::Open => {
                let value = r.new.clone().unwrap_or_default();
                self.mode = EditorMode::Value(Form::new(&[("Value", false)]).with_value(0, &value));
            }
            Command::DeleteAttribute if r.schema.required => {
                return Some(format!(
                    "{} is required by the pool and cannot be deleted.",
                    r.name
                ));
            }
            Command::DeleteAttribute | Command::Undo if r.old.is_none() => {
                self.rows.remove(selected);
                self.selected = selected.min(self.rows.len().saturating_sub(1));
            }
            Command::DeleteAttribute => {
                r.new = if r.new.is_some() { None } else { r.old.clone() };
            }
            Command::Undo => r.new = r.old.clone(),
            _ => {}
        }
        None
    }
}
