//! The groups screen's keys and answers: its members and the group form open from here, a
//! group is deleted through the confirmation, the marked users are added to a group as a bulk
//! run.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{GroupRow, GroupsView, MemberCount, changed, read, view};
use crate::action::{Action, Outcome};
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::groups::GroupChange;
use crate::keys::{Command, Context};
use crate::screens::bulk::BulkRun;
use crate::screens::group_form::GroupForm;
use crate::screens::list::moved;
use crate::screens::members::MembersView;
use crate::screens::{Ctx, Next, ScreenModule, Shown};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Open, "members"),
    (Command::CreateGroup, "create"),
    (Command::EditGroup, "edit"),
    (Command::DeleteGroup, "delete"),
    (Command::Bulk, "add marked users"),
    (Command::Refresh, "reload"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

impl GroupsView {
    /// The keys that act on the selected group.
    fn group_command(&mut self, command: Command, row: &GroupRow, ctx: &mut Ctx) -> Next {
        let name = row.group.name.clone();
        let mut back = || Box::new(std::mem::take(self));
        match command {
            Command::Open => MembersView::open(name, back(), ctx),
            Command::EditGroup => GroupForm::edit(&row.group, back()),
            Command::DeleteGroup => {
                if let Some(pool_id) = ctx.pool_id {
                    ctx.request(Action::Group {
                        pool_id: pool_id.to_owned(),
                        change: GroupChange::Delete {
                            name,
                            members: match row.members {
                                MemberCount::Counted(size) => Some(size),
                                MemberCount::Counting | MemberCount::Unknown => None,
                            },
                        },
                    });
                }
                Next::Stay
            }
            Command::Bulk => add_marked_to(name, ctx),
            _ => Next::Stay,
        }
    }
}

/// `b` on a group: the marked users are added to it, as a bulk run (preview first).
fn add_marked_to(group: String, ctx: &mut Ctx) -> Next {
    let targets: Vec<String> = ctx.marked.iter().cloned().collect();
    if targets.is_empty() {
        ctx.refuse(
            "No user is marked: mark users in the table (Space), then press this key on a group to add them to it.".into(),
        );
        return Next::Stay;
    }
    let title = format!("Add to {group} — {} marked users", targets.len());
    Next::Open(Box::new(BulkRun::preview(
        title,
        AdminCall::AddToGroup(group),
        targets,
        None,
        ctx.safety,
    )))
}

impl ScreenModule for GroupsView {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("groups", None)
    }

    fn context(&self) -> Context {
        Context::Groups
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, shown: &Shown) -> bool {
        match command {
            Command::Open | Command::EditGroup | Command::DeleteGroup => {
                self.selected_group().is_some()
            }
            Command::Bulk => self.selected_group().is_some() && shown.marked > 0,
            _ => true,
        }
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        if let Some(next) = moved(self.selected, self.len(), command, ctx.page) {
            self.selected = next;
            return Next::Stay;
        }
        match command {
            Command::Back => Next::Users,
            Command::Refresh => Next::Open(Self::open(ctx)),
            Command::CreateGroup => GroupForm::create(Box::new(std::mem::take(self))),
            _ => match self.selected_group().cloned() {
                Some(row) => self.group_command(command, &row, ctx),
                None => Next::Stay,
            },
        }
    }

    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        match (action, outcome) {
            (Action::ListGroups { .. }, Outcome::Groups(Ok(groups))) => {
                self.show(groups);
                self.count_more(ctx);
            }
            (Action::CountMembers { group, .. }, Outcome::MemberCount(Ok(n))) => {
                self.counted(group, Ok(n), ctx);
            }
            (Action::Group { change, .. }, Outcome::GroupChanged(Ok(()))) => {
                ctx.say(changed(change));
                self.groups = None;
                read(ctx);
            }
            _ => {}
        }
        Next::Stay
    }

    fn on_failure(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        match action {
            Action::CountMembers { group, .. } => self.counted(group, Err(error), ctx),
            _ => ctx.refuse(error.to_string()),
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
