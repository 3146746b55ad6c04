//! The pool's import jobs: a table of every job, and under it the selected job's details
//! (its id, dates, Cognito's message and the CloudWatch log its results are in).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Wrap};

use super::ImportJobsView;
use crate::cognito::import::ImportJob;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::date;
use crate::ui::text::fit;
use crate::ui::widgets::{framed, render_message, render_not_loaded, selectable_table};

/// Rows the selected job's details take, frame included.
const DETAIL_ROWS: u16 = 7;

pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    v: &ImportJobsView,
    theme: &Theme,
) {
    let title = " Import jobs of the pool ".to_owned();
    let Some(jobs) = &v.jobs else {
        render_not_loaded(frame, area, shown, framed(title, theme), theme);
        return;
    };
    if jobs.is_empty() {
        render_message(
            frame,
            area,
            "The pool has no import jobs (I in the table imports a CSV file).",
            framed(title, theme),
        );
        return;
    }
    let [table, details] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(DETAIL_ROWS)]).areas(area);
    let room = usize::from(table.width.saturating_sub(4));
    // Columns: name, status, imported, skipped, failed, created; with their gaps and the
    // selection mark.
    let (status, imported, skipped, failed, when) = (10, 8, 7, 6, 11);
    let name = room
        .saturating_sub(status + imported + skipped + failed + when + 7)
        .max(8);
    let rows = jobs.iter().map(|j| {
        let style = match j.status.as_str() {
            "Failed" | "Expired" => theme.bad,
            "Succeeded" => theme.ok,
            _ => ratatui::style::Style::default(),
        };
        Row::new(vec![
            Span::raw(fit(&j.name, name)),
            Span::styled(j.status.clone(), style),
            Span::raw(j.imported.to_string()),
            Span::raw(j.skipped.to_string()),
            Span::raw(j.failed.to_string()),
            Span::styled(
                j.created
                    .map_or_else(|| "—".into(), |t| t.format("%m-%d %H:%M").to_string()),
                theme.dim,
            ),
        ])
    });
    let place = format!(" {} of {} jobs ", v.selected + 1, jobs.len());
    let block = framed(title, theme).title_bottom(Line::styled(place, theme.title));
    let width = |w: usize| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX));
    selectable_table(
        frame,
        table,
        (
            Row::new(vec![
                "Name", "Status", "Imported", "Skipped", "Failed", "Created",
            ]),
            vec![
                width(name),
                width(status),
                width(imported),
                width(skipped),
                width(failed),
                Constraint::Fill(1),
            ],
        ),
        rows,
        (block, v.selected),
        theme,
    );
    if let Some(job) = v.selected_job() {
        let lines = detail_lines(shown, job, theme);
        let block = framed(format!(" {} ", job.id), theme);
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false }),
            details,
        );
    }
}

/// The selected job: when it started and ended, what Cognito said, where its log is.
fn detail_lines(shown: &Shown, job: &ImportJob, theme: &Theme) -> Vec<Line<'static>> {
    let (pool_id, pool_name) = shown.pool.map_or_else(
        || (String::new(), String::new()),
        |p| (p.id.clone(), p.name.clone()),
    );
    vec![
        Line::from(vec![
            Span::styled("Started ", theme.dim),
            Span::raw(date(job.started)),
            Span::styled("  Completed ", theme.dim),
            Span::raw(date(job.completed)),
        ]),
        Line::from(vec![
            Span::styled("Message ", theme.dim),
            Span::raw(job.message.clone().unwrap_or_else(|| "—".into())),
        ]),
        Line::from(vec![
            Span::styled("Log     ", theme.dim),
            Span::raw(job.log(&pool_id, &pool_name)),
        ]),
    ]
}
