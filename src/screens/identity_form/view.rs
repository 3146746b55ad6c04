//! The form that links an external identity to a user, or unlinks one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::IdentityForm;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::form_screen;

pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    f: &IdentityForm,
    theme: &Theme,
) {
    let (title, what) = if f.link {
        (
            format!(
                " Link an external identity to {} (AdminLinkProviderForUser) ",
                f.username
            ),
            format!(
                "Signing in with this identity will sign in as {}. The provider is its name in the pool (the overview lists them); the id is the user's subject there.",
                f.username
            ),
        )
    } else {
        (
            format!(
                " Unlink an external identity from {} (AdminDisableProviderForUser) ",
                f.username
            ),
            format!(
                "Signing in with this identity will no longer sign in as {}.",
                f.username
            ),
        )
    };
    let mut notes = vec![Line::raw(what)];
    if !f.linked.is_empty() {
        notes.push(Line::styled(
            format!("Linked now: {}.", f.linked.join(", ")),
            theme.dim,
        ));
    }
    form_screen(frame, area, shown, title, notes, &f.form, theme);
}
