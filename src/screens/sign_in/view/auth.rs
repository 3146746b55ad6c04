//! The sign-in screens: username and password, new password, MFA codes, MFA type choice,
//! and the tokens' claims (the admin MFA menu is in `mfa`).

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::{AfterSignIn, MfaCode, NewPassword, SelectMfa, SignIn, SignInFlow, TokensView};
use crate::app::Extent;
use crate::claims::Claims;
use crate::cognito::device::DeviceAtSignIn;
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::totp::seconds_left;
use crate::ui::date;
use crate::ui::widgets::{form_screen, menu, scrolled_text};

pub(super) fn sign_in(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    flow: &SignInFlow,
    s: &SignIn,
    theme: &Theme,
) {
    let a = &flow.auth;
    let secret = if a.target.client.secret.is_some() {
        ", SECRET_HASH sent"
    } else {
        ""
    };
    let client = format!("{}{secret}", a.target.client.name);
    let mut notes = vec![
        Line::from(vec![
            Span::styled("Flow ", theme.dim),
            Span::raw(s.flow.label()),
            Span::styled("   app client ", theme.dim),
            Span::raw(client),
        ]),
        Line::styled(
            match &a.then {
                AfterSignIn::Verify(attribute) => format!(
                    "Signs in as the user with their password, then Cognito sends a code to verify their {attribute}."
                ),
                AfterSignIn::ShowTokens => "Signs in as the user: challenges (new password, MFA) follow on their own screens.".into(),
            },
            theme.dim,
        ),
    ];
    notes.push(super::challenge::flow_line(shown, a, s.flow, theme));
    form_screen(
        frame,
        area,
        shown,
        " Sign in ".into(),
        notes,
        &s.form,
        theme,
    );
}

pub(super) fn new_password(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    s: &NewPassword,
    theme: &Theme,
) {
    let policy = shown.pool.map(|p| p.password_policy).unwrap_or_default();
    let check = match policy.first_problem(s.form.value(0)) {
        Some(problem) => Line::styled(format!("✗ The new password {problem}."), theme.bad),
        None if s.form.value(0) != s.form.value(1) => {
            Line::styled("✗ Type the same password twice.", theme.warn)
        }
        None => Line::styled("✓ Meets the pool's password policy.", theme.ok),
    };
    let notes = vec![
        Line::raw(format!(
            "{} signs in for the first time with a temporary password (NEW_PASSWORD_REQUIRED).",
            s.session.username
        )),
        check,
    ];
    form_screen(
        frame,
        area,
        shown,
        " Choose a new password ".into(),
        notes,
        &s.form,
        theme,
    );
}

pub(super) fn mfa_code(frame: &mut Frame, area: Rect, shown: &Shown, s: &MfaCode, theme: &Theme) {
    let source = match &s.destination {
        Some(d) => format!("Cognito sent a code by {} to {d}.", s.kind.label()),
        None => format!("Type the code from the user's {}.", s.kind.label()),
    };
    let tries = if s.tries == 0 {
        "First try.".to_owned()
    } else {
        format!("Tries so far: {}.", s.tries)
    };
    let mut notes = vec![
        Line::raw(format!("{} — {}", s.kind.challenge_name(), source)),
        Line::styled(tries, theme.dim),
    ];
    if let (true, Some(secret)) = (s.authenticator, &s.demo_secret) {
        let now = u64::try_from(shown.now.timestamp()).unwrap_or_default();
        notes.push(Line::from(vec![
            Span::styled("DEMO AUTHENTICATOR (computed here) ", theme.warn),
            Span::styled(secret.code_at(now), theme.title),
            Span::styled(format!("  changes in {} s", seconds_left(now)), theme.dim),
        ]));
    } else if s.demo_secret.is_some() {
        notes.push(Line::styled(
            "F7 shows the demo authenticator for this user.",
            theme.dim,
        ));
    }
    form_screen(
        frame,
        area,
        shown,
        format!(" MFA code for {} ", s.session.username),
        notes,
        &s.form,
        theme,
    );
}

pub(super) fn select_mfa(frame: &mut Frame, area: Rect, s: &SelectMfa, theme: &Theme) {
    let items = s
        .options
        .iter()
        .map(|k| format!("{} ({})", k.label(), k.challenge_name()))
        .collect();
    menu(
        frame,
        area,
        " Choose the MFA method for this sign-in ".into(),
        items,
        s.selected,
        theme,
    );
}

fn claim_lines<'a>(
    title: &str,
    claims: Option<&Claims>,
    now: DateTime<Utc>,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let label = |s: &str| Span::styled(format!("  {s:<12}"), theme.dim);
    let mut lines = vec![Line::styled(title.to_owned(), theme.title)];
    let Some(c) = claims else {
        lines.push(Line::styled("  (not a JWT: nothing to show)", theme.dim));
        return lines;
    };
    let expiry = c.expires.map_or_else(
        || "—".to_owned(),
        |exp| {
            let left = (exp - now).num_seconds();
            if left > 0 {
                format!("{} (in {}m {:02}s)", date(Some(exp)), left / 60, left % 60)
            } else {
                format!("{} (expired)", date(Some(exp)))
            }
        },
    );
    lines.push(Line::from(vec![label("sub"), Span::raw(c.sub.clone())]));
    lines.push(Line::from(vec![
        label("username"),
        Span::raw(c.username.clone().unwrap_or_else(|| "—".into())),
    ]));
    lines.push(Line::from(vec![
        label("email"),
        Span::raw(c.email.clone().unwrap_or_else(|| "—".into())),
    ]));
    let groups = if c.groups.is_empty() {
        "none".to_owned()
    } else {
        c.groups.join(", ")
    };
    lines.push(Line::from(vec![label("groups"), Span::raw(groups)]));
    lines.push(Line::from(vec![
        label("auth_time"),
        Span::raw(date(c.auth_time)),
    ]));
    lines.push(Line::from(vec![label("exp"), Span::raw(expiry)]));
    lines
}

/// The tokens' claims, wrapped to the frame in `area` (they scroll when it is short).
fn token_rows(
    shown: &Shown,
    flow: &SignInFlow,
    area: Rect,
    t: &TokensView,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled(
            " Signed in. Tokens are never shown; copy one with a or d.",
            theme.ok,
        ),
        Line::default(),
    ];
    if let Some(device) = device_line(shown, flow, t) {
        lines.push(Line::styled(device, theme.ok));
        lines.push(Line::default());
    }
    lines.extend(claim_lines(" ID token", t.id.as_ref(), shown.now, theme));
    lines.push(Line::default());
    lines.extend(claim_lines(
        " Access token",
        t.access.as_ref(),
        shown.now,
        theme,
    ));
    lines.push(Line::default());
    let refresh = if t.tokens.refresh.is_some() {
        "received"
    } else {
        "not received"
    };
    let lasts = match t.tokens.expires_in_secs {
        Some(secs) => format!("access valid {secs} s from issue"),
        None => "Cognito's answer gave no ExpiresIn (the access token's expiry above is its own)"
            .to_owned(),
    };
    lines.push(Line::styled(
        format!(" Refresh token {refresh}; {lasts}."),
        theme.dim,
    ));
    crate::ui::text::wrap_lines(&lines, usize::from(area.width.saturating_sub(2)))
}

/// What the sign-in did with devices: the remembered device used, or the offer to remember
/// this terminal (with the key that does it), or that it is remembered now.
fn device_line(shown: &Shown, flow: &SignInFlow, t: &TokensView) -> Option<String> {
    let user = flow.signed_in_user(t);
    match &t.tokens.device {
        Some(DeviceAtSignIn::Remembered) => Some(format!(
            " Signed in with the remembered device of {user}: MFA skipped (DEVICE_SRP_AUTH)."
        )),
        Some(DeviceAtSignIn::New(device)) if shown.devices.iter().any(|d| d.key == device.key) => {
            Some(format!(
                " This terminal is a remembered device of {user} (for this run)."
            ))
        }
        Some(DeviceAtSignIn::New(_)) => {
            let key = shown
                .keymap
                .key_for(Context::Tokens, Command::RememberDevice)
                .map_or_else(|| "remember_device".to_owned(), |k| k.to_string());
            Some(format!(
                " This pool tracks devices: {key} remembers this terminal as a device for {user}."
            ))
        }
        None => None,
    }
}

/// How much of the tokens' claims shows in `area`.
pub(in crate::screens::sign_in) fn tokens_extent(
    flow: &SignInFlow,
    shown: &Shown,
    area: Rect,
    t: &TokensView,
    theme: &Theme,
) -> Extent {
    Extent {
        total: token_rows(shown, flow, area, t, theme).len(),
        visible: usize::from(area.height.saturating_sub(2)),
    }
}

pub(super) fn tokens(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    flow: &SignInFlow,
    t: &TokensView,
    theme: &Theme,
) {
    let rows = token_rows(shown, flow, area, t, theme);
    scrolled_text(frame, area, (" Tokens ".into(), rows, shown.offset), theme);
}
