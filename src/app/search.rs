//! Searching and paging users on the lookup screen.

use crossterm::event::{Event as TermEvent, KeyEvent};
use tokio::time::Instant;
use tui_input::backend::crossterm::EventHandler;

use super::{App, Focus, Screen, ShardedLoad, Status, StatusFilter};
use crate::action::{Action, Request};
use crate::cognito::filter::{MAX_FILTER_CHARS, Match};
use crate::cognito::model::{User, UsersPage};
use crate::keys::Command;
use crate::screens::Next;
use crate::screens::audit::AuditView;
use crate::screens::bulk_menu::BulkMenu;
use crate::screens::cleanup::Cleanup;
use crate::screens::doctor::Doctor;
use crate::screens::everywhere::Everywhere;
use crate::screens::export::ExportRun;
use crate::screens::groups::GroupsView;
use crate::screens::import::ImportRun;
use crate::screens::import_jobs::ImportJobsView;
use crate::screens::invite::InviteForm;
use crate::screens::overview::OverviewView;
use crate::screens::picker::Picker;
use crate::screens::sign_in::{AfterSignIn, SignInFlow};
use crate::screens::sign_up::SignUp;

impl App {
    pub(super) fn edit_field(&mut self, key: &KeyEvent) -> Vec<Request> {
        if let Some(form) = self.form_mut() {
            form.edit(key);
            return Vec::new();
        }
        if !matches!(self.screen, Screen::Lookup) {
            return Vec::new();
        }
        let event = TermEvent::Key(*key);
        let changed = match self.lookup.focus {
            Focus::Table => return Vec::new(),
            Focus::Search => {
                // A character that would make the filter too long for ListUsers is refused.
                let mut query = self.lookup.query.clone();
                let changed = query.handle_event(&event);
                let (before, after) = (
                    self.lookup.filter_chars(self.lookup.query.value()),
                    self.lookup.filter_chars(query.value()),
                );
                if after > MAX_FILTER_CHARS && after > before {
                    self.status = Some(Status::Error(format!(
                        "The search is full: {}.",
                        self.lookup.filter_room_sentence()
                    )));
                    return Vec::new();
                }
                self.lookup.query = query;
                changed
            }
            Focus::Refine => self.lookup.refine.handle_event(&event),
        };
        if changed.is_some_and(|c| c.value) {
            self.after_input_change()
        } else {
            Vec::new()
        }
    }

    pub(super) fn after_input_change(&mut self) -> Vec<Request> {
        match self.lookup.focus {
            Focus::Search => self.search_soon(),
            Focus::Refine => {
                self.lookup.refine_view();
                self.more_if_needed()
            }
            Focus::Table => Vec::new(),
        }
    }

    pub(super) fn lookup_command(&mut self, command: Command) -> Vec<Request> {
        let rows = self.table_rows();
        let page = isize::try_from(rows).unwrap_or(isize::MAX);
        let l = &mut self.lookup;
        match command {
            // Esc on the table shows every user again after a finding was shown alone.
            Command::Back => {
                if l.focus == Focus::Table {
                    l.show_all();
                }
                l.focus = Focus::Table;
                Vec::new()
            }
            Command::Search => {
                l.focus = Focus::Search;
                Vec::new()
            }
            Command::Refine => {
                l.focus = Focus::Refine;
                Vec::new()
            }
            Command::Up => self.scroll(-1),
            Command::Down => self.scroll(1),
            Command::PageUp => self.scroll(-page),
            Command::PageDown => self.scroll(page),
            Command::Top => self.scroll(isize::MIN / 2),
            Command::Bottom => self.scroll(isize::MAX / 2),
            Command::NextAttribute => {
                l.attribute = l.attribute.next();
                self.search_if_query()
            }
            Command::ToggleExact => {
                l.how = match l.how {
                    Match::Prefix => Match::Exact,
                    Match::Exact => Match::Prefix,
                };
                self.search_if_query()
            }
            Command::CycleStatus => {
                l.status_filter = StatusFilter::cycle(l.status_filter);
                if l.query.value().is_empty() {
                    self.search()
                } else {
                    l.rebuild_view();
                    self.more_if_needed()
                }
            }
            Command::LoadAll => self.load_everything(),
            Command::Refresh => self.reload(),
            Command::Open => self.open_selected(),
            Command::SwitchPool => self.open_module(Picker::pools),
            Command::SignIn => {
                let Some(user) = self.lookup.selected_user() else {
                    return Vec::new();
                };
                let (username, account) = (
                    user.username.clone(),
                    user.email().unwrap_or(&user.username).to_owned(),
                );
                let origin = Box::new(self.screen.clone());
                self.open_module(|ctx| {
                    SignInFlow::open(&username, &account, AfterSignIn::ShowTokens, origin, ctx)
                })
            }
            _ => self.tool_command(command),
        }
    }

    /// The user table's keys for new users, marks, bulk work, export and the audit log.
    fn tool_command(&mut self, command: Command) -> Vec<Request> {
        match command {
            Command::SignUp => self.open_module(SignUp::open),
            Command::Mark | Command::MarkAll | Command::ClearMarks => {
                self.mark_command(command);
                Vec::new()
            }
            Command::Bulk => self.open_module(BulkMenu::open),
            Command::Cleanup => self.open_module(|_| Cleanup::open()),
            Command::FindEverywhere => {
                let pools = self.options.configured_pools.clone();
                self.open_module(|_| Everywhere::open(pools))
            }
            Command::Export => {
                let (users, scope) = self.marked_or_shown();
                self.open_module(|_| ExportRun::open(users, scope))
            }
            Command::Import => self.open_module(ImportRun::open),
            Command::PoolGroups => self.open_module(|ctx| Next::Open(GroupsView::open(ctx))),
            Command::ImportJobs => self.open_module(|ctx| Next::Open(ImportJobsView::open(ctx))),
            Command::PoolOverview => self.open_module(OverviewView::open),
            Command::PoolDoctor => self.open_module(Doctor::open),
            Command::AuditLog => self.open_module(AuditView::open),
            Command::Invite => self.open_module(InviteForm::open),
            _ => Vec::new(),
        }
    }

    pub(super) fn scroll(&mut self, delta: isize) -> Vec<Request> {
        let rows = self.table_rows();
        self.lookup.move_selection(delta, rows);
        self.more_if_needed()
    }

    pub(super) fn open_selected(&mut self) -> Vec<Request> {
        let Some(user) = self.lookup.selected_user() else {
            return Vec::new();
        };
        let username = user.username.clone();
        self.open_user(username)
    }

    pub(super) fn search_if_query(&mut self) -> Vec<Request> {
        if self.lookup.query.value().is_empty() {
            Vec::new()
        } else {
            self.search()
        }
    }

    /// The search field changed: search once typing pauses for `search_debounce` (at once when
    /// it is zero). The page still loading is for a search nobody wants any more: it is
    /// cancelled now.
    fn search_soon(&mut self) -> Vec<Request> {
        if self.options.search_debounce.is_zero() {
            return self.search();
        }
        self.cancel_searches();
        self.search_due = Some(Instant::now() + self.options.search_debounce);
        Vec::new()
    }

    /// When the app next has something to do without an event: the search typed so far, once
    /// typing has paused. The run loop sleeps until then and calls [`App::on_deadline`].
    pub fn next_deadline(&self) -> Option<Instant> {
        let retry = self
            .lookup
            .sharded
            .as_ref()
            .and_then(ShardedLoad::next_retry);
        match (self.search_due, retry) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Time has reached `now`: sends the search that is due, if it is.
    pub fn on_deadline(&mut self, now: Instant) -> Vec<Request> {
        match self.search_due {
            Some(due) if due <= now => self.search(),
            _ => self.next_shard_pages(),
        }
    }

    /// Stops every ListUsers call still running: their pages are not wanted any more.
    pub(super) fn cancel_searches(&mut self) {
        let superseded: Vec<_> = self
            .in_flight
            .iter()
            .filter(|(_, a)| matches!(a, Action::ListUsers { .. }))
            .map(|(id, _)| *id)
            .chain(self.lookup.users_request.take())
            .collect();
        for id in superseded {
            self.in_flight.remove(&id);
            if !self.cancelled.contains(&id) {
                self.cancelled.push(id);
            }
        }
    }

    /// Starts over with the current server filter; older page requests are cancelled. A filter
    /// longer than ListUsers takes is never sent.
    pub(super) fn search(&mut self) -> Vec<Request> {
        self.lookup.reset_results();
        self.start_search()
    }

    /// `r`: the same search again; the rows shown stay until new ones arrive.
    fn reload(&mut self) -> Vec<Request> {
        self.lookup.reload_results();
        self.start_search()
    }

    fn start_search(&mut self) -> Vec<Request> {
        self.search_due = None;
        self.cancel_searches();
        self.forget_failed_reads(|a| matches!(a, Action::ListUsers { .. }));
        self.lookup.load_all = false;
        let needed = self.lookup.filter_chars(self.lookup.query.value());
        if needed > MAX_FILTER_CHARS {
            self.status = Some(Status::Error(format!(
                "Not searched: {} (this search needs {needed}).",
                self.lookup.filter_room_sentence()
            )));
            return Vec::new();
        }
        self.next_page()
    }

    /// Whether a page of users is on its way (the table's footer says "loading" only then).
    pub fn users_in_flight(&self) -> bool {
        self.in_flight
            .values()
            .any(|a| matches!(a, Action::ListUsers { .. }))
    }

    pub(super) fn next_page(&mut self) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
        };
        let action = Action::ListUsers {
            pool_id,
            filter: self.lookup.server_filter(),
            token: self.lookup.next_token.clone(),
        };
        let requests = self.request(action);
        self.lookup.users_request = requests.first().map(|r| r.id);
        requests
    }

    /// Fetches the next page when the screen is not full; not while a new search is due (the
    /// loaded pages belong to the search before it).
    pub(super) fn more_if_needed(&mut self) -> Vec<Request> {
        if self.search_due.is_none()
            && !self.users_in_flight()
            && self.lookup.wants_more(self.table_rows())
        {
            self.next_page()
        } else {
            Vec::new()
        }
    }

    /// A page of users arrived: keep it if it belongs to the current search, then fetch the next
    /// one when loading everything or when the screen is not full yet.
    pub(super) fn on_users_page(
        &mut self,
        filter: Option<&String>,
        token: Option<&String>,
        page: UsersPage,
    ) -> Vec<Request> {
        let current = filter == self.lookup.server_filter().as_ref()
            && token == self.lookup.next_token.as_ref()
            && (token.is_some() || self.lookup.pages == 0);
        if !current {
            return Vec::new();
        }
        self.lookup.add_page(page);
        if self.lookup.load_all {
            if self.lookup.complete() {
                self.lookup.load_all = false;
                return Vec::new();
            }
            return self.next_page();
        }
        self.more_if_needed()
    }
}

impl App {
    /// The marked users, or else every row shown, and what they are ("3 marked users", "120
    /// users shown", saying when more match on the server).
    fn marked_or_shown(&self) -> (Vec<User>, String) {
        let l = &self.lookup;
        let (users, scope): (Vec<User>, String) = if l.marked.is_empty() {
            let users: Vec<User> = l.view.iter().map(|&i| l.users.get(i)).collect();
            let scope = format!("{} shown", crate::sentence::count(users.len(), "user"));
            (users, scope)
        } else {
            let users: Vec<User> = (0..l.users.len())
                .filter(|&i| l.marked.contains(l.users.username(i)))
                .map(|i| l.users.get(i))
                .collect();
            let scope = format!("{} marked users", users.len());
            (users, scope)
        };
        let scope = if l.complete() || !l.marked.is_empty() {
            scope
        } else {
            format!("{scope} (more match on the server: load them all with L first)")
        };
        (users, scope)
    }
}
