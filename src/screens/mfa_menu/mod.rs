//! A user's MFA as admin (`m` on their page): TOTP and SMS preferred, enabled or off, and a
//! lost authenticator removed, each through the confirmation (AdminSetUserMFAPreference),
//! answered by the user lifecycle.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::app::{MFA_CHOICES, UserMfa};
use crate::cli::action_cli;
use crate::cognito::CognitoError;
use crate::cognito::model::PoolMfa;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Open, "choose"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// Admin MFA settings for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaMenu {
    pub username: String,
    pub selected: usize,
    /// The user's MFA as read with their page, if it was.
    pub user: Option<UserMfa>,
    /// The pool's MFA configuration, once read.
    pub pool: Option<Result<PoolMfa, CognitoError>>,
}

impl MfaMenu {
    /// The menu for `username`, with what was read with their page.
    pub fn open(
        username: String,
        user: Option<UserMfa>,
        pool: Option<Result<PoolMfa, CognitoError>>,
    ) -> Next {
        Next::Open(Box::new(Self {
            username,
            selected: 0,
            user,
            pool,
        }))
    }
}

impl ScreenModule for MfaMenu {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("mfa menu", Some(&self.username))
    }

    fn context(&self) -> Context {
        Context::Menu
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn cli(&self, shown: &Shown) -> Vec<String> {
        MFA_CHOICES
            .get(self.selected)
            .map(|choice| {
                let pool_id = shown.pool_id.unwrap_or_default().to_owned();
                action_cli(&choice.action(pool_id, self.username.clone()))
            })
            .unwrap_or_default()
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        let last = MFA_CHOICES.len() - 1;
        match command {
            Command::Back => return Next::User(self.username.clone()),
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => self.selected = (self.selected + 1).min(last),
            Command::Open => {
                if let (Some(pool_id), Some(choice)) = (ctx.pool_id, MFA_CHOICES.get(self.selected))
                {
                    ctx.request(choice.action(pool_id.to_owned(), self.username.clone()));
                }
            }
            _ => {}
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _shown: &Shown, theme: &Theme) {
        view::render(frame, area, self, theme);
    }
}
