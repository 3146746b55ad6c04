//! Pasted text (bracketed paste): one edit of the field that has the keyboard, on one line,
//! cut at what the field can hold, with a sentence saying what was changed.

use tui_input::Input;

use super::{App, Focus, Screen, Status};
use crate::action::Request;
use crate::cognito::filter::{MAX_FILTER_CHARS, escaped_chars, filter_chars};

/// The longest username Cognito takes.
pub const MAX_USERNAME: usize = 128;
/// The longest password Cognito takes.
pub const MAX_PASSWORD: usize = 256;
/// The longest code (confirmation, verification, MFA) a field takes: digits only.
pub const MAX_CODE: usize = 8;
/// The longest value of an attribute whose schema sets no length, and of any other field.
pub const MAX_TEXT: usize = 2048;

/// What a field holds at most.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Limit {
    /// Characters (for the search field: characters of the escaped filter value).
    max: usize,
    /// What the field is, for the sentence ("a username").
    what: String,
    /// Only digits (codes).
    digits: bool,
}

impl Limit {
    fn chars(max: usize, what: impl Into<String>) -> Self {
        Self {
            max,
            what: what.into(),
            digits: false,
        }
    }
}

/// Where the paste goes.
enum Target {
    Search,
    Refine,
    Form,
}

impl App {
    /// Text was pasted: it goes into the focused field as one edit (one search at most). On a
    /// screen without a field it is ignored.
    pub(super) fn on_paste(&mut self, text: &str) -> Vec<Request> {
        if self.show_help {
            return Vec::new();
        }
        let Some((target, limit)) = self.paste_target() else {
            return Vec::new();
        };
        // Like a typed character, the paste acknowledges an error and still goes in.
        self.status = None;
        let (used, room) = match target {
            // The filter around the value (attribute, operator, quotes) counts too.
            Target::Search => (
                filter_chars(
                    self.lookup.attribute,
                    self.lookup.how,
                    self.lookup.query.value(),
                ),
                MAX_FILTER_CHARS,
            ),
            Target::Refine => (self.lookup.refine.value().chars().count(), limit.max),
            Target::Form => (
                self.form_mut()
                    .and_then(|f| f.fields.get(f.focus))
                    .map_or(0, |f| f.input.value().chars().count()),
                limit.max,
            ),
        };
        let searching = matches!(target, Target::Search);
        let cleaned = clean(text, &limit, room.saturating_sub(used), searching);
        let input = match target {
            Target::Search => &mut self.lookup.query,
            Target::Refine => &mut self.lookup.refine,
            Target::Form => match self.form_mut() {
                Some(form) => match form.fields.get_mut(form.focus) {
                    Some(field) => &mut field.input,
                    None => return Vec::new(),
                },
                None => return Vec::new(),
            },
        };
        if !cleaned.text.is_empty() {
            insert(input, &cleaned.text);
        }
        let limit = if searching {
            Limit::chars(MAX_FILTER_CHARS, "a ListUsers filter")
        } else {
            limit
        };
        if let Some(sentence) = cleaned.sentence(&limit) {
            self.status = Some(Status::Info(sentence));
        }
        if cleaned.text.is_empty() {
            return Vec::new();
        }
        match target {
            Target::Search | Target::Refine => self.after_input_change(),
            Target::Form => Vec::new(),
        }
    }

    /// The field that has the keyboard and what it holds, if there is one.
    fn paste_target(&mut self) -> Option<(Target, Limit)> {
        if let Screen::Lookup = self.screen {
            return match self.lookup.focus {
                Focus::Table => None,
                Focus::Search => Some((Target::Search, Limit::chars(MAX_FILTER_CHARS, "search"))),
                Focus::Refine => Some((Target::Refine, Limit::chars(MAX_TEXT, "the refine"))),
            };
        }
        if let Screen::Module(m) = &self.screen
            && let Some((max, what)) = m.paste_limit(self.pool.as_ref())
        {
            return Some((Target::Form, Limit::chars(max, what)));
        }
        let (label, secret) = {
            let form = self.form_mut()?;
            let field = form.fields.get(form.focus)?;
            (field.label.clone(), field.secret)
        };
        Some((Target::Form, self.field_limit(&label, secret)))
    }

    /// What a form field holds, from its label and the pool's schema.
    fn field_limit(&self, label: &str, secret: bool) -> Limit {
        if secret {
            return Limit::chars(MAX_PASSWORD, "a password");
        }
        let attribute = match label {
            "Username" => return Limit::chars(MAX_USERNAME, "a username"),
            "Code" => {
                return Limit {
                    max: MAX_CODE,
                    what: "a code".into(),
                    digits: true,
                };
            }
            "Email" => "email",
            "Phone (E.164)" => "phone_number",
            other => other.trim_end_matches(" *"),
        };
        match self.pool.as_ref().and_then(|p| {
            p.schema
                .iter()
                .find(|a| a.name == attribute)
                .cloned()
                .or_else(|| crate::cognito::model::standard_attribute(attribute))
        }) {
            Some(schema) => attribute_limit(attribute, schema.max_length),
            None => Limit::chars(MAX_TEXT, "this field"),
        }
    }
}

/// An attribute value's limit: the schema's length, else Cognito's 2048.
fn attribute_limit(name: &str, max_length: Option<usize>) -> Limit {
    Limit::chars(max_length.unwrap_or(MAX_TEXT), name)
}

/// A paste made fit for a one-line field.
#[derive(Debug, Default, PartialEq, Eq)]
struct Cleaned {
    text: String,
    /// Characters kept (the part inserted).
    kept: usize,
    /// Characters that did not fit.
    cut: bool,
    /// Line breaks between lines of text were removed.
    joined_lines: bool,
    /// Characters other than digits and spaces were left out of a code.
    non_digits: bool,
}

impl Cleaned {
    /// What the status line says about the paste, if anything was changed.
    fn sentence(&self, limit: &Limit) -> Option<String> {
        let mut parts = Vec::new();
        if self.cut {
            parts.push(format!(
                "the paste was cut to {} characters ({} takes at most {})",
                self.kept, limit.what, limit.max
            ));
        }
        if self.non_digits {
            parts.push("only its digits were kept".to_owned());
        }
        if self.joined_lines {
            parts.push("its line breaks were removed (the field is one line)".to_owned());
        }
        let sentence = crate::sentence::capitalised(&parts.join("; "));
        (!sentence.is_empty()).then(|| format!("{sentence}."))
    }
}

/// Makes `text` one line (line breaks removed, tabs made spaces, other control characters
/// left out; digits only for codes) and cuts it to `room` characters. For the search field
/// `room` counts characters of the escaped filter value (`"` and `\` take two). Stops reading
/// at the first character that does not fit.
fn clean(text: &str, limit: &Limit, room: usize, escaped: bool) -> Cleaned {
    let mut out = Cleaned::default();
    let mut used = 0;
    let mut saw_text = false;
    let mut pending_break = false;
    for c in text.chars() {
        let c = match c {
            '\r' | '\n' => {
                pending_break = saw_text;
                continue;
            }
            '\t' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        if limit.digits && !c.is_ascii_digit() {
            out.non_digits |= !c.is_whitespace();
            continue;
        }
        let cost = if escaped {
            escaped_chars(c.encode_utf8(&mut [0; 4]))
        } else {
            1
        };
        if used + cost > room {
            out.cut = true;
            break;
        }
        out.joined_lines |= pending_break;
        pending_break = false;
        saw_text = true;
        used += cost;
        out.kept += 1;
        out.text.push(c);
    }
    out
}

/// Inserts `text` at the cursor of `input`, leaving the cursor after it.
fn insert(input: &mut Input, text: &str) {
    let value = input.value();
    let cursor = input.cursor();
    let byte = value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(i, _)| i);
    let mut joined = String::with_capacity(value.len() + text.len());
    joined.push_str(&value[..byte]);
    joined.push_str(text);
    joined.push_str(&value[byte..]);
    *input = Input::new(joined).with_cursor(cursor + text.chars().count());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(max: usize) -> Limit {
        Limit::chars(max, "a username")
    }

    #[test]
    fn one_line_and_cut() {
        let c = clean("ann\r\nsmith\n", &limit(128), 128, false);
        assert_eq!(c.text, "annsmith");
        assert!(c.joined_lines && !c.cut);
        let c = clean("ann\n", &limit(128), 128, false);
        assert_eq!(c.text, "ann");
        assert!(
            !c.joined_lines,
            "a trailing line break is not worth a sentence"
        );
        let c = clean(&"x".repeat(200_000), &limit(128), 120, false);
        assert_eq!((c.kept, c.cut), (120, true));
        assert_eq!(
            c.sentence(&limit(128)).as_deref(),
            Some("The paste was cut to 120 characters (a username takes at most 128).")
        );
    }

    #[test]
    fn codes_keep_digits_and_search_counts_escapes() {
        let code = Limit {
            max: 8,
            what: "a code".into(),
            digits: true,
        };
        let c = clean("Your code: 123 456", &code, 8, false);
        assert_eq!(c.text, "123456");
        assert!(c.non_digits && !c.cut);
        let c = clean(r#"a"b"#, &limit(3), 2, true);
        assert_eq!((c.text.as_str(), c.cut), ("a", true));
    }

    #[test]
    fn inserts_at_the_cursor() {
        let mut input = Input::new("ab".into()).with_cursor(1);
        insert(&mut input, "é€");
        assert_eq!((input.value(), input.cursor()), ("aé€b", 3));
    }
}
