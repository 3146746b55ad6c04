//! A bulk run: the preview with the CLI equivalent, the progress bar and the summary. The
//! preview lists every user (in as many columns as the width holds) and the summary every
//! failure; either scrolls (arrows, PgUp/PgDn, Home/End) when it does not fit, its frame saying
//! which rows show.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::{BulkPhase, BulkRun};
use crate::app::Extent;
use crate::cognito::admin::AdminCall;
use crate::keys::{Command, Context};
use crate::screens::confirm::bulk_notes;
use crate::screens::{ScreenModule, Shown};
use crate::theme::Theme;
use crate::ui::layout::around_list;
use crate::ui::text::{wrap_line, wrap_lines};
use crate::ui::widgets::{TextAroundList, framed, progress, text_around_list};

/// Where the parts of a bulk screen go, and the rows of its scrolled list.
struct Plan {
    /// Lines above the list (wrapped), and where.
    above: (Rect, Vec<Line<'static>>),
    /// The list's frame, its title and rows.
    list: (Rect, String, Vec<Line<'static>>),
    /// Lines below the list (wrapped), and where.
    below: (Rect, Vec<Line<'static>>),
    /// The progress bar's row, while running and after.
    gauge: Option<Rect>,
}

impl Plan {
    fn visible(&self) -> usize {
        usize::from(self.list.0.height.saturating_sub(2))
    }
}

/// Names in as many columns as `width` holds, read across.
fn name_rows(names: &[String], width: usize) -> Vec<Line<'static>> {
    let column = names.iter().map(|n| n.chars().count()).max().unwrap_or(0) + 2;
    let per_row = (width.saturating_sub(1) / column.max(1)).max(1);
    names
        .chunks(per_row)
        .map(|row| {
            let text = row.iter().fold(String::new(), |mut text, n| {
                let _ = write!(text, "{n:<column$}");
                text
            });
            Line::raw(format!(" {}", text.trim_end()))
        })
        .collect()
}

/// The lines above the list, the list's title and rows, and the lines below it (unwrapped,
/// but for the list's rows).
fn parts(
    shown: &Shown,
    run: &BulkRun,
    width: usize,
    theme: &Theme,
) -> (
    Vec<Line<'static>>,
    String,
    Vec<Line<'static>>,
    Vec<Line<'static>>,
) {
    let mut above = Vec::new();
    let mut below = Vec::new();
    let (title, list) = match run.phase {
        BulkPhase::Preview => {
            if !run.skipped.is_empty() {
                above.push(Line::styled(
                    format!(" Left out, protected: {}", run.skipped.join(", ")),
                    theme.warn,
                ));
            }
            if let Some(note) = &run.note {
                above.push(Line::styled(format!(" {note}"), theme.warn));
            }
            // What the calls do, said before Enter as a single change's confirmation says it.
            let calls = run
                .targets
                .first()
                .map_or(&run.calls[..], |t| run.calls_for(t));
            above.extend(
                bulk_notes(calls)
                    .into_iter()
                    .map(|n| Line::styled(format!(" {n}"), theme.warn)),
            );
            above.push(Line::raw(format!(
                " Sent at most {} a second, never above Cognito's quota for the call, and slowed at once if Cognito throttles. {} starts, {} stops a run.",
                shown.bulk_rate,
                shown.key_name(Context::Bulk, Command::Submit),
                shown.key_name(Context::Bulk, Command::Back),
            )));
            below.push(Line::styled(
                format!(
                    " The same with the AWS CLI ({} copies it):",
                    shown.key_name(Context::Bulk, Command::CopyCli)
                ),
                theme.dim,
            ));
            below.extend(
                shown
                    .cli(&run.cli(shown))
                    .into_iter()
                    .map(|l| Line::styled(format!("   {l}"), theme.key)),
            );
            (
                format!(" {} ", crate::sentence::count(run.targets.len(), "user")),
                name_rows(&run.targets, width.saturating_sub(2)),
            )
        }
        BulkPhase::Running | BulkPhase::Done => {
            above.push(Line::default());
            above.extend(outcome(run, theme));
            if run.phase == BulkPhase::Done && !run.failed.is_empty() {
                below.push(Line::styled(
                    format!(
                        " {} runs the {} failures again.",
                        shown.key_name(Context::Global, Command::Retry),
                        run.failed.len()
                    ),
                    theme.dim,
                ));
            }
            let failures = run
                .failed
                .iter()
                .chain(&run.unknown)
                .flat_map(|(user, why)| {
                    wrap_line(
                        &Line::styled(format!(" {user}: {why}"), theme.bad),
                        width.saturating_sub(2),
                    )
                })
                .collect();
            let title = if run.unknown.is_empty() {
                format!(" {} failed ", run.failed.len())
            } else {
                format!(
                    " {} failed, {} unknown ",
                    run.failed.len(),
                    run.unknown.len()
                )
            };
            (title, failures)
        }
    };
    (above, title, list, below)
}

fn plan(shown: &Shown, area: Rect, run: &BulkRun, theme: &Theme) -> Plan {
    let inner = framed(String::new(), theme).inner(area);
    let width = usize::from(inner.width.max(1));
    let (gauge, rest) = if run.phase == BulkPhase::Preview {
        (None, inner)
    } else {
        let [gauge, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        (Some(gauge), rest)
    };
    let (above, list_title, list, below) = parts(shown, run, width, theme);
    let above = wrap_lines(&above, width);
    let mut below = wrap_lines(&below, width);
    // The list keeps its room and the CLI gives way first. An empty list (no failure yet)
    // takes no frame: the summary says it all.
    let [top, middle, bottom] = around_list(rest, above.len(), list.len(), &mut below);
    Plan {
        above: (top, above),
        list: (middle, list_title, list),
        below: (bottom, below),
        gauge,
    }
}

/// How much of the list (users, or failures) shows.
pub(super) fn extent(shown: &Shown, area: Rect, run: &BulkRun, theme: &Theme) -> Extent {
    let p = plan(shown, area, run, theme);
    Extent {
        total: p.list.2.len(),
        visible: p.visible(),
    }
}

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, run: &BulkRun, theme: &Theme) {
    frame.render_widget(framed(format!(" {} ", run.title), theme), area);
    let p = plan(shown, area, run, theme);
    if let Some(gauge) = p.gauge {
        let (done, total) = (run.done_count(), run.targets.len());
        progress(
            frame,
            gauge,
            (done, total),
            format!("{done} of {total}"),
            theme,
        );
    }
    text_around_list(
        frame,
        TextAroundList {
            above: p.above,
            list: p.list,
            below: p.below,
        },
        shown.offset,
        theme,
    );
}

/// ", 1 unknown" when answers were lost and reading the users again could not tell.
fn unknown_count(run: &BulkRun) -> String {
    if run.unknown.is_empty() {
        String::new()
    } else {
        format!(", {} unknown", run.unknown.len())
    }
}

/// What the run did so far: counts, then the users whose lost answer was found applied.
fn outcome(run: &BulkRun, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let state = match (run.phase, run.cancelled) {
        (BulkPhase::Running, false) => "Running",
        (BulkPhase::Running, true) => "Stopping",
        (_, true) => "Stopped",
        _ => "Done",
    };
    lines.push(Line::from(vec![
        Span::styled(format!(" {state}: "), theme.title),
        Span::styled(format!("{} succeeded", run.succeeded.len()), theme.ok),
        Span::raw(", "),
        Span::styled(format!("{} failed", run.failed.len()), theme.bad),
        Span::raw(unknown_count(run)),
        Span::raw(format!(
            ", {} not sent, {} left out (protected).",
            run.targets.len() - run.next,
            run.skipped.len()
        )),
    ]));
    if !run.lost.is_empty() {
        let creates = |user: &String| matches!(run.calls_for(user), [AdminCall::CreateUser { .. }]);
        let what = if run.lost.iter().all(creates) {
            "Created"
        } else {
            "Applied"
        };
        lines.push(Line::styled(
            format!(
                " {what} though the first answer was lost (read again): {}.",
                run.lost.join(", ")
            ),
            theme.warn,
        ));
    }
    lines
}
