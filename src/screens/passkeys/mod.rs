//! The signed-in user's passkeys (from the tokens screen): ListWebAuthnCredentials, and
//! deleting one (DeleteWebAuthnCredential, as the user, confirmed first). Esc goes back to the
//! tokens.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::Screen;
use crate::cognito::CognitoError;
use crate::cognito::mfa::Passkey;
use crate::cognito::mfa::unavailable;
use crate::cognito::sensitive::Sensitive;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::DeletePasskey, "delete"),
    (Command::Refresh, "reload"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// The signed-in user's passkeys.
#[derive(Debug, Clone)]
pub struct PasskeyList {
    pub username: String,
    pub access_token: Sensitive,
    /// `None` while ListWebAuthnCredentials is on its way; the sentence when it failed.
    pub passkeys: Option<Result<Vec<Passkey>, String>>,
    pub selected: usize,
    /// The tokens screen, shown again with Esc.
    pub back: Box<Screen>,
}

impl PasskeyList {
    /// The passkeys of the user the access token is for, over the tokens screen `back`.
    pub fn open(
        username: String,
        access_token: Sensitive,
        back: Box<Screen>,
        ctx: &mut Ctx,
    ) -> Next {
        let list = Self {
            username,
            access_token,
            passkeys: None,
            selected: 0,
            back,
        };
        list.read(ctx);
        Next::Open(Box::new(list))
    }

    fn read(&self, ctx: &mut Ctx) {
        ctx.request(Action::ListPasskeys {
            username: self.username.clone(),
            access_token: self.access_token.clone(),
        });
    }

    fn listed(&self) -> &[Passkey] {
        match &self.passkeys {
            Some(Ok(list)) => list,
            _ => &[],
        }
    }
}

impl ScreenModule for PasskeyList {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("passkeys", Some(&self.username))
    }

    fn context(&self) -> Context {
        Context::Passkeys
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        command != Command::DeletePasskey || !self.listed().is_empty()
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back => return Next::Show(self.back.clone()),
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => {
                self.selected = (self.selected + 1).min(self.listed().len().saturating_sub(1));
            }
            Command::Refresh => {
                self.passkeys = None;
                self.read(ctx);
            }
            Command::DeletePasskey if self.passkeys.as_ref().is_some_and(Result::is_ok) => {
                match self.listed().get(self.selected) {
                    Some(passkey) => ctx.request(Action::DeletePasskey {
                        username: self.username.clone(),
                        access_token: self.access_token.clone(),
                        credential_id: passkey.id.clone(),
                        name: passkey.name.clone(),
                    }),
                    None => ctx.say("There is no passkey to delete.".into()),
                }
            }
            _ => {}
        }
        Next::Stay
    }

    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        match (action, outcome) {
            (Action::ListPasskeys { .. }, Outcome::Passkeys(Ok(list))) => {
                self.selected = self.selected.min(list.len().saturating_sub(1));
                self.passkeys = Some(Ok(list));
            }
            (Action::DeletePasskey { name, .. }, Outcome::PasskeyDeleted(Ok(()))) => {
                ctx.say(format!(
                    "Deleted {}'s passkey '{name}': they can no longer sign in with it.",
                    self.username
                ));
                self.passkeys = None;
                self.read(ctx);
            }
            _ => {}
        }
        Next::Stay
    }

    /// A list that cannot be read says why in its frame (an endpoint without it included).
    fn on_failure(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        if let Action::ListPasskeys { .. } = action {
            let next = match error {
                CognitoError::ServerError(_) => {
                    " Passkeys need Cognito itself (or an emulator that has them)."
                }
                _ => "",
            };
            self.passkeys = Some(Err(format!(
                "{}{next}",
                unavailable("ListWebAuthnCredentials", error)
            )));
        }
        ctx.refuse(error.to_string());
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
