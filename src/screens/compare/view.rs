//! The compare screen: the other side typed, the reading's progress, then what differs with
//! the counts first, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{ComparePhase, CompareView};
use crate::app::Extent;
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::sentence::stopped;
use crate::theme::Theme;
use crate::ui::page;
use crate::ui::widgets::{form_screen, framed, render_message};

const TITLE: &str = " Compare ";

/// The comparison's lines: whether the sides match, then what differs.
fn lines(shown: &Shown, c: &CompareView, theme: &Theme) -> Vec<Line<'static>> {
    let ComparePhase::Shown(comparison) = &c.phase else {
        return Vec::new();
    };
    let verdict = if comparison.same() {
        Line::styled(
            format!("{} and {} match.", comparison.a, comparison.b),
            theme.ok,
        )
    } else {
        Line::styled(
            format!("{} and {} differ.", comparison.a, comparison.b),
            theme.warn,
        )
    };
    let mut lines = vec![verdict, Line::raw("")];
    lines.extend(comparison.text().lines().map(|l| Line::raw(l.to_owned())));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "{} compares with another; Esc twice goes back to the table.",
            shown.key_name(Context::Compare, Command::Back)
        ),
        theme.dim,
    ));
    lines
}

pub(super) fn extent(area: Rect, shown: &Shown, c: &CompareView, theme: &Theme) -> Extent {
    page::extent(area, &lines(shown, c, theme))
}

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, c: &CompareView, theme: &Theme) {
    let key = |command| shown.key_name(Context::Compare, command);
    let pool = shown
        .pool
        .map_or_else(String::new, |p| format!(" ({})", p.name));
    match &c.phase {
        ComparePhase::Form => {
            let notes = vec![
                Line::raw(format!(
                    "Compares this pool{pool} with another pool, or with a backup file: users only in one, users in both that differ (status, enabled, each attribute but sub, groups), and groups that differ."
                )),
                Line::styled(
                    "Each pool is read whole (every user, group and membership), within the read rate: a large pool takes a while.",
                    theme.dim,
                ),
            ];
            form_screen(frame, area, shown, TITLE.into(), notes, &c.form, theme);
        }
        ComparePhase::Shown(_) => {
            let lines = lines(shown, c, theme);
            page::render(frame, area, (TITLE.into(), &lines, shown.offset), theme);
        }
        ComparePhase::Reading | ComparePhase::Failed(_) => {
            let tally = c.tally.line();
            let lines = match &c.phase {
                ComparePhase::Failed(e) => vec![
                    Line::raw(""),
                    Line::styled(
                        format!(" The comparison stopped: {}", stopped(e)),
                        theme.warn,
                    ),
                    Line::raw(""),
                    Line::styled(
                        format!(" {} goes back to the form.", key(Command::Back)),
                        theme.dim,
                    ),
                ],
                _ => vec![
                    Line::raw(""),
                    Line::raw(format!(
                        " Reading this pool{pool} and {}…",
                        c.form.value(0).trim()
                    )),
                    Line::styled(format!(" {tally}"), theme.ok),
                    Line::raw(""),
                    Line::styled(format!(" {} stops.", key(Command::Back)), theme.dim),
                ],
            };
            render_message(frame, area, lines, framed(TITLE.into(), theme));
        }
    }
}
