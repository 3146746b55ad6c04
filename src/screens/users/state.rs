//! The user table's state: the search, the loaded users and the visible view over them.

use std::collections::{BTreeSet, HashSet};

use tokio::time::Instant;
use tui_input::Input;

use super::shards::ShardedLoad;
use crate::action::RequestId;
use crate::cognito::filter::{self, MAX_FILTER_CHARS, Match, SearchAttribute};
use crate::cognito::model::{User, UserStatus, UsersPage};
use crate::store::{Dated, Needle, Sort, UserStore};

/// Quick filters by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Unconfirmed,
    ForceChangePassword,
    ResetRequired,
    Disabled,
}

impl StatusFilter {
    /// The next quick filter after `current`; `None` means no filter.
    pub fn cycle(current: Option<Self>) -> Option<Self> {
        match current {
            None => Some(Self::Unconfirmed),
            Some(Self::Unconfirmed) => Some(Self::ForceChangePassword),
            Some(Self::ForceChangePassword) => Some(Self::ResetRequired),
            Some(Self::ResetRequired) => Some(Self::Disabled),
            Some(Self::Disabled) => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Unconfirmed => "UNCONFIRMED",
            Self::ForceChangePassword => "FORCE_CHANGE_PASSWORD",
            Self::ResetRequired => "RESET_REQUIRED",
            Self::Disabled => "disabled",
        }
    }

    fn server_filter(self) -> String {
        match self {
            Self::Disabled => filter::enabled_filter(false),
            other => filter::filter(SearchAttribute::Status, Match::Exact, other.label()),
        }
    }

    fn matches(self, users: &UserStore, i: usize) -> bool {
        match self {
            Self::Unconfirmed => users.status(i) == UserStatus::Unconfirmed,
            Self::ForceChangePassword => users.status(i) == UserStatus::ForceChangePassword,
            Self::ResetRequired => users.status(i) == UserStatus::ResetRequired,
            Self::Disabled => !users.enabled(i),
        }
    }
}

/// Which field has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Table,
    Search,
    Refine,
}

/// The user table: the search, every user loaded for it and the rows shown. It stays while
/// other screens show (they read its users and marks), and a new pool starts a new one.
#[derive(Debug, Clone)]
pub struct Lookup {
    pub query: Input,
    pub attribute: SearchAttribute,
    pub how: Match,
    pub status_filter: Option<StatusFilter>,
    pub refine: Input,
    pub focus: Focus,
    /// Every user loaded for the current server filter, in page order.
    pub users: UserStore,
    /// Indices into `users` of the rows shown (after the local filters), in the table's
    /// order: as loaded, or as `sort` says.
    pub view: Vec<usize>,
    /// The column the table is sorted by, if any (`S`, `O`).
    pub sort: Option<Sort>,
    /// Every loaded row in `sort`'s order (empty without a sort), so that a refine or filter
    /// that changes picks the rows shown from it without sorting again.
    pub(super) order: Vec<usize>,
    /// Rows were added to a sorted table while every user was loading: they are sorted in
    /// once the load ends (sorting a million rows on every page would cost more than the load).
    pub(super) unsorted: bool,
    /// Token for the next page; `None` with `pages > 0` means every page is loaded.
    pub next_token: Option<String>,
    pub pages: usize,
    /// Keep fetching pages until the last one (a filtered load: one chain of pages).
    pub load_all: bool,
    /// A load of every user of the pool, shard by shard (an unfiltered load).
    pub sharded: Option<ShardedLoad>,
    /// Selected row, as an index into `view`.
    pub selected: usize,
    /// First row on screen, as an index into `view`.
    pub offset: usize,
    /// Usernames marked for bulk work; kept across searches.
    pub marked: BTreeSet<String>,
    /// The latest ListUsers request, so that a new search can cancel it even once abandoned.
    pub users_request: Option<RequestId>,
    /// The refine `view` was built with, so that typing on only filters the rows shown.
    view_refine: String,
    /// The rows shown are from before a reload: the reload's first page replaces them, and
    /// a reload that fails leaves them.
    stale: bool,
    /// Only these users are shown (a finding of the pool doctor), until Esc.
    pub only: Option<Only>,
    /// When the search typed so far is to be sent, while typing has not paused long enough.
    pub(super) search_due: Option<Instant>,
}

/// A set of users the table shows alone, and what they have in common.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Only {
    pub label: String,
    users: HashSet<String>,
}

impl Default for Lookup {
    fn default() -> Self {
        Self {
            query: Input::default(),
            attribute: SearchAttribute::Username,
            how: Match::Prefix,
            status_filter: None,
            refine: Input::default(),
            focus: Focus::Search,
            users: UserStore::default(),
            view: Vec::new(),
            sort: None,
            order: Vec::new(),
            unsorted: false,
            next_token: None,
            pages: 0,
            load_all: false,
            sharded: None,
            selected: 0,
            offset: 0,
            marked: BTreeSet::new(),
            users_request: None,
            view_refine: String::new(),
            stale: false,
            only: None,
            search_due: None,
        }
    }
}

impl Lookup {
    /// The ListUsers filter for the current search: the query on the chosen attribute, or else
    /// the status quick filter.
    pub fn server_filter(&self) -> Option<String> {
        let query = self.query.value();
        if query.is_empty() {
            self.status_filter.map(StatusFilter::server_filter)
        } else {
            Some(filter::filter(self.attribute, self.how, query))
        }
    }

    /// The length of the ListUsers filter searching for `value` on the chosen attribute (0 for
    /// no value: then the filter is the short status one, if any).
    pub fn filter_chars(&self, value: &str) -> usize {
        if value.is_empty() {
            0
        } else {
            filter::filter_chars(self.attribute, self.how, value)
        }
    }

    /// How long a search on the chosen attribute may be, as a sentence fragment.
    pub fn filter_room_sentence(&self) -> String {
        let room =
            MAX_FILTER_CHARS.saturating_sub(filter::filter_chars(self.attribute, self.how, ""));
        format!(
            "ListUsers takes a filter of at most {MAX_FILTER_CHARS} characters, which leaves {room} for a search on {}",
            self.attribute
        )
    }

    /// Starts the same search again: the rows stay until the first page replaces them.
    pub fn reload_results(&mut self) {
        self.stale = true;
        self.sharded = None;
        self.next_token = None;
        self.pages = 0;
    }

    /// Shows only `users` (`label` says what they have in common), from the first row.
    pub fn show_only(&mut self, label: String, users: impl IntoIterator<Item = String>) {
        self.only = Some(Only {
            label,
            users: users.into_iter().collect(),
        });
        self.selected = 0;
        self.offset = 0;
        self.rebuild_view();
    }

    /// Shows every loaded user again; whether only some were shown.
    pub fn show_all(&mut self) -> bool {
        let had = self.only.take().is_some();
        if had {
            self.rebuild_view();
        }
        had
    }

    /// Forgets the loaded users, for a new server filter.
    pub fn reset_results(&mut self) {
        self.stale = false;
        self.only = None;
        self.users.clear();
        self.sharded = None;
        self.view.clear();
        self.order.clear();
        self.unsorted = false;
        self.next_token = None;
        self.pages = 0;
        self.selected = 0;
        self.offset = 0;
    }

    /// Whether every page of the current filter is loaded.
    pub fn complete(&self) -> bool {
        self.pages > 0 && self.next_token.is_none() && self.sharded.is_none()
    }

    /// Appends a page and extends the view with its matching rows.
    pub fn add_page(&mut self, page: UsersPage) {
        if std::mem::take(&mut self.stale) {
            let (selected, offset) = (self.selected, self.offset);
            self.reset_results();
            (self.selected, self.offset) = (selected, offset);
        }
        self.pages += 1;
        self.next_token = page.next_token;
        self.add_users(&page.users);
        let last = self.view.len().saturating_sub(1);
        self.selected = self.selected.min(last);
        self.offset = self.offset.min(self.selected);
    }

    /// Appends users (a page, or a shard's page of a sharded load) and extends the view with
    /// those the local filters keep.
    pub fn add_users(&mut self, users: &[User]) {
        let needle = Needle::new(self.refine.value());
        for user in users {
            self.users.push(user);
            let i = self.users.len() - 1;
            if self.status_keeps(i) && self.users.matches(i, &needle) {
                self.view.push(i);
            }
        }
        if self.sort.is_some() {
            if self.load_all || self.sharded_loading() {
                self.unsorted = true;
            } else {
                self.order_view();
            }
        }
    }

    /// Recomputes the view after a local filter changed.
    pub fn rebuild_view(&mut self) {
        let kept = match Needle::new(self.refine.value()) {
            Needle::All => None,
            needle => Some(self.users.matching(&needle)),
        };
        // Filled in place: a fresh view of a million rows costs more to fault in than to fill.
        let mut view = std::mem::take(&mut self.view);
        view.clear();
        let keeps = |&i: &usize| kept.as_ref().is_none_or(|kept| kept[i]) && self.status_keeps(i);
        // Rows added while every user loads are not in the order yet: as loaded until then.
        if self.order.len() == self.users.len() && self.sort.is_some() {
            view.extend(self.order.iter().copied().filter(keeps));
        } else {
            view.extend((0..self.users.len()).filter(keeps));
        }
        self.view = view;
        self.view_built();
    }

    /// Updates the view after the refine changed. A refine that only narrows the one the view
    /// was built with (typing on: `garci` -> `garcia`) filters the rows shown, so a keystroke
    /// costs less as the view shrinks; any other change rebuilds it from every loaded user.
    pub fn refine_view(&mut self) {
        if !narrows(&self.view_refine, self.refine.value()) {
            self.rebuild_view();
            return;
        }
        let needle = Needle::new(self.refine.value());
        self.users.keep_matching(&mut self.view, &needle);
        self.view_built();
    }

    /// Other rows are shown: the same place in them stays selected, and the table is drawn
    /// from its top (or with the selected row at its foot, `first_shown`), so that it is full
    /// when the rows fill it. Kept as it was, the scroll offset could be past all but the
    /// selected row.
    fn view_built(&mut self) {
        self.refine.value().clone_into(&mut self.view_refine);
        self.selected = self.selected.min(self.view.len().saturating_sub(1));
        self.offset = 0;
    }

    /// The status filter, applied here when the server filter is the query, and the users
    /// shown alone.
    fn status_keeps(&self, i: usize) -> bool {
        let status = match self.status_filter {
            Some(s) if !self.query.value().is_empty() => s.matches(&self.users, i),
            _ => true,
        };
        status
            && self
                .only
                .as_ref()
                .is_none_or(|only| only.users.contains(self.users.username(i)))
    }

    /// The selected user, if any.
    pub fn selected_user(&self) -> Option<User> {
        self.view.get(self.selected).map(|&i| self.users.get(i))
    }

    /// The loaded user named `username`, as their row shows them.
    pub fn user(&self, username: &str) -> Option<User> {
        self.users.position(username).map(|i| self.users.get(i))
    }

    /// Whether the user named `username` is loaded.
    pub fn has_user(&self, username: &str) -> bool {
        self.users.position(username).is_some()
    }

    /// The loaded user named `username` changed: their row shows `user`, and is in the view
    /// or not as the local filters now say (the other rows are not looked at again).
    pub fn update_user(&mut self, username: &str, update: impl FnOnce(&mut User)) {
        let Some(i) = self.users.position(username) else {
            return;
        };
        let mut user = self.users.get(i);
        update(&mut user);
        self.users.replace(i, &user);
        let keeps =
            self.status_keeps(i) && self.users.matches(i, &Needle::new(self.refine.value()));
        if let Some(sort) = &self.sort {
            // The change may move the row: it leaves its place and goes where it sorts now,
            // and the selected user stays selected.
            let selected = self.view.get(self.selected).copied();
            self.view.retain(|&r| r != i);
            if keeps {
                let at = sort.place(&self.users, &self.view, i);
                self.view.insert(at, i);
            }
            if let Some(at) = self.order.iter().position(|&r| r == i) {
                self.order.remove(at);
                let at = sort.place(&self.users, &self.order, i);
                self.order.insert(at, i);
            }
            if let Some(s) = selected {
                self.selected = self
                    .view
                    .iter()
                    .position(|&r| r == s)
                    .unwrap_or(self.selected);
            }
        } else {
            match self.view.binary_search(&i) {
                Ok(at) if !keeps => {
                    self.view.remove(at);
                }
                Err(at) if keeps => self.view.insert(at, i),
                _ => {}
            }
        }
        self.view_built();
    }

    /// The user named `username` no longer exists: their row goes, and the rows after it
    /// move up one.
    pub fn remove_user(&mut self, username: &str) {
        let Some(i) = self.users.position(username) else {
            return;
        };
        self.users.remove(i);
        for rows in [&mut self.view, &mut self.order] {
            rows.retain(|&row| row != i);
            for row in rows.iter_mut() {
                if *row > i {
                    *row -= 1;
                }
            }
        }
        self.view_built();
    }

    /// Moves the selection by `delta` rows and keeps it on a screen of `rows` rows.
    pub fn move_selection(&mut self, delta: isize, rows: usize) {
        let last = self.view.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(rows);
    }

    pub fn scroll_into_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }

    /// The first row shown on a table of `rows` rows: the scroll offset, moved on just enough
    /// that the selected row shows when the table is shorter than when the selection last
    /// moved (a sentence in the status line takes rows). The UI draws from it and a click is
    /// mapped with it.
    pub fn first_shown(&self, rows: usize) -> usize {
        let rows = rows.max(1);
        let first = self.offset.min(self.view.len());
        if self.selected >= first + rows {
            self.selected + 1 - rows
        } else {
            first
        }
    }

    /// Whether another page should be fetched so that the screen stays full. Not while the
    /// refine can match no user (a date still being typed): no page would fill the screen.
    pub fn wants_more(&self, rows: usize) -> bool {
        self.next_token.is_some()
            && self.view.len().saturating_sub(self.selected) <= rows
            && !matches!(Needle::new(self.refine.value()), Needle::Nothing)
    }
}

/// Whether every user `new` keeps is kept by `old` too: the same kind of refine (plain, or on
/// the same attribute) whose text contains the old text.
fn narrows(old: &str, new: &str) -> bool {
    let contains = |new: &str, old: &str| new.to_lowercase().contains(&old.to_lowercase());
    let (old, new) = (old.trim(), new.trim());
    match (old.split_once('='), new.split_once('=')) {
        _ if old.is_empty() => true,
        // A date refine keeps a span of dates: typing on can widen it.
        _ if Dated::parse(old).is_some() || Dated::parse(new).is_some() => false,
        (None, None) => contains(new, old),
        (Some((old_name, old_text)), Some((new_name, new_text))) => {
            old_name.trim() == new_name.trim() && contains(new_text.trim(), old_text.trim())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::Attribute;

    fn user(name: &str, status: UserStatus, tier: &str) -> User {
        User {
            username: name.into(),
            attributes: vec![
                Attribute {
                    name: "email".into(),
                    value: format!("{name}@Example.com"),
                },
                Attribute {
                    name: "custom:tier".into(),
                    value: tier.into(),
                },
            ],
            status,
            enabled: true,
            created: None,
            modified: None,
        }
    }

    fn tiered() -> Lookup {
        let mut l = Lookup::default();
        l.add_users(&[
            user("ann", UserStatus::Confirmed, "gold"),
            user("bob", UserStatus::Confirmed, "bronze"),
            user("cy", UserStatus::Confirmed, "silver"),
        ]);
        l
    }

    fn shown(l: &Lookup) -> Vec<&str> {
        l.view.iter().map(|&i| l.users.username(i)).collect()
    }

    fn by_tier() -> Sort {
        Sort {
            column: crate::config::columns::Column::Attribute("custom:tier".into()),
            descending: false,
        }
    }

    #[test]
    fn a_changed_row_moves_to_its_sorted_place_and_the_selection_stays_on_its_user() {
        let mut l = tiered();
        l.sort_by(Some(by_tier()));
        assert_eq!(shown(&l), ["bob", "ann", "cy"]);
        l.rebuild_view();
        assert_eq!(shown(&l), ["bob", "ann", "cy"], "a filter keeps the order");
        l.selected = 2; // cy
        l.update_user("bob", |u| u.attributes[1].value = "platinum".into());
        assert_eq!(shown(&l), ["ann", "bob", "cy"]);
        assert_eq!(l.selected_user().map(|u| u.username).as_deref(), Some("cy"));
        l.sort_by(None);
        assert_eq!(shown(&l), ["ann", "bob", "cy"], "as loaded");
    }

    #[test]
    fn rows_loaded_while_every_user_loads_are_sorted_in_once_the_load_ends() {
        let mut l = tiered();
        l.sort_by(Some(by_tier()));
        l.load_all = true;
        l.add_users(&[user("dee", UserStatus::Confirmed, "amber")]);
        assert_eq!(shown(&l), ["bob", "ann", "cy", "dee"], "not yet");
        l.order_if_loaded();
        assert_eq!(shown(&l), ["bob", "ann", "cy", "dee"], "still loading");
        l.load_all = false;
        l.order_if_loaded();
        assert_eq!(shown(&l), ["dee", "bob", "ann", "cy"]);
        // A page that comes while nothing loads everything is sorted in at once.
        l.add_users(&[user("eve", UserStatus::Confirmed, "azure")]);
        assert_eq!(shown(&l), ["dee", "eve", "bob", "ann", "cy"]);
    }

    #[test]
    fn marks_not_loaded_are_read_by_name_and_said_left_out_of_what_needs_their_rows() {
        let mut l = tiered();
        l.pages = 1;
        l.marked.extend(["ann".to_owned(), "zed".to_owned()]);
        let (users, scope) = l.marked_or_shown();
        assert_eq!(users.len(), 1);
        assert_eq!(
            scope,
            "1 marked user (1 marked user not loaded in the table left out)"
        );
        let (names, scope) = l.marked_or_shown_names();
        assert_eq!(names, ["ann", "zed"]);
        assert_eq!(scope, "2 marked users");
        l.marked.clear();
        let (names, scope) = l.marked_or_shown_names();
        assert_eq!(names, ["ann", "bob", "cy"]);
        assert_eq!(scope, "3 users shown");
    }

    #[test]
    fn refine_plain_and_attribute() {
        let mut users = UserStore::default();
        users.push(&user("ann", UserStatus::Confirmed, "gold"));
        let kept = |refine| users.matches(0, &Needle::new(refine));
        assert!(kept(""));
        assert!(kept("example"));
        assert!(kept("custom:tier=GOL"));
        assert!(!kept("custom:tier=silver"));
        assert!(!kept("bob"));
    }

    #[test]
    fn typing_on_in_the_refine_narrows_the_view_and_anything_else_rebuilds_it() {
        assert!(narrows("", "custom:tier=g"));
        assert!(narrows("gar", "Garcia"));
        assert!(narrows("email=an", "email=ann"));
        assert!(!narrows("email=an", "name=ann"));
        assert!(!narrows("email", "email=a"));
        assert!(!narrows("garcia", "garci"));
        assert!(!narrows("created>2026-0", "created>2026-01"));
        assert!(!narrows("created>2026-01", "created>2026-01-1"));

        let mut l = Lookup::default();
        l.add_page(UsersPage {
            users: vec![
                user("ann", UserStatus::Confirmed, "gold"),
                user("anna", UserStatus::Confirmed, "silver"),
                user("bob", UserStatus::Confirmed, "gold"),
            ],
            next_token: None,
        });
        let mut steps = Vec::new();
        for refine in ["a", "an", "ann", "anna", "ann", "custom:tier=gold", "bob"] {
            l.refine = Input::new(refine.into());
            l.refine_view();
            let narrowed = l.view.clone();
            l.rebuild_view();
            assert_eq!(narrowed, l.view, "{refine}");
            steps.push(l.view.len());
        }
        assert_eq!(steps, vec![3, 2, 2, 1, 2, 2, 1]);
    }

    #[test]
    fn a_changed_or_removed_user_moves_only_their_own_row_in_and_out_of_the_view() {
        let mut l = Lookup::default();
        l.add_page(UsersPage {
            users: ["ann", "bob", "cat", "dan"]
                .iter()
                .map(|n| {
                    user(
                        n,
                        UserStatus::Confirmed,
                        if *n == "bob" { "gold" } else { "x" },
                    )
                })
                .collect(),
            next_token: None,
        });
        l.refine = Input::new("custom:tier=gold".into());
        l.rebuild_view();
        assert_eq!(l.view, vec![1]);
        l.update_user("dan", |u| u.attributes[1].value = "gold".into());
        l.update_user("bob", |u| u.attributes[1].value = "silver".into());
        let kept = l.view.clone();
        l.rebuild_view();
        assert_eq!(kept, l.view);
        assert_eq!(kept, vec![3]);
        l.update_user("ann", |u| u.attributes[1].value = "gold".into());
        l.remove_user("bob");
        let kept = l.view.clone();
        l.rebuild_view();
        assert_eq!(kept, l.view);
        let names: Vec<&str> = kept.iter().map(|&i| l.users.username(i)).collect();
        assert_eq!(names, ["ann", "dan"]);
    }

    #[test]
    fn server_filter_prefers_query_then_status() {
        let mut l = Lookup::default();
        assert_eq!(l.server_filter(), None);
        l.status_filter = Some(StatusFilter::Unconfirmed);
        assert_eq!(
            l.server_filter().as_deref(),
            Some(r#"cognito:user_status = "UNCONFIRMED""#)
        );
        l.query = Input::new("an".into());
        assert_eq!(l.server_filter().as_deref(), Some(r#"username ^= "an""#));
    }

    #[test]
    fn status_applies_locally_when_query_is_set() {
        let mut l = Lookup {
            query: Input::new("a".into()),
            status_filter: Some(StatusFilter::Unconfirmed),
            ..Lookup::default()
        };
        l.add_page(UsersPage {
            users: vec![
                user("a1", UserStatus::Confirmed, "x"),
                user("a2", UserStatus::Unconfirmed, "x"),
            ],
            next_token: None,
        });
        assert_eq!(l.view, vec![1]);
        assert!(l.complete());
    }

    /// A page of users u0 to u99, with more on the server.
    fn hundred_users() -> Lookup {
        let mut l = Lookup::default();
        l.add_page(UsersPage {
            users: (0..100)
                .map(|i| user(&format!("u{i}"), UserStatus::Confirmed, ""))
                .collect(),
            next_token: Some("t".into()),
        });
        l
    }

    #[test]
    fn selection_scrolls() {
        let mut l = hundred_users();
        l.move_selection(15, 10);
        assert_eq!((l.selected, l.offset), (15, 6));
        l.move_selection(-12, 10);
        assert_eq!((l.selected, l.offset), (3, 3));
        l.move_selection(1000, 10);
        assert_eq!(l.selected, 99);
        assert!(l.wants_more(10));
    }

    #[test]
    fn a_refine_that_keeps_fewer_rows_than_were_above_the_table_fills_it_again() {
        let mut l = hundred_users();
        l.move_selection(60, 10);
        assert_eq!((l.selected, l.offset), (60, 51));
        // `u1` keeps u1 and u10-u19: the last row stays selected, with the 9 before it above.
        l.refine = Input::new("u1".into());
        l.refine_view();
        assert_eq!(l.view.len(), 11);
        assert_eq!((l.selected, l.first_shown(10)), (10, 1));
        assert_eq!(l.first_shown(20), 0);
    }

    #[test]
    fn a_date_refine_keeps_the_users_created_in_its_span_as_it_is_typed() {
        let created = |day: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 1, day)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map(|t| t.and_utc())
        };
        let mut l = Lookup::default();
        l.add_page(UsersPage {
            users: (1..=31)
                .map(|day| User {
                    created: created(day),
                    ..user(&format!("u{day}"), UserStatus::Confirmed, "")
                })
                .collect(),
            next_token: None,
        });
        let mut shown = Vec::new();
        for typed in [
            "created>2026-01-1",
            "created>2026-01-10",
            "created<2026-01-10",
            "created=2026-01-05..2026-01-07",
        ] {
            l.refine = Input::new(typed.into());
            l.refine_view();
            shown.push(l.view.len());
        }
        assert_eq!(shown, vec![0, 22, 9, 3]);
        // More of the pool is on the server: a date being typed fetches nothing.
        l.next_token = Some("t".into());
        l.refine = Input::new("created>2026-0".into());
        l.refine_view();
        assert!(!l.wants_more(30));
        l.refine = Input::new("created>2026-01-10".into());
        l.refine_view();
        assert!(l.wants_more(30));
    }
}
