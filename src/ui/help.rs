//! The `?` overlay, generated from the keybinding map. When the keys do not fit in one column
//! of the screen's height, they flow into more columns.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use crate::app::App;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // The help describes the screen underneath, not the overlay itself.
    // What the safety rules refuse here is marked, so nobody reaches for it.
    let entries: Vec<(String, String)> = app
        .keymap
        .help(app.screen_context())
        .into_iter()
        .map(|(keys, command)| {
            let what = match app.refused(command) {
                Some(_) if app.safety.read_only => format!("✗ {} (read-only)", command.describe()),
                Some(_) => format!("✗ {} (protected user)", command.describe()),
                None => command.describe().to_owned(),
            };
            (keys, what)
        })
        .collect();
    let keys_width = entries
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let what_width = entries
        .iter()
        .map(|(_, w)| w.chars().count())
        .max()
        .unwrap_or(0);
    // Each column is as wide as its widest line, plus a gap.
    let column = u16::try_from(keys_width + 2 + what_width + 3).unwrap_or(u16::MAX);
    let lines: Vec<Line> = entries
        .into_iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!("{keys:>keys_width$}  "), theme.key),
                Span::raw(what),
            ])
        })
        .collect();
    let rows = usize::from(area.height.saturating_sub(2).max(1));
    let columns = lines.len().div_ceil(rows).max(1);
    let height = u16::try_from(lines.len().min(rows) + 2).unwrap_or(u16::MAX);
    let width = (column * u16::try_from(columns).unwrap_or(1) + 2).min(area.width);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(Line::styled(" Keys (Esc closes) ", theme.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let areas = Layout::horizontal(vec![Constraint::Length(column); columns]).split(inner);
    for (chunk, column) in lines.chunks(rows).zip(areas.iter()) {
        frame.render_widget(Paragraph::new(chunk.to_vec()), *column);
    }
}
