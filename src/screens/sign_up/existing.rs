//! The username of a sign-up is taken: the user as Cognito has them, and what fits their
//! status (a new code, a code they have, the invitation again, their page, the form back).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::SignUp;
use super::view;
use crate::action::Action;
use crate::cognito::admin::AdminCall;
use crate::cognito::invite::Delivery;
use crate::cognito::model::{User, UserStatus};
use crate::keys::{Command, Context};
use crate::screens::code::{CodeEntry, CodePurpose};
use crate::screens::module::{Ctx, Next, ScreenModule, Shown, app_client};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Open, "choose"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// What the agent can do about a username that is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExistingChoice {
    ResendAndEnterCode,
    EnterCode,
    ResendInvitation,
    OpenUser,
    BackToForm,
}

impl ExistingChoice {
    pub fn label(self) -> &'static str {
        match self {
            Self::ResendAndEnterCode => "Send a new code, then enter it",
            Self::EnterCode => "Enter a code the user already has",
            Self::ResendInvitation => "Resend the invitation (new temporary password)",
            Self::OpenUser => "Open the user",
            Self::BackToForm => "Back to the sign-up form",
        }
    }
}

/// The username of a sign-up exists: the user as Cognito has them, and the choices.
#[derive(Debug, Clone)]
pub struct Existing {
    pub user: User,
    pub choices: Vec<ExistingChoice>,
    pub selected: usize,
    /// The sign-up form, kept as typed.
    pub sign_up: Box<SignUp>,
}

impl Existing {
    /// The choices for `user`, the sign-up form `sign_up` kept as typed.
    pub(super) fn open(user: User, sign_up: Box<SignUp>) -> Next {
        Next::Open(Box::new(Self::new(user, sign_up)))
    }

    fn new(user: User, sign_up: Box<SignUp>) -> Self {
        use ExistingChoice::{
            BackToForm, EnterCode, OpenUser, ResendAndEnterCode, ResendInvitation,
        };
        let choices = match user.status {
            UserStatus::Unconfirmed => vec![ResendAndEnterCode, EnterCode, OpenUser, BackToForm],
            UserStatus::ForceChangePassword => vec![ResendInvitation, OpenUser, BackToForm],
            _ => vec![OpenUser, BackToForm],
        };
        Self {
            user,
            choices,
            selected: 0,
            sign_up,
        }
    }

    fn choose(&self, ctx: &mut Ctx) -> Next {
        let username = self.user.username.clone();
        match self.choices.get(self.selected) {
            Some(choice @ (ExistingChoice::ResendAndEnterCode | ExistingChoice::EnterCode)) => {
                match app_client(ctx.pool, ctx.keymap) {
                    Ok(client) => {
                        let resend = *choice == ExistingChoice::ResendAndEnterCode;
                        let purpose = CodePurpose::SignUp(client);
                        CodeEntry::open(username, purpose, None, resend, ctx)
                    }
                    Err(why) => {
                        ctx.refuse(why);
                        Next::Stay
                    }
                }
            }
            Some(ExistingChoice::ResendInvitation) => {
                if let Some(pool_id) = ctx.pool_id {
                    ctx.request(Action::Admin {
                        pool_id: pool_id.to_owned(),
                        username,
                        calls: vec![AdminCall::ResendInvitation(Delivery::for_user(&self.user))],
                    });
                }
                Next::Stay
            }
            Some(ExistingChoice::OpenUser) => Next::User(username),
            Some(ExistingChoice::BackToForm) => Next::Open(self.sign_up.clone()),
            None => Next::Stay,
        }
    }
}

impl ScreenModule for Existing {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("existing", None)
    }

    fn context(&self) -> Context {
        Context::Menu
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => self.selected = (self.selected + 1).min(self.choices.len() - 1),
            Command::Open => return self.choose(ctx),
            Command::Back => return Next::Open(self.sign_up.clone()),
            _ => {}
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::existing(frame, area, shown, self, theme);
    }
}
