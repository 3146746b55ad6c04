//! The audit log (`A` in the user table): where it is and its latest entries, newest first.
//! Enter opens the selected entry whole (the scrolling keys then scroll it), and Esc there goes
//! back to the list.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::list::moved;
use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::{Extent, WHEEL_ROWS};
use crate::audit::AuditEntry;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Open, "open entry"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// The audit log screen.
#[derive(Debug, Clone, Default)]
pub struct AuditView {
    /// Where the log is, once read.
    pub path: String,
    /// `None` until the log is read.
    pub entries: Option<Vec<AuditEntry>>,
    pub selected: usize,
    /// The entry opened whole (an index into the entries), if one is.
    pub opened: Option<usize>,
}

impl AuditView {
    /// The screen, and its read of the log.
    pub fn open(ctx: &mut Ctx) -> Next {
        ctx.request(Action::ReadAudit);
        Next::Open(Box::new(Self::default()))
    }

    fn opened_entry(&self) -> Option<&AuditEntry> {
        self.entries.as_ref()?.get(self.opened?)
    }
}

impl ScreenModule for AuditView {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("audit", None)
    }

    fn context(&self) -> Context {
        Context::Audit
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        command != Command::Open || self.opened.is_none()
    }

    fn wheel_rows(&self) -> usize {
        WHEEL_ROWS
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        let len = self.entries.as_ref().map_or(0, Vec::len);
        match command {
            Command::Back if self.opened.is_some() => {
                self.opened = None;
                ctx.scroll_to(0);
            }
            Command::Back => return Next::Users,
            Command::Open if len > 0 => {
                self.opened = Some(self.selected);
                ctx.scroll_to(0);
            }
            command => {
                if let Some(next) = moved(self.selected, len, command, ctx.page) {
                    self.selected = next;
                }
            }
        }
        Next::Stay
    }

    fn on_outcome(&mut self, _action: &Action, outcome: Outcome, _ctx: &mut Ctx) -> Next {
        if let Outcome::Audit(Ok((path, entries))) = outcome {
            self.path = path;
            self.entries = Some(entries);
        }
        Next::Stay
    }

    fn extent(&self, area: Rect, _shown: &Shown) -> Option<Extent> {
        self.opened_entry()
            .map(|e| view::entry_extent(area, e, &Theme::no_color()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
