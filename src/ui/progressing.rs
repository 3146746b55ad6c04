//! A screen of work going down a list of users: its frame, a progress bar, lines about the work,
//! and a list (what went wrong) that scrolls when it does not fit, its frame saying which rows
//! show.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

use super::Theme;
use super::layout::around_list;
use super::text::{wrap_line, wrap_lines};
use super::widgets::{TextAroundList, framed, progress, text_around_list};
use crate::app::Extent;

/// What such a screen shows.
pub(crate) struct Progressing {
    pub title: String,
    /// Done, out of.
    pub progress: (usize, usize),
    /// On the bar: "3 of 40 read".
    pub label: String,
    pub above: Vec<Line<'static>>,
    pub list_title: String,
    /// One line an item, wrapped to the width when drawn.
    pub list: Vec<Line<'static>>,
}

/// Where the parts go: the bar, the lines above (wrapped), the list's frame and its rows.
fn plan(area: Rect, p: &Progressing) -> (Rect, Rect, Vec<Line<'static>>, Rect, Vec<Line<'static>>) {
    let inner = ratatui::widgets::Block::bordered().inner(area);
    let width = usize::from(inner.width.max(1));
    let [gauge, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let above = wrap_lines(&p.above, width);
    let list: Vec<Line<'static>> = p
        .list
        .iter()
        .flat_map(|line| wrap_line(line, width.saturating_sub(2)))
        .collect();
    let [top, middle, _] = around_list(rest, above.len(), list.len(), &mut Vec::new());
    (gauge, top, above, middle, list)
}

/// How much of the list shows in `area`.
pub(crate) fn extent(area: Rect, p: &Progressing) -> Extent {
    let (_, _, _, middle, list) = plan(area, p);
    Extent {
        total: list.len(),
        visible: usize::from(middle.height.saturating_sub(2)),
    }
}

/// Draws `p` in `area`, its list scrolled to `offset`.
pub(crate) fn render(frame: &mut Frame, area: Rect, p: Progressing, offset: usize, theme: &Theme) {
    frame.render_widget(framed(p.title.clone(), theme), area);
    let (gauge, top, above, middle, list) = plan(area, &p);
    progress(frame, gauge, p.progress, p.label, theme);
    text_around_list(
        frame,
        TextAroundList {
            above: (top, above),
            list: (middle, p.list_title, list),
            below: (Rect::default(), Vec::new()),
        },
        offset,
        theme,
    );
}
