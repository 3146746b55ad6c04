//! The attribute editor: change, toggle, add and delete attributes as the pool's schema allows,
//! preview old -> new, then send it all (AdminUpdateUserAttributes, AdminDeleteUserAttributes).

use super::form::Form;
use super::{App, Screen, Status};
use crate::action::Request;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::{Attribute, AttributeKind, PoolInfo, SchemaAttribute, User};
use crate::keys::Command;
use crate::validate::{read_only_reason, value_problem};

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
    fn new(name: &str, old: Option<String>, pool: &PoolInfo) -> Self {
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
    fn row_command(&mut self, command: Command) -> Option<String> {
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

impl App {
    /// Opens the editor for the user on the detail screen.
    pub(super) fn open_editor(&mut self, user: &User) {
        let Some(pool) = &self.pool else {
            self.status = Some(Status::Error(
                "The pool is not open yet: wait a moment.".into(),
            ));
            return;
        };
        self.screen = Screen::Attributes(Box::new(AttributeEditor::new(user, pool)));
    }

    /// Keys in the attribute editor.
    pub(super) fn editor_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Attributes(e) = &mut self.screen else {
            return Vec::new();
        };
        let problem = match (&mut e.mode, command) {
            (EditorMode::Browse, _) => return self.browse_command(command),
            (EditorMode::Value(_) | EditorMode::Add(_), Command::Submit) => self.apply_typed(),
            (_, Command::Back) => {
                e.mode = EditorMode::Browse;
                None
            }
            (EditorMode::Value(f) | EditorMode::Add(f), Command::NextField) => {
                f.next();
                None
            }
            (EditorMode::Value(f) | EditorMode::Add(f), Command::PrevField) => {
                f.prev();
                None
            }
            (EditorMode::Preview, Command::Submit) => {
                let (username, calls) = (e.username.clone(), e.calls());
                return self.admin_change(username, calls);
            }
            _ => None,
        };
        if let Some(problem) = problem {
            self.status = Some(Status::Error(problem));
        }
        Vec::new()
    }

    fn browse_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Attributes(e) = &mut self.screen else {
            return Vec::new();
        };
        let problem = match command {
            Command::Back => {
                let username = e.username.clone();
                return self.open_user(username);
            }
            Command::Up => {
                e.selected = e.selected.saturating_sub(1);
                None
            }
            Command::Down => {
                e.selected = (e.selected + 1).min(e.rows.len().saturating_sub(1));
                None
            }
            Command::AddAttribute => {
                e.mode = EditorMode::Add(Form::new(&[("Name", false), ("Value", false)]));
                None
            }
            Command::Preview if e.calls().is_empty() => {
                Some("Nothing changed yet: nothing to send.".into())
            }
            Command::Preview => {
                e.mode = EditorMode::Preview;
                None
            }
            _ => e.row_command(command),
        };
        if let Some(problem) = problem {
            self.status = Some(Status::Error(problem));
        }
        Vec::new()
    }
    /// Enter in a value or add form: check the value against the schema and apply it. On a
    /// problem the form stays as typed.
    fn apply_typed(&mut self) -> Option<String> {
        let pool = self.pool.clone()?;
        let Screen::Attributes(e) = &mut self.screen else {
            return None;
        };
        match &e.mode {
            EditorMode::Value(f) => {
                let value = f.value(0).trim().to_owned();
                let row = e.rows.get_mut(e.selected)?;
                if let Some(p) = value_problem(&row.schema, &value) {
                    return Some(format!("The value of {p}."));
                }
                row.new = Some(value);
            }
            EditorMode::Add(f) => {
                let typed = f.value(0).trim();
                let value = f.value(1).trim().to_owned();
                let custom = format!("custom:{typed}");
                let name = if pool.attribute(typed).is_none() && pool.attribute(&custom).is_some() {
                    custom
                } else {
                    typed.to_owned()
                };
                if name.is_empty() {
                    return Some("Type the attribute's name.".into());
                }
                if pool.attribute(&name).is_none() {
                    return Some(format!(
                        "The pool has no attribute {name}: custom attributes must be added to the pool first."
                    ));
                }
                let index = e
                    .rows
                    .iter()
                    .position(|r| r.name == name)
                    .unwrap_or_else(|| {
                        e.rows.push(AttributeRow::new(&name, None, &pool));
                        e.rows.len() - 1
                    });
                let row = &mut e.rows[index];
                let problem = row.locked.clone().or_else(|| {
                    value_problem(&row.schema, &value).map(|p| format!("The value of {p}."))
                });
                if let Some(problem) = problem {
                    if row.old.is_none() {
                        e.rows.remove(index);
                    }
                    return Some(problem);
                }
                row.new = Some(value);
                e.selected = index;
            }
            EditorMode::Browse | EditorMode::Preview => return None,
        }
        e.mode = EditorMode::Browse;
        None
    }
}
