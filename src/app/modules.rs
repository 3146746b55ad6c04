//! The screens that are modules of their own (`crate::screens`): each gets a narrow context
//! for its keys and answers, and what it asks for (a request, another screen) is done here, by
//! the same rules for every screen: a change it asks for opens its confirmation over it, and
//! an answer reaches it only if it asked.

use super::{App, Picker, Screen};
use crate::action::{Action, Outcome, Request};
use crate::cognito::CognitoError;
use crate::keys::Command;
use crate::screens::{Ctx, Dirs, Next, ScreenModule, Shown};

impl App {
    /// Opens the screen `build` makes (or says why not); the reads it asks for are sent from
    /// it.
    pub(super) fn open_module(&mut self, build: impl FnOnce(&mut Ctx) -> Next) -> Vec<Request> {
        let page = self.list_page();
        let pool_id = self.choice.as_ref().map(|c| c.user_pool_id.as_str());
        let mut ctx = Ctx::new(
            (pool_id, self.pool.as_ref()),
            (&self.keymap, self.now, page),
            (
                &self.lookup.marked,
                Dirs {
                    work: &self.export_dir,
                    home: self.home_dir.as_deref(),
                },
                &mut self.view.offset,
            ),
            &mut self.status,
            &self.in_flight,
        );
        let next = build(&mut ctx);
        let actions = ctx.into_requests();
        self.follow(next, actions)
    }

    /// Runs `f` on the module screen shown, then does what it asked for.
    fn with_module(
        &mut self,
        f: impl FnOnce(&mut dyn ScreenModule, &mut Ctx) -> Next,
    ) -> Vec<Request> {
        let page = self.list_page();
        let pool_id = self.choice.as_ref().map(|c| c.user_pool_id.as_str());
        let Screen::Module(module) = &mut self.screen else {
            return Vec::new();
        };
        let mut ctx = Ctx::new(
            (pool_id, self.pool.as_ref()),
            (&self.keymap, self.now, page),
            (
                &self.lookup.marked,
                Dirs {
                    work: &self.export_dir,
                    home: self.home_dir.as_deref(),
                },
                &mut self.view.offset,
            ),
            &mut self.status,
            &self.in_flight,
        );
        let next = f(module.as_mut(), &mut ctx);
        let actions = ctx.into_requests();
        self.follow(next, actions)
    }

    /// Moves to the screen asked for, then asks for the requests (a change opens its
    /// confirmation over that screen).
    fn follow(&mut self, next: Next, actions: Vec<Action>) -> Vec<Request> {
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
            Next::Pools => {
                self.screen = Screen::Picker(Picker::Pools {
                    pools: None,
                    selected: 0,
                });
                self.request(Action::ListPools)
            }
            Next::Hit(hit) => self.open_hit(hit),
            Next::Users => {
                self.screen = Screen::Lookup;
                Vec::new()
            }
            Next::User(username) => self.open_user(username),
            Next::BulkPreview {
                title,
                call,
                targets,
            } => {
                self.preview_bulk(title, call, targets, None);
                Vec::new()
            }
        };
        for action in actions {
            requests.extend(self.request(action));
        }
        requests
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
        for id in ids {
            self.in_flight.remove(&id);
            self.sent_from.remove(&id);
            self.cancelled.push(id);
        }
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
        self.module()?.downcast_ref()
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
        }
    }

    /// Where typed file names are taken from.
    pub fn dirs(&self) -> Dirs<'_> {
        Dirs {
            work: &self.export_dir,
            home: self.home_dir.as_deref(),
        }
    }
}
