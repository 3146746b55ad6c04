//! The audit log, newest first, as a table that fits the width; an entry opened whole as
//! scrolled text.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState};

use super::AuditView;
use crate::app::Extent;
use crate::audit::AuditEntry;
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::text::{fit, wrap};
use crate::ui::widgets::{framed, render_not_loaded, scrolled_text, with_place};

/// The audit log, newest first; Enter opens an entry whole.
pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, v: &AuditView, theme: &Theme) {
    let title = format!(" Audit log: {} ", v.path);
    let selected = v.selected;
    let Some(entries) = &v.entries else {
        render_not_loaded(frame, area, shown, framed(title, theme), theme);
        return;
    };
    if entries.is_empty() {
        frame.render_widget(
            Paragraph::new("No change has been made yet.")
                .style(theme.dim)
                .block(framed(title, theme)),
            area,
        );
        return;
    }
    if let Some(entry) = v.opened.and_then(|i| entries.get(i)) {
        let i = v.opened.unwrap_or_default();
        let title = format!(
            " Audit entry {} of {} ({} back to the log) ",
            i + 1,
            entries.len(),
            shown.key_name(Context::Audit, Command::Back)
        );
        let rows = entry_rows(entry, usize::from(area.width.saturating_sub(2)), theme);
        scrolled_text(frame, area, (title, rows, shown.offset), theme);
        return;
    }
    // The columns fit the width: on a narrow screen the time loses its seconds and the caller
    // its column (Enter shows both); cut cells end in an ellipsis.
    let room = usize::from(area.width.saturating_sub(4));
    let wide = room >= 100;
    let time_width = if wide { 19 } else { 16 };
    let rest = room.saturating_sub(time_width + if wide { 4 } else { 3 });
    let (action, user, result) = if wide {
        (26, (rest - 26) / 3, (rest - 26) / 3)
    } else {
        (rest * 3 / 10, rest * 3 / 10, rest - 2 * (rest * 3 / 10))
    };
    let who = rest.saturating_sub(action + user + result);
    let rows = entries.iter().map(|e| {
        let time = e
            .time
            .get(..time_width)
            .unwrap_or(&e.time)
            .replace('T', " ");
        let result_style = if e.result == "ok" {
            theme.ok
        } else {
            theme.bad
        };
        let mut cells = vec![
            Span::raw(time),
            Span::raw(fit(&e.action, action)),
            Span::raw(fit(&e.targets.join(", "), user)),
            Span::styled(fit(&e.result, result), result_style),
        ];
        if wide {
            cells.push(Span::styled(fit(&e.identity, who), theme.dim));
        }
        Row::new(cells)
    });
    let length = |w: usize| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX));
    let mut widths = vec![
        length(time_width),
        length(action),
        length(user),
        length(result),
    ];
    let mut header = vec!["Time (UTC)", "Action", "User", "Result"];
    if wide {
        widths.push(Constraint::Fill(1));
        header.push("Who");
    }
    let block = with_place(framed(title, theme), selected, entries.len(), area, theme);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.title))
        .row_highlight_style(theme.selected)
        .highlight_symbol("› ")
        .block(block);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// Every field of an audit entry, each value wrapped beside its name.
fn entry_rows(e: &AuditEntry, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    const NAME: usize = 9;
    let fields = [
        ("Time", e.time.clone()),
        ("Pool", e.pool.clone()),
        ("Who", e.identity.clone()),
        ("Action", e.action.clone()),
        ("Users", e.targets.join(", ")),
        ("Result", e.result.clone()),
    ];
    let room = width.saturating_sub(NAME + 1).max(1);
    fields
        .into_iter()
        .flat_map(|(name, value)| {
            wrap(&value, room)
                .into_iter()
                .enumerate()
                .map(move |(i, part)| {
                    let name = if i == 0 { name } else { "" };
                    Line::from(vec![
                        Span::styled(format!(" {name:<NAME$}"), theme.dim),
                        Span::raw(part),
                    ])
                })
        })
        .collect()
}

/// How much of an opened audit entry shows in `area`.
pub(super) fn entry_extent(area: Rect, e: &AuditEntry, theme: &Theme) -> Extent {
    Extent {
        total: entry_rows(e, usize::from(area.width.saturating_sub(2)), theme).len(),
        visible: usize::from(area.height.saturating_sub(2)),
    }
}
