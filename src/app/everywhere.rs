//! "Which pool is this person in?": one search across every pool of the region, every
//! configured pool, or both. An email, a phone number (`+…`) or a username, exact, or a
//! prefix with a trailing `*`. `Enter` on a hit opens that pool on that user.

use super::{App, AwsTarget, Form, Screen, Status};
use crate::action::{Action, Request};
use crate::cognito::everywhere::{Found, Hit, PoolRef};
use crate::cognito::filter::{self, MAX_FILTER_CHARS, Match, SearchAttribute};
use crate::config::PoolChoice;
use crate::keys::Command;

/// Which pools a search covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Region,
    Configured,
    Both,
}

impl Scope {
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Both => Self::Region,
            Self::Region => Self::Configured,
            Self::Configured => Self::Both,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Region => "every pool of the region",
            Self::Configured => "the pools in config.toml",
            Self::Both => "the region's pools and config.toml's",
        }
    }
}

/// The search screen.
#[derive(Debug, Clone)]
pub struct Everywhere {
    pub form: Form,
    pub scope: Scope,
    /// The text the shown results are for.
    pub searched: Option<String>,
    pub found: Option<Found>,
    pub selected: usize,
}

/// The ListUsers filter for what was typed: an email (with `@`), a phone number (starting
/// `+`) or a username; exact, or a prefix when it ends with `*`.
pub fn filter_for(typed: &str) -> Result<String, String> {
    let typed = typed.trim();
    let (value, how) = match typed.strip_suffix('*') {
        Some(prefix) => (prefix.trim_end(), Match::Prefix),
        None => (typed, Match::Exact),
    };
    if value.is_empty() {
        return Err(
            "Type an email, a phone number (+…) or a username; end it with * for a prefix.".into(),
        );
    }
    let attribute = if value.contains('@') {
        SearchAttribute::Email
    } else if value.starts_with('+') {
        SearchAttribute::PhoneNumber
    } else {
        SearchAttribute::Username
    };
    if filter::filter_chars(attribute, how, value) > MAX_FILTER_CHARS {
        return Err(format!(
            "ListUsers takes a filter of at most {MAX_FILTER_CHARS} characters: type less."
        ));
    }
    Ok(filter::filter(attribute, how, value))
}

impl App {
    /// Opens the search of every pool.
    pub(super) fn open_everywhere(&mut self) {
        self.screen = Screen::Everywhere(Box::new(Everywhere {
            form: Form::new(&[("Find", false)]),
            scope: if self.configured_pools.is_empty() {
                Scope::Region
            } else {
                Scope::Both
            },
            searched: None,
            found: None,
            selected: 0,
        }));
    }

    pub(super) fn everywhere_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Everywhere(e) = &mut self.screen else {
            return Vec::new();
        };
        let hits = e.found.as_ref().map_or(0, |f| f.hits.len());
        match command {
            Command::NextField => e.selected = (e.selected + 1).min(hits.saturating_sub(1)),
            Command::PrevField => e.selected = e.selected.saturating_sub(1),
            Command::CycleScope => e.scope = e.scope.next(),
            Command::Back => {
                self.screen = if self.choice.is_some() {
                    Screen::Lookup
                } else {
                    Screen::Picker(super::Picker::Pools {
                        pools: None,
                        selected: 0,
                    })
                };
                if self.choice.is_none() {
                    return self.request(Action::ListPools);
                }
            }
            Command::Submit => {
                let typed = e.form.value(0).trim().to_owned();
                if hits > 0 && e.searched.as_deref() == Some(typed.as_str()) {
                    let hit = e
                        .found
                        .as_ref()
                        .and_then(|f| f.hits.get(e.selected))
                        .cloned();
                    return hit.map(|h| self.open_hit(h)).unwrap_or_default();
                }
                return self.search_everywhere(typed);
            }
            _ => {}
        }
        Vec::new()
    }

    fn search_everywhere(&mut self, typed: String) -> Vec<Request> {
        let filter = match filter_for(&typed) {
            Ok(f) => f,
            Err(why) => {
                self.status = Some(Status::Error(why));
                return Vec::new();
            }
        };
        let Screen::Everywhere(e) = &mut self.screen else {
            return Vec::new();
        };
        let pools: Vec<PoolRef> = match e.scope {
            Scope::Region => Vec::new(),
            Scope::Configured | Scope::Both => self.configured_pools.clone(),
        };
        let region_pools = e.scope != Scope::Configured;
        if pools.is_empty() && !region_pools {
            self.status = Some(Status::Error(
                "No pool in config.toml to search: F4 searches the region's pools.".into(),
            ));
            return Vec::new();
        }
        e.searched = Some(typed);
        e.found = None;
        e.selected = 0;
        self.request(Action::FindEverywhere {
            pools,
            region_pools,
            filter,
        })
    }

    pub(super) fn on_found(&mut self, found: Found) {
        if let Screen::Everywhere(e) = &mut self.screen {
            e.found = Some(found);
        }
    }

    /// Opens the pool of `hit` on its user; a pool of another region first makes a client there.
    fn open_hit(&mut self, hit: Hit) -> Vec<Request> {
        // The pool open now keeps its app client: only the user's page opens.
        if self.pool_id().as_deref() == Some(hit.pool.id.as_str()) {
            return self.open_user(hit.username);
        }
        let choice = PoolChoice {
            user_pool_id: hit.pool.id.clone(),
            client_id: None,
            client_secret: None,
        };
        match hit.pool.region {
            Some(region) if self.cli_target.region.as_deref() != Some(region.as_str()) => {
                if self.refuse_retarget() {
                    return Vec::new();
                }
                self.pending_open = Some((choice, hit.username));
                self.retarget = Some(AwsTarget {
                    profile: self.cli_target.profile.clone(),
                    region,
                });
                self.status = Some(Status::Info("Connecting to the pool's region…".into()));
                Vec::new()
            }
            _ => self.open_pool_on(choice, hit.username),
        }
    }

    /// Opens pool `choice` with the page of `username` on top.
    pub(super) fn open_pool_on(&mut self, choice: PoolChoice, username: String) -> Vec<Request> {
        let mut requests = self.open_pool(choice);
        requests.extend(self.open_user(username));
        requests
    }
}

#[cfg(test)]
mod tests {
    use super::filter_for;

    #[test]
    fn what_is_typed_says_the_attribute_and_a_star_makes_a_prefix() {
        assert_eq!(
            filter_for("ann@example.com").as_deref(),
            Ok(r#"email = "ann@example.com""#)
        );
        assert_eq!(
            filter_for("+44 7700").as_deref(),
            Ok(r#"phone_number = "+44 7700""#)
        );
        assert_eq!(filter_for(" ann* ").as_deref(), Ok(r#"username ^= "ann""#));
        assert_eq!(filter_for("ann@ex*").as_deref(), Ok(r#"email ^= "ann@ex""#));
        assert!(filter_for("*").is_err());
        assert!(filter_for(&"a".repeat(300)).is_err());
    }
}
