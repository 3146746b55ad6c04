//! The lifecycle every change goes through, single or bulk: proposed, confirmed (see
//! `confirm`), sent, then answered. The answer is *applied*, *refused* (a definite error) or
//! *unknown*: a timeout, a dropped connection, an unreadable answer, a server failure, or Esc
//! while in flight. An unknown outcome is never called a failure: the user (or, after a change
//! to a group, the pool's groups) is read again and the change's expected effects
//! (`effect::expected`) are compared with what was read, giving "applied (its answer was
//! lost)", "not applied" (the only outcome `Ctrl-R` offers again) or "may have been applied"
//! with the way to check.

pub mod effect;
pub(super) mod jobs;

use self::effect::{Before, Verdict, expected, settle};
use super::{App, Screen, Status, ViewState};
use crate::action::{Action, Outcome, Request};
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::groups::{Group, GroupChange};
use crate::cognito::model::{User, UserDetail};
use crate::keys::{Command, Context};
use crate::screens::detail::Detail;

/// A re-read of a user after a change whose outcome is not known.
#[derive(Debug, Clone)]
pub struct Recheck {
    /// The change whose answer was lost or left.
    pub(super) change: Action,
    /// What happened to its answer (and to the calls sent with it), as a sentence.
    why: String,
    /// Whether its answer came and said it was applied (a change left with Esc).
    applied: bool,
    /// The user as shown before the change, when known: an effect that already held is no
    /// evidence.
    before: Before,
}

impl Recheck {
    /// The change, how its answer was lost, and whether an answer said it was applied.
    pub(super) fn into_parts(self) -> (Action, String, bool) {
        (self.change, self.why, self.applied)
    }
}

impl App {
    /// The answer of `change` is unknown (`why` says how it was lost): reads the user (or the
    /// groups) again, to say what is true.
    pub(super) fn recheck(&mut self, change: Action, why: String) -> Vec<Request> {
        self.reread(change, why, false)
    }

    fn reread(&mut self, change: Action, why: String, applied: bool) -> Vec<Request> {
        if let Action::StartImportJob { pool_id, .. } | Action::StopImportJob { pool_id, .. } =
            &change
        {
            let read = Action::ListImportJobs {
                pool_id: pool_id.clone(),
            };
            self.status = Some(Status::Info(format!(
                "{why} '{}' may have been applied: reading the pool's import jobs again…",
                what(&change)
            )));
            return self.send_recheck(read, change, why, applied, Before::default());
        }
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
            return self.send_recheck(read, change, why, applied, Before::default());
        }
        let (Some(username), Some(pool_id)) = (change.username(), self.pool_id()) else {
            self.status = Some(Status::Error(format!(
                "{why} '{}' may have been applied: check before you send it again.",
                what(&change)
            )));
            return Vec::new();
        };
        let username = username.to_owned();
        let before = self.shown_user(&username);
        // A bulk step is settled on its run's screen, which counts it; the status line stays
        // the run's.
        if matches!(change, Action::BulkStep { .. }) {
            let read = Action::GetUser { pool_id, username };
            return self.send_recheck(read, change, why, applied, before);
        }
        self.status = Some(Status::Info(if applied {
            format!("{why} Reading {username} again…")
        } else {
            format!(
                "{why} '{}' may have been applied: reading {username} again…",
                what(&change)
            )
        }));
        self.send_recheck(
            Action::GetUser { pool_id, username },
            change,
            why,
            applied,
            before,
        )
    }

    /// The user as a page or the table shows them now: before the change, since its answer
    /// has not been applied to them.
    pub(super) fn shown_user(&self, username: &str) -> Before {
        let page = |s: &Screen| {
            let page = match s {
                Screen::Confirm(c) => &*c.back,
                s => s,
            };
            page.module_as::<Detail>()
                .filter(|d| d.username == username)
                .and_then(|d| d.detail.clone())
        };
        let origin = self.module().and_then(|m| m.returns_to());
        if let Some(detail) = [Some(&self.screen), origin]
            .into_iter()
            .flatten()
            .find_map(page)
        {
            return Before::page(&detail);
        }
        Before {
            user: self.lookup.user(username),
            groups: None,
            mfa: self.mfa_of(username),
        }
    }

    /// Sends `read`, whose answer says what `change` did.
    fn send_recheck(
        &mut self,
        read: Action,
        change: Action,
        why: String,
        applied: bool,
        before: Before,
    ) -> Vec<Request> {
        let requests = self.send(read);
        if let Some(request) = requests.first() {
            self.rechecks.insert(
                request.id,
                Recheck {
                    change,
                    why,
                    applied,
                    before,
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
            Some(e) => {
                let why = format!(
                    "The change you left has finished. {}",
                    effect::lost_reason(e)
                );
                self.recheck(change, why)
            }
            None => {
                let why = format!(
                    "'{}' for {who}, which you left, was applied.",
                    what(&change)
                );
                self.reread(change, why, true)
            }
        }
    }

    /// The user as they are after a change whose answer was lost: say what is true, and offer
    /// the change again only if it was not applied.
    pub(super) fn on_recheck(
        &mut self,
        recheck: Recheck,
        read: &Action,
        outcome: Outcome,
    ) -> Vec<Request> {
        if let (
            Action::StartImportJob { .. } | Action::StopImportJob { .. },
            Outcome::ImportJobs(jobs),
        ) = (&recheck.change, &outcome)
        {
            let jobs = jobs.clone();
            return self.on_job_recheck(recheck, jobs);
        }
        if let (Action::Group { change: group, .. }, Outcome::Groups(groups)) =
            (&recheck.change, &outcome)
        {
            let group = group.clone();
            return self.on_group_recheck(recheck, &group, groups.clone());
        }
        let Some(username) = read.username().map(ToOwned::to_owned) else {
            return Vec::new();
        };
        let Outcome::User(read) = outcome else {
            return Vec::new();
        };
        let Recheck {
            change,
            why,
            applied,
            before,
        } = recheck;
        let found = match &read {
            Ok(detail) => Some(detail),
            Err(CognitoError::UserNotFound) => None,
            Err(e) => {
                let e = e.clone();
                if let Action::BulkStep { .. } = change {
                    let how = format!("reading the user again failed too ({e})");
                    return self.on_bulk_settled(&change, &Verdict::Unknown(how), None, &why);
                }
                self.status = Some(Status::Error(format!(
                    "{why} '{}' may or may not have been applied, and reading {username} again failed too: {e} Read the user again (r on their page) before you send it again.",
                    what(&change)
                )));
                return Vec::new();
            }
        };
        let verdict = if applied {
            Verdict::Applied
        } else {
            settle(&expected(&change), &before, found)
        };
        if let Action::BulkStep { .. } = change {
            return self.on_bulk_settled(&change, &verdict, found, &why);
        }
        self.show_settled(&username, &change, found, &verdict);
        let sentence = self.settled_sentence(&username, &change, &why, applied, &verdict, found);
        if verdict == Verdict::NotApplied {
            let here = self.screen_key();
            self.keep_for_retry(Some(&here), change);
            self.status = Some(Status::Error(sentence));
        } else {
            self.status = Some(Status::Info(sentence));
        }
        Vec::new()
    }

    /// Shows the user as read again: their row, and, as after an answer that came, the page
    /// of a user an admin change (or a creation) may have changed; the list without a deleted
    /// user. A change not applied leaves its screen as it was, its form as typed.
    fn show_settled(
        &mut self,
        username: &str,
        change: &Action,
        found: Option<&UserDetail>,
        verdict: &Verdict,
    ) {
        let Some(detail) = found else {
            self.lookup.remove_user(username);
            if self.screen.is_page_of(username) {
                self.screen = Screen::Lookup;
            }
            return;
        };
        self.on_user(username, detail);
        let admin = matches!(change, Action::Admin { .. });
        if creates(change) || (admin && *verdict != Verdict::NotApplied) {
            self.screen = Screen::Module(Box::new(Detail {
                username: username.to_owned(),
                detail: Some(detail.clone()),
            }));
            self.view = ViewState::default();
        }
    }

    /// What is true after a change whose answer was lost, as read again.
    fn settled_sentence(
        &self,
        username: &str,
        change: &Action,
        why: &str,
        said_applied: bool,
        verdict: &Verdict,
        found: Option<&UserDetail>,
    ) -> String {
        let what = what(change);
        let now = found.map_or_else(|| "not in the pool".to_owned(), |d| state(&d.user));
        if said_applied {
            return format!("{why} {username} is now {now}.");
        }
        match verdict {
            Verdict::Applied if creates(change) => {
                format!("{username} exists ({now}): created; the first answer was lost.")
            }
            Verdict::Applied if found.is_none() => {
                format!("{username} is deleted; the first answer was lost.")
            }
            Verdict::Applied => format!("{why} '{what}' for {username} was applied all the same."),
            Verdict::NotApplied => {
                let retry = self.key_name(Context::Global, Command::Retry);
                if creates(change) {
                    format!(
                        "{why} {username} was not created: nothing changed; {retry} offers it again."
                    )
                } else {
                    format!(
                        "{why} '{what}' for {username} was not applied; {retry} offers it again."
                    )
                }
            }
            Verdict::Unknown(how) => {
                format!("{why} '{what}' for {username} may have been applied: {how}.")
            }
        }
    }
}

/// Whether the change creates its user.
fn creates(change: &Action) -> bool {
    expected(change).contains(&effect::Effect::Exists)
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
            ..
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
        // The groups as read show on the groups screen (or its form), if it is shown.
        let read = Action::ListGroups {
            pool_id: self.pool_id().unwrap_or_default(),
        };
        let requests = self.module_outcome(&read, Outcome::Groups(Ok(groups)));
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
        Action::Admin { calls, .. } | Action::BulkStep { calls, .. } => calls
            .iter()
            .map(AdminCall::doing)
            .collect::<Vec<_>>()
            .join(", then "),
        Action::Group { change, .. } => change.doing(),
        other => other.label().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use crate::app::test_support::app;
    // Every change whose answer is lost (a timeout, a reset, an unreadable answer, a server
    // failure) is settled by the re-read: applied, not applied or may have been applied, never
    // "failed" when it was applied, and `Ctrl-R` offers only what was not applied.

    use super::effect::{Effect, expected};
    use crate::action::samples::every_action;
    use crate::action::{Action, Outcome, Response};
    use crate::app::{App, Screen, Status};
    use crate::cognito::CognitoError;
    use crate::cognito::groups::{Group, GroupChange};
    use crate::cognito::model::{Attribute, User, UserDetail, UserStatus};
    use crate::screens::detail::Detail;

    use crate::event::Event;

    /// The ways an answer is lost after the request left.
    fn lost_errors() -> Vec<CognitoError> {
        vec![
            CognitoError::Timeout,
            CognitoError::Unreachable,
            CognitoError::UnreadableResponse(200),
            CognitoError::AnswerCut(200),
            CognitoError::ServerError(503),
            CognitoError::InternalError,
        ]
    }

    /// The outcome the worker sends for `change` when its answer is lost with `e`.
    fn lost(change: &Action, e: &CognitoError) -> Outcome {
        let e = e.clone();
        match change {
            Action::Admin { calls, .. } | Action::BulkStep { calls, .. } => {
                Outcome::Changed(calls.iter().map(|c| (c.clone(), Err(e.clone()))).collect())
            }
            Action::Respond { .. } => Outcome::Auth(Err(e)),
            Action::AssociateTotp { .. } => Outcome::TotpAssociated(Err(e)),
            Action::VerifyTotp { .. } => Outcome::TotpVerified {
                result: Err(e),
                clock_skew_secs: None,
            },
            Action::RememberDevice { .. } => Outcome::DeviceRemembered(Err(e)),
            Action::PreferTotp { .. } => Outcome::MfaChanged(Err(e)),
            Action::SignUp { .. } => Outcome::SignedUp(Err(e)),
            Action::ConfirmSignUp { .. }
            | Action::VerifyAttribute { .. }
            | Action::ConfirmForgotPassword { .. } => Outcome::CodeAccepted(Err(e)),
            Action::ResendCode { .. }
            | Action::AttributeCode { .. }
            | Action::ForgotPassword { .. } => Outcome::CodeSent(Err(e)),
            Action::Invite { .. } => Outcome::Invited(Err(e)),
            Action::DeletePasskey { .. } => Outcome::PasskeyDeleted(Err(e)),
            Action::StartImportJob { .. } => Outcome::ImportJob(Err(e)),
            Action::StopImportJob { .. } => Outcome::JobStopped(Err(e)),
            Action::Group { .. } => Outcome::GroupChanged(Err(e)),
            read => panic!("{} changes nothing", read.label()),
        }
    }

    fn base_user() -> UserDetail {
        UserDetail {
            user: User {
                username: "ann".into(),
                attributes: vec![Attribute {
                    name: "email".into(),
                    value: "ann@example.com".into(),
                }],
                status: UserStatus::Confirmed,
                enabled: true,
                created: None,
                modified: None,
            },
            preferred_mfa: None,
            mfa_enabled: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// The user as they were before `effects`: none of them holds (`None`: not in the pool).
    fn before(effects: &[Effect]) -> Option<UserDetail> {
        let mut d = base_user();
        for effect in effects {
            match effect {
                Effect::Exists => return None,
                Effect::Enabled(on) => d.user.enabled = !on,
                Effect::Status(s) | Effect::PasswordStatus(s) => {
                    d.user.status = if *s == UserStatus::Unconfirmed {
                        UserStatus::Confirmed
                    } else {
                        UserStatus::Unconfirmed
                    };
                }
                Effect::Attribute { name, .. } => d.user.attributes.retain(|a| a.name != *name),
                Effect::NoAttribute(name) => d.user.attributes.push(Attribute {
                    name: name.clone(),
                    value: "old".into(),
                }),
                Effect::Member { group, member } if !member => d.groups.push(group.clone()),
                Effect::MfaEnabled { method, enabled } if !enabled => {
                    d.mfa_enabled.push((*method).to_owned());
                }
                Effect::Linked {
                    provider,
                    user_id,
                    linked: false,
                } => d.user.attributes.push(identities(provider, user_id)),
                _ => {}
            }
        }
        Some(d)
    }

    /// The user once `effects` are applied to `before` (`None`: not in the pool).
    fn after(effects: &[Effect], before: Option<UserDetail>) -> Option<UserDetail> {
        let mut d = before.unwrap_or_else(base_user);
        for effect in effects {
            match effect {
                Effect::Gone => return None,
                Effect::Enabled(on) => d.user.enabled = *on,
                Effect::Status(s) | Effect::PasswordStatus(s) => d.user.status = s.clone(),
                Effect::Attribute { name, value } => {
                    d.user.attributes.retain(|a| a.name != *name);
                    d.user.attributes.push(Attribute {
                        name: name.clone(),
                        value: value.clone(),
                    });
                }
                Effect::NoAttribute(name) => d.user.attributes.retain(|a| a.name != *name),
                Effect::Member { group, member } => {
                    d.groups.retain(|g| g != group);
                    if *member {
                        d.groups.push(group.clone());
                    }
                }
                Effect::MfaEnabled { method, enabled } => {
                    d.mfa_enabled.retain(|m| m != method);
                    if *enabled {
                        d.mfa_enabled.push((*method).to_owned());
                    }
                }
                Effect::MfaPreferred(method) => d.preferred_mfa = Some((*method).to_owned()),
                Effect::Linked {
                    provider,
                    user_id,
                    linked,
                } => {
                    d.user.attributes.retain(|a| a.name != "identities");
                    if *linked {
                        d.user.attributes.push(identities(provider, user_id));
                    }
                }
                Effect::Exists | Effect::Unseen(_) | Effect::Group(_) | Effect::ImportJob => {}
            }
        }
        Some(d)
    }

    /// The `identities` attribute of a user linked to one identity, as Cognito writes it.
    fn identities(provider: &str, user_id: &str) -> Attribute {
        Attribute {
            name: "identities".into(),
            value: format!(
                r#"[{{"userId":"{user_id}","providerName":"{provider}","providerType":"{provider}","dateCreated":1700000000000}}]"#
            ),
        }
    }

    /// The pool's import jobs after a start or stop was `applied` or not.
    fn jobs(change: &Action, applied: bool) -> Vec<crate::cognito::import::ImportJob> {
        let Action::StopImportJob { job, .. } = crate::action::samples::stop_import_job("p") else {
            unreachable!("a stop");
        };
        match (change, applied) {
            (Action::StartImportJob { job: new, .. }, true) => {
                vec![crate::cognito::import::ImportJob {
                    name: new.name.clone(),
                    ..job
                }]
            }
            (Action::StartImportJob { .. }, false) => Vec::new(),
            (_, true) => vec![crate::cognito::import::ImportJob {
                status: "Stopping".into(),
                ..job
            }],
            (_, false) => vec![job],
        }
    }

    /// The pool's groups before and after a change to a group.
    fn groups(change: &GroupChange, applied: bool) -> Vec<Group> {
        let old = Group {
            name: change.group().to_owned(),
            description: Some("old".into()),
            precedence: None,
            role_arn: None,
        };
        let new = |spec: &crate::cognito::groups::GroupSpec| Group {
            name: spec.name.clone(),
            description: Some(spec.description.clone()),
            precedence: spec.precedence,
            role_arn: None,
        };
        match (change, applied) {
            (GroupChange::Create(_), false) | (GroupChange::Delete { .. }, true) => Vec::new(),
            (GroupChange::Create(spec) | GroupChange::Update(spec), true) => vec![new(spec)],
            (GroupChange::Update(_) | GroupChange::Delete { .. }, false) => vec![old],
        }
    }

    fn said(app: &App) -> String {
        match &app.status {
            Some(Status::Info(s) | Status::Error(s)) => s.clone(),
            None => String::new(),
        }
    }

    /// Whether a read of the user can tell that `effects` were not made.
    fn observable(effects: &[Effect]) -> bool {
        effects
            .iter()
            .any(|e| !matches!(e, Effect::Unseen(_) | Effect::Group(_) | Effect::ImportJob))
    }

    /// Sends `change` from the user's page, loses its answer with `e`, then answers the re-read
    /// with the pool as it is when the change was `applied` or not. Returns the app.
    fn settle(change: &Action, e: &CognitoError, applied: bool) -> App {
        let effects = expected(change);
        let before = before(&effects);
        let mut app = app();
        if let Some(d) = &before {
            app.lookup.add_users(std::slice::from_ref(&d.user));
            app.screen = Screen::Module(Box::new(Detail {
                username: "ann".into(),
                detail: Some(d.clone()),
            }));
        }
        let id = app.send(change.clone())[0].id;
        let reads = app.update(Event::Cognito(Response {
            id,
            outcome: lost(change, e),
        }));
        let label = change.label();
        assert!(!said(&app).contains("failed"), "{label}: {}", said(&app));
        let Some(read) = reads.into_iter().next() else {
            assert!(
                change.username().is_none(),
                "{label}: the user was not read again"
            );
            return app;
        };
        let outcome = match (&read.action, change) {
            (Action::ListGroups { .. }, Action::Group { change: group, .. }) => {
                Outcome::Groups(Ok(groups(group, applied)))
            }
            (Action::ListImportJobs { .. }, _) => Outcome::ImportJobs(Ok(jobs(change, applied))),
            (Action::GetUser { username, .. }, _) => {
                assert_eq!(username, "ann", "{label}");
                let state = if applied {
                    after(&effects, before.clone())
                } else {
                    before.clone()
                };
                Outcome::User(state.ok_or(CognitoError::UserNotFound))
            }
            (other, _) => panic!("{label}: re-read with {}", other.label()),
        };
        let more = app.update(Event::Cognito(Response {
            id: read.id,
            outcome,
        }));
        assert!(
            more.iter().all(|r| !r.action.mutates()),
            "{label}: a re-read sent a change"
        );
        app
    }

    #[test]
    fn every_lost_answer_is_settled_by_reading_again() {
        let changes: Vec<Action> = every_action()
            .into_iter()
            // A bulk step's and a restore's lost answers are settled call by call.
            .filter(|a| {
                a.mutates() && !matches!(a, Action::BulkStep { .. } | Action::Restore { .. })
            })
            .collect();
        assert!(changes.len() > 30, "every kind of change is tried");
        for change in &changes {
            let label = change.label();
            let effects = expected(change);
            assert!(!effects.is_empty(), "{label} declares no expected effect");
            for e in lost_errors() {
                // Applied: never called a failure, never offered again.
                let app = settle(change, &e, true);
                let text = said(&app);
                assert!(
                    !text.contains("failed") && !text.contains("not applied"),
                    "{label} / {e:?} applied: {text}"
                );
                assert!(
                    text.contains("applied")
                        || text.contains("created; the first answer was lost")
                        || text.contains("deleted; the first answer was lost")
                        || text.contains("updated; the first answer was lost"),
                    "{label} / {e:?} applied: {text}"
                );
                assert!(!app.can_retry(), "{label} / {e:?}: Ctrl-R offers it");
                // Not applied: said so where a read can tell, and offered again only then.
                let app = settle(change, &e, false);
                let text = said(&app);
                assert!(!text.contains("failed"), "{label} / {e:?}: {text}");
                let tells = observable(&effects)
                    || matches!(
                        change,
                        Action::Group { .. }
                            | Action::StartImportJob { .. }
                            | Action::StopImportJob { .. }
                    );
                if tells {
                    assert!(
                        text.contains("not applied")
                            || text.contains("not created")
                            || text.contains("nothing changed"),
                        "{label} / {e:?} not applied: {text}"
                    );
                    assert!(app.can_retry(), "{label} / {e:?}: Ctrl-R does not offer it");
                } else {
                    assert!(
                        text.contains("may have been applied"),
                        "{label} / {e:?}: {text}"
                    );
                    assert!(!app.can_retry(), "{label} / {e:?}: Ctrl-R offers it");
                }
            }
        }
    }

    #[test]
    fn a_password_set_on_a_user_already_in_its_status_may_have_been_applied() {
        // A temporary password for an invited user leaves them FORCE_CHANGE_PASSWORD either way.
        let change = Action::Admin {
            pool_id: "p".into(),
            username: "ann".into(),
            calls: vec![crate::cognito::admin::AdminCall::SetPassword {
                password: crate::cognito::sensitive::Sensitive::new("Tmp-pass-1".into()),
                permanent: false,
            }],
        };
        let mut invited = base_user();
        invited.user.status = UserStatus::ForceChangePassword;
        let mut app = app();
        app.screen = Screen::Module(Box::new(Detail {
            username: "ann".into(),
            detail: Some(invited.clone()),
        }));
        let id = app.send(change.clone())[0].id;
        let read = app.update(Event::Cognito(Response {
            id,
            outcome: lost(&change, &CognitoError::Unreachable),
        }));
        let _ = app.update(Event::Cognito(Response {
            id: read[0].id,
            outcome: Outcome::User(Ok(invited)),
        }));
        let text = said(&app);
        assert!(text.contains("may have been applied"), "{text}");
        assert!(text.contains("sign in as them"), "{text}");
        assert!(!app.can_retry());
    }
}
