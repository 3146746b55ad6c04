//! Cleaning up stale UNCONFIRMED users (`C` in the table): how many days old, then the preview
//! of deleting the loaded UNCONFIRMED users created before that, as a bulk run.

mod view;

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::bulk::BulkRun;
use super::module::{Ctx, FORM_HINTS, Next, ScreenModule, Shown};
use crate::app::Form;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::UserStatus;
use crate::keys::{Command, Context};
use crate::theme::Theme;

/// How old stale UNCONFIRMED users are.
#[derive(Debug, Clone)]
pub struct Cleanup {
    pub form: Form,
}

impl Cleanup {
    pub fn open() -> Next {
        Next::Open(Box::new(Self {
            form: Form::new(&[("Older than (days)", false)]).with_value(0, "7"),
        }))
    }

    /// The preview of deleting the loaded UNCONFIRMED users older than the days typed.
    fn preview(&self, ctx: &mut Ctx) -> Next {
        let Ok(days) = self.form.value(0).trim().parse::<i64>() else {
            ctx.refuse("Type a whole number of days.".into());
            return Next::Stay;
        };
        let cutoff = ctx.now - TimeDelta::days(days);
        let (users, complete) = ctx.users;
        let targets: Vec<String> = (0..users.len())
            .filter(|&i| {
                users.status(i) == UserStatus::Unconfirmed
                    && users.created(i).is_some_and(|c| c <= cutoff)
            })
            .map(|i| users.username(i).to_owned())
            .collect();
        if targets.is_empty() {
            ctx.say(format!(
                "No loaded UNCONFIRMED user is older than {days} days."
            ));
            return Next::Stay;
        }
        let note = (!complete).then(|| {
            "Only loaded users are considered: more may exist (filter on UNCONFIRMED with s, load all with L, then clean up)."
                .to_owned()
        });
        let title = format!("Clean up UNCONFIRMED users older than {days} days");
        Next::Open(Box::new(BulkRun::preview(
            title,
            AdminCall::Delete,
            targets,
            note,
            ctx.safety,
        )))
    }
}

impl ScreenModule for Cleanup {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("cleanup", None)
    }

    fn context(&self) -> Context {
        Context::Form
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        FORM_HINTS
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back => Next::Users,
            Command::Submit => self.preview(ctx),
            _ => Next::Stay,
        }
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        Some(&mut self.form)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
