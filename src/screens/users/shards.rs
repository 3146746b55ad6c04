//! Loading every user of a pool side by side: ListUsers takes one filter, and every user has a
//! `sub` (a UUID in lowercase hex), so `sub ^= "0"` … `sub ^= "f"` split the pool into 16 parts
//! that are read at once, each its own chain of pages (256 parts, `sub ^= "00"` …, for very
//! large pools). The pages are merged with the users already loaded, each user once.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::time::Duration;

use tokio::time::Instant;

use crate::cognito::filter::{self, Match, SearchAttribute};
use crate::cognito::model::User;
use crate::cognito::{FIRST_BACKOFF, MAX_RETRIES};

use crate::store::UserStore;

/// Shard pages in flight at once (the read rate caps them further).
pub const SHARDS_IN_FLIGHT: usize = 8;
/// Above this many users (the pool's estimate) the pool is split in 256 shards, not 16.
const SPLIT_FURTHER_ABOVE: u32 = 100_000;

/// The `sub` prefixes a pool of about `expected` users is read by, one shard each.
pub fn shard_prefixes(expected: Option<u32>) -> Vec<String> {
    let digits = "0123456789abcdef".chars();
    if expected.is_some_and(|n| n > SPLIT_FURTHER_ABOVE) {
        digits
            .clone()
            .flat_map(|a| digits.clone().map(move |b| format!("{a}{b}")))
            .collect()
    } else {
        digits.map(String::from).collect()
    }
}

/// Where one shard is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShardState {
    /// Its next page is to be asked for (at once, or after a backoff).
    Waiting { not_before: Option<Instant> },
    /// Its next page has been asked for.
    Loading,
    /// Its last page has come.
    Done,
    /// It failed more than it may be retried; the sentence says why.
    Failed(String),
}

/// One part of the pool: a `sub` prefix and how far its pages have come.
#[derive(Debug, Clone)]
pub struct Shard {
    pub filter: String,
    pub token: Option<String>,
    pub state: ShardState,
    tries: u32,
}

/// A load of every user, shard by shard.
#[derive(Debug, Clone)]
pub struct ShardedLoad {
    pub shards: Vec<Shard>,
    /// Each loaded user by a hash of their username, to their row: a user that comes twice (a
    /// page boundary moving while the pool changes) is kept once.
    seen: HashMap<u64, usize>,
    pub started: Instant,
    /// Users the shards added.
    pub loaded: usize,
    /// The pool's estimate of its users, when it gives one.
    pub expected: Option<u32>,
    /// Stopped by the user: no more pages are asked for until it is resumed.
    pub paused: bool,
}

impl ShardedLoad {
    /// A load split for a pool of about `expected` users, merging with the users `loaded`.
    pub fn new(expected: Option<u32>, loaded: &UserStore, now: Instant) -> Self {
        let shards = shard_prefixes(expected)
            .iter()
            .map(|p| Shard {
                filter: filter::filter(SearchAttribute::Sub, Match::Prefix, p),
                token: None,
                state: ShardState::Waiting { not_before: None },
                tries: 0,
            })
            .collect();
        let seen = (0..loaded.len())
            .map(|i| (hash(loaded.username(i)), i))
            .collect();
        Self {
            shards,
            seen,
            started: now,
            loaded: 0,
            expected,
            paused: false,
        }
    }

    /// The shard whose filter is `filter`.
    pub fn shard(&self, filter: Option<&String>) -> Option<usize> {
        let filter = filter?;
        self.shards.iter().position(|s| s.filter == *filter)
    }

    /// The pages to ask for now (filter and token), marked as loading: as many as keep
    /// [`SHARDS_IN_FLIGHT`] in flight, of the shards not waiting out a backoff.
    pub fn next_pages(&mut self, now: Instant) -> Vec<(String, Option<String>)> {
        if self.paused {
            return Vec::new();
        }
        let loading = self
            .shards
            .iter()
            .filter(|s| s.state == ShardState::Loading)
            .count();
        let mut pages = Vec::new();
        for shard in &mut self.shards {
            if loading + pages.len() >= SHARDS_IN_FLIGHT {
                break;
            }
            if let ShardState::Waiting { not_before } = shard.state
                && not_before.is_none_or(|t| t <= now)
            {
                shard.state = ShardState::Loading;
                pages.push((shard.filter.clone(), shard.token.clone()));
            }
        }
        pages
    }

    /// A page of shard `i` came: the users not loaded yet, to be added (in order) to `store`,
    /// whose rows then are `rows_before..` for them.
    pub fn on_page(
        &mut self,
        i: usize,
        users: Vec<User>,
        next_token: Option<String>,
        rows_before: usize,
        store: &UserStore,
    ) -> Vec<User> {
        let shard = &mut self.shards[i];
        shard.tries = 0;
        shard.state = if next_token.is_some() {
            ShardState::Waiting { not_before: None }
        } else {
            ShardState::Done
        };
        shard.token = next_token;
        let mut fresh = Vec::with_capacity(users.len());
        for user in users {
            let key = hash(&user.username);
            let known = self.seen.get(&key).is_some_and(|&row| {
                row < rows_before && store.username(row) == user.username
                    || fresh
                        .get(row.wrapping_sub(rows_before))
                        .is_some_and(|u: &User| u.username == user.username)
            });
            if !known {
                self.seen.insert(key, rows_before + fresh.len());
                fresh.push(user);
            }
        }
        self.loaded += fresh.len();
        fresh
    }

    /// A page of shard `i` failed with a failure that may pass (throttling, network): it is
    /// asked for again after a backoff, up to [`MAX_RETRIES`] times; after that the shard is
    /// failed and the others go on.
    pub fn on_failure(&mut self, i: usize, sentence: String, may_pass: bool, now: Instant) {
        let shard = &mut self.shards[i];
        shard.tries += 1;
        shard.state = if may_pass && shard.tries <= MAX_RETRIES {
            let wait = FIRST_BACKOFF * 2u32.pow(shard.tries - 1);
            ShardState::Waiting {
                not_before: Some(now + wait),
            }
        } else {
            ShardState::Failed(sentence)
        };
    }

    /// Failed shards are tried again (`Ctrl-R`).
    pub fn retry_failed(&mut self) {
        for shard in &mut self.shards {
            if matches!(shard.state, ShardState::Failed(_)) {
                shard.state = ShardState::Waiting { not_before: None };
                shard.tries = 0;
            }
        }
    }

    /// Stops asking for pages; the pages in flight are forgotten and asked for again on resume.
    pub fn pause(&mut self) {
        self.paused = true;
        for shard in &mut self.shards {
            if shard.state == ShardState::Loading {
                shard.state = ShardState::Waiting { not_before: None };
            }
        }
    }

    /// When the next backoff ends, if a shard is waiting one out.
    pub fn next_retry(&self) -> Option<Instant> {
        if self.paused {
            return None;
        }
        self.shards
            .iter()
            .filter_map(|s| match s.state {
                ShardState::Waiting { not_before } => not_before,
                _ => None,
            })
            .min()
    }

    /// Every shard is done or failed: nothing more will come.
    pub fn finished(&self) -> bool {
        self.shards
            .iter()
            .all(|s| matches!(s.state, ShardState::Done | ShardState::Failed(_)))
    }

    /// The failed shards' sentences.
    pub fn failures(&self) -> Vec<&str> {
        self.shards
            .iter()
            .filter_map(|s| match &s.state {
                ShardState::Failed(why) => Some(why.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Users a second so far.
    pub fn rate(&self, now: Instant) -> f64 {
        let secs = (now - self.started).as_secs_f64();
        if secs > 0.0 {
            f64::from(u32::try_from(self.loaded).unwrap_or(u32::MAX)) / secs
        } else {
            0.0
        }
    }

    /// About how long the rest takes, from the pool's estimate and the rate so far.
    pub fn eta(&self, total_loaded: usize, now: Instant) -> Option<Duration> {
        let rate = self.rate(now);
        let loaded = u32::try_from(total_loaded).unwrap_or(u32::MAX);
        let left = self.expected?.saturating_sub(loaded);
        (rate > 0.0).then(|| Duration::from_secs_f64(f64::from(left) / rate))
    }
}

fn hash(username: &str) -> u64 {
    let mut h = DefaultHasher::new();
    username.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::UserStatus;

    fn user(name: &str) -> User {
        User {
            username: name.into(),
            attributes: Vec::new(),
            status: UserStatus::Confirmed,
            enabled: true,
            created: None,
            modified: None,
        }
    }

    #[test]
    fn sixteen_shards_on_sub_or_256_for_a_very_large_pool() {
        let now = Instant::now();
        let load = ShardedLoad::new(Some(10_000), &UserStore::default(), now);
        assert_eq!(load.shards.len(), 16);
        assert_eq!(load.shards[10].filter, r#"sub ^= "a""#);
        let large = ShardedLoad::new(Some(2_000_000), &UserStore::default(), now);
        assert_eq!(large.shards.len(), 256);
        assert_eq!(large.shards[255].filter, r#"sub ^= "ff""#);
    }

    #[test]
    fn at_most_eight_pages_in_flight_and_each_shard_goes_on_from_its_token() {
        let now = Instant::now();
        let store = UserStore::default();
        let mut load = ShardedLoad::new(None, &store, now);
        assert_eq!(load.next_pages(now).len(), SHARDS_IN_FLIGHT);
        assert!(load.next_pages(now).is_empty());
        let fresh = load.on_page(0, vec![user("a")], Some("t".into()), 0, &store);
        assert_eq!(fresh.len(), 1);
        let next = load.next_pages(now);
        assert_eq!(
            next,
            vec![(r#"sub ^= "0""#.to_owned(), Some("t".to_owned()))]
        );
        assert!(!load.finished());
    }

    #[test]
    fn a_user_already_loaded_or_seen_twice_is_kept_once() {
        let now = Instant::now();
        let mut store = UserStore::default();
        store.push(&user("first-page"));
        let mut load = ShardedLoad::new(None, &store, now);
        load.next_pages(now);
        let fresh = load.on_page(
            0,
            vec![user("first-page"), user("b"), user("b"), user("c")],
            None,
            store.len(),
            &store,
        );
        let names: Vec<_> = fresh.iter().map(|u| u.username.as_str()).collect();
        assert_eq!(names, ["b", "c"]);
        for u in &fresh {
            store.push(u);
        }
        let again = load.on_page(1, vec![user("c"), user("d")], None, store.len(), &store);
        assert_eq!(again.len(), 1);
        assert_eq!(load.loaded, 3);
    }

    #[test]
    fn a_failing_shard_backs_off_then_fails_while_the_others_go_on() {
        let now = Instant::now();
        let mut load = ShardedLoad::new(None, &UserStore::default(), now);
        load.next_pages(now);
        load.on_failure(3, "throttled".into(), true, now);
        assert_eq!(load.next_retry(), Some(now + FIRST_BACKOFF));
        // Not before its backoff: another shard takes the free place.
        let next = load.next_pages(now);
        assert_eq!(next[0].0, r#"sub ^= "8""#);
        for _ in 0..MAX_RETRIES {
            load.on_failure(3, "throttled".into(), true, now);
        }
        assert_eq!(load.failures(), ["throttled"]);
        load.on_failure(4, "denied".into(), false, now);
        assert_eq!(load.failures(), ["throttled", "denied"]);
        load.retry_failed();
        assert!(load.failures().is_empty());
    }

    #[test]
    fn a_paused_load_asks_for_nothing_and_resumes_the_pages_it_had_in_flight() {
        let now = Instant::now();
        let mut load = ShardedLoad::new(None, &UserStore::default(), now);
        load.next_pages(now);
        load.pause();
        assert!(load.next_pages(now).is_empty());
        load.paused = false;
        assert_eq!(load.next_pages(now).len(), SHARDS_IN_FLIGHT);
    }
}
