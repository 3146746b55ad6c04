//! The lookup screen: search line, user table (only the visible rows are built), info line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};
use tui_input::Input;

use super::{Theme, date};
use crate::app::{App, Focus};
use crate::cognito::filter::Match;
use crate::cognito::model::{DEFAULT_TEMPORARY_PASSWORD_DAYS, User};

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [search, table, info] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_search(frame, search, app, theme);
    render_table(frame, table, app, theme);
    render_info(frame, info, app, theme);
}

fn render_search(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let l = &app.lookup;
    let op = match l.how {
        Match::Prefix => "^=",
        Match::Exact => "=",
    };
    let label = format!(" Search {} {op} ", l.attribute);
    let field_style = |focused: bool| if focused { theme.title } else { theme.dim };
    let mut spans = vec![
        Span::styled(label.clone(), theme.key),
        Span::styled(
            field_text(&l.query, l.focus == Focus::Search),
            field_style(l.focus == Focus::Search),
        ),
    ];
    let status = l.status_filter.map_or("all", |s| s.label());
    spans.push(Span::styled("  Status: ", theme.key));
    spans.push(Span::raw(status));
    let refine_label = "  Refine: ";
    spans.push(Span::styled(refine_label, theme.key));
    spans.push(Span::styled(
        field_text(&l.refine, l.focus == Focus::Refine),
        field_style(l.focus == Focus::Refine),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);

    // Put the terminal cursor inside the focused field.
    let (input, start) = match l.focus {
        Focus::Search => (&l.query, width(&label)),
        Focus::Refine => {
            let before = width(&label)
                + width(&field_text(&l.query, false))
                + width("  Status: ")
                + width(status)
                + width(refine_label);
            (&l.refine, before)
        }
        Focus::Table => return,
    };
    if app.show_help {
        return;
    }
    let x = area.x + start + u16::try_from(input.visual_cursor()).unwrap_or(u16::MAX);
    if x < area.right() {
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

fn field_text(input: &Input, focused: bool) -> String {
    if input.value().is_empty() && !focused {
        "—".to_owned()
    } else {
        input.value().to_owned()
    }
}

fn width(text: &str) -> u16 {
    u16::try_from(text.chars().count()).unwrap_or(u16::MAX)
}

fn render_table(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let l = &app.lookup;
    let block = Block::new().borders(Borders::TOP | Borders::BOTTOM);
    if l.view.is_empty() && l.complete() {
        let text = if l.users.is_empty() {
            "No users match this search."
        } else {
            "No loaded user matches the refine or status filter."
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim).block(block), area);
        return;
    }
    // Only the rows on screen are built, so 100,000 loaded users cost no more than 20.
    let rows_on_screen = usize::from(area.height.saturating_sub(3));
    let start = l.offset.min(l.view.len());
    let end = (start + rows_on_screen).min(l.view.len());
    let validity_days = app
        .pool
        .as_ref()
        .map_or(DEFAULT_TEMPORARY_PASSWORD_DAYS, |p| {
            p.temporary_password_validity_days
        });
    let rows = l.view[start..end].iter().map(|&u| {
        let user = &l.users[u];
        let marked = l.marked.contains(&user.username);
        user_row(
            user,
            marked,
            user.invitation_expired(app.now, validity_days),
            theme,
        )
    });
    let header = Row::new([
        "Username",
        "Email",
        "Status",
        "Enabled",
        "Created (UTC)",
        "Modified (UTC)",
    ])
    .style(theme.title);
    let table = Table::new(
        rows,
        [
            Constraint::Fill(3),
            Constraint::Fill(4),
            Constraint::Length(21),
            Constraint::Length(7),
            Constraint::Length(16),
            Constraint::Length(16),
        ],
    )
    .header(header)
    .block(block)
    .row_highlight_style(theme.selected)
    .highlight_symbol("› ")
    .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default()
        .with_selected((!l.view.is_empty()).then(|| l.selected.saturating_sub(start)));
    frame.render_stateful_widget(table, area, &mut state);
}

/// One user; an invitation past the pool's validity shows as expired instead of its status.
fn user_row<'a>(user: &'a User, marked: bool, invitation_expired: bool, theme: &Theme) -> Row<'a> {
    let email = match user.email() {
        Some(e) if user.email_verified() => {
            Line::from(vec![Span::raw(e), Span::styled(" ✓", theme.ok)])
        }
        Some(e) => Line::from(vec![Span::raw(e), Span::styled(" ✗", theme.bad)]),
        None => Line::from(Span::styled("—", theme.dim)),
    };
    let name = if marked {
        Line::from(vec![
            Span::styled("● ", theme.warn),
            Span::raw(user.username.as_str()),
        ])
    } else {
        Line::raw(user.username.as_str())
    };
    Row::new([
        Cell::from(name),
        Cell::from(email),
        Cell::from(if invitation_expired {
            Span::styled("INVITATION EXPIRED", theme.bad)
        } else {
            Span::styled(user.status.as_api(), theme.status(&user.status, true))
        }),
        Cell::from(if user.enabled {
            Span::styled("yes", theme.ok)
        } else {
            Span::styled("no", theme.bad)
        }),
        Cell::from(date(user.created)),
        Cell::from(date(user.modified)),
    ])
}

fn render_info(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let l = &app.lookup;
    let shown = if l.view.len() == l.users.len() {
        format!("{} users", l.users.len())
    } else {
        format!("{} of {} loaded users", l.view.len(), l.users.len())
    };
    let more = if l.complete() {
        "all loaded"
    } else if l.pages == 0 && app.busy().is_some() {
        "loading"
    } else if l.pages == 0 {
        "not loaded"
    } else {
        "more on the server (L loads all)"
    };
    let position = if l.view.is_empty() {
        String::new()
    } else {
        format!(" · row {}", l.selected + 1)
    };
    let pages = if l.pages == 1 { "page" } else { "pages" };
    let text = format!(" {shown} · {} {pages} · {more}{position}", l.pages);
    frame.render_widget(Paragraph::new(text).style(theme.dim), area);
}
