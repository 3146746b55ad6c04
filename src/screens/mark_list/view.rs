//! Marking from a list: the field with how to fill it and what was read of it so far, then the
//! look-ups' progress and counts, with the entries that marked no one listed (scrolled when they
//! do not fit).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

use super::{Found, MarkList, MarkPhase, entries};
use crate::app::Extent;
use crate::screens::Shown;
use crate::sentence::count;
use crate::theme::Theme;
use crate::ui::layout::around_list;
use crate::ui::text::{wrap_line, wrap_lines};
use crate::ui::widgets::{TextAroundList, form_screen, framed, progress, text_around_list};

const TITLE: &str = " Mark users from a list ";

/// The lines above the list and the entries that marked no one.
fn parts(m: &MarkList, width: usize, theme: &Theme) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let [marked, nobody, several, failed] = m.counts();
    let state = match (m.phase, m.stopped()) {
        (MarkPhase::Looking, false) => "Looking up",
        (MarkPhase::Looking, true) => "Stopping",
        (_, true) => "Stopped",
        _ => "Done",
    };
    let above = vec![Line::styled(
        format!(
            " {state}: {} marked; {nobody} found no user, {several} found several, {failed} failed.",
            count(marked, "user")
        ),
        theme.title,
    )];
    let list = m
        .entries
        .iter()
        .zip(&m.found)
        .filter_map(|(entry, found)| {
            let (why, style) = match found.as_ref()? {
                Found::User(_) => return None,
                Found::Nobody => (
                    format!("no user has this {}", entry.kind.label()),
                    theme.warn,
                ),
                Found::Several(users) => (
                    format!(
                        "{} have this {}: {} (none marked: mark the one you mean in the table)",
                        users.len(),
                        entry.kind.label(),
                        users.join(", ")
                    ),
                    theme.warn,
                ),
                Found::Failed(why) => (format!("not looked up: {why}"), theme.bad),
            };
            Some(Line::styled(format!(" {}: {why}", entry.text), style))
        })
        .flat_map(|line| wrap_line(&line, width.saturating_sub(2)))
        .collect();
    (above, list)
}

/// "1 entry", "3 entries".
fn entries_count(n: usize) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}

/// Where the gauge, the counts and the list go.
fn plan(
    area: Rect,
    m: &MarkList,
    theme: &Theme,
) -> (Rect, Rect, Vec<Line<'static>>, Rect, Vec<Line<'static>>) {
    let inner = framed(String::new(), theme).inner(area);
    let width = usize::from(inner.width.max(1));
    let [gauge, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let (above, list) = parts(m, width, theme);
    let above = wrap_lines(&above, width);
    let [top, middle, _] = around_list(rest, above.len(), list.len(), &mut Vec::new());
    (gauge, top, above, middle, list)
}

/// How much of the list of entries that marked no one shows.
pub(super) fn extent(area: Rect, m: &MarkList, theme: &Theme) -> Extent {
    let (_, _, _, middle, list) = plan(area, m, theme);
    Extent {
        total: list.len(),
        visible: usize::from(middle.height.saturating_sub(2)),
    }
}

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, m: &MarkList, theme: &Theme) {
    if m.phase == MarkPhase::Typing {
        let read = entries(m.form.value(0));
        let mut notes = vec![
            Line::raw(
                "Paste or type usernames, emails, phone numbers (+15551234567) or subs, one a line or separated by spaces or commas; or @ and the path of a file holding them (@~/users.txt).",
            ),
            Line::raw(
                "Each is looked up exactly (ListUsers, paced like every read); the users found are marked in the table.",
            ),
        ];
        if !read.is_empty() {
            notes.push(Line::styled(
                format!("{} read so far.", entries_count(read.len())),
                theme.ok,
            ));
        }
        form_screen(frame, area, shown, TITLE.into(), notes, &m.form, theme);
        return;
    }
    frame.render_widget(framed(TITLE.into(), theme), area);
    let (gauge, top, above, middle, list) = plan(area, m, theme);
    let done = m.found.iter().flatten().count();
    let label = format!("{done} of {} looked up", m.entries.len());
    progress(frame, gauge, (done, m.entries.len()), label, theme);
    let [_, nobody, several, failed] = m.counts();
    let title = format!(
        " {} marked no one ",
        entries_count(nobody + several + failed)
    );
    text_around_list(
        frame,
        TextAroundList {
            above: (top, above),
            list: (middle, title, list),
            below: (Rect::default(), Vec::new()),
        },
        shown.offset,
        theme,
    );
}
