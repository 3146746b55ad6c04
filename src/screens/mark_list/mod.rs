//! Marking users from a list (`M` in the table): usernames, emails, phone numbers or `sub`s,
//! pasted or typed, or `@` and the path of a file holding them. Each entry is looked up with
//! ListUsers on an exact filter, a few at a time and paced in UserList like every read; a user
//! found is marked in the table (loaded or not), and the entries that found no one, more than
//! one user, or failed are listed with why.

mod entries;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::lookups::Lookups;
use super::module::{Ctx, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::{Extent, Form};
use crate::cognito::CognitoError;
use crate::cognito::model::{PoolInfo, UsersPage};
use crate::export::resolve_typed;
use crate::keys::{Command, Context};
use crate::paste::Limit;
use crate::theme::Theme;

pub use self::entries::{Entry, EntryKind, entries, entry_count};

const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "look up and mark"),
    (Command::Back, "stop / back"),
    (Command::Help, "help"),
];

/// The most characters the list field takes (about 20,000 emails).
pub const MAX_LIST: usize = 500_000;

/// What the look-up of one entry found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// One user: marked.
    User(String),
    /// No user has it.
    Nobody,
    /// More than one user has it (an email or phone number that is not unique): none marked.
    Several(Vec<String>),
    /// It could not be looked up: why.
    Failed(String),
}

/// Where the marking is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkPhase {
    /// The list is typed or pasted.
    Typing,
    /// The file named is read.
    Reading,
    /// The entries are looked up.
    Looking,
    Done,
}

/// The list, its entries and what each found.
#[derive(Debug, Clone)]
pub struct MarkList {
    pub form: Form,
    pub phase: MarkPhase,
    pub entries: Vec<Entry>,
    /// What each entry found, once looked up.
    pub found: Vec<Option<Found>>,
    lookups: Lookups,
}

impl MarkList {
    /// The list's form, empty.
    pub fn open() -> Next {
        Next::Open(Box::new(Self {
            form: Form::new(&[("List", false)]),
            phase: MarkPhase::Typing,
            entries: Vec::new(),
            found: Vec::new(),
            lookups: Lookups::default(),
        }))
    }

    /// Whether the look-ups were stopped.
    pub fn stopped(&self) -> bool {
        self.lookups.stopped
    }

    /// How many entries found what: one user each, nobody, several, failed.
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for found in self.found.iter().flatten() {
            counts[match found {
                Found::User(_) => 0,
                Found::Nobody => 1,
                Found::Several(_) => 2,
                Found::Failed(_) => 3,
            }] += 1;
        }
        counts
    }

    /// Enter on the list: the file is read, or the entries are looked up.
    fn submit(&mut self, ctx: &mut Ctx) {
        let typed = self.form.value(0).trim();
        if let Some(file) = typed.strip_prefix('@') {
            let path = resolve_typed(ctx.dirs.work, ctx.dirs.home, file.trim());
            self.phase = MarkPhase::Reading;
            ctx.request(Action::ReadImport { path });
            return;
        }
        let entries = entries(typed);
        self.look_up(entries, ctx);
    }

    /// Looks `entries` up, from the first.
    fn look_up(&mut self, entries: Vec<Entry>, ctx: &mut Ctx) {
        if entries.is_empty() {
            self.phase = MarkPhase::Typing;
            return ctx.refuse(
                "Paste or type usernames, emails, phone numbers or subs, or @ and a file's path."
                    .into(),
            );
        }
        self.found = vec![None; entries.len()];
        self.lookups = Lookups::new(entries.iter().map(Entry::filter).collect());
        self.entries = entries;
        self.phase = MarkPhase::Looking;
        ctx.scroll_to(0);
        self.send(ctx);
    }

    /// Sends the next look-ups; the entries that cannot be looked up say why.
    fn send(&mut self, ctx: &mut Ctx) {
        for (at, why) in self.lookups.send(ctx) {
            self.found[at] = Some(Found::Failed(why));
        }
        if self.lookups.finished() {
            self.phase = MarkPhase::Done;
        }
    }

    /// A look-up answered: the user found is marked.
    fn answered(&mut self, filter: Option<&String>, found: Found, ctx: &mut Ctx) {
        let Some(at) = self.lookups.answered(filter) else {
            return;
        };
        if let Found::User(username) = &found {
            ctx.mark(vec![username.clone()]);
        }
        self.found[at] = Some(found);
        self.send(ctx);
    }
}

/// What a page of ListUsers on an exact filter found.
fn found_in(page: UsersPage) -> Found {
    let mut names: Vec<String> = page.users.into_iter().map(|u| u.username).collect();
    match names.len() {
        0 => Found::Nobody,
        1 => Found::User(names.remove(0)),
        _ => Found::Several(names),
    }
}

impl ScreenModule for MarkList {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("mark list", None)
    }

    fn context(&self) -> Context {
        match self.phase {
            MarkPhase::Typing => Context::Form,
            MarkPhase::Reading | MarkPhase::Looking | MarkPhase::Done => Context::Bulk,
        }
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    fn offers(&self, command: Command, _shown: &Shown) -> bool {
        match command {
            Command::Submit => self.phase == MarkPhase::Typing,
            _ => true,
        }
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        (self.phase == MarkPhase::Typing).then_some(&mut self.form)
    }

    fn paste_limit(&self, _pool: Option<&PoolInfo>) -> Option<Limit> {
        Some(Limit::list(MAX_LIST, "the list"))
    }

    fn work_in_progress(&self) -> Option<&'static str> {
        matches!(self.phase, MarkPhase::Reading | MarkPhase::Looking)
            .then_some("Users of the list are being looked up")
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match (self.phase, command) {
            (MarkPhase::Typing, Command::Submit) => self.submit(ctx),
            (MarkPhase::Typing | MarkPhase::Done, Command::Back) => {
                return Next::Users;
            }
            (MarkPhase::Typing, other) => self.form.on_command(other),
            (MarkPhase::Reading, Command::Back) => self.phase = MarkPhase::Typing,
            (MarkPhase::Looking, Command::Back) => {
                self.lookups.stopped = true;
                ctx.say("Stopping: the look-ups already sent finish, no more are sent.".into());
            }
            _ => {}
        }
        Next::Stay
    }

    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        match (action, outcome) {
            (Action::ReadImport { .. }, Outcome::ImportRead(Ok(text))) => {
                self.look_up(entries(&text), ctx);
            }
            (Action::ListUsers { filter, .. }, Outcome::Users(Ok(page))) => {
                self.answered(filter.as_ref(), found_in(page), ctx);
            }
            _ => {}
        }
        Next::Stay
    }

    fn on_failure(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        if let Action::ListUsers { filter, .. } = action {
            self.answered(filter.as_ref(), Found::Failed(error.to_string()), ctx);
        } else {
            // The file could not be read: the list is typed again.
            self.phase = MarkPhase::Typing;
            ctx.refuse(error.to_string());
        }
        Next::Stay
    }

    fn extent(&self, area: Rect, _shown: &Shown) -> Option<Extent> {
        (self.phase != MarkPhase::Typing).then(|| view::extent(area, self, &Theme::no_color()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
