//! Setting a user's password as admin: permanent or temporary, checked against the pool's
//! policy as it is typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::SetPasswordForm;
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::form_screen;

pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    p: &SetPasswordForm,
    theme: &Theme,
) {
    let policy = shown
        .pool
        .map(|pool| pool.password_policy)
        .unwrap_or_default();
    let check = match p.call(&policy) {
        Err(problem) => Line::styled(format!("✗ {problem}"), theme.bad),
        Ok(_) => Line::styled("✓ Meets the pool's password policy.", theme.ok),
    };
    let kind = if p.permanent {
        "Permanent: the user is CONFIRMED and signs in with it."
    } else {
        "Temporary: the user is FORCE_CHANGE_PASSWORD and must choose a new one at sign-in."
    };
    let notes = vec![
        Line::from(vec![
            Span::raw(kind),
            Span::styled(
                format!(
                    "  ({} switches)",
                    shown.key_name(Context::Password, Command::Toggle)
                ),
                theme.dim,
            ),
        ]),
        check,
    ];
    form_screen(
        frame,
        area,
        shown,
        format!(
            " Set the password of {} (AdminSetUserPassword) ",
            p.username
        ),
        notes,
        &p.form,
        theme,
    );
}
