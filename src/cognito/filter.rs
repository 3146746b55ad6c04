//! ListUsers `Filter` building: one attribute, `=` (exact) or `^=` (prefix), with `\` and `"`
//! escaped inside the quotes.

use std::fmt;

/// The attributes ListUsers can search on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchAttribute {
    Username,
    Email,
    PhoneNumber,
    Name,
    GivenName,
    FamilyName,
    PreferredUsername,
    Sub,
    Status,
}

impl SearchAttribute {
    /// Every searchable attribute, in the order the lookup screen cycles through them.
    pub const ALL: [Self; 9] = [
        Self::Username,
        Self::Email,
        Self::PhoneNumber,
        Self::Name,
        Self::GivenName,
        Self::FamilyName,
        Self::PreferredUsername,
        Self::Sub,
        Self::Status,
    ];

    /// The attribute name as ListUsers spells it.
    pub fn api_name(self) -> &'static str {
        match self {
            Self::Username => "username",
            Self::Email => "email",
            Self::PhoneNumber => "phone_number",
            Self::Name => "name",
            Self::GivenName => "given_name",
            Self::FamilyName => "family_name",
            Self::PreferredUsername => "preferred_username",
            Self::Sub => "sub",
            Self::Status => "cognito:user_status",
        }
    }

    /// The next attribute in [`Self::ALL`], wrapping around.
    #[must_use]
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|a| *a == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

impl fmt::Display for SearchAttribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_name())
    }
}

/// How the value is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// `^=`: the attribute starts with the value.
    Prefix,
    /// `=`: the attribute equals the value.
    Exact,
}

/// Escapes `\` and `"` for use inside a quoted filter value.
pub fn escape_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\\' | '"') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A ListUsers filter string such as `email ^= "ann"`.
pub fn filter(attribute: SearchAttribute, how: Match, value: &str) -> String {
    let op = match how {
        Match::Prefix => "^=",
        Match::Exact => "=",
    };
    format!("{} {op} \"{}\"", attribute.api_name(), escape_value(value))
}

/// The longest filter ListUsers accepts, in characters.
pub const MAX_FILTER_CHARS: usize = 256;

/// The length in characters of [`filter`]`(attribute, how, value)`, without building it.
pub fn filter_chars(attribute: SearchAttribute, how: Match, value: &str) -> usize {
    let op = match how {
        Match::Prefix => 2,
        Match::Exact => 1,
    };
    // `name op "value"`: two spaces and two quotes around the escaped value.
    attribute.api_name().len() + op + 4 + escaped_chars(value)
}

/// The length in characters of `value` once escaped.
pub fn escaped_chars(value: &str) -> usize {
    value
        .chars()
        .map(|c| if matches!(c, '\\' | '"') { 2 } else { 1 })
        .sum()
}

/// A filter on the `status` pseudo-attribute, for enabled or disabled users.
pub fn enabled_filter(enabled: bool) -> String {
    let value = if enabled { "Enabled" } else { "Disabled" };
    format!("status = \"{value}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_and_exact() {
        assert_eq!(
            filter(SearchAttribute::Email, Match::Prefix, "ann"),
            r#"email ^= "ann""#
        );
        assert_eq!(
            filter(SearchAttribute::Status, Match::Exact, "UNCONFIRMED"),
            r#"cognito:user_status = "UNCONFIRMED""#
        );
    }

    #[test]
    fn escapes_quotes_and_backslashes() {
        assert_eq!(escape_value(r#"a"b\c"#), r#"a\"b\\c"#);
        assert_eq!(
            filter(SearchAttribute::Name, Match::Prefix, r#"O"Brien\"#),
            r#"name ^= "O\"Brien\\""#
        );
    }

    #[test]
    fn leaves_other_characters_alone() {
        assert_eq!(escape_value("ann+1@example.com é"), "ann+1@example.com é");
    }

    #[test]
    fn attribute_cycle_wraps() {
        let mut a = SearchAttribute::Username;
        for _ in 0..SearchAttribute::ALL.len() {
            a = a.next();
        }
        assert_eq!(a, SearchAttribute::Username);
    }

    #[test]
    fn filter_length_counts_escapes_and_characters() {
        for (attribute, how, value) in [
            (SearchAttribute::Email, Match::Prefix, "ann"),
            (SearchAttribute::Status, Match::Exact, "UNCONFIRMED"),
            (SearchAttribute::Name, Match::Prefix, r#"O"Brien\ é"#),
        ] {
            assert_eq!(
                filter_chars(attribute, how, value),
                filter(attribute, how, value).chars().count()
            );
        }
    }

    #[test]
    fn status_filter() {
        assert_eq!(enabled_filter(false), r#"status = "Disabled""#);
    }
}
