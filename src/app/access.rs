//! What the rendering layer, the session's run loop and the tests read of the application
//! state; the state itself is private to `app`, changed only by `update` and the answers.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::{App, AwsTarget, Screen, Status, ViewState};
use crate::action::{Action, RequestId};
use crate::cognito::device::RememberedDevice;
use crate::cognito::model::PoolInfo;
use crate::cognito::quota::Slowed;
use crate::cognito::sensitive::Sensitive;
use crate::config::PoolChoice;
use crate::keys::Keymap;
use crate::screens::users::Lookup;

impl App {
    /// The screen shown.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The user table: the users loaded, the search, the marks.
    pub fn lookup(&self) -> &Lookup {
        &self.lookup
    }

    /// The pool being worked on, once chosen.
    pub fn choice(&self) -> Option<&PoolChoice> {
        self.choice.as_ref()
    }

    /// What DescribeUserPool said about the pool open.
    pub fn pool(&self) -> Option<&PoolInfo> {
        self.pool.as_ref()
    }

    /// Where requests go, for the header ("AWS eu-west-1", or an endpoint URL).
    pub fn target(&self) -> &str {
        &self.target
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// What the status line says until the next key.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Whether the help overlay shows.
    pub fn show_help(&self) -> bool {
        self.show_help
    }

    /// The requests whose results are still wanted.
    pub fn in_flight(&self) -> &BTreeMap<RequestId, Action> {
        &self.in_flight
    }

    /// The clock, as of the last tick.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The spinner's frame.
    pub fn spinner(&self) -> usize {
        self.spinner
    }

    /// The quota categories Cognito throttled, sent below their full rate now (slowest first).
    pub fn slowed(&self) -> &[Slowed] {
        &self.slowed
    }

    /// The terminal's size (columns, rows).
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Whether the run loop is to stop.
    pub fn should_quit(&self) -> bool {
        self.should_quit
    }

    /// The devices remembered in this run.
    pub fn devices(&self) -> &[RememberedDevice] {
        &self.devices
    }

    /// Until when resending a code is paused, by username.
    pub fn resend_pauses(&self) -> &HashMap<String, DateTime<Utc>> {
        &self.resend_pauses
    }

    /// Where the screen's scrolled view is.
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// The first row of the help overlay shown.
    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    /// The text waiting to go to the clipboard.
    pub fn clipboard(&self) -> &[Sensitive] {
        &self.clipboard
    }

    /// The requests waiting to be stopped.
    pub fn cancelled(&self) -> &[RequestId] {
        &self.cancelled
    }

    /// The change of AWS profile and region waiting for the session.
    pub fn retarget(&self) -> Option<&AwsTarget> {
        self.retarget.as_ref()
    }

    /// Takes the change of AWS profile and region the session is to make, if any.
    pub fn take_retarget(&mut self) -> Option<AwsTarget> {
        self.retarget.take()
    }

    /// Takes the requests to stop (nobody wants their result any more).
    pub fn take_cancelled(&mut self) -> Vec<RequestId> {
        std::mem::take(&mut self.cancelled)
    }

    /// Takes the text to put on the terminal's clipboard.
    pub fn take_clipboard(&mut self) -> Vec<Sensitive> {
        std::mem::take(&mut self.clipboard)
    }
}

/// What the integration tests change directly to build a state (a screen drawn for a
/// snapshot, a request said to be on its way); never in a build of the program.
#[cfg(feature = "test-support")]
impl App {
    pub fn screen_mut(&mut self) -> &mut Screen {
        &mut self.screen
    }

    pub fn set_status(&mut self, status: Option<Status>) {
        self.status = status;
    }

    pub fn in_flight_mut(&mut self) -> &mut BTreeMap<RequestId, Action> {
        &mut self.in_flight
    }

    pub fn devices_mut(&mut self) -> &mut Vec<RememberedDevice> {
        &mut self.devices
    }

    pub fn lookup_mut(&mut self) -> &mut Lookup {
        &mut self.lookup
    }
}
