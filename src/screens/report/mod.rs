//! A report of the marked users, or else the rows shown (`U` in the table): each user's MFA
//! (enabled factors, the preferred one) and groups, read with AdminGetUser and
//! AdminListGroupsForUser, and where the pool has threat protection their last sign-in
//! (AdminListUserAuthEvents); a few users at a time, paced like every read, with progress,
//! stoppable. The values become columns of the table (`report:mfa`, `report:preferred_mfa`,
//! `report:groups`, `report:last_sign_in`), so the table sorts and refines on them and exports
//! carry them.

mod view;

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::cognito::CognitoError;
use crate::cognito::model::Attribute;
use crate::cognito::report::UserReport;
use crate::config::columns::Column;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Retry, "read the failures again"),
    (Command::Back, "stop / back"),
    (Command::Help, "help"),
];

/// Users read at once; the worker paces them further.
const WINDOW: usize = 4;

/// The report's columns in the table, in order.
pub const COLUMNS: [&str; 4] = [
    "report:mfa",
    "report:preferred_mfa",
    "report:groups",
    "report:last_sign_in",
];

/// Who signed in longer ago than this is counted apart.
const DORMANT_DAYS: i64 = 90;

/// The report: whom it covers, how far it is, and what it found.
#[derive(Debug, Clone)]
pub struct Report {
    /// What the users are ("3 marked users").
    pub scope: String,
    pub users: Vec<String>,
    next: usize,
    in_flight: usize,
    stopped: bool,
    /// Whether sign-in events are read: until the pool says threat protection is off.
    sign_ins: bool,
    /// The users read, by username.
    pub read: BTreeMap<String, UserReport>,
    /// The users that could not be read, and why.
    pub failed: Vec<(String, String)>,
    /// Why the last sign-ins are not shown, if they are not.
    pub no_sign_ins: Option<String>,
}

impl Report {
    /// The report of `users` (`scope` says who they are): the reads start at once.
    pub fn open(users: Vec<String>, scope: String, ctx: &mut Ctx) -> Next {
        if users.is_empty() {
            ctx.refuse("No user is shown: search, or load some first.".into());
            return Next::Stay;
        }
        let mut report = Self::new(users, scope);
        report.send(ctx);
        Next::Open(Box::new(report))
    }

    /// The report of `users`, nothing read yet.
    fn new(users: Vec<String>, scope: String) -> Self {
        Self {
            scope,
            users,
            next: 0,
            in_flight: 0,
            stopped: false,
            sign_ins: true,
            read: BTreeMap::new(),
            failed: Vec::new(),
            no_sign_ins: None,
        }
    }

    /// Whether every read has answered or was never sent.
    pub fn finished(&self) -> bool {
        self.in_flight == 0 && (self.stopped || self.next >= self.users.len())
    }

    pub fn done_count(&self) -> usize {
        self.read.len() + self.failed.len()
    }

    /// Keeps `WINDOW` reads in flight until the users run out or the report is stopped.
    fn send(&mut self, ctx: &mut Ctx) {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return;
        };
        while !self.stopped && self.in_flight < WINDOW && self.next < self.users.len() {
            // The first user tells whether the pool keeps sign-in events: one at a time until then.
            if self.next > 0 && self.sign_ins && self.read.is_empty() && self.in_flight > 0 {
                break;
            }
            self.in_flight += 1;
            ctx.request(Action::ReportUser {
                pool_id: pool_id.clone(),
                username: self.users[self.next].clone(),
                sign_ins: self.sign_ins,
            });
            self.next += 1;
        }
        if self.finished() {
            // The last sign-in is a column only when it was read.
            let read = COLUMNS
                .iter()
                .filter(|c| self.no_sign_ins.is_none() || **c != "report:last_sign_in");
            ctx.add_columns(read.map(|c| Column::Attribute((*c).into())).collect());
        }
    }

    /// One user read: their values go to their row of the table.
    fn on_read(&mut self, username: &str, report: UserReport, ctx: &mut Ctx) {
        // Sign-in events that cannot be read for one user cannot be for the others.
        if let Some(Err(e)) = &report.last_sign_in {
            self.sign_ins = false;
            self.no_sign_ins = Some(match e {
                CognitoError::ThreatProtectionOff => {
                    "Last sign-ins need threat protection, which this pool has off: not read."
                        .into()
                }
                other => {
                    format!("Last sign-ins are not read: the first user's could not be. {other}")
                }
            });
        }
        ctx.report(username.to_owned(), values(&report));
        self.read.insert(username.to_owned(), report);
    }

    /// How many users read have what.
    pub fn tally(&self, now: DateTime<Utc>) -> Tally {
        let mut tally = Tally::default();
        for report in self.read.values() {
            let d = &report.detail;
            if d.mfa_enabled.is_empty() {
                tally.without_mfa += 1;
            }
            if d.groups.is_empty() {
                tally.in_no_group += 1;
            }
            match &report.last_sign_in {
                Some(Ok(Some(t))) if now - *t > TimeDelta::days(DORMANT_DAYS) => tally.dormant += 1,
                Some(Ok(None)) => tally.no_sign_in += 1,
                _ => {}
            }
        }
        tally
    }
}

/// What the report counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub without_mfa: usize,
    pub in_no_group: usize,
    /// Last signed in more than `DORMANT_DAYS` ago.
    pub dormant: usize,
    /// No successful sign-in among their latest events.
    pub no_sign_in: usize,
}

/// A factor as the report writes it: `totp`, `sms`, `email`.
fn factor(method: &str) -> String {
    match method {
        "SOFTWARE_TOKEN_MFA" => "totp".into(),
        "SMS_MFA" => "sms".into(),
        "EMAIL_OTP" => "email".into(),
        other => other.to_lowercase(),
    }
}

/// The report's values of one user, as their row's `report:` columns.
pub fn values(report: &UserReport) -> Vec<Attribute> {
    let d = &report.detail;
    let or_none = |v: String| if v.is_empty() { "none".to_owned() } else { v };
    let mut values = vec![
        (
            "report:mfa",
            or_none(
                d.mfa_enabled
                    .iter()
                    .map(|m| factor(m))
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        ),
        (
            "report:preferred_mfa",
            or_none(d.preferred_mfa.as_deref().map(factor).unwrap_or_default()),
        ),
        ("report:groups", or_none(d.groups.join(";"))),
    ];
    if let Some(Ok(last)) = &report.last_sign_in {
        values.push((
            "report:last_sign_in",
            last.map_or_else(
                || "none seen".to_owned(),
                |t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ),
        ));
    }
    values
        .into_iter()
        .map(|(name, value)| Attribute {
            name: name.into(),
            value,
        })
        .collect()
}

impl ScreenModule for Report {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("report", None)
    }

    fn context(&self) -> Context {
        Context::Bulk
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        command != Command::Retry || (self.finished() && !self.failed.is_empty())
    }

    fn label(&self, command: Command, label: &'static str) -> &'static str {
        match command {
            Command::Back if self.finished() => "back",
            Command::Back => "stop",
            _ => label,
        }
    }

    fn work_in_progress(&self) -> Option<&'static str> {
        (!self.finished()).then_some("A report is being read")
    }

    /// `Ctrl-R` once the report is read: the users that could not be read are read again.
    fn retry(&mut self, ctx: &mut Ctx) -> bool {
        if !self.finished() || self.failed.is_empty() {
            return false;
        }
        let again: Vec<String> = self.failed.drain(..).map(|(user, _)| user).collect();
        self.users.retain(|u| !again.contains(u));
        self.next = self.users.len();
        self.users.extend(again);
        self.stopped = false;
        self.send(ctx);
        true
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back if !self.finished() => {
                self.stopped = true;
                ctx.say("Stopping: the users already asked for are read, no more.".into());
            }
            Command::Back => return Next::Users,
            _ => {}
        }
        Next::Stay
    }

    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        if let (Action::ReportUser { username, .. }, Outcome::Reported(Ok(report))) =
            (action, outcome)
        {
            self.in_flight = self.in_flight.saturating_sub(1);
            self.on_read(username, *report, ctx);
            self.send(ctx);
        }
        Next::Stay
    }

    fn on_failure(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        if let Action::ReportUser { username, .. } = action {
            self.in_flight = self.in_flight.saturating_sub(1);
            self.failed.push((username.clone(), error.to_string()));
            self.send(ctx);
        }
        Next::Stay
    }

    fn extent(&self, area: Rect, shown: &Shown) -> Option<crate::app::Extent> {
        Some(view::extent(area, shown, self, &Theme::no_color()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::{User, UserDetail, UserStatus};

    type LastSignIn = Option<Result<Option<DateTime<Utc>>, CognitoError>>;

    fn report(name: &str, mfa: &[&str], last_sign_in: LastSignIn) -> UserReport {
        UserReport {
            detail: UserDetail {
                user: User {
                    username: name.into(),
                    attributes: Vec::new(),
                    status: UserStatus::Confirmed,
                    enabled: true,
                    created: None,
                    modified: None,
                },
                preferred_mfa: mfa.first().map(|m| (*m).to_owned()),
                mfa_enabled: mfa.iter().map(|m| (*m).to_owned()).collect(),
                groups: Vec::new(),
            },
            last_sign_in,
        }
    }

    #[test]
    fn the_tally_counts_who_lacks_mfa_groups_and_a_recent_sign_in() {
        let now = DateTime::UNIX_EPOCH + TimeDelta::days(1000);
        let mut r = Report::new(Vec::new(), "4 marked users".into());
        let ago = |days| Some(Ok(Some(now - TimeDelta::days(days))));
        for (name, mfa, last) in [
            ("ann", &["SOFTWARE_TOKEN_MFA"][..], ago(3)),
            ("bob", &[][..], ago(200)),
            ("cy", &[][..], Some(Ok(None))),
            ("dee", &["SMS_MFA", "EMAIL_OTP"][..], None),
        ] {
            r.read.insert(name.into(), report(name, mfa, last));
        }
        assert_eq!(
            r.tally(now),
            Tally {
                without_mfa: 2,
                in_no_group: 4,
                dormant: 1,
                no_sign_in: 1,
            }
        );
        let dee: Vec<String> = values(&r.read["dee"])
            .into_iter()
            .map(|a| a.value)
            .collect();
        assert_eq!(
            dee,
            ["sms,email", "sms", "none"],
            "no sign-in column when not read"
        );
    }
}
