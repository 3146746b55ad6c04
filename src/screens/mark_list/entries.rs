//! A pasted list read as entries: usernames, emails, phone numbers or `sub`s, separated by
//! line breaks, spaces, commas or semicolons, each looked up on what it looks like.

use crate::cognito::filter::{self, MAX_FILTER_CHARS, Match, SearchAttribute};

/// What an entry is taken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Username,
    Email,
    Phone,
    Sub,
}

impl EntryKind {
    /// The attribute it is looked up on.
    pub fn attribute(self) -> SearchAttribute {
        match self {
            Self::Username => SearchAttribute::Username,
            Self::Email => SearchAttribute::Email,
            Self::Phone => SearchAttribute::PhoneNumber,
            Self::Sub => SearchAttribute::Sub,
        }
    }

    /// "email", for the sentences.
    pub fn label(self) -> &'static str {
        match self {
            Self::Username => "username",
            Self::Email => "email",
            Self::Phone => "phone number",
            Self::Sub => "sub",
        }
    }

    /// What `text` looks like: an email has an `@`, a phone number is `+` and digits (E.164),
    /// a `sub` is a UUID; anything else is a username.
    fn of(text: &str) -> Self {
        let digits = text.strip_prefix('+').unwrap_or_default();
        if text.contains('@') {
            Self::Email
        } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            Self::Phone
        } else if is_uuid(text) {
            Self::Sub
        } else {
            Self::Username
        }
    }
}

/// One entry of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub kind: EntryKind,
}

impl Entry {
    /// The ListUsers filter that finds it, or why it cannot be looked up.
    pub fn filter(&self) -> Result<String, String> {
        let attribute = self.kind.attribute();
        if filter::filter_chars(attribute, Match::Exact, &self.text) > MAX_FILTER_CHARS {
            return Err(format!(
                "too long to look up (a ListUsers filter holds {MAX_FILTER_CHARS} characters)"
            ));
        }
        Ok(filter::filter(attribute, Match::Exact, &self.text))
    }
}

/// The entries of `text`, each once, in the order first given.
pub fn entries(text: &str) -> Vec<Entry> {
    distinct(text)
        .map(|t| Entry {
            text: t.to_owned(),
            kind: EntryKind::of(t),
        })
        .collect()
}

/// How many entries `text` has, without making them (the form counts them as it is drawn).
pub fn entry_count(text: &str) -> usize {
    distinct(text).count()
}

/// The entries' texts, each once, in the order first given.
fn distinct(text: &str) -> impl Iterator<Item = &str> {
    let mut seen = std::collections::HashSet::new();
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(|t| t.trim_matches(|c| c == '"' || c == '\''))
        .filter(move |t| !t.is_empty() && seen.insert(*t))
}

/// Whether `text` is a UUID (8-4-4-4-12 hexadecimal digits), the form of a `sub`.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_split_on_lines_spaces_commas_and_semicolons_each_once() {
        let list = "ann@example.com\r\n+15550100, bob;\n\n'cy'  ann@example.com\n\
                    0f8c3a1e-2b4d-4e6f-8a9b-1c2d3e4f5a6b\n+1-555";
        let found = entries(list);
        let found: Vec<(&str, EntryKind)> =
            found.iter().map(|e| (e.text.as_str(), e.kind)).collect();
        assert_eq!(
            found,
            [
                ("ann@example.com", EntryKind::Email),
                ("+15550100", EntryKind::Phone),
                ("bob", EntryKind::Username),
                ("cy", EntryKind::Username),
                ("0f8c3a1e-2b4d-4e6f-8a9b-1c2d3e4f5a6b", EntryKind::Sub),
                ("+1-555", EntryKind::Username),
            ]
        );
    }

    #[test]
    fn each_entry_is_looked_up_exactly_on_its_attribute() {
        let e = &entries("ann\"s@example.com")[0];
        assert_eq!(e.filter().as_deref(), Ok(r#"email = "ann\"s@example.com""#));
        let long = "x".repeat(300);
        assert!(entries(&long)[0].filter().unwrap_err().contains("too long"));
    }
}
