//! The pool's groups as a whole (`G` in the user table): every group with its description,
//! precedence and a member count that fills in as it loads; a group's members, a page at a
//! time; creating, editing and deleting a group, each through the confirmation. Counting is
//! bounded (`COUNTS_IN_FLIGHT` at a time) and stops when the screen is left.

use super::form::Form;
use super::{App, Screen, Status};
use super::{GroupForm, MembersView};
use crate::action::{Action, Outcome, Request};
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::groups::{Group, GroupChange, GroupSize};
use crate::keys::Command;

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
    pub fn selected_group(&self) -> Option<&GroupRow> {
        self.groups.as_ref()?.get(self.selected)
    }

    fn len(&self) -> usize {
        self.groups.as_ref().map_or(0, Vec::len)
    }
}

impl App {
    /// `G` in the user table: the pool's groups.
    pub(super) fn open_groups(&mut self) -> Vec<Request> {
        self.screen = Screen::Groups(Box::default());
        self.read_groups()
    }

    /// Reads the group list again for the groups screen.
    fn read_groups(&mut self) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
        };
        self.request(Action::ListGroups { pool_id })
    }

    /// The pool's groups arrived: the groups screen, the bulk menu or a user's groups list
    /// takes them.
    pub(super) fn on_groups(&mut self, groups: Vec<Group>) -> Vec<Request> {
        if let Screen::Groups(v) = &mut self.screen {
            if v.groups.is_none() {
                v.groups = Some(rows(groups));
                v.selected = 0;
            }
            return self.count_more();
        }
        let names: Vec<String> = groups.into_iter().map(|g| g.name).collect();
        if let Some(names) = self.on_bulk_groups(names) {
            self.on_list(super::ListKind::Groups(names));
        }
        Vec::new()
    }

    /// A count, a page of members, a group change or the overview succeeded.
    pub(super) fn on_pool_outcome(&mut self, action: Action, outcome: Outcome) -> Vec<Request> {
        match (action, outcome) {
            (Action::CountMembers { group, .. }, Outcome::MemberCount(Ok(n))) => {
                self.on_count(&group, Ok(n))
            }
            (Action::GroupMembers { group, .. }, Outcome::Members(Ok(page))) => {
                self.on_members(&group, page)
            }
            (Action::Group { change, .. }, Outcome::GroupChanged(Ok(()))) => {
                self.on_group_changed(&change)
            }
            (Action::Overview { .. }, Outcome::Overview(overview)) => {
                if let Ok(overview) = *overview {
                    self.on_overview(overview);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Sends counts for the groups not counted yet, up to `COUNTS_IN_FLIGHT` at a time.
    fn count_more(&mut self) -> Vec<Request> {
        let (Screen::Groups(v), Some(pool_id)) = (&self.screen, self.pool_id()) else {
            return Vec::new();
        };
        let counting: Vec<&str> = self
            .in_flight
            .values()
            .filter_map(|a| match a {
                Action::CountMembers { group, .. } => Some(group.as_str()),
                _ => None,
            })
            .collect();
        let next: Vec<String> = v
            .groups
            .iter()
            .flatten()
            .filter(|r| r.members == MemberCount::Counting)
            .map(|r| r.group.name.clone())
            .filter(|g| !counting.contains(&g.as_str()))
            .take(COUNTS_IN_FLIGHT.saturating_sub(counting.len()))
            .collect();
        next.into_iter()
            .flat_map(|group| {
                self.send(Action::CountMembers {
                    pool_id: pool_id.clone(),
                    group,
                })
            })
            .collect()
    }

    /// A group's member count arrived (or failed): its row shows it, and the next is counted.
    pub(super) fn on_count(
        &mut self,
        group: &str,
        count: Result<GroupSize, &CognitoError>,
    ) -> Vec<Request> {
        if let Screen::Groups(v) = &mut self.screen
            && let Some(row) = v
                .groups
                .iter_mut()
                .flatten()
                .find(|r| r.group.name == group)
        {
            row.members = match count {
                Ok(n) => MemberCount::Counted(n),
                Err(e) => {
                    self.status = Some(Status::Error(format!(
                        "The members of {group} could not be counted: {e}"
                    )));
                    MemberCount::Unknown
                }
            };
        }
        self.count_more()
    }

    /// Counts nobody waits for any more (the groups screen was left) are stopped; they start
    /// again when it shows again.
    pub(super) fn stop_unwanted_counts(&mut self) {
        if matches!(self.screen, Screen::Groups(_)) {
            return;
        }
        let ids: Vec<_> = self
            .in_flight
            .iter()
            .filter(|(_, a)| matches!(a, Action::CountMembers { .. }))
            .map(|(id, _)| *id)
            .collect();
        for id in ids {
            self.in_flight.remove(&id);
            self.cancelled.push(id);
        }
    }

    /// Shows the groups screen `view` again, counting what is left to count.
    pub(super) fn back_to_groups(&mut self, view: Box<GroupsView>) -> Vec<Request> {
        self.screen = Screen::Groups(view);
        self.count_more()
    }

    /// Keys on the groups screen.
    pub(super) fn groups_command(&mut self, command: Command) -> Vec<Request> {
        let page = self.list_page();
        let Screen::Groups(v) = &mut self.screen else {
            return Vec::new();
        };
        if let Some(next) = moved(v.selected, v.len(), command, page) {
            v.selected = next;
            return Vec::new();
        }
        let selected = v.selected_group().cloned();
        match command {
            Command::Back => {
                self.screen = Screen::Lookup;
                Vec::new()
            }
            Command::Refresh => self.open_groups(),
            Command::CreateGroup => {
                let back = Box::new(self.take_groups_view());
                self.screen = Screen::GroupForm(Box::new(GroupForm {
                    editing: None,
                    form: Form::new(&[
                        ("Name", false),
                        ("Description", false),
                        ("Precedence", false),
                    ]),
                    back,
                }));
                Vec::new()
            }
            _ => match selected {
                Some(row) => self.group_command(command, &row),
                None => Vec::new(),
            },
        }
    }

    /// The groups screen's keys that act on the selected group.
    fn group_command(&mut self, command: Command, row: &GroupRow) -> Vec<Request> {
        let name = row.group.name.clone();
        match command {
            Command::Open => {
                let back = Box::new(self.take_groups_view());
                self.screen = Screen::Members(Box::new(MembersView {
                    group: name,
                    users: Vec::new(),
                    next_token: None,
                    pages: 0,
                    selected: 0,
                    back,
                }));
                self.read_members(None)
            }
            Command::EditGroup => {
                let back = Box::new(self.take_groups_view());
                // The form opens on the description, with the group's values to edit.
                let mut form = Form::new(&[("Description", false), ("Precedence", false)]);
                form.set(0, row.group.description.as_deref().unwrap_or_default());
                if let Some(p) = row.group.precedence {
                    form.set(1, &p.to_string());
                }
                self.screen = Screen::GroupForm(Box::new(GroupForm {
                    editing: Some(name),
                    form,
                    back,
                }));
                Vec::new()
            }
            Command::DeleteGroup => self.change_group(GroupChange::Delete {
                name,
                members: match row.members {
                    MemberCount::Counted(size) => Some(size),
                    MemberCount::Counting | MemberCount::Unknown => None,
                },
            }),
            Command::Bulk => self.add_marked_to(name),
            _ => Vec::new(),
        }
    }

    /// `b` on a group: the marked users are added to it, as a bulk run (preview first).
    fn add_marked_to(&mut self, group: String) -> Vec<Request> {
        let targets: Vec<String> = self.lookup.marked.iter().cloned().collect();
        if targets.is_empty() {
            self.status = Some(Status::Error(
                "No user is marked: mark users in the table (Space), then press this key on a group to add them to it.".into(),
            ));
            return Vec::new();
        }
        let title = format!("Add to {group} — {} marked users", targets.len());
        self.preview_bulk(title, AdminCall::AddToGroup(group), targets, None);
        Vec::new()
    }

    /// The groups screen's state, taken to go to one of its sub-screens (and back).
    fn take_groups_view(&mut self) -> GroupsView {
        match std::mem::replace(&mut self.screen, Screen::Lookup) {
            Screen::Groups(v) => *v,
            _ => GroupsView::default(),
        }
    }

    /// A change to a group: its confirmation opens.
    pub(super) fn change_group(&mut self, change: GroupChange) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
        };
        self.request(Action::Group { pool_id, change })
    }

    /// A group change was applied: the groups are read again, and the sentence says so.
    pub(super) fn on_group_changed(&mut self, change: &GroupChange) -> Vec<Request> {
        let name = change.group();
        self.status = Some(Status::Info(match change {
            GroupChange::Create(_) => format!("Created the group {name}."),
            GroupChange::Update(_) => format!("Updated the group {name}."),
            GroupChange::Delete { .. } => format!("Deleted the group {name}."),
        }));
        self.show_groups_again()
    }

    /// The groups screen, read again from Cognito, when it (or its form) is shown.
    fn show_groups_again(&mut self) -> Vec<Request> {
        let Some(mut view) = self.take_groups_shown() else {
            return Vec::new();
        };
        view.groups = None;
        self.screen = Screen::Groups(view);
        self.read_groups()
    }

    /// The groups screen showing `groups` as just read, when it (or its form) is shown.
    pub(super) fn show_groups(&mut self, groups: Vec<Group>) -> Vec<Request> {
        let Some(mut view) = self.take_groups_shown() else {
            return Vec::new();
        };
        let rows = rows(groups);
        view.selected = view.selected.min(rows.len().saturating_sub(1));
        view.groups = Some(rows);
        self.back_to_groups(view)
    }

    /// The groups screen's state, taken from it or from its form; `None` elsewhere.
    fn take_groups_shown(&mut self) -> Option<Box<GroupsView>> {
        if !matches!(self.screen, Screen::Groups(_) | Screen::GroupForm(_)) {
            return None;
        }
        match std::mem::replace(&mut self.screen, Screen::Lookup) {
            Screen::Groups(v) => Some(v),
            Screen::GroupForm(f) => Some(f.back),
            _ => None,
        }
    }

    /// Rows a list's page moves: the body less its frame, header row and position.
    pub(super) fn list_page(&self) -> usize {
        usize::from(self.layout.body(self).height.saturating_sub(4)).max(1)
    }
}

/// The rows of a new group list, every count still to come.
fn rows(groups: Vec<Group>) -> Vec<GroupRow> {
    groups
        .into_iter()
        .map(|group| GroupRow {
            group,
            members: MemberCount::Counting,
        })
        .collect()
}

/// Where a moving key takes the selection of a list of `len` rows; `None` for other keys.
pub(super) fn moved(selected: usize, len: usize, command: Command, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match command {
        Command::Up => selected.saturating_sub(1),
        Command::Down => (selected + 1).min(last),
        Command::PageUp => selected.saturating_sub(page),
        Command::PageDown => (selected + page).min(last),
        Command::Top => 0,
        Command::Bottom => last,
        _ => return None,
    })
}
