//! Keys: what has the keyboard, refusals before anything opens, quitting (asking first while
//! work would be lost), and the dispatch of a command to the screen shown.

use crossterm::event::KeyEvent;

use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::cognito::admin::AdminCall;
use crate::keys::Command;

impl App {
    pub(super) fn on_key(&mut self, key: &KeyEvent) -> Vec<Request> {
        let command = match self.keymap.command(self.context(), key) {
            // `?` in a form field that takes it is typed (see `help_key_is_typed`).
            Some(Command::Help) if self.help_key_is_typed(key) => None,
            command => command,
        };
        // Any key clears the status line and then does what it does, whatever it is: the
        // first character typed after an error is not lost, and no key is special.
        self.status = None;
        let quit_asked = std::mem::take(&mut self.quit_asked);
        if command == Some(Command::Quit) {
            self.quit(quit_asked);
            return Vec::new();
        }
        if let Some(why) = command.and_then(|c| self.refused(c)) {
            self.status = Some(Status::Error(why));
            return Vec::new();
        }
        if self.show_help {
            self.help_command(command);
            return Vec::new();
        }
        if command.is_some_and(|c| self.scroll_view(c)) {
            return Vec::new();
        }
        match command {
            Some(Command::Help) => {
                self.show_help = true;
                self.help_scroll = 0;
                Vec::new()
            }
            Some(Command::Retry) => self.retry(),
            Some(Command::CopyCli) => {
                self.copy_cli();
                Vec::new()
            }
            // Esc in a text field leaves the field, on a confirmation it goes back; elsewhere it
            // first abandons the pending call.
            Some(Command::Back)
                if self.abandonable()
                    && !self.typing()
                    && !matches!(self.screen, Screen::Confirm(_)) =>
            {
                self.abandon();
                Vec::new()
            }
            Some(command) => match self.screen {
                Screen::Lookup => self.table_command(command),
                Screen::Confirm(_) => self.confirm_command(command),
                Screen::Module(_) => self.module_command(command),
            },
            None => self.edit_field(key),
        }
    }

    /// A key while the terminal is too small: quitting (asking first as ever) is all it does.
    pub(super) fn on_key_too_small(&mut self, key: &KeyEvent) -> Vec<Request> {
        if self.keymap.command(self.context(), key) == Some(Command::Quit) {
            let asked = std::mem::take(&mut self.quit_asked);
            self.quit(asked);
        }
        Vec::new()
    }

    /// `q`/`Ctrl-C`: quits, but asks first while work would be lost.
    pub(super) fn quit(&mut self, asked: bool) {
        match self.work_in_progress() {
            Some(work) if !asked => {
                self.quit_asked = true;
                self.status = Some(Status::Error(format!(
                    "{work}: press the same key again to quit and lose it, any other key to go on."
                )));
            }
            _ => self.should_quit = true,
        }
    }

    /// What quitting now would lose, if anything.
    pub(super) fn work_in_progress(&self) -> Option<&'static str> {
        match &self.screen {
            Screen::Confirm(_) => Some("A change is waiting for your Enter"),
            Screen::Module(m) if m.work_in_progress().is_some() => m.work_in_progress(),
            _ if self.change_on_its_way() => Some("A change is on its way to Cognito"),
            _ => None,
        }
    }

    /// Whether a change was sent and its answer has not come (left with Esc included).
    pub(super) fn change_on_its_way(&self) -> bool {
        !self.left.is_empty() || self.in_flight.values().any(Action::mutates)
    }

    /// Why `command` is refused before anything opens: in read-only mode every key that leads
    /// to a change, and for a protected user the keys that delete or disable them.
    pub fn refused(&self, command: Command) -> Option<String> {
        if self.options.safety.read_only && command.leads_to_change() {
            return Some(format!(
                "Read-only mode: '{}' would change the pool, so it is not offered.",
                command.describe()
            ));
        }
        let user = &self.module()?.user_shown()?.user;
        let call = match command {
            Command::DeleteUser => AdminCall::Delete,
            Command::ToggleEnabled if user.enabled => AdminCall::Disable,
            _ => return None,
        };
        self.options.safety.refusal(&Action::Admin {
            pool_id: String::new(),
            username: user.username.clone(),
            calls: vec![call],
        })
    }

    pub(super) fn typing(&self) -> bool {
        matches!(self.screen, Screen::Lookup) && self.lookup.typing()
    }

    /// A key bound to nothing: typed into the form or the table's search or refine, if one
    /// has the keyboard.
    fn edit_field(&mut self, key: &KeyEvent) -> Vec<Request> {
        if let Some(form) = self.form_mut() {
            form.edit(key);
            return Vec::new();
        }
        if !matches!(self.screen, Screen::Lookup) {
            return Vec::new();
        }
        self.on_table(|table, ctx| {
            table.edit(key, ctx);
        })
    }
}
