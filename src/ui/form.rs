//! Draws a form: one line per field, secrets masked, the cursor in the focused field.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::Form;

/// Narrowest label column.
const LABEL: usize = 16;

/// Renders `form` in `area`, one field per line, and places the cursor.
pub fn render(frame: &mut Frame, area: Rect, form: &Form, show_cursor: bool, theme: &Theme) {
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label.chars().count() + 2)
        .max()
        .unwrap_or(0)
        .max(LABEL);
    let lines: Vec<Line> = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let style = if i == form.focus {
                theme.title
            } else {
                theme.dim
            };
            Line::from(vec![
                Span::styled(format!("{:<label_width$}", f.label), theme.key),
                Span::styled(form.shown(i), style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    if let Some(field) = form.fields.get(form.focus)
        && show_cursor
    {
        let offset = u16::try_from(field.input.visual_cursor()).unwrap_or(u16::MAX);
        let y = area.y + u16::try_from(form.focus).unwrap_or(0);
        let label = u16::try_from(label_width).unwrap_or(u16::MAX);
        let x = area.x.saturating_add(label).saturating_add(offset);
        if x < area.right() && y < area.bottom() {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}
