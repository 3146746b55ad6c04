use std::process::ExitCode;

use clap::Parser;
use cognitui::config::{CLIENT_SECRET_ENV, Cli, Settings, Task};

fn main() -> color_eyre::Result<ExitCode> {
    let cli = Cli::parse();
    // Completions and the man page need no configuration, terminal or credentials.
    if let Some(printed) = cli
        .task
        .as_ref()
        .and_then(|task| task.write(&mut std::io::stdout().lock()))
    {
        return Ok(match printed {
            // A reader that stopped early (`| head`) is not a failure.
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cognitui: {e}");
                ExitCode::FAILURE
            }
        });
    }
    let settings = match Settings::load(&cli, std::env::var(CLIENT_SECRET_ENV).ok()) {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("cognitui: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    // The commands that read the pool need no terminal, and never prompt.
    match cli.task {
        Some(Task::Doctor { json, stale_days }) => {
            let runtime = tokio::runtime::Runtime::new()?;
            let run = cognitui::commands::doctor::run(&settings, json, stale_days);
            return Ok(runtime.block_on(run));
        }
        Some(Task::Backup { out, resume, mfa }) => {
            let runtime = tokio::runtime::Runtime::new()?;
            let run = cognitui::commands::backup::run(&settings, &out, resume, mfa);
            return Ok(runtime.block_on(run));
        }
        Some(Task::Compare { a, b, json }) => {
            let runtime = tokio::runtime::Runtime::new()?;
            let run = cognitui::commands::compare::run(&settings, &a, &b, json);
            return Ok(runtime.block_on(run));
        }
        Some(Task::Restore {
            from,
            dry_run,
            yes,
            passwords,
            unconfirmed,
            update_existing,
            import_role,
            sub_map,
        }) => {
            let options = cognitui::commands::restore::Options {
                sub_map: sub_map
                    .unwrap_or_else(|| cognitui::restore::sub_map::default_sub_map(&from)),
                from,
                dry_run,
                passwords,
                unconfirmed,
                update_existing,
                import_role,
            };
            let runtime = tokio::runtime::Runtime::new()?;
            let run = cognitui::commands::restore::run(&settings, &options, yes);
            return Ok(runtime.block_on(run));
        }
        _ => {}
    }
    // Nothing is started (no logging, no runtime, no terminal) without a terminal to run in.
    if !cognitui::terminal::interactive() {
        eprintln!("{}", cognitui::terminal::NO_TERMINAL);
        return Ok(ExitCode::from(2));
    }
    color_eyre::install()?;
    cognitui::logging::init();
    let runtime = tokio::runtime::Runtime::new()?;
    if let Err(e) = runtime.block_on(cognitui::session::run_terminal(settings)) {
        eprintln!("cognitui: {e}");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
