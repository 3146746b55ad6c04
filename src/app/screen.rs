//! The screens and the status line: which screen is shown, and which key context has the
//! keyboard.

use super::{App, Focus};
use super::{
    ChallengeAnswer, ConfirmChange, Enrol, Form, MfaCode, NewPassword, SelectChallenge, SelectMfa,
    SignIn, TokensView,
};
use crate::keys::Context;
use crate::screens::ScreenModule;
use crate::screens::detail::Detail;

/// The screens.
#[derive(Debug, Clone)]
pub enum Screen {
    /// Searching users; its state lives in `App::lookup` so it survives a visit to a user.
    Lookup,
    /// Signing in as a user.
    SignIn(SignIn),
    /// NEW_PASSWORD_REQUIRED.
    NewPassword(NewPassword),
    /// An MFA code: SOFTWARE_TOKEN_MFA, SMS_MFA or EMAIL_OTP.
    MfaCode(MfaCode),
    /// SELECT_MFA_TYPE.
    SelectMfa(SelectMfa),
    /// USER_AUTH's SELECT_CHALLENGE: how to sign in.
    SelectChallenge(SelectChallenge),
    /// A first-factor code (EMAIL_OTP, SMS_OTP) or a CUSTOM_CHALLENGE answer.
    Answer(Box<ChallengeAnswer>),
    /// TOTP enrolment with the QR.
    Enrol(Box<Enrol>),
    /// The signed-in user's token claims.
    Tokens(Box<TokensView>),
    /// An admin change waiting for the go-ahead.
    Confirm(Box<ConfirmChange>),
    /// A screen that is a module of its own (`crate::screens`).
    Module(Box<dyn ScreenModule>),
}

impl Screen {
    /// Whether the screen is `username`'s page (loaded or not).
    pub fn is_page_of(&self, username: &str) -> bool {
        self.module_as::<Detail>()
            .is_some_and(|d| d.username == username)
    }

    /// The screen as the module screen `T`, if it is one.
    pub fn module_as<T: ScreenModule>(&self) -> Option<&T> {
        match self {
            Self::Module(m) => m.downcast_ref(),
            _ => None,
        }
    }
}

impl App {
    /// The form typing goes to on the screen shown, if it has one.
    pub fn form_mut(&mut self) -> Option<&mut Form> {
        match &mut self.screen {
            Screen::SignIn(s) => Some(&mut s.form),
            Screen::NewPassword(s) => Some(&mut s.form),
            Screen::MfaCode(s) => Some(&mut s.form),
            Screen::Answer(a) => Some(&mut a.form),
            Screen::Enrol(e) => Some(&mut e.form),
            Screen::Module(m) => m.form_mut(),
            Screen::Confirm(c) => c.metadata.as_mut().or(c.typed.as_mut()),
            _ => None,
        }
    }

    /// The key context of what has the keyboard.
    pub fn context(&self) -> Context {
        if self.show_help {
            Context::Help
        } else {
            self.screen_context()
        }
    }

    /// The key context of the screen, ignoring the help overlay.
    pub fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::Answer(_) | Screen::SignIn(_) | Screen::NewPassword(_) | Screen::MfaCode(_) => {
                Context::Form
            }
            Screen::Enrol(_) => Context::Enrol,
            Screen::Tokens(_) => Context::Tokens,
            Screen::SelectMfa(_) | Screen::SelectChallenge(_) => Context::Menu,
            Screen::Confirm(_) => Context::Confirm,
            Screen::Module(m) => m.context(),
            Screen::Lookup => match self.lookup.focus {
                Focus::Table => Context::Lookup,
                Focus::Search => Context::Search,
                Focus::Refine => Context::Refine,
            },
        }
    }
}
