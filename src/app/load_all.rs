//! `L` on the user table: every user of the search. A filtered search loads its pages one after
//! the other (ListUsers takes one filter); the whole pool is loaded in `sub` shards side by side,
//! with its progress shown, `Esc` stopping it and `L` going on.

use tokio::time::Instant;

use super::shards::ShardedLoad;
use super::{App, Status};
use crate::action::{Action, Request};
use crate::cognito::CognitoError;
use crate::cognito::model::UsersPage;
use crate::keys::{Command, Context};

impl App {
    /// Loads every user of the current search.
    pub(super) fn load_everything(&mut self) -> Vec<Request> {
        if self.lookup.server_filter().is_some() {
            return self.load_chain();
        }
        if self.search_due.is_some() {
            // Typing has not paused yet: the search is the whole pool, loaded from the start.
            self.search_due = None;
            self.cancel_searches();
            self.lookup.reset_results();
        }
        if self.lookup.complete() {
            return self.everything_loaded();
        }
        if let Some(load) = &mut self.lookup.sharded {
            load.paused = false;
            load.retry_failed();
        } else {
            // The chain's next page is not needed: the shards read the whole pool, and the
            // users already shown are merged with them.
            self.cancel_searches();
            self.lookup.next_token = None;
            let expected = self.pool.as_ref().and_then(|p| p.estimated_users);
            self.lookup.sharded = Some(ShardedLoad::new(
                expected,
                &self.lookup.users,
                Instant::now(),
            ));
        }
        self.status = None;
        self.next_shard_pages()
    }

    fn load_chain(&mut self) -> Vec<Request> {
        if self.search_due.is_some() {
            // Typing has not paused yet: search now, and load every page of it.
            let requests = self.search();
            self.lookup.load_all = true;
            return requests;
        }
        if self.lookup.complete() {
            return self.everything_loaded();
        }
        self.lookup.load_all = true;
        if self.users_in_flight() {
            Vec::new()
        } else {
            self.next_page()
        }
    }

    fn everything_loaded(&mut self) -> Vec<Request> {
        self.status = Some(Status::Info("Every matching user is loaded.".into()));
        Vec::new()
    }

    /// Asks for the shard pages that may go now.
    pub(super) fn next_shard_pages(&mut self) -> Vec<Request> {
        let (Some(pool_id), Some(load)) = (self.pool_id(), self.lookup.sharded.as_mut()) else {
            return Vec::new();
        };
        let pages = load.next_pages(Instant::now());
        pages
            .into_iter()
            .flat_map(|(filter, token)| {
                self.request(Action::ListUsers {
                    pool_id: pool_id.clone(),
                    filter: Some(filter),
                    token,
                })
            })
            .collect()
    }

    /// The shard a ListUsers call with `filter` belongs to, if a sharded load is running.
    pub(super) fn shard_of(&self, filter: Option<&String>) -> Option<usize> {
        self.lookup.sharded.as_ref()?.shard(filter)
    }

    /// A page of shard `i` came.
    pub(super) fn on_shard_page(&mut self, i: usize, page: UsersPage) -> Vec<Request> {
        let lookup = &mut self.lookup;
        let Some(load) = lookup.sharded.as_mut() else {
            return Vec::new();
        };
        let fresh = load.on_page(
            i,
            page.users,
            page.next_token,
            lookup.users.len(),
            &lookup.users,
        );
        lookup.pages += 1;
        lookup.add_users(&fresh);
        self.after_shard()
    }

    /// A page of shard `i` failed: throttling and network failures are tried again after a
    /// backoff while the other shards go on.
    pub(super) fn on_shard_failure(&mut self, i: usize, error: &CognitoError) -> Vec<Request> {
        if let Some(load) = self.lookup.sharded.as_mut() {
            load.on_failure(i, error.to_string(), error.transient(), Instant::now());
        }
        self.after_shard()
    }

    fn after_shard(&mut self) -> Vec<Request> {
        let Some(load) = &self.lookup.sharded else {
            return Vec::new();
        };
        if !load.finished() {
            return self.next_shard_pages();
        }
        let loaded = self.lookup.users.len();
        let failures = load.failures();
        if failures.is_empty() {
            let secs = load.started.elapsed().as_secs_f64();
            self.status = Some(Status::Info(format!(
                "Loaded all {} in {secs:.1} s.",
                crate::sentence::count(loaded, "user")
            )));
            self.lookup.sharded = None;
        } else {
            let retry = self.key_name(Context::Global, Command::Retry);
            self.status = Some(Status::Error(format!(
                "Loaded {}, but {} of {} parts of the pool failed: {} {retry} loads them.",
                crate::sentence::count(loaded, "user"),
                failures.len(),
                load.shards.len(),
                failures[0]
            )));
        }
        Vec::new()
    }

    /// `Ctrl-R` after shards failed: they are loaded again. `None` when no shard failed.
    pub(super) fn retry_shards(&mut self) -> Option<Vec<Request>> {
        let load = self.lookup.sharded.as_mut()?;
        if load.failures().is_empty() {
            return None;
        }
        load.retry_failed();
        self.status = None;
        Some(self.next_shard_pages())
    }

    /// Whether a sharded load is running (not stopped, not finished).
    pub(super) fn sharded_loading(&self) -> bool {
        self.lookup
            .sharded
            .as_ref()
            .is_some_and(|l| !l.paused && !l.finished())
    }

    /// `Esc` while the pool loads: stops asking for pages and keeps the users loaded.
    pub(super) fn pause_sharded(&mut self) {
        let Some(load) = self.lookup.sharded.as_mut() else {
            return;
        };
        load.pause();
        let key = self.key_name(Context::Lookup, Command::LoadAll);
        self.status = Some(Status::Info(format!(
            "Stopped loading at {}: {key} goes on.",
            crate::sentence::count(self.lookup.users.len(), "user")
        )));
    }
}
