//! Exporting users to a file the agent names: the marked users, or else every row shown.
//! With groups, each user's groups are read first (paced, with progress; Esc cancels and
//! nothing is written). The form shows the absolute path the file goes to; a file that exists
//! is replaced only after the agent says so (the worker checks as it writes).

use std::path::PathBuf;

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Dirs, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::Form;
use crate::cognito::CognitoError;
use crate::cognito::model::User;
use crate::export::{ExportFormat, ExportRow, Written, resolve_typed};
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "export"),
    (Command::Toggle, "groups"),
    (Command::Back, "cancel / back"),
];

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
    pub fn target(&self, dirs: &Dirs) -> PathBuf {
        resolve_typed(dirs.work, dirs.home, self.form.value(0).trim())
    }

    /// The export form for `users` (`scope` says what they are: "3 marked users").
    pub fn open(users: Vec<User>, scope: String) -> Next {
        Next::Open(Box::new(Self {
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
        }))
    }

    /// The absolute path and format of the typed file name, or what is wrong with it.
    fn path(&self, dirs: &Dirs) -> Result<(PathBuf, ExportFormat), String> {
        if self.form.value(0).trim().is_empty() {
            return Err("Type the file name.".into());
        }
        let path = self.target(dirs);
        let format = ExportFormat::from_path(&path)?;
        if !path.is_absolute() {
            return Err(format!(
                "The current directory cannot be read: type the full path (got '{}').",
                path.display()
            ));
        }
        Ok((path, format))
    }

    fn start(&mut self, ctx: &mut Ctx) {
        match self.path(&ctx.dirs) {
            Ok((path, _)) => self.path = path,
            Err(problem) => return ctx.refuse(problem),
        }
        if self.with_groups && self.fetched < self.rows.len() {
            self.phase = ExportPhase::Fetching;
            self.fetch_groups(ctx);
        } else {
            self.write(false, ctx);
        }
    }

    fn fetch_groups(&mut self, ctx: &mut Ctx) {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return;
        };
        if self.phase != ExportPhase::Fetching {
            return;
        }
        if self.fetched == self.rows.len() {
            return self.write(false, ctx);
        }
        while self.in_flight < WINDOW && self.next < self.rows.len() {
            ctx.request(Action::UserGroups {
                pool_id: pool_id.clone(),
                username: self.rows[self.next].user.username.clone(),
            });
            self.next += 1;
            self.in_flight += 1;
        }
    }

    /// Writes the file at the path Enter resolved; an existing one only if `replace`.
    fn write(&mut self, replace: bool, ctx: &mut Ctx) {
        let Ok(format) = ExportFormat::from_path(&self.path) else {
            return;
        };
        self.phase = ExportPhase::Writing;
        let mut rows = self.rows.clone();
        if !self.with_groups {
            // Groups read for an earlier try are not exported once switched off.
            for row in &mut rows {
                row.groups = None;
            }
        }
        ctx.request(Action::WriteExport {
            path: self.path.clone(),
            format,
            rows,
            replace,
        });
    }

    /// One user's groups arrived (or failed: the export stops, saying why).
    fn on_groups(
        &mut self,
        username: &str,
        groups: Result<Vec<String>, CognitoError>,
        ctx: &mut Ctx,
    ) {
        self.in_flight = self.in_flight.saturating_sub(1);
        match groups {
            Ok(groups) => {
                if let Some(row) = self.rows.iter_mut().find(|r| r.user.username == username) {
                    row.groups = Some(groups);
                }
                self.fetched += 1;
                self.fetch_groups(ctx);
            }
            Err(e) => {
                self.phase = ExportPhase::Cancelled;
                ctx.refuse(format!(
                    "Export stopped, nothing written: reading {username}'s groups failed — {e}"
                ));
            }
        }
    }

    /// The file is written, or it exists and the agent is asked whether to replace it.
    fn on_written(&mut self, written: Written, ctx: &mut Ctx) {
        match written {
            Written::Users(count) => {
                self.phase = ExportPhase::Done(count);
                ctx.say(format!(
                    "Exported {} to {}.",
                    crate::sentence::count(count, "user"),
                    self.path.display()
                ));
            }
            Written::Exists => self.phase = ExportPhase::Exists,
        }
    }
}

impl ScreenModule for ExportRun {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("export", None)
    }

    fn context(&self) -> Context {
        Context::Export
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match (&self.phase, command) {
            (ExportPhase::Form, Command::Toggle) => self.with_groups = !self.with_groups,
            (ExportPhase::Form, Command::Submit) => self.start(ctx),
            (ExportPhase::Exists, Command::Submit) => self.write(true, ctx),
            // Writing: only once the write was abandoned (Esc first abandons the call).
            (ExportPhase::Exists | ExportPhase::Writing, Command::Back) => {
                self.phase = ExportPhase::Form;
            }
            (ExportPhase::Fetching, Command::Back) => {
                self.phase = ExportPhase::Cancelled;
                ctx.say("Export cancelled: nothing was written.".into());
            }
            (ExportPhase::Writing, _) => {}
            (_, Command::Back) => return Next::Users,
            _ => {}
        }
        Next::Stay
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        (self.phase == ExportPhase::Form).then_some(&mut self.form)
    }

    fn work_in_progress(&self) -> Option<&'static str> {
        matches!(
            self.phase,
            ExportPhase::Fetching | ExportPhase::Writing | ExportPhase::Exists
        )
        .then_some("An export is in progress")
    }

    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        match (action, outcome) {
            (Action::UserGroups { username, .. }, Outcome::UserGroups(groups)) => {
                self.on_groups(username, groups, ctx);
            }
            (_, Outcome::Exported(Ok(written))) => self.on_written(written, ctx),
            _ => {}
        }
        Next::Stay
    }

    /// A write that failed goes back to the form, to name another file.
    fn on_failure(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        if let Action::WriteExport { .. } = action {
            self.phase = ExportPhase::Form;
        }
        ctx.refuse(error.to_string());
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
