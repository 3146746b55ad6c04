//! The application state and `update`: events in, requests for the Cognito worker out.
//! Synchronous and free of I/O, so every key sequence can be tested directly.

mod actions;
mod admin;
mod attributes;
mod auth;
mod bulk;
mod code;
mod detail;
mod export;
mod form;
mod invite;
mod lookup;
mod paste;
mod picker;
mod safety;
mod search;
mod signup;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

pub use self::actions::{ConfirmChange, ListKind, SetPasswordForm, UserList, set_password_problem};
pub use self::attributes::{AttributeEditor, AttributeRow, EditorMode, PreviewLine};
pub use self::auth::{
    AfterSignIn, Enrol, MFA_CHOICES, MfaCode, MfaMenu, NewPassword, SelectMfa, SignIn,
    SignInContext, TokensView,
};
pub use self::bulk::{BULK_KINDS, BulkKind, BulkMenu, BulkPhase, BulkRun};
pub use self::code::{CodeEntry, CodePurpose};
pub use self::detail::Detail;
pub use self::export::{ExportPhase, ExportRun};
pub use self::form::{Field, Form};
pub use self::invite::InviteForm;
pub use self::lookup::{Focus, Lookup, StatusFilter, refine_matches};
pub use self::picker::Picker;
pub use self::safety::Safety;
pub use self::signup::{Existing, ExistingChoice, SignUp};
use crate::action::{Action, Outcome, Request, RequestId, Response};
use crate::audit::AuditEntry;
use crate::cognito::CognitoError;
use crate::cognito::model::{AppClient, PoolInfo, Sensitive};
use crate::config::PoolChoice;
use crate::event::Event;
use crate::keys::{Command, Context, Keymap};
use crate::totp::TotpSecret;

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
    /// Signing in as a user.
    SignIn(SignIn),
    /// NEW_PASSWORD_REQUIRED.
    NewPassword(NewPassword),
    /// An MFA code: SOFTWARE_TOKEN_MFA, SMS_MFA or EMAIL_OTP.
    MfaCode(MfaCode),
    /// SELECT_MFA_TYPE.
    SelectMfa(SelectMfa),
    /// TOTP enrolment with the QR.
    Enrol(Box<Enrol>),
    /// The signed-in user's token claims.
    Tokens(Box<TokensView>),
    /// Admin MFA settings of a user.
    MfaMenu(MfaMenu),
    /// Signing a new user up.
    SignUp(Box<SignUp>),
    /// The username of a sign-up is taken: what to do.
    Existing(Box<Existing>),
    /// Entering a confirmation or verification code.
    Code(Box<CodeEntry>),
    /// Inviting a user.
    Invite(Box<InviteForm>),
    /// Editing a user's attributes.
    Attributes(Box<AttributeEditor>),
    /// An admin change waiting for the go-ahead.
    Confirm(Box<ConfirmChange>),
    /// Setting a user's password.
    SetPassword(Box<SetPasswordForm>),
    /// Groups, devices or sign-in events of a user.
    List(Box<UserList>),
    /// Choosing a bulk action for the marked users.
    BulkMenu(BulkMenu),
    /// How old stale UNCONFIRMED users are.
    Cleanup(Form),
    /// A bulk run: preview, progress, summary.
    Bulk(Box<BulkRun>),
    /// Exporting users to a file.
    Export(Box<ExportRun>),
    /// The audit log: where it is, and its latest entries (`None` while loading).
    Audit {
        path: String,
        entries: Option<Vec<AuditEntry>>,
        selected: usize,
    },
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
    /// The sign-in in progress, if any.
    pub auth: Option<SignInContext>,
    /// The issuer authenticator apps show (the pool's name when not configured).
    pub totp_issuer: Option<String>,
    /// Text to put on the terminal's clipboard (OSC 52); the run loop takes it.
    pub clipboard: Vec<Sensitive>,
    /// TOTP secrets enrolled in this session, by username, for the demo authenticator. Never
    /// written anywhere.
    pub demo_secrets: HashMap<String, TotpSecret>,
    /// Read-only mode and protected users.
    pub safety: Safety,
    /// Until when resending a code is paused, by username, after Cognito's limit.
    pub resend_pauses: HashMap<String, DateTime<Utc>>,
    /// Bulk requests a second (the worker's pace), for the preview.
    pub bulk_rate: u32,
    /// How long typing in the search field must pause before ListUsers is called; zero calls
    /// it at every change.
    pub search_debounce: std::time::Duration,
    /// When the search typed so far is to be sent, while typing has not paused long enough.
    pub search_due: Option<tokio::time::Instant>,
    /// Requests to stop because nobody wants their result any more (a superseded search); the
    /// run loop takes them and tells the worker.
    pub cancelled: Vec<RequestId>,
    /// Where a relative export file name goes: the working directory at start.
    pub export_dir: std::path::PathBuf,
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
            auth: None,
            totp_issuer: None,
            clipboard: Vec::new(),
            demo_secrets: HashMap::new(),
            safety: Safety::default(),
            resend_pauses: HashMap::new(),
            bulk_rate: crate::cognito::DEFAULT_BULK_RATE,
            search_debounce: std::time::Duration::ZERO,
            search_due: None,
            cancelled: Vec::new(),
            export_dir: std::env::current_dir().unwrap_or_default(),
            next_id: 0,
        }
    }

    /// The first requests: open the configured pool, or list pools for the picker.
    pub fn start(&mut self, choice: Option<PoolChoice>) -> Vec<Request> {
        match choice {
            Some(choice) => self.open_pool(choice),
            None => self.request(Action::ListPools),
        }
    }

    /// Handles one event; returns the requests to send to the Cognito worker.
    pub fn update(&mut self, event: Event) -> Vec<Request> {
        match event {
            Event::Key(key) => self.on_key(&key),
            Event::Paste(text) => self.on_paste(&text),
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
            Screen::SignIn(_) | Screen::NewPassword(_) | Screen::MfaCode(_) | Screen::SignUp(_) => {
                Context::Form
            }
            Screen::Enrol(_) => Context::Enrol,
            Screen::Tokens(_) => Context::Tokens,
            Screen::SelectMfa(_)
            | Screen::MfaMenu(_)
            | Screen::Existing(_)
            | Screen::BulkMenu(_) => Context::Menu,
            Screen::Code(_) => Context::Code,
            Screen::Confirm(_) => Context::Confirm,
            Screen::SetPassword(_) => Context::Password,
            Screen::List(_) => Context::List,
            Screen::Audit { .. } => Context::Audit,
            Screen::Cleanup(_) => Context::Form,
            Screen::Bulk(_) => Context::Bulk,
            Screen::Export(_) => Context::Export,
            Screen::Invite(_) => Context::Invite,
            Screen::Attributes(e) => match e.mode {
                EditorMode::Browse => Context::Attributes,
                EditorMode::Value(_) | EditorMode::Add(_) => Context::Form,
                EditorMode::Preview => Context::Preview,
            },
            Screen::Lookup => match self.lookup.focus {
                Focus::Table => Context::Lookup,
                Focus::Search => Context::Search,
                Focus::Refine => Context::Refine,
            },
        }
    }

    /// Builds the request for `action`, unless the safety rules refuse it: nothing that changes
    /// the pool is built in read-only mode, and protected users are never deleted or disabled.
    pub(super) fn request(&mut self, action: Action) -> Vec<Request> {
        if let Some(refusal) = self.safety.refusal(&action) {
            self.status = Some(Status::Error(refusal));
            return Vec::new();
        }
        self.next_id += 1;
        let id = RequestId(self.next_id);
        self.in_flight.insert(id, action.clone());
        vec![Request { id, action }]
    }

    pub(super) fn pool_id(&self) -> Option<String> {
        self.choice.as_ref().map(|c| c.user_pool_id.clone())
    }

    /// The pool's app client, for the calls an app makes; says what is missing if there is none.
    pub(super) fn app_client(&mut self) -> Option<AppClient> {
        let Some(pool) = &self.pool else {
            self.status = Some(Status::Error(
                "The pool is not open yet: wait a moment.".into(),
            ));
            return None;
        };
        let client = pool.client.clone();
        if client.is_none() {
            let key = self.key_name(Context::Lookup, Command::SwitchPool);
            self.status = Some(Status::Error(format!(
                "This pool was opened without an app client: press {key} in the user list to choose one, then try again."
            )));
        }
        client
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

    fn on_key(&mut self, key: &KeyEvent) -> Vec<Request> {
        let command = self.keymap.command(self.context(), key);
        if matches!(self.status, Some(Status::Error(_))) {
            // The key acknowledges the error; only quitting, retrying and typing go on, so that
            // the first character typed after a refusal is not lost.
            self.status = None;
            let typing = command.is_none() && (self.typing() || self.form_mut().is_some());
            if !typing && !matches!(command, Some(Command::Quit | Command::Retry)) {
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
            Some(Command::CopyCli) => {
                self.copy_cli();
                Vec::new()
            }
            // Esc in a text field leaves the field; elsewhere it first abandons the pending call.
            Some(Command::Back) if self.abandonable() && !self.typing() => {
                self.abandon();
                Vec::new()
            }
            Some(command) => match self.screen {
                Screen::Lookup => self.lookup_command(command),
                Screen::Detail(_) => self.detail_command(command),
                Screen::Picker(_) => self.picker_command(command),
                Screen::SignUp(_) | Screen::Existing(_) => self.sign_up_command(command),
                Screen::Code(_) => self.code_command(command),
                Screen::Invite(_) => self.invite_command(command),
                Screen::Attributes(_) => self.editor_command(command),
                Screen::Confirm(_) | Screen::SetPassword(_) | Screen::List(_) => {
                    self.admin_screen_command(command)
                }
                Screen::Audit { .. } => self.audit_command(command),
                Screen::BulkMenu(_) | Screen::Cleanup(_) | Screen::Bulk(_) => {
                    self.bulk_command(command)
                }
                Screen::Export(_) => self.export_command(command),
                Screen::SignIn(_)
                | Screen::NewPassword(_)
                | Screen::MfaCode(_)
                | Screen::SelectMfa(_)
                | Screen::Enrol(_)
                | Screen::Tokens(_)
                | Screen::MfaMenu(_) => self.auth_command(command),
            },
            None => self.edit_field(key),
        }
    }

    fn retry(&mut self) -> Vec<Request> {
        if let Some(requests) = self.retry_bulk() {
            return requests;
        }
        if self.failed.is_empty() {
            self.status = Some(Status::Info("Nothing to retry.".into()));
        }
        std::mem::take(&mut self.failed)
            .into_iter()
            .flat_map(|action| self.request(action))
            .collect()
    }

    fn typing(&self) -> bool {
        matches!(self.screen, Screen::Lookup) && self.lookup.focus != Focus::Table
    }

    /// Whether Esc has something to abandon. Reading the pool's settings is left to finish:
    /// the header and the client secret depend on it, and nothing waits for it.
    pub fn abandonable(&self) -> bool {
        self.in_flight.values().any(Self::may_abandon)
    }

    /// Reading the pool is left to finish, and bulk runs and exports are stopped with their own
    /// key so that their counts stay right.
    fn may_abandon(action: &Action) -> bool {
        !matches!(
            action,
            Action::OpenPool { .. } | Action::BulkStep { .. } | Action::UserGroups { .. }
        )
    }

    fn abandon(&mut self) {
        let label = self
            .in_flight
            .values()
            .find(|a| Self::may_abandon(a))
            .map_or("the call", Action::label);
        self.status = Some(Status::Info(format!("Abandoned: {label}.")));
        self.in_flight.retain(|_, a| !Self::may_abandon(a));
        self.lookup.load_all = false;
    }

    fn on_response(&mut self, response: Response) -> Vec<Request> {
        let Some(action) = self.in_flight.remove(&response.id) else {
            return Vec::new(); // abandoned or superseded
        };
        if let Some(error) = response.outcome.error() {
            let error = error.clone();
            return self.on_failure(action, &response.outcome, &error);
        }
        match (action, response.outcome) {
            (Action::ListPools, Outcome::Pools(Ok(pools))) => {
                self.on_pools(pools);
                Vec::new()
            }
            (Action::ListClients { pool_id }, Outcome::Clients(Ok(clients))) => {
                self.on_clients(&pool_id, clients);
                Vec::new()
            }
            (Action::OpenPool { pool_id, .. }, Outcome::PoolOpened(Ok(info))) => {
                if self.pool_id().as_deref() == Some(pool_id.as_str()) {
                    self.pool = Some(info);
                }
                Vec::new()
            }
            (Action::ListUsers { filter, token, .. }, Outcome::Users(Ok(page))) => {
                self.on_users_page(filter.as_ref(), token.as_ref(), page)
            }
            (Action::GetUser { username, .. }, Outcome::User(Ok(detail))) => {
                self.on_user(&username, detail);
                Vec::new()
            }
            (Action::SignUp { username, .. }, Outcome::SignedUp(Ok(result))) => {
                self.on_signed_up(username, result)
            }
            (
                Action::ResendCode { .. } | Action::AttributeCode { .. },
                Outcome::CodeSent(Ok(d)),
            ) => {
                self.on_code_sent(d);
                Vec::new()
            }
            (action, Outcome::CodeAccepted(Ok(()))) => self.on_code_accepted(&action),
            (
                Action::Admin {
                    pool_id, username, ..
                },
                Outcome::Changed(results),
            ) => self.on_changed(pool_id, username, results),
            (Action::Invite { invitation, .. }, Outcome::Invited(Ok(user))) => {
                self.on_invited(&invitation, &user)
            }
            (_, Outcome::Groups(Ok(groups))) => {
                if let Some(groups) = self.on_bulk_groups(groups) {
                    self.on_list(ListKind::Groups(groups));
                }
                Vec::new()
            }
            (Action::UserGroups { username, .. }, Outcome::UserGroups(groups)) => {
                self.on_export_groups(&username, groups)
            }
            (_, Outcome::Exported(Ok(count))) => {
                self.on_exported(count);
                Vec::new()
            }
            (Action::BulkStep { username, .. }, Outcome::Changed(results)) => {
                self.on_bulk_step(username, results)
            }
            (_, Outcome::Devices(Ok(devices))) => {
                self.on_list(ListKind::Devices(devices));
                Vec::new()
            }
            (_, Outcome::Audit(Ok((path, entries)))) => {
                if let Screen::Audit {
                    entries: shown,
                    path: where_,
                    ..
                } = &mut self.screen
                {
                    *shown = Some(entries);
                    *where_ = path;
                }
                Vec::new()
            }
            (_, Outcome::AuthEvents(Ok(events))) => {
                self.on_list(ListKind::Events(events));
                Vec::new()
            }
            (action, outcome) => self.on_auth_outcome(action, outcome),
        }
    }

    /// A call failed: the sentence for its screen, and the action kept for retry if it may be
    /// sent again as it was.
    fn on_failure(
        &mut self,
        action: Action,
        outcome: &Outcome,
        error: &CognitoError,
    ) -> Vec<Request> {
        match (&action, outcome, error) {
            (
                _,
                Outcome::TotpVerified {
                    clock_skew_secs, ..
                },
                _,
            ) => {
                self.verify_failed(error.to_string(), *clock_skew_secs);
            }
            (Action::SignUp { username, .. }, _, CognitoError::UsernameExists) => {
                return self.sign_up_taken(username.clone());
            }
            (Action::WriteExport { .. }, _, _) => {
                if let Screen::Export(run) = &mut self.screen {
                    run.phase = ExportPhase::Form;
                }
                self.status = Some(Status::Error(error.to_string()));
            }
            // Not a failure to retry: the pool has no such list.
            (Action::AuthEvents { .. }, _, CognitoError::ThreatProtectionOff) => {
                self.on_list(ListKind::Unavailable(error.to_string()));
                return Vec::new();
            }
            (
                Action::ConfirmSignUp { .. }
                | Action::VerifyAttribute { .. }
                | Action::ResendCode { .. }
                | Action::AttributeCode { .. },
                _,
                _,
            ) => self.code_failed(&action, error),
            _ => self.status = Some(Status::Error(error.to_string())),
        }
        if action.retryable() {
            self.failed.push(action);
        }
        Vec::new()
    }
}
