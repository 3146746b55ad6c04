//! Importing users from a CSV file: the file named (its absolute path shown), its columns
//! matched to the pool's attributes and every row checked, a preview of the rows that fail and
//! why, then either an invitation for each row that passes (a bulk run: paced, backing off
//! when throttled, its failures run again from its preview) or one Cognito import job for
//! them (its file in GetCSVHeader's column order, confirmed first, then its progress while
//! this screen shows).

mod keys;
mod update;
mod view;

use std::path::PathBuf;

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Dirs, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::{Extent, Form};
use crate::cognito::CognitoError;
use crate::cognito::import::ImportJob;
use crate::cognito::invite::Delivery;
use crate::export::resolve_typed;
use crate::import::ImportFile;

pub use self::update::Update;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "read / invite"),
    (Command::ImportJob, "import job"),
    (Command::CreateOrUpdate, "create or update"),
    (Command::CycleDelivery, "delivery"),
    (Command::NextField, "next field"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

const FILE: usize = 0;
const ROLE: usize = 1;

/// How often a running import job is asked about while its screen shows.
pub const JOB_POLL: TimeDelta = TimeDelta::seconds(5);

/// Where an import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportPhase {
    /// Typing the file name (and the role, for an import job).
    Form,
    /// Reading the file.
    Reading,
    /// The rows checked: which fail and why; Enter invites, the job key makes a job.
    Preview,
    /// Reading the columns the import job's file must have (GetCSVHeader).
    Header,
    /// The import job: being made and started, then its progress.
    Job,
    /// Reading the users of the file's rows, to create or update them.
    Checking,
    /// What the file creates and changes, old → new; Enter runs it.
    Plan,
}

/// An import: the form, the file as read and checked, and the job once there is one.
#[derive(Debug, Clone)]
pub struct ImportRun {
    pub form: Form,
    /// How each invitation is delivered (the invitation form's choices).
    pub delivery: Delivery,
    pub phase: ImportPhase,
    /// The absolute path read, once Enter was pressed.
    pub path: PathBuf,
    /// The file's text, checked again when the delivery changes.
    pub(super) text: String,
    pub file: Option<ImportFile>,
    pub job: Option<ImportJob>,
    /// The users of the rows as read and the plan, to create or update from the file.
    pub update: Option<Update>,
    /// When the job was last asked about.
    pub polled: Option<DateTime<Utc>>,
}

impl ImportRun {
    /// The import form, once the pool is open (its schema checks the file).
    pub fn open(ctx: &mut Ctx) -> Next {
        if ctx.pool.is_none() {
            ctx.refuse("The pool is not open yet: wait a moment.".into());
            return Next::Stay;
        }
        // The file name is suggested, and the keyboard stays on it.
        let mut form = Form::new(&[("File", false), ("Logs role ARN", false)]);
        form.set(FILE, "users.csv");
        Next::Open(Box::new(Self {
            form,
            delivery: Delivery::Email,
            phase: ImportPhase::Form,
            path: PathBuf::new(),
            text: String::new(),
            file: None,
            job: None,
            update: None,
            polled: None,
        }))
    }

    /// The absolute path the typed file name stands for.
    pub fn target(&self, dirs: &Dirs) -> PathBuf {
        resolve_typed(dirs.work, dirs.home, self.form.value(FILE).trim())
    }

    /// The usernames of the rows that pass.
    pub fn passing(&self) -> Vec<String> {
        self.file
            .iter()
            .flat_map(ImportFile::passing)
            .map(|r| r.username.clone())
            .collect()
    }
}

/// The first key bound to `command` on the import screen, for its sentences.
fn key(shown: &Shown, command: Command) -> String {
    shown.key_name(Context::Import, command)
}

impl ScreenModule for ImportRun {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("import", None)
    }

    fn context(&self) -> Context {
        Context::Import
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn label(&self, command: Command, label: &'static str) -> &'static str {
        match (self.phase, command) {
            (ImportPhase::Plan, Command::Submit) => "run it",
            (ImportPhase::Checking, Command::Back) => "stop",
            _ => label,
        }
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        match command {
            Command::Submit => matches!(
                self.phase,
                ImportPhase::Form | ImportPhase::Preview | ImportPhase::Plan
            ),
            Command::CycleDelivery => {
                matches!(self.phase, ImportPhase::Form | ImportPhase::Preview)
            }
            Command::NextField => self.phase == ImportPhase::Form,
            Command::ImportJob | Command::CreateOrUpdate => self.phase == ImportPhase::Preview,
            _ => true,
        }
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        self.command(command, ctx)
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        (self.phase == ImportPhase::Form).then_some(&mut self.form)
    }

    fn work_in_progress(&self) -> Option<&'static str> {
        matches!(
            self.phase,
            ImportPhase::Preview | ImportPhase::Header | ImportPhase::Checking | ImportPhase::Plan
        )
        .then_some("An import is waiting for your Enter")
    }

    /// The file read, the job's columns, or the job (started, read again, or found started
    /// after a lost answer).
    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        match outcome {
            Outcome::Users(Ok(page)) => {
                if let Action::ListUsers { filter, .. } = action {
                    self.on_user_read(filter.as_ref(), Ok(page), ctx);
                }
            }
            Outcome::ImportRead(Ok(text)) => self.on_read(text, ctx),
            Outcome::CsvHeader(Ok(header)) => self.on_csv_header(&header, ctx),
            Outcome::ImportJob(Ok(job)) => self.on_job(job, ctx),
            _ => {}
        }
        Next::Stay
    }

    /// Reading the file failed: back to the form with what was typed. A call of the job
    /// failed: GetCSVHeader shows the preview again; a failed progress read is asked again at
    /// the next `JOB_POLL` (the job goes on in Cognito).
    fn on_failure(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        match action {
            Action::ListUsers { filter, .. } => {
                self.on_user_read(filter.as_ref(), Err(error), ctx);
                return Next::Stay;
            }
            Action::ReadImport { .. } => self.phase = ImportPhase::Form,
            Action::CsvHeader { .. } => self.phase = ImportPhase::Preview,
            Action::DescribeImportJob { .. } => self.polled = Some(ctx.now),
            _ => {}
        }
        ctx.refuse(error.to_string());
        Next::Stay
    }

    fn on_tick(&mut self, ctx: &mut Ctx) {
        self.poll(ctx);
    }

    fn extent(&self, area: Rect, shown: &Shown) -> Option<Extent> {
        (self.phase != ImportPhase::Form)
            .then(|| view::extent(shown, area, self, &Theme::no_color()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
