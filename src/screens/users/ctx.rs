//! What the user table's keys and answers are handed: [`TableCtx`], and the [`TableEffect`]s
//! it asks the application for, in order.
//!
//! The table is not a [`ScreenModule`](crate::screens::ScreenModule): it owns the users every
//! other screen reads through `Ctx`, so it cannot be handed a `Ctx` over them while it changes
//! them. Its context is narrower still: the pool, the keymap, the status line and the ListUsers
//! calls in flight.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::action::{Action, RequestId};
use crate::cognito::model::PoolInfo;
use crate::config::columns::Column;
use crate::keys::{Command, Context, Keymap};
use crate::screens::Status;
use crate::screens::ctx::key_name;

/// What the table's keys and answers may read and do.
pub struct TableCtx<'a> {
    /// The pool open, once chosen.
    pub pool_id: Option<&'a str>,
    /// What DescribeUserPool said about it.
    pub pool: Option<&'a PoolInfo>,
    pub keymap: &'a Keymap,
    /// The table's columns, in order.
    pub columns: &'a [Column],
    /// Rows of the table that fit on screen.
    pub rows: usize,
    /// How long typing in the search must pause before the search is sent.
    pub debounce: Duration,
    in_flight: &'a BTreeMap<RequestId, Action>,
    status: &'a mut Option<Status>,
    effects: Vec<TableEffect>,
}

/// What the table asked the application to do, in order.
#[derive(Debug, PartialEq)]
pub enum TableEffect {
    /// Every ListUsers call in flight is stopped: nobody wants its page any more.
    CancelSearches,
    /// The failed pages `Ctrl-R` would ask for again are forgotten (a new search).
    ForgetFailedSearches,
    /// The next page of the search is asked for; its request is the one a new search stops.
    Page(Action),
    /// A page of one part of a load of the whole pool is asked for.
    ShardPage(Action),
}

/// Where the table goes after a key.
#[derive(Debug, PartialEq, Eq)]
pub enum TableNext {
    /// It stays on screen.
    Stay,
    /// The page of the user named.
    User(String),
    /// The screen `command` opens (the pool picker, a form, a tool): the application opens it.
    Open(Command),
}

impl<'a> TableCtx<'a> {
    /// A context over the application's shared state.
    pub fn new(
        pool_id: Option<&'a str>,
        pool: Option<&'a PoolInfo>,
        (keymap, columns): (&'a Keymap, &'a [Column]),
        (rows, debounce): (usize, Duration),
        in_flight: &'a BTreeMap<RequestId, Action>,
        status: &'a mut Option<Status>,
    ) -> Self {
        Self {
            pool_id,
            pool,
            keymap,
            columns,
            rows,
            debounce,
            in_flight,
            status,
            effects: Vec::new(),
        }
    }

    /// Stops every ListUsers call in flight.
    pub fn cancel_searches(&mut self) {
        self.effects.push(TableEffect::CancelSearches);
    }

    /// Forgets the failed pages of an earlier search.
    pub fn forget_failed_searches(&mut self) {
        self.effects.push(TableEffect::ForgetFailedSearches);
    }

    /// Asks for the search's page `action`.
    pub fn page(&mut self, action: Action) {
        self.effects.push(TableEffect::Page(action));
    }

    /// Asks for a shard's page `action`.
    pub fn shard_page(&mut self, action: Action) {
        self.effects.push(TableEffect::ShardPage(action));
    }

    /// Whether a page of users is on its way: asked for here, or in flight and not stopped
    /// since.
    pub fn users_in_flight(&self) -> bool {
        let stopped = self
            .effects
            .iter()
            .rposition(|e| *e == TableEffect::CancelSearches);
        let asked = self.effects[stopped.map_or(0, |i| i + 1)..]
            .iter()
            .any(|e| matches!(e, TableEffect::Page(_) | TableEffect::ShardPage(_)));
        asked
            || (stopped.is_none()
                && self
                    .in_flight
                    .values()
                    .any(|a| matches!(a, Action::ListUsers { .. })))
    }

    /// The first key bound to `command`, as text for sentences ("L").
    pub fn key_name(&self, context: Context, command: Command) -> String {
        key_name(self.keymap, context, command)
    }

    /// The status line says nothing.
    pub fn clear_status(&mut self) {
        *self.status = None;
    }

    /// The status line says `text`.
    pub fn say(&mut self, text: String) {
        *self.status = Some(Status::Info(text));
    }

    /// The status line says why something was not done.
    pub fn refuse(&mut self, text: String) {
        *self.status = Some(Status::Error(text));
    }

    /// What the table asked for, in order.
    pub fn into_effects(self) -> Vec<TableEffect> {
        self.effects
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyTable;

    fn page(token: &str) -> Action {
        Action::ListUsers {
            pool_id: "p".into(),
            filter: None,
            token: Some(token.into()),
        }
    }

    #[test]
    fn a_page_is_on_its_way_until_the_searches_are_stopped_and_again_once_one_is_asked_for() {
        let keymap = Keymap::new(&KeyTable::new()).expect("default keys");
        let in_flight = BTreeMap::from([(RequestId(1), page("a"))]);
        let mut status = None;
        let mut ctx = TableCtx::new(
            Some("p"),
            None,
            (&keymap, &[]),
            (10, Duration::ZERO),
            &in_flight,
            &mut status,
        );
        assert!(ctx.users_in_flight(), "the page in flight");
        ctx.cancel_searches();
        assert!(!ctx.users_in_flight(), "stopped");
        ctx.shard_page(page("b"));
        assert!(ctx.users_in_flight(), "asked for after the stop");
        ctx.cancel_searches();
        ctx.forget_failed_searches();
        assert!(!ctx.users_in_flight());
        ctx.page(page("c"));
        assert!(ctx.users_in_flight());
        assert_eq!(ctx.into_effects().len(), 5);
    }
}
