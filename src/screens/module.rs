//! What a screen module is and what it is handed: the [`ScreenModule`] trait, the narrow
//! [`Ctx`] its keys and answers get (the pool, the keymap, the status line, the requests it
//! wants sent), the read-only [`Shown`] its drawing gets, and the [`Next`] screen it asks for.
//!
//! A screen never sees the application state: what it may read and do is here, so the rules
//! every screen follows (a change is confirmed on screen before it is sent, an answer reaches
//! the screen that asked) are enforced once, by the application, around every screen alike.

use std::any::Any;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::action::{Action, Outcome};
use crate::app::{Extent, Form, MfaReads, Safety, Screen, Verdict};
use crate::cli::CliTarget;
use crate::cognito::CognitoError;
use crate::cognito::device::RememberedDevice;
use crate::cognito::everywhere::Hit;
use crate::cognito::metadata::{ClientMetadata, with_cli_flag};
use crate::cognito::model::{AppClient, PoolInfo, UserDetail};
use crate::config::PoolChoice;
use crate::config::columns::Column;
use crate::keys::{Command, Context, Keymap};
use crate::paste::Limit;
use crate::store::UserStore;
use crate::theme::Theme;

use super::ctx::key_name;
pub use super::ctx::{Ctx, Dirs, Effect, Pauses, Reads, Status};

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

    /// What a paste into the field that has the keyboard may hold, when the screen knows
    /// better than the field's label.
    fn paste_limit(&self, _pool: Option<&PoolInfo>) -> Option<Limit> {
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

    /// The screen it returns to, kept as it was (a sign-in's, which shows again on `Esc`).
    fn returns_to(&self) -> Option<&Screen> {
        None
    }

    /// Whether it draws over the whole terminal, without the header and status line (the
    /// full-screen QR).
    fn whole_terminal(&self) -> bool {
        false
    }

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

    /// The screen as its own type, to change, if it is a `T`.
    pub fn downcast_mut<T: ScreenModule>(&mut self) -> Option<&mut T> {
        (self as &mut dyn Any).downcast_mut()
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
    /// The pool picker, its pools read again.
    Pools,
    /// The pool chosen opens (its user table).
    Pool(PoolChoice),
    /// The pool of a hit of the search of every pool, on its user (in the pool's region).
    Hit(Hit),
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
    /// Whether a page of users is on its way.
    pub users_loading: bool,
    /// The user table's columns, as configured.
    pub columns: &'a [Column],
    /// Read-only mode and the protected users.
    pub safety: &'a Safety,
    /// What was read about MFA beside the users.
    pub mfa: &'a MfaReads,
    /// The devices remembered in this run.
    pub devices: &'a [RememberedDevice],
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
