//! The application state and `update`: events in, requests for the Cognito worker out.
//! Synchronous and free of I/O, so every key sequence can be tested directly.

mod lookup;
mod picker;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use crossterm::event::{Event as TermEvent, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

pub use self::lookup::{Focus, Lookup, StatusFilter, refine_matches};
pub use self::picker::Picker;
use crate::action::{Action, Outcome, Request, RequestId, Response};
use crate::cognito::filter::Match;
use crate::cognito::model::{PoolInfo, PoolSummary, UserDetail};
use crate::config::PoolChoice;
use crate::event::Event;
use crate::keys::{Command, Context, Keymap};

/// Rows the screen chrome takes around the user table (header, search, table header, info
/// line, status line).
const LOOKUP_CHROME_ROWS: u16 = 7;

/// The screens.
#[derive(Debug, Clone)]
pub enum Screen {
    /// Choosing a pool and app client.
    Picker(Picker),
    /// Searching users; its state lives in `App::lookup` so it survives a visit to a user.
    Lookup,
    /// One user.
    Detail(Detail),
}

/// The detail screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub username: String,
    /// `None` until AdminGetUser answers.
    pub detail: Option<UserDetail>,
    pub scroll: u16,
}

/// What the status line says until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Info(String),
    Error(String),
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    pub screen: Screen,
    pub lookup: Lookup,
    /// The pool being worked on, once chosen.
    pub choice: Option<PoolChoice>,
    /// What DescribeUserPool said about it.
    pub pool: Option<PoolInfo>,
    /// Where requests go, for the header ("AWS eu-west-1", or an endpoint URL).
    pub target: String,
    pub keymap: Keymap,
    pub status: Option<Status>,
    pub show_help: bool,
    /// Requests whose results are still wanted.
    pub in_flight: BTreeMap<RequestId, Action>,
    /// The actions that failed since the last retry, for retry.
    pub failed: Vec<Action>,
    pub now: DateTime<Utc>,
    pub spinner: usize,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub should_quit: bool,
    next_id: u64,
}

impl App {
    pub fn new(keymap: Keymap, target: String, size: (u16, u16), now: DateTime<Utc>) -> Self {
        Self {
            screen: Screen::Picker(Picker::Pools {
                pools: None,
                selected: 0,
            }),
            lookup: Lookup::default(),
            choice: None,
            pool: None,
            target,
            keymap,
            status: None,
            show_help: false,
            in_flight: BTreeMap::new(),
            failed: Vec::new(),
            now,
            spinner: 0,
            size,
            should_quit: false,
            next_id: 0,
        }
    }

    /// The first requests: open the configured pool, or list pools for the picker.
    pub fn start(&mut self, choice: Option<PoolChoice>) -> Vec<Request> {
        match choice {
            Some(choice) => self.open_pool(choice),
            None => vec![self.request(Action::ListPools)],
        }
    }

    /// Handles one event; returns the requests to send to the Cognito worker.
    pub fn update(&mut self, event: Event) -> Vec<Request> {
        match event {
            Event::Key(key) => self.on_key(&key),
            Event::Resize(w, h) => {
                self.size = (w, h);
                let rows = self.table_rows();
                self.lookup.scroll_into_view(rows);
                Vec::new()
            }
            Event::Tick(now) => {
                self.now = now;
                if !self.in_flight.is_empty() {
                    self.spinner = self.spinner.wrapping_add(1);
                }
                Vec::new()
            }
            Event::Cognito(response) => self.on_response(response),
        }
    }

    /// The label of the oldest request in flight, for the spinner.
    pub fn busy(&self) -> Option<&'static str> {
        self.in_flight.values().next().map(Action::label)
    }

    /// Rows of the user table that fit on screen.
    pub fn table_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(LOOKUP_CHROME_ROWS).max(1))
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
            Screen::Picker(_) => Context::Picker,
            Screen::Detail(_) => Context::Detail,
            Screen::Lookup => match self.lookup.focus {
                Focus::Table => Context::Lookup,
                Focus::Search => Context::Search,
                Focus::Refine => Context::Refine,
            },
        }
    }

    fn request(&mut self, action: Action) -> Request {
        self.next_id += 1;
        let id = RequestId(self.next_id);
        self.in_flight.insert(id, action.clone());
        Request { id, action }
    }

    fn pool_id(&self) -> Option<String> {
        self.choice.as_ref().map(|c| c.user_pool_id.clone())
    }

    fn open_pool(&mut self, choice: PoolChoice) -> Vec<Request> {
        let open = Action::OpenPool {
            pool_id: choice.user_pool_id.clone(),
            client_id: choice.client_id.clone(),
            client_secret: choice.client_secret.clone(),
        };
        self.choice = Some(choice);
        self.pool = None;
        self.lookup = Lookup::default();
        self.screen = Screen::Lookup;
        let mut requests = vec![self.request(open)];
        requests.extend(self.search());
        requests
    }

    // ---- keys ----

    fn on_key(&mut self, key: &KeyEvent) -> Vec<Request> {
        let command = self.keymap.command(self.context(), key);
        if matches!(self.status, Some(Status::Error(_))) {
            // The key acknowledges the error; only quitting and retrying go on.
            self.status = None;
            if !matches!(command, Some(Command::Quit | Command::Retry)) {
                return Vec::new();
            }
        } else {
            self.status = None;
        }
        if self.show_help {
            match command {
                Some(Command::Quit) => self.should_quit = true,
                Some(Command::Back) => self.show_help = false,
                _ => {}
            }
            return Vec::new();
        }
        match command {
            Some(Command::Quit) => {
                self.should_quit = true;
                Vec::new()
            }
            Some(Command::Help) => {
                self.show_help = true;
                Vec::new()
            }
            Some(Command::Retry) => self.retry(),
            // Esc in a text field leaves the field; elsewhere it first abandons the pending call.
            Some(Command::Back) if self.abandonable() && !self.typing() => {
                self.abandon();
                Vec::new()
            }
            Some(command) => match self.screen {
                Screen::Lookup => self.lookup_command(command),
                Screen::Detail(_) => self.detail_command(command),
                Screen::Picker(_) => self.picker_command(command),
            },
            None => self.edit_field(key),
        }
    }

    fn retry(&mut self) -> Vec<Request> {
        if self.failed.is_empty() {
            self.status = Some(Status::Info("Nothing to retry.".into()));
        }
        std::mem::take(&mut self.failed)
            .into_iter()
            .map(|action| self.request(action))
            .collect()
    }

    fn typing(&self) -> bool {
        matches!(self.screen, Screen::Lookup) && self.lookup.focus != Focus::Table
    }

    /// Whether Esc has something to abandon. Reading the pool's settings is left to finish:
    /// the header and the client secret depend on it, and nothing waits for it.
    pub fn abandonable(&self) -> bool {
        self.in_flight
            .values()
            .any(|a| !matches!(a, Action::OpenPool { .. }))
    }

    fn abandon(&mut self) {
        let label = self
            .in_flight
            .values()
            .find(|a| !matches!(a, Action::OpenPool { .. }))
            .map_or("the call", Action::label);
        self.status = Some(Status::Info(format!("Abandoned: {label}.")));
        self.in_flight
            .retain(|_, a| matches!(a, Action::OpenPool { .. }));
        self.lookup.load_all = false;
    }

    fn edit_field(&mut self, key: &KeyEvent) -> Vec<Request> {
        if !matches!(self.screen, Screen::Lookup) {
            return Vec::new();
        }
        let event = TermEvent::Key(*key);
        let changed = match self.lookup.focus {
            Focus::Table => return Vec::new(),
            Focus::Search => self.lookup.query.handle_event(&event),
            Focus::Refine => self.lookup.refine.handle_event(&event),
        };
        if changed.is_some_and(|c| c.value) {
            self.after_input_change()
        } else {
            Vec::new()
        }
    }

    fn after_input_change(&mut self) -> Vec<Request> {
        match self.lookup.focus {
            Focus::Search => self.search(),
            Focus::Refine => {
                self.lookup.rebuild_view();
                self.more_if_needed()
            }
            Focus::Table => Vec::new(),
        }
    }

    fn lookup_command(&mut self, command: Command) -> Vec<Request> {
        let rows = self.table_rows();
        let page = isize::try_from(rows).unwrap_or(isize::MAX);
        let l = &mut self.lookup;
        match command {
            Command::Back => {
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
            Command::LoadAll => {
                if l.complete() {
                    self.status = Some(Status::Info("Every matching user is loaded.".into()));
                    return Vec::new();
                }
                l.load_all = true;
                if self.users_in_flight() {
                    Vec::new()
                } else {
                    self.next_page()
                }
            }
            Command::Refresh => self.search(),
            Command::Open => self.open_selected(),
            Command::SwitchPool => {
                self.screen = Screen::Picker(Picker::Pools {
                    pools: None,
                    selected: 0,
                });
                vec![self.request(Action::ListPools)]
            }
            Command::Quit | Command::Help | Command::Retry => Vec::new(),
        }
    }

    fn scroll(&mut self, delta: isize) -> Vec<Request> {
        let rows = self.table_rows();
        self.lookup.move_selection(delta, rows);
        self.more_if_needed()
    }

    fn open_selected(&mut self) -> Vec<Request> {
        let Some(user) = self.lookup.selected_user() else {
            return Vec::new();
        };
        let username = user.username.clone();
        self.open_user(username)
    }

    fn open_user(&mut self, username: String) -> Vec<Request> {
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

    fn search_if_query(&mut self) -> Vec<Request> {
        if self.lookup.query.value().is_empty() {
            Vec::new()
        } else {
            self.search()
        }
    }

    /// Starts over with the current server filter; older page requests are abandoned.
    fn search(&mut self) -> Vec<Request> {
        self.in_flight
            .retain(|_, a| !matches!(a, Action::ListUsers { .. }));
        self.failed
            .retain(|a| !matches!(a, Action::ListUsers { .. }));
        self.lookup.reset_results();
        self.lookup.load_all = false;
        self.next_page()
    }

    fn users_in_flight(&self) -> bool {
        self.in_flight
            .values()
            .any(|a| matches!(a, Action::ListUsers { .. }))
    }

    fn next_page(&mut self) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
        };
        let action = Action::ListUsers {
            pool_id,
            filter: self.lookup.server_filter(),
            token: self.lookup.next_token.clone(),
        };
        vec![self.request(action)]
    }

    fn more_if_needed(&mut self) -> Vec<Request> {
        if !self.users_in_flight() && self.lookup.wants_more(self.table_rows()) {
            self.next_page()
        } else {
            Vec::new()
        }
    }

    fn detail_command(&mut self, command: Command) -> Vec<Request> {
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
            _ => Vec::new(),
        }
    }

    fn picker_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Picker(picker) = &mut self.screen else {
            return Vec::new();
        };
        match command {
            Command::Up => picker.move_selection(-1),
            Command::Down => picker.move_selection(1),
            Command::Back => {
                if matches!(picker, Picker::Clients { .. }) {
                    self.screen = Screen::Picker(Picker::Pools {
                        pools: None,
                        selected: 0,
                    });
                    return vec![self.request(Action::ListPools)];
                }
                if self.choice.is_some() {
                    self.screen = Screen::Lookup;
                }
            }
            Command::Refresh => {
                let action = match picker {
                    Picker::Pools { .. } => Action::ListPools,
                    Picker::Clients { pool, .. } => Action::ListClients {
                        pool_id: pool.id.clone(),
                    },
                };
                return vec![self.request(action)];
            }
            Command::Open => return self.pick(),
            _ => {}
        }
        Vec::new()
    }

    fn pick(&mut self) -> Vec<Request> {
        let Screen::Picker(picker) = &self.screen else {
            return Vec::new();
        };
        match picker {
            Picker::Pools {
                pools: Some(pools),
                selected,
            } => {
                let Some(pool) = pools.get(*selected).cloned() else {
                    return Vec::new();
                };
                let action = Action::ListClients {
                    pool_id: pool.id.clone(),
                };
                self.screen = Screen::Picker(Picker::Clients {
                    pool,
                    clients: None,
                    selected: 0,
                });
                vec![self.request(action)]
            }
            Picker::Clients {
                pool,
                clients: Some(clients),
                selected,
            } => {
                let client_id = selected
                    .checked_sub(1)
                    .and_then(|i| clients.get(i))
                    .map(|c| c.id.clone());
                let choice = PoolChoice {
                    user_pool_id: pool.id.clone(),
                    client_id,
                    client_secret: None,
                };
                self.open_pool(choice)
            }
            _ => Vec::new(),
        }
    }

    // ---- results ----

    fn on_response(&mut self, response: Response) -> Vec<Request> {
        let Some(action) = self.in_flight.remove(&response.id) else {
            return Vec::new(); // abandoned or superseded
        };
        if let Some(error) = response.outcome.error() {
            self.status = Some(Status::Error(error.to_string()));
            self.failed.push(action);
            return Vec::new();
        }
        match (action, response.outcome) {
            (Action::ListPools, Outcome::Pools(Ok(pools))) => {
                if let Screen::Picker(Picker::Pools { pools: slot, .. }) = &mut self.screen {
                    *slot = Some(pools);
                }
                Vec::new()
            }
            (Action::ListClients { pool_id }, Outcome::Clients(Ok(clients))) => {
                if let Screen::Picker(Picker::Clients {
                    pool: PoolSummary { id, .. },
                    clients: slot,
                    ..
                }) = &mut self.screen
                    && *id == pool_id
                {
                    *slot = Some(clients);
                }
                Vec::new()
            }
            (Action::OpenPool { pool_id, .. }, Outcome::PoolOpened(Ok(info))) => {
                if self.pool_id().as_deref() == Some(pool_id.as_str()) {
                    self.pool = Some(info);
                }
                Vec::new()
            }
            (Action::ListUsers { filter, token, .. }, Outcome::Users(Ok(page))) => {
                let current = filter == self.lookup.server_filter()
                    && token == self.lookup.next_token
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
            (Action::GetUser { username, .. }, Outcome::User(Ok(detail))) => {
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
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
