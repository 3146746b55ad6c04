//! Logs go to files in the data directory, never to the terminal the UI owns: one file a day
//! (`cognitui.YYYY-MM-DD.log`), the latest [`LOG_FILES_KEPT`] kept. Nothing logged carries a
//! password, code, secret or token: requests are logged by label only. The directory and the
//! files are their owner's only (see [`crate::private_files`]).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use chrono::{NaiveDate, Utc};
use tracing_appender::rolling::{RollingFileAppender, RollingWriter, Rotation};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

use crate::private_files;

/// How many daily log files are kept; older ones are deleted when a new one starts.
pub const LOG_FILES_KEPT: usize = 7;

/// The rotating log files of a directory. The appender creates each day's file with the
/// process's default mode; it is made its owner's only before the first line is written to it.
#[derive(Debug)]
pub struct LogFiles {
    files: RollingFileAppender,
    dir: PathBuf,
    /// The day whose file was last made its owner's only.
    private_day: Mutex<Option<NaiveDate>>,
}

impl LogFiles {
    /// Makes today's file its owner's only, once a day. The appender names its files by the
    /// UTC date, as here.
    fn keep_today_private(&self) {
        let today = Utc::now().date_naive();
        let mut day = self
            .private_day
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if *day != Some(today) && private_files::restrict(&self.dir.join(file_name(today))).is_ok()
        {
            *day = Some(today);
        }
    }
}

impl<'a> MakeWriter<'a> for LogFiles {
    type Writer = RollingWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        // The appender starts a new day's file here, if one is due.
        let writer = self.files.make_writer();
        self.keep_today_private();
        writer
    }
}

/// The name of `day`'s log file.
fn file_name(day: NaiveDate) -> String {
    format!("cognitui.{}.log", day.format("%Y-%m-%d"))
}

/// The rotating log files in `dir`: `cognitui.YYYY-MM-DD.log`, a new one each day, the latest
/// [`LOG_FILES_KEPT`] kept. The directory is created if need be, and it and the files are made
/// their owner's only.
///
/// # Errors
/// When the directory cannot be created or made its owner's only, or the file cannot be opened.
pub fn appender(dir: &Path) -> io::Result<LogFiles> {
    // Made first: the appender reads the directory to prune old files and says so on stderr
    // (under the UI) when it is missing.
    private_files::create_dir_all(dir)?;
    private_files::restrict(dir)?;
    let files = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("cognitui")
        .filename_suffix("log")
        .max_log_files(LOG_FILES_KEPT)
        .build(dir)
        .map_err(io::Error::other)?;
    let files = LogFiles {
        files,
        dir: dir.to_owned(),
        private_day: Mutex::new(None),
    };
    files.keep_today_private();
    Ok(files)
}

/// Starts logging to the rotating files in the platform data directory (level from
/// `COGNITUI_LOG`, default `info`). Without a data directory, nothing is logged.
pub fn init() {
    let Some(dirs) = directories::ProjectDirs::from("", "", "cognitui") else {
        return;
    };
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
        let files = appender(dir.path()).expect("appender");
        let mut writer = files.make_writer();
        writeln!(writer, "today").expect("write");
        writer.flush().expect("flush");

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

    #[cfg(unix)]
    #[test]
    fn the_log_directory_and_files_are_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let mode = crate::private_files::mode_of;
        let dir = tempfile::tempdir().expect("temp dir");
        let fresh = dir.path().join("data").join("cognitui");
        let files = appender(&fresh).expect("appender");
        writeln!(files.make_writer(), "started").expect("write");
        let today = fresh.join(file_name(Utc::now().date_naive()));
        assert_eq!(mode(&fresh), 0o700);
        assert_eq!(mode(&today), 0o600);

        // A directory and a file of today made before, readable by others, are no longer.
        let older = dir.path().join("older");
        std::fs::create_dir(&older).expect("dir");
        std::fs::set_permissions(&older, std::fs::Permissions::from_mode(0o755)).expect("mode");
        let today = older.join(file_name(Utc::now().date_naive()));
        std::fs::write(&today, "earlier\n").expect("file");
        std::fs::set_permissions(&today, std::fs::Permissions::from_mode(0o644)).expect("mode");
        let files = appender(&older).expect("appender");
        writeln!(files.make_writer(), "later").expect("write");
        assert_eq!(mode(&older), 0o700);
        assert_eq!(mode(&today), 0o600);
        assert_eq!(
            std::fs::read_to_string(&today).expect("read"),
            "earlier\nlater\n"
        );
    }
}
