//! Geometry shared by drawing and `update`: the smallest usable terminal, the rows of the status
//! line, the body's area, how far a scrolled view goes, and a list between texts. Pure
//! functions of `&App`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use super::status::{hint_items, status_line};
use super::text::wrap_line;
use crate::app::{App, Status};
use crate::keys::Command;

pub use crate::app::MIN_SIZE;

/// The most rows the hints take; hints that do not fit are left out (help is always shown).
const HINT_ROWS: usize = 2;

/// The most rows a sentence in the status line takes.
const SENTENCE_ROWS: usize = 3;

pub use crate::app::Extent;

/// What shows instead of a layout that would not fit, with the status line's sentence (the quit
/// guard asks there) when there is one.
pub(super) fn render_too_small(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let mut text = vec![
        Line::styled("Terminal too small", theme.title),
        Line::raw(format!(
            "cognitui needs at least {}x{} (columns x rows).",
            MIN_SIZE.0, MIN_SIZE.1
        )),
        Line::raw(format!("This one is {}x{}.", area.width, area.height)),
        Line::raw("Enlarge the window or make the font smaller. Ctrl-C quits."),
    ];
    if let Some(Status::Info(sentence) | Status::Error(sentence)) = app.status() {
        text.push(Line::styled(sentence.clone(), theme.warn));
    }
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// The status line's rows at `width`: a sentence wrapped onto up to three rows, or the hints
/// packed onto up to two, whole hints only, the help key always among them.
pub(super) fn status_rows(app: &App, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    if app.status().is_some() || app.busy().is_some() {
        let mut rows = wrap_line(&status_line(app, theme), width);
        rows.truncate(SENTENCE_ROWS);
        return rows;
    }
    pack(hint_items(app, theme), width)
}

/// Hints, each a few spans, on rows of `width`: in order, whole, on up to two rows; when they
/// do not fit, the last ones are left out, except the help hint.
fn pack(mut items: Vec<(Command, Vec<Span<'static>>)>, width: usize) -> Vec<Line<'static>> {
    loop {
        let rows = rows_of(&items, width);
        if rows.len() <= HINT_ROWS {
            return rows;
        }
        let Some(drop) = items.iter().rposition(|(c, _)| *c != Command::Help) else {
            return rows.into_iter().take(HINT_ROWS).collect();
        };
        items.remove(drop);
    }
}

/// `items` laid on rows of `width`, greedily, each row starting with a space.
fn rows_of(items: &[(Command, Vec<Span<'static>>)], width: usize) -> Vec<Line<'static>> {
    let mut rows: Vec<Vec<Span<'static>>> = vec![vec![Span::raw(" ")]];
    let mut used = 1;
    for (_, item) in items {
        let w: usize = item.iter().map(Span::width).sum();
        if used + w > width && used > 1 {
            rows.push(vec![Span::raw(" ")]);
            used = 1;
        }
        used += w;
        rows.last_mut().expect("a row").extend(item.iter().cloned());
    }
    rows.into_iter().map(Line::from).collect()
}

/// Header, body and status line of `area`, for status rows `status`.
pub(super) fn areas(area: Rect, status: usize) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::try_from(status.max(1)).unwrap_or(1)),
    ])
    .areas(area)
}

/// The body of the screen as the app's terminal size lays it out.
pub fn body(app: &App) -> Rect {
    let area = Rect::new(0, 0, app.size().0, app.size().1);
    let rows = status_rows(app, &Theme::no_color(), area.width).len();
    areas(area, rows)[1]
}

/// Splits `area` into the text above a framed list of `list_items` rows, the list, and the
/// text `below` it. The list keeps three rows at least (half the room when it is long) and the
/// text below gives way first: `below` is cut to what fits. An empty list takes no rows.
pub fn around_list(
    area: Rect,
    above: usize,
    list_items: usize,
    below: &mut Vec<Line<'static>>,
) -> [Rect; 3] {
    let room = usize::from(area.height);
    let list_rows = if list_items == 0 { 0 } else { list_items + 2 };
    let list_min = list_rows.min((room / 2).max(3));
    below.truncate(room.saturating_sub(above + list_min));
    let list_height = list_rows.min(room.saturating_sub(above + below.len()));
    let rows = |n: usize| Constraint::Length(u16::try_from(n).unwrap_or(u16::MAX));
    let [top, middle, bottom, _] = Layout::vertical([
        rows(above),
        rows(list_height),
        rows(below.len()),
        Constraint::Fill(1),
    ])
    .areas(area);
    [top, middle, bottom]
}
