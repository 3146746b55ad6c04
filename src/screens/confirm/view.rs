//! The confirmation's drawing: the notes, what the keys do, the AWS CLI equivalent, and the
//! field typed into (the username of a deletion, the ClientMetadata while it is edited).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

use super::ConfirmChange;
use crate::app::Extent;
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::form;
use crate::ui::text::wrap_lines;
use crate::ui::widgets::{framed, scrolled_text};

impl ConfirmChange {
    /// The confirmation's text (notes, what the keys do, the CLI) wrapped in its frame, the
    /// frame, and the area of the typed field (empty when none is asked).
    fn plan(&self, area: Rect, shown: &Shown, theme: &Theme) -> (Vec<Line<'static>>, Rect, Rect) {
        let key = |command| shown.key_name(Context::Confirm, command);
        let mut notes = self.notes.iter();
        let mut lines = vec![Line::styled(
            format!(" {}", notes.next().map_or("", String::as_str)),
            theme.title,
        )];
        lines.extend(notes.map(|n| Line::raw(format!(" {n}"))));
        if self.change.takes_client_metadata() && !shown.metadata.is_empty() {
            lines.push(Line::raw(format!(
                " ClientMetadata for the pool's Lambda triggers: {} ({} edits).",
                crate::cognito::metadata::show(shown.metadata),
                key(Command::ClientMetadata)
            )));
        }
        lines.push(Line::styled(
            format!(
                " {} sends it; {} goes back and sends nothing.",
                key(Command::Submit),
                key(Command::Back)
            ),
            theme.title,
        ));
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(
                " The same with the AWS CLI ({} copies it):",
                key(Command::CopyCli)
            ),
            theme.dim,
        ));
        lines.extend(
            shown
                .cli(&self.cli())
                .into_iter()
                .map(|l| Line::styled(format!("   {l}"), theme.key)),
        );
        let form_rows = if self.typed.is_some() || self.metadata.is_some() {
            3
        } else {
            0
        };
        let [top, bottom] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(form_rows)]).areas(area);
        let rows = wrap_lines(&lines, usize::from(top.width.saturating_sub(2)));
        (rows, top, bottom)
    }

    /// How much of the confirmation's text shows in `area`.
    pub fn extent(&self, area: Rect, shown: &Shown) -> Extent {
        let (rows, top, _) = self.plan(area, shown, &Theme::no_color());
        Extent {
            total: rows.len(),
            visible: usize::from(top.height.saturating_sub(2)),
        }
    }

    /// Draws the confirmation in `area`.
    pub fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        let (rows, top, bottom) = self.plan(area, shown, theme);
        scrolled_text(
            frame,
            top,
            (" Confirm the change ".into(), rows, shown.offset),
            theme,
        );
        let form = match (&self.metadata, &self.typed) {
            (Some(f), _) => Some((" ClientMetadata: Enter keeps it, Esc leaves it ", f)),
            (None, Some(f)) => Some((" Type the username to delete ", f)),
            (None, None) => None,
        };
        if let Some((title, f)) = form {
            let block = framed(title.into(), theme);
            let inner = block.inner(bottom);
            frame.render_widget(block, bottom);
            form::render(frame, inner, f, shown.focused, theme);
        }
    }
}
