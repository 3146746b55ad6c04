//! Exporting users to a file the agent names: the marked users, or else every row shown.
//! With groups, each user's groups are read first (paced, with progress; Esc cancels and
//! nothing is written). The form shows the absolute path the file goes to; a file that exists
//! is replaced only after the agent says so (the worker checks as it writes).

use std::path::{Path, PathBuf};

use super::form::Form;
use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::cognito::CognitoError;
use crate::cognito::model::User;
use crate::export::{ExportFormat, ExportRow, Written, resolve_typed};
use crate::keys::Command;

/// Group reads in flight at once; the worker paces them further.
const WINDOW: usize = 4;

/// Where an export is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportPhase {
    /// Typing the file name.
    Form,
    /// Reading groups: how many are read.
    Fetching,
    Writing,
    /// The file exists: replace it (Enter) or go back to the form (Esc).
    Exists,
    /// Written: how many users.
    Done(usize),
    Cancelled,
}

/// An export: the users, the file, and progress.
#[derive(Debug, Clone)]
pub struct ExportRun {
    pub form: Form,
    pub with_groups: bool,
    pub rows: Vec<ExportRow>,
    /// What the rows are: "3 marked users", "120 users shown".
    pub scope: String,
    pub phase: ExportPhase,
    /// The absolute path being written, once Enter was pressed.
    pub path: PathBuf,
    pub next: usize,
    pub in_flight: usize,
    pub fetched: usize,
}

impl ExportRun {
    /// The absolute path the typed file name stands for, a relative one taken from `dir`, one
    /// starting with `~` from `home`.
    pub fn target(&self, dir: &Path, home: Option<&Path>) -> PathBuf {
        resolve_typed(dir, home, self.form.value(0).trim())
    }
}

impl App {
    /// Opens the export form for the marked users, or else every row shown.
    pub(super) fn open_export(&mut self) {
        let l = &self.lookup;
        let (users, scope): (Vec<User>, String) = if l.marked.is_empty() {
            let users: Vec<User> = l.view.iter().map(|&i| l.users.get(i)).collect();
            let scope = format!("{} shown", crate::sentence::count(users.len(), "user"));
            (users, scope)
        } else {
            let users: Vec<User> = (0..l.users.len())
                .filter(|&i| l.marked.contains(l.users.username(i)))
                .map(|i| l.users.get(i))
                .collect();
            let scope = format!("{} marked users", users.len());
            (users, scope)
        };
        let scope = if l.complete() || !l.marked.is_empty() {
            scope
        } else {
            format!("{scope} (more match on the server: load them all with L first)")
        };
        self.screen = Screen::Export(Box::new(ExportRun {
            form: Form::new(&[("File", false)]).with_value(0, "users.csv"),
            with_groups: false,
            rows: users
                .into_iter()
                .map(|user| ExportRow { user, groups: None })
                .collect(),
            scope,
            phase: ExportPhase::Form,
            path: PathBuf::new(),
            next: 0,
            in_flight: 0,
            fetched: 0,
        }));
    }

    /// Keys on the export screen.
    pub(super) fn export_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Export(run) = &mut self.screen else {
            return Vec::new();
        };
        match (&run.phase, command) {
            (ExportPhase::Form, Command::Toggle) => run.with_groups = !run.with_groups,
            (ExportPhase::Form, Command::Submit) => return self.start_export(),
            (ExportPhase::Exists, Command::Submit) => return self.write_export(true),
            // Writing: only once the write was abandoned (Esc first abandons the call).
            (ExportPhase::Exists | ExportPhase::Writing, Command::Back) => {
                run.phase = ExportPhase::Form;
            }
            (ExportPhase::Fetching, Command::Back) => {
                run.phase = ExportPhase::Cancelled;
                self.status = Some(Status::Info(
                    "Export cancelled: nothing was written.".into(),
                ));
            }
            (ExportPhase::Writing, _) => {}
            (_, Command::Back) => self.screen = Screen::Lookup,
            _ => {}
        }
        Vec::new()
    }

    /// The absolute path and format of the typed file name, or what is wrong with it.
    fn path(
        dir: &Path,
        home: Option<&Path>,
        run: &ExportRun,
    ) -> Result<(PathBuf, ExportFormat), String> {
        if run.form.value(0).trim().is_empty() {
            return Err("Type the file name.".into());
        }
        let path = run.target(dir, home);
        let format = ExportFormat::from_path(&path)?;
        if !path.is_absolute() {
            return Err(format!(
                "The current directory cannot be read: type the full path (got '{}').",
                path.display()
            ));
        }
        Ok((path, format))
    }

    fn start_export(&mut self) -> Vec<Request> {
        let Screen::Export(run) = &mut self.screen else {
            return Vec::new();
        };
        match Self::path(&self.export_dir, self.home_dir.as_deref(), run) {
            Ok((path, _)) => run.path = path,
            Err(problem) => {
                self.status = Some(Status::Error(problem));
                return Vec::new();
            }
        }
        if run.with_groups && run.fetched < run.rows.len() {
            run.phase = ExportPhase::Fetching;
            self.fetch_groups()
        } else {
            self.write_export(false)
        }
    }

    fn fetch_groups(&mut self) -> Vec<Request> {
        let Some(pool_id) = self.pool_id() else {
            return Vec::new();
        };
        let Screen::Export(run) = &mut self.screen else {
            return Vec::new();
        };
        if run.phase != ExportPhase::Fetching {
            return Vec::new();
        }
        if run.fetched == run.rows.len() {
            return self.write_export(false);
        }
        let mut actions = Vec::new();
        while run.in_flight < WINDOW && run.next < run.rows.len() {
            actions.push(Action::UserGroups {
                pool_id: pool_id.clone(),
                username: run.rows[run.next].user.username.clone(),
            });
            run.next += 1;
            run.in_flight += 1;
        }
        actions.into_iter().flat_map(|a| self.request(a)).collect()
    }

    /// Writes the file at the path Enter resolved; an existing one only if `replace`.
    fn write_export(&mut self, replace: bool) -> Vec<Request> {
        let Screen::Export(run) = &mut self.screen else {
            return Vec::new();
        };
        let Ok(format) = ExportFormat::from_path(&run.path) else {
            return Vec::new();
        };
        run.phase = ExportPhase::Writing;
        let mut rows = run.rows.clone();
        if !run.with_groups {
            // Groups read for an earlier try are not exported once switched off.
            for row in &mut rows {
                row.groups = None;
            }
        }
        let path = run.path.clone();
        self.request(Action::WriteExport {
            path,
            format,
            rows,
            replace,
        })
    }

    /// One user's groups arrived (or failed: the export stops, saying why).
    pub(super) fn on_export_groups(
        &mut self,
        username: &str,
        groups: Result<Vec<String>, CognitoError>,
    ) -> Vec<Request> {
        let Screen::Export(run) = &mut self.screen else {
            return Vec::new();
        };
        run.in_flight = run.in_flight.saturating_sub(1);
        match groups {
            Ok(groups) => {
                if let Some(row) = run.rows.iter_mut().find(|r| r.user.username == username) {
                    row.groups = Some(groups);
                }
                run.fetched += 1;
                self.fetch_groups()
            }
            Err(e) => {
                run.phase = ExportPhase::Cancelled;
                self.status = Some(Status::Error(format!(
                    "Export stopped, nothing written: reading {username}'s groups failed — {e}"
                )));
                Vec::new()
            }
        }
    }

    /// The file is written, or it exists and the agent is asked whether to replace it.
    pub(super) fn on_exported(&mut self, written: Written) {
        if let Screen::Export(run) = &mut self.screen {
            match written {
                Written::Users(count) => {
                    run.phase = ExportPhase::Done(count);
                    self.status = Some(Status::Info(format!(
                        "Exported {} to {}.",
                        crate::sentence::count(count, "user"),
                        run.path.display()
                    )));
                }
                Written::Exists => run.phase = ExportPhase::Exists,
            }
        }
    }
}
