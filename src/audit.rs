//! The audit log: one JSON line per change, in the data directory, with the time, pool, caller
//! identity, operation, target user(s) and result. It never holds a password, code, secret or
//! token: entries name operations and usernames only, and results are the status sentences.
//! The file is its owner's only (see [`crate::private_files`]).

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock, PoisonError};

use chrono::{SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::private_files;

/// One change, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// RFC 3339, UTC.
    pub time: String,
    pub pool: String,
    /// Who made the change: the STS caller ARN, or the AWS profile.
    pub identity: String,
    /// The Cognito operation, e.g. `AdminDisableUser`.
    pub action: String,
    pub targets: Vec<String>,
    /// `ok`, or the sentence the agent saw.
    pub result: String,
}

/// Where changes are recorded. Without a path (tests, no data directory) nothing is written.
#[derive(Debug)]
pub struct AuditLog {
    path: Option<PathBuf>,
    /// Who is recorded until [`AuditLog::set_identity`] says better (the profile name).
    identity: String,
    /// The STS caller ARN, once GetCallerIdentity has answered (read in the background).
    caller: OnceLock<String>,
    /// The pool being worked on, for calls that do not name it (sign-up, codes).
    pool: Mutex<String>,
    write: Mutex<()>,
}

impl AuditLog {
    pub fn new(path: Option<PathBuf>, identity: String) -> Self {
        Self {
            path,
            identity,
            caller: OnceLock::new(),
            pool: Mutex::new(String::new()),
            write: Mutex::new(()),
        }
    }

    /// A log that records nothing.
    pub fn disabled() -> Self {
        Self::new(None, String::new())
    }

    /// `file` in the platform data directory.
    pub fn default_path(file: &str) -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "cognitui").map(|d| d.data_dir().join(file))
    }

    /// Who changes are recorded as: the STS caller once known, else the identity given at start.
    pub fn identity(&self) -> &str {
        self.caller.get().unwrap_or(&self.identity)
    }

    /// Records changes from now on as `caller` (the STS caller ARN). Only the first call counts.
    pub fn set_identity(&self, caller: String) {
        let _ = self.caller.set(caller);
    }

    pub fn path(&self) -> Option<&PathBuf> {
        self.path.as_ref()
    }

    /// Remembers `pool_id` as the pool of the changes whose calls do not name theirs (sign-up,
    /// codes): the pool opened last.
    pub fn set_pool(&self, pool_id: &str) {
        pool_id.clone_into(&mut self.pool.lock().unwrap_or_else(PoisonError::into_inner));
    }

    /// Writes one line per change (operation, targets, result) made in `pool`, or in the pool
    /// opened last when the call does not name one. Nothing for no change.
    ///
    /// # Errors
    /// When the file cannot be written.
    pub fn write(
        &self,
        pool: Option<&str>,
        changes: Vec<(String, Vec<String>, String)>,
    ) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if changes.is_empty() {
            return Ok(());
        }
        let pool = match pool {
            Some(pool) => pool.to_owned(),
            None => self
                .pool
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
        };
        let time = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
        let _guard = self.write.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(dir) = path.parent() {
            private_files::create_dir_all(dir)?;
        }
        let mut file = private_files::open(OpenOptions::new().create(true).append(true), path)?;
        for (operation, targets, result) in changes {
            let entry = AuditEntry {
                time: time.clone(),
                pool: pool.clone(),
                identity: self.identity().to_owned(),
                action: operation,
                targets,
                result,
            };
            let line = serde_json::to_string(&entry).map_err(std::io::Error::other)?;
            writeln!(file, "{line}")?;
        }
        Ok(())
    }

    /// The latest `n` entries, newest first.
    ///
    /// # Errors
    /// When the file exists but cannot be read or holds a line that is not an entry.
    pub fn latest(&self, n: usize) -> Result<Vec<AuditEntry>, String> {
        let Some(path) = &self.path else {
            return Ok(Vec::new());
        };
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let mut entries = Vec::new();
        for (i, line) in BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
            let entry = serde_json::from_str(&line)
                .map_err(|e| format!("{} line {}: {e}", path.display(), i + 1))?;
            entries.push(entry);
        }
        Ok(entries.into_iter().rev().take(n).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_log_and_the_directory_made_for_it_are_the_owners_only() {
        let mode = crate::private_files::mode_of;
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("cognitui").join("audit.jsonl");
        let log = AuditLog::new(Some(path.clone()), "profile default".into());
        log.write(
            Some("eu-west-1_AbC123"),
            vec![("AdminDisableUser".into(), vec!["ann".into()], "ok".into())],
        )
        .expect("written");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().expect("dir")), 0o700);
        assert_eq!(log.latest(1).expect("read")[0].targets, ["ann"]);
    }
}
