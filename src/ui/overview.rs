//! The pool overview: its settings and every app client, as scrolled text. Never a secret:
//! an app client's secret is said to exist, never shown.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Theme;
use super::layout::Extent;
use super::text::{wrap, wrap_lines};
use super::widgets::framed;
use super::widgets::render_not_loaded;
use super::widgets::scrolled_text;
use crate::app::App;
use crate::cognito::overview::{EmailDelivery, PoolOverview};

/// Width of the labels.
const LABEL: usize = 22;

fn fact(label: &str, value: String, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {label:<LABEL$}"), theme.dim),
        Span::raw(value),
    ])
}

/// `line` wrapped to `width`; a fact's value goes on under itself, past its label.
fn wrapped(line: &Line<'static>, width: usize) -> Vec<Line<'static>> {
    let indent = LABEL + 1;
    match &line.spans[..] {
        [label, value] if label.content.chars().count() == indent && width > indent + 10 => {
            wrap(&value.content, width - indent)
                .into_iter()
                .enumerate()
                .map(|(i, part)| {
                    let head = if i == 0 {
                        label.clone()
                    } else {
                        Span::raw(" ".repeat(indent))
                    };
                    Line::from(vec![head, Span::styled(part, value.style)])
                })
                .collect()
        }
        _ => wrap_lines(std::slice::from_ref(line), width),
    }
}

fn heading(text: &str, theme: &Theme) -> Line<'static> {
    Line::styled(format!(" {text}"), theme.title)
}

fn listed(items: &[String], none: &str) -> String {
    if items.is_empty() {
        none.to_owned()
    } else {
        items.join(", ")
    }
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

/// The overview's lines, before wrapping.
fn lines(o: &PoolOverview, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = sign_in_lines(o, theme);
    lines.extend(delivery_lines(o, theme));
    lines.extend(client_lines(o, theme));
    lines
}

/// The pool, how users sign in and up, passwords and MFA.
fn sign_in_lines(o: &PoolOverview, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        fact("Name", o.name.clone(), theme),
        fact("Id", o.id.clone(), theme),
        fact(
            "Feature plan",
            o.tier
                .clone()
                .unwrap_or_else(|| "not said by Cognito".into()),
            theme,
        ),
        fact(
            "Deletion protection",
            if o.deletion_protection { "on" } else { "off" }.into(),
            theme,
        ),
        Line::default(),
        heading("Sign-in and sign-up", theme),
    ];
    let sign_in = if o.username_attributes.is_empty() {
        if o.alias_attributes.is_empty() {
            "username only (no aliases)".to_owned()
        } else {
            format!(
                "username, or {} as an alias",
                o.alias_attributes.join(" or ")
            )
        }
    } else {
        format!(
            "{} instead of a username",
            o.username_attributes.join(" or ")
        )
    };
    lines.push(fact("Sign in with", sign_in, theme));
    lines.push(fact(
        "Usernames",
        if o.case_sensitive {
            "case sensitive"
        } else {
            "ignore case"
        }
        .into(),
        theme,
    ));
    lines.push(fact(
        "Self sign-up",
        if o.admin_create_only {
            "off: only admins create users"
        } else {
            "on"
        }
        .into(),
        theme,
    ));
    lines.push(fact(
        "Verified by a code",
        listed(&o.auto_verified, "nothing (no auto-verified attribute)"),
        theme,
    ));
    let policy = &o.password_policy;
    let mut rules = vec![format!("at least {} characters", policy.min_length)];
    for (on, what) in [
        (policy.require_uppercase, "uppercase"),
        (policy.require_lowercase, "lowercase"),
        (policy.require_numbers, "a number"),
        (policy.require_symbols, "a symbol"),
    ] {
        if on {
            rules.push(what.to_owned());
        }
    }
    lines.push(fact("Password", rules.join(", "), theme));
    lines.push(fact(
        "Temporary passwords",
        format!("valid {} days", o.temporary_password_days),
        theme,
    ));
    lines.push(fact(
        "MFA",
        match &o.mfa {
            Ok(m) => {
                let factors = m.factor_labels();
                if factors.is_empty() {
                    m.configuration.clone()
                } else {
                    format!("{} ({})", m.configuration, factors.join(", "))
                }
            }
            Err(e) => format!("not read: {e}"),
        },
        theme,
    ));
    lines
}

/// Email, SMS, the Lambda triggers and threat protection.
fn delivery_lines(o: &PoolOverview, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::default(), heading("Delivery", theme)];
    lines.push(fact(
        "Email",
        match &o.email {
            EmailDelivery::CognitoDefault => "Cognito's default sender (COGNITO_DEFAULT): a few dozen messages a day at most; use SES for more".into(),
            EmailDelivery::Ses { source_arn, from } => format!(
                "Amazon SES (DEVELOPER) from {}{}",
                source_arn.as_deref().unwrap_or("an unnamed identity"),
                from.as_ref().map(|f| format!(", as {f}")).unwrap_or_default()
            ),
        },
        theme,
    ));
    lines.push(fact(
        "SMS",
        match &o.sms {
            None => "none: the pool cannot send SMS".into(),
            Some(s) => format!(
                "role {}{}{}",
                s.role_arn,
                s.external_id
                    .as_ref()
                    .map(|e| format!(", external id {e}"))
                    .unwrap_or_default(),
                s.sns_region
                    .as_ref()
                    .map(|r| format!(", SNS in {r}"))
                    .unwrap_or_default()
            ),
        },
        theme,
    ));
    lines.push(Line::default());
    lines.push(heading("Lambda triggers", theme));
    if o.triggers.is_empty() {
        lines.push(Line::raw(" none"));
    }
    for t in &o.triggers {
        lines.push(fact(t.name, t.function.clone(), theme));
    }
    lines.push(Line::default());
    lines.push(fact(
        "Threat protection",
        match o.threat_protection.as_str() {
            "OFF" => "OFF (no sign-in events or risk scores)".into(),
            mode => mode.to_owned(),
        },
        theme,
    ));
    lines
}

/// Each app client: flows, whether it has a secret (never the secret), token validity and
/// what it says about missing users.
fn client_lines(o: &PoolOverview, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::default(),
        heading(&format!("App clients ({})", o.clients.len()), theme),
    ];
    for c in &o.clients {
        lines.push(Line::styled(format!(" {} ({})", c.name, c.id), theme.title));
        lines.push(fact(
            "  Auth flows",
            listed(&c.auth_flows, "none listed (Cognito's defaults)"),
            theme,
        ));
        lines.push(fact("  Secret", yes_no(c.has_secret), theme));
        lines.push(fact(
            "  Tokens valid",
            format!(
                "access {}, ID {}, refresh {}",
                c.access_token, c.id_token, c.refresh_token
            ),
            theme,
        ));
        lines.push(fact(
            "  Missing users",
            if c.hides_missing_users {
                "hidden (PreventUserExistenceErrors): a resend 'succeeds' for anyone"
            } else {
                "said (PreventUserExistenceErrors off)"
            }
            .into(),
            theme,
        ));
    }
    lines
}

/// The rows at `width`, wrapped.
fn rows(app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    match &app.screen {
        crate::app::Screen::Overview(Some(o)) => lines(o, theme)
            .iter()
            .flat_map(|l| wrapped(l, usize::from(width.saturating_sub(2))))
            .collect(),
        _ => Vec::new(),
    }
}

/// How much of the overview shows.
pub fn extent(app: &App, area: Rect, theme: &Theme) -> Extent {
    Extent {
        total: rows(app, area.width, theme).len(),
        visible: usize::from(area.height.saturating_sub(2)),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let title = " Pool overview ".to_owned();
    if !matches!(app.screen, crate::app::Screen::Overview(Some(_))) {
        render_not_loaded(frame, area, app, framed(title, theme), theme);
        return;
    }
    scrolled_text(
        frame,
        area,
        (title, rows(app, area.width, theme), app.view.offset),
        theme,
    );
}
