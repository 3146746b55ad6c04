//! The admin action screens: a change to confirm (with its AWS CLI equivalent), setting a
//! password, and the groups, devices and sign-in events of a user.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState, Wrap};

use super::auth::{form_screen, framed};
use super::{Theme, date, form, not_loaded};
use crate::app::{App, ConfirmChange, ListKind, SetPasswordForm, UserList};
use crate::audit::AuditEntry;
use crate::keys::{Command, Context};

pub fn confirm(frame: &mut Frame, area: Rect, app: &App, c: &ConfirmChange, theme: &Theme) {
    let send = app.key_name(Context::Confirm, Command::Submit);
    let back = app.key_name(Context::Confirm, Command::Back);
    let mut notes = c.notes.iter();
    let mut lines = vec![Line::styled(
        format!(" {}", notes.next().map_or("", String::as_str)),
        theme.title,
    )];
    lines.extend(notes.map(|n| Line::raw(format!(" {n}"))));
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
    let form_rows = if c.typed.is_some() { 3 } else { 0 };
    let [top, bottom] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(form_rows)]).areas(area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(framed(" Confirm the change ".into(), theme)),
        top,
    );
    if let Some(f) = &c.typed {
        let block = framed(" Type the username to delete ".into(), theme);
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
        app,
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
        frame.render_widget(
            Paragraph::new(not_loaded(app))
                .style(theme.dim)
                .block(framed(title, theme)),
            area,
        );
        return;
    };
    let (header, widths, rows) = table(kind, &l.member, theme);
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
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(framed(title, theme)),
            area,
        );
        return;
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.title))
        .row_highlight_style(theme.selected)
        .highlight_symbol("› ")
        .block(framed(title, theme));
    let mut state = TableState::default().with_selected(Some(l.selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The header, column widths and rows of a list.
fn table<'a>(
    kind: &'a ListKind,
    member: &[String],
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
        ListKind::Devices(devices) => (
            vec!["Device", "Key", "Last IP", "Last used (UTC)"],
            vec![
                Constraint::Fill(1),
                Constraint::Fill(1),
                Constraint::Length(16),
                Constraint::Length(16),
            ],
            devices
                .iter()
                .map(|d| {
                    Row::new(vec![
                        d.name.clone().unwrap_or_else(|| "—".into()),
                        d.key.clone(),
                        d.last_ip.clone().unwrap_or_else(|| "—".into()),
                        date(d.last_used),
                    ])
                })
                .collect(),
        ),
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
                        e.response.clone(),
                        e.risk.clone().unwrap_or_else(|| "—".into()),
                        e.ip.clone().unwrap_or_else(|| "—".into()),
                    ])
                })
                .collect(),
        ),
    }
}

/// The audit log, newest first.
pub fn audit(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    (path, entries, selected): (&str, Option<&Vec<AuditEntry>>, usize),
    theme: &Theme,
) {
    let title = format!(" Audit log: {path} ");
    let Some(entries) = entries else {
        frame.render_widget(
            Paragraph::new(not_loaded(app))
                .style(theme.dim)
                .block(framed(title, theme)),
            area,
        );
        return;
    };
    if entries.is_empty() {
        frame.render_widget(
            Paragraph::new("No change has been made yet.")
                .style(theme.dim)
                .block(framed(title, theme)),
            area,
        );
        return;
    }
    let rows = entries.iter().map(|e| {
        let result = if e.result == "ok" {
            Span::styled("ok", theme.ok)
        } else {
            Span::styled(e.result.clone(), theme.bad)
        };
        Row::new(vec![
            Span::raw(e.time.get(..19).unwrap_or(&e.time).replace('T', " ")),
            Span::raw(e.action.clone()),
            Span::raw(e.targets.join(", ")),
            result,
            Span::styled(e.identity.clone(), theme.dim),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(19),
            Constraint::Length(26),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ],
    )
    .header(Row::new(["Time (UTC)", "Action", "User", "Result", "Who"]).style(theme.title))
    .row_highlight_style(theme.selected)
    .highlight_symbol("› ")
    .block(framed(title, theme));
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}
