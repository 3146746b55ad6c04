//! The pool overview (`o` in the user table): the pool's settings and every app client, read
//! when the screen opens, as scrolled text.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::Extent;
use crate::cognito::overview::PoolOverview;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Refresh, "reload"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// The overview screen: `None` until DescribeUserPool and the rest answer.
#[derive(Debug, Clone, Default)]
pub struct OverviewView {
    pub overview: Option<Box<PoolOverview>>,
}

impl OverviewView {
    /// The screen, and its read of the pool.
    pub fn open(ctx: &mut Ctx) -> Next {
        let Some(pool_id) = ctx.pool_id else {
            return Next::Stay;
        };
        ctx.request(Action::Overview {
            pool_id: pool_id.to_owned(),
        });
        Next::Open(Box::new(Self::default()))
    }
}

impl ScreenModule for OverviewView {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("overview", None)
    }

    fn context(&self) -> Context {
        Context::Overview
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    /// The scrolling keys scroll it (see `extent`).
    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back => Next::Users,
            Command::Refresh => Self::open(ctx),
            _ => Next::Stay,
        }
    }

    fn on_outcome(&mut self, _action: &Action, outcome: Outcome, _ctx: &mut Ctx) -> Next {
        if let Outcome::Overview(overview) = outcome
            && let Ok(overview) = *overview
            && self.overview.is_none()
        {
            self.overview = Some(Box::new(overview));
        }
        Next::Stay
    }

    fn extent(&self, area: Rect, _shown: &Shown) -> Option<Extent> {
        self.overview
            .as_ref()
            .map(|o| view::extent(o, area, &Theme::no_color()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
