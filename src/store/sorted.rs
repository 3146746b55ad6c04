//! The user table's order: by one of its columns, ascending or descending. Each row's key is
//! read from the store once, then the rows are sorted on those keys; text compares without
//! case, numbers as numbers, and a row without a value comes last either way.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};

use super::UserStore;
use crate::config::columns::Column;

/// The table sorted by `column`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Sort {
    /// The mark after the column's title: "▲" ascending, "▼" descending.
    pub fn arrow(&self) -> &'static str {
        if self.descending { "▼" } else { "▲" }
    }

    /// The sort after `current` for `S`: the next of `columns` ascending, then none after the
    /// last.
    pub fn next(current: Option<&Self>, columns: &[Column]) -> Option<Self> {
        let at = current.map_or(0, |s| {
            columns
                .iter()
                .position(|c| *c == s.column)
                .map_or(0, |i| i + 1)
        });
        columns.get(at).map(|column| Self {
            column: column.clone(),
            descending: false,
        })
    }

    /// Sorts `rows` (rows of `store`), ties in row order.
    pub fn apply(&self, store: &UserStore, rows: &mut [usize]) {
        let mut keyed: Vec<(Option<Key>, usize)> = rows
            .iter()
            .map(|&i| (key(store, i, &self.column), i))
            .collect();
        keyed.sort_unstable_by(|a, b| self.order(a.0.as_ref(), b.0.as_ref()).then(a.1.cmp(&b.1)));
        for (row, (_, i)) in rows.iter_mut().zip(keyed) {
            *row = i;
        }
    }

    /// Where row `i` goes in `rows`, which this sort ordered.
    pub fn place(&self, store: &UserStore, rows: &[usize], i: usize) -> usize {
        let mine = key(store, i, &self.column);
        rows.partition_point(|&r| {
            let theirs = key(store, r, &self.column);
            self.order(theirs.as_ref(), mine.as_ref()).then(r.cmp(&i)) == Ordering::Less
        })
    }

    /// How two keys compare in this sort: a missing value after every other.
    fn order(&self, a: Option<&Key>, b: Option<&Key>) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) if self.descending => b.compare(a),
            (Some(a), Some(b)) => a.compare(b),
            (a, b) => a.is_none().cmp(&b.is_none()),
        }
    }
}

/// One row's value in the sorted column.
#[derive(Debug)]
enum Key<'a> {
    Number(f64),
    /// Lower case.
    Text(&'a str),
    Flag(bool),
    Time(DateTime<Utc>),
}

impl Key<'_> {
    fn compare(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Self::Number(a), Self::Number(b)) => a.total_cmp(b),
            (Self::Text(a), Self::Text(b)) => a.cmp(b),
            (Self::Flag(a), Self::Flag(b)) => a.cmp(b),
            (Self::Time(a), Self::Time(b)) => a.cmp(b),
            // Values of one column are of one kind, but for a column of text where some
            // values read as numbers: numbers first.
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Self::Number(_) => 0,
            Self::Text(_) => 1,
            Self::Flag(_) => 2,
            Self::Time(_) => 3,
        }
    }
}

fn key<'a>(store: &'a UserStore, i: usize, column: &Column) -> Option<Key<'a>> {
    let text = |value: &'a str| match value.parse::<f64>() {
        Ok(n) if n.is_finite() => Key::Number(n),
        _ => Key::Text(value),
    };
    match column {
        Column::Username => store.lower_value(i, "username").map(Key::Text),
        Column::Email => store.lower_value(i, "email").map(Key::Text),
        Column::Status => Some(Key::Text(store.status_name(i))),
        Column::Enabled => Some(Key::Flag(store.enabled(i))),
        Column::Created => store.created(i).map(Key::Time),
        Column::Modified => store.modified(i).map(Key::Time),
        Column::Attribute(name) => store.lower_value(i, name).map(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::{Attribute, User, UserStatus};

    fn user(name: &str, email: Option<&str>, seats: &str, day: Option<u32>) -> User {
        let mut attributes = vec![Attribute {
            name: "custom:seats".into(),
            value: seats.into(),
        }];
        if let Some(email) = email {
            attributes.push(Attribute {
                name: "email".into(),
                value: email.into(),
            });
        }
        User {
            username: name.into(),
            attributes,
            status: UserStatus::Confirmed,
            enabled: name != "Bob",
            created: day.map(|d| format!("2026-01-{d:02}T00:00:00Z").parse().expect("date")),
            modified: None,
        }
    }

    fn store() -> UserStore {
        let mut store = UserStore::default();
        for u in [
            user("cy", Some("cy@example.com"), "10", Some(3)),
            user("Bob", None, "9", Some(1)),
            user("ann", Some("Ann@example.com"), "many", None),
            user("dee", Some("dee@example.com"), "9", Some(2)),
        ] {
            store.push(&u);
        }
        store
    }

    fn sorted(column: Column, descending: bool) -> Vec<String> {
        let store = store();
        let mut rows: Vec<usize> = (0..store.len()).collect();
        Sort { column, descending }.apply(&store, &mut rows);
        rows.iter().map(|&i| store.username(i).to_owned()).collect()
    }

    #[test]
    fn text_sorts_without_case_and_a_missing_value_comes_last_either_way() {
        assert_eq!(sorted(Column::Username, false), ["ann", "Bob", "cy", "dee"]);
        assert_eq!(sorted(Column::Username, true), ["dee", "cy", "Bob", "ann"]);
        assert_eq!(sorted(Column::Email, false), ["ann", "cy", "dee", "Bob"]);
        assert_eq!(sorted(Column::Email, true), ["dee", "cy", "ann", "Bob"]);
        assert_eq!(sorted(Column::Created, true), ["cy", "dee", "Bob", "ann"]);
    }

    #[test]
    fn numbers_sort_as_numbers_and_ties_keep_the_rows_order() {
        let seats = Column::Attribute("custom:seats".into());
        assert_eq!(sorted(seats.clone(), false), ["Bob", "dee", "cy", "ann"]);
        assert_eq!(sorted(seats, true), ["ann", "cy", "Bob", "dee"]);
        assert_eq!(sorted(Column::Enabled, false), ["Bob", "cy", "ann", "dee"]);
    }

    #[test]
    fn a_row_is_placed_where_the_sort_puts_it() {
        let store = store();
        let sort = Sort {
            column: Column::Username,
            descending: false,
        };
        let mut rows = vec![0, 1, 3];
        sort.apply(&store, &mut rows);
        assert_eq!(sort.place(&store, &rows, 2), 0, "ann first");
        let created = Sort {
            column: Column::Created,
            descending: false,
        };
        let mut rows = vec![0, 1, 3];
        created.apply(&store, &mut rows);
        assert_eq!(created.place(&store, &rows, 2), 3, "no date: last");
    }

    #[test]
    fn s_goes_through_the_columns_then_back_to_none() {
        let columns = [Column::Username, Column::Created];
        let first = Sort::next(None, &columns).expect("a sort");
        assert_eq!(first.column, Column::Username);
        let second = Sort::next(Some(&first), &columns).expect("a sort");
        assert_eq!(second.column, Column::Created);
        assert_eq!(Sort::next(Some(&second), &columns), None);
    }
}
