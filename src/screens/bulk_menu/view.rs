//! The bulk menu: what to do to the marked users, then which group.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{BULK_KINDS, BulkKind, BulkMenu};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::menu;

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, m: &BulkMenu, theme: &Theme) {
    let marked = shown.marked;
    let (title, items) = match &m.groups {
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
