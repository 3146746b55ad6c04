//! Logs go to files in the data directory, never to the terminal the UI owns: one file a day
//! (`cognitui.YYYY-MM-DD.log`), the latest [`LOG_FILES_KEPT`] kept. Nothing logged carries a
//! password, code, secret or token: requests are logged by label only.

use std::path::Path;

use tracing_appender::rolling::{InitError, RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// How many daily log files are kept; older ones are deleted when a new one starts.
pub const LOG_FILES_KEPT: usize = 7;

/// The rotating log files in `dir`: `cognitui.YYYY-MM-DD.log`, a new one each day, the latest
/// [`LOG_FILES_KEPT`] kept.
///
/// # Errors
/// When the directory cannot be created or the file cannot be opened.
pub fn appender(dir: &Path) -> Result<RollingFileAppender, InitError> {
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("cognitui")
        .filename_suffix("log")
        .max_log_files(LOG_FILES_KEPT)
        .build(dir)
}

/// Starts logging to the rotating files in the platform data directory (level from
/// `COGNITUI_LOG`, default `info`). Without a data directory, nothing is logged.
pub fn init() {
    let Some(dirs) = directories::ProjectDirs::from("", "", "cognitui") else {
        return;
    };
    // The appender reads the directory to prune old files and says so on stderr (under the
    // UI) when it is missing, so it is made first.
    if std::fs::create_dir_all(dirs.data_dir()).is_err() {
        return;
    }
    let Ok(files) = appender(dirs.data_dir()) else {
        return;
    };
    let filter = EnvFilter::try_from_env("COGNITUI_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(files)
        .try_init();
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    #[test]
    fn logs_rotate_daily_and_keep_a_few_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        for day in 1..=12 {
            std::fs::write(
                dir.path().join(format!("cognitui.2020-01-{day:02}.log")),
                "old\n",
            )
            .expect("old log");
        }
        std::fs::write(dir.path().join("notes.txt"), "not a log").expect("other file");
        let mut files = appender(dir.path()).expect("appender");
        writeln!(files, "today").expect("write");
        files.flush().expect("flush");

        let mut logs: Vec<String> = std::fs::read_dir(dir.path())
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| {
                n.starts_with("cognitui.") && Path::new(n).extension().is_some_and(|e| e == "log")
            })
            .collect();
        logs.sort();
        assert_eq!(logs.len(), LOG_FILES_KEPT, "{logs:?}");
        let today = chrono::Utc::now()
            .format("cognitui.%Y-%m-%d.log")
            .to_string();
        assert!(logs.contains(&today), "{logs:?}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&today)).expect("today's log"),
            "today\n"
        );
        assert!(
            dir.path().join("notes.txt").exists(),
            "other files are left alone"
        );
    }
}
