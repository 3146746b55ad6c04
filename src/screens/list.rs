//! Moving the selection of a list screen.

use crate::keys::Command;

/// Where a moving key takes the selection of a list of `len` rows; `None` for other keys.
pub fn moved(selected: usize, len: usize, command: Command, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match command {
        Command::Up => selected.saturating_sub(1),
        Command::Down => (selected + 1).min(last),
        Command::PageUp => selected.saturating_sub(page),
        Command::PageDown => (selected + page).min(last),
        Command::Top => 0,
        Command::Bottom => last,
        _ => return None,
    })
}
