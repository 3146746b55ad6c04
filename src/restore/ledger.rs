//! What a restore did so far, call by call: its counts, the calls not done and why, and the
//! lines for the audit log.

use std::path::Path;

use super::NewUser;
use super::sub_map::SubMap;
use crate::audit::AuditLog;
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::sentence::count;

/// What a restore did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Done {
    pub groups: usize,
    pub created: usize,
    pub disabled: usize,
    /// Users that existed, their attributes set to the backup's.
    pub updated: usize,
    pub members: usize,
    /// Calls whose answer was lost and whose effect a read could not tell, with how to check.
    pub unknown: Vec<String>,
    /// Calls Cognito refused, with its sentence.
    pub failed: Vec<String>,
}

impl Done {
    /// What was done, in a sentence (the calls not done are listed apart).
    pub fn summary(&self, sub_map: &Path) -> String {
        let updated = if self.updated > 0 {
            format!(", {} updated", count(self.updated, "user"))
        } else {
            String::new()
        };
        let subs = if self.created > 0 {
            format!(" New subs in {}.", sub_map.display())
        } else {
            String::new()
        };
        format!(
            "Done: {} created, {} disabled{updated}, {} added, {} created.{subs}",
            count(self.created, "user"),
            self.disabled,
            count(self.members, "membership"),
            count(self.groups, "group"),
        )
    }
}

/// What a restore did so far: its counts, the users not created, and each call written to the
/// audit log as it ends (a restore stopped halfway has audited what it sent).
pub(super) struct Ledger<'a> {
    pub(super) done: Done,
    /// Users whose creation failed or may not have happened.
    pub(super) not_done: Vec<String>,
    audit: &'a AuditLog,
    pool_id: &'a str,
    /// Why the audit log could not be written, the first time it could not.
    pub(super) unaudited: Option<String>,
}

impl<'a> Ledger<'a> {
    pub(super) fn new(audit: &'a AuditLog, pool_id: &'a str) -> Self {
        Self {
            done: Done::default(),
            not_done: Vec::new(),
            audit,
            pool_id,
            unaudited: None,
        }
    }

    /// Records `operation` on `target` as it ended; the error, if any, as not done.
    pub(super) fn record(
        &mut self,
        operation: &str,
        target: &str,
        result: Result<(), Settled>,
    ) -> bool {
        let said = match &result {
            // As the audit log says of every change that went through.
            Ok(()) => "ok".to_owned(),
            Err(e) => e.to_string(),
        };
        let line = vec![(operation.to_owned(), vec![target.to_owned()], said)];
        if let Err(e) = self.audit.write(Some(self.pool_id), line) {
            self.unaudited.get_or_insert_with(|| e.to_string());
        }
        match result {
            Ok(()) => true,
            Err(Settled::Unknown(how)) => {
                self.done
                    .unknown
                    .push(format!("{target} ({operation}): {how}"));
                false
            }
            Err(Settled::NotDone(why)) => {
                self.done
                    .failed
                    .push(format!("{target} ({operation}): {why}"));
                false
            }
            Err(Settled::Failed(e)) => {
                self.done
                    .failed
                    .push(format!("{target} ({operation}): {e}"));
                false
            }
        }
    }

    /// Records the creation of `user` (by `operation`) as it ended: a user created goes to the
    /// mapping file with their new `sub`, and their disable to `then`.
    ///
    /// # Errors
    /// The mapping file could not be written.
    pub(super) fn created(
        &mut self,
        operation: &str,
        user: &NewUser,
        result: Result<Option<String>, Settled>,
        map: &mut SubMap,
        then: &mut Vec<(String, AdminCall)>,
    ) -> Result<(), String> {
        let new_sub = result.as_ref().ok().cloned().flatten();
        if self.record(operation, &user.username, result.map(|_| ())) {
            self.done.created += 1;
            // Written as each user is created: a restore cut short keeps its mapping.
            map.add(user.old_sub.as_deref(), new_sub.as_deref(), &user.username)?;
            if user.disable {
                then.push((user.username.clone(), AdminCall::Disable));
            }
        } else {
            self.not_done.push(user.username.clone());
        }
        Ok(())
    }
}

/// How a call ended, when not plainly done.
#[derive(Debug, Clone)]
pub(super) enum Settled {
    /// Cognito refused it: not applied.
    Failed(CognitoError),
    /// Its answer was lost and a read could not tell: how to check.
    Unknown(String),
    /// Known not to have been done, with why (a user an import job did not create).
    NotDone(String),
}

impl std::fmt::Display for Settled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Failed(e) => write!(f, "{e}"),
            Self::Unknown(how) => write!(f, "may have been applied: {how}"),
            Self::NotDone(why) => write!(f, "{why}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_the_mapping_file_only_when_users_were_created() {
        let map = Path::new("/tmp/prod.backup.subs.csv");
        let updated = Done {
            updated: 1,
            ..Done::default()
        };
        assert_eq!(
            updated.summary(map),
            "Done: 0 users created, 0 disabled, 1 user updated, 0 memberships added, 0 groups created."
        );
        let created = Done {
            created: 2,
            ..Done::default()
        };
        assert!(
            created
                .summary(map)
                .ends_with("created. New subs in /tmp/prod.backup.subs.csv."),
            "{}",
            created.summary(map)
        );
    }
}
