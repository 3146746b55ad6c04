//! A change whose answer was lost (a timeout, a dropped connection, a server failure) or that
//! was left with Esc while in flight may have been applied all the same. The user is read again
//! (or, after a change to a group, the pool's groups) and the agent is told what is true: never
//! "failed" when it may have happened.

use super::{App, Detail, Screen, Status};
use crate::action::{Action, Outcome, Request};
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::groups::{Group, GroupChange};
use crate::cognito::model::User;
use crate::keys::{Command, Context};

/// A re-read of a user after a change whose outcome is not known.
#[derive(Debug, Clone)]
pub struct Recheck {
    /// The change whose answer was lost or left.
    pub(super) change: Action,
    /// What happened to its answer, as a sentence.
    why: String,
    /// Whether its answer came and said it was applied (a change left with Esc).
    applied: bool,
}

impl App {
    /// Reads the user of `change` again, to say what state they are in.
    pub(super) fn recheck(&mut self, change: Action, why: String) -> Vec<Request> {
        self.reread(change, why, false)
    }

    fn reread(&mut self, change: Action, why: String, applied: bool) -> Vec<Request> {
        if let Action::Group { pool_id, .. } = &change {
            let read = Action::ListGroups {
                pool_id: pool_id.clone(),
            };
            self.status = Some(Status::Info(if applied {
                format!("{why} Reading the pool's groups again…")
            } else {
                format!(
                    "{why} '{}' may have been applied: reading the pool's groups again…",
                    what(&change)
                )
            }));
            return self.send_recheck(read, change, why, applied);
        }
        let (Some(username), Some(pool_id)) = (change.username(), self.pool_id()) else {
            self.status = Some(Status::Error(format!(
                "{why} '{}' may have been applied: check before you send it again.",
                what(&change)
            )));
            return Vec::new();
        };
        let username = username.to_owned();
        self.status = Some(Status::Info(if applied {
            format!("{why} Reading {username} again…")
        } else {
            format!(
                "{why} '{}' may have been applied: reading {username} again…",
                what(&change)
            )
        }));
        self.send_recheck(Action::GetUser { pool_id, username }, change, why, applied)
    }

    /// Sends `read`, whose answer says what `change` did.
    fn send_recheck(
        &mut self,
        read: Action,
        change: Action,
        why: String,
        applied: bool,
    ) -> Vec<Request> {
        let requests = self.send(read);
        if let Some(request) = requests.first() {
            self.rechecks.insert(
                request.id,
                Recheck {
                    change,
                    why,
                    applied,
                },
            );
        }
        requests
    }

    /// The answer of a change left with Esc arrived: a clear refusal changed nothing; anything
    /// else is checked by reading the user.
    pub(super) fn on_left_answer(&mut self, change: Action, outcome: &Outcome) -> Vec<Request> {
        let who = subject(&change);
        let failed = match outcome {
            Outcome::Changed(results) => results.iter().find_map(|(_, r)| r.as_ref().err()),
            other => other.error(),
        };
        match failed {
            Some(e) if !e.answer_may_be_lost() => {
                self.status = Some(Status::Error(format!(
                    "'{}' for {who}, which you left, was refused: {e} Nothing changed.",
                    what(&change)
                )));
                Vec::new()
            }
            Some(_) => self.recheck(change, "The change you left has finished.".into()),
            None => {
                let why = format!(
                    "'{}' for {who}, which you left, was applied.",
                    what(&change)
                );
                self.reread(change, why, true)
            }
        }
    }

    /// The user as they are after a change whose answer was lost: say what is true.
    pub(super) fn on_recheck(
        &mut self,
        recheck: Recheck,
        read: &Action,
        outcome: Outcome,
    ) -> Vec<Request> {
        if let (Action::Group { change: group, .. }, Outcome::Groups(groups)) =
            (&recheck.change, &outcome)
        {
            let group = group.clone();
            return self.on_group_recheck(recheck, &group, groups.clone());
        }
        let Some(username) = read.username().map(ToOwned::to_owned) else {
            return Vec::new();
        };
        let Recheck {
            change,
            why,
            applied,
        } = recheck;
        if let (Action::BulkStep { .. }, Outcome::User(read)) = (&change, &outcome) {
            return self.on_bulk_recheck(
                username,
                read.as_ref().map(drop).map_err(Clone::clone),
                &why,
            );
        }
        let retry = self.key_name(Context::Global, Command::Retry);
        let creates = matches!(change, Action::Invite { .. } | Action::SignUp { .. });
        let deletes =
            matches!(&change, Action::Admin { calls, .. } if calls.contains(&AdminCall::Delete));
        match outcome {
            Outcome::User(Ok(detail)) => {
                let state = state(&detail.user);
                let sentence = if applied {
                    format!("{why} {username} is now {state}.")
                } else if creates {
                    format!("{username} exists ({state}): created; the first answer was lost.")
                } else {
                    format!(
                        "{why} {username} is now {state}: check that this is what '{}' was for; {retry} offers it again.",
                        what(&change)
                    )
                };
                self.on_user(&username, &detail);
                if creates && !applied {
                    self.screen = Screen::Detail(Detail {
                        username: username.clone(),
                        detail: Some(detail),
                        scroll: 0,
                    });
                } else if !applied {
                    let here = self.screen_key();
                    self.keep_for_retry(Some(&here), change);
                }
                self.status = Some(Status::Info(sentence));
            }
            Outcome::User(Err(CognitoError::UserNotFound)) if deletes => {
                self.lookup.remove_user(&username);
                if matches!(&self.screen, Screen::Detail(d) if d.username == username) {
                    self.screen = Screen::Lookup;
                }
                self.status = Some(Status::Info(format!(
                    "{username} is deleted; the first answer was lost."
                )));
            }
            Outcome::User(Err(CognitoError::UserNotFound)) if creates => {
                let here = self.screen_key();
                self.keep_for_retry(Some(&here), change);
                self.status = Some(Status::Error(format!(
                    "{why} {username} was not created: nothing changed; {retry} offers it again."
                )));
            }
            Outcome::User(Err(e)) => {
                self.status = Some(Status::Error(format!(
                    "{why} '{}' may or may not have been applied, and reading {username} again failed too: {e} Read the user again (r on their page) before you send it again.",
                    what(&change)
                )));
            }
            _ => {}
        }
        Vec::new()
    }
}

impl App {
    /// The pool's groups after a change to a group whose answer was lost (or left): what is
    /// true, said, and the groups screen shows the list as it is.
    fn on_group_recheck(
        &mut self,
        recheck: Recheck,
        group: &GroupChange,
        groups: Result<Vec<Group>, CognitoError>,
    ) -> Vec<Request> {
        let Recheck {
            change,
            why,
            applied: said_applied,
        } = recheck;
        let retry = self.key_name(Context::Global, Command::Retry);
        let groups = match groups {
            Ok(groups) => groups,
            Err(e) => {
                self.status = Some(Status::Error(format!(
                    "{why} '{}' may or may not have been applied, and reading the groups again failed too: {e} Read them again (r) before you send it again.",
                    what(&change)
                )));
                return Vec::new();
            }
        };
        let name = group.group();
        let found = groups.iter().find(|g| g.name == name);
        let (applied, sentence) = match (group, found) {
            (GroupChange::Create(_), Some(_)) => (
                true,
                format!("The group {name} exists: created; the first answer was lost."),
            ),
            (GroupChange::Delete { .. }, None) => (
                true,
                format!("The group {name} is deleted; the first answer was lost."),
            ),
            (GroupChange::Update(spec), Some(g))
                if g.description.as_deref().unwrap_or_default() == spec.description
                    && g.precedence == spec.precedence =>
            {
                (
                    true,
                    format!(
                        "The group {name} has the description and precedence sent: updated; the first answer was lost."
                    ),
                )
            }
            (GroupChange::Update(_), None) => (
                false,
                format!("{why} The group {name} is not in the pool any more: nothing to update."),
            ),
            (GroupChange::Create(_), None) => (
                false,
                format!(
                    "{why} The group {name} was not created: nothing changed; {retry} offers it again."
                ),
            ),
            (GroupChange::Update(_) | GroupChange::Delete { .. }, Some(_)) => (
                false,
                format!(
                    "{why} The group {name} is as it was: nothing changed; {retry} offers it again."
                ),
            ),
        };
        // A change left with Esc whose answer said it was applied needs no guess.
        let (applied, sentence) = if said_applied {
            (true, why)
        } else {
            (applied, sentence)
        };
        let gone = found.is_none();
        let requests = self.show_groups(groups);
        if !(applied || (gone && matches!(group, GroupChange::Update(_)))) {
            let here = self.screen_key();
            self.keep_for_retry(Some(&here), change);
        }
        self.status = Some(Status::Info(sentence));
        requests
    }
}

/// Who or what a change is about, for sentences: the user, or the group.
pub fn subject(change: &Action) -> String {
    match change {
        Action::Group { change, .. } => format!("the group {}", change.group()),
        other => other.username().unwrap_or("the user").to_owned(),
    }
}

/// "CONFIRMED, enabled, email verified".
fn state(user: &User) -> String {
    let mut parts = vec![
        user.status.as_api().to_owned(),
        if user.enabled { "enabled" } else { "disabled" }.to_owned(),
    ];
    if user.email().is_some() {
        parts.push(
            if user.email_verified() {
                "email verified"
            } else {
                "email not verified"
            }
            .to_owned(),
        );
    }
    parts.join(", ")
}

/// The change in a few words: "disabling the user", "inviting".
pub fn what(change: &Action) -> String {
    match change {
        Action::Admin { calls, .. } => calls
            .iter()
            .map(AdminCall::doing)
            .collect::<Vec<_>>()
            .join(", then "),
        Action::BulkStep { call, .. } => call.doing(),
        Action::Group { change, .. } => change.doing(),
        other => other.label().to_lowercase(),
    }
}
