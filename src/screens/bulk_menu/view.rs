//! The bulk menu: what to do to the marked users, then which group, or which attribute and
//! its value (checked as it is typed).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{BULK_KINDS, BulkKind, BulkMenu, attribute_set};
use crate::app::MFA_CHOICES;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::{form_screen, menu};

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, m: &BulkMenu, theme: &Theme) {
    let marked = shown.marked;
    if let Some(form) = &m.attribute {
        let title =
            format!(" Set an attribute on the {marked} marked users (AdminUpdateUserAttributes) ");
        let check = match attribute_set(form, shown.pool) {
            Err(problem) => Line::styled(format!("✗ {problem}"), theme.bad),
            Ok(_) => Line::styled("✓ Ready: Enter shows the run's preview.", theme.ok),
        };
        let notes = vec![
            Line::raw(
                "Every marked user gets this value. A contact (email, phone) is changed on each user's page.",
            ),
            check,
        ];
        form_screen(frame, area, shown, title, notes, form, theme);
        return;
    }
    let (title, items) = match &m.groups {
        _ if m.mfa => (
            format!(" Set which MFA factor for the {marked} marked users? "),
            MFA_CHOICES.iter().map(|c| c.label.to_owned()).collect(),
        ),
        Some((BulkKind::RemoveFromGroup, groups)) => (
            format!(" Remove {marked} marked users from which group? "),
            groups.clone(),
        ),
        Some((_, groups)) => (
            format!(" Add {marked} marked users to which group? "),
            groups.clone(),
        ),
        None => (
            format!(" Do what to the {marked} marked users? "),
            BULK_KINDS.iter().map(|k| k.label().to_owned()).collect(),
        ),
    };
    menu(frame, area, title, items, m.selected, theme);
}
