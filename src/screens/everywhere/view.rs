//! The search of every pool: what to find and where, then a row per hit (pool, user, email,
//! status), the pools with more matches, and the pools that could not be searched.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};

use super::Everywhere;
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::form;
use crate::ui::widgets::not_loaded;

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, e: &Everywhere, theme: &Theme) {
    let block = Block::bordered().title(Line::styled(" Find a user in every pool ", theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [field, about, results] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(1),
    ])
    .areas(inner);
    form::render(frame, field, &e.form, true, theme);
    let scope_key = shown.key_name(Context::Form, Command::CycleScope);
    frame.render_widget(
        Paragraph::new(format!(
            "An email, +phone or username; end with * for a prefix. Searching {} ({scope_key} changes).",
            e.scope.label()
        ))
        .style(theme.dim)
        .wrap(Wrap { trim: true }),
        about,
    );
    let Some(found) = &e.found else {
        let text = if e.searched.is_some() {
            not_loaded(shown)
        } else {
            String::new()
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim), results);
        return;
    };
    let pools = if found.searched == 1 { "pool" } else { "pools" };
    let mut notes: Vec<String> = vec![format!(
        "{} found in {} {pools}.",
        found.hits.len(),
        found.searched
    )];
    notes.extend(
        found
            .more
            .iter()
            .map(|p| format!("{} has more matches: type more of it.", p.name)),
    );
    notes.extend(
        found
            .failures
            .iter()
            .map(|(p, why)| format!("{} not searched: {why}", p.name)),
    );
    let note_rows = u16::try_from(notes.len().min(4)).unwrap_or(4);
    let [table_area, notes_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(note_rows)]).areas(results);
    let rows = found.hits.iter().map(|h| {
        let status = if h.enabled {
            h.status.as_api().to_owned()
        } else {
            format!("{} (disabled)", h.status.as_api())
        };
        Row::new(vec![
            h.pool.name.clone(),
            h.username.clone(),
            h.email.clone().unwrap_or_default(),
            status,
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Percentage(25),
            Constraint::Percentage(25),
            Constraint::Percentage(30),
            Constraint::Percentage(20),
        ],
    )
    .header(Row::new(vec!["Pool", "Username", "Email", "Status"]).style(theme.title))
    .row_highlight_style(theme.selected)
    .highlight_symbol("› ");
    let mut state =
        TableState::default().with_selected((!found.hits.is_empty()).then_some(e.selected));
    frame.render_stateful_widget(table, table_area, &mut state);
    frame.render_widget(
        Paragraph::new(notes.join("\n"))
            .style(theme.dim)
            .wrap(Wrap { trim: true }),
        notes_area,
    );
}
