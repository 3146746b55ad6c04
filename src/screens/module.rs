//! What a screen module is and what it is handed: the [`ScreenModule`] trait, the narrow
//! [`Ctx`] its keys and answers get (the pool, the keymap, the status line, the requests it
//! wants sent), the read-only [`Shown`] its drawing gets, and the [`Next`] screen it asks for.
//!
//! A screen never sees the application state: what it may read and do is here, so the rules
//! every screen follows (a change is confirmed on screen before it is sent, an answer reaches
//! the screen that asked) are enforced once, by the application, around every screen alike.

use std::any::Any;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::action::{Action, Outcome, RequestId};
use crate::app::{
    AfterSignIn, AwsTarget, Extent, Form, MfaReads, Safety, Screen, UserStore, Verdict,
};
use crate::cli::CliTarget;
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::everywhere::{Hit, PoolRef};
use crate::cognito::metadata::{ClientMetadata, with_cli_flag};
use crate::cognito::model::{AppClient, PoolInfo, UserDetail};
use crate::config::PoolChoice;
use crate::keys::{Command, Context, Keymap};
use crate::theme::Theme;

/// What the status line says until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Info(String),
    Error(String),
}

/// One screen: its state, its keys, its answers, its hints and its drawing.
pub trait ScreenModule: std::fmt::Debug + dyn_clone::DynClone + Any {
    /// The screen's name and whom it shows (a user, a group), if anyone: its answers and the
    /// calls `Ctrl-R` sends again belong to this pair.
    fn key(&self) -> (&'static str, Option<&str>);

    /// The key context its bindings are in.
    fn context(&self) -> Context;

    /// The few keys worth showing on the status line, with their labels.
    fn hints(&self) -> &'static [(Command, &'static str)];

    /// Whether a hinted key does something now; a key that would not is not hinted.
    fn offers(&self, _command: Command, _shown: &Shown) -> bool {
        true
    }

    /// The label a hinted key has now, when the screen's state words it otherwise.
    fn label(&self, _command: Command, label: &'static str) -> &'static str {
        label
    }

    /// The AWS CLI equivalent of what the screen would send (the copy key copies it).
    fn cli(&self, _shown: &Shown) -> Vec<String> {
        Vec::new()
    }

    /// Rows a notch of the mouse wheel moves: one on short lists, more on long ones.
    fn wheel_rows(&self) -> usize {
        1
    }

    /// A key bound to `command` in its context.
    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next;

    /// The form typing goes to, if the screen has one.
    fn form_mut(&mut self) -> Option<&mut Form> {
        None
    }

    /// What a paste into the field that has the keyboard may hold (characters, and what the
    /// field is for the sentence), when the screen knows better than the field's label.
    fn paste_limit(&self, _pool: Option<&PoolInfo>) -> Option<(usize, String)> {
        None
    }

    /// The answer to a request this screen sent (a change's, once its lifecycle settled it).
    /// A screen whose only requests are a user's changes has none: the user lifecycle answers
    /// those and shows the user's page.
    fn on_outcome(&mut self, _action: &Action, _outcome: Outcome, _ctx: &mut Ctx) -> Next {
        Next::Stay
    }

    /// A change this screen sent whose answer was lost, settled by reading its user again
    /// (`verdict`; `why` says how the answer was lost).
    fn on_settled(&mut self, _change: &Action, _verdict: &Verdict, _why: &str, _ctx: &mut Ctx) {}

    /// A tick of the clock (about every second), for a screen that asks again on its own (an
    /// import job's progress).
    fn on_tick(&mut self, _ctx: &mut Ctx) {}

    /// `Ctrl-R` on this screen, if it sends its own failures again (a bulk run's): whether it
    /// did.
    fn retry(&mut self, _ctx: &mut Ctx) -> bool {
        false
    }

    /// Whether the screen shows every change it sends and sends them only on the agent's key
    /// there (a bulk run's preview): only then are its `Ctx::send_shown` changes sent, without
    /// another confirmation.
    fn shows_what_it_sends(&self) -> bool {
        false
    }

    /// A request this screen sent was refused, or failed before anything was sent: by default
    /// the status line says why.
    fn on_failure(&mut self, _action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        ctx.refuse(error.to_string());
        Next::Stay
    }

    /// The user the screen shows, as last read, if it shows one: what a change's lost answer
    /// is compared with, and whom the safety rules protect from its keys.
    fn user_shown(&self) -> Option<&UserDetail> {
        None
    }

    /// `username` was read (by whatever screen asked): a screen showing them shows them as
    /// they are now.
    fn on_user_read(&mut self, _username: &str, _detail: &UserDetail) {}

    /// What leaving the program now would lose, if anything.
    fn work_in_progress(&self) -> Option<&'static str> {
        None
    }

    /// How much of the screen's scrolled text shows in `area`, for a screen that scrolls
    /// text (the scrolling keys then move `Shown::offset`).
    fn extent(&self, _area: Rect, _shown: &Shown) -> Option<Extent> {
        None
    }

    /// Draws the screen in `area`.
    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme);
}

dyn_clone::clone_trait_object!(ScreenModule);

impl dyn ScreenModule {
    /// The screen as its own type, if it is a `T`.
    pub fn downcast_ref<T: ScreenModule>(&self) -> Option<&T> {
        (self as &dyn Any).downcast_ref()
    }
}

/// The hints of a form that sends what is typed.
pub const FORM_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::NextField, "next field"),
    (Command::Back, "cancel"),
    (Command::Help, "help"),
];

/// What a screen asks for after a key or an answer.
#[derive(Debug)]
pub enum Next {
    /// It stays on screen.
    Stay,
    /// Another screen takes its place.
    Open(Box<dyn ScreenModule>),
    /// The screen it was opened from, as it was.
    Show(Box<Screen>),
    /// Back to the user table.
    Users,
    /// The page of the user named.
    User(String),
    /// The sign-in form for a user (`account` is what authenticators show), then `then`.
    SignIn {
        username: String,
        account: String,
        then: AfterSignIn,
    },
    /// The pool picker, its pools read again.
    Pools,
    /// The pool chosen opens (its user table).
    Pool(PoolChoice),
    /// The pool of a hit of the search of every pool, on its user (in the pool's region).
    Hit(Hit),
}

/// Until when resending a code is paused, by username, after Cognito's limit.
#[derive(Debug, Clone, Copy)]
pub struct Pauses<'a> {
    pub until: &'a HashMap<String, DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

impl Pauses<'_> {
    /// Seconds until a code may be sent to `username` again, if sending is paused.
    pub fn wait(&self, username: &str) -> Option<i64> {
        self.until
            .get(username)
            .map(|t| (*t - self.now).num_milliseconds())
            .filter(|ms| *ms > 0)
            .map(|ms| (ms + 999) / 1000)
    }
}

/// What a screen's keys and answers may read.
pub struct Reads<'a> {
    /// The pool open, once chosen.
    pub pool_id: Option<&'a str>,
    /// What DescribeUserPool said about it.
    pub pool: Option<&'a PoolInfo>,
    pub keymap: &'a Keymap,
    pub now: DateTime<Utc>,
    /// Rows a list's page moves (the screen's body less a frame and a header).
    pub page: usize,
    /// The users loaded in the table, and whether they are every user that matches.
    pub users: (&'a UserStore, bool),
    /// The users marked in the table.
    pub marked: &'a BTreeSet<String>,
    pub dirs: Dirs<'a>,
    /// Read-only mode and the protected users.
    pub safety: &'a Safety,
    pub pauses: Pauses<'a>,
    /// `--region`, `--profile` and `--endpoint-url` of the session.
    pub cli_target: &'a CliTarget,
    /// The pools in config.toml.
    pub configured: &'a [PoolRef],
    /// What was read about MFA beside the users.
    pub mfa: &'a MfaReads,
}

impl Reads<'_> {
    /// The first key bound to `command`, as text for sentences ("F4").
    pub fn key_name(&self, context: Context, command: Command) -> String {
        key_name(self.keymap, context, command)
    }
}

/// What a screen's keys and answers may read (through `Deref`, as `ctx.pool_id`) and do.
pub struct Ctx<'a> {
    read: Reads<'a>,
    /// The first row shown of the screen's scrolled text.
    offset: &'a mut usize,
    status: &'a mut Option<Status>,
    in_flight: &'a BTreeMap<RequestId, Action>,
    effects: Vec<Effect>,
}

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Reads<'a>;

    fn deref(&self) -> &Reads<'a> {
        &self.read
    }
}

/// What a screen asked the application to do, in order.
#[derive(Debug)]
pub enum Effect {
    /// A read is sent; a change opens its confirmation over the screen.
    Request(Action),
    /// A change the screen showed and the agent confirmed there (see
    /// `ScreenModule::shows_what_it_sends`).
    Send(Action),
    /// A change whose answer was lost: its user is read again to settle it, and the verdict
    /// goes to `ScreenModule::on_settled`.
    Recheck(Action, String),
    /// A change applied to a user: the user table shows it (a deletion removes the row).
    Applied { username: String, call: AdminCall },
    /// The session changes to this AWS profile and region (refused while a change's answer
    /// is awaited).
    Retarget(AwsTarget),
    /// Sending a code to `username` is paused until `until`, after Cognito's limit.
    PauseResend {
        username: String,
        until: DateTime<Utc>,
    },
}

impl<'a> Ctx<'a> {
    /// A context over the application's shared state.
    pub fn new(
        read: Reads<'a>,
        offset: &'a mut usize,
        status: &'a mut Option<Status>,
        in_flight: &'a BTreeMap<RequestId, Action>,
    ) -> Self {
        Self {
            read,
            offset,
            status,
            in_flight,
            effects: Vec::new(),
        }
    }

    /// Asks for `action`: a read is sent, a change opens its confirmation over the screen
    /// (nothing is sent before the agent's Enter there).
    pub fn request(&mut self, action: Action) {
        self.effects.push(Effect::Request(action));
    }

    /// Sends a change the screen shows and the agent confirmed there (a bulk step).
    pub fn send_shown(&mut self, change: Action) {
        self.effects.push(Effect::Send(change));
    }

    /// Reads the user of `change`, whose answer was lost (`why`), again to settle it.
    pub fn recheck(&mut self, change: Action, why: String) {
        self.effects.push(Effect::Recheck(change, why));
    }

    /// The session changes to `target`'s profile and region.
    pub fn retarget(&mut self, target: AwsTarget) {
        self.effects.push(Effect::Retarget(target));
    }

    /// Sending a code to `username` is paused until `until`.
    pub fn pause_resend(&mut self, username: String, until: DateTime<Utc>) {
        self.effects.push(Effect::PauseResend { username, until });
    }

    /// The user table shows `call` applied to `username`.
    pub fn applied(&mut self, username: String, call: AdminCall) {
        self.effects.push(Effect::Applied { username, call });
    }

    fn asked(&self) -> impl Iterator<Item = &Action> {
        self.effects.iter().filter_map(|e| match e {
            Effect::Request(a) | Effect::Send(a) => Some(a),
            Effect::Recheck(..)
            | Effect::Applied { .. }
            | Effect::Retarget(_)
            | Effect::PauseResend { .. } => None,
        })
    }

    /// Whether a request `matches` is on its way already.
    pub fn asking(&self, matches: impl Fn(&Action) -> bool) -> bool {
        self.in_flight.values().any(&matches) || self.asked().any(matches)
    }

    /// How many requests `matches` are on their way.
    pub fn asking_count(&self, matches: impl Fn(&Action) -> bool) -> usize {
        self.in_flight.values().filter(|a| matches(a)).count()
            + self.asked().filter(|a| matches(a)).count()
    }

    /// The screen's scrolled text shows from row `offset`.
    pub fn scroll_to(&mut self, offset: usize) {
        *self.offset = offset;
    }

    /// The status line says nothing.
    pub fn clear_status(&mut self) {
        *self.status = None;
    }

    /// The status line says `text`.
    pub fn say(&mut self, text: String) {
        *self.status = Some(Status::Info(text));
    }

    /// The status line says why something was not done.
    pub fn refuse(&mut self, text: String) {
        *self.status = Some(Status::Error(text));
    }

    /// What the screen asked for, in order.
    pub fn into_effects(self) -> Vec<Effect> {
        self.effects
    }
}

/// Where a file name typed on a screen is taken from.
#[derive(Debug, Clone, Copy)]
pub struct Dirs<'a> {
    /// The working directory at start, for a relative name.
    pub work: &'a Path,
    /// The home directory, for a name starting with `~`, if there is one.
    pub home: Option<&'a Path>,
}

/// What a screen's drawing may read.
pub struct Shown<'a> {
    pub keymap: &'a Keymap,
    /// The pool open, as DescribeUserPool described it.
    pub pool: Option<&'a PoolInfo>,
    pub now: DateTime<Utc>,
    /// The label of the oldest call in flight, if any.
    pub busy: Option<&'static str>,
    /// Whether `Ctrl-R` has calls of this screen to send again.
    pub can_retry: bool,
    /// Whether the screen has the keyboard (the help overlay is not over it).
    pub focused: bool,
    /// How many users are marked in the table.
    pub marked: usize,
    /// The first row shown of the screen's scrolled text.
    pub offset: usize,
    pub dirs: Dirs<'a>,
    /// Bulk requests a second (the worker's pace).
    pub bulk_rate: u32,
    /// The pool open, once chosen.
    pub pool_id: Option<&'a str>,
    /// What the calls that take ClientMetadata send to the pool's Lambda triggers.
    pub metadata: &'a ClientMetadata,
    /// `--region`, `--profile` and `--endpoint-url`, for the AWS CLI equivalents.
    pub cli_target: &'a CliTarget,
    pub pauses: Pauses<'a>,
    /// The users loaded in the table.
    pub users: &'a UserStore,
    /// Read-only mode and the protected users.
    pub safety: &'a Safety,
    /// What was read about MFA beside the users.
    pub mfa: &'a MfaReads,
}

impl Shown<'_> {
    /// The AWS CLI lines as the agent would run them: with the ClientMetadata the calls take
    /// and the session's region, profile and endpoint.
    pub fn cli(&self, lines: &[String]) -> Vec<String> {
        lines
            .iter()
            .map(|line| self.cli_target.apply(&with_cli_flag(line, self.metadata)))
            .collect()
    }

    /// The first key bound to `command`, as text for notes.
    pub fn key_name(&self, context: Context, command: Command) -> String {
        key_name(self.keymap, context, command)
    }
}

/// The pool's app client, for the calls an app makes, or what is missing as a sentence.
pub fn app_client(pool: Option<&PoolInfo>, keymap: &Keymap) -> Result<AppClient, String> {
    let Some(pool) = pool else {
        return Err("The pool is not open yet: wait a moment.".into());
    };
    pool.client.clone().ok_or_else(|| {
        let key = key_name(keymap, Context::Lookup, Command::SwitchPool);
        format!(
            "This pool was opened without an app client: press {key} in the user list to choose one, then try again."
        )
    })
}

fn key_name(keymap: &Keymap, context: Context, command: Command) -> String {
    keymap
        .key_for(context, command)
        .map_or_else(|| "(unbound)".to_owned(), |k| k.to_string())
}
