//! The pool overview: its settings and every app client, as scrolled text. Never a secret:
//! an app client's secret is said to exist, never shown. A value the endpoint did not return
//! is said to be not returned, with what AWS does then; never shown as if read.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

mod clients;
mod lines;

use self::clients::client_lines;
use self::lines::{fact, heading, listed, not_available, not_returned, returned, wrapped};
use super::OverviewView;
use crate::app::Extent;
use crate::cognito::CognitoError;
use crate::cognito::overview::{EmailDelivery, PoolOverview};
use crate::cognito::pool_settings::{PoolSettings, Risk};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::{framed, render_not_loaded, scrolled_text};

/// The overview's lines, before wrapping.
fn lines(o: &PoolOverview, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = sign_in_lines(o, theme);
    lines.extend(delivery_lines(o, theme));
    lines.extend(settings_lines(&o.settings, theme));
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
            returned(o.tier.clone(), |t| t, "ESSENTIALS for new pools"),
            theme,
        ),
        fact(
            "Deletion protection",
            returned(
                o.deletion_protection,
                |on| if on { "on" } else { "off" }.into(),
                "off",
            ),
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
        returned(
            o.case_sensitive,
            |on| if on { "case sensitive" } else { "ignore case" }.into(),
            "case sensitive",
        ),
        theme,
    ));
    lines.push(fact(
        "Self sign-up",
        returned(
            o.admin_create_only,
            |only| {
                if only {
                    "off: only admins create users"
                } else {
                    "on"
                }
                .into()
            },
            "on",
        ),
        theme,
    ));
    lines.push(fact(
        "Verified by a code",
        listed(&o.auto_verified, "nothing (no auto-verified attribute)"),
        theme,
    ));
    lines.push(fact("Password", password(o), theme));
    lines.push(fact(
        "Temporary passwords",
        returned(
            o.temporary_password_days,
            |days| format!("valid {days} days"),
            "valid 7 days",
        ),
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
            Err(e) => not_available("GetUserPoolMfaConfig", e),
        },
        theme,
    ));
    lines
}

/// The password policy's rules.
fn password(o: &PoolOverview) -> String {
    returned(
        o.password_policy.as_ref(),
        |policy| {
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
            rules.join(", ")
        },
        "at least 8 characters of each kind",
    )
}

/// Email, SMS, the Lambda triggers and threat protection.
fn delivery_lines(o: &PoolOverview, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::default(), heading("Delivery", theme)];
    lines.push(fact(
        "Email",
        match &o.email {
            EmailDelivery::NotReturned => not_returned("Cognito's own sender, a few dozen messages a day at most"),
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
            None => "not returned: no SMS role, so the pool cannot send SMS".into(),
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
        match o.threat_protection.as_deref() {
            Some("OFF") => "OFF (no sign-in events or risk scores)".into(),
            Some(mode) => mode.to_owned(),
            None => not_returned("OFF"),
        },
        theme,
    ));
    lines
}

/// The newer settings: first sign-in factors, domains, log delivery, risk configuration and
/// identity providers.
fn settings_lines(s: &PoolSettings, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::default(), heading("Sign-in pages and logs", theme)];
    lines.push(fact(
        "First sign-in factors",
        returned(
            s.first_auth_factors.as_ref(),
            |f| listed(f, "none listed"),
            "PASSWORD only",
        ),
        theme,
    ));
    if s.domains.is_empty() {
        lines.push(fact("Domain", "not returned: no domain".into(), theme));
    }
    for d in &s.domains {
        let kind = if d.custom { "custom" } else { "prefix" };
        let version = match &d.managed_login_version {
            Ok(Some(1)) => "classic hosted UI (version 1)".to_owned(),
            Ok(Some(2)) => "managed login (version 2)".to_owned(),
            Ok(Some(v)) => format!("managed login version {v}"),
            Ok(None) => "managed-login version not returned".to_owned(),
            Err(e) => format!(
                "managed-login version {}",
                not_available("DescribeUserPoolDomain", e)
            ),
        };
        lines.push(fact(
            "Domain",
            format!("{} ({kind}): {version}", d.name),
            theme,
        ));
    }
    match &s.log_delivery {
        Ok(logs) if logs.is_empty() => {
            lines.push(fact("Log delivery", "none configured".into(), theme));
        }
        Ok(logs) => {
            for l in logs {
                lines.push(fact(
                    "Log delivery",
                    format!(
                        "{} at {} to {}",
                        l.source,
                        l.level,
                        l.destination
                            .as_deref()
                            .unwrap_or("no destination returned")
                    ),
                    theme,
                ));
            }
        }
        Err(e) => lines.push(fact(
            "Log delivery",
            not_available("GetLogDeliveryConfiguration", e),
            theme,
        )),
    }
    lines.extend(risk_lines(&s.risk, theme));
    let providers = match &s.identity_providers {
        Ok(p) => {
            let named: Vec<String> = p
                .providers
                .iter()
                .map(|p| format!("{} ({})", p.name, p.kind))
                .collect();
            let more = if p.more { ", and more" } else { "" };
            format!(
                "{}{more}",
                listed(&named, "none: only the pool's own users")
            )
        }
        Err(e) => not_available("ListIdentityProviders", e),
    };
    lines.push(fact("Identity providers", providers, theme));
    lines
}

/// What threat protection does about compromised credentials and account takeover.
fn risk_lines(risk: &Result<Risk, CognitoError>, theme: &Theme) -> Vec<Line<'static>> {
    let risk = match risk {
        Ok(r) => r,
        Err(CognitoError::ThreatProtectionOff) => {
            return vec![fact(
                "Risk configuration",
                "none: the pool has no threat protection".into(),
                theme,
            )];
        }
        Err(e) => {
            return vec![fact(
                "Risk configuration",
                not_available("DescribeRiskConfiguration", e),
                theme,
            )];
        }
    };
    let compromised = returned(
        risk.compromised_credentials.as_ref(),
        |c| {
            format!(
                "{} on {}",
                c.action.as_deref().unwrap_or("action not returned"),
                listed(&c.events, "every event")
            )
        },
        "NO_ACTION",
    );
    let takeover = returned(
        risk.account_takeover.as_ref(),
        |actions| {
            let each: Vec<String> = actions
                .iter()
                .map(|a| {
                    let notify = if a.notify { " (notify)" } else { "" };
                    format!("{} {}{notify}", a.level, a.action)
                })
                .collect();
            listed(&each, "no actions")
        },
        "NO_ACTION",
    );
    vec![
        fact("Compromised passwords", compromised, theme),
        fact("Account takeover", takeover, theme),
    ]
}

/// The rows at `width`, wrapped.
fn rows(o: &PoolOverview, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    lines(o, theme)
        .iter()
        .flat_map(|l| wrapped(l, usize::from(width.saturating_sub(2))))
        .collect()
}

/// How much of the overview shows.
pub(super) fn extent(o: &PoolOverview, area: Rect, theme: &Theme) -> Extent {
    Extent {
        total: rows(o, area.width, theme).len(),
        visible: usize::from(area.height.saturating_sub(2)),
    }
}

pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    v: &OverviewView,
    theme: &Theme,
) {
    let title = " Pool overview ".to_owned();
    let Some(o) = &v.overview else {
        render_not_loaded(frame, area, shown, framed(title, theme), theme);
        return;
    };
    scrolled_text(
        frame,
        area,
        (title, rows(o, area.width, theme), shown.offset),
        theme,
    );
}
