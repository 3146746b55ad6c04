//! The invitation form: what is sent and how, checked as it is typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::InviteForm;
use crate::cognito::model::PoolInfo;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::{check_line, form_screen};

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, i: &InviteForm, theme: &Theme) {
    let days = shown.pool.map_or(
        crate::cognito::model::DEFAULT_TEMPORARY_PASSWORD_DAYS,
        |p| p.temporary_password_validity_days,
    );
    let problem = i.invitation(&shown.pool.map(|p| p.password_policy).unwrap_or_default());
    let mut notes = vec![
        Line::styled(
            format!(
                "Creates the user as admin (AdminCreateUser); the temporary password is valid {days} days."
            ),
            theme.dim,
        ),
        Line::from(vec![
            Span::styled("Delivery ", theme.dim),
            Span::raw(i.delivery.label()),
            Span::styled("   Mark email/phone verified ", theme.dim),
            Span::raw(if i.mark_verified { "yes" } else { "no" }),
        ]),
        Line::styled(
            "Leave the password empty for Cognito to make one (then only the message has it).",
            theme.dim,
        ),
        check_line(problem.err(), "Ready to invite.", theme),
    ];
    if let Some(note) = shown.pool.and_then(PoolInfo::username_case_note) {
        notes.insert(1, Line::styled(note, theme.dim));
    }
    form_screen(
        frame,
        area,
        shown,
        " Invite a user ".into(),
        notes,
        &i.form,
        theme,
    );
}
