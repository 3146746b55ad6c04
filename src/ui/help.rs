//! The `?` / F1 overlay, generated from the keybinding map. The keys flow into as few columns
//! as show them all (narrowed to fit the width, long descriptions wrapping under themselves);
//! when even the most columns the width holds do not, the overlay is one column that scrolls
//! (arrows, PgUp/PgDn, Home/End) and its bottom border says which rows are shown.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::layout::Extent;
use super::{Theme, text};
use crate::app::App;

/// Columns between two columns of keys.
const GAP: usize = 3;

/// The narrowest room for a description, when columns are narrowed to fit more of them.
const MIN_WHAT: usize = 28;

/// The overlay laid out for an area: its rows (each across every column) and how many show.
struct HelpLayout {
    rows: Vec<Line<'static>>,
    /// Rows that fit inside the frame.
    visible: usize,
    /// Columns of the frame's inside.
    width: u16,
}

/// The keys of the screen under the overlay, and what each does (refused ones marked).
fn entries(app: &App) -> Vec<(String, String)> {
    // The help describes the screen underneath, not the overlay itself.
    // What the safety rules refuse here is marked, so nobody reaches for it.
    app.keymap()
        .help(app.screen_context())
        .into_iter()
        .map(|(keys, command)| {
            let what = match app.refused(command) {
                Some(_) if app.options().safety.read_only => {
                    format!("✗ {} (read-only)", command.describe())
                }
                Some(_) => format!("✗ {} (protected user)", command.describe()),
                None => command.describe().to_owned(),
            };
            (keys, what)
        })
        .collect()
}

fn layout(app: &App, area: Rect, theme: &Theme) -> HelpLayout {
    let mut entries = entries(app);
    // The user table's status abbreviations in use, after the keys.
    if matches!(app.screen(), crate::app::Screen::Lookup) {
        entries.extend(
            app.lookup()
                .status_legend(area, &app.shown())
                .into_iter()
                .map(|(short, full)| (short.to_owned(), format!("status {full}"))),
        );
    }
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
    let inside = usize::from(area.width.saturating_sub(2)).max(1);
    let avail = usize::from(area.height.saturating_sub(2)).max(1);
    let cell = |keys: &str, what: &str, pad: usize| {
        vec![
            Span::styled(format!("{keys:>keys_width$}  "), theme.key),
            Span::raw(format!("{what:<pad$}")),
        ]
    };
    // An entry in a column `width` wide: its description wrapped under itself.
    let entry_rows = |(keys, what): &(String, String), width: usize| -> Vec<Line<'static>> {
        let room = width.saturating_sub(keys_width + 2).max(8);
        text::wrap(what, room)
            .into_iter()
            .enumerate()
            .map(|(i, part)| {
                let keys = if i == 0 { keys.as_str() } else { "" };
                Line::from(cell(keys, &part, room))
            })
            .collect()
    };
    // The fewest columns that show every entry, column after column, each as tall as the
    // screen allows; in narrower columns long descriptions wrap.
    let natural = keys_width + 2 + what_width;
    let most = ((inside + GAP) / (keys_width + 2 + MIN_WHAT + GAP)).max(1);
    let fitted = (1..=most).find_map(|count| {
        let width = ((inside + GAP) / count - GAP).min(natural);
        let mut columns: Vec<Vec<Line<'static>>> = vec![Vec::new()];
        for entry in &entries {
            let rows = entry_rows(entry, width);
            if columns.last().is_some_and(|c| c.len() + rows.len() > avail) {
                columns.push(Vec::new());
            }
            columns.last_mut().expect("a column").extend(rows);
        }
        (columns.len() <= count && columns.iter().all(|c| c.len() <= avail))
            .then_some((columns, width))
    });
    let rows: Vec<Line<'static>> = match fitted {
        Some((columns, width)) => {
            let height = columns.iter().map(Vec::len).max().unwrap_or(0);
            let blank = Line::from(cell("", "", width.saturating_sub(keys_width + 2)));
            (0..height)
                .map(|r| {
                    let mut spans = Vec::new();
                    for (i, column) in columns.iter().enumerate() {
                        if i > 0 {
                            spans.push(Span::raw(" ".repeat(GAP)));
                        }
                        spans.extend(column.get(r).unwrap_or(&blank).spans.iter().cloned());
                    }
                    Line::from(spans)
                })
                .collect()
        }
        // Not even that: one column the screen's width, which scrolls.
        None => entries
            .iter()
            .flat_map(|entry| entry_rows(entry, inside))
            .collect(),
    };
    let widest = rows.iter().map(Line::width).max().unwrap_or(0);
    let width = u16::try_from(widest.min(inside)).unwrap_or(u16::MAX);
    HelpLayout {
        visible: rows.len().min(avail),
        rows,
        width,
    }
}

/// How much of the overlay shows over `area` (the body of the screen).
pub fn extent(app: &App, area: Rect) -> Extent {
    let l = layout(app, area, &Theme::no_color());
    Extent {
        total: l.rows.len(),
        visible: l.visible,
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let HelpLayout {
        rows,
        visible,
        width,
    } = layout(app, area, theme);
    let total = rows.len();
    let offset = app.help_scroll().min(total.saturating_sub(visible));
    let height = u16::try_from(visible + 2).unwrap_or(u16::MAX);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length((width + 2).min(area.width))])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    let mut block = Block::bordered().title(Line::styled(" Keys (Esc closes) ", theme.title));
    if total > visible {
        block = block.title_bottom(Line::styled(
            format!(
                " {}-{} of {total} · PgUp/PgDn ",
                offset + 1,
                offset + visible
            ),
            theme.title,
        ));
    }
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let shown: Vec<Line> = rows.into_iter().skip(offset).take(visible).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
