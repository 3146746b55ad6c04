//! Marking from a list: the field with how to fill it and what was read of it so far, then the
//! look-ups' progress and counts, with the entries that marked no one listed (scrolled when they
//! do not fit).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{Found, MarkList, MarkPhase, entry_count};
use crate::app::Extent;
use crate::screens::Shown;
use crate::sentence::count;
use crate::theme::Theme;
use crate::ui::progressing::{self, Progressing};
use crate::ui::widgets::form_screen;

const TITLE: &str = " Mark users from a list ";

/// The look-ups under way or done: counts, and the entries that marked no one.
fn work(m: &MarkList, theme: &Theme) -> Progressing {
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
        .collect();
    let done = m.found.iter().flatten().count();
    Progressing {
        title: TITLE.into(),
        progress: (done, m.entries.len()),
        label: format!("{done} of {} looked up", m.entries.len()),
        above,
        list_title: format!(
            " {} marked no one ",
            entries_count(nobody + several + failed)
        ),
        list,
    }
}

/// "1 entry", "3 entries".
fn entries_count(n: usize) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}

/// How much of the list of entries that marked no one shows.
pub(super) fn extent(area: Rect, m: &MarkList, theme: &Theme) -> Extent {
    progressing::extent(area, &work(m, theme))
}

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, m: &MarkList, theme: &Theme) {
    if m.phase == MarkPhase::Typing {
        let read = entry_count(m.form.value(0));
        let mut notes = vec![
            Line::raw(
                "Paste or type usernames, emails, phone numbers (+15551234567) or subs, one a line or separated by spaces or commas; or @ and the path of a file holding them (@~/users.txt).",
            ),
            Line::raw(
                "Each is looked up exactly (ListUsers, paced like every read); the users found are marked in the table.",
            ),
        ];
        if read > 0 {
            notes.push(Line::styled(
                format!("{} read so far.", entries_count(read)),
                theme.ok,
            ));
        }
        form_screen(frame, area, shown, TITLE.into(), notes, &m.form, theme);
        return;
    }
    progressing::render(frame, area, work(m, theme), shown.offset, theme);
}
