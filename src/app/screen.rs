//! The screens and the status line: which screen is shown, and which key context has the
//! keyboard.

use super::App;
use super::Form;
use crate::keys::Context;
use crate::screens::ScreenModule;
use crate::screens::confirm::ConfirmChange;
use crate::screens::detail::Detail;

/// The screens.
#[derive(Debug, Clone)]
pub enum Screen {
    /// Searching users; its state lives in `App::lookup` so it survives a visit to a user.
    Lookup,
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

    /// The screen as the module screen `T`, to change, if it is one.
    pub fn module_as_mut<T: ScreenModule>(&mut self) -> Option<&mut T> {
        match self {
            Self::Module(m) => m.downcast_mut(),
            _ => None,
        }
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
            Screen::Module(m) => m.form_mut(),
            Screen::Confirm(c) => c.form_mut(),
            Screen::Lookup => None,
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
            Screen::Confirm(_) => Context::Confirm,
            Screen::Module(m) => m.context(),
            Screen::Lookup => self.lookup.context(),
        }
    }
}
