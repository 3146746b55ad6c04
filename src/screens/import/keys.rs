//! The import screen's steps: the file read and checked, the invitations as a bulk run, the
//! import job prepared (its role checked, GetCSVHeader's columns) and confirmed, then its
//! progress while the screen shows.

use super::{FILE, ImportPhase, ImportRun, JOB_POLL, ROLE};
use crate::action::Action;
use crate::cognito::admin::AdminCall;
use crate::cognito::import::{ImportJob, NewImportJob};
use crate::import::{ImportFile, job_csv, role_arn_problem};
use crate::keys::{Command, Context};
use crate::screens::bulk::BulkRun;
use crate::screens::{Ctx, Next};

impl ImportRun {
    /// Keys on the import screen.
    pub(super) fn command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        let starting = ctx.asking(|a| matches!(a, Action::StartImportJob { .. }));
        match (self.phase, command) {
            // The job is on its way: its answer decides what shows next.
            (ImportPhase::Preview, Command::Submit | Command::ImportJob) if starting => {}
            (ImportPhase::Form, Command::Submit) => self.read(ctx),
            (ImportPhase::Form | ImportPhase::Preview, Command::CycleDelivery) => {
                self.delivery = self.delivery.next();
                self.check(ctx);
            }
            (ImportPhase::Preview, Command::Submit) => return self.invite(ctx),
            (ImportPhase::Preview, Command::ImportJob) => self.prepare_job(ctx),
            (ImportPhase::Preview, Command::CreateOrUpdate) => self.check_users(ctx),
            (ImportPhase::Checking, Command::Back) => self.stop_checking(),
            (ImportPhase::Plan, Command::Submit) => return self.apply_plan(ctx),
            (ImportPhase::Plan, Command::Back) => {
                self.update = None;
                self.phase = ImportPhase::Preview;
            }
            (ImportPhase::Preview | ImportPhase::Reading | ImportPhase::Header, Command::Back) => {
                self.phase = ImportPhase::Form;
            }
            (ImportPhase::Form | ImportPhase::Job, Command::Back) => return Next::Users,
            (ImportPhase::Form, _) => self.form.on_command(command),
            _ => {}
        }
        Next::Stay
    }

    /// Enter on the form: the file is read (by the worker: screens do no I/O).
    fn read(&mut self, ctx: &mut Ctx) {
        if self.form.value(FILE).trim().is_empty() {
            return ctx.refuse("Type the file name.".into());
        }
        let path = self.target(&ctx.dirs);
        if !path.is_absolute() {
            return ctx.refuse(format!(
                "The current directory cannot be read: type the full path (got '{}').",
                path.display()
            ));
        }
        self.path.clone_from(&path);
        self.phase = ImportPhase::Reading;
        ctx.request(Action::ReadImport { path });
    }

    /// The file's text arrived: checked against the pool, then the preview.
    pub(super) fn on_read(&mut self, text: String, ctx: &mut Ctx) {
        if self.phase == ImportPhase::Reading {
            self.text = text;
            self.phase = ImportPhase::Preview;
            self.check(ctx);
        }
    }

    /// Checks the file read against the pool's schema for the delivery chosen.
    fn check(&mut self, ctx: &mut Ctx) {
        let Some(pool) = ctx.pool else {
            return;
        };
        // Nothing is read yet while the form is first filled in.
        if self.text.is_empty() && self.phase == ImportPhase::Form {
            return;
        }
        match ImportFile::parse(
            &self.text,
            &pool.schema,
            pool.usernames_case_sensitive,
            self.delivery,
        ) {
            Ok(file) => self.file = Some(file),
            Err(why) => {
                self.file = None;
                self.phase = ImportPhase::Form;
                ctx.refuse(format!("{}: {why}", self.path.display()));
            }
        }
    }

    /// Enter on the preview: an invitation for each row that passes, as a bulk run that starts
    /// at once (this preview was its confirmation).
    fn invite(&self, ctx: &mut Ctx) -> Next {
        let Some(file) = &self.file else {
            return Next::Stay;
        };
        let each: Vec<(String, Vec<AdminCall>)> = file
            .passing()
            .map(|r| (r.username.clone(), vec![r.create_call(self.delivery)]))
            .collect();
        if each.is_empty() {
            ctx.refuse("No row passes: fix the file, then read it again (Esc, Enter).".into());
            return Next::Stay;
        }
        let failing = file.failing().count();
        let note =
            (failing > 0).then(|| format!("{failing} rows of the file fail and are left out."));
        let title = format!("Invite the users of {}", self.path.display());
        let mut bulk = BulkRun::per_user(title, each, note, ctx.safety);
        bulk.start(ctx);
        Next::Open(Box::new(bulk))
    }

    /// The job key on the preview: the role is checked, then GetCSVHeader says the columns
    /// the job's file must have.
    fn prepare_job(&mut self, ctx: &mut Ctx) {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return;
        };
        if let Some(problem) = role_arn_problem(self.form.value(ROLE).trim()) {
            let back = ctx
                .keymap
                .key_for(Context::Import, Command::Back)
                .map_or_else(String::new, |k| format!(" ({k} goes back to the form)"));
            return ctx.refuse(format!("{problem}{back}"));
        }
        if self.passing().is_empty() {
            return ctx.refuse("No row passes: fix the file, then read it again.".into());
        }
        self.phase = ImportPhase::Header;
        ctx.request(Action::CsvHeader { pool_id });
    }

    /// GetCSVHeader answered: the job's file is written from the rows that pass, and the job
    /// goes to its confirmation.
    pub(super) fn on_csv_header(&mut self, header: &[String], ctx: &mut Ctx) {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return;
        };
        if self.phase != ImportPhase::Header {
            return;
        }
        self.phase = ImportPhase::Preview;
        let Some(file) = &self.file else {
            return;
        };
        let csv = match job_csv(header, file.passing()) {
            Ok(csv) => csv,
            Err(why) => return ctx.refuse(why),
        };
        let job = NewImportJob {
            name: format!("cognitui-{}", ctx.now.format("%Y%m%d-%H%M%S")),
            role_arn: self.form.value(ROLE).trim().to_owned(),
            csv,
            usernames: self.passing(),
        };
        // Enter on the confirmation shows the preview again until the job's answer comes.
        ctx.request(Action::StartImportJob { pool_id, job });
    }

    /// The job was started, or read again: its progress shows.
    pub(super) fn on_job(&mut self, job: ImportJob, ctx: &Ctx) {
        if matches!(self.phase, ImportPhase::Preview | ImportPhase::Job) {
            self.phase = ImportPhase::Job;
            self.job = Some(job);
            self.polled = Some(ctx.now);
        }
    }

    /// At a tick: the job shown is asked about again every `JOB_POLL` until it ends. Nothing
    /// is asked once the screen is left.
    pub(super) fn poll(&mut self, ctx: &mut Ctx) {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return;
        };
        let Some(job) = self.job.as_ref().filter(|j| !j.finished()) else {
            return;
        };
        let due = self.polled.is_none_or(|at| ctx.now - at >= JOB_POLL);
        let asking = ctx.asking(|a| matches!(a, Action::DescribeImportJob { .. }));
        if self.phase != ImportPhase::Job || !due || asking {
            return;
        }
        let job_id = job.id.clone();
        ctx.request(Action::DescribeImportJob { pool_id, job_id });
    }
}
