//! A group's members, page by page as the list scrolls: Enter opens a member, Esc goes back
//! to the groups.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::groups::GroupsView;
use super::list::moved;
use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::cognito::model::User;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Open, "open user"),
    (Command::Refresh, "reload"),
    (Command::Back, "back to groups"),
    (Command::Help, "help"),
];

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
    /// The members of `group`, from the groups screen `back`, and their first page.
    pub(super) fn open(group: String, back: Box<GroupsView>, ctx: &mut Ctx) -> Next {
        let view = Self {
            group,
            users: Vec::new(),
            next_token: None,
            pages: 0,
            selected: 0,
            back,
        };
        view.read(None, ctx);
        Next::Open(Box::new(view))
    }

    /// Whether every member is loaded.
    pub fn complete(&self) -> bool {
        self.pages > 0 && self.next_token.is_none()
    }

    /// Asks for a page of the members.
    fn read(&self, token: Option<String>, ctx: &mut Ctx) {
        if let Some(pool_id) = ctx.pool_id {
            ctx.request(Action::GroupMembers {
                pool_id: pool_id.to_owned(),
                group: self.group.clone(),
                token,
            });
        }
    }

    /// Another page when the selection nears the end of what is loaded and more are on the
    /// server (one page at a time).
    fn more_if_needed(&self, ctx: &mut Ctx) {
        let loading = ctx.asking(|a| matches!(a, Action::GroupMembers { .. }));
        let near_end = self.users.len().saturating_sub(self.selected) <= ctx.page;
        match &self.next_token {
            Some(token) if near_end && !loading => self.read(Some(token.clone()), ctx),
            _ => {}
        }
    }
}

impl ScreenModule for MembersView {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("members", Some(&self.group))
    }

    fn context(&self) -> Context {
        Context::Members
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        if let Some(next) = moved(self.selected, self.users.len(), command, ctx.page) {
            self.selected = next;
            self.more_if_needed(ctx);
            return Next::Stay;
        }
        match command {
            Command::Back => self.back.clone().again(ctx),
            Command::Refresh => {
                self.users.clear();
                self.pages = 0;
                self.next_token = None;
                self.selected = 0;
                self.read(None, ctx);
                Next::Stay
            }
            Command::Open => self
                .users
                .get(self.selected)
                .map_or(Next::Stay, |user| Next::User(user.username.clone())),
            _ => Next::Stay,
        }
    }

    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        if let (Action::GroupMembers { group, .. }, Outcome::Members(Ok(page))) = (action, outcome)
            && *group == self.group
        {
            self.pages += 1;
            self.next_token = page.next_token;
            self.users.extend(page.users);
            self.more_if_needed(ctx);
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
