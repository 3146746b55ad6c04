//! The header line: the pool, its app client and where requests go. When the line does not
//! fit, it shortens step by step instead of being cut: a short pool id, then without the
//! program's name, then without the target, then shorter names.

use ratatui::text::Line;

use crate::app::App;

/// The pieces of the header, each with its shorter forms.
struct Pieces {
    name: Option<String>,
    id: String,
    client: Option<(String, bool)>,
    target: String,
}

/// The header's text for a line `width` columns wide (less what badges take): the longest form
/// that fits, else the shortest one.
pub(super) fn text(app: &App, width: u16) -> String {
    let pieces = match (&app.pool(), &app.choice()) {
        (Some(info), _) => Some((Some(info.name.clone()), info.id.clone())),
        (None, Some(choice)) => Some((None, choice.user_pool_id.clone())),
        (None, None) => None,
    };
    let Some((name, id)) = pieces else {
        return fit(
            format!(" cognitui │ no pool chosen │ {}", app.target()),
            width,
        );
    };
    let pieces = Pieces {
        name,
        id,
        client: app
            .pool()
            .and_then(|p| p.client.as_ref())
            .map(|c| (c.name.clone(), c.secret.is_some())),
        target: app.target().to_owned(),
    };
    let forms = Step::ALL.map(|step| pieces.line(step));
    let shortest = forms[forms.len() - 1].clone();
    forms
        .into_iter()
        .find(|f| Line::raw(f.as_str()).width() <= usize::from(width))
        .unwrap_or_else(|| fit(shortest, width))
}

/// How far the header is shortened; each step keeps the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    /// Everything, the pool id in full.
    Full,
    /// The pool id shortened (`us-east-1_98b…5c3`).
    ShortId,
    /// Without the program's name.
    NoBrand,
    /// Without where requests go.
    NoTarget,
    /// The client without the word "client" (and "(secret)" for "(with secret)").
    Terse,
}

impl Step {
    const ALL: [Self; 5] = [
        Self::Full,
        Self::ShortId,
        Self::NoBrand,
        Self::NoTarget,
        Self::Terse,
    ];
}

impl Pieces {
    fn line(&self, step: Step) -> String {
        let (short_id, brand, target, terse) = (
            step >= Step::ShortId,
            step < Step::NoBrand,
            step < Step::NoTarget,
            step >= Step::Terse,
        );
        let id = if short_id {
            short_pool_id(&self.id)
        } else {
            self.id.clone()
        };
        let pool = match &self.name {
            Some(name) => format!("{name} ({id})"),
            None => id,
        };
        let client = match &self.client {
            Some((name, true)) if terse => format!(" │ {name} (secret)"),
            Some((name, false)) if terse => format!(" │ {name}"),
            Some((name, true)) => format!(" │ client {name} (with secret)"),
            Some((name, false)) => format!(" │ client {name}"),
            None => String::new(),
        };
        let brand = if brand { " cognitui │" } else { "" };
        let target = if target {
            format!(" │ {}", self.target)
        } else {
            String::new()
        };
        format!("{brand} {pool}{client}{target}")
    }
}

/// A pool id short enough for a narrow header: the region prefix, then the first and last
/// three characters of the rest (`us-east-1_98b…5c3`); short ids stay as they are.
pub fn short_pool_id(id: &str) -> String {
    let (region, rest) = id.split_once('_').unwrap_or(("", id));
    let chars: Vec<char> = rest.chars().collect();
    if chars.len() <= 8 {
        return id.to_owned();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 3..].iter().collect();
    if region.is_empty() {
        format!("{head}…{tail}")
    } else {
        format!("{region}_{head}…{tail}")
    }
}

/// `text` cut to `width` columns with an ellipsis, when even the shortest form is too long.
fn fit(text: String, width: u16) -> String {
    let width = usize::from(width);
    if Line::raw(text.as_str()).width() <= width {
        return text;
    }
    let mut out = String::new();
    for c in text.chars() {
        if Line::raw(format!("{out}{c}…")).width() > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_keep_the_region_and_both_ends() {
        assert_eq!(
            short_pool_id("us-east-1_98b2be4367434ac78b2d3d7eb8e875c3"),
            "us-east-1_98b…5c3"
        );
        assert_eq!(short_pool_id("eu-west-1_AbC123"), "eu-west-1_AbC123");
        assert_eq!(short_pool_id("eu-west-1_AbCdEf123"), "eu-west-1_AbC…123");
        assert_eq!(short_pool_id("local_6r5o1nkV"), "local_6r5o1nkV");
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("abcdef".into(), 4), "abc…");
        assert_eq!(fit("abc".into(), 4), "abc");
    }
}
