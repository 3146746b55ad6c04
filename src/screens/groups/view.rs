//! The pool's groups: each with its precedence, member count (as counted so far) and
//! description.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Row;

use super::{GroupsView, MemberCount};
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::text::fit;
use crate::ui::widgets::{framed, render_message, render_not_loaded, selectable_table};

fn length(width: usize) -> Constraint {
    Constraint::Length(u16::try_from(width).unwrap_or(u16::MAX))
}

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, v: &GroupsView, theme: &Theme) {
    let title = " Groups of the pool ".to_owned();
    let Some(groups) = &v.groups else {
        render_not_loaded(frame, area, shown, framed(title, theme), theme);
        return;
    };
    if groups.is_empty() {
        let create = shown.key_name(Context::Groups, Command::CreateGroup);
        render_message(
            frame,
            area,
            format!("The pool has no groups: {create} creates one."),
            framed(title, theme),
        );
        return;
    }
    let room = usize::from(area.width.saturating_sub(4));
    let (precedence, members) = (10, 8);
    let rest = room.saturating_sub(precedence + members + 4);
    let name = (rest * 2 / 5).max(8);
    let description = rest.saturating_sub(name);
    let counted = groups
        .iter()
        .filter(|r| r.members != MemberCount::Counting)
        .count();
    let rows = groups.iter().map(|r| {
        let count = match r.members {
            MemberCount::Counting => Span::styled("…", theme.dim),
            MemberCount::Counted(size) => Span::raw(size.to_string()),
            MemberCount::Unknown => Span::styled("?", theme.bad),
        };
        Row::new(vec![
            Span::raw(fit(&r.group.name, name)),
            Span::raw(
                r.group
                    .precedence
                    .map_or_else(|| "—".into(), |p| p.to_string()),
            ),
            count,
            Span::styled(
                fit(r.group.description.as_deref().unwrap_or("—"), description),
                theme.dim,
            ),
        ])
    });
    let mut place = format!(" {} of {} groups ", v.selected + 1, groups.len());
    if counted < groups.len() {
        let _ = write!(place, "· members counted for {counted} ");
    }
    let block = framed(title, theme).title_bottom(Line::styled(place, theme.title));
    let columns = vec![
        length(name),
        length(precedence),
        length(members),
        Constraint::Fill(1),
    ];
    selectable_table(
        frame,
        area,
        (
            Row::new(vec!["Group", "Precedence", "Members", "Description"]),
            columns,
        ),
        rows,
        (block, v.selected),
        theme,
    );
}
