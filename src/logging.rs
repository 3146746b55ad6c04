//! Logs go to a file in the data directory, never to the terminal the UI owns. Nothing logged
//! carries a password, code, secret or token: requests are logged by label only.

use std::fs::OpenOptions;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// Starts logging to `cognitui.log` in the platform data directory (level from `COGNITUI_LOG`,
/// default `info`). Without a data directory, nothing is logged.
pub fn init() {
    let Some(dirs) = directories::ProjectDirs::from("", "", "cognitui") else {
        return;
    };
    let dir = dirs.data_dir();
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(file) = OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("cognitui.log"))
    else {
        return;
    };
    let filter = EnvFilter::try_from_env("COGNITUI_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init();
}
