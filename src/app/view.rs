//! Scrolling: the text views of a screen (the detail, a confirmation, the tokens, the
//! enrolment's notes, and a module screen's text such as a bulk preview or an opened audit
//! entry) and the help overlay move with the arrows, PgUp/PgDn and Home/End, clamped so that
//! the last rows fill the view. Which rows show comes from the UI's layout of the terminal size
//! (`Layout`, which the rendering layer provides).
//!
//! Also here: when `?` is help in a form and when it is typed.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use super::Extent;
use crate::keys::Command;

/// Where the scrolled view of the screen shown is; forgotten when another screen opens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The first row shown of the screen's scrolled text.
    pub offset: usize,
}

/// Fields that take digits only (codes, days): `?` there is always help.
fn digits_only(label: &str) -> bool {
    matches!(label, "Code" | "Older than (days)" | "Precedence")
}

/// Where `command` moves a view whose first row is `offset`; `None` if it does not scroll.
pub(super) fn scrolled(offset: usize, command: Command, extent: Extent) -> Option<usize> {
    let page = extent.visible.saturating_sub(1).max(1);
    let next = match command {
        Command::Up => offset.saturating_sub(1),
        Command::Down => offset.saturating_add(1),
        Command::PageUp => offset.saturating_sub(page),
        Command::PageDown => offset.saturating_add(page),
        Command::Top => 0,
        Command::Bottom => usize::MAX,
        _ => return None,
    };
    Some(next.min(extent.max()))
}

impl App {
    /// A scrolling key on a screen that scrolls text: the view moves. Whether the key was used.
    pub(super) fn scroll_view(&mut self, command: Command) -> bool {
        let Some(extent) = self.layout.extent(self) else {
            return false;
        };
        let Some(next) = scrolled(self.view.offset, command, extent) else {
            return false;
        };
        self.view.offset = next;
        true
    }

    /// A key while the help overlay shows: it scrolls, or closes (Esc, `?`, `q`, F1).
    pub(super) fn help_command(&mut self, command: Option<Command>) {
        match command {
            Some(Command::Back) => self.show_help = false,
            Some(command) => {
                if let Some(next) =
                    scrolled(self.help_scroll, command, self.layout.help_extent(self))
                {
                    self.help_scroll = next;
                }
            }
            None => {}
        }
    }

    /// Whether `key`, bound to help, is typed instead: in a form field that takes text, once
    /// the field has some (or always, in a password field), `?` is a character like any other.
    /// It is help in an empty field, a code or number field, and wherever there is no field.
    /// F1 is help everywhere.
    pub(super) fn help_key_is_typed(&mut self, key: &KeyEvent) -> bool {
        let KeyCode::Char(_) = key.code else {
            return false;
        };
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        let Some(form) = self.form_mut() else {
            return false;
        };
        form.fields.get(form.focus).is_some_and(|field| {
            !digits_only(&field.label) && (field.secret || !field.input.value().is_empty())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stops_where_the_last_rows_fill_the_view() {
        let extent = Extent {
            total: 50,
            visible: 10,
        };
        assert_eq!(scrolled(0, Command::PageDown, extent), Some(9));
        assert_eq!(scrolled(38, Command::PageDown, extent), Some(40));
        assert_eq!(scrolled(0, Command::Bottom, extent), Some(40));
        // PgUp after End moves at once.
        assert_eq!(scrolled(40, Command::PageUp, extent), Some(31));
        assert_eq!(scrolled(3, Command::Top, extent), Some(0));
        assert_eq!(scrolled(3, Command::Open, extent), None);
        let fits = Extent {
            total: 5,
            visible: 10,
        };
        assert_eq!(scrolled(0, Command::Down, fits), Some(0));
    }
}
