//! What cognitui prints instead of starting the UI: shell completion scripts and the man page,
//! both generated from the command-line definition ([`Cli`]), so they always match its flags.
//! Neither needs a terminal, a configuration file or AWS credentials.

use std::io::{self, Write};

use clap::{CommandFactory, Subcommand};
use clap_complete::Shell;

use super::Cli;

/// The subcommands: each prints something and exits; without one cognitui starts the UI.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Generate {
    /// Print the completion script for SHELL to stdout.
    Completions {
        /// The shell the script is for.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff) to stdout.
    Man,
}

impl Generate {
    /// Writes the completion script or the man page to `out`.
    ///
    /// # Errors
    /// When `out` cannot be written.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut command = Cli::command();
        match self {
            Self::Completions { shell } => {
                let name = command.get_name().to_owned();
                clap_complete::generate(*shell, &mut command, name, out);
                Ok(())
            }
            Self::Man => clap_mangen::Man::new(command).render(out),
        }
    }
}
