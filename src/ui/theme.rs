//! Colours and styles, passed to every render function.

use ratatui::style::{Color, Modifier, Style};

use crate::cognito::model::UserStatus;
use crate::diagnosis::Severity;

/// The palette.
#[derive(Debug, Clone)]
pub struct Theme {
    pub header: Style,
    pub title: Style,
    pub selected: Style,
    pub dim: Style,
    pub key: Style,
    pub error: Style,
    pub info: Style,
    pub ok: Style,
    pub warn: Style,
    pub bad: Style,
    /// The READ-ONLY badge in the header.
    pub badge: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            header: Style::new().fg(Color::Black).bg(Color::Cyan),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            dim: Style::new().fg(Color::DarkGray),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::White).bg(Color::Red),
            info: Style::new().fg(Color::Black).bg(Color::Yellow),
            ok: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            bad: Style::new().fg(Color::Red),
            badge: Style::new().fg(Color::Black).bg(Color::Yellow).bold(),
        }
    }
}

impl Theme {
    /// The badge colour of a user status.
    pub fn status(&self, status: &UserStatus, enabled: bool) -> Style {
        if !enabled {
            return self.bad;
        }
        match status {
            UserStatus::Confirmed | UserStatus::ExternalProvider => self.ok,
            UserStatus::Unconfirmed
            | UserStatus::ForceChangePassword
            | UserStatus::ResetRequired => self.warn,
            _ => self.bad,
        }
    }

    pub fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Ok => self.ok,
            Severity::Attention => self.warn,
            Severity::Blocked => self.bad,
        }
        .add_modifier(Modifier::BOLD)
    }
}
