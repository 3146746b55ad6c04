//! Rendering: a pure function of the app state.

mod auth;
mod detail;
mod enrol;
mod form;
mod help;
mod lookup;
mod picker;
mod theme;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub use self::theme::Theme;
use crate::app::{App, Screen, Status};
use crate::keys::{Command, Context};

const SPINNER: [&str; 8] = ["⣾", "⣽", "⣻", "⢿", "⡿", "⣟", "⣯", "⣷"];

/// Draws the whole app.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    if let Screen::Enrol(e) = &app.screen
        && e.full_screen
    {
        enrol::full_screen(frame, e, theme);
        return;
    }
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    render_header(frame, header, app, theme);
    match &app.screen {
        Screen::Lookup => lookup::render(frame, body, app, theme),
        Screen::Detail(detail) => detail::render(frame, body, app, detail, theme),
        Screen::Picker(picker) => picker::render(frame, body, app, picker, theme),
        Screen::SignIn(s) => auth::sign_in(frame, body, app, s, theme),
        Screen::NewPassword(s) => auth::new_password(frame, body, app, s, theme),
        Screen::MfaCode(s) => auth::mfa_code(frame, body, app, s, theme),
        Screen::SelectMfa(s) => auth::select_mfa(frame, body, s, theme),
        Screen::MfaMenu(m) => auth::mfa_menu(frame, body, m, theme),
        Screen::Tokens(t) => auth::tokens(frame, body, app, t, theme),
        Screen::Enrol(e) => enrol::render(frame, body, app, e, theme),
    }
    render_status(frame, status, app, theme);
    if app.show_help {
        help::render(frame, body, app, theme);
    }
}

fn render_header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let pool = match (&app.pool, &app.choice) {
        (Some(info), _) => format!("{} ({})", info.name, info.id),
        (None, Some(choice)) => choice.user_pool_id.clone(),
        (None, None) => "no pool chosen".to_owned(),
    };
    let client = match app.pool.as_ref().and_then(|p| p.client.as_ref()) {
        Some(c) if c.secret.is_some() => format!(" │ client {} (with secret)", c.name),
        Some(c) => format!(" │ client {}", c.name),
        None => String::new(),
    };
    let text = format!(" cognitui │ {pool}{client} │ {}", app.target);
    frame.render_widget(Paragraph::new(text).style(theme.header), area);
}

fn render_status(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let line = match &app.status {
        Some(Status::Error(text)) => {
            let retry = app
                .keymap
                .key_for(Context::Global, Command::Retry)
                .filter(|_| !app.failed.is_empty())
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
                let spin = SPINNER[app.spinner % SPINNER.len()];
                let progress = if app.lookup.load_all {
                    format!(
                        " — {} users, {} pages",
                        app.lookup.users.len(),
                        app.lookup.pages
                    )
                } else {
                    String::new()
                };
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
            None => hints(app, theme),
        },
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The few keys worth showing on each screen; `?` lists them all.
fn hint_commands(context: Context) -> &'static [(Command, &'static str)] {
    match context {
        Context::Lookup => &[
            (Command::Open, "open"),
            (Command::SignIn, "sign in"),
            (Command::Search, "search"),
            (Command::NextAttribute, "attribute"),
            (Command::CycleStatus, "status"),
            (Command::Refine, "refine"),
            (Command::LoadAll, "load all"),
            (Command::Help, "help"),
            (Command::Quit, "quit"),
        ],
        Context::Search => &[
            (Command::Open, "open"),
            (Command::NextAttribute, "attribute"),
            (Command::ToggleExact, "exact"),
            (Command::CycleStatus, "status"),
            (Command::Back, "table"),
            (Command::Help, "help"),
        ],
        Context::Refine => &[(Command::Back, "done"), (Command::Help, "help")],
        Context::Detail => &[
            (Command::Back, "back"),
            (Command::SignIn, "sign in as user"),
            (Command::MfaSettings, "MFA settings"),
            (Command::Refresh, "reload"),
            (Command::Help, "help"),
            (Command::Quit, "quit"),
        ],
        Context::Picker => &[
            (Command::Open, "choose"),
            (Command::Back, "back"),
            (Command::Refresh, "reload"),
            (Command::Help, "help"),
            (Command::Quit, "quit"),
        ],
        Context::Form => &[
            (Command::Submit, "send"),
            (Command::NextField, "next field"),
            (Command::Reveal, "show password"),
            (Command::ToggleFlow, "flow"),
            (Command::Back, "cancel"),
            (Command::Help, "help"),
        ],
        Context::Enrol => &[
            (Command::Submit, "verify"),
            (Command::FullScreen, "full screen"),
            (Command::Invert, "invert"),
            (Command::Authenticator, "demo code"),
            (Command::CopySecret, "copy secret"),
            (Command::CopyUri, "copy URI"),
            (Command::Back, "cancel"),
        ],
        Context::Tokens => &[
            (Command::EnrolTotp, "set up TOTP"),
            (Command::CopyAccessToken, "copy access"),
            (Command::CopyIdToken, "copy ID"),
            (Command::Back, "back"),
            (Command::Help, "help"),
        ],
        Context::Menu => &[
            (Command::Open, "choose"),
            (Command::Back, "back"),
            (Command::Help, "help"),
        ],
        Context::Help | Context::Global => &[(Command::Back, "close")],
    }
}

fn hints(app: &App, theme: &Theme) -> Line<'static> {
    let context = app.context();
    let mut spans = vec![Span::raw(" ")];
    for (command, label) in hint_commands(context) {
        if let Some(key) = app.keymap.key_for(context, *command) {
            spans.push(Span::styled(key.to_string(), theme.key));
            spans.push(Span::styled(format!(" {label}  "), theme.dim));
        }
    }
    Line::from(spans)
}

/// What a screen shows before its data arrives.
fn not_loaded(app: &App) -> String {
    if app.busy().is_some() {
        return "Loading…".to_owned();
    }
    match app.keymap.key_for(Context::Global, Command::Retry) {
        Some(key) if !app.failed.is_empty() => format!("Not loaded: press {key} to retry."),
        _ => "Not loaded.".to_owned(),
    }
}

/// `2026-01-31 14:05` in UTC, or a dash.
pub fn date(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(
        || "—".to_owned(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    )
}
