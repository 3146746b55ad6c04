//! The screens that are modules of their own (`crate::screens`): each gets a narrow context
//! for its keys and answers, and what it asks for (a request, another screen) is done here, by
//! the same rules for every screen: a change it asks for opens its confirmation over it, and
//! an answer reaches it only if it asked.

/// What a screen may read, from the application's fields (borrowed one by one, so that the
/// screen shown and the status line can be borrowed mutably beside them).
macro_rules! reads {
    ($app:ident, $page:expr) => {
        Reads {
            pool_id: $app.choice.as_ref().map(|c| c.user_pool_id.as_str()),
            pool: $app.pool.as_ref(),
            keymap: &$app.keymap,
            now: $app.now,
            page: $page,
            users: (&$app.lookup.users, $app.lookup.complete()),
            marked: &$app.lookup.marked,
            dirs: Dirs {
                work: &$app.options.export_dir,
                home: $app.options.home_dir.as_deref(),
            },
            safety: &$app.options.safety,
            pauses: Pauses {
                until: &$app.resend_pauses,
                now: $app.now,
            },
            cli_target: &$app.options.cli_target,
            configured: &$app.options.configured_pools,
            mfa: &$app.mfa,
            devices: &$app.devices,
            demo_secrets: &$app.demo_secrets,
            totp_issuer: $app.options.totp_issuer.as_deref(),
            clock_skew: $app.clock_skew,
        }
    };
}

use super::{App, Screen, Status, Verdict};
use crate::action::{Action, Outcome, Request};
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::UserDetail;
use crate::config::columns::Column;
use crate::keys::Command;
use crate::screens::picker::Picker;
use crate::screens::{Ctx, Dirs, Effect, Next, Pauses, Reads, ScreenModule, Shown};

impl App {
    /// Opens the screen `build` makes (or says why not); the reads it asks for are sent from
    /// it.
    pub(super) fn open_module(&mut self, build: impl FnOnce(&mut Ctx) -> Next) -> Vec<Request> {
        let page = self.list_page();
        let mut ctx = Ctx::new(
            reads!(self, page),
            &mut self.view.offset,
            &mut self.status,
            &self.in_flight,
        );
        let next = build(&mut ctx);
        let effects = ctx.into_effects();
        self.follow(next, effects)
    }

    /// Runs `f` on the module screen shown, then does what it asked for.
    fn with_module(
        &mut self,
        f: impl FnOnce(&mut dyn ScreenModule, &mut Ctx) -> Next,
    ) -> Vec<Request> {
        let page = self.list_page();
        let Screen::Module(module) = &mut self.screen else {
            return Vec::new();
        };
        let mut ctx = Ctx::new(
            reads!(self, page),
            &mut self.view.offset,
            &mut self.status,
            &self.in_flight,
        );
        let next = f(module.as_mut(), &mut ctx);
        let effects = ctx.into_effects();
        self.follow(next, effects)
    }

    /// Moves to the screen asked for, then does what it asked for, in order: a change it
    /// requests opens its confirmation over that screen; a change it sends itself is sent
    /// only if it is a screen that shows what it sends.
    fn follow(&mut self, next: Next, effects: Vec<Effect>) -> Vec<Request> {
        let mut requests = match next {
            Next::Stay => Vec::new(),
            Next::Open(module) => {
                self.screen = Screen::Module(module);
                Vec::new()
            }
            Next::Show(screen) => {
                self.screen = *screen;
                Vec::new()
            }
            Next::Pools => self.open_module(Picker::pools),
            Next::Pool(choice) => self.open_pool(choice),
            Next::Hit(hit) => self.open_hit(hit),
            Next::Users => {
                self.screen = Screen::Lookup;
                Vec::new()
            }
            Next::User(username) => self.open_user(username),
        };
        for effect in effects {
            match effect {
                Effect::Request(action) => requests.extend(self.request(action)),
                Effect::Send(change)
                    if self.module().is_some_and(ScreenModule::shows_what_it_sends) =>
                {
                    requests.extend(self.send(change));
                }
                // Only a call a confirmation names as the change's next one goes on unconfirmed.
                Effect::GoOn(change @ Action::PreferTotp { .. }) => {
                    requests.extend(self.send(change));
                }
                // Anything else a screen sends itself goes through its confirmation.
                Effect::Send(change) | Effect::GoOn(change) => {
                    requests.extend(self.request(change));
                }
                Effect::Recheck(change, why) => requests.extend(self.recheck(change, why)),
                Effect::Stop(kind) => self.stop_reads(kind),
                Effect::Applied { username, call } => self.show_applied(&username, &call),
                Effect::Retarget(target) => {
                    if !self.refuse_retarget() {
                        self.retarget = Some(target);
                        self.status = Some(Status::Info("Connecting…".into()));
                    }
                }
                Effect::PauseResend { username, until } => {
                    self.resend_pauses.insert(username, until);
                }
                Effect::Copy { what, text } => {
                    self.clipboard.push(text);
                    self.status = Some(Status::Info(format!(
                        "Copied {what} to the clipboard (OSC 52; the terminal must allow it)."
                    )));
                }
                Effect::KeepDemoSecret { username, secret } => {
                    self.demo_secrets.insert(username, secret);
                }
                Effect::RememberDevice(device) => self.on_device_remembered(device),
                Effect::ShowOnly { label, users } => self.lookup.show_only(label, users),
                Effect::Mark(users) => self.lookup.marked.extend(users),
                Effect::Report { username, values } => {
                    self.lookup.update_user(&username, |user| {
                        user.attributes
                            .retain(|a| !values.iter().any(|v| v.name == a.name));
                        user.attributes.extend(values);
                    });
                }
                Effect::AddColumns(columns) => {
                    // Before the dates and the configured attributes: the first to give way
                    // on a narrow terminal are the columns that were there already.
                    let shown = &mut self.options.columns;
                    let basic = [
                        Column::Username,
                        Column::Email,
                        Column::Status,
                        Column::Enabled,
                    ];
                    let mut at = shown.iter().take_while(|c| basic.contains(c)).count();
                    for column in columns {
                        if !shown.contains(&column) {
                            shown.insert(at, column);
                            at += 1;
                        }
                    }
                }
            }
        }
        requests
    }

    /// A bulk step whose answer was lost, settled by reading its user again: the row shows the
    /// user as read (a user not found is gone from the table), and the run counts the verdict.
    pub(super) fn on_bulk_settled(
        &mut self,
        change: &Action,
        verdict: &Verdict,
        found: Option<&UserDetail>,
        why: &str,
    ) -> Vec<Request> {
        let username = change.username().unwrap_or_default().to_owned();
        match (verdict, found) {
            (Verdict::Unknown(_), _) => {}
            (_, Some(detail)) => self
                .lookup
                .update_user(&username, |row| *row = detail.user.clone()),
            (_, None) => {
                self.lookup.remove_user(&username);
                self.lookup.marked.remove(&username);
            }
        }
        self.with_module(|m, ctx| {
            m.on_settled(change, verdict, why, ctx);
            Next::Stay
        })
    }

    /// A tick: the module screen shown may ask again on its own.
    pub(super) fn module_tick(&mut self) -> Vec<Request> {
        self.with_module(|m, ctx| {
            m.on_tick(ctx);
            Next::Stay
        })
    }

    /// `Ctrl-R` on a module screen that sends its own failures again: whether it did.
    pub(super) fn module_retry(&mut self) -> Option<Vec<Request>> {
        let mut done = false;
        let requests = self.with_module(|m, ctx| {
            done = m.retry(ctx);
            Next::Stay
        });
        done.then_some(requests)
    }

    /// The user table shows `call` applied to `username` (a deletion removes the row).
    fn show_applied(&mut self, username: &str, call: &AdminCall) {
        if *call == AdminCall::Delete {
            self.lookup.remove_user(username);
            self.lookup.marked.remove(username);
        } else {
            self.lookup.update_user(username, |user| call.apply(user));
        }
    }

    /// A key on a module screen.
    pub(super) fn module_command(&mut self, command: Command) -> Vec<Request> {
        self.with_module(|m, ctx| m.on_command(command, ctx))
    }

    /// The answer to a request the module screen shown sent.
    pub(super) fn module_outcome(&mut self, action: &Action, outcome: Outcome) -> Vec<Request> {
        self.with_module(|m, ctx| m.on_outcome(action, outcome, ctx))
    }

    /// A definite error for a request the module screen shown sent.
    pub(super) fn module_failure(&mut self, action: &Action, error: &CognitoError) -> Vec<Request> {
        self.with_module(|m, ctx| m.on_failure(action, error, ctx))
    }

    /// Member counts nobody waits for any more (the screen that asked was left) are stopped;
    /// the groups screen asks again when it shows again.
    pub(super) fn stop_unwanted_counts(&mut self) {
        let wanted = [self.screen_key(), self.key_below()];
        let ids: Vec<_> = self
            .in_flight
            .iter()
            .filter(|(id, a)| {
                matches!(a, Action::CountMembers { .. })
                    && self
                        .sent_from
                        .get(id)
                        .is_none_or(|from| !wanted.contains(from))
            })
            .map(|(id, _)| *id)
            .collect();
        self.stop_requests(ids);
    }

    /// Rows a list's page moves: the body less its frame, header row and position.
    pub(super) fn list_page(&self) -> usize {
        usize::from(self.layout.body(self).height.saturating_sub(4)).max(1)
    }

    /// The module screen shown, if the screen shown is one.
    pub fn module(&self) -> Option<&dyn ScreenModule> {
        match &self.screen {
            Screen::Module(m) => Some(m.as_ref()),
            _ => None,
        }
    }

    /// The module screen shown as its own type, if it is a `T`.
    pub fn module_as<T: ScreenModule>(&self) -> Option<&T> {
        self.screen.module_as()
    }

    /// What a screen's drawing may read.
    pub fn shown(&self) -> Shown<'_> {
        Shown {
            keymap: &self.keymap,
            pool: self.pool.as_ref(),
            now: self.now,
            busy: self.busy(),
            can_retry: self.can_retry(),
            focused: !self.show_help,
            marked: self.lookup.marked.len(),
            offset: self.view.offset,
            dirs: self.dirs(),
            bulk_rate: self.options.bulk_rate,
            pool_id: self.choice.as_ref().map(|c| c.user_pool_id.as_str()),
            metadata: self.pool_metadata(),
            cli_target: &self.options.cli_target,
            pauses: Pauses {
                until: &self.resend_pauses,
                now: self.now,
            },
            users: &self.lookup.users,
            users_loading: self
                .in_flight
                .values()
                .any(|a| matches!(a, Action::ListUsers { .. })),
            columns: &self.options.columns,
            safety: &self.options.safety,
            mfa: &self.mfa,
            devices: &self.devices,
        }
    }

    /// Where typed file names are taken from.
    pub fn dirs(&self) -> Dirs<'_> {
        Dirs {
            work: &self.options.export_dir,
            home: self.options.home_dir.as_deref(),
        }
    }
}
