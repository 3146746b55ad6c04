//! Draws a form: one line per field, secrets masked, the cursor in the focused field. The field
//! that has the keyboard is marked in every theme, `NO_COLOR` included: a `›` before its label,
//! its label bold, and its value bold and underlined across the width of the field.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::Form;

/// Narrowest label column, marker included.
const LABEL: usize = 18;

/// What marks the focused field, before its label.
pub const FOCUS_MARKER: &str = "›";

/// Columns of the focused field that are underlined at least (or the rest of the line).
const FIELD: usize = 32;

/// Renders `form` in `area`, one field per line, and places the cursor.
pub fn render(frame: &mut Frame, area: Rect, form: &Form, show_cursor: bool, theme: &Theme) {
    // "› " before every label's place, so that labels line up whichever field has the focus.
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label.chars().count() + 4)
        .max()
        .unwrap_or(0)
        .max(LABEL)
        // A narrow screen keeps room for the value.
        .min(usize::from(area.width) / 2);
    let room = usize::from(area.width).saturating_sub(label_width);
    // A value longer than its room scrolls sideways with the cursor (one column kept for it).
    let scroll = form
        .fields
        .get(form.focus)
        .map_or(0, |f| f.input.visual_scroll(room.saturating_sub(1)));
    let lines: Vec<Line> = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let label: String = f
                .label
                .chars()
                .take(label_width.saturating_sub(3))
                .collect();
            let shown = form.shown(i);
            if i == form.focus {
                let shown: String = shown.chars().skip(scroll).collect();
                let width = shown.chars().count().max(FIELD).min(room.max(1));
                Line::from(vec![
                    Span::styled(format!("{FOCUS_MARKER} "), theme.key),
                    Span::styled(
                        format!("{label:<w$}", w = label_width.saturating_sub(2)),
                        theme.key.patch(theme.title),
                    ),
                    Span::styled(format!("{shown:<width$}"), theme.focus),
                ])
            } else {
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(
                        format!("{label:<w$}", w = label_width.saturating_sub(2)),
                        theme.dim,
                    ),
                    Span::raw(shown),
                ])
            }
        })
        .collect();
    // More fields than rows: the rows around the focused field are shown.
    let top = (form.focus + 1).saturating_sub(usize::from(area.height.max(1)));
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(top).unwrap_or(0), 0)),
        area,
    );
    if let Some(field) = form.fields.get(form.focus)
        && show_cursor
    {
        let offset =
            u16::try_from(field.input.visual_cursor().saturating_sub(scroll)).unwrap_or(u16::MAX);
        let y = area.y + u16::try_from(form.focus - top).unwrap_or(0);
        let label = u16::try_from(label_width).unwrap_or(u16::MAX);
        let x = area.x.saturating_add(label).saturating_add(offset);
        if x < area.right() && y < area.bottom() {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}
