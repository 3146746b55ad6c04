//! Restoring a backup into the pool (`W` in the user table): the backup file typed, with how
//! the users created get a password (`F5`: no message, Cognito's invitation, or an import job
//! writing its logs with the role typed in the second field) and what
//! becomes of the backup's UNCONFIRMED users (`F6`: skipped or created) and of users that exist
//! with other attributes (`F7`: left as they are, or updated to the backup's); then the backup and
//! the pool are read and the plan shown, what cannot be done first; `Enter` there carries it
//! out (nothing is sent before), with its progress, then what was done and what was not. It
//! runs the same code as `cognitui restore`; each call is audited as it ends, and a lost
//! answer is settled by reading the user again, never sent twice.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, ActionKind, Outcome, Tally};
use crate::app::{Extent, Form};
use crate::export::resolve_typed;
use crate::import::role_arn_problem;
use crate::keys::{Command, Context};
use crate::restore::apply::{Done, Planned};
use crate::restore::{Choices, Passwords, Unconfirmed};
use crate::sentence::stopped;
use crate::theme::Theme;

/// The form's field for the import job's CloudWatch Logs role.
const ROLE: usize = 1;

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "plan"),
    (Command::CycleDelivery, "passwords"),
    (Command::Unconfirmed, "unconfirmed"),
    (Command::Toggle, "existing users"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// Where a restore is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestorePhase {
    /// Typing the backup file's name.
    Form,
    /// The backup and the pool being read; progress is in the tally.
    Planning,
    /// The plan, shown: Enter carries it out.
    Plan(Box<Planned>),
    /// The plan being carried out; progress is in the tally.
    Restoring(Box<Planned>),
    Done(Box<Planned>, Done),
    /// Why the backup or the pool could not be read, or the restore stopped.
    Failed(String),
}

/// The restore screen.
#[derive(Debug, Clone)]
pub struct RestoreView {
    pub form: Form,
    pub choices: Choices,
    pub phase: RestorePhase,
    pub tally: Tally,
}

impl RestoreView {
    pub fn open() -> Next {
        Next::Open(Box::new(Self {
            form: Form::new(&[("Backup file", false), ("Import job's role", false)]),
            choices: Choices {
                unconfirmed: Unconfirmed::Skip,
                passwords: Passwords::Suppress,
                update_existing: false,
                import_role: None,
            },
            phase: RestorePhase::Form,
            tally: Tally::default(),
        }))
    }

    /// Reads the typed backup and the pool, for the plan.
    fn plan(&mut self, ctx: &mut Ctx) {
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return;
        };
        let typed = self.form.value(0).trim();
        if typed.is_empty() {
            return ctx.refuse("Type the backup file's name.".into());
        }
        let from = resolve_typed(ctx.dirs.work, ctx.dirs.home, typed);
        if !from.is_file() {
            return ctx.refuse(format!("There is no file at {}.", from.display()));
        }
        self.choices.import_role = None;
        if self.choices.passwords == Passwords::ImportJob {
            let role = self.form.value(ROLE).trim();
            if let Some(problem) = role_arn_problem(role) {
                return ctx.refuse(problem);
            }
            self.choices.import_role = Some(role.to_owned());
        }
        self.tally = Tally::default();
        self.phase = RestorePhase::Planning;
        ctx.request(Action::PlanRestore {
            pool_id,
            from,
            choices: self.choices.clone(),
            tally: self.tally.clone(),
        });
    }

    /// Carries out the plan shown, which the agent confirmed with their key there.
    fn restore(&mut self, ctx: &mut Ctx) {
        let (RestorePhase::Plan(planned), Some(pool_id)) = (&self.phase, ctx.pool_id) else {
            return;
        };
        let plan = &planned.plan;
        if plan.is_empty() {
            return ctx.say("Nothing to do: the pool holds what the backup can restore.".into());
        }
        self.tally = Tally::default();
        ctx.send_shown(Action::Restore {
            pool_id: pool_id.to_owned(),
            plan: Box::new(plan.clone()),
            sub_map: planned.sub_map.clone(),
            tally: self.tally.clone(),
        });
        self.phase = RestorePhase::Restoring(planned.clone());
    }
}

impl ScreenModule for RestoreView {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("restore", None)
    }

    fn context(&self) -> Context {
        Context::Restore
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        match command {
            Command::Submit => match &self.phase {
                RestorePhase::Form => true,
                RestorePhase::Plan(planned) => !planned.plan.is_empty(),
                _ => false,
            },
            Command::CycleDelivery | Command::Unconfirmed | Command::Toggle => {
                self.phase == RestorePhase::Form
            }
            Command::Back => !matches!(self.phase, RestorePhase::Restoring(_)),
            _ => true,
        }
    }

    fn label(&self, command: Command, label: &'static str) -> &'static str {
        match (command, &self.phase) {
            (Command::Submit, RestorePhase::Plan(_)) => "restore",
            (Command::Back, RestorePhase::Planning) => "stop",
            _ => label,
        }
    }

    /// The plan was on screen when its key was pressed; the restore is sent as the screen
    /// turns to its progress.
    fn shows_what_it_sends(&self) -> bool {
        matches!(
            self.phase,
            RestorePhase::Plan(_) | RestorePhase::Restoring(_)
        )
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match (&self.phase, command) {
            (RestorePhase::Form, Command::Submit) => self.plan(ctx),
            (RestorePhase::Form, Command::CycleDelivery) => {
                self.choices.passwords = match self.choices.passwords {
                    Passwords::Suppress => Passwords::Invite,
                    Passwords::Invite => Passwords::ImportJob,
                    Passwords::ImportJob => Passwords::Suppress,
                };
            }
            (RestorePhase::Form, Command::Toggle) => {
                self.choices.update_existing = !self.choices.update_existing;
            }
            (RestorePhase::Form, Command::Unconfirmed) => {
                self.choices.unconfirmed = match self.choices.unconfirmed {
                    Unconfirmed::Skip => Unconfirmed::Create,
                    Unconfirmed::Create => Unconfirmed::Skip,
                };
            }
            (RestorePhase::Planning, Command::Back) => {
                ctx.stop(ActionKind::PlanRestore);
                self.phase = RestorePhase::Form;
                ctx.say("Stopped: nothing was sent.".into());
            }
            (RestorePhase::Plan(_), Command::Submit) => self.restore(ctx),
            (RestorePhase::Plan(_) | RestorePhase::Failed(_), Command::Back) => {
                self.phase = RestorePhase::Form;
                ctx.scroll_to(0);
            }
            (RestorePhase::Restoring(_), Command::Back) => ctx.refuse(
                "The restore goes on until every step is sent: stopping halfway would leave users without their groups. What it did shows here when it ends.".into(),
            ),
            (RestorePhase::Form | RestorePhase::Done(..), Command::Back) => return Next::Users,
            // Tab and Shift-Tab between the file and the import job's role.
            (RestorePhase::Form, other) => self.form.on_command(other),
            _ => {}
        }
        Next::Stay
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        (self.phase == RestorePhase::Form).then_some(&mut self.form)
    }

    fn work_in_progress(&self) -> Option<&'static str> {
        matches!(self.phase, RestorePhase::Restoring(_)).then_some(
            "A restore is running (what it has not sent yet would not be; running it again carries on)",
        )
    }

    fn on_outcome(&mut self, _action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        ctx.scroll_to(0);
        match (outcome, &self.phase) {
            (Outcome::RestorePlanned(Ok(planned)), RestorePhase::Planning) => {
                self.phase = RestorePhase::Plan(planned);
            }
            (Outcome::Restored(Ok(done)), RestorePhase::Restoring(planned)) => {
                let refresh = ctx.key_name(Context::Lookup, Command::Refresh);
                if done.unknown.is_empty() && done.failed.is_empty() {
                    ctx.say(format!(
                        "Restored: {refresh} in the user table reads the users again."
                    ));
                } else {
                    ctx.refuse(format!(
                        "Restored, but {} not done: see the list. Restoring again carries on.",
                        crate::sentence::count(done.unknown.len() + done.failed.len(), "step")
                    ));
                }
                self.phase = RestorePhase::Done(planned.clone(), done);
            }
            (Outcome::RestorePlanned(Err(e)) | Outcome::Restored(Err(e)), _) => {
                ctx.refuse(format!("The restore stopped: {}", stopped(&e)));
                self.phase = RestorePhase::Failed(e);
            }
            _ => {}
        }
        Next::Stay
    }

    fn extent(&self, area: Rect, shown: &Shown) -> Option<Extent> {
        matches!(self.phase, RestorePhase::Plan(_) | RestorePhase::Done(..))
            .then(|| view::extent(area, shown, self, &Theme::no_color()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
