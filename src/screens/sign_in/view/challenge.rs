//! The sign-in screens of the flows beyond the password ones: what the chosen flow does and
//! which the app client allows, the USER_AUTH menu of first factors, and the typed answers (a
//! first-factor code, a CUSTOM_CHALLENGE with its public parameters).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::super::{Asked, ChallengeAnswer, SelectChallenge, SignInContext};
use crate::cognito::flows::AuthFlow;
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::widgets::{form_screen, framed};

/// The sign-in form's line about the flow: what it sends, and the others `F3` goes to.
pub(super) fn flow_line(
    shown: &Shown,
    ctx: &SignInContext,
    flow: AuthFlow,
    theme: &Theme,
) -> Line<'static> {
    let what = match (flow, ctx.preferred) {
        (AuthFlow::Admin, _) => "As admin (AdminInitiateAuth, your AWS identity).".to_owned(),
        (AuthFlow::User, _) => {
            "As the app (InitiateAuth): the password goes to Cognito.".to_owned()
        }
        (AuthFlow::Srp, _) => {
            "As the app, with SRP: the password is proven, never sent.".to_owned()
        }
        (AuthFlow::Choice, Some(factor)) => {
            format!("Choice-based: asks Cognito for {} first.", factor.name())
        }
        (AuthFlow::Choice, None) => {
            "Choice-based: with a password, PASSWORD_SRP first; without, the user's choices."
                .to_owned()
        }
        (AuthFlow::Custom, _) => {
            "No password is sent: the pool's Lambda triggers ask their own challenges.".to_owned()
        }
    };
    let flows = ctx.target.client.sign_in_flows();
    let others = if flows.len() > 1 {
        let names: Vec<&str> = flows.iter().map(|f| f.label()).collect();
        format!(
            "  {}: next allowed flow ({}).",
            shown.key_name(Context::Form, Command::ToggleFlow),
            names.join(", ")
        )
    } else {
        "  The only flow the app client allows.".to_owned()
    };
    Line::from(vec![Span::raw(what), Span::styled(others, theme.dim)])
}

pub(super) fn select_challenge(frame: &mut Frame, area: Rect, s: &SelectChallenge, theme: &Theme) {
    let block = framed(format!(" How {} signs in (USER_AUTH) ", s.typed), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let password = if s.password.is_some() {
        "PASSWORD and PASSWORD_SRP use the password typed at sign-in."
    } else {
        "PASSWORD and PASSWORD_SRP go back to the sign-in form for the password."
    };
    let notes = vec![
        Line::raw("Cognito offers these ways to sign in (SELECT_CHALLENGE): choose one."),
        Line::styled(password, theme.dim),
    ];
    // The notes wrap on narrow screens; a blank row separates them from the list.
    let width = usize::from(inner.width.max(1));
    let rows: usize = notes.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let height = u16::try_from(rows + 1).unwrap_or(u16::MAX);
    let [top, list] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(notes).wrap(Wrap { trim: false }), top);
    let items: Vec<ListItem> = s
        .available
        .iter()
        .map(|f| {
            if f.possible() {
                ListItem::new(format!(
                    "{} ({})",
                    crate::sentence::capitalised(f.label()),
                    f.name()
                ))
            } else {
                ListItem::new(Line::styled(
                    format!(
                        "{} ({}): not possible in a terminal",
                        crate::sentence::capitalised(f.label()),
                        f.name()
                    ),
                    theme.dim,
                ))
            }
        })
        .collect();
    let list_widget = List::new(items)
        .highlight_style(theme.selected)
        .highlight_symbol("› ");
    let mut state = ListState::default().with_selected(Some(s.selected));
    frame.render_stateful_widget(list_widget, list, &mut state);
}

pub(super) fn answer(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    a: &ChallengeAnswer,
    theme: &Theme,
) {
    let tries = if a.tries == 0 {
        "First try.".to_owned()
    } else {
        format!("Tries so far: {}.", a.tries)
    };
    let (title, mut notes) = match &a.asked {
        Asked::Otp {
            factor,
            destination,
        } => {
            let source = match destination {
                Some(d) => format!(
                    "{}: Cognito sent {} a sign-in code to {d}.",
                    factor.name(),
                    a.session.username
                ),
                None => format!(
                    "{}: type the sign-in code {} received.",
                    factor.name(),
                    a.session.username
                ),
            };
            (
                format!(" Sign-in code for {} ", a.session.username),
                vec![
                    Line::raw(source),
                    Line::styled(
                        "The code is the first factor: with it the user is signed in.",
                        theme.dim,
                    ),
                ],
            )
        }
        Asked::Custom { parameters } => {
            let mut notes = vec![Line::raw(
                "CUSTOM_CHALLENGE from the pool's Lambda triggers: type the user's answer.",
            )];
            if parameters.is_empty() {
                notes.push(Line::styled(
                    "The challenge has no public parameters.",
                    theme.dim,
                ));
            }
            for (name, value) in parameters {
                notes.push(Line::from(vec![
                    Span::styled(format!("  {name}: "), theme.dim),
                    Span::raw(value.clone()),
                ]));
            }
            (
                format!(" Custom challenge for {} ", a.session.username),
                notes,
            )
        }
    };
    notes.push(Line::styled(tries, theme.dim));
    form_screen(frame, area, shown, title, notes, &a.form, theme);
}
