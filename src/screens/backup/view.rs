//! The backup screen: the file name (with the absolute path it stands for) and the MFA choice,
//! then the backup's progress, then what was written where.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{BackupPhase, BackupView};
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::sentence::{count, stopped};
use crate::theme::Theme;
use crate::ui::widgets::{form_screen, framed, render_message};

const TITLE: &str = " Back up the pool ";

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, b: &BackupView, theme: &Theme) {
    let key = |command| shown.key_name(Context::Backup, command);
    if b.phase == BackupPhase::Form {
        let notes = vec![
            Line::raw(
                "Writes the pool's settings, its app clients (never a secret), its groups, every user (every attribute, status, dates) and every membership to one file, readable by you only. Users are read within the read rate.",
            ),
            Line::styled(
                format!(
                    "MFA settings: {} ({} switches; reading them takes one call a user).",
                    if b.mfa { "included" } else { "not included" },
                    key(Command::Toggle)
                ),
                theme.dim,
            ),
            Line::from(vec![
                Span::styled("Writes to ", theme.dim),
                Span::styled(b.target(&shown.dirs).display().to_string(), theme.title),
            ]),
            Line::styled(
                format!(
                    "{} carries on a backup this file holds that was cut short.",
                    key(Command::Resume)
                ),
                theme.dim,
            ),
        ];
        form_screen(frame, area, shown, TITLE.into(), notes, &b.form, theme);
        return;
    }
    let path = b.path.display().to_string();
    let tally = b.tally.line();
    let mut lines = vec![Line::raw("")];
    match &b.phase {
        BackupPhase::Running => {
            let what = if b.resumed { "Resuming" } else { "Writing" };
            lines.push(Line::raw(format!(" {what} {path}…")));
            lines.push(Line::styled(
                format!(
                    " {}",
                    if tally.is_empty() {
                        "Reading the pool's settings…"
                    } else {
                        &tally
                    }
                ),
                theme.ok,
            ));
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(
                    " {} stops (what is written stays, to resume).",
                    key(Command::Back)
                ),
                theme.dim,
            ));
        }
        BackupPhase::Done(written) => {
            lines.push(Line::styled(
                format!(
                    " Backed up {}, {} and {} to {path} (readable by you only).",
                    count(written.users, "user"),
                    count(written.groups, "group"),
                    count(written.members, "membership")
                ),
                theme.ok,
            ));
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(" {} goes back.", key(Command::Back)),
                theme.dim,
            ));
        }
        BackupPhase::Stopped | BackupPhase::Failed(_) => {
            let why = match &b.phase {
                BackupPhase::Failed(e) => format!("The backup stopped: {}", stopped(e)),
                _ => "You stopped the backup.".to_owned(),
            };
            lines.push(Line::styled(format!(" {why}"), theme.warn));
            if !tally.is_empty() {
                lines.push(Line::raw(format!(" Last: {tally}")));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(
                    " What is written stays in {path}. {} carries it on without reading again what is written; {} goes back.",
                    key(Command::Resume),
                    key(Command::Back)
                ),
                theme.dim,
            ));
        }
        BackupPhase::Form => {}
    }
    render_message(frame, area, lines, framed(TITLE.into(), theme));
}
