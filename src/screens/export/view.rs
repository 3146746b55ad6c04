//! The export screen: file name (with the absolute path it stands for) and groups choice, then
//! progress, the question when the file exists, then where it went.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{ExportPhase, ExportRun};
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::{form_screen, framed, progress};

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, run: &ExportRun, theme: &Theme) {
    if run.phase == ExportPhase::Form {
        let notes = vec![
            Line::raw(format!(
                "Exports the {}: attributes, status, enabled, dates. The extension, .csv or .json, decides the format.",
                run.scope
            )),
            Line::styled(
                format!(
                    "Groups: {} ({} switches; reading them takes one call a user).",
                    if run.with_groups {
                        "included"
                    } else {
                        "not included"
                    },
                    shown.key_name(Context::Export, Command::Toggle)
                ),
                theme.dim,
            ),
            Line::from(vec![
                Span::styled("Writes to ", theme.dim),
                Span::styled(run.target(&shown.dirs).display().to_string(), theme.title),
            ]),
        ];
        form_screen(
            frame,
            area,
            shown,
            " Export users ".into(),
            notes,
            &run.form,
            theme,
        );
        return;
    }
    let block = framed(" Export users ".into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if run.phase == ExportPhase::Exists {
        let question = format!(
            "{} exists: replace it? {} replaces, {} goes back to the form.",
            run.path.display(),
            shown.key_name(Context::Export, Command::Submit),
            shown.key_name(Context::Export, Command::Back),
        );
        let text = vec![
            Line::raw(""),
            Line::styled(format!(" {question}"), theme.warn),
            Line::raw(""),
            Line::styled(" Nothing is written until you choose.", theme.dim),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
        return;
    }
    let [gauge, text] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let total = run.rows.len().max(1);
    let done = match run.phase {
        ExportPhase::Fetching | ExportPhase::Cancelled => run.fetched,
        _ => total,
    };
    let label = format!("groups of {done} of {} users", run.rows.len());
    progress(frame, gauge, (done, total), label, theme);
    let line = match &run.phase {
        ExportPhase::Fetching => "Reading groups… Esc cancels (nothing is written).".to_owned(),
        ExportPhase::Writing => "Writing the file…".to_owned(),
        ExportPhase::Done(n) => {
            format!(
                "Exported {} to {}. Esc goes back.",
                crate::sentence::count(*n, "user"),
                run.path.display()
            )
        }
        ExportPhase::Cancelled => "Cancelled: nothing was written. Esc goes back.".to_owned(),
        ExportPhase::Form | ExportPhase::Exists => String::new(),
    };
    frame.render_widget(
        Paragraph::new(format!("\n {line}")).wrap(Wrap { trim: false }),
        text,
    );
}
