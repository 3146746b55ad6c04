//! How far each screen's scrolled view goes, from the same layout its drawing uses: the app
//! clamps its offsets with these, so PgUp after End moves at once. Pure
//! functions of `&App`; no screen module depends on this one.

use super::help;
use super::layout::{Extent, body};
use crate::app::{App, Screen};

/// How much of the screen's scrolled text shows, for screens that scroll through text (rather
/// than move a selection): the detail, a confirmation, the tokens, the enrolment's notes, and
/// a module screen that says so (a bulk preview or summary, the attribute preview, an opened
/// audit entry, the pool overview, an import's preview).
pub fn extent(app: &App) -> Option<Extent> {
    let area = body(app);
    match app.screen() {
        Screen::Confirm(c) => Some(c.extent(area, &app.shown())),
        Screen::Module(m) => m.extent(area, &app.shown()),
        Screen::Lookup => None,
    }
}

/// How much of the help overlay shows.
pub fn help_extent(app: &App) -> Extent {
    help::extent(app, body(app))
}
