//! Importing users from a CSV file: the file named (its absolute path shown), its columns
//! matched to the pool's attributes and every row checked, a preview of the rows that fail and
//! why, then either an invitation for each row that passes (a bulk run: paced, backing off
//! when throttled, its failures run again from its preview) or one Cognito import job for
//! them (its file in GetCSVHeader's column order, confirmed first, then its progress while
//! this screen shows).

use std::path::PathBuf;

use chrono::{DateTime, TimeDelta, Utc};

use super::form::Form;
use super::{App, Screen, Status};
use crate::action::{Action, Outcome, Request};
use crate::cognito::admin::AdminCall;
use crate::cognito::import::{ImportJob, NewImportJob};
use crate::cognito::invite::Delivery;
use crate::export::resolve_typed;
use crate::import::{ImportFile, job_csv, role_arn_problem};
use crate::keys::{Command, Context};
use crate::screens::Dirs;
use crate::screens::Next;
use crate::screens::bulk::BulkRun;

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
    text: String,
    pub file: Option<ImportFile>,
    pub job: Option<ImportJob>,
    /// When the job was last asked about.
    pub polled: Option<DateTime<Utc>>,
}

impl ImportRun {
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

/// What the confirmation of an import job says.
pub fn job_notes(job: &NewImportJob) -> Vec<String> {
    vec![
        format!(
            "Import {} with a Cognito import job named '{}': CreateUserImportJob, the file uploaded to the job's pre-signed URL, then StartUserImportJob.",
            crate::sentence::count(job.usernames.len(), "user"),
            job.name
        ),
        format!(
            "The job writes its logs to CloudWatch through the role {}.",
            job.role_arn
        ),
        "Cognito sends no invitation: imported users are RESET_REQUIRED and choose their password through 'forgot password' at their first sign-in.".into(),
        "Cognito skips a user who exists already; the progress shows while the import screen is open.".into(),
    ]
}

impl App {
    /// Opens the import form.
    pub(super) fn open_import(&mut self) {
        if self.pool.is_none() {
            self.status = Some(Status::Error(
                "The pool is not open yet: wait a moment.".into(),
            ));
            return;
        }
        // The file name is suggested, and the keyboard stays on it.
        let mut form = Form::new(&[("File", false), ("Logs role ARN", false)]);
        form.set(FILE, "users.csv");
        self.screen = Screen::Import(Box::new(ImportRun {
            form,
            delivery: Delivery::Email,
            phase: ImportPhase::Form,
            path: PathBuf::new(),
            text: String::new(),
            file: None,
            job: None,
            polled: None,
        }));
    }

    /// Keys on the import screen.
    pub(super) fn import_command(&mut self, command: Command) -> Vec<Request> {
        let starting = self
            .in_flight
            .values()
            .any(|a| matches!(a, Action::StartImportJob { .. }));
        let Screen::Import(run) = &mut self.screen else {
            return Vec::new();
        };
        match (run.phase, command) {
            // The job is on its way: its answer decides what shows next.
            (ImportPhase::Preview, Command::Submit | Command::ImportJob) if starting => {}
            (ImportPhase::Form, Command::Submit) => return self.read_import(),
            (ImportPhase::Form | ImportPhase::Preview, Command::CycleDelivery) => {
                run.delivery = run.delivery.next();
                self.check_import();
            }
            (ImportPhase::Preview, Command::Submit) => return self.invite_imported(),
            (ImportPhase::Preview, Command::ImportJob) => return self.prepare_import_job(),
            (ImportPhase::Preview | ImportPhase::Reading | ImportPhase::Header, Command::Back) => {
                run.phase = ImportPhase::Form;
            }
            (ImportPhase::Form | ImportPhase::Job, Command::Back) => self.screen = Screen::Lookup,
            (ImportPhase::Form, _) => self.form_command(command),
            _ => {}
        }
        Vec::new()
    }

    /// Enter on the form: the file is read (by the worker: `App` does no I/O).
    fn read_import(&mut self) -> Vec<Request> {
        let Screen::Import(run) = &mut self.screen else {
            return Vec::new();
        };
        if run.form.value(FILE).trim().is_empty() {
            self.status = Some(Status::Error("Type the file name.".into()));
            return Vec::new();
        }
        let dirs = Dirs {
            work: &self.export_dir,
            home: self.home_dir.as_deref(),
        };
        let path = run.target(&dirs);
        if !path.is_absolute() {
            self.status = Some(Status::Error(format!(
                "The current directory cannot be read: type the full path (got '{}').",
                path.display()
            )));
            return Vec::new();
        }
        run.path.clone_from(&path);
        run.phase = ImportPhase::Reading;
        self.request(Action::ReadImport { path })
    }

    /// A file read, the job's columns, or the job, arrived.
    pub(super) fn on_import_outcome(&mut self, outcome: Outcome) -> Vec<Request> {
        match outcome {
            Outcome::ImportRead(Ok(text)) => self.on_import_read(text),
            Outcome::CsvHeader(Ok(header)) => return self.on_csv_header(&header),
            Outcome::ImportJob(Ok(job)) => self.on_import_job(job),
            _ => {}
        }
        Vec::new()
    }

    /// The file's text arrived: checked against the pool, then the preview.
    fn on_import_read(&mut self, text: String) {
        if let Screen::Import(run) = &mut self.screen
            && run.phase == ImportPhase::Reading
        {
            run.text = text;
            run.phase = ImportPhase::Preview;
            self.check_import();
        }
    }

    /// Reading the file failed: back to the form with what was typed, and why.
    pub(super) fn on_import_unread(&mut self, why: String) {
        if let Screen::Import(run) = &mut self.screen {
            run.phase = ImportPhase::Form;
        }
        self.status = Some(Status::Error(why));
    }

    /// Checks the file read against the pool's schema for the delivery chosen.
    fn check_import(&mut self) {
        let (Screen::Import(run), Some(pool)) = (&mut self.screen, &self.pool) else {
            return;
        };
        // Nothing is read yet while the form is first filled in.
        if run.text.is_empty() && run.phase == ImportPhase::Form {
            return;
        }
        match ImportFile::parse(
            &run.text,
            &pool.schema,
            pool.usernames_case_sensitive,
            run.delivery,
        ) {
            Ok(file) => run.file = Some(file),
            Err(why) => {
                run.file = None;
                run.phase = ImportPhase::Form;
                self.status = Some(Status::Error(format!("{}: {why}", run.path.display())));
            }
        }
    }

    /// Enter on the preview: an invitation for each row that passes, as a bulk run that starts
    /// at once (this preview was its confirmation).
    fn invite_imported(&mut self) -> Vec<Request> {
        let Screen::Import(run) = &self.screen else {
            return Vec::new();
        };
        let Some(file) = &run.file else {
            return Vec::new();
        };
        let each: std::collections::HashMap<String, AdminCall> = file
            .passing()
            .map(|r| (r.username.clone(), r.create_call(run.delivery)))
            .collect();
        if each.is_empty() {
            self.status = Some(Status::Error(
                "No row passes: fix the file, then read it again (Esc, Enter).".into(),
            ));
            return Vec::new();
        }
        let failing = file.failing().count();
        let note =
            (failing > 0).then(|| format!("{failing} rows of the file fail and are left out."));
        let title = format!("Invite the users of {}", run.path.display());
        let call = AdminCall::CreateUser {
            attributes: Vec::new(),
            delivery: run.delivery,
        };
        let targets = run.passing();
        self.open_module(|ctx| {
            let mut bulk = BulkRun::preview(title, call, targets, note, ctx.safety);
            bulk.each = each;
            bulk.start(ctx);
            Next::Open(Box::new(bulk))
        })
    }

    /// The job key on the preview: the role is checked, then GetCSVHeader says the columns
    /// the job's file must have.
    fn prepare_import_job(&mut self) -> Vec<Request> {
        let pool_id = self.pool_id();
        let (Screen::Import(run), Some(pool_id)) = (&mut self.screen, pool_id) else {
            return Vec::new();
        };
        let back = self.keymap.key_for(Context::Import, Command::Back);
        if let Some(problem) = role_arn_problem(run.form.value(ROLE).trim()) {
            let back = back.map_or_else(String::new, |k| format!(" ({k} goes back to the form)"));
            self.status = Some(Status::Error(format!("{problem}{back}")));
            return Vec::new();
        }
        if run.passing().is_empty() {
            self.status = Some(Status::Error(
                "No row passes: fix the file, then read it again.".into(),
            ));
            return Vec::new();
        }
        run.phase = ImportPhase::Header;
        self.request(Action::CsvHeader { pool_id })
    }

    /// GetCSVHeader answered: the job's file is written from the rows that pass, and the job
    /// goes to its confirmation.
    fn on_csv_header(&mut self, header: &[String]) -> Vec<Request> {
        let pool_id = self.pool_id();
        let (Screen::Import(run), Some(pool_id)) = (&mut self.screen, pool_id) else {
            return Vec::new();
        };
        if run.phase != ImportPhase::Header {
            return Vec::new();
        }
        run.phase = ImportPhase::Preview;
        let Some(file) = &run.file else {
            return Vec::new();
        };
        let csv = match job_csv(header, file.passing()) {
            Ok(csv) => csv,
            Err(why) => {
                self.status = Some(Status::Error(why));
                return Vec::new();
            }
        };
        let job = NewImportJob {
            name: format!("cognitui-{}", self.now.format("%Y%m%d-%H%M%S")),
            role_arn: run.form.value(ROLE).trim().to_owned(),
            csv,
            usernames: run.passing(),
        };
        // Enter on the confirmation shows the preview again until the job's answer comes.
        self.request(Action::StartImportJob { pool_id, job })
    }

    /// The job was started, or read again: its progress shows.
    pub(super) fn on_import_job(&mut self, job: ImportJob) {
        if let Screen::Import(run) = &mut self.screen
            && matches!(run.phase, ImportPhase::Preview | ImportPhase::Job)
        {
            run.phase = ImportPhase::Job;
            run.job = Some(job);
            run.polled = Some(self.now);
        }
    }

    /// A call of the job failed: GetCSVHeader shows the preview again; a failed progress read
    /// is asked again at the next `JOB_POLL` (the job goes on in Cognito).
    pub(super) fn on_import_job_failed(&mut self, action: &Action) {
        if let Screen::Import(run) = &mut self.screen {
            match action {
                Action::CsvHeader { .. } => run.phase = ImportPhase::Preview,
                Action::DescribeImportJob { .. } => run.polled = Some(self.now),
                _ => {}
            }
        }
    }

    /// At a tick: the job shown is asked about again every `JOB_POLL` until it ends. Nothing
    /// is asked once the screen is left.
    pub(super) fn poll_import_job(&mut self) -> Vec<Request> {
        let (Screen::Import(run), Some(pool_id)) = (&self.screen, self.pool_id()) else {
            return Vec::new();
        };
        let Some(job) = run.job.as_ref().filter(|j| !j.finished()) else {
            return Vec::new();
        };
        let due = run.polled.is_none_or(|at| self.now - at >= JOB_POLL);
        let asking = self
            .in_flight
            .values()
            .any(|a| matches!(a, Action::DescribeImportJob { .. }));
        if run.phase != ImportPhase::Job || !due || asking {
            return Vec::new();
        }
        let job_id = job.id.clone();
        self.request(Action::DescribeImportJob { pool_id, job_id })
    }
}
