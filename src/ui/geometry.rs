//! The layout the app sizes its views with: the same functions the drawing uses.

use super::{body, extent, help_extent};
use crate::app::{App, Extent, Layout};

/// The rendering layer's layout, handed to the app when it is made.
#[derive(Debug)]
pub struct Drawn;

/// The one layout there is.
pub static LAYOUT: Drawn = Drawn;

impl Layout for Drawn {
    fn body(&self, app: &App) -> ratatui::layout::Rect {
        body(app)
    }

    fn extent(&self, app: &App) -> Option<Extent> {
        extent(app)
    }

    fn help_extent(&self, app: &App) -> Extent {
        help_extent(app)
    }
}
