//! A user's groups (with whether they are a member), devices or sign-in events, as a table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Row, Table, TableState};

use super::{ListKind, UserList};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::date;
use crate::ui::text::{fit, fit_middle};
use crate::ui::widgets::{framed, render_message, render_not_loaded, with_place};

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, l: &UserList, theme: &Theme) {
    let title = format!(" {} of {} ", l.what, l.username);
    let Some(kind) = &l.kind else {
        render_not_loaded(frame, area, shown, framed(title, theme), theme);
        return;
    };
    let (header, widths, rows) = table(kind, &l.member, area.width.saturating_sub(4), theme);
    let message = match kind {
        ListKind::Unavailable(why) => Some(why.as_str()),
        ListKind::Groups(_) if rows.is_empty() => Some("The pool has no groups."),
        ListKind::Devices(_) if rows.is_empty() => {
            Some("Cognito remembers no device for this user.")
        }
        ListKind::Events(_) if rows.is_empty() => Some("No sign-in events recorded for this user."),
        _ => None,
    };
    if let Some(text) = message {
        render_message(frame, area, text, framed(title, theme));
        return;
    }
    let block = with_place(framed(title, theme), l.selected, rows.len(), area, theme);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.title))
        .row_highlight_style(theme.selected)
        .highlight_symbol("› ")
        .block(block);
    let mut state = TableState::default().with_selected(Some(l.selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The header, column widths and rows of a list.
fn table<'a>(
    kind: &'a ListKind,
    member: &[String],
    width: u16,
    theme: &Theme,
) -> (Vec<&'static str>, Vec<Constraint>, Vec<Row<'a>>) {
    match kind {
        ListKind::Groups(all) => (
            vec!["Group", "Member"],
            vec![Constraint::Fill(1), Constraint::Length(8)],
            all.iter()
                .map(|g| {
                    let member = member.contains(g);
                    Row::new(vec![
                        Span::raw(g.clone()),
                        if member {
                            Span::styled("yes", theme.ok)
                        } else {
                            Span::styled("no", theme.dim)
                        },
                    ])
                })
                .collect(),
        ),
        ListKind::Devices(devices) => {
            // The key, which `x` forgets, keeps both ends when cut: they tell keys apart.
            let rest = usize::from(width).saturating_sub(16 + 16 + 3);
            let (name, key) = (rest * 2 / 5, rest - rest * 2 / 5);
            let length = |w: usize| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX));
            (
                vec!["Device", "Key", "Last IP", "Last used (UTC)"],
                vec![
                    length(name),
                    length(key),
                    Constraint::Length(16),
                    Constraint::Length(16),
                ],
                devices
                    .iter()
                    .map(|d| {
                        Row::new(vec![
                            fit(d.name.as_deref().unwrap_or("—"), name),
                            fit_middle(&d.key, key),
                            d.last_ip.clone().unwrap_or_else(|| "—".into()),
                            date(d.last_used),
                        ])
                    })
                    .collect(),
            )
        }
        ListKind::Unavailable(_) => (Vec::new(), Vec::new(), Vec::new()),
        ListKind::Events(events) => (
            vec!["Time (UTC)", "Event", "Result", "Risk", "IP"],
            vec![
                Constraint::Length(16),
                Constraint::Length(16),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Fill(1),
            ],
            events
                .iter()
                .map(|e| {
                    Row::new(vec![
                        date(e.time),
                        e.kind.clone(),
                        // The feedback given, if any, beside what Cognito decided.
                        e.feedback.as_ref().map_or_else(
                            || e.response.clone(),
                            |f| format!("{} ({})", e.response, f.to_lowercase()),
                        ),
                        e.risk.clone().unwrap_or_else(|| "—".into()),
                        e.ip.clone().unwrap_or_else(|| "—".into()),
                    ])
                })
                .collect(),
        ),
    }
}
