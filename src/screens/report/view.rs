//! The report: how far the reads are, what they found, where the values went, and the users
//! that could not be read (scrolled when they do not fit).

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{DORMANT_DAYS, Report};
use crate::app::Extent;
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::sentence::count;
use crate::theme::Theme;
use crate::ui::progressing::{self, Progressing};

/// The reads under way or done: what they found, where the values went, and the users that
/// could not be read.
fn work(shown: &Shown, r: &Report, theme: &Theme) -> Progressing {
    let t = r.tally(shown.now);
    let mut found = format!(
        " {} read: {} without MFA, {} in no group",
        count(r.read.len(), "user"),
        t.without_mfa,
        t.in_no_group
    );
    if r.no_sign_ins.is_none() {
        let _ = write!(
            found,
            ", {} last signed in over {DORMANT_DAYS} days ago, {} with no sign-in among their latest 60 events",
            t.dormant, t.no_sign_in
        );
    }
    found.push('.');
    let mut above = vec![Line::styled(found, theme.title)];
    if let Some(why) = &r.no_sign_ins {
        above.push(Line::styled(format!(" {why}"), theme.warn));
    }
    if r.finished() {
        let key = |c| shown.key_name(Context::Lookup, c);
        above.push(Line::raw(format!(
            " The table shows them as columns of the users it has loaded (report:mfa, report:preferred_mfa, report:groups{}): {} sorts by them, {} filters (report:mfa=none), {} exports them with the users. A new search reads the users afresh, without them.",
            if r.no_sign_ins.is_none() { ", report:last_sign_in" } else { "" },
            key(Command::Sort),
            key(Command::Refine),
            key(Command::Export),
        )));
    }
    let done = r.done_count();
    Progressing {
        title: format!(" Report: {} ", r.scope),
        progress: (done, r.users.len()),
        label: format!("{done} of {} read", r.users.len()),
        above,
        list_title: format!(" {} could not be read ", count(r.failed.len(), "user")),
        list: r
            .failed
            .iter()
            .map(|(user, why)| Line::styled(format!(" {user}: {why}"), theme.bad))
            .collect(),
    }
}

/// How much of the users that could not be read shows.
pub(super) fn extent(area: Rect, shown: &Shown, r: &Report, theme: &Theme) -> Extent {
    progressing::extent(area, &work(shown, r, theme))
}

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, r: &Report, theme: &Theme) {
    progressing::render(frame, area, work(shown, r, theme), shown.offset, theme);
}
