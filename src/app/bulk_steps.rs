//! A bulk run under way: steps sent a few at a time, each answer counted, a lost answer
//! settled by reading its user again (see `lifecycle`), and `Ctrl-R` on the failures.

use super::BulkPhase;
use super::bulk::WINDOW;
use super::lifecycle;
use super::lifecycle::effect::Verdict;
use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::UserDetail;
use crate::keys::Command;
use crate::keys::Context;

impl App {
    pub(super) fn start_bulk(&mut self) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
        };
        let Screen::Bulk(run) = &mut self.screen else {
            return Vec::new();
        };
        let probe = Action::BulkStep {
            pool_id,
            username: String::new(),
            call: run.call.clone(),
        };
        if let Some(refusal) = self.safety.refusal(&probe) {
            self.status = Some(Status::Error(refusal));
            return Vec::new();
        }
        run.phase = BulkPhase::Running;
        // The progress and summary scroll through failures, from the first.
        self.view.offset = 0;
        self.send_bulk_steps()
    }

    /// Keeps `WINDOW` steps in flight until the targets run out or the run is stopped.
    pub(super) fn send_bulk_steps(&mut self) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
        };
        let mut actions = Vec::new();
        if let Screen::Bulk(run) = &mut self.screen {
            while !run.cancelled && run.in_flight < WINDOW && run.next < run.targets.len() {
                let username = run.targets[run.next].clone();
                actions.push(Action::BulkStep {
                    pool_id: pool_id.clone(),
                    call: run.call_for(&username).clone(),
                    username,
                });
                run.next += 1;
                run.in_flight += 1;
            }
            if run.in_flight == 0 {
                run.phase = BulkPhase::Done;
            }
        }
        // The preview was the confirmation of every step.
        actions.into_iter().flat_map(|a| self.send(a)).collect()
    }

    /// One step finished: count it, send the next.
    pub(super) fn on_bulk_step(
        &mut self,
        username: String,
        results: Vec<(AdminCall, Result<(), CognitoError>)>,
    ) -> Vec<Request> {
        let Screen::Bulk(run) = &mut self.screen else {
            return Vec::new();
        };
        match results.into_iter().next() {
            // Applied or not: the step stays counted in flight until the user is read again.
            Some((call, Err(e))) if e.answer_may_be_lost() => {
                let Some(pool_id) = self.pool_id() else {
                    return Vec::new();
                };
                let step = Action::BulkStep {
                    pool_id,
                    username,
                    call,
                };
                self.recheck(step, lifecycle::effect::lost_reason(&e))
            }
            other => {
                run.in_flight = run.in_flight.saturating_sub(1);
                let result = other.map(|(_, r)| r.map_err(|e| e.to_string()));
                self.count_bulk_step(username, result)
            }
        }
    }

    /// Counts a step that finished and sends the next.
    pub(super) fn count_bulk_step(
        &mut self,
        username: String,
        result: Option<Result<(), String>>,
    ) -> Vec<Request> {
        let Screen::Bulk(run) = &mut self.screen else {
            return Vec::new();
        };
        match result {
            Some(Ok(())) => {
                // The table shows what the step did; the effect is known, so no re-read is
                // spent on it (a bulk run may touch thousands of users).
                if run.call == AdminCall::Delete {
                    self.lookup.remove_user(&username);
                    self.lookup.marked.remove(&username);
                } else {
                    let call = run.call_for(&username);
                    self.lookup.update_user(&username, |user| call.apply(user));
                }
                run.succeeded.push(username);
            }
            Some(Err(why)) => run.failed.push((username, why)),
            None => {}
        }
        self.send_bulk_steps()
    }

    /// A step whose answer was lost, settled by reading its user again: applied (their row
    /// shows them as read), not applied (offered again with the failures), or unknown (listed
    /// with how to check, never offered again).
    pub(super) fn on_bulk_settled(
        &mut self,
        username: String,
        verdict: Verdict,
        found: Option<&UserDetail>,
        why: &str,
    ) -> Vec<Request> {
        let retry = self.key_name(Context::Global, Command::Retry);
        let Screen::Bulk(run) = &mut self.screen else {
            return Vec::new();
        };
        run.in_flight = run.in_flight.saturating_sub(1);
        match (&verdict, &found) {
            (Verdict::Unknown(_), _) => {}
            (_, Some(detail)) => self
                .lookup
                .update_user(&username, |row| *row = detail.user.clone()),
            (_, None) => {
                self.lookup.remove_user(&username);
                self.lookup.marked.remove(&username);
            }
        }
        match verdict {
            Verdict::Applied => {
                run.lost.push(username.clone());
                run.succeeded.push(username);
            }
            Verdict::NotApplied => run.failed.push((
                username,
                format!("{why} Read again: not applied; {retry} offers it again."),
            )),
            Verdict::Unknown(how) => run
                .unknown
                .push((username, format!("{why} May have been applied: {how}."))),
        }
        self.send_bulk_steps()
    }

    /// `Ctrl-R` on a finished run: the preview again, with the failed users only; Enter there
    /// runs it. Whether the summary had failures to offer.
    pub(super) fn retry_bulk(&mut self) -> bool {
        let Screen::Bulk(run) = &mut self.screen else {
            return false;
        };
        if run.phase != BulkPhase::Done || run.failed.is_empty() {
            return false;
        }
        let failed: Vec<String> = run.failed.drain(..).map(|(u, _)| u).collect();
        run.targets = failed;
        run.succeeded.clear();
        run.lost.clear();
        run.unknown.clear();
        run.next = 0;
        run.cancelled = false;
        run.phase = BulkPhase::Preview;
        self.view.offset = 0;
        true
    }
}
