//! The terminal's geometry as the rendering layer lays it out. The app clamps its scrolled
//! views, sizes its pages and maps a click to a row with it; the rendering layer provides it
//! (`ui::LAYOUT`), so the state layer knows only this contract and never the drawing code.

use ratatui::layout::Rect;

use super::App;

/// How much of a scrolled view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    /// Rows of the whole content.
    pub total: usize,
    /// Rows that show at once.
    pub visible: usize,
}

impl Extent {
    /// The largest first row: the last rows then fill the view.
    pub fn max(self) -> usize {
        self.total.saturating_sub(self.visible)
    }
}

/// Where things are on screen for the app's state and terminal size, as they are drawn.
pub trait Layout: std::fmt::Debug + Sync {
    /// The body of the screen: below the header, above the status line.
    fn body(&self, app: &App) -> Rect;
    /// How much of the screen's scrolled text shows, for screens that scroll text.
    fn extent(&self, app: &App) -> Option<Extent>;
    /// How much of the help overlay shows.
    fn help_extent(&self, app: &App) -> Extent;
}
