//! The screens that are modules of their own (`crate::screens`): each gets a narrow context
//! for its keys and answers, and what it asks for (a request, another screen) is done here, by
//! the same rules for every screen: a change it asks for opens its confirmation over it, and
//! an answer reaches it only if it asked.

use super::{App, Screen};
use crate::action::{Action, Outcome, Request};
use crate::cognito::CognitoError;
use crate::keys::Command;
use crate::screens::{Ctx, Next, ScreenModule, Shown};

impl App {
    /// Opens the screen `build` makes (or says why not); the reads it asks for are sent from
    /// it.
    pub(super) fn open_module(&mut self, build: impl FnOnce(&mut Ctx) -> Next) -> Vec<Request> {
        let pool_id = self.choice.as_ref().map(|c| c.user_pool_id.as_str());
        let mut ctx = Ctx::new(
            (pool_id, self.pool.as_ref()),
            &self.keymap,
            self.now,
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
        let pool_id = self.choice.as_ref().map(|c| c.user_pool_id.as_str());
        let Screen::Module(module) = &mut self.screen else {
            return Vec::new();
        };
        let mut ctx = Ctx::new(
            (pool_id, self.pool.as_ref()),
            &self.keymap,
            self.now,
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
            Next::Users => {
                self.screen = Screen::Lookup;
                Vec::new()
            }
            Next::User(username) => self.open_user(username),
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
        }
    }
}
