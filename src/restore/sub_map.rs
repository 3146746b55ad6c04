//! The `sub` mapping file of a restore: each restored user's old `sub`, new `sub` and username,
//! appended as each user is created, so that a restore cut short keeps its mapping and a run
//! after it knows whom the earlier one created.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the old `sub` → new `sub` lines of a restore from `from` go unless told otherwise:
/// beside the backup.
pub fn default_sub_map(from: &Path) -> PathBuf {
    from.with_extension("subs.csv")
}

/// The users an earlier run of this restore created, as its mapping file `sub_map` names
/// them (none when there is no such file).
pub(super) fn created_before(sub_map: &Path) -> Result<BTreeSet<String>, String> {
    match std::fs::read_to_string(sub_map) {
        // The username comes last, and may itself hold commas.
        Ok(text) => Ok(text
            .lines()
            .skip(1)
            .filter_map(|line| line.splitn(3, ',').nth(2))
            .map(ToOwned::to_owned)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(format!("{} cannot be read: {e}", sub_map.display())),
    }
}

/// The `sub` mapping file (CSV, appended), readable by its owner only: it names users.
pub(super) struct SubMap {
    file: std::fs::File,
    path: PathBuf,
}

impl SubMap {
    /// Opens `path` for appending, with its header line when it is new.
    pub(super) fn open(path: &Path) -> Result<Self, String> {
        let fail = |e: std::io::Error| format!("{} cannot be written: {e}", path.display());
        let mut file =
            crate::private_files::open(std::fs::OpenOptions::new().create(true).append(true), path)
                .map_err(fail)?;
        if file.metadata().map_err(fail)?.len() == 0 {
            file.write_all(b"old_sub,new_sub,username\n")
                .map_err(fail)?;
        }
        Ok(Self {
            file,
            path: path.to_owned(),
        })
    }

    pub(super) fn add(
        &mut self,
        old: Option<&str>,
        new: Option<&str>,
        username: &str,
    ) -> Result<(), String> {
        let line = format!(
            "{},{},{username}\n",
            old.unwrap_or_default(),
            new.unwrap_or_default()
        );
        self.file
            .write_all(line.as_bytes())
            .map_err(|e| format!("{} cannot be written: {e}", self.path.display()))
    }
}
