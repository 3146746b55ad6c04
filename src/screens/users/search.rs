//! Searching and paging users: the search sent once typing pauses, a new search stopping the
//! pages of the one before, and the next page asked for while the screen is not full.

use tokio::time::Instant;

use super::{Lookup, ShardedLoad, TableCtx};
use crate::action::Action;
use crate::cognito::filter::MAX_FILTER_CHARS;
use crate::cognito::model::UsersPage;

impl Lookup {
    /// The search field changed: search once typing pauses for the debounce (at once when it
    /// is zero). The page still loading is for a search nobody wants any more: it is stopped
    /// now.
    pub(super) fn search_soon(&mut self, ctx: &mut TableCtx) {
        if ctx.debounce.is_zero() {
            return self.search(ctx);
        }
        ctx.cancel_searches();
        self.search_due = Some(Instant::now() + ctx.debounce);
    }

    /// When the table next has something to do without an event: the search typed so far,
    /// once typing has paused, or a shard's page after its backoff. The run loop sleeps until
    /// then and calls [`Lookup::on_deadline`].
    pub fn next_deadline(&self) -> Option<Instant> {
        let retry = self.sharded.as_ref().and_then(ShardedLoad::next_retry);
        match (self.search_due, retry) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Time has reached `now`: sends the search that is due, if it is, or the shard pages
    /// whose backoff is over.
    pub fn on_deadline(&mut self, now: Instant, ctx: &mut TableCtx) {
        match self.search_due {
            Some(due) if due <= now => self.search(ctx),
            _ => self.next_shard_pages(ctx),
        }
    }

    /// When the search typed so far is to be sent, while typing has not paused long enough.
    pub fn search_due(&self) -> Option<Instant> {
        self.search_due
    }

    /// Starts over with the current server filter; older page requests are stopped. A filter
    /// longer than ListUsers takes is never sent.
    pub fn search(&mut self, ctx: &mut TableCtx) {
        self.reset_results();
        self.start_search(ctx);
    }

    /// `r`: the same search again; the rows shown stay until new ones arrive.
    pub(super) fn reload(&mut self, ctx: &mut TableCtx) {
        self.reload_results();
        self.start_search(ctx);
    }

    pub(super) fn search_if_query(&mut self, ctx: &mut TableCtx) {
        if !self.query.value().is_empty() {
            self.search(ctx);
        }
    }

    fn start_search(&mut self, ctx: &mut TableCtx) {
        self.search_due = None;
        ctx.cancel_searches();
        ctx.forget_failed_searches();
        self.load_all = false;
        let needed = self.filter_chars(self.query.value());
        if needed > MAX_FILTER_CHARS {
            ctx.refuse(format!(
                "Not searched: {} (this search needs {needed}).",
                self.filter_room_sentence()
            ));
            return;
        }
        self.next_page(ctx);
    }

    pub(super) fn next_page(&mut self, ctx: &mut TableCtx) {
        let Some(pool_id) = ctx.pool_id else {
            return;
        };
        ctx.page(Action::ListUsers {
            pool_id: pool_id.to_owned(),
            filter: self.server_filter(),
            token: self.next_token.clone(),
        });
    }

    /// Fetches the next page when the screen is not full; not while a new search is due (the
    /// loaded pages belong to the search before it).
    pub(super) fn more_if_needed(&mut self, ctx: &mut TableCtx) {
        if self.search_due.is_none() && !ctx.users_in_flight() && self.wants_more(ctx.rows) {
            self.next_page(ctx);
        }
    }

    /// A page of users arrived (of a shard of a load of the whole pool, or of the search):
    /// kept if it belongs to the current search, then the next one is asked for when loading
    /// everything or when the screen is not full yet.
    pub fn on_page(
        &mut self,
        filter: Option<&String>,
        token: Option<&String>,
        page: UsersPage,
        ctx: &mut TableCtx,
    ) {
        if let Some(shard) = self.shard_of(filter) {
            return self.on_shard_page(shard, page, ctx);
        }
        let current = filter == self.server_filter().as_ref()
            && token == self.next_token.as_ref()
            && (token.is_some() || self.pages == 0);
        if !current {
            return;
        }
        self.add_page(page);
        if self.load_all {
            if self.complete() {
                self.load_all = false;
                return;
            }
            return self.next_page(ctx);
        }
        self.more_if_needed(ctx);
    }
}
