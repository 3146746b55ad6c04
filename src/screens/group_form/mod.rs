//! Creating a group, or editing one's description and precedence: the form, checked as it is
//! typed, then the confirmation. Esc goes back to the groups; a change applied (or settled
//! after a lost answer) shows them read again.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::groups::{GroupsView, changed};
use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::Form;
use crate::cognito::groups::{Group, GroupChange, GroupSpec};
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::NextField, "next field"),
    (Command::CopyCli, "CLI"),
    (Command::Back, "cancel"),
    (Command::Help, "help"),
];

/// Creating a group, or editing one's description and precedence.
#[derive(Debug, Clone)]
pub struct GroupForm {
    /// The group edited; `None` to create one (then the first field is its name).
    pub editing: Option<String>,
    pub form: Form,
    pub back: Box<GroupsView>,
}

impl GroupForm {
    /// The form to create a group, over the groups screen `back`.
    pub(super) fn create(back: Box<GroupsView>) -> Next {
        Next::Open(Box::new(Self {
            editing: None,
            form: Form::new(&[
                ("Name", false),
                ("Description", false),
                ("Precedence", false),
            ]),
            back,
        }))
    }

    /// The form to edit `group`, opened on its description with its values to edit.
    pub(super) fn edit(group: &Group, back: Box<GroupsView>) -> Next {
        let mut form = Form::new(&[("Description", false), ("Precedence", false)]);
        form.set(0, group.description.as_deref().unwrap_or_default());
        if let Some(p) = group.precedence {
            form.set(1, &p.to_string());
        }
        Next::Open(Box::new(Self {
            editing: Some(group.name.clone()),
            form,
            back,
        }))
    }

    /// The group the form would send, or why not.
    pub fn spec(&self) -> Result<GroupSpec, String> {
        let (name, rest) = match &self.editing {
            Some(name) => (name.clone(), 0),
            None => (self.form.value(0).trim().to_owned(), 1),
        };
        if name.is_empty() {
            return Err("Give the group a name.".into());
        }
        if name.chars().any(char::is_whitespace) {
            return Err("A group name has no spaces: use - or _ instead.".into());
        }
        if name.chars().count() > 128 {
            return Err("A group name has at most 128 characters.".into());
        }
        let description = self.form.value(rest).trim().to_owned();
        if description.chars().count() > 2048 {
            return Err("A group's description has at most 2048 characters.".into());
        }
        let precedence = match self.form.value(rest + 1).trim() {
            "" => None,
            text => Some(
                text.parse::<u32>()
                    .ok()
                    .and_then(|p| i32::try_from(p).ok())
                    .ok_or("The precedence is a whole number, 0 or more (the lowest wins).")?,
            ),
        };
        Ok(GroupSpec {
            name,
            description,
            precedence,
            role_arn: None,
        })
    }

    /// The change Enter asks for.
    pub fn change(&self) -> Result<GroupChange, String> {
        let spec = self.spec()?;
        Ok(match self.editing {
            Some(_) => GroupChange::Update(spec),
            None => GroupChange::Create(spec),
        })
    }
}

impl ScreenModule for GroupForm {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("group form", None)
    }

    fn context(&self) -> Context {
        Context::Form
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn cli(&self, shown: &Shown) -> Vec<String> {
        self.change()
            .map(|change| vec![change.cli(shown.pool_id.unwrap_or_default())])
            .unwrap_or_default()
    }

    /// Enter asks for the change (its confirmation opens), Esc goes back to the groups.
    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back => return self.back.clone().again(ctx),
            Command::Submit => match (self.change(), ctx.pool_id) {
                (Ok(change), Some(pool_id)) => ctx.request(Action::Group {
                    pool_id: pool_id.to_owned(),
                    change,
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

    /// The change applied: the groups, read again; the groups as read after a lost answer.
    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        match (action, outcome) {
            (Action::Group { change, .. }, Outcome::GroupChanged(Ok(()))) => {
                ctx.say(changed(change));
                self.back.clone().reread(ctx)
            }
            (Action::ListGroups { .. }, Outcome::Groups(Ok(groups))) => {
                self.back.clone().with_groups(groups, ctx)
            }
            _ => Next::Stay,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
