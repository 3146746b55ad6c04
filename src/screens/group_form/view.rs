//! The group form, with what the form would send checked as it is typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::GroupForm;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::form_screen;

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, f: &GroupForm, theme: &Theme) {
    let title = match &f.editing {
        Some(name) => format!(" Edit the group {name} (UpdateGroup) "),
        None => " Create a group (CreateGroup) ".to_owned(),
    };
    let check = match f.spec() {
        Err(problem) => Line::styled(format!("✗ {problem}"), theme.bad),
        Ok(_) => Line::styled("✓ Ready: Enter shows the change to confirm.", theme.ok),
    };
    let notes = vec![
        Line::raw(
            "Precedence is optional: when a user is in several groups, the lowest number decides the IAM role in their tokens.",
        ),
        check,
    ];
    form_screen(frame, area, shown, title, notes, &f.form, theme);
}
