//! The code entry screen: where the code went, tries, resend with its pause, the admin way out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::CodeEntry;
use crate::diagnosis::{by_sms, pool_reasons, resend_note};
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::form_screen;

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, c: &CodeEntry, theme: &Theme) {
    let key = |command| shown.key_name(Context::Code, command);
    let (title, what) = match c.attribute() {
        Some(attribute) => (
            format!(" Verify {}'s {attribute} ", c.username),
            format!("the code Cognito sent to verify the {attribute} (VerifyUserAttribute)"),
        ),
        None => (
            format!(" Confirm {}'s sign-up ", c.username),
            "the confirmation code (ConfirmSignUp)".to_owned(),
        ),
    };
    let sent = match &c.delivery {
        Some(d) => Line::from(vec![
            Span::styled("Latest code sent ", theme.dim),
            Span::styled(d.to_string(), theme.title),
        ]),
        None => Line::styled("Where the latest code went is not known here.", theme.dim),
    };
    let tries = if c.tries == 0 {
        "No code tried yet.".to_owned()
    } else {
        format!("Codes tried: {}.", c.tries)
    };
    let resend = match c.resend_wait(&shown.pauses) {
        Some(wait) => Line::styled(
            format!("Resend paused by Cognito's limit: available in {wait} s."),
            theme.warn,
        ),
        None => Line::from(vec![
            Span::styled(key(Command::ResendCode), theme.key),
            Span::styled(" sends a new code.", theme.dim),
        ]),
    };
    let admin = match c.attribute() {
        Some(attribute) => Line::from(vec![
            Span::styled(key(Command::AdminConfirm), theme.key),
            Span::styled(
                format!(" marks the {attribute} verified as admin instead."),
                theme.dim,
            ),
        ]),
        None => Line::from(vec![
            Span::styled(key(Command::AdminConfirm), theme.key),
            Span::styled(" confirms as admin instead; ", theme.dim),
            Span::styled(key(Command::ConfirmAndVerify), theme.key),
            Span::styled(" also marks the email verified.", theme.dim),
        ]),
    };
    let mut notes = vec![
        Line::raw(format!("Type {what}, as the user reads it out.")),
        sent,
        Line::styled(tries, theme.dim),
        resend,
        admin,
    ];
    notes.extend(
        pool_notes(shown, c)
            .into_iter()
            .map(|n| Line::styled(n, theme.warn)),
    );
    form_screen(frame, area, shown, title, notes, &c.form, theme);
}

/// What in the pool can stop the code, from the settings read when it opened: the channel is
/// the one the latest code went by, or else the one the user's attributes point to.
fn pool_notes(shown: &Shown, c: &CodeEntry) -> Vec<String> {
    let Some(pool) = shown.pool else {
        return Vec::new();
    };
    let sms = match &c.delivery {
        Some(d) => d.medium == "SMS",
        None => shown
            .users
            .position(&c.username)
            .is_some_and(|i| by_sms(&shown.users.get(i), &pool.facts)),
    };
    let sign_up = c.attribute().is_none();
    let mut notes: Vec<String> = pool_reasons(&pool.facts, sms, sign_up)
        .into_iter()
        .map(|reason| format!("{}.", crate::sentence::capitalised(&reason)))
        .collect();
    if sign_up {
        notes.extend(resend_note(&pool.facts).map(ToOwned::to_owned));
    }
    notes
}
