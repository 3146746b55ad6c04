//! The demo: starts the local Cognito emulator, seeds a demo pool, and opens cognitui on it.
//! The emulator stops when the TUI exits. No AWS account needed.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use cognitui::audit::AuditLog;
use cognitui::config::{Cli, PoolChoice, Settings};
use cognitui::dev::{Emulator, emulator_client, seed_demo};

/// Run cognitui against a freshly seeded local demo pool.
#[derive(Debug, Parser)]
struct DemoCli {
    /// Open the app client with a secret (SECRET_HASH is then computed for client-side calls).
    #[arg(long)]
    secret_client: bool,
    /// Refuse every change (shows the READ-ONLY badge).
    #[arg(long)]
    read_only: bool,
}

/// The demo's protected user: cognitui refuses to delete or disable it, alone or in bulk.
const PROTECTED: &str = "ann.garcia0";

fn main() -> color_eyre::Result<ExitCode> {
    let demo_cli = DemoCli::parse();
    // Checked first: without a terminal the emulator is not even started.
    if !cognitui::terminal::interactive() {
        eprintln!("{}", cognitui::terminal::NO_TERMINAL);
        return Ok(ExitCode::from(2));
    }
    color_eyre::install()?;
    cognitui::logging::init();
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        eprintln!("Starting the local Cognito emulator…");
        let emulator = match Emulator::start() {
            Ok(e) => e,
            Err(e) => {
                eprintln!("cognitui-demo: {e}");
                return Ok(ExitCode::FAILURE);
            }
        };
        let client = emulator_client(&emulator.endpoint(), Duration::from_secs(10));
        eprintln!("Seeding the demo pool (about 200 users)…");
        let demo = match seed_demo(&client).await {
            Ok(d) => d,
            Err(e) => {
                eprintln!("cognitui-demo: seeding failed: {e}");
                return Ok(ExitCode::FAILURE);
            }
        };
        let cli = Cli {
            endpoint_url: Some(emulator.endpoint()),
            region: Some("us-east-1".into()),
            read_only: demo_cli.read_only,
            ..Cli::default()
        };
        // The user's own config file is left out: the demo must not touch a real pool.
        let mut settings = match Settings::from_flags(&cli) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("cognitui-demo: {e}");
                return Ok(ExitCode::FAILURE);
            }
        };
        settings.protected_users = vec![PROTECTED.into()];
        settings.pool = Some(PoolChoice {
            user_pool_id: demo.pool_id.clone(),
            client_id: Some(if demo_cli.secret_client {
                demo.secret_client_id.clone()
            } else {
                demo.client_id.clone()
            }),
            client_secret: None,
        });
        let result = cognitui::session::run_with_client(
            &settings,
            client,
            // The demo's changes go to their own file, apart from real pools' log.
            AuditLog::new(
                AuditLog::default_path("audit-demo.jsonl"),
                "cognitui-demo (local emulator)".into(),
            ),
        )
        .await;
        drop(emulator);
        result.map(|()| ExitCode::SUCCESS)
    })
}
