//! The overview's app clients: flows, whether each has a secret (never the secret), token
//! validity and callback URLs.

use ratatui::text::Line;

use super::lines::{fact, heading, listed, not_returned, returned, yes_no};
use crate::cognito::overview::{PoolOverview, Validity};
use crate::theme::Theme;

/// Each app client: flows, whether it has a secret (never the secret), token validity and
/// what it says about missing users.
pub(super) fn client_lines(o: &PoolOverview, theme: &Theme) -> Vec<Line<'static>> {
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
            validities([c.access_token, c.id_token, c.refresh_token]),
            theme,
        ));
        lines.push(fact(
            "  Refresh rotation",
            returned(
                c.refresh_rotation,
                |r| match (r.enabled, r.grace_seconds) {
                    (false, _) => "off".into(),
                    (true, None) => "on: each refresh gives a new refresh token".into(),
                    (true, Some(s)) => format!("on (the old refresh token works {s} s more)"),
                },
                "off",
            ),
            theme,
        ));
        lines.push(fact(
            "  Missing users",
            returned(
                c.hides_missing_users,
                |hidden| {
                    if hidden {
                        "hidden (PreventUserExistenceErrors): a resend 'succeeds' for anyone"
                    } else {
                        "said (PreventUserExistenceErrors off)"
                    }
                    .into()
                },
                "LEGACY, missing users said",
            ),
            theme,
        ));
    }
    lines
}

/// Access, ID and refresh token validity; one not returned is said so with AWS's default.
fn validities(tokens: [Option<Validity>; 3]) -> String {
    const DEFAULTS: [&str; 3] = ["60 minutes", "60 minutes", "30 days"];
    if tokens.iter().all(Option::is_none) {
        return not_returned(&DEFAULTS.join(" / "));
    }
    tokens
        .iter()
        .zip(["access", "ID", "refresh"])
        .zip(DEFAULTS)
        .map(|((token, name), default)| match token {
            Some(v) => format!("{name} {v}"),
            None => format!("{name} {}", not_returned(default)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
