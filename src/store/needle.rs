//! What the refine looks for: every user, text anywhere, one attribute's text, or a span of
//! dates.

use memchr::memmem::Finder;

use super::dated::Dated;

/// Between two values in the store's buffers: a search containing it matches nothing.
pub(super) const SEP: char = '\0';

/// What the refine looks for, lowercased once per keystroke.
#[derive(Debug)]
pub enum Needle {
    /// Matches every user.
    All,
    /// The username or any attribute value contains this.
    Anywhere(Box<Finder<'static>>),
    /// Attribute `name` (or the username, for `username`) contains `text`.
    Attribute { name: String, text: String },
    /// The user's creation or last change is in a span of dates (`created>2026-01-15`).
    Dated(Dated),
    /// Matches no user (a search containing the value separator, or a date that does not
    /// read yet).
    Nothing,
}

impl Needle {
    /// The refine typed: `attr=text` on one attribute (custom ones included), plain text
    /// anywhere (case-insensitive), or a span of dates on `created` or `modified`.
    pub fn new(refine: &str) -> Self {
        let refine = refine.trim();
        if refine.is_empty() {
            return Self::All;
        }
        if refine.contains(SEP) {
            return Self::Nothing;
        }
        if let Some(dated) = Dated::parse(refine) {
            return dated.map_or(Self::Nothing, Self::Dated);
        }
        match refine.split_once('=') {
            Some((name, text)) => Self::Attribute {
                name: name.trim().to_owned(),
                text: text.trim().to_lowercase(),
            },
            None => Self::Anywhere(Box::new(
                Finder::new(refine.to_lowercase().as_bytes()).into_owned(),
            )),
        }
    }
}
