//! A pool's backup file: JSON Lines, one record a line, so a pool of any size streams to disk
//! and back.
//!
//! The first line is the header (`"type": "header"`, with `"format": "cognitui-backup"` and
//! `"version": 1`); then the pool's description, its app clients (names and ids only, never a
//! secret), its groups, its users shard by shard (each shard of `sub` prefixes closed by a
//! `shard_done` line), each group's members (each group closed by a `group_done` line), and last
//! an `end` line with the counts. A file without its `end` line was cut short: `--resume`
//! carries on from its last closed shard or group. Nothing in it is a password, a secret or a
//! token: Cognito never gives passwords out.

pub mod records;
pub mod resume;

pub use records::{BackedUpUser, PoolDescription, Record};
pub use resume::Progress;

/// What the header's `format` says.
pub const FORMAT: &str = "cognitui-backup";
/// The version of the format this cognitui writes and reads.
pub const VERSION: u32 = 1;
