//! A bulk run under way: steps sent a few at a time, each answer counted, a lost answer
//! settled by reading its user again, and `Ctrl-R` on the failures.

use std::fmt::Write as _;

use super::{BulkPhase, BulkRun};
use crate::action::Action;
use crate::app::Verdict;
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::keys::{Command, Context};
use crate::screens::Ctx;
use crate::sentence::capitalised;

/// Steps in flight at once; the worker paces them further.
const WINDOW: usize = 4;

impl BulkRun {
    /// Enter on the preview: the run starts, unless the safety rules refuse its call.
    pub fn start(&mut self, ctx: &mut Ctx) {
        let Some(pool_id) = ctx.pool_id else {
            return;
        };
        let probes = self
            .each
            .values()
            .map(Vec::as_slice)
            .chain([self.calls.as_slice()]);
        for calls in probes {
            let probe = Action::BulkStep {
                pool_id: pool_id.to_owned(),
                username: String::new(),
                calls: calls.to_vec(),
            };
            if let Some(refusal) = ctx.safety.refusal(&probe) {
                return ctx.refuse(refusal);
            }
        }
        self.phase = BulkPhase::Running;
        // The progress and summary scroll through failures, from the first.
        ctx.scroll_to(0);
        self.send_steps(ctx);
    }

    /// Keeps `WINDOW` steps in flight until the targets run out or the run is stopped.
    fn send_steps(&mut self, ctx: &mut Ctx) {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return;
        };
        while !self.cancelled && self.in_flight < WINDOW && self.next < self.targets.len() {
            let username = self.targets[self.next].clone();
            // The preview was the confirmation of every step.
            ctx.send_shown(Action::BulkStep {
                pool_id: pool_id.clone(),
                calls: self.calls_for(&username).to_vec(),
                username,
            });
            self.next += 1;
            self.in_flight += 1;
        }
        if self.in_flight == 0 {
            self.phase = BulkPhase::Done;
        }
    }

    /// One step finished: count it, send the next. A lost answer keeps the step in flight
    /// until its user is read again.
    pub(super) fn on_step(
        &mut self,
        username: String,
        results: Vec<(AdminCall, Result<(), CognitoError>)>,
        ctx: &mut Ctx,
    ) {
        if let Some(e) = results
            .iter()
            .find_map(|(_, r)| r.as_ref().err().filter(|e| e.answer_may_be_lost()))
        {
            let Some(pool_id) = ctx.pool_id else {
                return;
            };
            // The whole step is settled by one read: each call's effect is looked for.
            let why = crate::app::lost_reason(e);
            let step = Action::BulkStep {
                pool_id: pool_id.to_owned(),
                username,
                calls: results.into_iter().map(|(call, _)| call).collect(),
            };
            ctx.recheck(step, why);
            return;
        }
        self.in_flight = self.in_flight.saturating_sub(1);
        // A step of several calls says which failed and which were done all the same.
        let several = results.len() > 1;
        let (mut done, mut refused) = (Vec::new(), Vec::new());
        for (call, result) in results {
            match result {
                // The table shows what the step did; the effect is known, so no re-read is
                // spent on it (a bulk run may touch thousands of users).
                Ok(()) => {
                    done.push(call.done());
                    ctx.applied(username.clone(), call);
                }
                Err(e) if several => refused.push(format!("{} failed: {e}", call.doing())),
                Err(e) => refused.push(e.to_string()),
            }
        }
        if refused.is_empty() {
            self.succeeded.push(username);
        } else {
            let mut why = capitalised(&refused.join("; "));
            if !done.is_empty() {
                let _ = write!(why, " Done all the same: {}.", done.join(", "));
            }
            self.failed.push((username, why));
        }
        self.send_steps(ctx);
    }

    /// A step whose answer was lost, settled: applied, not applied (offered again with the
    /// failures), or unknown (listed with how to check, never offered again). Its row shows
    /// the user as read.
    pub(super) fn settled(
        &mut self,
        username: String,
        verdict: &Verdict,
        why: &str,
        ctx: &mut Ctx,
    ) {
        let retry = ctx.key_name(Context::Global, Command::Retry);
        self.in_flight = self.in_flight.saturating_sub(1);
        match verdict {
            Verdict::Applied => {
                self.lost.push(username.clone());
                self.succeeded.push(username);
            }
            Verdict::NotApplied => self.failed.push((
                username,
                format!("{why} Read again: not applied; {retry} offers it again."),
            )),
            Verdict::Unknown(how) => self
                .unknown
                .push((username, format!("{why} May have been applied: {how}."))),
        }
        self.send_steps(ctx);
    }

    /// `Ctrl-R` on a finished run: the preview again, with the failed users only; Enter there
    /// runs it. Whether the summary had failures to offer.
    pub(super) fn retry_failed(&mut self, ctx: &mut Ctx) -> bool {
        if self.phase != BulkPhase::Done || self.failed.is_empty() {
            return false;
        }
        self.targets = self.failed.drain(..).map(|(u, _)| u).collect();
        self.succeeded.clear();
        self.lost.clear();
        self.unknown.clear();
        self.next = 0;
        self.cancelled = false;
        self.phase = BulkPhase::Preview;
        ctx.scroll_to(0);
        true
    }
}
