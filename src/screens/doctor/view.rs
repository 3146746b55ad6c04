//! The pool doctor: the findings, each with its count, and the selected one's why and fix.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Doctor, Groups};
use crate::screens::Shown;
use crate::sentence::count;
use crate::theme::Theme;
use crate::ui::widgets::{framed, menu};

pub(super) fn render(frame: &mut Frame, area: Rect, _shown: &Shown, d: &Doctor, theme: &Theme) {
    let title = if d.examining.is_some() && d.findings.is_empty() {
        " Pool doctor ".to_owned()
    } else {
        format!(
            " Pool doctor — {} examined ",
            count(d.users_scanned, "user")
        )
    };
    let groups = match &d.groups {
        Groups::Reading { .. } => {
            Some("Reading the groups' members (ListUsersInGroup)…".to_owned())
        }
        Groups::Read(_) => None,
        Groups::Unread(why) => Some(why.clone()),
    };
    if d.findings.is_empty() {
        let mut lines = vec![if d.examining.is_some() {
            Line::styled(" Examining the loaded users…", theme.dim)
        } else {
            Line::styled(" No user is in a known trap.", theme.ok)
        }];
        lines.extend(groups.map(|g| Line::styled(format!(" {g}"), theme.dim)));
        frame.render_widget(Paragraph::new(lines).block(framed(title, theme)), area);
        return;
    }
    let items: Vec<String> = d
        .findings
        .iter()
        .map(|f| format!("{:>6}  {}", f.users.len(), f.kind.title()))
        .collect();
    let list_rows = u16::try_from(items.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let [list, about] =
        Layout::vertical([Constraint::Max(list_rows), Constraint::Min(0)]).areas(area);
    menu(frame, list, title, items, d.selected, theme);
    let Some(finding) = d.findings.get(d.selected) else {
        return;
    };
    let kind = finding.kind;
    let label = |s: &'static str| Span::styled(format!("{s:<6}"), theme.dim);
    let mut lines = vec![
        Line::styled(kind.id(), theme.title),
        Line::from(vec![label("Why"), Span::raw(kind.why())]),
        Line::from(vec![label("Fix"), Span::raw(kind.fix())]),
    ];
    lines.extend(groups.map(|g| Line::styled(g, theme.dim)));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(framed(" Why and the fix ".into(), theme)),
        about,
    );
}
