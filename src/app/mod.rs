//! The application state and `update`: events in, requests for the Cognito worker out.
//! Synchronous and free of I/O, so every key sequence can be tested directly.

mod actions;
mod admin;
mod attributes;
mod auth;
mod bulk;
mod challenge;
mod code;
mod confirm;
mod detail;
mod device;
mod everywhere;
mod export;
mod forgot;
mod form;
mod groups;
mod import;
mod invite;
mod load_all;
mod lookup;
mod mfa;
mod mouse;
mod overview;
mod paste;
mod picker;
mod recheck;
mod safety;
mod search;
mod shards;
mod signup;
mod user_store;
mod view;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

pub use self::actions::{ListKind, SetPasswordForm, UserList, set_password_problem};
pub use self::attributes::{AttributeEditor, AttributeRow, EditorMode, PreviewLine};
pub use self::auth::{
    AfterSignIn, Enrol, MFA_CHOICES, MfaCode, MfaMenu, NewPassword, SelectMfa, SignIn,
    SignInContext, TokensView,
};
pub use self::bulk::{BULK_KINDS, BulkKind, BulkMenu, BulkPhase, BulkRun};
pub use self::challenge::{Asked, ChallengeAnswer, SelectChallenge};
pub use self::code::{CodeEntry, CodePurpose};
pub use self::confirm::{ConfirmChange, notes as change_notes};
pub use self::detail::Detail;
pub use self::everywhere::{Everywhere, Scope, filter_for};
pub use self::export::{ExportPhase, ExportRun};
pub use self::forgot::ForgotForm;
pub use self::form::{Field, Form};
pub use self::groups::{
    COUNTS_IN_FLIGHT, GroupForm, GroupRow, GroupsView, MemberCount, MembersView,
};
pub use self::import::{ImportPhase, ImportRun, JOB_POLL};
pub use self::invite::InviteForm;
pub use self::lookup::{Focus, Lookup, StatusFilter};
pub use self::mfa::{MfaChange, MfaChoice, MfaFactor, PasskeyList, UserMfa, set_mfa_notes};
pub use self::mouse::{DOUBLE_CLICK, MouseState, WHEEL_ROWS};
pub use self::picker::{AwsTarget, Picker};
use self::recheck::Recheck;
pub use self::safety::Safety;
pub use self::shards::{SHARDS_IN_FLIGHT, Shard, ShardState, ShardedLoad};
pub use self::signup::{Existing, ExistingChoice, SignUp};
pub use self::user_store::{Needle, UserStore};
pub use self::view::ViewState;
use crate::action::{Action, Outcome, Request, RequestId, Response};
use crate::audit::AuditEntry;
use crate::cli::CliTarget;
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::device::RememberedDevice;
use crate::cognito::model::{AppClient, PoolInfo};
use crate::cognito::sensitive::Sensitive;
use crate::config::PoolChoice;
use crate::config::columns::Column;
use crate::event::Event;
use crate::keys::{Command, Context, Keymap};
use crate::totp::TotpSecret;

/// Rows the screen chrome takes above the user table's first row: the header, the search
/// line, the table's top border and its column titles. The UI lays the lookup out this way,
/// and a click is mapped to a user with it.
pub const LOOKUP_ROWS_ABOVE_TABLE: u16 = 4;

/// Rows the screen chrome takes around the user table besides the status line: those above
/// it, then its bottom border and the info line.
pub const LOOKUP_CHROME_ROWS: u16 = LOOKUP_ROWS_ABOVE_TABLE + 2;

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
    /// USER_AUTH's SELECT_CHALLENGE: how to sign in.
    SelectChallenge(SelectChallenge),
    /// A first-factor code (EMAIL_OTP, SMS_OTP) or a CUSTOM_CHALLENGE answer.
    Answer(Box<ChallengeAnswer>),
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
    /// Forgot password: the reset code and the new password.
    Forgot(Box<ForgotForm>),
    /// Groups, devices or sign-in events of a user.
    List(Box<UserList>),
    /// Finding a user in every pool.
    Everywhere(Box<Everywhere>),
    /// The pool's groups with their member counts.
    Groups(Box<GroupsView>),
    /// A group's members.
    Members(Box<MembersView>),
    /// Creating a group, or editing one.
    GroupForm(Box<GroupForm>),
    /// The pool's settings and app clients (`None` while loading).
    Overview(Option<Box<crate::cognito::overview::PoolOverview>>),
    /// The signed-in user's passkeys.
    Passkeys(Box<PasskeyList>),
    /// Choosing a bulk action for the marked users.
    BulkMenu(BulkMenu),
    /// How old stale UNCONFIRMED users are.
    Cleanup(Form),
    /// A bulk run: preview, progress, summary.
    Bulk(Box<BulkRun>),
    /// Exporting users to a file.
    Export(Box<ExportRun>),
    /// Importing users from a CSV file.
    Import(Box<ImportRun>),
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
    /// A change of AWS profile and region the session is to make (a new client and worker).
    pub retarget: Option<AwsTarget>,
    /// The pool and user to open once the session is in their region.
    pub pending_open: Option<(PoolChoice, String)>,
    /// The configured pools a search of every pool covers.
    pub configured_pools: Vec<crate::cognito::everywhere::PoolRef>,
    pub keymap: Keymap,
    pub status: Option<Status>,
    pub show_help: bool,
    /// Requests whose results are still wanted.
    pub in_flight: BTreeMap<RequestId, Action>,
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
    /// `--region`, `--profile` and `--endpoint-url` for the AWS CLI equivalents.
    pub cli_target: CliTarget,
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
    /// The devices remembered in this run (ConfirmDevice), with their passwords. Never written
    /// anywhere.
    pub devices: Vec<RememberedDevice>,
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
    /// Where a relative export or import file name is taken from: the working directory at
    /// start.
    pub export_dir: std::path::PathBuf,
    /// Where a file name starting with `~` is taken from: the home directory, if there is one.
    pub home_dir: Option<std::path::PathBuf>,
    /// What was read about MFA beside the users' pages: their factors, the pool's configuration.
    mfa: self::mfa::MfaReads,
    /// The user table's columns, in order (the `columns` setting).
    pub columns: Vec<Column>,
    /// Whether the mouse is used, and the last click.
    pub mouse: MouseState,
    /// Where the screen's scrolled view is (reset when another screen opens).
    pub view: ViewState,
    /// The first row of the help overlay shown.
    pub help_scroll: usize,
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
            sent_from: HashMap::new(),
            left: BTreeMap::new(),
            rechecks: HashMap::new(),
            retry: None,
            quit_asked: false,
            cli_target: CliTarget::default(),
            retarget: None,
            pending_open: None,
            configured_pools: Vec::new(),
            now,
            spinner: 0,
            size,
            should_quit: false,
            auth: None,
            totp_issuer: None,
            clipboard: Vec::new(),
            demo_secrets: HashMap::new(),
            devices: Vec::new(),
            safety: Safety::default(),
            resend_pauses: HashMap::new(),
            bulk_rate: crate::cognito::DEFAULT_BULK_RATE,
            search_debounce: std::time::Duration::ZERO,
            search_due: None,
            cancelled: Vec::new(),
            export_dir: std::env::current_dir().unwrap_or_default(),
            home_dir: directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()),
            mfa: self::mfa::MfaReads::default(),
            columns: Column::defaults(),
            mouse: MouseState::default(),
            view: ViewState::default(),
            help_scroll: 0,
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

    /// Handles one event; returns the requests to send to the Cognito worker. A failure is
    /// forgotten once its screen is left.
    pub fn update(&mut self, event: Event) -> Vec<Request> {
        let shown = std::mem::discriminant(&self.screen);
        let requests = self.apply(event);
        self.stop_unwanted_counts();
        if std::mem::discriminant(&self.screen) != shown {
            self.view = ViewState::default();
        }
        if self
            .retry
            .as_ref()
            .is_some_and(|r| r.screen != self.screen_key())
        {
            self.retry = None;
        }
        requests
    }

    fn apply(&mut self, event: Event) -> Vec<Request> {
        match event {
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
                self.poll_import_job()
            }
            Event::Cognito(response) => self.on_response(response),
        }
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
        let above_status = crate::ui::body(self).bottom();
        usize::from(above_status.saturating_sub(LOOKUP_CHROME_ROWS).max(1))
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
            Screen::Picker(Picker::Profiles { .. })
            | Screen::Cleanup(_)
            | Screen::Answer(_)
            | Screen::SignIn(_)
            | Screen::NewPassword(_)
            | Screen::MfaCode(_)
            | Screen::SignUp(_)
            | Screen::Everywhere(_)
            | Screen::GroupForm(_) => Context::Form,
            Screen::Picker(_) => Context::Picker,
            Screen::Detail(_) => Context::Detail,
            Screen::Forgot(_) => Context::Forgot,
            Screen::Enrol(_) => Context::Enrol,
            Screen::Tokens(_) => Context::Tokens,
            Screen::SelectMfa(_)
            | Screen::SelectChallenge(_)
            | Screen::MfaMenu(_)
            | Screen::Existing(_)
            | Screen::BulkMenu(_) => Context::Menu,
            Screen::Code(_) => Context::Code,
            Screen::Confirm(_) => Context::Confirm,
            Screen::SetPassword(_) => Context::Password,
            Screen::List(_) => Context::List,
            Screen::Groups(_) => Context::Groups,
            Screen::Members(_) => Context::Members,
            Screen::Overview(_) => Context::Overview,
            Screen::Passkeys(_) => Context::Passkeys,
            Screen::Audit { .. } => Context::Audit,
            Screen::Bulk(_) => Context::Bulk,
            Screen::Export(_) => Context::Export,
            Screen::Import(_) => Context::Import,
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
        if let Some(refusal) = self.safety.refusal(&action) {
            self.status = Some(Status::Error(refusal));
            return Vec::new();
        }
        self.next_id += 1;
        let id = RequestId(self.next_id);
        self.in_flight.insert(id, action.clone());
        self.sent_from.insert(id, self.screen_key());
        vec![Request { id, action }]
    }

    /// Which screen is shown, and for whom: failures belong to it.
    fn screen_key(&self) -> ScreenKey {
        let subject = match &self.screen {
            Screen::Detail(d) => Some(&d.username),
            Screen::Code(c) => Some(&c.username),
            Screen::List(l) => Some(&l.username),
            Screen::SetPassword(p) => Some(&p.username),
            Screen::Attributes(e) => Some(&e.username),
            Screen::MfaMenu(m) => Some(&m.username),
            Screen::Passkeys(p) => Some(&p.username),
            Screen::Forgot(f) => Some(&f.username),
            Screen::Members(m) => Some(&m.group),
            _ => None,
        };
        ScreenKey(std::mem::discriminant(&self.screen), subject.cloned())
    }

    /// Whether `Ctrl-R` has something to send again on this screen.
    pub fn can_retry(&self) -> bool {
        self.retry
            .as_ref()
            .is_some_and(|r| r.screen == self.screen_key())
    }

    /// Keeps a failed (or abandoned) call for `Ctrl-R`, if it belongs to the screen shown.
    fn keep_for_retry(&mut self, origin: Option<&ScreenKey>, action: Action) {
        let screen = self.screen_key();
        if origin != Some(&screen) || !action.retryable() {
            return;
        }
        let retry = self.retry.get_or_insert_with(|| Retry {
            screen: screen.clone(),
            reads: Vec::new(),
            change: None,
        });
        if retry.screen != screen {
            *retry = Retry {
                screen,
                reads: Vec::new(),
                change: None,
            };
        }
        if action.mutates() {
            retry.change = Some(action);
        } else if !retry.reads.contains(&action) {
            retry.reads.push(action);
        }
    }

    /// Forgets the failed reads `drop` picks (a new search makes the old pages moot).
    pub(super) fn forget_failed_reads(&mut self, drop: impl Fn(&Action) -> bool) {
        if let Some(r) = &mut self.retry {
            r.reads.retain(|a| !drop(a));
        }
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

    /// DescribeUserPool answered: the pool's settings, if it is still the pool chosen.
    fn on_pool_opened(&mut self, pool_id: &str, opened: Result<PoolInfo, CognitoError>) {
        if let Ok(info) = opened
            && self.pool_id().as_deref() == Some(pool_id)
        {
            self.pool = Some(info);
        }
    }

    fn on_key(&mut self, key: &KeyEvent) -> Vec<Request> {
        let command = match self.keymap.command(self.context(), key) {
            // `?` in a form field that takes it is typed (see `help_key_is_typed`).
            Some(Command::Help) if self.help_key_is_typed(key) => None,
            command => command,
        };
        // Any key clears the status line and then does what it does, whatever it is: the
        // first character typed after an error is not lost, and no key is special.
        self.status = None;
        let quit_asked = std::mem::take(&mut self.quit_asked);
        if command == Some(Command::Quit) {
            self.quit(quit_asked);
            return Vec::new();
        }
        if let Some(why) = command.and_then(|c| self.refused(c)) {
            self.status = Some(Status::Error(why));
            return Vec::new();
        }
        if self.show_help {
            self.help_command(command);
            return Vec::new();
        }
        if command.is_some_and(|c| self.scroll_view(c)) {
            return Vec::new();
        }
        match command {
            Some(Command::Help) => {
                self.show_help = true;
                self.help_scroll = 0;
                Vec::new()
            }
            Some(Command::Retry) => self.retry(),
            Some(Command::CopyCli) => {
                self.copy_cli();
                Vec::new()
            }
            // Esc in a text field leaves the field, on a confirmation it goes back; elsewhere it
            // first abandons the pending call.
            Some(Command::Back)
                if self.abandonable()
                    && !self.typing()
                    && !matches!(self.screen, Screen::Confirm(_)) =>
            {
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
                Screen::Confirm(_) => self.confirm_command(command),
                Screen::SetPassword(_) | Screen::List(_) => self.admin_screen_command(command),
                Screen::Audit { .. } => self.audit_command(command),
                Screen::Everywhere(_) => self.everywhere_command(command),
                Screen::BulkMenu(_) | Screen::Cleanup(_) | Screen::Bulk(_) => {
                    self.bulk_command(command)
                }
                Screen::Export(_) => self.export_command(command),
                Screen::Import(_) => self.import_command(command),
                Screen::Passkeys(_) => self.passkeys_command(command),
                Screen::Tokens(_) if command == Command::Passkeys => self.open_passkeys(),
                Screen::Forgot(_) => self.forgot_command(command),
                Screen::Groups(_) => self.groups_command(command),
                Screen::Members(_) => self.members_command(command),
                Screen::GroupForm(_) => self.group_form_command(command),
                Screen::Overview(_) => self.overview_command(command),
                Screen::SignIn(_)
                | Screen::SelectChallenge(_)
                | Screen::Answer(_)
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

    /// `Ctrl-R`: the failed calls of the screen shown. Reads are sent again; a failed change
    /// opens its confirmation again with the values it had, and Enter there sends it.
    fn retry(&mut self) -> Vec<Request> {
        if self.retry_bulk() {
            return Vec::new();
        }
        if matches!(self.screen, Screen::Lookup)
            && let Some(requests) = self.retry_shards()
        {
            return requests;
        }
        let Some(retry) = self.retry.take().filter(|r| r.screen == self.screen_key()) else {
            self.status = Some(Status::Info("Nothing to retry on this screen.".into()));
            return Vec::new();
        };
        let mut requests: Vec<Request> =
            retry.reads.into_iter().flat_map(|a| self.send(a)).collect();
        if let Some(change) = retry.change {
            requests.extend(self.confirm(change));
        }
        requests
    }

    /// `q`/`Ctrl-C`: quits, but asks first while work would be lost.
    fn quit(&mut self, asked: bool) {
        match self.work_in_progress() {
            Some(work) if !asked => {
                self.quit_asked = true;
                self.status = Some(Status::Error(format!(
                    "{work}: press the same key again to quit and lose it, any other key to go on."
                )));
            }
            _ => self.should_quit = true,
        }
    }

    /// What quitting now would lose, if anything.
    fn work_in_progress(&self) -> Option<&'static str> {
        match &self.screen {
            Screen::Bulk(run) if run.phase != BulkPhase::Done => {
                Some("A bulk run is waiting or in progress")
            }
            Screen::Export(e)
                if matches!(
                    e.phase,
                    ExportPhase::Fetching | ExportPhase::Writing | ExportPhase::Exists
                ) =>
            {
                Some("An export is in progress")
            }
            Screen::Import(i) if matches!(i.phase, ImportPhase::Preview | ImportPhase::Header) => {
                Some("An import is waiting for your Enter")
            }
            Screen::Confirm(_) => Some("A change is waiting for your Enter"),
            _ if self.form_has_input() => Some("The form has what you typed"),
            _ if self.change_on_its_way() => Some("A change is on its way to Cognito"),
            _ => None,
        }
    }

    /// Whether a change was sent and its answer has not come (left with Esc included).
    pub(super) fn change_on_its_way(&self) -> bool {
        !self.left.is_empty() || self.in_flight.values().any(Action::mutates)
    }

    /// Whether a form on screen holds anything typed (pre-filled values aside).
    fn form_has_input(&self) -> bool {
        let form = match &self.screen {
            Screen::SignUp(s) => Some(&s.form),
            Screen::Invite(i) => Some(&i.form),
            Screen::SetPassword(p) => Some(&p.form),
            Screen::NewPassword(n) => Some(&n.form),
            Screen::Code(c) => Some(&c.form),
            Screen::Forgot(f) => Some(&f.form),
            Screen::GroupForm(g) => Some(&g.form),
            _ => None,
        };
        form.is_some_and(|f| (0..f.fields.len()).any(|i| !f.value(i).is_empty()))
    }

    /// Why `command` is refused before anything opens: in read-only mode every key that leads
    /// to a change, and for a protected user the keys that delete or disable them.
    pub fn refused(&self, command: Command) -> Option<String> {
        if self.safety.read_only && command.leads_to_change() {
            return Some(format!(
                "Read-only mode: '{}' would change the pool, so it is not offered.",
                command.describe()
            ));
        }
        let Screen::Detail(d) = &self.screen else {
            return None;
        };
        let user = &d.detail.as_ref()?.user;
        let call = match command {
            Command::DeleteUser => AdminCall::Delete,
            Command::ToggleEnabled if user.enabled => AdminCall::Disable,
            _ => return None,
        };
        self.safety.refusal(&Action::Admin {
            pool_id: String::new(),
            username: user.username.clone(),
            calls: vec![call],
        })
    }

    fn typing(&self) -> bool {
        matches!(self.screen, Screen::Lookup) && self.lookup.focus != Focus::Table
    }

    /// Whether Esc has something to abandon. Reading the pool's settings is left to finish:
    /// the header and the client secret depend on it, and nothing waits for it.
    pub fn abandonable(&self) -> bool {
        self.in_flight
            .iter()
            .any(|(id, a)| self.may_abandon(*id, a))
            || self.sharded_loading()
    }

    /// Reading the pool is left to finish, bulk runs and exports are stopped with their own
    /// key so that their counts stay right (a bulk step's re-read after a lost answer too), and
    /// a group's member count stops when its screen is left.
    fn may_abandon(&self, id: RequestId, action: &Action) -> bool {
        let bulk_recheck = self
            .rechecks
            .get(&id)
            .is_some_and(|r| matches!(r.change, Action::BulkStep { .. }));
        !bulk_recheck
            && !matches!(
                action,
                Action::OpenPool { .. }
                    | Action::BulkStep { .. }
                    | Action::UserGroups { .. }
                    | Action::CountMembers { .. }
            )
    }

    /// Esc while calls are in flight: reads are stopped (their connections released) and kept
    /// for `Ctrl-R`, which resumes them; a change already sent cannot be called back, so it is
    /// left to finish and the user is re-read when its answer comes.
    fn abandon(&mut self) {
        let ids: Vec<RequestId> = self
            .in_flight
            .iter()
            .filter(|(id, a)| self.may_abandon(**id, a))
            .map(|(id, _)| *id)
            .collect();
        let mut left_change = None;
        for id in ids {
            let Some(action) = self.in_flight.remove(&id) else {
                continue;
            };
            let origin = self.sent_from.remove(&id);
            self.rechecks.remove(&id);
            if action.mutates() {
                left_change.get_or_insert_with(|| action.clone());
                self.left.insert(id, action);
            } else {
                self.cancelled.push(id);
                // A shard's page is asked for again when the load goes on.
                if !matches!(&action, Action::ListUsers { filter, .. } if self.shard_of(filter.as_ref()).is_some())
                {
                    self.keep_for_retry(origin.as_ref(), action);
                }
            }
        }
        self.lookup.load_all = false;
        if self.sharded_loading() && left_change.is_none() {
            self.pause_sharded();
            return;
        }
        let retry = self.key_name(Context::Global, Command::Retry);
        self.status = Some(Status::Info(match left_change {
            Some(change) => {
                let who = recheck::subject(&change);
                format!(
                    "Left '{}' for {who}: it was sent and may still be applied; cognitui re-reads {who} when its answer comes.",
                    recheck::what(&change)
                )
            }
            None if self.can_retry() => format!("Abandoned: {retry} resumes it."),
            None => "Abandoned.".into(),
        }));
    }

    fn on_response(&mut self, response: Response) -> Vec<Request> {
        let response = self.keep_side_reads(response);
        let origin = self.sent_from.remove(&response.id);
        if let Some(change) = self.left.remove(&response.id) {
            return self.on_left_answer(change, &response.outcome);
        }
        let Some(action) = self.in_flight.remove(&response.id) else {
            return Vec::new(); // abandoned or superseded
        };
        if let Some(recheck) = self.rechecks.remove(&response.id) {
            return self.on_recheck(recheck, &action, response.outcome);
        }
        if let Some(error) = response.outcome.error() {
            let error = error.clone();
            if action.mutates() && error.answer_may_be_lost() {
                return self.recheck(action, format!("{error}"));
            }
            return self.on_failure(action, origin.as_ref(), &response.outcome, &error);
        }
        let mut requests = self.on_success(action.clone(), response.outcome);
        // A change that goes on with another change for the same user (TOTP verified, then made
        // preferred) is read again after the last one: a read now could answer before it.
        let goes_on = requests
            .iter()
            .any(|r| r.action.mutates() && r.action.username() == action.username());
        if !goes_on {
            requests.extend(self.refresh_after(&action));
        }
        requests
    }

    /// Every screen that shows the user a change succeeded on shows their new state: the user
    /// is read again, unless a read of them is already on its way (or they are gone).
    fn refresh_after(&mut self, change: &Action) -> Vec<Request> {
        if !change.mutates() || matches!(change, Action::BulkStep { .. }) {
            return Vec::new();
        }
        let (Some(username), Some(pool_id)) = (change.username(), self.pool_id()) else {
            return Vec::new();
        };
        let deleted =
            matches!(change, Action::Admin { calls, .. } if calls.contains(&AdminCall::Delete));
        let page = |s: &Screen| matches!(s, Screen::Detail(d) if d.username == username);
        let shown = self.lookup.has_user(username)
            || page(&self.screen)
            || self.auth.as_ref().is_some_and(|a| page(&a.origin));
        let reading = self
            .in_flight
            .values()
            .any(|a| matches!(a, Action::GetUser { username: u, .. } if u == username));
        if deleted || reading || !shown {
            return Vec::new();
        }
        let username = username.to_owned();
        self.send(Action::GetUser { pool_id, username })
    }

    fn on_success(&mut self, action: Action, outcome: Outcome) -> Vec<Request> {
        // A device an admin forgot is not this terminal's any more.
        if let Outcome::Changed(results) = &outcome {
            for (call, result) in results {
                if let (AdminCall::ForgetDevice(key), Ok(())) = (call, result) {
                    self.forget_device(key);
                }
            }
        }
        match (action, outcome) {
            (action, outcome) if action.lists_pools() => {
                self.on_pool_list(action, outcome);
                Vec::new()
            }
            (Action::OpenPool { pool_id, .. }, Outcome::PoolOpened(opened)) => {
                self.on_pool_opened(&pool_id, *opened);
                Vec::new()
            }
            (Action::ListUsers { filter, token, .. }, Outcome::Users(Ok(page))) => {
                match self.shard_of(filter.as_ref()) {
                    Some(shard) => self.on_shard_page(shard, page),
                    None => self.on_users_page(filter.as_ref(), token.as_ref(), page),
                }
            }
            (Action::GetUser { username, .. }, Outcome::User(Ok(detail))) => {
                self.on_user(&username, &detail);
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
            (
                action @ (Action::ForgotPassword { .. } | Action::ConfirmForgotPassword { .. }),
                outcome,
            ) => self.on_forgot_outcome(&action, outcome),
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
            (_, Outcome::Groups(Ok(groups))) => self.on_groups(groups),
            (
                action @ (Action::CountMembers { .. }
                | Action::GroupMembers { .. }
                | Action::Group { .. }
                | Action::Overview { .. }),
                outcome,
            ) => self.on_pool_outcome(action, outcome),
            (Action::UserGroups { username, .. }, Outcome::UserGroups(groups)) => {
                self.on_export_groups(&username, groups)
            }
            (_, Outcome::Exported(Ok(count))) => {
                self.on_exported(count);
                Vec::new()
            }
            (_, outcome) if outcome.is_import() => self.on_import_outcome(outcome),
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
            (
                action @ (Action::ListPasskeys { .. } | Action::DeletePasskey { .. }),
                outcome @ (Outcome::Passkeys(Ok(_)) | Outcome::PasskeyDeleted(Ok(()))),
            ) => self.on_passkey_outcome(action, outcome),
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
        origin: Option<&ScreenKey>,
        outcome: &Outcome,
        error: &CognitoError,
    ) -> Vec<Request> {
        if let Action::ListUsers { filter, .. } = &action
            && let Some(shard) = self.shard_of(filter.as_ref())
        {
            return self.on_shard_failure(shard, error);
        }
        if let Action::CountMembers { group, .. } = &action {
            return self.on_count(group, Err(error));
        }
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
            (Action::ListPasskeys { .. }, _, _) => self.passkeys_failed(error),
            (Action::ReadImport { .. }, _, _) => self.on_import_unread(error.to_string()),
            (
                Action::CsvHeader { .. }
                | Action::StartImportJob { .. }
                | Action::DescribeImportJob { .. },
                _,
                _,
            ) => {
                self.on_import_job_failed(&action);
                self.status = Some(Status::Error(error.to_string()));
            }
            (
                Action::SignIn { target, .. } | Action::Respond { target, .. },
                _,
                CognitoError::DeviceForgotten,
            ) => {
                if let Some(device) = &target.device {
                    self.forget_device(&device.key);
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
            (Action::ForgotPassword { .. } | Action::ConfirmForgotPassword { .. }, _, _) => {
                self.forgot_failed(&action, error);
            }
            _ => self.status = Some(Status::Error(error.to_string())),
        }
        // What Cognito refused for what it was sent would be refused again as it is.
        if error.transient() {
            self.keep_for_retry(origin, action);
        }
        Vec::new()
    }
}

/// A screen and the user it shows: the scope of `Ctrl-R`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ScreenKey(std::mem::Discriminant<Screen>, Option<String>);

/// The failed calls of one screen.
#[derive(Debug, Clone)]
struct Retry {
    screen: ScreenKey,
    /// Sent again as they were.
    reads: Vec<Action>,
    /// The last failed change: its confirmation opens again.
    change: Option<Action>,
}
