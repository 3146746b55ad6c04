//! The pieces the overview's text is made of: a labelled fact, a heading, a value the endpoint
//! did not return (with what AWS does then), and wrapping a fact past its label.

use ratatui::text::{Line, Span};

use crate::cognito::{CognitoError, mfa::unavailable};
use crate::theme::Theme;
use crate::ui::text::{wrap, wrap_lines};

/// Width of the labels.
pub(super) const LABEL: usize = 22;

pub(super) fn fact(label: &str, value: String, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {label:<LABEL$}"), theme.dim),
        Span::raw(value),
    ])
}

/// `line` wrapped to `width`; a fact's value goes on under itself, past its label.
pub(super) fn wrapped(line: &Line<'static>, width: usize) -> Vec<Line<'static>> {
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

pub(super) fn heading(text: &str, theme: &Theme) -> Line<'static> {
    Line::styled(format!(" {text}"), theme.title)
}

pub(super) fn listed(items: &[String], none: &str) -> String {
    if items.is_empty() {
        none.to_owned()
    } else {
        items.join(", ")
    }
}

pub(super) fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

/// A value the endpoint did not return, and what AWS does without it.
pub(super) fn not_returned(default: &str) -> String {
    format!("not returned (AWS's default: {default})")
}

/// `value` said by `say`, or that it was not returned and what AWS does then.
pub(super) fn returned<T>(
    value: Option<T>,
    say: impl FnOnce(T) -> String,
    default: &str,
) -> String {
    value.map_or_else(|| not_returned(default), say)
}

/// A part of the overview an optional read could not give.
pub(super) fn not_available(operation: &str, error: &CognitoError) -> String {
    format!("not available here: {}", unavailable(operation, error))
}
