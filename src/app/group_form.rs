//! Creating a group, or editing one: the form, checked before its confirmation.

use super::GroupsView;
use super::form::Form;
use super::{App, Screen, Status};
use crate::action::Request;
use crate::cognito::groups::{GroupChange, GroupSpec};
use crate::keys::Command;

/// Creating a group, or editing one's description and precedence.
#[derive(Debug, Clone)]
pub struct GroupForm {
    /// The group edited; `None` to create one (then the first field is its name).
    pub editing: Option<String>,
    pub form: Form,
    pub back: Box<GroupsView>,
}

impl GroupForm {
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

impl App {
    /// Keys on the group form: Enter asks for the change, Esc goes back to the groups.
    pub(super) fn group_form_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::GroupForm(f) = &self.screen else {
            return Vec::new();
        };
        match command {
            Command::Back => {
                let Screen::GroupForm(f) = std::mem::replace(&mut self.screen, Screen::Lookup)
                else {
                    return Vec::new();
                };
                self.back_to_groups(f.back)
            }
            Command::Submit => match f.change() {
                Ok(change) => self.change_group(change),
                Err(problem) => {
                    self.status = Some(Status::Error(problem));
                    Vec::new()
                }
            },
            _ => {
                self.form_command(command);
                Vec::new()
            }
        }
    }
}
