//! The keys shown on the status line of a confirmation and of the help overlay (every screen
//! names its own); the help overlay lists them all.

use crate::keys::Command;

/// A confirmation's keys.
pub(super) const CONFIRM_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::CopyCli, "copy CLI"),
    (Command::ClientMetadata, "ClientMetadata"),
    (Command::Back, "cancel"),
];

/// The help overlay's keys.
pub(super) const HELP_HINTS: &[(Command, &str)] = &[(Command::Back, "close")];
