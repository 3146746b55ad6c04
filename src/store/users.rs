//! The loaded users, compact enough for a million, with the refine's index.
//!
//! Every user's text (username, then each attribute value) lives in one shared buffer, and the
//! attribute names and statuses are interned, so a loaded user costs one small fixed-size row
//! and its text, with no allocation of its own. A row whose text is not all lower case also has
//! its lowercase in a second buffer, so the refine (`Searched`) runs a SIMD substring search over
//! lowercase text instead of lowercasing every value on every key.
//!
//! Values are separated by `\0` in the buffers, so a search never matches across two values
//! (a search containing `\0` matches nothing).

use chrono::{DateTime, Utc};

use super::needle::{Needle, SEP};
use super::search::Searched;
use crate::cognito::model::{Attribute, User, UserStatus};

/// One loaded user: where its text is, and the rest in a few bytes.
#[derive(Debug, Clone, Copy)]
struct Row {
    /// Start and length of `username\0value\0value…` in `text`.
    text: u32,
    text_len: u32,
    /// The first of the row's attributes in `spans`.
    spans: u32,
    attributes: u16,
    /// The interned status name.
    status: u16,
    enabled: bool,
    created: Option<DateTime<Utc>>,
    modified: Option<DateTime<Utc>>,
}

/// One attribute of a row: its interned name and the length of its value in `text`.
#[derive(Debug, Clone, Copy)]
struct Span {
    name: u16,
    len: u32,
}

/// Every user loaded for the current search, in the order their pages came.
#[derive(Debug, Clone, Default)]
pub struct UserStore {
    rows: Vec<Row>,
    spans: Vec<Span>,
    text: String,
    lower: String,
    /// Attribute names and statuses, each stored once.
    names: Vec<Box<str>>,
    /// Each row's lowercase text, for the refine. A replaced row's old text stays in the
    /// buffers unused: users change one at a time, a few bytes each.
    searched: Searched,
}

impl UserStore {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Forgets every user.
    pub fn clear(&mut self) {
        self.rows.clear();
        self.spans.clear();
        self.text.clear();
        self.lower.clear();
        self.searched.clear();
    }

    /// Adds `user` after the others.
    pub fn push(&mut self, user: &User) {
        let (row, (start, in_lower)) = self.store(user);
        self.rows.push(row);
        let text = if in_lower { &self.lower } else { &self.text };
        self.searched
            .push(start, &text.as_bytes()[start as usize..], in_lower);
    }

    /// The user of row `i`, whole.
    ///
    /// # Panics
    /// When there is no row `i`.
    pub fn get(&self, i: usize) -> User {
        let row = &self.rows[i];
        let mut values = self.values(row);
        let username = values.next().unwrap_or_default().to_owned();
        let attributes = self
            .spans(row)
            .iter()
            .zip(values)
            .map(|(span, value)| Attribute {
                name: self.names[usize::from(span.name)].to_string(),
                value: value.to_owned(),
            })
            .collect();
        User {
            username,
            attributes,
            status: self.status(i),
            enabled: row.enabled,
            created: row.created,
            modified: row.modified,
        }
    }

    /// The username of row `i`.
    ///
    /// # Panics
    /// When there is no row `i`.
    pub fn username(&self, i: usize) -> &str {
        self.values(&self.rows[i]).next().unwrap_or_default()
    }

    /// The status of row `i`.
    pub fn status(&self, i: usize) -> UserStatus {
        UserStatus::from_api(self.status_name(i))
    }

    /// The status of row `i` as Cognito names it (`CONFIRMED`).
    pub fn status_name(&self, i: usize) -> &str {
        &self.names[usize::from(self.rows[i].status)]
    }

    /// Whether the user of row `i` is enabled.
    pub fn enabled(&self, i: usize) -> bool {
        self.rows[i].enabled
    }

    /// When the user of row `i` was created.
    pub fn created(&self, i: usize) -> Option<DateTime<Utc>> {
        self.rows[i].created
    }

    /// When the user of row `i` last changed.
    pub fn modified(&self, i: usize) -> Option<DateTime<Utc>> {
        self.rows[i].modified
    }

    /// The value of attribute `name` of row `i` (the username for `username`), in lower case.
    pub fn lower_value(&self, i: usize, name: &str) -> Option<&str> {
        let row = &self.rows[i];
        // Lowercasing may change a value's length but never its `\0`s: the values are found
        // by counting them.
        let mut values = self.searched(i).split(SEP);
        let username = values.next();
        if name == "username" {
            return username;
        }
        let at = self
            .spans(row)
            .iter()
            .position(|span| *self.names[usize::from(span.name)] == *name)?;
        values.nth(at)
    }

    /// The row of the user named `username`.
    pub fn position(&self, username: &str) -> Option<usize> {
        (0..self.len()).find(|&i| self.username(i) == username)
    }

    /// Row `i` becomes `user`.
    pub fn replace(&mut self, i: usize, user: &User) {
        let (row, (start, in_lower)) = self.store(user);
        self.rows[i] = row;
        let text = if in_lower { &self.lower } else { &self.text };
        self.searched
            .set(i, start, &text.as_bytes()[start as usize..], in_lower);
    }

    /// Removes row `i`; the rows after it move up one.
    pub fn remove(&mut self, i: usize) {
        self.rows.remove(i);
        self.searched.remove(i);
    }

    /// Whether row `i` is kept by `needle`.
    pub fn matches(&self, i: usize, needle: &Needle) -> bool {
        let row = &self.rows[i];
        match needle {
            Needle::All => true,
            Needle::Nothing => false,
            Needle::Dated(dated) => dated.keeps(row.created, row.modified),
            Needle::Anywhere(finder) => finder.find(self.searched(i).as_bytes()).is_some(),
            Needle::Attribute { name, text } => {
                let mut values = self.values(row);
                let username = values.next().unwrap_or_default();
                let value = if name == "username" {
                    Some(username)
                } else {
                    self.spans(row)
                        .iter()
                        .zip(values)
                        .find(|(span, _)| *self.names[usize::from(span.name)] == **name)
                        .map(|(_, v)| v)
                };
                value.is_some_and(|v| v.to_lowercase().contains(text.as_str()))
            }
        }
    }

    /// Which rows `needle` keeps, one flag a row.
    pub fn matching(&mut self, needle: &Needle) -> Vec<bool> {
        match needle {
            Needle::Anywhere(finder) => {
                let mut kept = vec![false; self.len()];
                for r in self.searched.find(None, finder, &self.text, &self.lower) {
                    kept[r] = true;
                }
                kept
            }
            _ => (0..self.len()).map(|i| self.matches(i, needle)).collect(),
        }
    }

    /// Keeps of the rows `view` those `needle` keeps, in their order.
    pub fn keep_matching(&mut self, view: &mut Vec<usize>, needle: &Needle) {
        match needle {
            Needle::Anywhere(finder) => {
                // The rows found are some of the view's, in its order.
                let found = self
                    .searched
                    .find(Some(view), finder, &self.text, &self.lower);
                view.clear();
                view.extend(found);
            }
            _ => view.retain(|&i| self.matches(i, needle)),
        }
    }

    /// Writes `user`'s text into the buffers: its row, and where its searched text starts and
    /// whether in the lowercase buffer.
    fn store(&mut self, user: &User) -> (Row, (u32, bool)) {
        let text = offset(self.text.len());
        let spans = offset(self.spans.len());
        self.text.push_str(&user.username);
        for a in &user.attributes {
            self.text.push(SEP);
            self.text.push_str(&a.value);
            let name = self.intern(&a.name);
            self.spans.push(Span {
                name,
                len: offset(a.value.len()),
            });
        }
        let written = &self.text[text as usize..];
        let lowercase = written.to_lowercase();
        let searched = if lowercase == written {
            (text, false)
        } else {
            let at = offset(self.lower.len());
            self.lower.push_str(&lowercase);
            (at, true)
        };
        let row = Row {
            text,
            text_len: offset(self.text.len()) - text,
            spans,
            attributes: u16::try_from(user.attributes.len()).unwrap_or(u16::MAX),
            status: self.intern(user.status.as_api()),
            enabled: user.enabled,
            created: user.created,
            modified: user.modified,
        };
        (row, searched)
    }

    fn intern(&mut self, name: &str) -> u16 {
        let at = self
            .names
            .iter()
            .position(|n| **n == *name)
            .unwrap_or_else(|| {
                self.names.push(name.into());
                self.names.len() - 1
            });
        u16::try_from(at).unwrap_or(u16::MAX)
    }

    fn spans<'a>(&'a self, row: &Row) -> &'a [Span] {
        let start = row.spans as usize;
        &self.spans[start..start + usize::from(row.attributes)]
    }

    /// The username, then each attribute value, of `row`.
    fn values<'a>(&'a self, row: &Row) -> impl Iterator<Item = &'a str> + 'a {
        let text = &self.text[row.text as usize..end((row.text, row.text_len))];
        let spans = self.spans(row);
        let mut at = text.len() - spans.iter().map(|s| s.len as usize + 1).sum::<usize>();
        std::iter::once(&text[..at]).chain(spans.iter().map(move |s| {
            let value = &text[at + 1..at + 1 + s.len as usize];
            at += 1 + s.len as usize;
            value
        }))
    }

    /// The lowercase text the refine searches for row `i`.
    fn searched(&self, i: usize) -> &str {
        self.searched.text(i, &self.text, &self.lower)
    }
}

fn end((start, len): (u32, u32)) -> usize {
    (start + len) as usize
}

/// Buffer offsets are 32 bits: four gigabytes of user text is far beyond a million users.
fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("user text beyond 4 GiB")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, attributes: &[(&str, &str)]) -> User {
        User {
            username: name.into(),
            attributes: attributes
                .iter()
                .map(|(n, v)| Attribute {
                    name: (*n).into(),
                    value: (*v).into(),
                })
                .collect(),
            status: UserStatus::Confirmed,
            enabled: true,
            created: DateTime::from_timestamp(1_700_000_000, 5),
            modified: None,
        }
    }

    fn sample() -> Vec<User> {
        vec![
            user(
                "ann",
                &[("email", "ann@example.com"), ("name", "Ann Garcia")],
            ),
            user(
                "bob",
                &[("email", "bob@example.com"), ("custom:tier", "gold")],
            ),
            user("Zoë", &[("email", "ZOE@EXAMPLE.COM"), ("name", "")]),
            user("dan", &[]),
        ]
    }

    fn store(users: &[User]) -> UserStore {
        let mut s = UserStore::default();
        for u in users {
            s.push(u);
        }
        s
    }

    #[test]
    fn users_come_back_as_they_went_in() {
        let users = sample();
        let s = store(&users);
        assert_eq!((0..s.len()).map(|i| s.get(i)).collect::<Vec<_>>(), users);
        assert_eq!(s.username(2), "Zoë");
        assert_eq!(s.position("dan"), Some(3));
        assert_eq!(s.position("nobody"), None);
    }

    #[test]
    fn one_pass_search_keeps_what_a_row_by_row_search_keeps() {
        let mut s = store(&sample());
        for refine in [
            "",
            "a",
            "ann",
            "ANN G",
            "example.com",
            "zoë",
            "zoe@",
            "n\0b",
            "old",
            "m\0b",
        ] {
            let needle = Needle::new(refine);
            let by_row: Vec<bool> = (0..s.len()).map(|i| s.matches(i, &needle)).collect();
            assert_eq!(s.matching(&needle), by_row, "{refine:?}");
        }
        let kept = |s: &mut UserStore, refine| s.matching(&Needle::new(refine));
        assert_eq!(kept(&mut s, "ann"), [true, false, false, false]);
        assert_eq!(kept(&mut s, "zoë"), [false, false, true, false]);
        // Never across two values: "com\0ann" is not a value.
        assert_eq!(kept(&mut s, "comann"), [false; 4]);
        assert_eq!(kept(&mut s, "custom:tier=GOL"), [false, true, false, false]);
        assert_eq!(kept(&mut s, "username=zo"), [false, false, true, false]);
        assert_eq!(kept(&mut s, "name=garcia"), [true, false, false, false]);
    }

    #[test]
    fn a_large_store_searched_in_parts_keeps_what_a_row_by_row_search_keeps() {
        let mut s = UserStore::default();
        for i in 0..super::super::search::PARALLEL_ABOVE + 1_001 {
            let name = if i % 7 == 0 { "Ann GARCIA" } else { "bob" };
            s.push(&user(
                &format!("u{i}"),
                &[("name", name), ("email", "x@example.com")],
            ));
        }
        for refine in ["garcia", "u5000", "example", "nobody"] {
            let needle = Needle::new(refine);
            let by_row: Vec<bool> = (0..s.len()).map(|i| s.matches(i, &needle)).collect();
            assert_eq!(s.matching(&needle), by_row, "{refine}");
            let mut view: Vec<usize> = (0..s.len()).rev().collect();
            s.keep_matching(&mut view, &needle);
            let expected: Vec<usize> = (0..s.len()).rev().filter(|&i| by_row[i]).collect();
            assert_eq!(view, expected, "{refine}");
        }
        // Typed key by key, each search starting from what the last one found in its parts.
        let mut view: Vec<usize> = (0..s.len()).collect();
        for typed in ["a", "an", "ann", "ann ", "ann g", "ann ga", "u1", "u10"] {
            let needle = Needle::new(typed);
            s.keep_matching(&mut view, &needle);
            let by_row: Vec<usize> = (0..s.len()).filter(|&i| s.matches(i, &needle)).collect();
            assert_eq!(view, by_row, "{typed}");
            if typed == "ann ga" {
                view = (0..s.len()).collect();
            }
        }
        // Typed on, then taken back key by key: each shorter refine keeps the rows the longer
        // one found in its parts and searches the rest.
        for refine in ["ann ga", "ann g", "ann ", "an", "u5000", "u500", "u5"] {
            let needle = Needle::new(refine);
            let by_row: Vec<bool> = (0..s.len()).map(|i| s.matches(i, &needle)).collect();
            assert_eq!(s.matching(&needle), by_row, "{refine}");
        }
    }

    #[test]
    fn replaced_and_removed_rows_are_searched_as_they_are_now() {
        let mut s = store(&sample());
        s.replace(0, &user("ann", &[("email", "ann@other.org")]));
        s.remove(1);
        assert_eq!(s.len(), 3);
        assert_eq!(s.get(0).email(), Some("ann@other.org"));
        assert_eq!(s.matching(&Needle::new("example")), [false, true, false]);
        assert_eq!(s.matching(&Needle::new("other")), [true, false, false]);
        assert_eq!(s.get(1).username, "Zoë");
    }
}
