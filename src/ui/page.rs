//! A page of text in a frame: wrapped to the frame's width, scrolled when it does not fit, its
//! bottom border saying which rows show (a restore's plan, a comparison).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Theme;
use super::text::wrap_lines;
use super::widgets::scrolled_text;
use crate::app::Extent;

fn wrapped(area: Rect, lines: &[Line<'static>]) -> Vec<Line<'static>> {
    let width = usize::from(area.width.saturating_sub(2).max(1));
    wrap_lines(lines, width)
}

/// How much of `lines` shows in `area`.
pub(crate) fn extent(area: Rect, lines: &[Line<'static>]) -> Extent {
    Extent {
        total: wrapped(area, lines).len(),
        visible: usize::from(area.height.saturating_sub(2)),
    }
}

/// Draws `lines` in a frame titled `title`, from row `offset`.
pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    (title, lines, offset): (String, &[Line<'static>], usize),
    theme: &Theme,
) {
    scrolled_text(frame, area, (title, wrapped(area, lines), offset), theme);
}
