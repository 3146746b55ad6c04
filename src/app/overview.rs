//! The pool overview (`o` in the user table): the pool's settings and every app client, read
//! when the screen opens, as scrolled text.

use super::{App, Screen};
use crate::action::{Action, Request};
use crate::cognito::overview::PoolOverview;
use crate::keys::Command;

impl App {
    /// `o` in the user table: the pool's overview, read now.
    pub(super) fn open_overview(&mut self) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
        };
        self.screen = Screen::Overview(None);
        self.request(Action::Overview { pool_id })
    }

    /// The overview arrived: the screen shows it, if it still waits.
    pub(super) fn on_overview(&mut self, overview: PoolOverview) {
        if let Screen::Overview(shown @ None) = &mut self.screen {
            *shown = Some(Box::new(overview));
        }
    }

    /// Keys on the overview (the scrolling keys scroll it, see `scroll_view`).
    pub(super) fn overview_command(&mut self, command: Command) -> Vec<Request> {
        match command {
            Command::Back => {
                self.screen = Screen::Lookup;
                Vec::new()
            }
            Command::Refresh => self.open_overview(),
            _ => Vec::new(),
        }
    }
}
