//! What a screen's keys and answers are handed: [`Ctx`], over the [`Reads`] of the shared
//! state, and the [`Effect`]s it asks the application for, in order.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::action::{Action, ActionKind, RequestId};
use crate::app::{AwsTarget, MfaReads, Safety};
use crate::cli::CliTarget;
use crate::cognito::admin::AdminCall;
use crate::cognito::device::RememberedDevice;
use crate::cognito::everywhere::PoolRef;
use crate::cognito::model::{Attribute, PoolInfo};
use crate::cognito::sensitive::Sensitive;
use crate::config::columns::Column;
use crate::keys::{Command, Context, Keymap};
use crate::store::UserStore;
use crate::totp::TotpSecret;

/// What the status line says until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Info(String),
    Error(String),
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
    /// The devices remembered in this run.
    pub devices: &'a [RememberedDevice],
    /// The TOTP secrets enrolled in this run, by username, for the demo authenticator.
    pub demo_secrets: &'a HashMap<String, TotpSecret>,
    /// The issuer authenticator apps show, if configured (else the pool's name).
    pub totp_issuer: Option<&'a str>,
    /// How far Cognito's clock is ahead of this computer's, as last measured.
    pub clock_skew: Option<i64>,
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
    /// The reads of this kind still running are stopped (no answer comes).
    Stop(ActionKind),
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
    /// `text` (`what` names it for the status line) goes to the clipboard.
    Copy { what: &'static str, text: Sensitive },
    /// The next call of a change the agent confirmed, which its confirmation named (TOTP made
    /// preferred once its code is verified): sent without another confirmation.
    GoOn(Action),
    /// The TOTP secret `username` enrolled, kept in memory for the demo authenticator.
    KeepDemoSecret {
        username: String,
        secret: TotpSecret,
    },
    /// This terminal is now a remembered device (in place of any other for that user).
    RememberDevice(RememberedDevice),
    /// The user table shows only `users` (`label` says what they have in common).
    ShowOnly { label: String, users: Vec<String> },
    /// The users named are marked in the table.
    Mark(Vec<String>),
    /// A report's values of the user named show in their row, as attributes.
    Report {
        username: String,
        values: Vec<Attribute>,
    },
    /// The table shows these columns too (after its own).
    AddColumns(Vec<Column>),
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

    /// Stops the reads of `kind` still running (a backup the agent stopped): their task ends,
    /// and no answer comes.
    pub fn stop(&mut self, kind: ActionKind) {
        self.effects.push(Effect::Stop(kind));
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

    /// Puts `text` on the clipboard; the status line says `what` was copied.
    pub fn copy(&mut self, what: &'static str, text: Sensitive) {
        self.effects.push(Effect::Copy { what, text });
    }

    /// Sends the next call of a change the agent confirmed, which its confirmation named.
    pub fn go_on(&mut self, change: Action) {
        self.effects.push(Effect::GoOn(change));
    }

    /// Keeps the TOTP secret `username` enrolled, for the demo authenticator of this run.
    pub fn keep_demo_secret(&mut self, username: String, secret: TotpSecret) {
        self.effects
            .push(Effect::KeepDemoSecret { username, secret });
    }

    /// Remembers `device` for this run.
    pub fn remember_device(&mut self, device: RememberedDevice) {
        self.effects.push(Effect::RememberDevice(device));
    }

    /// The user table shows only `users` (`label` says what they have in common).
    pub fn show_only(&mut self, label: String, users: Vec<String>) {
        self.effects.push(Effect::ShowOnly { label, users });
    }

    /// A report's `values` of `username` show in their row of the table.
    pub fn report(&mut self, username: String, values: Vec<Attribute>) {
        self.effects.push(Effect::Report { username, values });
    }

    /// The table shows `columns` too, those it lacks after its own.
    pub fn add_columns(&mut self, columns: Vec<Column>) {
        self.effects.push(Effect::AddColumns(columns));
    }

    /// Marks the users named in the table.
    pub fn mark(&mut self, users: Vec<String>) {
        self.effects.push(Effect::Mark(users));
    }

    /// The user table shows `call` applied to `username`.
    pub fn applied(&mut self, username: String, call: AdminCall) {
        self.effects.push(Effect::Applied { username, call });
    }

    fn asked(&self) -> impl Iterator<Item = &Action> {
        self.effects.iter().filter_map(|e| match e {
            Effect::Request(a) | Effect::Send(a) | Effect::GoOn(a) => Some(a),
            Effect::Recheck(..)
            | Effect::Stop(_)
            | Effect::Applied { .. }
            | Effect::Retarget(_)
            | Effect::PauseResend { .. }
            | Effect::Copy { .. }
            | Effect::KeepDemoSecret { .. }
            | Effect::RememberDevice(_)
            | Effect::ShowOnly { .. }
            | Effect::Mark(_)
            | Effect::Report { .. }
            | Effect::AddColumns(_) => None,
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

pub(super) fn key_name(keymap: &Keymap, context: Context, command: Command) -> String {
    keymap
        .key_for(context, command)
        .map_or_else(|| "(unbound)".to_owned(), |k| k.to_string())
}
