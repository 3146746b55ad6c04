//! The few keys worth showing on each screen's status line, with their labels; the help
//! overlay lists them all.

use crate::keys::{Command, Context};

const LOOKUP_HINTS: &[(Command, &str)] = &[
    (Command::Open, "open"),
    (Command::SignIn, "sign in"),
    (Command::SignUp, "sign up"),
    (Command::Invite, "invite"),
    (Command::Mark, "mark"),
    (Command::Bulk, "bulk"),
    (Command::Export, "export"),
    (Command::AuditLog, "audit log"),
    (Command::Search, "search"),
    (Command::NextAttribute, "attribute"),
    (Command::CycleStatus, "status"),
    (Command::Refine, "refine"),
    (Command::LoadAll, "load all"),
    (Command::Import, "import"),
    (Command::PoolGroups, "groups"),
    (Command::PoolOverview, "pool"),
    (Command::Help, "help"),
    (Command::Quit, "quit"),
];

const SEARCH_HINTS: &[(Command, &str)] = &[
    (Command::Open, "open"),
    (Command::NextAttribute, "attribute"),
    (Command::ToggleExact, "exact"),
    (Command::CycleStatus, "status"),
    (Command::Back, "table"),
    (Command::Help, "help"),
];

const REFINE_HINTS: &[(Command, &str)] = &[(Command::Back, "done"), (Command::Help, "help")];

const CONFIRM_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::CopyCli, "copy CLI"),
    (Command::ClientMetadata, "ClientMetadata"),
    (Command::Back, "cancel"),
];

const HELP_HINTS: &[(Command, &str)] = &[(Command::Back, "close")];

/// The few keys worth showing on each screen; `?` lists them all.
pub(super) fn hint_commands(context: Context) -> &'static [(Command, &'static str)] {
    match context {
        Context::Lookup => LOOKUP_HINTS,
        Context::Search => SEARCH_HINTS,
        Context::Refine => REFINE_HINTS,
        Context::Confirm => CONFIRM_HINTS,
        Context::Help | Context::Global => HELP_HINTS,
        // Every other context is a module screen's, which names its own hints
        // (`ScreenModule::hints`).
        _ => &[],
    }
}
