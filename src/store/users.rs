//! The loaded users, compact enough for a million, with the refine's index.
//!
//! Every user's text (username, then each attribute value) lives in one shared buffer, and the
//! attribute names and statuses are interned, so a loaded user costs one small fixed-size row
//! and its text, with no allocation of its own. A row whose text is not all lower case also has
//! its lowercase in a second buffer; the refine searches both buffers once per keystroke with a
//! SIMD substring search instead of lowercasing every value on every key.
//!
//! Values are separated by `\0` in the buffers, so a search never matches across two values
//! (a search containing `\0` matches nothing).

use chrono::{DateTime, Utc};
use memchr::memmem::Finder;

use super::needle::{Needle, SEP};
use crate::cognito::model::{Attribute, User, UserStatus};

/// One loaded user: where its text is, and the rest in a few bytes.
#[derive(Debug, Clone, Copy)]
struct Row {
    /// Start and length of `username\0value\0value…` in `text`.
    text: u32,
    text_len: u32,
    /// Start and length of the same, lowercased, in `lower`; `NONE` when `text` is already
    /// lower case.
    lower: u32,
    lower_len: u32,
    /// The first of the row's attributes in `spans`.
    spans: u32,
    attributes: u16,
    /// The interned status name.
    status: u16,
    enabled: bool,
    created: Option<DateTime<Utc>>,
    modified: Option<DateTime<Utc>>,
}

const NONE: u32 = u32::MAX;

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
    /// Where each row's searched text ends, and the row, for the rows searched in `text` and
    /// those searched in `lower`, in buffer order: a search walks these few bytes a row
    /// rather than the rows themselves.
    text_ends: Vec<(u32, u32)>,
    lower_ends: Vec<(u32, u32)>,
    /// Whether rows were replaced or removed since the buffers were last packed: their old
    /// text is still in the buffers, and the buffers are no longer in row order.
    dirty: bool,
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
        self.text_ends.clear();
        self.lower_ends.clear();
        self.dirty = false;
    }

    /// Adds `user` after the others.
    pub fn push(&mut self, user: &User) {
        let row = self.store(user);
        let at = offset(self.rows.len());
        if row.lower == NONE {
            self.text_ends.push((row.text + row.text_len, at));
        } else {
            self.lower_ends.push((row.lower + row.lower_len, at));
        }
        self.rows.push(row);
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
        let mut values = self.searched(row).split(SEP);
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
        self.rows[i] = self.store(user);
        self.dirty = true;
    }

    /// Removes row `i`; the rows after it move up one.
    pub fn remove(&mut self, i: usize) {
        self.rows.remove(i);
        self.dirty = true;
    }

    /// Whether row `i` is kept by `needle`.
    pub fn matches(&self, i: usize, needle: &Needle) -> bool {
        let row = &self.rows[i];
        match needle {
            Needle::All => true,
            Needle::Nothing => false,
            Needle::Dated(dated) => dated.keeps(row.created, row.modified),
            Needle::Anywhere(finder) => finder.find(self.searched(row).as_bytes()).is_some(),
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

    /// Which rows `needle` keeps, one flag a row. Plain text is found by one pass over each
    /// buffer rather than a search a row; a large store is searched in parts side by side.
    pub fn matching(&mut self, needle: &Needle) -> Vec<bool> {
        let Needle::Anywhere(finder) = needle else {
            return (0..self.len()).map(|i| self.matches(i, needle)).collect();
        };
        self.pack();
        let this = &*self;
        in_parallel(self.len(), |part| {
            let mut kept = vec![false; part.len()];
            let text = |r: &Row| r.text;
            let ends = within(&this.text_ends, &part);
            scan(
                &this.text,
                finder,
                ends,
                |i| text(&this.rows[i]),
                &mut kept,
                part.start,
            );
            let lower = |r: &Row| r.lower;
            let ends = within(&this.lower_ends, &part);
            scan(
                &this.lower,
                finder,
                ends,
                |i| lower(&this.rows[i]),
                &mut kept,
                part.start,
            );
            kept
        })
    }

    /// Which of the rows `among` `needle` keeps, one flag each, searched in parts side by side.
    pub fn matching_among(&self, among: &[usize], needle: &Needle) -> Vec<bool> {
        in_parallel(among.len(), |part| {
            among[part]
                .iter()
                .map(|&i| self.matches(i, needle))
                .collect()
        })
    }

    /// Rewrites the buffers in row order without the text of replaced or removed rows.
    /// The bytes are copied as they are (nothing is lowercased or rebuilt again).
    fn pack(&mut self) {
        if !self.dirty {
            return;
        }
        let (old_text, old_lower, old_spans) = (
            std::mem::take(&mut self.text),
            std::mem::take(&mut self.lower),
            std::mem::take(&mut self.spans),
        );
        self.text_ends.clear();
        self.lower_ends.clear();
        for (i, row) in self.rows.iter_mut().enumerate() {
            let copy = |to: &mut String, from: &str, start: u32, len: u32| {
                let at = offset(to.len());
                to.push_str(&from[start as usize..end((start, len))]);
                at
            };
            row.text = copy(&mut self.text, &old_text, row.text, row.text_len);
            let spans = row.spans as usize;
            let at = offset(self.spans.len());
            self.spans
                .extend_from_slice(&old_spans[spans..spans + usize::from(row.attributes)]);
            row.spans = at;
            if row.lower == NONE {
                self.text_ends.push((row.text + row.text_len, offset(i)));
            } else {
                row.lower = copy(&mut self.lower, &old_lower, row.lower, row.lower_len);
                self.lower_ends.push((row.lower + row.lower_len, offset(i)));
            }
        }
        self.dirty = false;
    }

    fn store(&mut self, user: &User) -> Row {
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
        let (lower, lower_len) = if lowercase == written {
            (NONE, 0)
        } else {
            let at = offset(self.lower.len());
            self.lower.push_str(&lowercase);
            (at, offset(lowercase.len()))
        };
        Row {
            text,
            text_len: offset(self.text.len()) - text,
            lower,
            lower_len,
            spans,
            attributes: u16::try_from(user.attributes.len()).unwrap_or(u16::MAX),
            status: self.intern(user.status.as_api()),
            enabled: user.enabled,
            created: user.created,
            modified: user.modified,
        }
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

    /// The lowercase text the refine searches for `row`.
    fn searched(&self, row: &Row) -> &str {
        if row.lower == NONE {
            &self.text[row.text as usize..(row.text + row.text_len) as usize]
        } else {
            &self.lower[row.lower as usize..(row.lower + row.lower_len) as usize]
        }
    }
}

/// Below this many rows a search is not worth splitting.
const PARALLEL_ABOVE: usize = 50_000;

/// `work` over `0..len` in as many parts as there are cores (one for a small `len`), the flags
/// put back together in order.
fn in_parallel(len: usize, work: impl Fn(std::ops::Range<usize>) -> Vec<bool> + Sync) -> Vec<bool> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let parts = if len > PARALLEL_ABOVE {
        cores.min(8)
    } else {
        1
    };
    if parts == 1 {
        return work(0..len);
    }
    let size = len.div_ceil(parts);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..len)
            .step_by(size)
            .map(|start| {
                let work = &work;
                scope.spawn(move || work(start..(start + size).min(len)))
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a search part panicked"))
            .collect()
    })
}

/// The entries of `ends` for the rows in `part` (the entries are in row order).
fn within<'a>(ends: &'a [(u32, u32)], part: &std::ops::Range<usize>) -> &'a [(u32, u32)] {
    let row = |e: &(u32, u32)| e.1 as usize;
    let first = ends.partition_point(|e| row(e) < part.start);
    let last = ends.partition_point(|e| row(e) < part.end);
    &ends[first..last]
}

/// Marks in `kept` (row `base` first) the rows of `ends` whose text in `buffer` contains what
/// `finder` looks for; `start` says where a row's text begins. The rows' text is in row order
/// in `buffer`, so the search runs once from the first of them to the last, each hit is placed
/// by walking forward through `ends`, and the search goes on after the row it hit.
fn scan(
    buffer: &str,
    finder: &Finder<'_>,
    ends: &[(u32, u32)],
    start: impl Fn(usize) -> u32,
    kept: &mut [bool],
    base: usize,
) {
    let (Some(&(_, first)), Some(&(last, _))) = (ends.first(), ends.last()) else {
        return;
    };
    let bytes = &buffer.as_bytes()[..last as usize];
    let mut from = start(first as usize) as usize;
    let mut at = 0;
    while let Some(hit) = finder.find(&bytes[from..]).map(|h| h + from) {
        // The row the hit is in: the first whose text ends after it.
        while at < ends.len() && ends[at].0 as usize <= hit {
            at += 1;
        }
        let Some(&(end, row)) = ends.get(at) else {
            break;
        };
        let row_start = start(row as usize) as usize;
        if hit < row_start {
            // In the text of a row searched in the other buffer.
            from = row_start;
            continue;
        }
        if hit + finder.needle().len() <= end as usize {
            kept[row as usize - base] = true;
        }
        from = end as usize;
        at += 1;
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
        for i in 0..PARALLEL_ABOVE + 1_001 {
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
            let among: Vec<usize> = (0..s.len()).rev().collect();
            let mut expected = by_row.clone();
            expected.reverse();
            assert_eq!(s.matching_among(&among, &needle), expected, "{refine}");
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
        assert!(!s.dirty, "searching packed the buffers");
        assert_eq!(s.get(1).username, "Zoë");
    }
}
