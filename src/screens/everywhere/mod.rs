//! "Which pool is this person in?": one search across every pool of the region, every
//! configured pool, or both. An email, a phone number (`+…`) or a username, exact, or a
//! prefix with a trailing `*`. `Enter` on a hit opens that pool on that user.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, FORM_HINTS, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::Form;
use crate::cognito::everywhere::{Found, PoolRef};
use crate::cognito::filter::{self, MAX_FILTER_CHARS, Match, SearchAttribute};
use crate::keys::{Command, Context};
use crate::theme::Theme;

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
    /// The pools in config.toml.
    pub configured: Vec<PoolRef>,
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

impl Everywhere {
    /// The search, over the pools in config.toml too if there are any.
    pub fn open(configured: Vec<PoolRef>) -> Next {
        Next::Open(Box::new(Self {
            form: Form::new(&[("Find", false)]),
            scope: if configured.is_empty() {
                Scope::Region
            } else {
                Scope::Both
            },
            configured,
            searched: None,
            found: None,
            selected: 0,
        }))
    }

    fn search(&mut self, typed: String, ctx: &mut Ctx) {
        let filter = match filter_for(&typed) {
            Ok(f) => f,
            Err(why) => return ctx.refuse(why),
        };
        let pools: Vec<PoolRef> = match self.scope {
            Scope::Region => Vec::new(),
            Scope::Configured | Scope::Both => self.configured.clone(),
        };
        let region_pools = self.scope != Scope::Configured;
        if pools.is_empty() && !region_pools {
            let key = ctx.key_name(Context::Form, Command::CycleScope);
            return ctx.refuse(format!(
                "No pool in config.toml to search: {key} searches the region's pools."
            ));
        }
        self.searched = Some(typed);
        self.found = None;
        self.selected = 0;
        ctx.request(Action::FindEverywhere {
            pools,
            region_pools,
            filter,
        });
    }
}

impl ScreenModule for Everywhere {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("everywhere", None)
    }

    fn context(&self) -> Context {
        Context::Form
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        FORM_HINTS
    }

    /// Tab and Shift-Tab move between the hits; Enter searches, or opens the hit selected
    /// when the search shown is for what is typed.
    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        let hits = self.found.as_ref().map_or(0, |f| f.hits.len());
        match command {
            Command::NextField => self.selected = (self.selected + 1).min(hits.saturating_sub(1)),
            Command::PrevField => self.selected = self.selected.saturating_sub(1),
            Command::CycleScope => self.scope = self.scope.next(),
            Command::Back if ctx.pool_id.is_some() => return Next::Users,
            Command::Back => return Next::Pools,
            Command::Submit => {
                let typed = self.form.value(0).trim().to_owned();
                if hits > 0 && self.searched.as_deref() == Some(typed.as_str()) {
                    let hit = self.found.as_ref().and_then(|f| f.hits.get(self.selected));
                    return hit.map_or(Next::Stay, |h| Next::Hit(h.clone()));
                }
                self.search(typed, ctx);
            }
            _ => {}
        }
        Next::Stay
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        Some(&mut self.form)
    }

    fn on_outcome(&mut self, _action: &Action, outcome: Outcome, _ctx: &mut Ctx) -> Next {
        if let Outcome::Found(Ok(found)) = outcome {
            self.found = Some(found);
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
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
