//! The `?` overlay, generated from the keybinding map.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use crate::app::App;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // The help describes the screen underneath, not the overlay itself.
    let context = app.screen_context();
    let lines: Vec<Line> = app
        .keymap
        .help(context)
        .into_iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!("{keys:>16}  "), theme.key),
                Span::raw(what),
            ])
        })
        .collect();
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(66)])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(Line::styled(" Keys (Esc closes) ", theme.title))),
        popup,
    );
}
