//! The forgot-password screen: where the reset code went, the live password-policy check,
//! tries, and resend with its pause.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::ForgotForm;
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::form_screen;

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, f: &ForgotForm, theme: &Theme) {
    let key = |command| shown.key_name(Context::Forgot, command);
    let sent = match (&f.delivery, f.sent) {
        (Some(d), _) => Line::from(vec![
            Span::styled("Reset code sent ", theme.dim),
            Span::styled(d.to_string(), theme.title),
        ]),
        (None, true) => Line::styled(
            "A reset code was sent (Cognito did not say where).",
            theme.dim,
        ),
        (None, false) if shown.busy.is_some() => Line::styled("Sending a reset code…", theme.dim),
        (None, false) => Line::from(vec![
            Span::styled("No code sent yet: ", theme.warn),
            Span::styled(key(Command::ResendCode), theme.key),
            Span::styled(" sends one (ForgotPassword).", theme.dim),
        ]),
    };
    let policy = shown.pool.map(|p| p.password_policy).unwrap_or_default();
    let check = match policy.first_problem(f.form.value(1)) {
        Some(problem) => Line::styled(format!("✗ The new password {problem}."), theme.bad),
        None if f.form.value(1) != f.form.value(2) => {
            Line::styled("✗ Type the same password twice.", theme.warn)
        }
        None => Line::styled("✓ Meets the pool's password policy.", theme.ok),
    };
    let tries = if f.tries == 0 {
        "No code tried yet.".to_owned()
    } else {
        format!("Codes tried: {}.", f.tries)
    };
    let resend = match f.resend_wait(&shown.pauses) {
        Some(wait) => Line::styled(
            format!("Resend paused by Cognito's limit: available in {wait} s."),
            theme.warn,
        ),
        None => Line::from(vec![
            Span::styled(key(Command::ResendCode), theme.key),
            Span::styled(" sends a new code; ", theme.dim),
            Span::styled(key(Command::Reveal), theme.key),
            Span::styled(" shows the password.", theme.dim),
        ]),
    };
    let mut notes = vec![
        Line::raw("Type the code the user reads out and their new password twice."),
        sent,
        check,
        Line::styled(tries, theme.dim),
        resend,
    ];
    // What Cognito said it did wins over what cognitui expected.
    if !f.reachable && f.delivery.is_none() {
        notes.push(Line::styled(
            format!(
                "{} has no verified email or phone number: Cognito will refuse to send a code.",
                f.username
            ),
            theme.warn,
        ));
    }
    form_screen(
        frame,
        area,
        shown,
        format!(" Forgot password: {} ", f.username),
        notes,
        &f.form,
        theme,
    );
}
