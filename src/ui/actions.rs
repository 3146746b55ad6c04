//! The admin action screens: a change to confirm (with its AWS CLI equivalent), setting a
//! password, and the groups, devices and sign-in events of a user.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Row, Table, TableState};

use super::layout::Extent;
use super::text::{fit, fit_middle, wrap_lines};
use super::widgets::{form_screen, framed, with_place};
use super::widgets::{render_message, render_not_loaded, scrolled_text};
use super::{Theme, date, form};
use crate::app::{App, ConfirmChange, ListKind, SetPasswordForm, UserList};
use crate::keys::{Command, Context};

/// The confirmation's text (notes, what the keys do, the CLI) wrapped in its frame, the frame,
/// and the area of the typed username (empty when none is asked).
fn confirm_plan(
    app: &App,
    area: Rect,
    c: &ConfirmChange,
    theme: &Theme,
) -> (Vec<Line<'static>>, Rect, Rect) {
    let send = app.key_name(Context::Confirm, Command::Submit);
    let back = app.key_name(Context::Confirm, Command::Back);
    let mut notes = c.notes.iter();
    let mut lines = vec![Line::styled(
        format!(" {}", notes.next().map_or("", String::as_str)),
        theme.title,
    )];
    lines.extend(notes.map(|n| Line::raw(format!(" {n}"))));
    if c.change.takes_client_metadata() && !app.pool_metadata().is_empty() {
        lines.push(Line::raw(format!(
            " ClientMetadata for the pool's Lambda triggers: {} ({} edits).",
            crate::cognito::metadata::show(app.pool_metadata()),
            app.key_name(Context::Confirm, Command::ClientMetadata)
        )));
    }
    lines.push(Line::styled(
        format!(" {send} sends it; {back} goes back and sends nothing."),
        theme.title,
    ));
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(
            " The same with the AWS CLI ({} copies it):",
            app.key_name(Context::Confirm, Command::CopyCli)
        ),
        theme.dim,
    ));
    lines.extend(
        app.cli_lines()
            .into_iter()
            .map(|l| Line::styled(format!("   {l}"), theme.key)),
    );
    let form_rows = if c.typed.is_some() || c.metadata.is_some() {
        3
    } else {
        0
    };
    let [top, bottom] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(form_rows)]).areas(area);
    let rows = wrap_lines(&lines, usize::from(top.width.saturating_sub(2)));
    (rows, top, bottom)
}

/// How much of the confirmation's text shows.
pub fn confirm_extent(app: &App, area: Rect, c: &ConfirmChange, theme: &Theme) -> Extent {
    let (rows, top, _) = confirm_plan(app, area, c, theme);
    Extent {
        total: rows.len(),
        visible: usize::from(top.height.saturating_sub(2)),
    }
}

pub fn confirm(frame: &mut Frame, area: Rect, app: &App, c: &ConfirmChange, theme: &Theme) {
    let (rows, top, bottom) = confirm_plan(app, area, c, theme);
    scrolled_text(
        frame,
        top,
        (" Confirm the change ".into(), rows, app.view.offset),
        theme,
    );
    let form = match (&c.metadata, &c.typed) {
        (Some(f), _) => Some((" ClientMetadata: Enter keeps it, Esc leaves it ", f)),
        (None, Some(f)) => Some((" Type the username to delete ", f)),
        (None, None) => None,
    };
    if let Some((title, f)) = form {
        let block = framed(title.into(), theme);
        let inner = block.inner(bottom);
        frame.render_widget(block, bottom);
        form::render(frame, inner, f, !app.show_help, theme);
    }
}

pub fn set_password(frame: &mut Frame, area: Rect, app: &App, p: &SetPasswordForm, theme: &Theme) {
    let policy = app
        .pool
        .as_ref()
        .map(|pool| pool.password_policy)
        .unwrap_or_default();
    let check = match crate::app::set_password_problem(p, &policy) {
        Err(problem) => Line::styled(format!("✗ {problem}"), theme.bad),
        Ok(_) => Line::styled("✓ Meets the pool's password policy.", theme.ok),
    };
    let kind = if p.permanent {
        "Permanent: the user is CONFIRMED and signs in with it."
    } else {
        "Temporary: the user is FORCE_CHANGE_PASSWORD and must choose a new one at sign-in."
    };
    let notes = vec![
        Line::from(vec![
            Span::raw(kind),
            Span::styled(
                format!(
                    "  ({} switches)",
                    app.key_name(Context::Password, Command::Toggle)
                ),
                theme.dim,
            ),
        ]),
        check,
    ];
    form_screen(
        frame,
        area,
        &app.shown(),
        format!(
            " Set the password of {} (AdminSetUserPassword) ",
            p.username
        ),
        notes,
        &p.form,
        theme,
    );
}

pub fn list(frame: &mut Frame, area: Rect, app: &App, l: &UserList, theme: &Theme) {
    let title = format!(" {} of {} ", l.what, l.username);
    let Some(kind) = &l.kind else {
        render_not_loaded(frame, area, &app.shown(), framed(title, theme), theme);
        return;
    };
    let (header, widths, rows) = table(kind, &l.member, area.width.saturating_sub(4), theme);
    let message = match kind {
        ListKind::Unavailable(why) => Some(why.as_str()),
        ListKind::Groups(_) if rows.is_empty() => Some("The pool has no groups."),
        ListKind::Devices(_) if rows.is_empty() => {
            Some("Cognito remembers no device for this user.")
        }
        ListKind::Events(_) if rows.is_empty() => Some("No sign-in events recorded for this user."),
        _ => None,
    };
    if let Some(text) = message {
        render_message(frame, area, text, framed(title, theme));
        return;
    }
    let block = with_place(framed(title, theme), l.selected, rows.len(), area, theme);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.title))
        .row_highlight_style(theme.selected)
        .highlight_symbol("› ")
        .block(block);
    let mut state = TableState::default().with_selected(Some(l.selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The header, column widths and rows of a list.
fn table<'a>(
    kind: &'a ListKind,
    member: &[String],
    width: u16,
    theme: &Theme,
) -> (Vec<&'static str>, Vec<Constraint>, Vec<Row<'a>>) {
    match kind {
        ListKind::Groups(all) => (
            vec!["Group", "Member"],
            vec![Constraint::Fill(1), Constraint::Length(8)],
            all.iter()
                .map(|g| {
                    let member = member.contains(g);
                    Row::new(vec![
                        Span::raw(g.clone()),
                        if member {
                            Span::styled("yes", theme.ok)
                        } else {
                            Span::styled("no", theme.dim)
                        },
                    ])
                })
                .collect(),
        ),
        ListKind::Devices(devices) => {
            // The key, which `x` forgets, keeps both ends when cut: they tell keys apart.
            let rest = usize::from(width).saturating_sub(16 + 16 + 3);
            let (name, key) = (rest * 2 / 5, rest - rest * 2 / 5);
            let length = |w: usize| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX));
            (
                vec!["Device", "Key", "Last IP", "Last used (UTC)"],
                vec![
                    length(name),
                    length(key),
                    Constraint::Length(16),
                    Constraint::Length(16),
                ],
                devices
                    .iter()
                    .map(|d| {
                        Row::new(vec![
                            fit(d.name.as_deref().unwrap_or("—"), name),
                            fit_middle(&d.key, key),
                            d.last_ip.clone().unwrap_or_else(|| "—".into()),
                            date(d.last_used),
                        ])
                    })
                    .collect(),
            )
        }
        ListKind::Unavailable(_) => (Vec::new(), Vec::new(), Vec::new()),
        ListKind::Events(events) => (
            vec!["Time (UTC)", "Event", "Result", "Risk", "IP"],
            vec![
                Constraint::Length(16),
                Constraint::Length(16),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Fill(1),
            ],
            events
                .iter()
                .map(|e| {
                    Row::new(vec![
                        date(e.time),
                        e.kind.clone(),
                        // The feedback given, if any, beside what Cognito decided.
                        e.feedback.as_ref().map_or_else(
                            || e.response.clone(),
                            |f| format!("{} ({})", e.response, f.to_lowercase()),
                        ),
                        e.risk.clone().unwrap_or_else(|| "—".into()),
                        e.ip.clone().unwrap_or_else(|| "—".into()),
                    ])
                })
                .collect(),
        ),
    }
}
