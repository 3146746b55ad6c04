//! The attribute editor: every attribute with its current and new value, the value being
//! typed, and the preview of what will be sent.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState};

use super::auth::framed;
use super::{Theme, form};
use crate::app::{App, AttributeEditor, AttributeRow, EditorMode};
use crate::keys::{Command, Context};

pub fn render(frame: &mut Frame, area: Rect, app: &App, e: &AttributeEditor, theme: &Theme) {
    if matches!(e.mode, EditorMode::Preview) {
        preview(frame, area, app, e, theme);
        return;
    }
    let form_height = match &e.mode {
        EditorMode::Value(f) | EditorMode::Add(f) => u16::try_from(f.fields.len()).unwrap_or(2) + 2,
        EditorMode::Browse | EditorMode::Preview => 0,
    };
    let [table_area, form_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(form_height)]).areas(area);
    let rows = e.rows.iter().map(|r| row(r, theme));
    let table = Table::new(
        rows,
        [
            Constraint::Length(26),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(10),
        ],
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
        form::render(frame, inner, f, !app.show_help, theme);
    }
}

fn row<'a>(r: &'a AttributeRow, theme: &Theme) -> Row<'a> {
    let (after, mark, style) = match (&r.old, &r.new) {
        _ if r.locked.is_some() => (String::new(), "read-only", theme.dim),
        (_, None) => ("(deleted)".into(), "delete", theme.bad),
        (None, Some(v)) => (v.clone(), "add", theme.ok),
        (Some(old), Some(new)) if old != new => (new.clone(), "change", theme.warn),
        _ => (String::new(), "", theme.dim),
    };
    Row::new(vec![
        Span::raw(r.name.as_str()),
        Span::raw(r.old.as_deref().unwrap_or("—")),
        Span::styled(after, style),
        Span::styled(mark, style),
    ])
}

fn preview(frame: &mut Frame, area: Rect, app: &App, e: &AttributeEditor, theme: &Theme) {
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
            app.key_name(Context::Preview, Command::CopyCli)
        ),
        theme.dim,
    ));
    lines.extend(
        app.cli_lines()
            .into_iter()
            .map(|l| Line::styled(format!("   {l}"), theme.key)),
    );
    frame.render_widget(
        Paragraph::new(lines).block(framed(" Preview: old → new ".into(), theme)),
        area,
    );
}
