//! The answer to an admin change of one user: each call of the change is reported; what
//! failed can be retried on its own.

use super::{App, Screen, Status, lifecycle};
use crate::action::{Action, Request};
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::keys::Context;
use crate::sentence::{and_list, capitalised};

impl App {
    /// The calls of a change finished: say exactly what was done and what was refused, keep
    /// the refused calls for retry, and show the user as they are now. Calls whose answer was
    /// lost are neither: the user is read again to settle them (see `lifecycle`).
    pub(super) fn on_changed(
        &mut self,
        pool_id: String,
        username: String,
        results: Vec<(AdminCall, Result<(), CognitoError>)>,
    ) -> Vec<Request> {
        let deleted = results
            .iter()
            .any(|(c, r)| *c == AdminCall::Delete && r.is_ok());
        let done: Vec<String> = results
            .iter()
            .filter(|(_, r)| r.is_ok())
            .map(|(c, _)| c.done())
            .collect();
        let mut refused_calls = Vec::new();
        let mut refusals = Vec::new();
        let mut lost_calls = Vec::new();
        let mut lost_reason = None;
        let mut transient = false;
        for (call, result) in results {
            match result {
                Ok(()) => {}
                Err(e) if e.answer_may_be_lost() => {
                    lost_reason.get_or_insert_with(|| lifecycle::effect::lost_reason(&e));
                    lost_calls.push(call);
                }
                Err(e) => {
                    transient |= e.transient();
                    refusals.push(format!("{} failed — {e}", call.doing()));
                    refused_calls.push(call);
                }
            }
        }
        if let Some(reason) = lost_reason {
            let mut why = Vec::new();
            if !done.is_empty() {
                why.push(format!("{username}: {}.", and_list(&done)));
            }
            if !refusals.is_empty() {
                why.push(format!("{}.", capitalised(&refusals.join("; "))));
            }
            why.push(reason);
            let lost = Action::Admin {
                pool_id,
                username,
                calls: lost_calls,
            };
            return self.recheck(lost, why.join(" "));
        }
        self.status = Some(if refusals.is_empty() {
            Status::Info(format!("{username}: {}.", and_list(&done)))
        } else if done.is_empty() {
            Status::Error(format!(
                "Nothing changed for {username}: {}",
                refusals.join("; ")
            ))
        } else {
            Status::Error(format!(
                "{username}: {}, but {}",
                and_list(&done),
                refusals.join("; ")
            ))
        });
        if deleted {
            // Nothing left to show: back to the list, without the user.
            self.lookup.remove_user(&username);
            self.screen = Screen::Lookup;
            return Vec::new();
        }
        // A form or menu of the user whose change was refused whole stays, as typed or where
        // the choice was, to be corrected or chosen again; otherwise the user's page shows
        // them as they are now.
        let form_of_user = match &self.screen {
            Screen::Module(m) => {
                matches!(
                    m.context(),
                    Context::Form | Context::Password | Context::Menu
                ) && m.key().1 == Some(&username)
            }
            _ => false,
        };
        let requests = if done.is_empty() && form_of_user {
            Vec::new()
        } else {
            self.open_user(username.clone())
        };
        // The refused calls belong to the user's page; Ctrl-R there opens their confirmation.
        if transient {
            let retry = Action::Admin {
                pool_id,
                username,
                calls: refused_calls,
            };
            let here = self.screen_key();
            self.keep_for_retry(Some(&here), retry);
        }
        requests
    }
}
