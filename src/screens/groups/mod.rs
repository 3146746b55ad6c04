//! The pool's groups as a whole (`G` in the user table): every group with its description,
//! precedence and a member count that fills in as it loads; its members and the group form
//! open from here; deleting a group goes through the confirmation. Counting is bounded
//! (`COUNTS_IN_FLIGHT` at a time) and stops when the screen is left.

mod keys;
mod view;

use super::module::{Ctx, Next};
use crate::action::Action;
use crate::cognito::CognitoError;
use crate::cognito::groups::{Group, GroupChange, GroupSize};

/// How many groups are counted at the same time.
pub const COUNTS_IN_FLIGHT: usize = 4;

/// How many members a group has, as far as is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberCount {
    /// Not counted yet, or being counted.
    Counting,
    Counted(GroupSize),
    /// The count failed.
    Unknown,
}

/// A group and its member count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow {
    pub group: Group,
    pub members: MemberCount,
}

/// The groups screen.
#[derive(Debug, Clone, Default)]
pub struct GroupsView {
    /// `None` until ListGroups answers.
    pub groups: Option<Vec<GroupRow>>,
    pub selected: usize,
}

impl GroupsView {
    /// The screen, and its first read of the groups.
    pub fn open(ctx: &mut Ctx) -> Box<Self> {
        read(ctx);
        Box::default()
    }

    pub fn selected_group(&self) -> Option<&GroupRow> {
        self.groups.as_ref()?.get(self.selected)
    }

    fn len(&self) -> usize {
        self.groups.as_ref().map_or(0, Vec::len)
    }

    /// This screen shown again (from its members or its form), counting what is left.
    pub(super) fn again(self: Box<Self>, ctx: &mut Ctx) -> Next {
        self.count_more(ctx);
        Next::Open(self)
    }

    /// This screen shown again with the groups as just read.
    pub(super) fn with_groups(mut self: Box<Self>, groups: Vec<Group>, ctx: &mut Ctx) -> Next {
        self.show(groups);
        self.again(ctx)
    }

    /// This screen shown again, reading the groups anew (after a change to one).
    pub(super) fn reread(mut self: Box<Self>, ctx: &mut Ctx) -> Next {
        self.groups = None;
        read(ctx);
        Next::Open(self)
    }

    fn show(&mut self, groups: Vec<Group>) {
        let rows: Vec<GroupRow> = groups
            .into_iter()
            .map(|group| GroupRow {
                group,
                members: MemberCount::Counting,
            })
            .collect();
        self.selected = self.selected.min(rows.len().saturating_sub(1));
        self.groups = Some(rows);
    }

    /// Asks for counts of the groups not counted yet, up to `COUNTS_IN_FLIGHT` at a time.
    fn count_more(&self, ctx: &mut Ctx) {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return;
        };
        let rows = self.groups.iter().flatten();
        let asked = |ctx: &Ctx, name: &str| {
            ctx.asking(|a| matches!(a, Action::CountMembers { group, .. } if group == name))
        };
        let counting = ctx.asking_count(|a| matches!(a, Action::CountMembers { .. }));
        let next: Vec<String> = rows
            .filter(|r| r.members == MemberCount::Counting && !asked(ctx, &r.group.name))
            .map(|r| r.group.name.clone())
            .take(COUNTS_IN_FLIGHT.saturating_sub(counting))
            .collect();
        for group in next {
            ctx.request(Action::CountMembers {
                pool_id: pool_id.clone(),
                group,
            });
        }
    }

    /// A group's member count arrived (or failed): its row shows it, and the next is counted.
    fn counted(&mut self, group: &str, count: Result<GroupSize, &CognitoError>, ctx: &mut Ctx) {
        if let Some(row) = self
            .groups
            .iter_mut()
            .flatten()
            .find(|r| r.group.name == group)
        {
            row.members = match count {
                Ok(n) => MemberCount::Counted(n),
                Err(e) => {
                    ctx.refuse(format!("The members of {group} could not be counted: {e}"));
                    MemberCount::Unknown
                }
            };
        }
        self.count_more(ctx);
    }
}

/// Reads the group list.
pub(super) fn read(ctx: &mut Ctx) {
    if let Some(pool_id) = ctx.pool_id {
        ctx.request(Action::ListGroups {
            pool_id: pool_id.to_owned(),
        });
    }
}

/// The sentence for a group change that was applied.
pub(crate) fn changed(change: &GroupChange) -> String {
    let name = change.group();
    match change {
        GroupChange::Create(_) => format!("Created the group {name}."),
        GroupChange::Update(_) => format!("Updated the group {name}."),
        GroupChange::Delete { .. } => format!("Deleted the group {name}."),
    }
}
