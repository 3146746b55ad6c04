//! A form of text fields, shared by every screen that asks for typed values (sign-in, sign-up,
//! invitations, new password, codes, TOTP verification, attribute values). What was typed
//! stays until the screen is left.

use crossterm::event::{Event as TermEvent, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::cognito::sensitive::Sensitive;
use crate::keys::Command;

/// One field. Its `Debug` shows no value: fields hold passwords and codes.
#[derive(Clone)]
pub struct Field {
    pub label: String,
    pub input: Input,
    /// Shown as dots unless the form reveals secrets.
    pub secret: bool,
}

impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Field")
            .field("label", &self.label)
            .field("chars", &self.input.value().chars().count())
            .field("secret", &self.secret)
            .finish()
    }
}

/// The fields and which one has the keyboard.
#[derive(Debug, Clone)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Show secret fields in clear.
    pub reveal: bool,
}

impl Form {
    /// Whether any field holds something (pre-filled values included).
    pub fn has_input(&self) -> bool {
        (0..self.fields.len()).any(|i| !self.value(i).is_empty())
    }

    /// What leaving the form now would lose, for the quit guard: what was typed, if anything.
    pub fn unsent(&self) -> Option<&'static str> {
        self.has_input().then_some("The form has what you typed")
    }

    /// Moving between fields and revealing secrets, on any form.
    pub fn on_command(&mut self, command: Command) {
        match command {
            Command::NextField => self.next(),
            Command::PrevField => self.prev(),
            Command::Reveal => self.reveal = !self.reveal,
            _ => {}
        }
    }

    /// A form of `(label, is_secret)` fields, all empty.
    pub fn new(fields: &[(&str, bool)]) -> Self {
        let mut form = Self {
            fields: Vec::new(),
            focus: 0,
            reveal: false,
        };
        for &(label, secret) in fields {
            form.push(label, secret);
        }
        form
    }

    /// Adds an empty field at the end.
    pub fn push(&mut self, label: &str, secret: bool) {
        self.fields.push(Field {
            label: label.to_owned(),
            input: Input::default(),
            secret,
        });
    }

    /// Replaces field `i`'s value, keeping the focus where it is.
    pub fn set(&mut self, i: usize, value: &str) {
        if let Some(f) = self.fields.get_mut(i) {
            f.input = Input::new(value.to_owned());
        }
    }

    /// Sets field `i` (for prefilled values such as the username) and moves past it.
    #[must_use]
    pub fn with_value(mut self, i: usize, value: &str) -> Self {
        if let Some(f) = self.fields.get_mut(i) {
            f.input = Input::new(value.to_owned());
            if self.focus == i {
                self.focus = (i + 1).min(self.fields.len() - 1);
            }
        }
        self
    }

    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.input.value())
    }

    /// A field's value, wrapped so that it never reaches a log.
    pub fn sensitive(&self, i: usize) -> Sensitive {
        Sensitive::new(self.value(i).to_owned())
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn prev(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    /// Feeds a key to the focused field; whether its value changed.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        self.fields
            .get_mut(self.focus)
            .and_then(|f| f.input.handle_event(&TermEvent::Key(*key)))
            .is_some_and(|c| c.value)
    }

    /// What a field shows: the value, or dots for a secret.
    pub fn shown(&self, i: usize) -> String {
        match self.fields.get(i) {
            Some(f) if f.secret && !self.reveal => "•".repeat(f.input.value().chars().count()),
            Some(f) => f.input.value().to_owned(),
            None => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    #[test]
    fn debug_never_shows_values() {
        let f = Form::new(&[("Password", true)]).with_value(0, "hunter2");
        assert!(!format!("{f:?}").contains("hunter2"));
    }

    #[test]
    fn typing_masking_and_focus() {
        let mut f = Form::new(&[("Username", false), ("Password", true)]).with_value(0, "ann");
        assert_eq!(f.focus, 1);
        for c in "pw d".chars() {
            f.edit(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        assert_eq!(f.value(1), "pw d");
        assert_eq!(f.shown(1), "••••");
        f.reveal = true;
        assert_eq!(f.shown(1), "pw d");
        f.next();
        assert_eq!(f.focus, 0);
        f.prev();
        assert_eq!(f.focus, 1);
    }
}
