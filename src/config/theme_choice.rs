//! The `theme` setting: which colours the interface uses.

use serde::Deserialize;

/// `theme = "auto" | "dark" | "light"` in `config.toml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// The terminal's background as `COLORFGBG` tells it; without it, colours readable on both.
    #[default]
    Auto,
    Dark,
    Light,
}
