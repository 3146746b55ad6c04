//! Backing the pool up (`B` in the user table): the file it goes to (the absolute path shown),
//! whether each user's MFA settings are read too (one AdminGetUser a user), then the backup's
//! progress (users written, users a second, time left) and where it went. It runs the same
//! code as `cognitui backup`. `Esc` stops it; what is written stays, and `F4` carries it on
//! without reading again what is written, as `--resume` does.

mod view;

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Dirs, Next, ScreenModule, Shown};
use crate::action::{Action, ActionKind, Outcome, Tally};
use crate::app::Form;
use crate::commands::backup::Written;
use crate::export::resolve_typed;
use crate::keys::{Command, Context};
use crate::sentence::stopped;
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "back up"),
    (Command::Resume, "resume"),
    (Command::Toggle, "MFA settings"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// Where a backup is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupPhase {
    /// Typing the file name.
    Form,
    /// Being written; its progress is in the tally.
    Running,
    /// Written whole.
    Done(Written),
    /// Stopped by the agent: what is written stays, to resume.
    Stopped,
    /// Why it stopped: what is written stays, to resume.
    Failed(String),
}

/// The backup screen.
#[derive(Debug, Clone)]
pub struct BackupView {
    pub form: Form,
    /// Whether each user's MFA settings are read too.
    pub mfa: bool,
    pub phase: BackupPhase,
    /// The absolute path being written, once started.
    pub path: PathBuf,
    /// Whether the run carries on a file cut short.
    pub resumed: bool,
    pub tally: Tally,
}

impl BackupView {
    /// The form, its file named after the pool and today's date.
    pub fn open(ctx: &mut Ctx) -> Next {
        let name = ctx.pool.map_or("pool", |p| p.name.as_str());
        let file = format!("{name}-{}.backup.jsonl", ctx.now.format("%Y-%m-%d"));
        Next::Open(Box::new(Self {
            form: Form::new(&[("File", false)]).with_value(0, &file),
            mfa: false,
            phase: BackupPhase::Form,
            path: PathBuf::new(),
            resumed: false,
            tally: Tally::default(),
        }))
    }

    /// The absolute path the typed file name stands for.
    pub fn target(&self, dirs: &Dirs) -> PathBuf {
        resolve_typed(dirs.work, dirs.home, self.form.value(0).trim())
    }

    /// Starts the backup into the typed file (with `resume`, carries on the one it holds).
    fn start(&mut self, resume: bool, ctx: &mut Ctx) {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return;
        };
        if self.phase == BackupPhase::Form {
            if self.form.value(0).trim().is_empty() {
                return ctx.refuse("Type the file name.".into());
            }
            self.path = self.target(&ctx.dirs);
        }
        let resume_key = ctx.key_name(Context::Backup, Command::Resume);
        match (resume, self.path.exists()) {
            (false, true) => {
                return ctx.refuse(format!(
                    "{} exists: {resume_key} resumes it (a whole backup is left as it is), or type another name.",
                    self.path.display()
                ));
            }
            (true, false) => {
                return ctx.refuse(format!(
                    "{} does not exist: there is nothing to resume. Enter starts a new backup.",
                    self.path.display()
                ));
            }
            _ => {}
        }
        self.tally = Tally::default();
        self.resumed = resume;
        self.phase = BackupPhase::Running;
        ctx.request(Action::Backup {
            pool_id,
            path: self.path.clone(),
            resume,
            mfa: self.mfa,
            tally: self.tally.clone(),
        });
    }
}

impl ScreenModule for BackupView {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("backup", None)
    }

    fn context(&self) -> Context {
        Context::Backup
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        match command {
            Command::Submit | Command::Toggle => self.phase == BackupPhase::Form,
            Command::Resume => matches!(
                self.phase,
                BackupPhase::Form | BackupPhase::Stopped | BackupPhase::Failed(_)
            ),
            _ => true,
        }
    }

    fn label(&self, command: Command, label: &'static str) -> &'static str {
        match (command, &self.phase) {
            (Command::Back, BackupPhase::Running) => "stop",
            _ => label,
        }
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match (&self.phase, command) {
            (BackupPhase::Form, Command::Submit) => self.start(false, ctx),
            (BackupPhase::Form, Command::Toggle) => self.mfa = !self.mfa,
            (
                BackupPhase::Form | BackupPhase::Stopped | BackupPhase::Failed(_),
                Command::Resume,
            ) => {
                self.start(true, ctx);
            }
            (BackupPhase::Running, Command::Back) => {
                ctx.stop(ActionKind::Backup);
                self.phase = BackupPhase::Stopped;
                let resume = ctx.key_name(Context::Backup, Command::Resume);
                ctx.say(format!(
                    "Backup stopped: what is written stays in {}; {resume} carries it on.",
                    self.path.display()
                ));
            }
            (_, Command::Back) => return Next::Users,
            _ => {}
        }
        Next::Stay
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        (self.phase == BackupPhase::Form).then_some(&mut self.form)
    }

    fn work_in_progress(&self) -> Option<&'static str> {
        (self.phase == BackupPhase::Running)
            .then_some("A backup is being written (what is written stays, to resume)")
    }

    fn on_outcome(&mut self, _action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        if let Outcome::BackedUp(result) = outcome {
            match result {
                Ok(written) => {
                    self.phase = BackupPhase::Done(written);
                    ctx.say(format!("Backed up to {}.", self.path.display()));
                }
                // Stopped before its file was made: nothing to resume, the form again.
                Err(e) if !self.path.exists() => {
                    ctx.refuse(format!(
                        "The backup stopped before writing anything: {}",
                        stopped(&e)
                    ));
                    self.phase = BackupPhase::Form;
                }
                Err(e) => {
                    let resume = ctx.key_name(Context::Backup, Command::Resume);
                    ctx.refuse(format!(
                        "The backup stopped: {} What is written stays; {resume} carries it on.",
                        stopped(&e)
                    ));
                    self.phase = BackupPhase::Failed(e);
                }
            }
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
