//! What differs between two pools, or a pool and a backup, or two backups: users only on one
//! side, users on both whose status, enabled flag, attributes or groups differ, and groups
//! that differ. `sub` and the dates are not compared: a copy of a user gets a new `sub` and new
//! dates.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::backup::BackedUpUser;
pub use crate::backup::GroupFacts;
use crate::sentence::count;

/// A user as compared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compared {
    pub status: String,
    pub enabled: bool,
    /// Every attribute but `sub`.
    pub attributes: BTreeMap<String, String>,
    pub groups: BTreeSet<String>,
}

/// One side of a comparison: a pool or a backup, read whole.
#[derive(Debug, Clone, Default)]
pub struct Side {
    /// What it is, for the report: `pool eu-west-1_abc` or `backup pool.jsonl`.
    pub name: String,
    pub users: BTreeMap<String, Compared>,
    pub groups: BTreeMap<String, GroupFacts>,
}

impl Side {
    /// Adds a user (their groups come with `member`).
    pub fn user(&mut self, user: &BackedUpUser) {
        let mut attributes = user.attributes.clone();
        attributes.remove("sub");
        let entry = self.users.entry(user.username.clone()).or_default();
        entry.status.clone_from(&user.status);
        entry.enabled = user.enabled;
        entry.attributes = attributes;
    }

    /// `username` is a member of `group`.
    pub fn member(&mut self, group: &str, username: &str) {
        self.users
            .entry(username.to_owned())
            .or_default()
            .groups
            .insert(group.to_owned());
    }
}

/// One field of a user or group that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub field: String,
    pub a: Option<String>,
    pub b: Option<String>,
}

/// A user or group on both sides that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Differs {
    pub name: String,
    pub changes: Vec<Change>,
}

/// What differs between side A and side B.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    pub users_in_both: usize,
    pub only_in_a: Vec<String>,
    pub only_in_b: Vec<String>,
    pub users_differ: Vec<Differs>,
    pub groups_only_in_a: Vec<String>,
    pub groups_only_in_b: Vec<String>,
    pub groups_differ: Vec<Differs>,
}

impl Comparison {
    pub fn of(a: &Side, b: &Side) -> Self {
        let (only_in_a, only_in_b, both) = split(&a.users, &b.users);
        let users_differ = both
            .iter()
            .filter_map(|name| {
                differs(
                    name,
                    user_fields(&a.users[name]),
                    user_fields(&b.users[name]),
                )
            })
            .collect();
        let (groups_only_in_a, groups_only_in_b, groups_both) = split(&a.groups, &b.groups);
        let groups_differ = groups_both
            .iter()
            .filter_map(|name| {
                differs(
                    name,
                    group_fields(&a.groups[name]),
                    group_fields(&b.groups[name]),
                )
            })
            .collect();
        Self {
            a: a.name.clone(),
            b: b.name.clone(),
            users_in_both: both.len(),
            only_in_a,
            only_in_b,
            users_differ,
            groups_only_in_a,
            groups_only_in_b,
            groups_differ,
        }
    }

    /// Whether the two sides are the same, as compared.
    pub fn same(&self) -> bool {
        self.only_in_a.is_empty()
            && self.only_in_b.is_empty()
            && self.users_differ.is_empty()
            && self.groups_only_in_a.is_empty()
            && self.groups_only_in_b.is_empty()
            && self.groups_differ.is_empty()
    }

    /// The report: the counts first, then each difference.
    pub fn text(&self) -> String {
        let mut lines = vec![
            format!("A: {}", self.a),
            format!("B: {}", self.b),
            format!(
                "Users: {} in both, {} of them differ; {} only in A; {} only in B.",
                self.users_in_both,
                self.users_differ.len(),
                self.only_in_a.len(),
                self.only_in_b.len()
            ),
            format!(
                "Groups: {} differ; {} only in A; {} only in B.",
                self.groups_differ.len(),
                self.groups_only_in_a.len(),
                self.groups_only_in_b.len()
            ),
        ];
        let mut list = |title: &str, names: &[String]| {
            if !names.is_empty() {
                lines.push(String::new());
                lines.push(format!("{title} ({}):", names.len()));
                lines.extend(names.iter().map(|n| format!("  {n}")));
            }
        };
        list("Users only in A", &self.only_in_a);
        list("Users only in B", &self.only_in_b);
        list("Groups only in A", &self.groups_only_in_a);
        list("Groups only in B", &self.groups_only_in_b);
        for (title, all) in [
            ("Users that differ", &self.users_differ),
            ("Groups that differ", &self.groups_differ),
        ] {
            if all.is_empty() {
                continue;
            }
            lines.push(String::new());
            lines.push(format!("{title} ({}):", all.len()));
            for d in all {
                lines.push(format!("  {}", d.name));
                lines.extend(d.changes.iter().map(|c| {
                    let side = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
                    format!("    {}: {} → {}", c.field, side(&c.a), side(&c.b))
                }));
            }
        }
        lines.push(String::new());
        lines.push(if self.same() {
            "They match (sub and dates are not compared: a copy gets new ones).".into()
        } else {
            format!(
                "They differ: {}. (sub and dates are not compared: a copy gets new ones.)",
                count(
                    self.only_in_a.len() + self.only_in_b.len() + self.users_differ.len(),
                    "user"
                )
            )
        });
        lines.join("\n")
    }
}

/// The names only in `a`, only in `b`, and in both.
fn split<T>(
    a: &BTreeMap<String, T>,
    b: &BTreeMap<String, T>,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let only = |x: &BTreeMap<String, T>, y: &BTreeMap<String, T>| {
        x.keys().filter(|k| !y.contains_key(*k)).cloned().collect()
    };
    let both = a.keys().filter(|k| b.contains_key(*k)).cloned().collect();
    (only(a, b), only(b, a), both)
}

/// The changes between two sets of fields, if any.
fn differs(
    name: &str,
    a: BTreeMap<String, String>,
    mut b: BTreeMap<String, String>,
) -> Option<Differs> {
    let mut changes = Vec::new();
    for (field, va) in a {
        let vb = b.remove(&field);
        if vb.as_ref() != Some(&va) {
            changes.push(Change {
                field,
                a: Some(va),
                b: vb,
            });
        }
    }
    changes.extend(b.into_iter().map(|(field, vb)| Change {
        field,
        a: None,
        b: Some(vb),
    }));
    changes.sort_by(|x, y| x.field.cmp(&y.field));
    (!changes.is_empty()).then(|| Differs {
        name: name.to_owned(),
        changes,
    })
}

fn user_fields(u: &Compared) -> BTreeMap<String, String> {
    let mut fields = u.attributes.clone();
    fields.insert("status".into(), u.status.clone());
    fields.insert("enabled".into(), u.enabled.to_string());
    if !u.groups.is_empty() {
        let groups: Vec<&str> = u.groups.iter().map(String::as_str).collect();
        fields.insert("groups".into(), groups.join(", "));
    }
    fields
}

fn group_fields(g: &GroupFacts) -> BTreeMap<String, String> {
    [
        ("description", g.description.clone()),
        ("precedence", g.precedence.map(|p| p.to_string())),
        ("role_arn", g.role_arn.clone()),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k.to_owned(), v?)))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, status: &str, attributes: &[(&str, &str)]) -> BackedUpUser {
        BackedUpUser::sample(name, status, attributes)
    }

    #[test]
    fn sides_that_differ_only_in_sub_match() {
        let mut a = Side::default();
        let mut b = Side::default();
        a.user(&user(
            "ann",
            "CONFIRMED",
            &[("sub", "1"), ("email", "a@x.io")],
        ));
        b.user(&user(
            "ann",
            "CONFIRMED",
            &[("sub", "2"), ("email", "a@x.io")],
        ));
        a.member("staff", "ann");
        b.member("staff", "ann");
        let c = Comparison::of(&a, &b);
        assert!(c.same(), "{c:?}");
        assert!(
            c.text()
                .ends_with("They match (sub and dates are not compared: a copy gets new ones).")
        );
    }

    #[test]
    fn each_difference_is_listed_with_both_values_and_counted_first() {
        let mut a = Side {
            name: "pool p1".into(),
            ..Side::default()
        };
        let mut b = Side {
            name: "backup b.jsonl".into(),
            ..Side::default()
        };
        a.user(&user("ann", "CONFIRMED", &[("email", "a@x.io")]));
        b.user(&user(
            "ann",
            "RESET_REQUIRED",
            &[("email", "ann@x.io"), ("name", "Ann")],
        ));
        a.user(&user("bob", "CONFIRMED", &[]));
        b.user(&user("cat", "CONFIRMED", &[]));
        a.member("staff", "ann");
        a.groups.insert("staff".into(), GroupFacts::default());
        b.groups.insert(
            "staff".into(),
            GroupFacts {
                precedence: Some(2),
                ..GroupFacts::default()
            },
        );
        let c = Comparison::of(&a, &b);
        assert_eq!(
            (c.only_in_a.clone(), c.only_in_b.clone()),
            (vec!["bob".into()], vec!["cat".into()])
        );
        let fields: Vec<&str> = c.users_differ[0]
            .changes
            .iter()
            .map(|ch| ch.field.as_str())
            .collect();
        assert_eq!(fields, ["email", "groups", "name", "status"]);
        assert_eq!(
            c.text(),
            "A: pool p1\nB: backup b.jsonl\n\
             Users: 1 in both, 1 of them differ; 1 only in A; 1 only in B.\n\
             Groups: 1 differ; 0 only in A; 0 only in B.\n\n\
             Users only in A (1):\n  bob\n\n\
             Users only in B (1):\n  cat\n\n\
             Users that differ (1):\n  ann\n    email: a@x.io → ann@x.io\n    groups: staff → (none)\n    \
             name: (none) → Ann\n    status: CONFIRMED → RESET_REQUIRED\n\n\
             Groups that differ (1):\n  staff\n    precedence: (none) → 2\n\n\
             They differ: 3 users. (sub and dates are not compared: a copy gets new ones.)"
        );
    }
}
