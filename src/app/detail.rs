//! The detail screen: one user.

use super::{App, Screen};
use crate::action::{Action, Request};
use crate::cognito::model::UserDetail;
use crate::keys::Command;

/// The detail screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub username: String,
    /// `None` until AdminGetUser answers.
    pub detail: Option<UserDetail>,
    pub scroll: u16,
}

impl App {
    pub(super) fn open_user(&mut self, username: String) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
        };
        self.screen = Screen::Detail(Detail {
            username: username.clone(),
            detail: None,
            scroll: 0,
        });
        vec![self.request(Action::GetUser { pool_id, username })]
    }

    pub(super) fn detail_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Detail(detail) = &mut self.screen else {
            return Vec::new();
        };
        match command {
            Command::Back => {
                self.screen = Screen::Lookup;
                Vec::new()
            }
            Command::Up => {
                detail.scroll = detail.scroll.saturating_sub(1);
                Vec::new()
            }
            Command::Down => {
                detail.scroll = detail.scroll.saturating_add(1);
                Vec::new()
            }
            Command::Refresh => {
                let username = detail.username.clone();
                self.open_user(username)
            }
            Command::SignIn => {
                let username = detail.username.clone();
                let account = detail
                    .detail
                    .as_ref()
                    .and_then(|d| d.user.email())
                    .unwrap_or(&username)
                    .to_owned();
                self.start_sign_in(&username, &account)
            }
            Command::MfaSettings => {
                let username = detail.username.clone();
                self.open_mfa_menu(username);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// AdminGetUser answered: refresh the user's row in the lookup and fill the screen.
    pub(super) fn on_user(&mut self, username: &str, detail: UserDetail) {
        if let Some(row) = self
            .lookup
            .users
            .iter_mut()
            .find(|u| u.username == username)
        {
            *row = detail.user.clone();
        }
        if let Screen::Detail(d) = &mut self.screen
            && d.username == username
        {
            d.detail = Some(detail);
        }
    }
}
