//! The status line: the sentence of the last result, the call in flight with its progress, or
//! the key hints of the screen (those that do something for the user shown).

use ratatui::text::{Line, Span};

use super::Theme;
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
                let throttled = app
                    .slowed()
                    .first()
                    .map(|s| {
                        format!(
                            " · {} slowed to {:.0}/s of {:.0} after Cognito throttled it",
                            s.category.name(),
                            s.rate.floor().max(1.0),
                            s.cap
                        )
                    })
                    .unwrap_or_default();
                let hint = if app.abandonable() {
                    "  Esc abandons"
                } else {
                    ""
                };
                Line::from(vec![
                    Span::styled(format!(" {spin} {label}{progress}…{throttled}"), theme.warn),
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

/// The help overlay's keys.
const HELP_HINTS: &[(Command, &str)] = &[(Command::Back, "close")];

/// The hints of the screen, each its key and label; the help key is always among them.
pub(super) fn hint_items(app: &App, theme: &Theme) -> Vec<(Command, Vec<Span<'static>>)> {
    let context = app.context();
    let mut items = Vec::new();
    let listed = match (app.screen(), app.show_help()) {
        (_, true) => HELP_HINTS,
        (Screen::Module(module), false) => module.hints(),
        (Screen::Lookup, false) => app.lookup().hints(),
        (Screen::Confirm(c), false) => c.hints(),
    };
    let help = (!listed.iter().any(|(c, _)| *c == Command::Help) && context != Context::Help)
        .then_some((Command::Help, "help"));
    // A screen says which of its keys do something; the CLI key needs CLI lines.
    let shown = app.shown();
    let offered = |command: Command| {
        let cli = command != Command::CopyCli || !app.cli_lines().is_empty();
        cli && match (app.screen(), app.show_help()) {
            (Screen::Module(m), false) => m.offers(command, &shown),
            (Screen::Confirm(c), false) => c.offers(command),
            (Screen::Lookup, false) | (_, true) => true,
        }
    };
    for (command, label) in listed.iter().copied().chain(help) {
        let Some(key) = app.keymap().key_for(context, command) else {
            continue;
        };
        if !offered(command) {
            continue;
        }
        let label = match (app.screen(), app.show_help()) {
            (Screen::Module(m), false) => m.label(command, label),
            (Screen::Confirm(c), false) => c.label(command, label),
            (Screen::Lookup, false) | (_, true) => label,
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
    items
}
