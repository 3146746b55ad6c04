//! `Ctrl-R` and Esc: the failed calls of the screen shown, kept to be offered again, and
//! abandoning what is in flight (reads stop; a change already sent is left to finish).

use super::{App, Screen, Status, lifecycle};
use crate::action::{Action, ActionKind, Request, RequestId};
use crate::keys::{Command, Context};

/// A screen (a module screen by its name) and the user it shows: the scope of `Ctrl-R`, and
/// who an answer goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ScreenKey(
    std::mem::Discriminant<Screen>,
    Option<&'static str>,
    Option<String>,
);

/// The failed calls of one screen.
#[derive(Debug, Clone)]
pub(super) struct Retry {
    screen: ScreenKey,
    /// Sent again as they were.
    reads: Vec<Action>,
    /// The last failed change: its confirmation opens again.
    change: Option<Action>,
}

impl App {
    /// Failures are forgotten once their screen is left; a confirmation on top does not leave
    /// the screen below it.
    pub(super) fn forget_failures_of_left_screens(&mut self) {
        if self
            .retry
            .as_ref()
            .is_some_and(|r| r.screen != self.screen_key() && r.screen != self.key_below())
        {
            self.retry = None;
        }
    }

    /// Which screen is shown, and for whom: failures belong to it.
    pub(super) fn screen_key(&self) -> ScreenKey {
        Self::key_of(&self.screen)
    }

    pub(super) fn key_of(screen: &Screen) -> ScreenKey {
        if let Screen::Module(m) = screen {
            let (name, subject) = m.key();
            return ScreenKey(
                std::mem::discriminant(screen),
                Some(name),
                subject.map(ToOwned::to_owned),
            );
        }
        ScreenKey(std::mem::discriminant(screen), None, None)
    }

    /// The key of the screen below a confirmation, or of the screen shown.
    pub(super) fn key_below(&self) -> ScreenKey {
        match &self.screen {
            Screen::Confirm(c) => Self::key_of(&c.back),
            screen => Self::key_of(screen),
        }
    }

    /// Whether `Ctrl-R` has something to send again on this screen.
    pub fn can_retry(&self) -> bool {
        self.retry
            .as_ref()
            .is_some_and(|r| r.screen == self.screen_key())
    }

    /// Keeps a failed (or abandoned) call for `Ctrl-R`, if it belongs to the screen shown.
    pub(super) fn keep_for_retry(&mut self, origin: Option<&ScreenKey>, action: Action) {
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

    /// `Ctrl-R`: the failed calls of the screen shown. Reads are sent again; a failed change
    /// opens its confirmation again with the values it had, and Enter there sends it.
    pub(super) fn retry(&mut self) -> Vec<Request> {
        if let Some(requests) = self.module_retry() {
            return requests;
        }
        if matches!(self.screen, Screen::Lookup) {
            let mut retried = false;
            let requests = self.on_table(|table, ctx| {
                retried = table.retry_shards(ctx);
            });
            if retried {
                return requests;
            }
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

    /// Whether Esc has something to abandon. Reading the pool's settings is left to finish:
    /// the header and the client secret depend on it, and nothing waits for it.
    pub fn abandonable(&self) -> bool {
        self.in_flight
            .iter()
            .any(|(id, a)| self.may_abandon(*id, a))
            || self.lookup.sharded_loading()
    }

    /// Reading the pool is left to finish; bulk runs, exports, reports, the doctor's
    /// examination, backups, comparisons, restores and a screen's look-ups (a pasted list's, a file's rows) are stopped with
    /// their own key so that their counts stay right (a bulk step's re-read after a lost answer
    /// too); a group's member count stops when its screen is left.
    pub(super) fn may_abandon(&self, id: RequestId, action: &Action) -> bool {
        let bulk_recheck = self
            .rechecks
            .get(&id)
            .is_some_and(|r| matches!(r.change, Action::BulkStep { .. }));
        let screens_look_up = matches!(action, Action::ListUsers { .. })
            && self.sent_from.get(&id).is_some_and(|from| from.1.is_some());
        !bulk_recheck
            && !screens_look_up
            && !matches!(
                action,
                Action::OpenPool { .. }
                    | Action::BulkStep { .. }
                    | Action::UserGroups { .. }
                    | Action::CountMembers { .. }
                    | Action::ReportUser { .. }
                    | Action::Examine { .. }
                    | Action::Backup { .. }
                    | Action::Compare { .. }
                    | Action::PlanRestore { .. }
                    | Action::Restore { .. }
            )
    }

    /// Stops the reads of `kind` in flight (a screen's own key stopped them): their tasks end
    /// and their answers, if any come, are dropped.
    pub(super) fn stop_reads(&mut self, kind: ActionKind) {
        let ids: Vec<RequestId> = self
            .in_flight
            .iter()
            .filter(|(_, a)| ActionKind::from(*a) == kind && !a.mutates())
            .map(|(id, _)| *id)
            .collect();
        self.stop_requests(ids);
    }

    /// Stops the requests `ids` in flight: the worker ends their tasks, and their answers, if
    /// any come, are dropped.
    pub(super) fn stop_requests(&mut self, ids: Vec<RequestId>) {
        for id in ids {
            self.in_flight.remove(&id);
            self.sent_from.remove(&id);
            self.cancelled.push(id);
        }
    }

    /// Esc while calls are in flight: reads are stopped (their connections released) and kept
    /// for `Ctrl-R`, which resumes them; a change already sent cannot be called back, so it is
    /// left to finish and the user is re-read when its answer comes.
    pub(super) fn abandon(&mut self) {
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
                if !matches!(&action, Action::ListUsers { filter, .. } if self.lookup.shard_of(filter.as_ref()).is_some())
                {
                    self.keep_for_retry(origin.as_ref(), action);
                }
            }
        }
        // The pages stopped are asked for again when the load goes on.
        let stopped = self.lookup.stop_loading(&self.keymap);
        if let Some(stopped) = stopped.filter(|_| left_change.is_none()) {
            self.status = Some(Status::Info(stopped));
            return;
        }
        let retry = self.key_name(Context::Global, Command::Retry);
        self.status = Some(Status::Info(match left_change {
            Some(change) => {
                let who = lifecycle::subject(&change);
                format!(
                    "Left '{}' for {who}: it was sent and may still be applied; cognitui re-reads {who} when its answer comes.",
                    lifecycle::what(&change)
                )
            }
            None if self.can_retry() => format!("Abandoned: {retry} resumes it."),
            None => "Abandoned.".into(),
        }));
    }
}

impl ScreenKey {
    /// Whether the key is a module screen's.
    pub(super) fn is_module(&self) -> bool {
        self.1.is_some()
    }
}
