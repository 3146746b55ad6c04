//! A group's members: username, email, status and whether enabled, with how many are loaded.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Row;

use super::MembersView;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::text::fit;
use crate::ui::widgets::{framed, render_message, render_not_loaded, selectable_table};

fn length(width: usize) -> Constraint {
    Constraint::Length(u16::try_from(width).unwrap_or(u16::MAX))
}

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, m: &MembersView, theme: &Theme) {
    let title = format!(" Members of {} ", m.group);
    if m.pages == 0 {
        render_not_loaded(frame, area, shown, framed(title, theme), theme);
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
