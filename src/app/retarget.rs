//! Changing the AWS profile and region without a restart: refused while a change's answer is
//! awaited, then everything read before is forgotten and the app starts again on the pool
//! picker there (or on the pool and user a search of every pool found).

use super::{App, Screen, Status};
use crate::action::Request;
use crate::screens::picker::Picker;
use crate::screens::users::Lookup;

/// An AWS profile (`None`: the SDK's default chain) and region to work in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsTarget {
    pub profile: Option<String>,
    pub region: String,
}

/// The pool picker, before its pools are read: the first screen when no pool is configured.
pub(super) fn pool_picker() -> Screen {
    Screen::Module(Box::new(Picker::Pools {
        pools: None,
        selected: 0,
    }))
}

impl App {
    /// Says so and is `true` when a change's answer is still awaited: changing client now
    /// would leave it unreported.
    pub(super) fn refuse_retarget(&mut self) -> bool {
        if !self.change_on_its_way() {
            return false;
        }
        self.status = Some(Status::Error(
            "A change is still on its way to Cognito: wait for its answer, then change the profile or region.".into(),
        ));
        true
    }

    /// The session has a client for `target` now: everything read before is from elsewhere, so
    /// the app starts again on the pool picker there.
    pub fn on_retargeted(&mut self, target: &AwsTarget) -> Vec<Request> {
        self.in_flight.clear();
        self.sent_from.clear();
        self.retry = None;
        self.choice = None;
        self.pool = None;
        self.lookup = Lookup::default();
        self.options.cli_target.profile.clone_from(&target.profile);
        self.options.cli_target.region = Some(target.region.clone());
        if self.options.cli_target.endpoint_url.is_none() {
            self.target = format!("AWS {}", target.region);
        }
        let credentials = target.profile.as_ref().map_or_else(
            || "the default credentials".to_owned(),
            |p| format!("profile {p}"),
        );
        self.status = Some(Status::Info(format!(
            "Now on {credentials}, region {}.",
            target.region
        )));
        match self.pending_open.take() {
            Some((choice, username)) => self.open_pool_on(choice, username),
            None => self.open_module(Picker::pools),
        }
    }

    /// The session could not make a client for the chosen profile and region.
    pub fn retarget_failed(&mut self, why: String) {
        self.pending_open = None;
        self.status = Some(Status::Error(why));
    }
}
