//! The attribute editor: every attribute with its current and new value, the value being
//! typed, and the preview of what will be sent.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState};

use super::{AttributeEditor, AttributeRow, EditorMode};
use crate::app::Extent;
use crate::keys::{Command, Context};
use crate::screens::{ScreenModule, Shown};
use crate::theme::Theme;
use crate::ui::form;
use crate::ui::text::{fit, position, wrap_lines};
use crate::ui::widgets::framed;

/// Widest attribute name column.
const NAME: usize = 26;

/// Rows the selected attribute's pane shows at most (its frame aside).
const PANE: usize = 5;

pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    e: &AttributeEditor,
    theme: &Theme,
) {
    if matches!(e.mode, EditorMode::Preview) {
        preview(frame, area, shown, e, theme);
        return;
    }
    let form_height = match &e.mode {
        EditorMode::Value(f) | EditorMode::Add(f) => u16::try_from(f.fields.len()).unwrap_or(2) + 2,
        EditorMode::Browse | EditorMode::Preview => 0,
    };
    // The selected attribute whole (values are cut in the table), while browsing and when
    // the table keeps room for a few rows.
    let pane = match (&e.mode, e.rows.get(e.selected)) {
        (EditorMode::Browse, Some(r)) => {
            pane_lines(r, usize::from(area.width.saturating_sub(2)), theme)
        }
        _ => Vec::new(),
    };
    let pane_height = if pane.is_empty() || usize::from(area.height) < pane.len().min(PANE) + 10 {
        0
    } else {
        u16::try_from(pane.len().min(PANE) + 2).unwrap_or(0)
    };
    let [table_area, pane_area, form_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(pane_height),
        Constraint::Length(form_height),
    ])
    .areas(area);
    // Columns: the name, now and after (cut with an ellipsis), and what changes.
    let inside = usize::from(area.width.saturating_sub(4));
    let name = e
        .rows
        .iter()
        .map(|r| r.name.chars().count() + 1)
        .max()
        .unwrap_or(0)
        .clamp(10, NAME)
        .min(inside / 3);
    let mark = 10;
    let values = inside.saturating_sub(name + mark + 3);
    let (now, after) = (values / 2, values - values / 2);
    let rows = e.rows.iter().map(|r| row(r, (name, now, after), theme));
    let length = |w: usize| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX));
    let table = Table::new(
        rows,
        [length(name), length(now), length(after), length(mark)],
    )
    .header(Row::new(["Attribute", "Now", "After", ""]).style(theme.title))
    .row_highlight_style(theme.selected)
    .highlight_symbol("› ")
    .block(framed(
        format!(
            " Edit attributes of {} (nothing is sent before the preview) ",
            e.username
        ),
        theme,
    ));
    let mut state = TableState::default().with_selected(Some(e.selected));
    frame.render_stateful_widget(table, table_area, &mut state);
    if pane_height > 0
        && let Some(r) = e.rows.get(e.selected)
    {
        let shown: Vec<Line> = pane.into_iter().take(PANE).collect();
        frame.render_widget(
            Paragraph::new(shown).block(framed(format!(" {} ", r.name), theme)),
            pane_area,
        );
    }
    if let EditorMode::Value(f) | EditorMode::Add(f) = &e.mode {
        let title = match &e.mode {
            EditorMode::Add(_) => " Add an attribute (custom: prefix optional) ".to_owned(),
            _ => format!(
                " New value of {} ",
                e.rows.get(e.selected).map_or("", |r| r.name.as_str())
            ),
        };
        let block = framed(title, theme);
        let inner = block.inner(form_area);
        frame.render_widget(block, form_area);
        form::render(frame, inner, f, shown.focused, theme);
    }
}

/// The selected attribute's values wrapped in `width`, and why it is read-only if it is.
fn pane_lines(r: &AttributeRow, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![
        Span::styled(" Now    ", theme.dim),
        Span::raw(r.old.clone().unwrap_or_else(|| "—".into())),
    ])];
    if r.new != r.old {
        lines.push(Line::from(vec![
            Span::styled(" After  ", theme.dim),
            Span::raw(r.new.clone().unwrap_or_else(|| "(deleted)".into())),
        ]));
    }
    if let Some(why) = &r.locked {
        lines.push(Line::styled(format!(" {why}"), theme.dim));
    }
    wrap_lines(&lines, width)
}

fn row<'a>(
    r: &'a AttributeRow,
    (name, now, after): (usize, usize, usize),
    theme: &Theme,
) -> Row<'a> {
    let (new, mark, style) = match (&r.old, &r.new) {
        _ if r.locked.is_some() => (String::new(), "read-only", theme.dim),
        (_, None) => ("(deleted)".into(), "delete", theme.bad),
        (None, Some(v)) => (v.clone(), "add", theme.ok),
        (Some(old), Some(new)) if old != new => (new.clone(), "change", theme.warn),
        _ => (String::new(), "", theme.dim),
    };
    Row::new(vec![
        Span::raw(fit(&r.name, name)),
        Span::raw(fit(r.old.as_deref().unwrap_or("—"), now)),
        Span::styled(fit(&new, after), style),
        Span::styled(mark, style),
    ])
}

/// The preview's lines, wrapped to the frame in `area`.
fn preview_rows(
    shown: &Shown,
    area: Rect,
    e: &AttributeEditor,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::raw(format!(" These changes will be sent for {}:", e.username)),
        Line::default(),
    ];
    for l in e.preview() {
        let old = l.old.as_deref().unwrap_or("(none)");
        let new = l.new.as_deref().unwrap_or("(deleted)");
        let mut spans = vec![
            Span::styled(format!("  {:<26}", l.name), theme.key),
            Span::raw(format!("{old} → ")),
            Span::styled(
                new.to_owned(),
                if l.new.is_some() { theme.ok } else { theme.bad },
            ),
        ];
        if let Some(note) = l.note {
            spans.push(Span::styled(format!("  ({note})"), theme.dim));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(
            " Each call is reported on its own. The same with the AWS CLI ({} copies it):",
            shown.key_name(Context::Preview, Command::CopyCli)
        ),
        theme.dim,
    ));
    lines.extend(
        shown
            .cli(&e.cli(shown))
            .into_iter()
            .map(|l| Line::styled(format!("   {l}"), theme.key)),
    );
    wrap_lines(&lines, usize::from(area.width.saturating_sub(2)))
}

/// How much of the preview shows in `area`.
pub(super) fn preview_extent(
    shown: &Shown,
    area: Rect,
    e: &AttributeEditor,
    theme: &Theme,
) -> Extent {
    Extent {
        total: preview_rows(shown, area, e, theme).len(),
        visible: usize::from(area.height.saturating_sub(2)),
    }
}

fn preview(frame: &mut Frame, area: Rect, shown: &Shown, e: &AttributeEditor, theme: &Theme) {
    let rows = preview_rows(shown, area, e, theme);
    let visible = usize::from(area.height.saturating_sub(2));
    let offset = shown.offset.min(rows.len().saturating_sub(visible));
    let mut block = framed(" Preview: old → new ".into(), theme);
    if let Some(at) = position(offset, visible, rows.len(), "") {
        block = block.title_bottom(Line::styled(at, theme.title));
    }
    let shown: Vec<Line> = rows.into_iter().skip(offset).take(visible).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}
