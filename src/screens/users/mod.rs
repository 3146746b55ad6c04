//! The user table: the search, the loaded users and the rows shown, its keys, its pages'
//! answers, its hints and its drawing.
//!
//! Unlike the other screens it is never replaced: the application holds it while other
//! screens show, because they read its users and marks (through `Ctx::users`). Its keys and
//! answers get a [`TableCtx`] and ask for pages through it; a key that opens another screen is
//! handed back ([`TableNext::Open`]) for the application to open.

mod chosen;
mod ctx;
mod keys;
mod load_all;
mod order;
mod search;
mod shards;
mod state;
mod view;

use crate::keys::{Command, Context};

pub use self::ctx::{TableCtx, TableEffect, TableNext};
pub use self::shards::{SHARDS_IN_FLIGHT, Shard, ShardState, ShardedLoad, shard_prefixes};
pub use self::state::{Focus, Lookup, Only, StatusFilter};

/// Rows the screen chrome takes above the user table's first row: the header, the search
/// line, the table's top border and its column titles. The table is laid out this way, and a
/// click is mapped to a user with it.
pub const ROWS_ABOVE_TABLE: u16 = 4;

/// Rows the screen chrome takes around the user table besides the status line: those above
/// it, then its bottom border and the info line.
pub const CHROME_ROWS: u16 = ROWS_ABOVE_TABLE + 2;

const TABLE_HINTS: &[(Command, &str)] = &[
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
    (Command::Sort, "sort"),
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

impl Lookup {
    /// The key context of what has the keyboard: the table, the search or the refine.
    pub fn context(&self) -> Context {
        match self.focus {
            Focus::Table => Context::Lookup,
            Focus::Search => Context::Search,
            Focus::Refine => Context::Refine,
        }
    }

    /// The few keys worth showing on the status line, with their labels.
    pub fn hints(&self) -> &'static [(Command, &'static str)] {
        match self.focus {
            Focus::Table => TABLE_HINTS,
            Focus::Search => SEARCH_HINTS,
            Focus::Refine => REFINE_HINTS,
        }
    }
}
