//! The report: how far the reads are, what they found, where the values went, and the users
//! that could not be read (scrolled when they do not fit).

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

use super::{DORMANT_DAYS, Report};
use crate::app::Extent;
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::sentence::count;
use crate::theme::Theme;
use crate::ui::layout::around_list;
use crate::ui::text::{wrap_line, wrap_lines};
use crate::ui::widgets::{TextAroundList, framed, progress, text_around_list};

/// The lines above the list, and the users that could not be read.
fn parts(
    shown: &Shown,
    r: &Report,
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
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
            " The table shows them as columns (report:mfa, report:preferred_mfa, report:groups{}): {} sorts by them, {} filters (report:mfa=none), {} exports them with the users. A new search reads the users afresh, without them.",
            if r.no_sign_ins.is_none() { ", report:last_sign_in" } else { "" },
            key(Command::Sort),
            key(Command::Refine),
            key(Command::Export),
        )));
    }
    let list = r
        .failed
        .iter()
        .flat_map(|(user, why)| {
            wrap_line(
                &Line::styled(format!(" {user}: {why}"), theme.bad),
                width.saturating_sub(2),
            )
        })
        .collect();
    (above, list)
}

type Plan = (Rect, Rect, Vec<Line<'static>>, Rect, Vec<Line<'static>>);

fn plan(area: Rect, shown: &Shown, r: &Report, theme: &Theme) -> Plan {
    let inner = framed(String::new(), theme).inner(area);
    let width = usize::from(inner.width.max(1));
    let [gauge, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let (above, list) = parts(shown, r, width, theme);
    let above = wrap_lines(&above, width);
    let [top, middle, _] = around_list(rest, above.len(), list.len(), &mut Vec::new());
    (gauge, top, above, middle, list)
}

/// How much of the users that could not be read shows.
pub(super) fn extent(area: Rect, shown: &Shown, r: &Report, theme: &Theme) -> Extent {
    let (_, _, _, middle, list) = plan(area, shown, r, theme);
    Extent {
        total: list.len(),
        visible: usize::from(middle.height.saturating_sub(2)),
    }
}

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, r: &Report, theme: &Theme) {
    frame.render_widget(framed(format!(" Report: {} ", r.scope), theme), area);
    let (gauge, top, above, middle, list) = plan(area, shown, r, theme);
    let done = r.done_count();
    let label = format!("{done} of {} read", r.users.len());
    progress(frame, gauge, (done, r.users.len()), label, theme);
    let title = format!(" {} could not be read ", count(r.failed.len(), "user"));
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
