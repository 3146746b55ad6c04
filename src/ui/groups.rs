//! The pool's groups, a group's members and the group form.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Row;

use super::Theme;
use super::text::fit;
use super::widgets::{form_screen, framed, render_message, render_not_loaded, selectable_table};
use crate::app::{App, GroupForm, GroupsView, MemberCount, MembersView};
use crate::keys::{Command, Context};

fn length(width: usize) -> Constraint {
    Constraint::Length(u16::try_from(width).unwrap_or(u16::MAX))
}

pub fn groups(frame: &mut Frame, area: Rect, app: &App, v: &GroupsView, theme: &Theme) {
    let title = " Groups of the pool ".to_owned();
    let Some(groups) = &v.groups else {
        render_not_loaded(frame, area, &app.shown(), framed(title, theme), theme);
        return;
    };
    if groups.is_empty() {
        let create = app.key_name(Context::Groups, Command::CreateGroup);
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

pub fn members(frame: &mut Frame, area: Rect, app: &App, m: &MembersView, theme: &Theme) {
    let title = format!(" Members of {} ", m.group);
    if m.pages == 0 {
        render_not_loaded(frame, area, &app.shown(), framed(title, theme), theme);
        return;
    }
    if m.users.is_empty() {
        render_message(
            frame,
            area,
            "The group has no members.",
            framed(title, theme),
        );
        return;
    }
    let room = usize::from(area.width.saturating_sub(4));
    let (status, enabled) = (21, 8);
    let rest = room.saturating_sub(status + enabled + 3);
    let username = rest / 2;
    let email = rest - username;
    let rows = m.users.iter().map(|u| {
        Row::new(vec![
            Span::raw(fit(&u.username, username)),
            Span::raw(fit(u.email().unwrap_or("—"), email)),
            Span::raw(u.status.as_api().to_owned()),
            if u.enabled {
                Span::styled("yes", theme.ok)
            } else {
                Span::styled("no", theme.bad)
            },
        ])
    });
    let more = if m.complete() {
        format!("all {} members", m.users.len())
    } else {
        format!("{} loaded · more on the server", m.users.len())
    };
    let place = format!(" {} of {more} ", m.selected + 1);
    let block = framed(title, theme).title_bottom(Line::styled(place, theme.title));
    let columns = vec![
        length(username),
        length(email),
        length(status),
        Constraint::Fill(1),
    ];
    selectable_table(
        frame,
        area,
        (
            Row::new(vec!["Username", "Email", "Status", "Enabled"]),
            columns,
        ),
        rows,
        (block, m.selected),
        theme,
    );
}

pub fn form(frame: &mut Frame, area: Rect, app: &App, f: &GroupForm, theme: &Theme) {
    let title = match &f.editing {
        Some(name) => format!(" Edit the group {name} (UpdateGroup) "),
        None => " Create a group (CreateGroup) ".to_owned(),
    };
    let check = match f.spec() {
        Err(problem) => Line::styled(format!("✗ {problem}"), theme.bad),
        Ok(_) => Line::styled("✓ Ready: Enter shows the change to confirm.", theme.ok),
    };
    let notes = vec![
        Line::raw(
            "Precedence is optional: when a user is in several groups, the lowest number decides the IAM role in their tokens.",
        ),
        check,
    ];
    form_screen(frame, area, &app.shown(), title, notes, &f.form, theme);
}
