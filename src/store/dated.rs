//! The refine on dates: `created>2026-01-15` (on or after), `modified<2026-02-01` (before),
//! `created=2026-01` (within that year, month or day) and `created=2026-01-01..2026-01-31`
//! (between, both days included), in UTC, over the loaded users' creation or last change.

use chrono::{DateTime, Months, NaiveDate, TimeDelta, Utc};

/// Which of a user's dates a refine compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    Created,
    Modified,
}

/// The users a date refine keeps: those whose date is from `from` (included) until `until`
/// (left out); `None` on either side is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub field: DateField,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

impl Dated {
    /// The date refine `refine` is, if it is one: `Some(Ok)` once its date reads, `Some(Err)`
    /// while it does not (being typed), `None` for any other refine.
    pub fn parse(refine: &str) -> Option<Result<Self, ()>> {
        let refine = refine.trim();
        let (field, rest) = if let Some(rest) = refine.strip_prefix("created") {
            (DateField::Created, rest)
        } else {
            (DateField::Modified, refine.strip_prefix("modified")?)
        };
        let rest = rest.trim_start();
        let op = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '>' | '<' | '='))?;
        let value = rest[1..].trim();
        let dated = |from, until| Self { field, from, until };
        Some(match op {
            '>' => period(value).map(|(start, _)| dated(Some(start), None)),
            '<' => period(value).map(|(start, _)| dated(None, Some(start))),
            _ => match value.split_once("..") {
                Some((a, b)) => period(a.trim()).and_then(|(start, _)| {
                    period(b.trim()).map(|(_, end)| dated(Some(start), Some(end)))
                }),
                None => period(value).map(|(start, end)| dated(Some(start), Some(end))),
            },
        })
    }

    /// Whether a user with these dates is kept (a user without the date is not).
    pub fn keeps(&self, created: Option<DateTime<Utc>>, modified: Option<DateTime<Utc>>) -> bool {
        let date = match self.field {
            DateField::Created => created,
            DateField::Modified => modified,
        };
        date.is_some_and(|d| {
            self.from.is_none_or(|from| d >= from) && self.until.is_none_or(|until| d < until)
        })
    }
}

/// The start and the end (left out) of the year, month or day `text` names: `2026`,
/// `2026-01` or `2026-01-31`.
fn period(text: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), ()> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |i: usize| parts[i].parse::<u32>().map_err(|_| ());
    let year = || parts[0].parse::<i32>().map_err(|_| ());
    let (start, end) = match parts.len() {
        1 if parts[0].len() == 4 => {
            let start = NaiveDate::from_ymd_opt(year()?, 1, 1).ok_or(())?;
            (start, start.checked_add_months(Months::new(12)).ok_or(())?)
        }
        2 if parts[1].len() == 2 => {
            let start = NaiveDate::from_ymd_opt(year()?, number(1)?, 1).ok_or(())?;
            (start, start.checked_add_months(Months::new(1)).ok_or(())?)
        }
        3 if parts[2].len() == 2 => {
            let start = NaiveDate::from_ymd_opt(year()?, number(1)?, number(2)?).ok_or(())?;
            (start, start + TimeDelta::days(1))
        }
        _ => return Err(()),
    };
    let at = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).ok_or(());
    Ok((at(start)?, at(end)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("date")
            .with_timezone(&Utc)
    }

    fn keeps(refine: &str, created: &str) -> bool {
        Dated::parse(refine)
            .expect("a date refine")
            .expect("its date reads")
            .keeps(Some(at(created)), None)
    }

    #[test]
    fn after_before_within_and_between() {
        assert!(keeps("created>2026-01-15", "2026-01-15T00:00:00Z"));
        assert!(!keeps("created>2026-01-15", "2026-01-14T23:59:59Z"));
        assert!(keeps("created<2026-02", "2026-01-31T23:59:59Z"));
        assert!(!keeps("created<2026-02", "2026-02-01T00:00:00Z"));
        assert!(keeps("created=2026-01", "2026-01-31T12:00:00Z"));
        assert!(!keeps("created=2026-01", "2026-02-01T00:00:00Z"));
        assert!(keeps("created = 2025", "2025-12-31T23:00:00Z"));
        assert!(keeps(
            "created=2026-01-01..2026-01-31",
            "2026-01-31T23:59:59Z"
        ));
        assert!(!keeps(
            "created=2026-01-01..2026-01-31",
            "2026-02-01T00:00:00Z"
        ));
        let modified = Dated::parse("modified>2026-03-01")
            .expect("a date refine")
            .expect("reads");
        assert!(modified.keeps(None, Some(at("2026-03-02T00:00:00Z"))));
        assert!(
            !modified.keeps(Some(at("2026-03-02T00:00:00Z")), None),
            "no modified date"
        );
    }

    #[test]
    fn a_date_being_typed_does_not_read_and_other_refines_are_not_dates() {
        for typing in [
            "created>",
            "created>2026-0",
            "created=2026-13",
            "created<2026-02-30",
        ] {
            assert_eq!(Dated::parse(typing), Some(Err(())), "{typing}");
        }
        for other in [
            "created",
            "garcia",
            "email=ann",
            "createdby=x",
            "custom:created=1",
            "email=created>2026",
        ] {
            assert_eq!(Dated::parse(other), None, "{other}");
        }
    }
}
