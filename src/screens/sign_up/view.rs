//! The sign-up form, and the choices for a taken username.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Existing, SignUp};
use crate::cognito::model::{PoolInfo, UserStatus};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::date;
use crate::ui::widgets::{check_line, form_screen, framed, menu};

fn client_note(shown: &Shown) -> String {
    match shown.pool.and_then(|p| p.client.as_ref()) {
        Some(c) if c.secret.is_some() => format!("app client {} (SECRET_HASH sent)", c.name),
        Some(c) => format!("app client {}", c.name),
        None => "no app client".into(),
    }
}

pub(super) fn sign_up(frame: &mut Frame, area: Rect, shown: &Shown, s: &SignUp, theme: &Theme) {
    let problem = shown
        .pool
        .and_then(|pool| s.problem(&pool.password_policy, pool));
    let mut notes = vec![Line::styled(
        format!(
            "Signs the user up as the app would (SignUp, {}). Cognito then sends a confirmation code.",
            client_note(shown)
        ),
        theme.dim,
    )];
    if let Some(note) = shown.pool.and_then(PoolInfo::username_case_note) {
        notes.push(Line::styled(note, theme.dim));
    }
    if s.extra.iter().any(|a| a.required) {
        notes.push(Line::styled(
            "Fields marked * are required by the pool.",
            theme.dim,
        ));
    }
    notes.push(check_line(problem, "Ready to sign up.", theme));
    form_screen(
        frame,
        area,
        shown,
        " Sign up a new user ".into(),
        notes,
        &s.form,
        theme,
    );
}

pub(super) fn existing(frame: &mut Frame, area: Rect, shown: &Shown, e: &Existing, theme: &Theme) {
    let user = &e.user;
    let name = &user.username;
    let explanation = match user.status {
        UserStatus::Unconfirmed => format!(
            "{name} signed up on {} but never entered the confirmation code. Send a new code, or take the one they have.",
            date(user.created)
        ),
        UserStatus::Confirmed => format!(
            "{name} already signed up and is confirmed: they can sign in. If they forgot the password, use 'forgot password' in the app."
        ),
        UserStatus::ForceChangePassword => {
            let expired = shown.pool.is_some_and(|p| {
                user.invitation_expired(shown.now, p.temporary_password_validity_days)
            });
            format!(
                "{name} is an invited user: an admin created them with a temporary password. They sign in with it and choose their own{}.",
                if expired {
                    " — the invitation has expired, so resend it"
                } else {
                    ""
                }
            )
        }
        ref other => format!(
            "{name} already exists with status {}: open the user to see what to do.",
            other.as_api()
        ),
    };
    let [top, list] = Layout::vertical([Constraint::Length(6), Constraint::Min(3)]).areas(area);
    let text = vec![
        Line::from(vec![
            Span::styled(" Username taken. ", theme.warn),
            Span::styled(
                format!("Status {}", user.status.as_api()),
                theme.status(&user.status, user.enabled),
            ),
        ]),
        Line::raw(format!(" {explanation}")),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(framed(format!(" {name} already exists "), theme)),
        top,
    );
    let items = e.choices.iter().map(|c| c.label().to_owned()).collect();
    menu(frame, list, " What now? ".into(), items, e.selected, theme);
}
