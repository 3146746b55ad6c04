//! The admin action screens: a change to confirm (with its AWS CLI equivalent), setting a
//! password, and the groups, devices and sign-in events of a user.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

use super::layout::Extent;
use super::text::wrap_lines;
use super::widgets::framed;
use super::widgets::scrolled_text;
use super::{Theme, form};
use crate::app::{App, ConfirmChange};
use crate::keys::{Command, Context};

/// The confirmation's text (notes, what the keys do, the CLI) wrapped in its frame, the frame,
/// and the area of the typed username (empty when none is asked).
fn confirm_plan(
    app: &App,
    area: Rect,
    c: &ConfirmChange,
    theme: &Theme,
) -> (Vec<Line<'static>>, Rect, Rect) {
    let send = app.key_name(Context::Confirm, Command::Submit);
    let back = app.key_name(Context::Confirm, Command::Back);
    let mut notes = c.notes.iter();
    let mut lines = vec![Line::styled(
        format!(" {}", notes.next().map_or("", String::as_str)),
        theme.title,
    )];
    lines.extend(notes.map(|n| Line::raw(format!(" {n}"))));
    if c.change.takes_client_metadata() && !app.pool_metadata().is_empty() {
        lines.push(Line::raw(format!(
            " ClientMetadata for the pool's Lambda triggers: {} ({} edits).",
            crate::cognito::metadata::show(app.pool_metadata()),
            app.key_name(Context::Confirm, Command::ClientMetadata)
        )));
    }
    lines.push(Line::styled(
        format!(" {send} sends it; {back} goes back and sends nothing."),
        theme.title,
    ));
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(
            " The same with the AWS CLI ({} copies it):",
            app.key_name(Context::Confirm, Command::CopyCli)
        ),
        theme.dim,
    ));
    lines.extend(
        app.cli_lines()
            .into_iter()
            .map(|l| Line::styled(format!("   {l}"), theme.key)),
    );
    let form_rows = if c.typed.is_some() || c.metadata.is_some() {
        3
    } else {
        0
    };
    let [top, bottom] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(form_rows)]).areas(area);
    let rows = wrap_lines(&lines, usize::from(top.width.saturating_sub(2)));
    (rows, top, bottom)
}

/// How much of the confirmation's text shows.
pub fn confirm_extent(app: &App, area: Rect, c: &ConfirmChange, theme: &Theme) -> Extent {
    let (rows, top, _) = confirm_plan(app, area, c, theme);
    Extent {
        total: rows.len(),
        visible: usize::from(top.height.saturating_sub(2)),
    }
}

pub fn confirm(frame: &mut Frame, area: Rect, app: &App, c: &ConfirmChange, theme: &Theme) {
    let (rows, top, bottom) = confirm_plan(app, area, c, theme);
    scrolled_text(
        frame,
        top,
        (" Confirm the change ".into(), rows, app.view().offset),
        theme,
    );
    let form = match (&c.metadata, &c.typed) {
        (Some(f), _) => Some((" ClientMetadata: Enter keeps it, Esc leaves it ", f)),
        (None, Some(f)) => Some((" Type the username to delete ", f)),
        (None, None) => None,
    };
    if let Some((title, f)) = form {
        let block = framed(title.into(), theme);
        let inner = block.inner(bottom);
        frame.render_widget(block, bottom);
        form::render(frame, inner, f, !app.show_help(), theme);
    }
}
