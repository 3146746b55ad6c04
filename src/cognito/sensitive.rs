//! Values that must never be shown: secrets, passwords, codes, sessions and tokens.

use std::fmt;

/// A value that must never reach a log, a snapshot or a panic message: an app client secret,
/// a password, a code, a session, a token. Its `Debug` never prints the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive(String);

impl Sensitive {
    pub fn new(value: String) -> Self {
        Self(value)
    }

    /// The value itself, for the request that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Sensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sensitive(***)")
    }
}
