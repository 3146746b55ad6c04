//! A group's members, page by page: Enter opens a member.

use super::GroupsView;
use super::groups::moved;
use super::{App, Screen};
use crate::action::{Action, Request};
use crate::cognito::model::{User, UsersPage};
use crate::keys::Command;

/// A group's members, loaded a page at a time as the list scrolls.
#[derive(Debug, Clone)]
pub struct MembersView {
    pub group: String,
    pub users: Vec<User>,
    /// The token of the next page; `None` once `pages > 0` means every member is loaded.
    pub next_token: Option<String>,
    pub pages: usize,
    pub selected: usize,
    /// The groups screen to go back to.
    pub back: Box<GroupsView>,
}

impl MembersView {
    /// Whether every member is loaded.
    pub fn complete(&self) -> bool {
        self.pages > 0 && self.next_token.is_none()
    }
}

impl App {
    /// Asks for a page of the members shown.
    pub(super) fn read_members(&mut self, token: Option<String>) -> Vec<Request> {
        let (Screen::Members(m), Some(pool_id)) = (&self.screen, self.pool_id()) else {
            return Vec::new();
        };
        let group = m.group.clone();
        self.request(Action::GroupMembers {
            pool_id,
            group,
            token,
        })
    }

    /// A page of members arrived.
    pub(super) fn on_members(&mut self, group: &str, page: UsersPage) -> Vec<Request> {
        let Screen::Members(m) = &mut self.screen else {
            return Vec::new();
        };
        if m.group != group {
            return Vec::new();
        }
        m.pages += 1;
        m.next_token = page.next_token;
        m.users.extend(page.users);
        self.more_members_if_needed()
    }

    /// Another page when the selection nears the end of what is loaded and more are on the
    /// server (one page at a time).
    pub(super) fn more_members_if_needed(&mut self) -> Vec<Request> {
        let rows = self.list_page();
        let Screen::Members(m) = &self.screen else {
            return Vec::new();
        };
        let loading = self
            .in_flight
            .values()
            .any(|a| matches!(a, Action::GroupMembers { .. }));
        let near_end = m.users.len().saturating_sub(m.selected) <= rows;
        match &m.next_token {
            Some(token) if near_end && !loading => {
                let token = token.clone();
                self.read_members(Some(token))
            }
            _ => Vec::new(),
        }
    }

    /// Keys on a group's members.
    pub(super) fn members_command(&mut self, command: Command) -> Vec<Request> {
        let page = self.list_page();
        let Screen::Members(m) = &mut self.screen else {
            return Vec::new();
        };
        if let Some(next) = moved(m.selected, m.users.len(), command, page) {
            m.selected = next;
            return self.more_members_if_needed();
        }
        match command {
            Command::Back => {
                let Screen::Members(m) = std::mem::replace(&mut self.screen, Screen::Lookup) else {
                    return Vec::new();
                };
                self.back_to_groups(m.back)
            }
            Command::Refresh => {
                m.users.clear();
                m.pages = 0;
                m.next_token = None;
                m.selected = 0;
                self.read_members(None)
            }
            Command::Open => match m.users.get(m.selected) {
                Some(user) => {
                    let username = user.username.clone();
                    self.open_user(username)
                }
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}
