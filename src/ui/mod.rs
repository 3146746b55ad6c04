//! Rendering: a pure function of the app state.

mod extents;
pub(crate) mod form;
mod geometry;
mod header;
mod help;
pub(crate) mod layout;
pub(crate) mod mfa;
pub(crate) mod page;
pub(crate) mod progressing;
mod status;
pub(crate) mod text;
pub(crate) mod widgets;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub use self::extents::{extent, help_extent};
pub use self::geometry::LAYOUT;
pub use self::layout::{Extent, MIN_SIZE, body};
use crate::app::{App, Screen};
pub use crate::theme::{Palette, Theme};

/// Draws the whole app.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    if let Some(m) = app.module().filter(|m| m.whole_terminal()) {
        m.draw(frame, frame.area(), &app.shown(), theme);
        return;
    }
    if crate::app::too_small((frame.area().width, frame.area().height)) {
        layout::render_too_small(frame, app, theme);
        return;
    }
    // A sentence longer than the screen is wide wraps onto up to three rows, hints onto two.
    let status_rows = layout::status_rows(app, theme, frame.area().width);
    let [header, body, status] = layout::areas(frame.area(), status_rows.len());
    render_header(frame, header, app, theme);
    match app.screen() {
        Screen::Lookup => app.lookup().draw(frame, body, &app.shown(), theme),
        Screen::Confirm(c) => c.draw(frame, body, &app.shown(), theme),
        Screen::Module(m) => m.draw(frame, body, &app.shown(), theme),
    }
    frame.render_widget(Paragraph::new(status_rows), status);
    if app.show_help() {
        help::render(frame, body, app, theme);
    }
}

fn render_header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    if app.options().safety.read_only {
        spans.push(Span::styled(" READ-ONLY ", theme.badge));
    }
    // The pool, client and target shorten to fit beside the badges (see `header`).
    let badges = u16::try_from(Line::from(spans.clone()).width()).unwrap_or(u16::MAX);
    spans.push(Span::raw(header::text(
        app,
        area.width.saturating_sub(badges),
    )));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.header), area);
}

/// `2026-01-31 14:05` in UTC, or a dash.
pub fn date(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(
        || "—".to_owned(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    )
}
