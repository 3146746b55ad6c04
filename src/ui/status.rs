//! The status line: the sentence of the last result, the call in flight with its progress, or
//! the key hints of the screen (those that do something for the user shown).

use ratatui::text::{Line, Span};

use super::Theme;
use super::hints::{CONFIRM_HINTS, HELP_HINTS};
use crate::app::{App, Screen, Status};
use crate::keys::{Command, Context};

const SPINNER: [&str; 8] = ["⣾", "⣽", "⣻", "⢿", "⡿", "⣟", "⣯", "⣷"];

/// The status row: the sentence of the last result, the call in flight, or key hints.
pub(super) fn status_line(app: &App, theme: &Theme) -> Line<'static> {
    match app.status() {
        Some(Status::Error(text)) => {
            let retry = app
                .keymap()
                .key_for(Context::Global, Command::Retry)
                .filter(|_| app.can_retry())
                .map(|k| format!("{k} retries · "))
                .unwrap_or_default();
            Line::from(vec![
                Span::styled(format!(" {text} "), theme.error),
                Span::styled(format!("  ({retry}any key dismisses)"), theme.dim),
            ])
        }
        Some(Status::Info(text)) => Line::from(Span::styled(format!(" {text} "), theme.info)),
        None => match app.busy() {
            Some(label) => {
                let spin = SPINNER[app.spinner() % SPINNER.len()];
                let progress = app.lookup().load_progress();
                let hint = if app.abandonable() {
                    "  Esc abandons"
                } else {
                    ""
                };
                Line::from(vec![
                    Span::styled(format!(" {spin} {label}{progress}…"), theme.warn),
                    Span::styled(hint, theme.dim),
                ])
            }
            None => Line::from(
                hint_items(app, theme)
                    .into_iter()
                    .flat_map(|(_, spans)| spans)
                    .collect::<Vec<_>>(),
            ),
        },
    }
}

/// Whether a key of a confirmation does something there.
fn offered_here(app: &App, command: Command) -> bool {
    match (app.screen(), command) {
        (Screen::Confirm(c), Command::ClientMetadata) => {
            c.metadata.is_none() && c.change.takes_client_metadata()
        }
        _ => false,
    }
}

/// Whether a hinted command does something on the current screen.
fn offered(app: &App, command: Command) -> bool {
    match command {
        Command::CopyCli if matches!(app.screen(), Screen::Confirm(c) if c.metadata.is_some()) => {
            false
        }
        Command::CopyCli => !app.cli_lines().is_empty(),
        Command::ClientMetadata => offered_here(app, command),
        _ => true,
    }
}

/// The hints of the screen, each its key and label; the help key is always among them.
pub(super) fn hint_items(app: &App, theme: &Theme) -> Vec<(Command, Vec<Span<'static>>)> {
    let context = app.context();
    let mut items = Vec::new();
    let listed = match (app.screen(), app.show_help()) {
        (_, true) => HELP_HINTS,
        (Screen::Module(module), false) => module.hints(),
        (Screen::Lookup, false) => app.lookup().hints(),
        (Screen::Confirm(_), false) => CONFIRM_HINTS,
    };
    let help = (!listed.iter().any(|(c, _)| *c == Command::Help) && context != Context::Help)
        .then_some((Command::Help, "help"));
    // A module screen says which of its keys do something; the CLI key needs CLI lines.
    let module = app.module().filter(|_| !app.show_help());
    let shown = app.shown();
    for (command, label) in listed
        .iter()
        .copied()
        .chain(help)
        .filter(|(c, _)| match module {
            Some(m) => {
                m.offers(*c, &shown) && (*c != Command::CopyCli || !app.cli_lines().is_empty())
            }
            None => offered(app, *c),
        })
    {
        if let Some(key) = app.keymap().key_for(context, command) {
            let label = match (command, app.screen()) {
                (_, Screen::Module(m)) if !app.show_help() => m.label(command, label),
                // While the ClientMetadata is edited, Enter keeps it and sends nothing.
                (Command::Submit, Screen::Confirm(c)) if c.metadata.is_some() => "keep it",
                (Command::Back, Screen::Confirm(c)) if c.metadata.is_some() => "leave it as it was",
                _ => label,
            };
            // A key the safety rules refuse is marked, not hidden: it says why when pressed.
            let mark = if app.refused(command).is_some() {
                "✗"
            } else {
                ""
            };
            items.push((
                command,
                vec![
                    Span::styled(format!("{mark}{key}"), theme.key),
                    Span::styled(format!(" {label}  "), theme.dim),
                ],
            ));
        }
    }
    items
}
