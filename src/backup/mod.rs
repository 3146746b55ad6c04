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
pub mod work;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

pub use records::{BackedUpUser, GroupFacts, PoolDescription, Record, UserMfa};
pub use resume::Progress;

/// What the header's `format` says.
pub const FORMAT: &str = "cognitui-backup";
/// The version of the format this cognitui writes and reads.
pub const VERSION: u32 = 1;

/// Hands each record of the whole backup at `path` to `each`, header and end line included.
///
/// # Errors
/// A sentence: the file cannot be read, is not a backup of this version, or was cut short
/// (it has no end line).
pub fn each_record(path: &Path, mut each: impl FnMut(Record)) -> Result<(), String> {
    let file = File::open(path).map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
    let mut file = BufReader::new(file);
    let mut line = Vec::new();
    let mut ended = false;
    for n in 1.. {
        line.clear();
        let read = file
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
        // A last line without its line break was cut short: the end line is not there.
        if read == 0 || line.last() != Some(&b'\n') {
            break;
        }
        let record: Record = serde_json::from_slice(&line)
            .map_err(|e| format!("{} line {n}: not a backup record: {e}", path.display()))?;
        match &record {
            Record::Header {
                format, version, ..
            } if format != FORMAT || *version != VERSION => {
                return Err(format!(
                    "{} is {format} version {version}; this cognitui reads {FORMAT} version {VERSION}",
                    path.display()
                ));
            }
            Record::Header { .. } => {}
            _ if n == 1 => return Err(format!("{} is not a backup: no header", path.display())),
            Record::End { .. } => ended = true,
            _ => {}
        }
        each(record);
    }
    if ended {
        Ok(())
    } else {
        Err(format!(
            "{} was cut short: carry it on with `cognitui backup --resume` first",
            path.display()
        ))
    }
}
