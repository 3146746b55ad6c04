//! What a paste does to a one-line field: line breaks removed, control characters left out,
//! digits only for codes, cut at what the field holds, and a sentence saying what was changed.

use tui_input::Input;

use crate::cognito::filter::escaped_chars;

/// The longest password Cognito takes.
pub const MAX_PASSWORD: usize = 256;
/// The longest code (confirmation, verification, MFA) a field takes: digits only.
pub const MAX_CODE: usize = 8;
/// The longest value of an attribute whose schema sets no length, and of any other field.
pub const MAX_TEXT: usize = 2048;

/// What a field holds at most.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// Characters (for the search field: characters of the escaped filter value).
    max: usize,
    /// What the field is, for the sentence ("a username").
    what: String,
    /// Only digits (codes).
    digits: bool,
    /// Characters count as they are escaped in a ListUsers filter (`"` and `\` take two).
    escaped: bool,
    /// A line break separates entries of a list: it becomes a space.
    list: bool,
}

impl Limit {
    /// At most `max` characters of any kind; `what` names the field for the sentence.
    pub fn chars(max: usize, what: impl Into<String>) -> Self {
        Self {
            max,
            what: what.into(),
            digits: false,
            escaped: false,
            list: false,
        }
    }

    /// At most `max` characters of a list whose line breaks separate its entries.
    pub fn list(max: usize, what: impl Into<String>) -> Self {
        Self {
            list: true,
            ..Self::chars(max, what)
        }
    }

    /// At most `max` digits (a code).
    pub fn digits(max: usize, what: impl Into<String>) -> Self {
        Self {
            digits: true,
            ..Self::chars(max, what)
        }
    }

    /// At most `max` characters of a ListUsers filter, as they are escaped in it.
    pub fn escaped(max: usize, what: impl Into<String>) -> Self {
        Self {
            escaped: true,
            ..Self::chars(max, what)
        }
    }
}

/// Pastes `text` into `input` at its cursor, made one line and cut at what is left of `limit`
/// once `used` is counted. Whether anything went in, and the sentence saying what was changed
/// about the paste, if anything was.
pub fn paste_into(
    input: &mut Input,
    text: &str,
    limit: &Limit,
    used: usize,
) -> (bool, Option<String>) {
    let cleaned = clean(text, limit, limit.max.saturating_sub(used));
    if !cleaned.text.is_empty() {
        insert(input, &cleaned.text);
    }
    (!cleaned.text.is_empty(), cleaned.sentence(limit))
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
fn clean(text: &str, limit: &Limit, room: usize) -> Cleaned {
    let mut out = Cleaned::default();
    let mut used = 0;
    let mut saw_text = false;
    let mut pending_break = false;
    for c in text.chars() {
        let c = match c {
            '\r' | '\n' if limit.list => ' ',
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
        let cost = if limit.escaped {
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
        let c = clean("ann\r\nsmith\n", &limit(128), 128);
        assert_eq!(c.text, "annsmith");
        assert!(c.joined_lines && !c.cut);
        let c = clean("ann\n", &limit(128), 128);
        assert_eq!(c.text, "ann");
        assert!(
            !c.joined_lines,
            "a trailing line break is not worth a sentence"
        );
        let c = clean(&"x".repeat(200_000), &limit(128), 120);
        assert_eq!((c.kept, c.cut), (120, true));
        assert_eq!(
            c.sentence(&limit(128)).as_deref(),
            Some("The paste was cut to 120 characters (a username takes at most 128).")
        );
    }

    #[test]
    fn codes_keep_digits_and_search_counts_escapes() {
        let code = Limit::digits(8, "a code");
        let c = clean("Your code: 123 456", &code, 8);
        assert_eq!(c.text, "123456");
        assert!(c.non_digits && !c.cut);
        let c = clean(r#"a"b"#, &Limit::escaped(3, "search"), 2);
        assert_eq!((c.text.as_str(), c.cut), ("a", true));
    }

    #[test]
    fn a_list_keeps_its_line_breaks_as_spaces() {
        let c = clean("ann\r\nbob\ncy", &Limit::list(100, "the list"), 100);
        assert_eq!(c.text, "ann  bob cy");
        assert!(!c.joined_lines);
    }

    #[test]
    fn inserts_at_the_cursor() {
        let mut input = Input::new("ab".into()).with_cursor(1);
        insert(&mut input, "é€");
        assert_eq!((input.value(), input.cursor()), ("aé€b", 3));
    }
}
