//! The mouse: the wheel scrolls what has a selection or scrolls (the help too), a click selects
//! a row of the user table and a double click opens it. The table's place on screen comes from the terminal
//! size and the table's layout rows (`ROWS_ABOVE_TABLE`), which the table is drawn with.

use std::time::{Duration, Instant};

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{App, Screen};
use crate::action::Request;
use crate::keys::Command;
use crate::screens::users::ROWS_ABOVE_TABLE;

/// Two clicks on the same row within this long open it.
pub const DOUBLE_CLICK: Duration = Duration::from_millis(400);

/// Rows one notch of the wheel moves through the user table, the detail's attributes and the
/// audit log; short lists and menus move one row a notch.
pub const WHEEL_ROWS: usize = 3;

/// The last click (for double clicks).
#[derive(Debug, Clone, Default)]
pub struct MouseState {
    /// The user (an index into the lookup's view) last clicked, and when.
    last_click: Option<(usize, Instant)>,
}

impl App {
    /// A mouse event at `at`: the wheel scrolls, a left click on the user table selects its row
    /// and a second one on the same row within [`DOUBLE_CLICK`] opens the user.
    pub(super) fn on_mouse(&mut self, event: MouseEvent, at: Instant) -> Vec<Request> {
        if !self.options.mouse {
            return Vec::new();
        }
        match event.kind {
            MouseEventKind::ScrollUp => self.wheel(Command::Up),
            MouseEventKind::ScrollDown => self.wheel(Command::Down),
            // The help overlay covers the table.
            MouseEventKind::Down(MouseButton::Left) if !self.show_help => self.click(event.row, at),
            _ => Vec::new(),
        }
    }

    /// One notch of the wheel: what the arrow keys do on the screen shown, or on the help.
    fn wheel(&mut self, command: Command) -> Vec<Request> {
        if self.show_help {
            for _ in 0..WHEEL_ROWS {
                self.help_command(Some(command));
            }
            return Vec::new();
        }
        // The screens that scroll text (the detail, a confirmation, a preview, the tokens, an
        // opened audit entry) scroll it, as far as the arrows do.
        if self.scroll_view(command) {
            for _ in 1..WHEEL_ROWS {
                self.scroll_view(command);
            }
            return Vec::new();
        }
        let rows = isize::try_from(WHEEL_ROWS).unwrap_or(1);
        match &self.screen {
            Screen::Lookup => self.on_table(|table, ctx| {
                table.scroll(if command == Command::Up { -rows } else { rows }, ctx);
            }),
            Screen::Module(m) => (0..m.wheel_rows())
                .flat_map(|_| self.module_command(command))
                .collect(),
            Screen::Confirm(_) => Vec::new(),
        }
    }

    /// A left click on screen row `row`: on the user table it selects that user (the keyboard
    /// goes to the table), and a second click on the same user soon after opens them.
    fn click(&mut self, row: u16, at: Instant) -> Vec<Request> {
        let Some(index) = self.user_at_row(row) else {
            self.mouse.last_click = None;
            return Vec::new();
        };
        let double = self
            .mouse
            .last_click
            .is_some_and(|(last, when)| last == index && at.duration_since(when) <= DOUBLE_CLICK);
        self.mouse.last_click = (!double).then_some((index, at));
        self.with_table(|table, ctx| table.clicked(index, double, ctx))
    }

    /// The user (an index into the lookup's view) shown on screen row `row`, if any.
    pub fn user_at_row(&self, row: u16) -> Option<usize> {
        if !matches!(self.screen, Screen::Lookup) {
            return None;
        }
        let on_table = usize::from(row.checked_sub(ROWS_ABOVE_TABLE)?);
        self.lookup.row_at(on_table, self.table_rows())
    }
}
