//! `L` on the user table: every user of the search. A filtered search loads its pages one after
//! the other (ListUsers takes one filter); the whole pool is loaded in `sub` shards side by side,
//! with its progress shown, `Esc` stopping it and `L` going on.

use tokio::time::Instant;

use super::shards::ShardedLoad;
use super::{Lookup, TableCtx};
use crate::action::Action;
use crate::cognito::CognitoError;
use crate::cognito::model::UsersPage;
use crate::keys::{Command, Context, Keymap};
use crate::screens::ctx::key_name;

impl Lookup {
    /// Loads every user of the current search.
    pub(super) fn load_everything(&mut self, ctx: &mut TableCtx) {
        if self.server_filter().is_some() {
            return self.load_chain(ctx);
        }
        if self.search_due.take().is_some() {
            // Typing has not paused yet: the search is the whole pool, loaded from the start.
            ctx.cancel_searches();
            self.reset_results();
        }
        if self.complete() {
            return everything_loaded(ctx);
        }
        if let Some(load) = &mut self.sharded {
            load.paused = false;
            load.retry_failed();
        } else {
            // The chain's next page is not needed: the shards read the whole pool, and the
            // users already shown are merged with them.
            ctx.cancel_searches();
            self.next_token = None;
            let expected = ctx.pool.and_then(|p| p.estimated_users);
            self.sharded = Some(ShardedLoad::new(expected, &self.users, Instant::now()));
        }
        ctx.clear_status();
        self.next_shard_pages(ctx);
    }

    fn load_chain(&mut self, ctx: &mut TableCtx) {
        if self.search_due.is_some() {
            // Typing has not paused yet: search now, and load every page of it.
            self.search(ctx);
            self.load_all = true;
            return;
        }
        if self.complete() {
            return everything_loaded(ctx);
        }
        self.load_all = true;
        if !ctx.users_in_flight() {
            self.next_page(ctx);
        }
    }

    /// Asks for the shard pages that may go now.
    pub(super) fn next_shard_pages(&mut self, ctx: &mut TableCtx) {
        let (Some(pool_id), Some(load)) = (ctx.pool_id, self.sharded.as_mut()) else {
            return;
        };
        for (filter, token) in load.next_pages(Instant::now()) {
            ctx.shard_page(Action::ListUsers {
                pool_id: pool_id.to_owned(),
                filter: Some(filter),
                token,
            });
        }
    }

    /// The shard a ListUsers call with `filter` belongs to, if a sharded load is running.
    pub fn shard_of(&self, filter: Option<&String>) -> Option<usize> {
        self.sharded.as_ref()?.shard(filter)
    }

    /// A page of shard `i` came.
    pub(super) fn on_shard_page(&mut self, i: usize, page: UsersPage, ctx: &mut TableCtx) {
        let Some(load) = self.sharded.as_mut() else {
            return;
        };
        let fresh = load.on_page(
            i,
            page.users,
            page.next_token,
            self.users.len(),
            &self.users,
        );
        self.pages += 1;
        self.add_users(&fresh);
        self.after_shard(ctx);
    }

    /// A page of a shard failed (the call had `filter`): throttling and network failures are
    /// tried again after a backoff while the other shards go on.
    pub fn on_shard_failure(
        &mut self,
        filter: Option<&String>,
        error: &CognitoError,
        ctx: &mut TableCtx,
    ) {
        let (Some(i), Some(load)) = (self.shard_of(filter), self.sharded.as_mut()) else {
            return;
        };
        load.on_failure(i, error.to_string(), error.transient(), Instant::now());
        self.after_shard(ctx);
    }

    fn after_shard(&mut self, ctx: &mut TableCtx) {
        let Some(load) = &self.sharded else {
            return;
        };
        if !load.finished() {
            return self.next_shard_pages(ctx);
        }
        let loaded = self.users.len();
        let failures = load.failures();
        if failures.is_empty() {
            let secs = load.started.elapsed().as_secs_f64();
            ctx.say(format!(
                "Loaded all {} in {secs:.1} s.",
                crate::sentence::count(loaded, "user")
            ));
            self.sharded = None;
        } else {
            let retry = ctx.key_name(Context::Global, Command::Retry);
            ctx.refuse(format!(
                "Loaded {}, but {} of {} parts of the pool failed: {} {retry} loads them.",
                crate::sentence::count(loaded, "user"),
                failures.len(),
                load.shards.len(),
                failures[0]
            ));
        }
    }

    /// `Ctrl-R` after shards failed: they are loaded again. Whether any had failed.
    pub fn retry_shards(&mut self, ctx: &mut TableCtx) -> bool {
        let Some(load) = self.sharded.as_mut() else {
            return false;
        };
        if load.failures().is_empty() {
            return false;
        }
        load.retry_failed();
        ctx.clear_status();
        self.next_shard_pages(ctx);
        true
    }

    /// Whether a sharded load is running (not stopped, not finished).
    pub fn sharded_loading(&self) -> bool {
        self.sharded
            .as_ref()
            .is_some_and(|l| !l.paused && !l.finished())
    }

    /// `Esc` while calls are in flight (their pages are stopped): a load of every page stops,
    /// and a load of the whole pool stops asking for pages and keeps the users loaded. The
    /// sentence saying so when the pool's load was stopped.
    pub fn stop_loading(&mut self, keymap: &Keymap) -> Option<String> {
        self.load_all = false;
        let loading = self.sharded_loading();
        let load = self.sharded.as_mut().filter(|_| loading)?;
        load.pause();
        let key = key_name(keymap, Context::Lookup, Command::LoadAll);
        Some(format!(
            "Stopped loading at {}: {key} goes on.",
            crate::sentence::count(self.users.len(), "user")
        ))
    }
}

impl Lookup {
    /// How far a load of every user has come, for the status line: the users, and for a
    /// sharded load a bar, the pace and the time left.
    pub fn load_progress(&self) -> String {
        let users = self.users.len();
        if let Some(load) = &self.sharded {
            let now = tokio::time::Instant::now();
            let rate = load.rate(now);
            let (bar, of) = match load.expected {
                Some(expected) if expected > 0 => {
                    let loaded = u32::try_from(users).unwrap_or(u32::MAX);
                    let share = (f64::from(loaded) / f64::from(expected)).min(1.0);
                    // Ten cells; the share is between 0 and 1, so the cast cannot truncate.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let filled = (share * 10.0).round() as usize;
                    (
                        format!(" {}{}", "█".repeat(filled), "░".repeat(10 - filled)),
                        format!(" of ~{expected}"),
                    )
                }
                _ => (String::new(), String::new()),
            };
            let eta = load
                .eta(users, now)
                .map(|t| format!(", about {} s left", t.as_secs() + 1))
                .unwrap_or_default();
            return format!("{bar} {users}{of} users, {rate:.0}/s{eta}");
        }
        if self.load_all {
            format!(
                " — {}, {}",
                crate::sentence::count(users, "user"),
                crate::sentence::count(self.pages, "page")
            )
        } else {
            String::new()
        }
    }
}

fn everything_loaded(ctx: &mut TableCtx) {
    ctx.say("Every matching user is loaded.".into());
}
