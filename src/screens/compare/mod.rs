//! Comparing the pool with another pool or a backup (`=` in the user table): the other side
//! typed (a pool id, or a backup file's name), then both read whole (every user, group and
//! membership) and what differs shown, counts first: users only in one, users in both that
//! differ (status, enabled, each attribute, groups), groups that differ. It runs the same code
//! as `cognitui compare`. `Esc` stops the reading.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, ActionKind, Outcome, Tally};
use crate::app::{Extent, Form};
use crate::compare::Comparison;
use crate::export::resolve_typed;
use crate::keys::{Command, Context};
use crate::sentence::stopped;
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "compare"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// Where a comparison is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComparePhase {
    /// Typing the other side.
    Form,
    /// Both sides being read; progress is in the tally.
    Reading,
    Shown(Box<Comparison>),
    /// Why a side could not be read.
    Failed(String),
}

/// The compare screen.
#[derive(Debug, Clone)]
pub struct CompareView {
    pub form: Form,
    pub phase: ComparePhase,
    pub tally: Tally,
}

impl CompareView {
    pub fn open() -> Next {
        Next::Open(Box::new(Self {
            form: Form::new(&[("Pool id or backup file", false)]),
            phase: ComparePhase::Form,
            tally: Tally::default(),
        }))
    }

    /// Reads both sides: the typed text is a backup file when one is there, else a pool id.
    fn start(&mut self, ctx: &mut Ctx) {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return;
        };
        let typed = self.form.value(0).trim();
        if typed.is_empty() {
            return ctx.refuse(
                "Type the id of the pool to compare with (like eu-west-1_AbC123), or a backup file's name."
                    .into(),
            );
        }
        let path = resolve_typed(ctx.dirs.work, ctx.dirs.home, typed);
        let other = if path.is_file() {
            path.display().to_string()
        } else {
            typed.to_owned()
        };
        self.tally = Tally::default();
        self.phase = ComparePhase::Reading;
        ctx.request(Action::Compare {
            pool_id,
            other,
            tally: self.tally.clone(),
        });
    }
}

impl ScreenModule for CompareView {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("compare", None)
    }

    fn context(&self) -> Context {
        Context::Compare
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        command != Command::Submit || self.phase == ComparePhase::Form
    }

    fn label(&self, command: Command, label: &'static str) -> &'static str {
        match (command, &self.phase) {
            (Command::Back, ComparePhase::Reading) => "stop",
            (Command::Back, ComparePhase::Shown(_) | ComparePhase::Failed(_)) => "compare another",
            _ => label,
        }
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match (&self.phase, command) {
            (ComparePhase::Form, Command::Submit) => self.start(ctx),
            (ComparePhase::Form, Command::Back) => return Next::Users,
            (ComparePhase::Reading, Command::Back) => {
                ctx.stop(ActionKind::Compare);
                self.phase = ComparePhase::Form;
                ctx.say("Comparison stopped.".into());
            }
            (_, Command::Back) => {
                self.phase = ComparePhase::Form;
                ctx.scroll_to(0);
            }
            _ => {}
        }
        Next::Stay
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        (self.phase == ComparePhase::Form).then_some(&mut self.form)
    }

    fn on_outcome(&mut self, _action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        if let Outcome::Compared(result) = outcome {
            ctx.scroll_to(0);
            self.phase = match result {
                Ok(comparison) => ComparePhase::Shown(comparison),
                Err(e) => {
                    ctx.refuse(format!("The comparison stopped: {}", stopped(&e)));
                    ComparePhase::Failed(e)
                }
            };
        }
        Next::Stay
    }

    fn extent(&self, area: Rect, shown: &Shown) -> Option<Extent> {
        matches!(self.phase, ComparePhase::Shown(_))
            .then(|| view::extent(area, shown, self, &Theme::no_color()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
