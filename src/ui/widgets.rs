//! Pieces several screens draw with: a titled frame, a form under its notes, a menu, a scrolled
//! text, a message in a frame, a selectable table, and what a screen shows before its data
//! arrives.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{
    Block, Gauge, List, ListItem, ListState, Paragraph, Row, Table, TableState, Wrap,
};

use super::text::position;
use super::{Theme, form};
use crate::keys::{Command, Context};
use crate::screens::Shown;

/// A progress bar of `done` out of `total`, with `label` on it ("3 of 40 read").
pub(crate) fn progress(
    frame: &mut Frame,
    area: Rect,
    (done, total): (usize, usize),
    label: String,
    theme: &Theme,
) {
    let share = |n: usize| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
    let ratio = share(done) / share(total.max(1));
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.ok)
            .ratio(ratio.clamp(0.0, 1.0))
            .label(label),
        area,
    );
}

/// A bordered block titled `title`.
pub(crate) fn framed<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::bordered().title(Line::styled(title, theme.title))
}

/// Explanatory lines above a form, then the form.
pub(crate) fn form_screen(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    title: String,
    notes: Vec<Line>,
    form: &crate::app::Form,
    theme: &Theme,
) {
    let block = framed(title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Notes wrap on narrow screens; each takes the rows it needs, then one blank row.
    let width = usize::from(inner.width.max(1));
    let rows: usize = notes.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let notes_height = u16::try_from(rows + 1).unwrap_or(u16::MAX);
    let [top, fields] =
        Layout::vertical([Constraint::Length(notes_height), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(notes).wrap(Wrap { trim: false }), top);
    form::render(frame, fields, form, shown.focused, theme);
}

/// A framed list of `items`, `selected` marked.
pub(crate) fn menu(
    frame: &mut Frame,
    area: Rect,
    title: String,
    items: Vec<String>,
    selected: usize,
    theme: &Theme,
) {
    let list = List::new(items.into_iter().map(ListItem::new))
        .block(framed(title, theme))
        .highlight_style(theme.selected)
        .highlight_symbol("› ");
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut state);
}

/// `rows` in a frame titled `title`, from `offset` (clamped), the position in the bottom border.
pub(crate) fn scrolled_text(
    frame: &mut Frame,
    area: Rect,
    (title, rows, offset): (String, Vec<Line<'static>>, usize),
    theme: &Theme,
) {
    let visible = usize::from(area.height.saturating_sub(2));
    let offset = offset.min(rows.len().saturating_sub(visible));
    let mut block = framed(title, theme);
    if let Some(at) = position(offset, visible, rows.len(), "") {
        block = block.title_bottom(Line::styled(at, theme.title));
    }
    let shown: Vec<Line> = rows.into_iter().skip(offset).take(visible).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

/// A sentence in `block`, wrapped: what a screen says instead of a list it has nothing to show
/// in.
pub(crate) fn render_message<'a>(
    frame: &mut Frame,
    area: Rect,
    text: impl Into<Text<'a>>,
    block: Block<'a>,
) {
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
        area,
    );
}

/// A table in `block` under a `header` row, each column as wide as `widths` says, the row
/// `selected` marked.
pub(crate) fn selectable_table<'a>(
    frame: &mut Frame,
    area: Rect,
    (header, widths): (Row<'a>, Vec<Constraint>),
    rows: impl IntoIterator<Item = Row<'a>>,
    (block, selected): (Block<'a>, usize),
    theme: &Theme,
) {
    let table = Table::new(rows, widths)
        .header(header.style(theme.title))
        .row_highlight_style(theme.selected)
        .highlight_symbol("› ")
        .block(block);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// What a screen shows before its data arrives.
pub(crate) fn not_loaded(shown: &Shown) -> String {
    if shown.busy.is_some() {
        return "Loading…".to_owned();
    }
    match shown.keymap.key_for(Context::Global, Command::Retry) {
        Some(key) if shown.can_retry => format!("Not loaded: press {key} to retry."),
        _ => "Not loaded.".to_owned(),
    }
}

/// The placeholder of a screen whose data has not arrived, dimmed in `block`.
pub(crate) fn render_not_loaded(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    block: Block,
    theme: &Theme,
) {
    frame.render_widget(
        Paragraph::new(not_loaded(shown))
            .style(theme.dim)
            .block(block),
        area,
    );
}

/// A table's frame with ` 3 of 120 · PgUp/PgDn ` in its bottom border when its `total` rows do
/// not all fit in `area` (frame and header row aside).
pub(crate) fn with_place<'a>(
    block: Block<'a>,
    selected: usize,
    total: usize,
    area: Rect,
    theme: &Theme,
) -> Block<'a> {
    if total > usize::from(area.height.saturating_sub(3)) {
        block.title_bottom(Line::styled(
            format!(" {} of {total} · PgUp/PgDn ", selected + 1),
            theme.title,
        ))
    } else {
        block
    }
}

/// Text above a framed list and text below it, each part with its area, as laid out by
/// `layout::around_list`.
pub(crate) struct TextAroundList {
    pub above: (Rect, Vec<Line<'static>>),
    /// The list's area, its frame's title and its rows.
    pub list: (Rect, String, Vec<Line<'static>>),
    pub below: (Rect, Vec<Line<'static>>),
}

/// The text above, the list scrolled to `offset` (its frame saying which rows show), and the
/// text below.
pub(crate) fn text_around_list(
    frame: &mut Frame,
    TextAroundList { above, list, below }: TextAroundList,
    offset: usize,
    theme: &Theme,
) {
    frame.render_widget(Paragraph::new(above.1), above.0);
    let (list_area, title, rows) = list;
    if list_area.height > 0 {
        let visible = usize::from(list_area.height.saturating_sub(2));
        let offset = offset.min(rows.len().saturating_sub(visible));
        let mut block = Block::bordered().title(Line::styled(title, theme.title));
        if let Some(at) = position(offset, visible, rows.len(), " rows") {
            block = block.title_bottom(Line::styled(at, theme.title));
        }
        let shown: Vec<Line> = rows.into_iter().skip(offset).take(visible).collect();
        frame.render_widget(Paragraph::new(shown).block(block), list_area);
    }
    frame.render_widget(Paragraph::new(below.1), below.0);
}

/// A line saying whether the form can be sent, or the first thing to fix.
pub(crate) fn check_line(problem: Option<String>, ready: &str, theme: &Theme) -> Line<'static> {
    match problem {
        Some(p) => Line::styled(format!("✗ {p}"), theme.bad),
        None => Line::styled(format!("✓ {ready}"), theme.ok),
    }
}
