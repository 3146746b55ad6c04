//! The attribute editor's keys: browsing the rows, typing a value or a new attribute (checked
//! against the schema), the preview, and its change sent through the confirmation (answered by
//! the user lifecycle, which shows the user's page).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{AttributeEditor, AttributeRow, EditorMode, view};
use crate::action::Action;
use crate::app::{Extent, Form};
use crate::cognito::model::PoolInfo;
use crate::keys::{Command, Context};
use crate::paste::Limit;
use crate::screens::{Ctx, Next, ScreenModule, Shown};
use crate::theme::Theme;
use crate::validate::value_problem;

const BROWSE_HINTS: &[(Command, &str)] = &[
    (Command::Open, "edit"),
    (Command::Toggle, "true/false"),
    (Command::AddAttribute, "add"),
    (Command::DeleteAttribute, "delete"),
    (Command::Undo, "undo"),
    (Command::Preview, "preview"),
    (Command::Back, "back"),
];

const FORM_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::NextField, "next field"),
    (Command::Back, "cancel"),
    (Command::Help, "help"),
];

const PREVIEW_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::CopyCli, "copy CLI"),
    (Command::Back, "keep editing"),
    (Command::Help, "help"),
];

impl AttributeEditor {
    fn browse_command(&mut self, command: Command) -> Result<Next, String> {
        match command {
            Command::Back => return Ok(Next::User(self.username.clone())),
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
            }
            Command::AddAttribute => {
                self.mode = EditorMode::Add(Form::new(&[("Name", false), ("Value", false)]));
            }
            Command::Preview if self.calls().is_empty() => {
                return Err("Nothing changed yet: nothing to send.".into());
            }
            Command::Preview => self.mode = EditorMode::Preview,
            _ => {
                if let Some(problem) = self.row_command(command) {
                    return Err(problem);
                }
            }
        }
        Ok(Next::Stay)
    }

    /// Enter in a value or add form: check the value against the schema and apply it. On a
    /// problem the form stays as typed.
    fn apply_typed(&mut self, pool: &PoolInfo) -> Option<String> {
        let e = self;
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
                        e.rows.push(AttributeRow::new(&name, None, pool));
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

impl ScreenModule for AttributeEditor {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("attributes", Some(&self.username))
    }

    fn context(&self) -> Context {
        match self.mode {
            EditorMode::Browse => Context::Attributes,
            EditorMode::Value(_) | EditorMode::Add(_) => Context::Form,
            EditorMode::Preview => Context::Preview,
        }
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        match self.mode {
            EditorMode::Browse => BROWSE_HINTS,
            EditorMode::Value(_) | EditorMode::Add(_) => FORM_HINTS,
            EditorMode::Preview => PREVIEW_HINTS,
        }
    }

    fn cli(&self, shown: &Shown) -> Vec<String> {
        let pool_id = shown.pool_id.unwrap_or_default();
        self.calls()
            .iter()
            .map(|call| call.cli(pool_id, &self.username))
            .collect()
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        let problem = match (&mut self.mode, command) {
            (EditorMode::Browse, _) => match self.browse_command(command) {
                Ok(next) => return next,
                Err(problem) => Some(problem),
            },
            (EditorMode::Value(_) | EditorMode::Add(_), Command::Submit) => {
                ctx.pool.and_then(|pool| self.apply_typed(pool))
            }
            (_, Command::Back) => {
                self.mode = EditorMode::Browse;
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
                if let Some(pool_id) = ctx.pool_id {
                    ctx.request(Action::Admin {
                        pool_id: pool_id.to_owned(),
                        username: self.username.clone(),
                        calls: self.calls(),
                    });
                }
                None
            }
            _ => None,
        };
        if let Some(problem) = problem {
            ctx.refuse(problem);
        }
        Next::Stay
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        match &mut self.mode {
            EditorMode::Value(f) | EditorMode::Add(f) => Some(f),
            EditorMode::Browse | EditorMode::Preview => None,
        }
    }

    /// A value holds what the attribute's schema allows; a new attribute's value what the
    /// schema of the name typed allows.
    fn paste_limit(&self, pool: Option<&PoolInfo>) -> Option<Limit> {
        let limit = |name: &str, max: Option<usize>| {
            Limit::chars(max.unwrap_or(crate::paste::MAX_TEXT), name)
        };
        match &self.mode {
            EditorMode::Value(_) => {
                let row = self.rows.get(self.selected)?;
                Some(limit(&row.name, row.schema.max_length))
            }
            EditorMode::Add(f) if f.focus == 1 => {
                let typed = f.value(0).trim();
                let schema = pool.and_then(|p| {
                    p.attribute(typed)
                        .or_else(|| p.attribute(&format!("custom:{typed}")))
                });
                Some(limit(typed, schema.and_then(|a| a.max_length)))
            }
            EditorMode::Add(_) => Some(Limit::chars(crate::paste::MAX_TEXT, "an attribute name")),
            EditorMode::Browse | EditorMode::Preview => None,
        }
    }

    fn extent(&self, area: Rect, shown: &Shown) -> Option<Extent> {
        matches!(self.mode, EditorMode::Preview)
            .then(|| view::preview_extent(shown, area, self, &Theme::no_color()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
