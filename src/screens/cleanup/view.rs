//! The cleanup form, under what it does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Cleanup;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::form_screen;

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, c: &Cleanup, theme: &Theme) {
    form_screen(
        frame,
        area,
        shown,
        " Clean up stale UNCONFIRMED users ".into(),
        vec![Line::raw(
            "Loaded UNCONFIRMED users created more than this many days ago are shown for deletion first.",
        )],
        &c.form,
        theme,
    );
}
