//! A user's page opens, and a user read shows wherever the user is shown: their row in the
//! table, and the screen shown (which hands it on to a screen it returns to).

use super::{App, Screen};
use crate::action::Request;
use crate::cognito::model::UserDetail;
use crate::screens::detail::Detail;

impl App {
    /// The page of `username`, read as it opens.
    pub(super) fn open_user(&mut self, username: String) -> Vec<Request> {
        self.open_module(|ctx| Detail::open(username, ctx))
    }

    /// AdminGetUser answered: refresh the user's row in the lookup and every screen showing
    /// them.
    pub(super) fn on_user(&mut self, username: &str, detail: &UserDetail) {
        self.lookup
            .update_user(username, |row| *row = detail.user.clone());
        if let Screen::Module(m) = &mut self.screen {
            m.on_user_read(username, detail);
        }
    }
}
