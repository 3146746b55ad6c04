//! Answers from the Cognito worker: each goes to the screen that asked, a lost answer to a
//! change is settled by the change lifecycle, a failure gets its sentence.

use super::retry::ScreenKey;
use super::{App, Screen, Status, lifecycle};
use crate::action::{Action, Outcome, Request, RequestId, Response};
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::PoolInfo;

impl App {
    /// An answer goes to the screen that asked, even while a confirmation is on top of it
    /// (the help overlay leaves the screen in place): the confirmation stays on top, over the
    /// screen as the answer left it.
    pub(super) fn answer_its_screen(&mut self, response: Response) -> Vec<Request> {
        if !matches!(self.screen, Screen::Confirm(_)) {
            return self.on_response(response);
        }
        let Screen::Confirm(mut confirm) = std::mem::replace(&mut self.screen, Screen::Lookup)
        else {
            return Vec::new();
        };
        self.screen = std::mem::replace(&mut *confirm.back, Screen::Lookup);
        let requests = self.on_response(response);
        *confirm.back = std::mem::replace(&mut self.screen, Screen::Lookup);
        self.screen = Screen::Confirm(confirm);
        requests
    }

    pub(super) fn on_response(&mut self, response: Response) -> Vec<Request> {
        // Requests from this id on are sent while this answer is handled.
        let sent_now = RequestId(self.next_id + 1);
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
        // A module screen's request is answered there; a change of a user, and the search for
        // who holds an alias, are the lifecycle's whatever screen asked for them (`on_changed`
        // says what was done and shows the user; `on_alias_holder` offers the change again).
        let module_asked = origin.as_ref().is_some_and(ScreenKey::is_module)
            && !matches!(action, Action::Admin { .. } | Action::AliasHolder { .. });
        if let Outcome::TotpVerified {
            clock_skew_secs, ..
        } = &response.outcome
        {
            self.clock_skew = *clock_skew_secs;
        }
        if let Some(error) = response.outcome.error() {
            let error = error.clone();
            // A device Cognito no longer knows is not remembered any more.
            if let (
                Action::SignIn { target, .. } | Action::Respond { target, .. },
                CognitoError::DeviceForgotten,
            ) = (&action, &error)
                && let Some(device) = &target.device
            {
                self.forget_device(&device.key);
            }
            if action.mutates() && error.answer_may_be_lost() {
                let why = lifecycle::effect::lost_reason(&error);
                return self.recheck(action, why);
            }
            // An alias conflict is settled the same way whatever screen asked.
            if module_asked && !matches!(error, CognitoError::AliasExists) {
                return self.module_refused(action, origin.as_ref(), &error);
            }
            return self.on_failure(action, origin.as_ref(), &response.outcome, &error);
        }
        // Calls of a change that were all refused changed nothing: no need to read the user.
        let changed_nothing = matches!(
            &response.outcome,
            Outcome::Changed(results) if results.iter().all(|(_, r)| r.is_err())
        );
        let mut requests = if module_asked {
            self.module_answered(&action, origin.as_ref(), response.outcome)
        } else {
            self.on_success(action.clone(), response.outcome)
        };
        // A change that goes on with another change for the same user (TOTP verified, then made
        // preferred) is read again after the last one: a read now could answer before it.
        let goes_on = requests
            .iter()
            .any(|r| r.action.mutates() && r.action.username() == action.username());
        if !goes_on && !changed_nothing {
            requests.extend(self.refresh_after(&action, sent_now));
        }
        requests
    }

    /// Every screen that shows the user a change succeeded on shows their new state: the user
    /// is read again (unless they are gone, or a read of them was sent while this answer was
    /// handled, from `sent_now` on). A plain read of them sent before this answer may show them
    /// as they were, so it is stopped for the new one.
    pub(super) fn refresh_after(&mut self, change: &Action, sent_now: RequestId) -> Vec<Request> {
        if !change.mutates() || matches!(change, Action::BulkStep { .. }) {
            return Vec::new();
        }
        let (Some(username), Some(pool_id)) = (change.username(), self.pool_id()) else {
            return Vec::new();
        };
        let deleted =
            matches!(change, Action::Admin { calls, .. } if calls.contains(&AdminCall::Delete));
        let page = |s: &Screen| s.is_page_of(username);
        let shown = self.lookup.has_user(username)
            || page(&self.screen)
            || self.module().and_then(|m| m.returns_to()).is_some_and(page);
        if deleted || !shown {
            return Vec::new();
        }
        let username = username.to_owned();
        let reads: Vec<RequestId> = self
            .in_flight
            .iter()
            .filter(|(id, a)| {
                matches!(a, Action::GetUser { username: u, .. } if *u == username)
                    && !self.rechecks.contains_key(id)
            })
            .map(|(id, _)| *id)
            .collect();
        let fresh = reads.iter().any(|id| *id >= sent_now);
        for stale in reads.into_iter().filter(|id| *id < sent_now) {
            self.in_flight.remove(&stale);
            self.sent_from.remove(&stale);
            self.cancelled.push(stale);
        }
        if fresh {
            return Vec::new();
        }
        self.send(Action::GetUser { pool_id, username })
    }

    pub(super) fn on_success(&mut self, action: Action, outcome: Outcome) -> Vec<Request> {
        // A device an admin forgot is not this terminal's any more.
        if let Outcome::Changed(results) = &outcome {
            for (call, result) in results {
                if let (AdminCall::ForgetDevice(key), Ok(())) = (call, result) {
                    self.forget_device(key);
                }
            }
        }
        match (action, outcome) {
            (Action::OpenPool { pool_id, .. }, Outcome::PoolOpened(opened)) => {
                self.on_pool_opened(&pool_id, *opened);
                Vec::new()
            }
            (Action::ListUsers { filter, token, .. }, Outcome::Users(Ok(page))) => {
                self.on_table(|table, ctx| {
                    table.on_page(filter.as_ref(), token.as_ref(), page, ctx);
                })
            }
            (Action::GetUser { username, .. }, Outcome::User(Ok(detail))) => {
                self.on_user(&username, &detail);
                Vec::new()
            }
            (
                Action::Admin {
                    pool_id, username, ..
                },
                Outcome::Changed(results),
            ) => self.on_changed(pool_id, username, results),
            (Action::AliasHolder { refused, .. }, Outcome::AliasHolder(Ok(found))) => {
                self.on_alias_holder(*refused, Ok(found))
            }
            _ => Vec::new(),
        }
    }

    /// A module screen's call was answered: the screen takes it if it is still shown; if it is
    /// gone, what Cognito did is said all the same. A user read shows in the table either way.
    fn module_answered(
        &mut self,
        action: &Action,
        origin: Option<&ScreenKey>,
        outcome: Outcome,
    ) -> Vec<Request> {
        if let (Action::GetUser { username, .. }, Outcome::User(Ok(detail))) = (action, &outcome) {
            self.on_user(username, detail);
        }
        if origin == Some(&self.screen_key()) {
            return self.module_outcome(action, outcome);
        }
        if action.mutates() {
            let what = lifecycle::what(action);
            self.status = Some(Status::Info(format!("'{what}' was applied.")));
        }
        Vec::new()
    }

    /// A module screen's call was refused (or failed before it was sent): the screen says why
    /// if it is still shown, the status line if it is gone; kept for `Ctrl-R` if it may be sent
    /// again as it was.
    fn module_refused(
        &mut self,
        action: Action,
        origin: Option<&ScreenKey>,
        error: &CognitoError,
    ) -> Vec<Request> {
        let requests = if origin == Some(&self.screen_key()) {
            self.module_failure(&action, error)
        } else {
            self.status = Some(Status::Error(error.to_string()));
            Vec::new()
        };
        if error.transient() {
            self.keep_for_retry(origin, action);
        }
        requests
    }

    /// A call failed: the sentence for its screen, and the action kept for retry if it may be
    /// sent again as it was.
    pub(super) fn on_failure(
        &mut self,
        action: Action,
        origin: Option<&ScreenKey>,
        outcome: &Outcome,
        error: &CognitoError,
    ) -> Vec<Request> {
        if let Action::ListUsers { filter, .. } = &action
            && self.lookup.shard_of(filter.as_ref()).is_some()
        {
            return self.on_table(|table, ctx| {
                table.on_shard_failure(filter.as_ref(), error, ctx);
            });
        }
        match (&action, outcome, error) {
            (
                Action::Invite { .. } | Action::ConfirmSignUp { .. },
                _,
                CognitoError::AliasExists,
            ) => return self.alias_refused(action.clone()),
            (Action::AliasHolder { refused, .. }, _, e) => {
                return self.on_alias_holder((**refused).clone(), Err(e));
            }
            _ => self.status = Some(Status::Error(error.to_string())),
        }
        // What Cognito refused for what it was sent would be refused again as it is.
        if error.transient() {
            self.keep_for_retry(origin, action);
        }
        Vec::new()
    }

    /// DescribeUserPool answered: the pool's settings, if it is still the pool chosen.
    pub(super) fn on_pool_opened(&mut self, pool_id: &str, opened: Result<PoolInfo, CognitoError>) {
        if let Ok(info) = opened
            && self.pool_id().as_deref() == Some(pool_id)
        {
            self.pool = Some(info);
        }
    }
}
