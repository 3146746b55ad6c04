//! The pool doctor (`H` in the table, once every user is loaded): the users in a known trap,
//! grouped by finding, each with why it matters and the fix. `Enter` shows a finding's users
//! alone in the table (every table key works on them); `b` opens its fix as a bulk run, with
//! its preview, when there is one: the same call for each user, or, for the disabled users
//! still in a group, one call for each of their memberships. The groups' members are read
//! (ListUsersInGroup) for the disabled users still in a group.

mod view;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::bulk::BulkRun;
use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Loaded, Outcome};
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::invite::Delivery;
use crate::cognito::model::DEFAULT_TEMPORARY_PASSWORD_DAYS;
use crate::doctor::{Checkup, Finding, Kind, STALE_UNCONFIRMED_DAYS};
use crate::keys::{Command, Context};
use crate::sentence::{capitalised, count};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Open, "show its users"),
    (Command::Bulk, "fix (bulk)"),
    (Command::Refresh, "examine again"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// How far the groups' members are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Groups {
    /// ListGroups, then each group's members, are on their way (`left` groups to go).
    Reading {
        members: BTreeMap<String, Vec<String>>,
        left: usize,
    },
    /// Every group's members.
    Read(BTreeMap<String, Vec<String>>),
    /// Why they could not be read: disabled users still in a group are not looked for.
    Unread(String),
}

/// The pool doctor's findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doctor {
    pub findings: Vec<Finding>,
    pub users_scanned: usize,
    pub selected: usize,
    pub groups: Groups,
    /// What the examination on its way looks at, until its findings arrive.
    pub examining: Option<Checkup>,
}

impl Doctor {
    /// The findings over every loaded user; the groups' members are read meanwhile.
    pub fn open(ctx: &mut Ctx) -> Next {
        let (_, complete) = ctx.users;
        if !complete {
            let load = ctx.key_name(Context::Lookup, Command::LoadAll);
            let doctor = ctx.key_name(Context::Lookup, Command::PoolDoctor);
            ctx.refuse(format!(
                "The doctor examines every user of the pool: press {load} to load them all, then {doctor}."
            ));
            return Next::Stay;
        }
        let mut doctor = Self {
            findings: Vec::new(),
            users_scanned: 0,
            selected: 0,
            groups: Groups::Read(BTreeMap::new()),
            examining: None,
        };
        doctor.examine_again(ctx);
        Next::Open(Box::new(doctor))
    }

    /// Examines the loaded users and reads the groups' members again.
    fn examine_again(&mut self, ctx: &mut Ctx) {
        if let Some(pool_id) = ctx.pool_id {
            self.groups = Groups::Reading {
                members: BTreeMap::new(),
                left: 0,
            };
            ctx.request(Action::ListGroups {
                pool_id: pool_id.to_owned(),
            });
        }
        self.examine(ctx);
    }

    /// The findings over the loaded users, with the groups' members read so far, worked out
    /// by the worker on a copy of them (the table's store, copied in one piece).
    fn examine(&mut self, ctx: &mut Ctx) {
        let (store, _) = ctx.users;
        let groups = match &self.groups {
            Groups::Read(members) => members.clone(),
            Groups::Reading { .. } | Groups::Unread(_) => BTreeMap::new(),
        };
        let checkup = Checkup {
            now: ctx.now,
            invitation_days: ctx.pool.map_or(DEFAULT_TEMPORARY_PASSWORD_DAYS, |p| {
                p.temporary_password_validity_days
            }),
            stale_after: TimeDelta::days(STALE_UNCONFIRMED_DAYS),
            groups,
        };
        self.examining = Some(checkup.clone());
        ctx.request(Action::Examine {
            users: Loaded(Arc::new(store.clone())),
            checkup,
        });
    }

    /// The findings of the examination asked for last; an earlier one's are not.
    fn examined(&mut self, checkup: &Checkup, findings: Option<Vec<Finding>>, ctx: &mut Ctx) {
        if self.examining.as_ref() != Some(checkup) {
            return;
        }
        self.examining = None;
        let (store, _) = ctx.users;
        match findings {
            Some(findings) => {
                self.findings = findings;
                self.users_scanned = store.len();
            }
            None => ctx.refuse("The examination failed: press r to examine again.".into()),
        }
        self.selected = self.selected.min(self.findings.len().saturating_sub(1));
    }

    /// Asks for a page of `group`'s members.
    fn read_members(group: String, token: Option<String>, ctx: &mut Ctx) {
        if let Some(pool_id) = ctx.pool_id {
            ctx.request(Action::GroupMembers {
                pool_id: pool_id.to_owned(),
                group,
                token,
            });
        }
    }

    /// `b`: the selected finding's fix as a bulk run, when it has one.
    fn fix(&self, ctx: &mut Ctx) -> Next {
        let Some(finding) = self.findings.get(self.selected) else {
            return Next::Stay;
        };
        let (store, _) = ctx.users;
        let has_email = |name: &String| {
            store
                .position(name)
                .is_some_and(|i| store.get(i).email().is_some())
        };
        let (call, targets, note) = match finding.kind {
            Kind::UnverifiedContactConfirmed => {
                let (with, without): (Vec<String>, Vec<String>) =
                    finding.users.iter().cloned().partition(has_email);
                let note = (!without.is_empty()).then(|| {
                    format!(
                        "{} with only a phone number are left out: mark it verified on their page once you know it is theirs.",
                        count(without.len(), "user")
                    )
                });
                (AdminCall::mark_email_verified(), with, note)
            }
            Kind::StaleUnconfirmed => (AdminCall::Delete, finding.users.clone(), None),
            Kind::ExpiredInvitation => (
                AdminCall::ResendInvitation(Delivery::Email),
                finding.users.clone(),
                None,
            ),
            Kind::DisabledInGroup => return self.leave_groups(finding, ctx),
            kind => {
                ctx.say(format!("No bulk fix for this finding. {}", kind.fix()));
                return Next::Stay;
            }
        };
        let title = format!(
            "{} — {} ({})",
            capitalised(&call.doing()),
            count(targets.len(), "user"),
            finding.kind.id()
        );
        Next::Open(Box::new(BulkRun::preview(
            title, call, targets, note, ctx.safety,
        )))
    }
}

impl Doctor {
    /// The disabled users' fix: each leaves every group the doctor read them in, one call per
    /// membership.
    fn leave_groups(&self, finding: &Finding, ctx: &mut Ctx) -> Next {
        let Groups::Read(members) = &self.groups else {
            return Next::Stay;
        };
        let mut each: BTreeMap<String, Vec<AdminCall>> = BTreeMap::new();
        for (group, users) in members {
            for user in users.iter().filter(|u| finding.users.contains(u)) {
                let leave = AdminCall::RemoveFromGroup(group.clone());
                each.entry(user.clone()).or_default().push(leave);
            }
        }
        let memberships = each.values().map(Vec::len).sum();
        let title = format!(
            "Remove from their groups — {} in {} ({})",
            count(finding.users.len(), "user"),
            count(memberships, "membership"),
            finding.kind.id()
        );
        let each = each.into_iter().collect();
        Next::Open(Box::new(BulkRun::per_user(title, each, None, ctx.safety)))
    }
}

impl ScreenModule for Doctor {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("doctor", None)
    }

    fn context(&self) -> Context {
        Context::Doctor
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        let selected = self.findings.get(self.selected).map(|f| f.kind);
        match command {
            Command::Open => selected.is_some(),
            Command::Bulk => matches!(
                selected,
                Some(
                    Kind::UnverifiedContactConfirmed
                        | Kind::StaleUnconfirmed
                        | Kind::ExpiredInvitation
                        | Kind::DisabledInGroup
                )
            ),
            _ => true,
        }
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => {
                self.selected = (self.selected + 1).min(self.findings.len().saturating_sub(1));
            }
            Command::Open => {
                if let Some(finding) = self.findings.get(self.selected) {
                    ctx.show_only(finding.kind.id().to_owned(), finding.users.clone());
                    return Next::Users;
                }
            }
            Command::Bulk => return self.fix(ctx),
            Command::Refresh => self.examine_again(ctx),
            Command::Back => return Next::Users,
            _ => {}
        }
        Next::Stay
    }

    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        if let (Action::Examine { checkup, .. }, Outcome::Examined(findings)) = (action, &outcome) {
            self.examined(checkup, findings.clone(), ctx);
            return Next::Stay;
        }
        let Groups::Reading { members, left } = &mut self.groups else {
            return Next::Stay;
        };
        match (action, outcome) {
            (Action::ListGroups { .. }, Outcome::Groups(Ok(groups))) => {
                *left = groups.len();
                for group in groups {
                    members.insert(group.name.clone(), Vec::new());
                    Self::read_members(group.name, None, ctx);
                }
            }
            (Action::GroupMembers { group, .. }, Outcome::Members(Ok(page))) => {
                members
                    .entry(group.clone())
                    .or_default()
                    .extend(page.users.into_iter().map(|u| u.username));
                match page.next_token {
                    Some(token) => Self::read_members(group.clone(), Some(token), ctx),
                    None => *left = left.saturating_sub(1),
                }
            }
            _ => return Next::Stay,
        }
        if let Groups::Reading { members, left: 0 } = &mut self.groups {
            self.groups = Groups::Read(std::mem::take(members));
            self.examine(ctx);
        }
        Next::Stay
    }

    fn on_failure(&mut self, _action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        let why = format!(
            "The groups could not be read, so disabled users in a group are not looked for: {error}"
        );
        ctx.refuse(why.clone());
        self.groups = Groups::Unread(why);
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
