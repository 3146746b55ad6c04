//! The refine's index over the store's text: for each row, where its lowercase text is and
//! which bytes it holds; and what the last plain-text search found.
//!
//! A keystroke costs what it touches, and on a large pool that is memory, not comparisons.
//! - The bytes a row holds are summed up in one word a row, so rows that cannot hold the
//!   needle are passed over without reading their text; a needle of one letter or digit is
//!   answered by those words alone.
//! - Typing on (`garci` -> `garcia`) only lengthens the needle, and the new one can first occur
//!   no earlier than where the old one did, less what was typed before it. The last search
//!   kept, for each row it found, where and the bytes from there on, side by side in the order
//!   searched: most rows are then settled by comparing those bytes, without reading their text.
//! - Taking a key back (`garcia` -> `garci`) only shortens the needle: every row the last search
//!   found holds the new one too, and is kept without reading its text.

use memchr::memmem::Finder;

/// Set in `Entry::end` when the row's text is searched in the lowercase buffer.
const IN_LOWER: u32 = 1 << 31;
/// How many bytes from each hit the last search keeps.
const WINDOW: usize = size_of::<u128>();
/// A row the last search did not find.
const NOT_FOUND: u32 = u32::MAX;
/// Where a hit is when its row was kept without reading it (the last search's needle, which
/// holds this one, was found there): somewhere in the row.
const ANYWHERE: u32 = u32::MAX;
/// Where a row is in `Last::parts`: the part in the top bits, the row in the part below.
const PART_SHIFT: u32 = 28;

fn place(part: usize, j: usize) -> u32 {
    offset(part) << PART_SHIFT | offset(j)
}

fn unplace(at: u32) -> (usize, usize) {
    (
        (at >> PART_SHIFT) as usize,
        (at & ((1 << PART_SHIFT) - 1)) as usize,
    )
}

/// Below this many rows a search is not worth splitting.
pub(super) const PARALLEL_ABOVE: usize = 50_000;

/// Where one row's searched text is.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: u32,
    /// Where the text ends, with `IN_LOWER` set for the lowercase buffer.
    end: u32,
}

/// Where a needle first occurs in a row, and the row's bytes from there (zeros past its end:
/// a needle never holds a zero).
#[derive(Debug, Clone, Copy)]
struct Hit {
    at: u32,
    window: [u8; WINDOW],
}

/// What a search found: its needle, and the rows it found in the order searched (part after
/// part, as the parts searched side by side found them), each with its hit when it read them
/// (not when their masks alone answered).
#[derive(Debug, Clone, Default)]
struct Last {
    needle: Vec<u8>,
    read: bool,
    parts: Vec<Found>,
    /// One bit a row: whether it is in `parts`.
    found: Vec<u64>,
}

impl Last {
    fn has(&self, row: usize) -> bool {
        self.found
            .get(row / 64)
            .is_some_and(|bits| bits & 1 << (row % 64) != 0)
    }
}

/// The index, row by row in step with the store's rows.
#[derive(Debug, Default)]
pub(super) struct Searched {
    entries: Vec<Entry>,
    /// The bytes each row holds, one bit per class of byte (`mask`).
    masks: Vec<u64>,
    last: Last,
    /// Buffers kept from one search to the next, since a fresh large buffer costs more to
    /// fault in than the search itself: the search before last, and each row's place in the
    /// last one.
    spare: Last,
    prior: Vec<u32>,
}

/// What one part of a search found.
#[derive(Debug, Clone, Default)]
struct Found {
    rows: Vec<u32>,
    hits: Vec<Hit>,
}

/// A copy (the doctor's, for the worker) takes the index but not what the last searches found:
/// the copy is never refined.
impl Clone for Searched {
    fn clone(&self) -> Self {
        Self {
            entries: self.entries.clone(),
            masks: self.masks.clone(),
            ..Self::default()
        }
    }
}

impl Searched {
    pub fn clear(&mut self) {
        self.entries.clear();
        self.masks.clear();
        self.forget_last();
    }

    /// Indexes a new last row, whose searched text is `start..start + text.len()` in the text
    /// buffer or, with `in_lower`, the lowercase one.
    pub fn push(&mut self, start: u32, text: &[u8], in_lower: bool) {
        self.entries.push(entry(start, text, in_lower));
        self.masks.push(mask(text));
    }

    /// Row `i`'s text is now `text`, at `start`.
    pub fn set(&mut self, i: usize, start: u32, text: &[u8], in_lower: bool) {
        self.entries[i] = entry(start, text, in_lower);
        self.masks[i] = mask(text);
        self.forget_last();
    }

    pub fn remove(&mut self, i: usize) {
        self.entries.remove(i);
        self.masks.remove(i);
        self.forget_last();
    }

    /// Rows changed: what the last search found no longer says where to look.
    fn forget_last(&mut self) {
        self.last.read = false;
        self.last.needle.clear();
    }

    /// Row `i`'s searched text, out of the store's two buffers.
    pub fn text<'a>(&self, i: usize, text: &'a str, lower: &'a str) -> &'a str {
        let (in_lower, range) = self.span(i);
        if in_lower {
            &lower[range]
        } else {
            &text[range]
        }
    }

    /// Row `i`'s searched text as bytes. Slicing bytes reads neither end of the text, as
    /// slicing a `str` does to check they are character boundaries: the end is a cache line
    /// of its own, which on a large pool is a wait on memory a row.
    fn bytes<'a>(&self, i: usize, (text, lower): (&'a [u8], &'a [u8])) -> &'a [u8] {
        let (in_lower, range) = self.span(i);
        if in_lower {
            &lower[range]
        } else {
            &text[range]
        }
    }

    /// Whether row `i`'s searched text is in the lowercase buffer, and where.
    fn span(&self, i: usize) -> (bool, std::ops::Range<usize>) {
        let e = self.entries[i];
        (
            e.end & IN_LOWER != 0,
            e.start as usize..(e.end & !IN_LOWER) as usize,
        )
    }

    /// The rows (of `among`, or of every row) that hold `finder`'s needle, in the order
    /// searched.
    pub fn find<'s>(
        &'s mut self,
        among: Option<&[usize]>,
        finder: &Finder<'_>,
        text: &str,
        lower: &str,
    ) -> impl Iterator<Item = usize> + use<'s> {
        let needle = finder.needle();
        let len = among.map_or(self.entries.len(), <[usize]>::len);
        let row = |k: usize| among.map_or(k, |among| among[k]);
        // Where the last needle is inside this one: this one first occurs at most that far
        // before where the last one did, in each row the last search found.
        let before = memchr::memmem::find(needle, &self.last.needle).filter(|_| self.last.read);
        let mut prior = std::mem::take(&mut self.prior);
        prior.clear();
        if before.is_some() {
            self.pair(len, row, &mut prior);
        }
        let widening = before.is_none()
            && !self.last.needle.is_empty()
            && memchr::memmem::find(&self.last.needle, needle).is_some();
        let by_mask = needle.len() == 1 && needle[0].is_ascii_alphanumeric();
        let mut next = std::mem::take(&mut self.spare);
        let search = Search {
            index: self,
            finder,
            wanted: mask(needle),
            by_mask,
            head: head(needle),
            widening,
            before: before.unwrap_or(0),
            buffers: (text.as_bytes(), lower.as_bytes()),
        };
        // A search settled by masks alone runs faster on one thread.
        let parts = if by_mask { 0 } else { len };
        in_parallel(parts, len, &mut next.parts, |part, out| {
            out.rows.clear();
            out.hits.clear();
            for k in part {
                let r = row(k);
                let last = prior.get(k).copied().filter(|&j| j != NOT_FOUND);
                if let Some(hit) = search.hit(r, last) {
                    out.rows.push(offset(r));
                    if !by_mask {
                        out.hits.push(hit);
                    }
                }
            }
        });
        next.needle.clear();
        next.needle.extend_from_slice(needle);
        next.read = !by_mask;
        next.found.clear();
        next.found.resize(self.entries.len().div_ceil(64), 0);
        for part in &next.parts {
            for &r in &part.rows {
                next.found[r as usize / 64] |= 1 << (r % 64);
            }
        }
        self.spare = std::mem::replace(&mut self.last, next);
        self.prior = prior;
        self.last
            .parts
            .iter()
            .flat_map(|part| part.rows.iter().map(|&r| r as usize))
    }

    /// For each of the `len` rows searched now, its place in what the last search found
    /// (`place`), or `NOT_FOUND`. Both are in the table's order, so one walk forward pairs
    /// them; a row out of that order is searched as if new.
    fn pair(&self, len: usize, row: impl Fn(usize) -> usize, prior: &mut Vec<u32>) {
        let last = &self.last;
        let (mut p, mut j) = (0, 0);
        prior.extend((0..len).map(|k| {
            let r = row(k);
            if !last.has(r) {
                return NOT_FOUND;
            }
            while let Some(part) = last.parts.get(p) {
                match part.rows.get(j) {
                    Some(&f) if f as usize == r => return place(p, j),
                    Some(_) => j += 1,
                    None => (p, j) = (p + 1, 0),
                }
            }
            NOT_FOUND
        }));
    }
}

/// One search, shared by the parts that run side by side.
struct Search<'a> {
    index: &'a Searched,
    finder: &'a Finder<'a>,
    /// The needle's bytes, as `mask` sums them up.
    wanted: u64,
    /// Whether a row's mask alone says if it holds the needle.
    by_mask: bool,
    /// The needle's first `WINDOW` bytes as one number, and which of its bits they take: a
    /// hit's window starts with the needle when it agrees on those bits.
    head: (u128, u128),
    /// Whether this needle is inside the last search's: each row that search found holds it.
    widening: bool,
    /// Where the last search's needle is in this one (used with a prior hit only).
    before: usize,
    buffers: (&'a [u8], &'a [u8]),
}

impl Search<'_> {
    /// Where the needle first occurs in row `i`, given where the last needle did (`last`, a
    /// place in `Last`), or `None`. A row found by its mask alone has an empty hit, and one
    /// kept from the last search without reading it a hit `ANYWHERE`.
    fn hit(&self, i: usize, last: Option<u32>) -> Option<Hit> {
        let needle = self.finder.needle();
        let last = last
            .map(|at| {
                let (p, j) = unplace(at);
                self.index.last.parts[p].hits[j]
            })
            .filter(|h| h.at != ANYWHERE);
        let from = match last {
            Some(h) if self.before == 0 && needle.len() <= WINDOW => {
                if (u128::from_le_bytes(h.window) ^ self.head.0) & self.head.1 == 0 {
                    return Some(h);
                }
                h.at as usize + 1
            }
            Some(h) => (h.at as usize).saturating_sub(self.before),
            None => {
                if self.widening && self.index.last.has(i) {
                    return Some(Hit {
                        at: ANYWHERE,
                        window: [0; WINDOW],
                    });
                }
                if self.index.masks[i] & self.wanted != self.wanted {
                    return None;
                }
                if self.by_mask {
                    return Some(Hit {
                        at: 0,
                        window: [0; WINDOW],
                    });
                }
                0
            }
        };
        let hay = self.index.bytes(i, self.buffers);
        let rest = hay.get(from..)?;
        let at = from + self.finder.find(rest)?;
        let mut window = [0; WINDOW];
        let bytes = &hay[at..hay.len().min(at + WINDOW)];
        window[..bytes.len()].copy_from_slice(bytes);
        Some(Hit {
            at: offset(at),
            window,
        })
    }
}

/// `Search::head` for `needle`.
fn head(needle: &[u8]) -> (u128, u128) {
    let mut window = [0; WINDOW];
    let len = needle.len().min(WINDOW);
    window[..len].copy_from_slice(&needle[..len]);
    let bits = if len == WINDOW {
        u128::MAX
    } else {
        (1 << (8 * len)) - 1
    };
    (u128::from_le_bytes(window), bits)
}

fn entry(start: u32, text: &[u8], in_lower: bool) -> Entry {
    let end = start + offset(text.len());
    assert!(end < IN_LOWER, "user text beyond 2 GiB");
    Entry {
        start,
        end: if in_lower { end | IN_LOWER } else { end },
    }
}

/// The bytes `text` holds, one bit for each letter and digit and the rest folded into the
/// remaining bits: a row holds a needle only if its mask has every bit of the needle's.
fn mask(text: &[u8]) -> u64 {
    text.iter().fold(0, |m, &b| {
        let class = match b {
            b'a'..=b'z' => b - b'a',
            b'0'..=b'9' => 26 + b - b'0',
            _ => 36 + b % 28,
        };
        m | 1 << class
    })
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("user text beyond 4 GiB")
}

/// `work` over `0..len` in as many parts as there are cores (one when `reading` is small),
/// each writing into its own of `outs`, in order. Parts `outs` holds beyond those are emptied
/// but kept, with what they allocated, for the next search.
fn in_parallel(
    reading: usize,
    len: usize,
    outs: &mut Vec<Found>,
    work: impl Fn(std::ops::Range<usize>, &mut Found) + Sync,
) {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let parts = if reading > PARALLEL_ABOVE {
        cores.min(8)
    } else {
        1
    };
    if outs.len() < parts {
        outs.resize_with(parts, Found::default);
    }
    let (used, unused) = outs.split_at_mut(parts);
    for out in unused {
        out.rows.clear();
        out.hits.clear();
    }
    let size = len.div_ceil(parts);
    let (first, rest) = used.split_first_mut().expect("one part at least");
    std::thread::scope(|scope| {
        for (p, out) in (1..).zip(rest) {
            let work = &work;
            // Each part fills its own copy: the parts' `Found`s sit side by side, and every
            // row pushed would otherwise pass their shared cache line between the cores.
            scope.spawn(move || {
                let mut own = std::mem::take(out);
                work(p * size..((p + 1) * size).min(len), &mut own);
                *out = own;
            });
        }
        // The first part runs on this thread. Started on a thread of its own, it could be
        // placed on the core running another part, and wait for it while this one idles.
        work(0..size.min(len), first);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(rows: &[&str]) -> (Searched, String) {
        let mut s = Searched::default();
        let mut text = String::new();
        for row in rows {
            s.push(offset(text.len()), row.as_bytes(), false);
            text.push_str(row);
        }
        (s, text)
    }

    fn find(s: &mut Searched, text: &str, among: Option<&[usize]>, needle: &str) -> Vec<bool> {
        let found: Vec<usize> = s
            .find(among, &Finder::new(needle.as_bytes()), text, "")
            .collect();
        let rows = among.map_or_else(|| (0..s.entries.len()).collect(), <[usize]>::to_vec);
        rows.iter().map(|r| found.contains(r)).collect()
    }

    #[test]
    fn typing_on_finds_what_a_fresh_search_finds() {
        let rows = [
            "garbage garcia",
            "gar",
            "ngarcia",
            "xgarcix garcia",
            "cia",
            "agarcia",
        ];
        let (mut s, text) = index(&rows);
        let all: Vec<usize> = (0..rows.len()).collect();
        for typed in ["g", "ga", "gar", "garc", "garci", "garcia", "agarcia"] {
            let expected: Vec<bool> = rows.iter().map(|r| r.contains(typed)).collect();
            assert_eq!(find(&mut s, &text, Some(&all), typed), expected, "{typed}");
        }
        // Typed before what was there: "arcia" then "garcia".
        for typed in ["arcia", "garcia", "xgarci"] {
            let expected: Vec<bool> = rows.iter().map(|r| r.contains(typed)).collect();
            assert_eq!(find(&mut s, &text, None, typed), expected, "{typed}");
        }
    }

    #[test]
    fn a_key_taken_back_keeps_what_was_found_and_typing_on_finds_the_first_place() {
        // In row 0 `garci` first occurs before the `garcia` found: the row is kept without
        // knowing where, and typing on after Backspace searches it from its start.
        let rows = ["garci-x garcia", "garcix", "smith", "agarcia"];
        let (mut s, text) = index(&rows);
        for typed in [
            "g", "ga", "garcia", "garci", "garci-", "garci", "garcix", "arci",
        ] {
            let expected: Vec<bool> = rows.iter().map(|r| r.contains(typed)).collect();
            assert_eq!(find(&mut s, &text, None, typed), expected, "{typed}");
        }
    }

    #[test]
    fn a_row_left_out_of_a_search_is_searched_whole_next_time() {
        let (mut s, text) = index(&["abc", "xbc", "bcd"]);
        assert_eq!(find(&mut s, &text, Some(&[0]), "b"), [true]);
        // Rows 1 and 2 were not searched for "b": not being found does not rule them out.
        assert_eq!(find(&mut s, &text, None, "bc"), [true, true, true]);
        // In another order than the last search's: each row is still answered right.
        assert_eq!(
            find(&mut s, &text, Some(&[2, 1, 0]), "bcd"),
            [true, false, false]
        );
    }

    #[test]
    fn any_typing_in_any_order_finds_what_contains_finds() {
        // Rows and needles over three letters, so needles recur in rows and in each other.
        let mut seed = 7_u64;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from((seed >> 33) % n).unwrap()
        };
        let letters = |len: usize, next: &mut dyn FnMut(u64) -> usize| -> String {
            (0..len)
                .map(|_| char::from(b'a' + u8::try_from(next(3)).unwrap()))
                .collect()
        };
        let rows: Vec<String> = (0..300).map(|_| letters(1 + next(30), &mut next)).collect();
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let (mut s, text) = index(&refs);
        let mut typed = String::new();
        let mut found = Vec::new();
        for _ in 0..400 {
            match next(6) {
                0 => typed = letters(1 + next(3), &mut next),
                1 => typed.insert_str(0, &letters(1 + next(2), &mut next)),
                // Backspace, or a key taken back at the front.
                2 if typed.len() > 1 => drop(typed.pop()),
                3 if typed.len() > 1 => drop(typed.remove(0)),
                _ => typed.push_str(&letters(1, &mut next)),
            }
            if typed.len() > 20 {
                typed = letters(1, &mut next);
            }
            // Some rows in any order, or (as the refine's view) the rows the last search found.
            let mut among: Vec<usize> = (0..rows.len()).filter(|_| next(4) != 0).collect();
            match next(5) {
                0 => among.reverse(),
                1 | 2 => among.clone_from(&found),
                _ => {}
            }
            let expected: Vec<bool> = among.iter().map(|&r| rows[r].contains(&typed)).collect();
            assert_eq!(
                find(&mut s, &text, Some(&among), &typed),
                expected,
                "{typed}"
            );
            found = among
                .into_iter()
                .zip(expected)
                .filter(|f| f.1)
                .map(|f| f.0)
                .collect();
        }
    }

    #[test]
    fn a_changed_row_is_searched_whole() {
        let (mut s, mut text) = index(&["abc", "xyz"]);
        assert_eq!(find(&mut s, &text, None, "b"), [true, false]);
        s.set(1, offset(text.len()), b"xbz", false);
        text.push_str("xbz");
        assert_eq!(find(&mut s, &text, None, "bz"), [false, true]);
    }

    #[test]
    fn the_mask_never_leaves_out_a_row_holding_the_needle() {
        let rows = ["Zoë@例え.jp", "+1 (555) 010-0199", "a_b-c.d"];
        let (mut s, text) = index(&rows);
        for needle in ["ë", "例え", "(555)", "_b-", ".", "zz"] {
            let expected: Vec<bool> = rows.iter().map(|r| r.contains(needle)).collect();
            assert_eq!(find(&mut s, &text, None, needle), expected, "{needle}");
        }
    }
}
