//! What cognitui does instead of starting the UI: shell completion scripts and the man page,
//! both generated from the command-line definition ([`Cli`]), so they always match its flags
//! (neither needs a terminal, a configuration file or AWS credentials), and the commands that
//! read and restore pools without a terminal (`doctor`, `backup`, `compare`,
//! `restore`).

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{CommandFactory, Subcommand};
use clap_complete::Shell;

use super::Cli;
use crate::doctor::STALE_UNCONFIRMED_DAYS;

/// The subcommands: each prints something and exits; without one cognitui starts the UI.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Task {
    /// Print the completion script for SHELL to stdout.
    Completions {
        /// The shell the script is for.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff) to stdout.
    Man,
    /// Examine every user of the pool (--pool or --user-pool-id) for users in a known trap and
    /// print the findings, each with why it matters and the fix; progress goes to stderr.
    Doctor {
        /// Print JSON: {"pool", "users_scanned", "findings": [{"kind", "users"}]}.
        #[arg(long)]
        json: bool,
        /// Days after which an UNCONFIRMED user counts as stale.
        #[arg(long, value_name = "DAYS", default_value_t = STALE_UNCONFIRMED_DAYS)]
        stale_days: i64,
    },
    /// Back the pool (--pool or --user-pool-id) up into a JSON Lines file readable by its owner
    /// only: its settings, app clients (no secrets), groups, every user and every membership.
    /// Progress goes to stderr.
    Backup {
        /// The file to write; it must not exist, unless --resume.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Carry on a backup cut short in FILE, without reading again its finished parts.
        #[arg(long)]
        resume: bool,
        /// Also read each user's MFA settings: one AdminGetUser a user, within the read rate.
        #[arg(long)]
        mfa: bool,
    },
    /// Compare two pools, a pool and a backup, or two backups (each A and B a user pool id or a
    /// backup file): users only in one, users in both that differ (status, enabled, each
    /// attribute but sub, groups), groups that differ. Exits 0 when they match, 1 when they
    /// differ, 2 when one cannot be read.
    Compare {
        /// A user pool id or a backup file.
        a: String,
        /// A user pool id or a backup file.
        b: String,
        /// Print JSON: {"a", "b", "users_in_both", "only_in_a", "only_in_b", "users_differ",
        /// "groups_only_in_a", "groups_only_in_b", "groups_differ"}.
        #[arg(long)]
        json: bool,
    },
    /// Restore or copy a backup into the pool (--pool or --user-pool-id): the plan is printed
    /// first (groups and users to create, users that exist, memberships to add, and what cannot
    /// be done, with why); --dry-run stops there, and nothing is sent without --yes. Users that
    /// exist are left as they are: running it again carries on where it stopped.
    Restore {
        /// The backup file (`cognitui backup`).
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// Print the plan and send nothing.
        #[arg(long)]
        dry_run: bool,
        /// Carry the plan out.
        #[arg(long)]
        yes: bool,
        /// How restored users get a password (passwords never leave a pool).
        #[arg(long, value_enum, default_value = "suppress")]
        passwords: crate::restore::Passwords,
        /// What to do with users who never confirmed their sign-up.
        #[arg(long, value_enum, default_value = "skip")]
        unconfirmed: crate::restore::Unconfirmed,
        /// Set the backup's attribute values on users that exist with other values (an
        /// immutable attribute cannot be changed: the plan says so); attributes the backup
        /// lacks are kept.
        #[arg(long)]
        update_existing: bool,
        /// With --passwords import-job: the IAM role the import job writes CloudWatch logs
        /// with (arn:aws:iam::ACCOUNT:role/NAME).
        #[arg(long, value_name = "ARN")]
        import_role: Option<String>,
        /// Where each restored user's old sub, new sub and username go (CSV, appended);
        /// FILE.subs.csv beside the backup by default.
        #[arg(long, value_name = "CSV")]
        sub_map: Option<PathBuf>,
    },
}

impl Task {
    /// Writes the completion script or the man page to `out`; `None` for a task that reads
    /// the pool (it needs the configuration).
    ///
    /// # Errors
    /// When `out` cannot be written.
    pub fn write(&self, out: &mut dyn Write) -> Option<io::Result<()>> {
        let mut command = Cli::command();
        match self {
            Self::Completions { shell } => {
                let name = command.get_name().to_owned();
                clap_complete::generate(*shell, &mut command, name, out);
                Some(Ok(()))
            }
            Self::Man => Some(clap_mangen::Man::new(command).render(out)),
            Self::Doctor { .. }
            | Self::Backup { .. }
            | Self::Compare { .. }
            | Self::Restore { .. } => None,
        }
    }
}
