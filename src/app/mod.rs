//! The application state and `update`: events in, requests for the Cognito worker out.
//! Synchronous and free of I/O, so every key sequence can be tested directly.

mod access;
mod admin;
mod alias;
mod answers;
mod confirm;
mod copy_cli;
mod detail;
mod device;
mod form;
mod geometry;
mod hits;
mod input;
mod lifecycle;
mod mfa;
mod modules;
mod mouse;
mod options;
mod paste;
mod retarget;
mod retry;
mod safety;
mod screen;
mod table;
mod view;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

pub use self::form::{Field, Form};
pub use self::geometry::{Extent, Layout};
use self::lifecycle::Recheck;
pub use self::lifecycle::effect::{Verdict, lost_reason};
pub use self::mfa::{MFA_CHOICES, MfaChange, MfaChoice, MfaReads, UserMfa};
pub use self::mouse::{DOUBLE_CLICK, MouseState, WHEEL_ROWS};
pub use self::options::Options;
pub use self::retarget::AwsTarget;
use self::retry::{Retry, ScreenKey};
pub use self::safety::Safety;
pub use self::screen::Screen;
pub use self::view::ViewState;
use crate::action::{Action, Request, RequestId};
use crate::cognito::device::RememberedDevice;
use crate::cognito::metadata::ClientMetadata;
use crate::cognito::model::PoolInfo;
use crate::cognito::quota::Slowed;
use crate::cognito::sensitive::Sensitive;
use crate::config::PoolChoice;
use crate::event::Event;
use crate::keys::{Command, Context, Keymap};
pub use crate::screens::Status;
use crate::screens::users::{CHROME_ROWS, Lookup};
use crate::totp::TotpSecret;

/// The smallest terminal every screen is laid out for (columns, rows). Below it the screen says
/// so instead of drawing a broken layout, and no key but quit is taken.
pub const MIN_SIZE: (u16, u16) = (60, 14);

/// Whether a terminal of `size` (columns, rows) is below [`MIN_SIZE`]: the drawing and the keys
/// decide it alike.
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_SIZE.0 || size.1 < MIN_SIZE.1
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    screen: Screen,
    lookup: Lookup,
    /// The pool being worked on, once chosen.
    choice: Option<PoolChoice>,
    /// What DescribeUserPool said about it.
    pool: Option<PoolInfo>,
    /// Where requests go, for the header ("AWS eu-west-1", or an endpoint URL).
    target: String,
    /// A change of AWS profile and region the session is to make (a new client and worker).
    retarget: Option<AwsTarget>,
    /// The pool and user to open once the session is in their region.
    pending_open: Option<(PoolChoice, String)>,
    keymap: Keymap,
    status: Option<Status>,
    show_help: bool,
    /// Requests whose results are still wanted.
    in_flight: BTreeMap<RequestId, Action>,
    /// The screen each request in flight was sent from.
    sent_from: HashMap<RequestId, ScreenKey>,
    /// Changes left with Esc while in flight: they may still be applied, so their answer
    /// re-reads the user.
    left: BTreeMap<RequestId, Action>,
    /// Re-reads of a user after a change whose answer was lost or left, by the re-read's id.
    rechecks: HashMap<RequestId, Recheck>,
    /// What `Ctrl-R` sends again on the screen where calls failed.
    retry: Option<Retry>,
    /// `q`/`Ctrl-C` was pressed once while work was in progress; the next one quits.
    quit_asked: bool,
    now: DateTime<Utc>,
    spinner: usize,
    /// The quota categories Cognito throttled, sent below their full rate now.
    slowed: Vec<Slowed>,
    /// Terminal size (columns, rows).
    size: (u16, u16),
    should_quit: bool,
    /// Text to put on the terminal's clipboard (OSC 52); the run loop takes it.
    clipboard: Vec<Sensitive>,
    /// TOTP secrets enrolled in this session, by username, for the demo authenticator. Never
    /// written anywhere.
    demo_secrets: HashMap<String, TotpSecret>,
    /// The devices remembered in this run (ConfirmDevice), with their passwords. Never written
    /// anywhere.
    devices: Vec<RememberedDevice>,
    /// How far Cognito's clock is ahead of this computer's, as the last TOTP check measured.
    clock_skew: Option<i64>,
    /// Until when resending a code is paused, by username, after Cognito's limit.
    resend_pauses: HashMap<String, DateTime<Utc>>,
    /// Requests to stop because nobody wants their result any more (a superseded search); the
    /// run loop takes them and tells the worker.
    cancelled: Vec<RequestId>,
    /// What was read about MFA beside the users' pages: their factors, the pool's configuration.
    mfa: MfaReads,
    /// Whether the mouse is used, and the last click.
    mouse: MouseState,
    /// Where the screen's scrolled view is (reset when another screen opens).
    view: ViewState,
    /// The first row of the help overlay shown.
    help_scroll: usize,
    /// Where things are on screen, as the rendering layer lays them out.
    layout: &'static dyn Layout,
    next_id: u64,
    /// What the configuration and the command line set.
    options: Options,
}

impl App {
    /// A new app for `keymap`, talking to `target`, on a terminal of `size` laid out by
    /// `layout` (the rendering layer's).
    pub fn new(
        keymap: Keymap,
        target: String,
        size: (u16, u16),
        now: DateTime<Utc>,
        layout: &'static dyn Layout,
    ) -> Self {
        Self {
            screen: self::retarget::pool_picker(),
            lookup: Lookup::default(),
            choice: None,
            pool: None,
            target,
            keymap,
            status: None,
            show_help: false,
            in_flight: BTreeMap::new(),
            sent_from: HashMap::new(),
            left: BTreeMap::new(),
            rechecks: HashMap::new(),
            retry: None,
            quit_asked: false,
            retarget: None,
            pending_open: None,
            now,
            spinner: 0,
            slowed: Vec::new(),
            size,
            should_quit: false,
            clipboard: Vec::new(),
            demo_secrets: HashMap::new(),
            devices: Vec::new(),
            clock_skew: None,
            resend_pauses: HashMap::new(),
            cancelled: Vec::new(),
            mfa: MfaReads::default(),
            mouse: MouseState::default(),
            view: ViewState::default(),
            help_scroll: 0,
            layout,
            next_id: 0,
            options: Options::default(),
        }
    }

    /// What the configuration and the command line set.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The settings, to change (the session sets them from the configuration at start).
    pub fn options_mut(&mut self) -> &mut Options {
        &mut self.options
    }

    /// The quota categories the worker's calls go below their full rate in now, because
    /// Cognito throttled them: the session sets it before each tick, for the status line.
    pub fn set_slowed(&mut self, slowed: Vec<Slowed>) {
        self.slowed = slowed;
    }

    /// The first requests: open the configured pool, or list pools for the picker.
    pub fn start(&mut self, choice: Option<PoolChoice>) -> Vec<Request> {
        match choice {
            Some(choice) => self.open_pool(choice),
            None => self.request(Action::ListPools),
        }
    }

    /// Handles one event; returns the requests to send to the Cognito worker. A failure is
    /// forgotten once its screen is left.
    pub fn update(&mut self, event: Event) -> Vec<Request> {
        let shown = self.screen_key();
        let requests = self.apply(event);
        self.stop_unwanted_counts();
        if self.screen_key() != shown {
            self.view = ViewState::default();
        }
        self.forget_failures_of_left_screens();
        requests
    }

    fn apply(&mut self, event: Event) -> Vec<Request> {
        match event {
            // Keys act only on what is drawn: below the smallest size only a note is drawn, so
            // only quitting is taken.
            Event::Key(key) if self.too_small() => self.on_key_too_small(&key),
            Event::Paste(_) | Event::Mouse(..) if self.too_small() => Vec::new(),
            Event::Key(key) => self.on_key(&key),
            Event::Paste(text) => self.on_paste(&text),
            Event::Mouse(mouse, at) => self.on_mouse(mouse, at),
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
                self.module_tick()
            }
            Event::Cognito(response) => self.answer_its_screen(response),
        }
    }

    /// Whether the terminal is below the smallest size the screens are laid out for: then the
    /// screen is not drawn, only a note saying so.
    pub fn too_small(&self) -> bool {
        too_small(self.size)
    }

    /// The label of the oldest request in flight, for the spinner. Member counts are not
    /// among them: the groups screen's border counts them, and its keys stay hinted.
    pub fn busy(&self) -> Option<&'static str> {
        self.in_flight
            .values()
            .find(|a| !matches!(a, Action::CountMembers { .. }))
            .map(Action::label)
    }

    /// Rows of the user table that fit on screen: the status line below takes one row or
    /// more (hints on two rows, a sentence on up to three), as the UI lays it out.
    pub fn table_rows(&self) -> usize {
        let above_status = self.layout.body(self).bottom();
        usize::from(above_status.saturating_sub(CHROME_ROWS).max(1))
    }

    /// Builds the request for a read at once; a change opens its confirmation instead (see
    /// `confirm`), so no change is sent without the agent's Enter.
    pub(super) fn request(&mut self, action: Action) -> Vec<Request> {
        if action.mutates() {
            return self.confirm(action);
        }
        self.send(action)
    }

    /// Builds the request for `action`, unless the safety rules refuse it: nothing that changes
    /// the pool is built in read-only mode, and protected users are never deleted or disabled.
    /// Changes reach this only once confirmed: from the confirmation, from a bulk run's
    /// preview, or as the next step of a confirmed enrolment.
    pub(super) fn send(&mut self, action: Action) -> Vec<Request> {
        if let Some(refusal) = self.options.safety.refusal(&action) {
            self.status = Some(Status::Error(refusal));
            return Vec::new();
        }
        self.next_id += 1;
        let id = RequestId(self.next_id);
        self.in_flight.insert(id, action.clone());
        self.sent_from.insert(id, self.screen_key());
        let metadata = if action.takes_client_metadata() {
            self.pool_metadata().clone()
        } else {
            ClientMetadata::new()
        };
        vec![Request {
            id,
            action,
            metadata,
        }]
    }

    /// The ClientMetadata of the pool open now (none for a pool without any).
    pub fn pool_metadata(&self) -> &ClientMetadata {
        static NONE: ClientMetadata = ClientMetadata::new();
        self.choice
            .as_ref()
            .and_then(|c| self.options.client_metadata.get(&c.user_pool_id))
            .unwrap_or(&NONE)
    }

    pub(super) fn pool_id(&self) -> Option<String> {
        self.choice.as_ref().map(|c| c.user_pool_id.clone())
    }

    /// The first key bound to `command`, as text for sentences and notes ("F4").
    pub fn key_name(&self, context: Context, command: Command) -> String {
        self.keymap
            .key_for(context, command)
            .map_or_else(|| "(unbound)".to_owned(), |k| k.to_string())
    }

    pub(super) fn open_pool(&mut self, choice: PoolChoice) -> Vec<Request> {
        let open = Action::OpenPool {
            pool_id: choice.user_pool_id.clone(),
            client_id: choice.client_id.clone(),
            client_secret: choice.client_secret.clone(),
        };
        self.choice = Some(choice);
        self.pool = None;
        self.lookup = Lookup::default();
        self.screen = Screen::Lookup;
        let mut requests = self.request(open);
        requests.extend(self.search());
        requests
    }
}

/// What the state layer's own tests start from.
#[cfg(test)]
mod test_support {
    use chrono::Utc;

    use super::App;
    use crate::config::PoolChoice;
    use crate::keys::{KeyTable, Keymap};

    /// An app on pool `p` with the default keys.
    pub(crate) fn app() -> App {
        let keymap = Keymap::new(&KeyTable::new()).expect("default keys");
        let mut app = App::new(
            keymap,
            "test".into(),
            (80, 24),
            Utc::now(),
            &crate::ui::LAYOUT,
        );
        app.choice = Some(PoolChoice {
            user_pool_id: "p".into(),
            client_id: None,
            client_secret: None,
        });
        app
    }
}
