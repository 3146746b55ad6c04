//! Bulk work: the action menu, the preview with the CLI equivalent, the progress bar and the
//! summary.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Wrap};

use super::Theme;
use super::auth::{framed, menu};
use crate::app::{App, BULK_KINDS, BulkMenu, BulkPhase, BulkRun};
use crate::keys::{Command, Context};

pub fn bulk_menu(frame: &mut Frame, area: Rect, app: &App, m: &BulkMenu, theme: &Theme) {
    let marked = app.lookup.marked.len();
    let (title, items) = match &m.groups {
        Some(groups) => (
            format!(" Add {marked} marked users to which group? "),
            groups.clone(),
        ),
        None => (
            format!(" Do what to the {marked} marked users? "),
            BULK_KINDS.iter().map(|k| k.label().to_owned()).collect(),
        ),
    };
    menu(frame, area, title, items, m.selected, theme);
}

/// The first users of a list, then how many more.
fn some_of(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(8).map(String::as_str).collect();
    match names.len().saturating_sub(shown.len()) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

pub fn bulk(frame: &mut Frame, area: Rect, app: &App, run: &BulkRun, theme: &Theme) {
    let block = framed(format!(" {} ", run.title), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    match run.phase {
        BulkPhase::Preview => {
            lines.push(Line::styled(
                format!(" {} users: {}", run.targets.len(), some_of(&run.targets)),
                theme.title,
            ));
            if !run.skipped.is_empty() {
                lines.push(Line::styled(
                    format!(" Left out, protected: {}", some_of(&run.skipped)),
                    theme.warn,
                ));
            }
            if let Some(note) = &run.note {
                lines.push(Line::styled(format!(" {note}"), theme.warn));
            }
            lines.push(Line::raw(format!(
                " Sent at most {} a second, with backoff if Cognito throttles. Enter starts, Esc stops a run.",
                app.bulk_rate
            )));
            lines.push(Line::styled(
                format!(
                    " The same with the AWS CLI ({} copies it):",
                    app.key_name(Context::Bulk, Command::CopyCli)
                ),
                theme.dim,
            ));
            lines.extend(
                app.cli_lines()
                    .into_iter()
                    .map(|l| Line::styled(format!("   {l}"), theme.key)),
            );
        }
        BulkPhase::Running | BulkPhase::Done => {
            let total = run.targets.len().max(1);
            let ratio = f64::from(u32::try_from(run.done_count()).unwrap_or(u32::MAX))
                / f64::from(u32::try_from(total).unwrap_or(u32::MAX));
            let [gauge, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
            frame.render_widget(
                Gauge::default()
                    .gauge_style(theme.ok)
                    .ratio(ratio.clamp(0.0, 1.0))
                    .label(format!("{} of {}", run.done_count(), run.targets.len())),
                gauge,
            );
            lines.push(Line::default());
            let state = match (run.phase, run.cancelled) {
                (BulkPhase::Running, false) => "Running".to_owned(),
                (BulkPhase::Running, true) => "Stopping".to_owned(),
                (_, true) => "Stopped".to_owned(),
                _ => "Done".to_owned(),
            };
            lines.push(Line::from(vec![
                Span::styled(format!(" {state}: "), theme.title),
                Span::styled(format!("{} succeeded", run.succeeded.len()), theme.ok),
                Span::raw(", "),
                Span::styled(format!("{} failed", run.failed.len()), theme.bad),
                Span::raw(format!(
                    ", {} not sent, {} left out (protected).",
                    run.targets.len() - run.next,
                    run.skipped.len()
                )),
            ]));
            for (user, why) in run
                .failed
                .iter()
                .take(usize::from(rest.height.saturating_sub(3)))
            {
                lines.push(Line::styled(format!("   {user}: {why}"), theme.bad));
            }
            if run.phase == BulkPhase::Done && !run.failed.is_empty() {
                lines.push(Line::styled(
                    format!(
                        " {} runs the {} failures again.",
                        app.key_name(Context::Global, Command::Retry),
                        run.failed.len()
                    ),
                    theme.dim,
                ));
            }
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), rest);
            return;
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
