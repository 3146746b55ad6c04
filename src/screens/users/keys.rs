//! The user table's keys: moving, searching and refining, marking users, the mouse, and
//! pasted text; the keys that open another screen are the application's to follow.

use crossterm::event::{Event as TermEvent, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use super::{Focus, Lookup, StatusFilter, TableCtx, TableNext};
use crate::cognito::filter::{MAX_FILTER_CHARS, Match, filter_chars};
use crate::keys::{Command, Context};
use crate::paste::{Limit, MAX_TEXT};
use crate::store::Sort;

impl Lookup {
    /// The table sorted by `sort`, said on the status line.
    fn sorted(&mut self, sort: Option<Sort>, ctx: &mut TableCtx) {
        self.sort_by(sort);
        self.scroll_into_view(ctx.rows);
        let loaded = crate::sentence::count(self.users.len(), "loaded user");
        ctx.say(match &self.sort {
            Some(sort) => format!(
                "Sorted by {} {}: the {loaded}{}.",
                sort.column.name(),
                if sort.descending {
                    "descending"
                } else {
                    "ascending"
                },
                if self.complete() { "" } else { " so far" }
            ),
            None => format!("The {loaded} as Cognito listed them."),
        });
    }

    /// A key bound to `command` in the table's context (or the search's, the refine's).
    pub fn on_command(&mut self, command: Command, ctx: &mut TableCtx) -> TableNext {
        let page = isize::try_from(ctx.rows).unwrap_or(isize::MAX);
        match command {
            // Esc on the table shows every user again after a finding was shown alone.
            Command::Back => {
                if self.focus == Focus::Table {
                    self.show_all();
                }
                self.focus = Focus::Table;
            }
            Command::Search => self.focus = Focus::Search,
            Command::Refine => self.focus = Focus::Refine,
            Command::Up => self.scroll(-1, ctx),
            Command::Down => self.scroll(1, ctx),
            Command::PageUp => self.scroll(-page, ctx),
            Command::PageDown => self.scroll(page, ctx),
            Command::Top => self.scroll(isize::MIN / 2, ctx),
            Command::Bottom => self.scroll(isize::MAX / 2, ctx),
            Command::NextAttribute => {
                self.attribute = self.attribute.next();
                self.search_if_query(ctx);
            }
            Command::ToggleExact => {
                self.how = match self.how {
                    Match::Prefix => Match::Exact,
                    Match::Exact => Match::Prefix,
                };
                self.search_if_query(ctx);
            }
            Command::CycleStatus => {
                self.status_filter = StatusFilter::cycle(self.status_filter);
                if self.query.value().is_empty() {
                    self.search(ctx);
                } else {
                    self.rebuild_view();
                    self.more_if_needed(ctx);
                }
            }
            Command::Sort => {
                let sort = Sort::next(self.sort.as_ref(), ctx.columns);
                self.sorted(sort, ctx);
            }
            Command::ReverseSort => {
                if let Some(sort) = self.sort.clone() {
                    let descending = !sort.descending;
                    self.sorted(Some(Sort { descending, ..sort }), ctx);
                } else {
                    let key = ctx.key_name(Context::Lookup, Command::Sort);
                    ctx.say(format!(
                        "The table is as loaded: {key} sorts it by a column first."
                    ));
                }
            }
            Command::LoadAll => self.load_everything(ctx),
            Command::Refresh => self.reload(ctx),
            Command::Open => return self.open_selected(),
            Command::Mark | Command::MarkAll | Command::ClearMarks => self.mark(command, ctx),
            other => return TableNext::Open(other),
        }
        TableNext::Stay
    }

    /// Whether typing goes to the search or the refine.
    pub fn typing(&self) -> bool {
        self.focus != Focus::Table
    }

    /// A key bound to nothing: typed into the search or the refine, if one has the keyboard.
    pub fn edit(&mut self, key: &KeyEvent, ctx: &mut TableCtx) {
        let event = TermEvent::Key(*key);
        let changed = match self.focus {
            Focus::Table => return,
            Focus::Search => {
                // A character that would make the filter too long for ListUsers is refused.
                let mut query = self.query.clone();
                let changed = query.handle_event(&event);
                let (before, after) = (
                    self.filter_chars(self.query.value()),
                    self.filter_chars(query.value()),
                );
                if after > MAX_FILTER_CHARS && after > before {
                    ctx.refuse(format!(
                        "The search is full: {}.",
                        self.filter_room_sentence()
                    ));
                    return;
                }
                self.query = query;
                changed
            }
            Focus::Refine => self.refine.handle_event(&event),
        };
        if changed.is_some_and(|c| c.value) {
            self.typed(ctx);
        }
    }

    /// Text was pasted: it goes into the search or the refine as one edit (one search at
    /// most), cut at what the field holds; the status line says what was changed.
    pub fn paste(&mut self, text: &str, ctx: &mut TableCtx) {
        let (used, limit) = match self.focus {
            Focus::Table => return,
            // The filter around the value (attribute, operator, quotes) counts too.
            Focus::Search => (
                filter_chars(self.attribute, self.how, self.query.value()),
                Limit::escaped(MAX_FILTER_CHARS, "a ListUsers filter"),
            ),
            Focus::Refine => (
                self.refine.value().chars().count(),
                Limit::chars(MAX_TEXT, "the refine"),
            ),
        };
        let input = if self.focus == Focus::Search {
            &mut self.query
        } else {
            &mut self.refine
        };
        let (changed, sentence) = crate::paste::paste_into(input, text, &limit, used);
        if let Some(sentence) = sentence {
            ctx.say(sentence);
        }
        if changed {
            self.typed(ctx);
        }
    }

    /// The search or the refine changed: the search is sent soon, the refine filters at once.
    fn typed(&mut self, ctx: &mut TableCtx) {
        match self.focus {
            Focus::Search => self.search_soon(ctx),
            Focus::Refine => {
                self.refine_view();
                self.more_if_needed(ctx);
            }
            Focus::Table => {}
        }
    }

    /// Moves the selection by `delta` rows, asking for more users when the screen would not be
    /// full.
    pub fn scroll(&mut self, delta: isize, ctx: &mut TableCtx) {
        self.move_selection(delta, ctx.rows);
        self.more_if_needed(ctx);
    }

    /// The row `index` (into the view) was clicked: selected, with the keyboard on the table,
    /// and opened when `open` (a double click).
    pub fn clicked(&mut self, index: usize, open: bool, ctx: &mut TableCtx) -> TableNext {
        // The rows stay where they were drawn when clicked, whatever the status line then does.
        self.offset = self.first_shown(ctx.rows);
        self.selected = index;
        self.focus = Focus::Table;
        ctx.clear_status();
        if open {
            return self.open_selected();
        }
        self.more_if_needed(ctx);
        TableNext::Stay
    }

    /// The row (an index into the view) on the table's row `on_table` from its first, on a
    /// table of `rows` rows, if a user is there.
    pub fn row_at(&self, on_table: usize, rows: usize) -> Option<usize> {
        if on_table >= rows {
            return None;
        }
        let index = self.first_shown(rows) + on_table;
        (index < self.view.len()).then_some(index)
    }

    fn open_selected(&self) -> TableNext {
        self.selected_user()
            .map_or(TableNext::Stay, |u| TableNext::User(u.username))
    }

    /// Keys that mark users in the table: one, every row shown, none.
    fn mark(&mut self, command: Command, ctx: &mut TableCtx) {
        match command {
            Command::Mark => {
                if let Some(name) = self.selected_user().map(|u| u.username)
                    && !self.marked.remove(&name)
                {
                    self.marked.insert(name);
                }
            }
            Command::MarkAll => {
                let names: Vec<String> = self
                    .view
                    .iter()
                    .map(|&i| self.users.username(i).to_owned())
                    .collect();
                self.marked.extend(names);
                let more = if self.complete() {
                    String::new()
                } else {
                    " More users match on the server: load them all (L), then mark again.".into()
                };
                ctx.say(format!(
                    "{} marked.{more}",
                    crate::sentence::count(self.marked.len(), "user")
                ));
            }
            Command::ClearMarks => self.marked.clear(),
            _ => {}
        }
    }
}
