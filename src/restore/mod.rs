//! The plan of a restore (or a copy) of a backup into a pool: what will be created, what
//! exists already, and what cannot be done, each with why; worked out from the backup and the
//! target as read, before anything is sent.

pub mod apply;
mod import_job;
mod ledger;
pub mod sub_map;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::backup::BackedUpUser;
use crate::cognito::model::{Attribute, PoolInfo};
use crate::compare::{GroupFacts, Side};
use crate::sentence::count;

/// Attributes a restore never sends: Cognito sets them itself.
const SET_BY_COGNITO: [&str; 2] = ["sub", "identities"];
/// Attributes another user may not hold too (when the pool signs in with them or aliases them,
/// Cognito refuses the second).
const CONTACTS: [&str; 2] = ["email", "phone_number"];

/// What to do with the backup's UNCONFIRMED users: they signed up but never confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Unconfirmed {
    /// Leave them out.
    Skip,
    /// Create them like the others (they then have to set a password).
    Create,
}

/// How restored users get a password: Cognito never gives passwords out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Passwords {
    /// Created with no message: they arrive FORCE_CHANGE_PASSWORD, and sign in once their
    /// invitation is resent.
    #[default]
    Suppress,
    /// Created with Cognito's invitation (a temporary password by email or SMS).
    Invite,
    /// Imported by a Cognito user import job (its CloudWatch Logs role given): they arrive
    /// RESET_REQUIRED, and reset their password with a code sent to their verified email or
    /// phone at their first sign-in.
    ImportJob,
}

/// What the admin chose for the users a backup cannot carry over as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    pub unconfirmed: Unconfirmed,
    pub passwords: Passwords,
    /// Whether users that exist with other attributes get the backup's values.
    pub update_existing: bool,
    /// With `Passwords::ImportJob`, the IAM role the import job writes CloudWatch logs with.
    pub import_role: Option<String>,
}

/// A user to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub username: String,
    pub attributes: Vec<Attribute>,
    /// Disabled in the backup: disabled once created.
    pub disable: bool,
    /// Their `sub` in the backup, for the mapping to the new one.
    pub old_sub: Option<String>,
}

/// A user that exists with other attributes, updated to the backup's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub username: String,
    /// Each attribute set: its name, its value in the pool (if any) and in the backup.
    pub set: Vec<(String, Option<String>, String)>,
}

impl Update {
    /// The attributes to send.
    pub fn attributes(&self) -> Vec<Attribute> {
        self.set
            .iter()
            .map(|(name, _, value)| Attribute {
                name: name.clone(),
                value: value.clone(),
            })
            .collect()
    }
}

/// What the restore will do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub groups: Vec<(String, GroupFacts)>,
    pub create: Vec<NewUser>,
    /// Users that exist in the target with the same attributes.
    pub same: Vec<String>,
    /// Users that exist in the target with other attributes: left as they are.
    pub differ: Vec<String>,
    /// Users that exist with other attributes, updated (when asked).
    pub update: Vec<Update>,
    /// Users an earlier run of this restore created (its mapping file names them) and did
    /// not get to disable.
    pub disable: Vec<String>,
    pub members: Vec<(String, String)>,
    /// What cannot be done, by user (or attribute), with why.
    pub cannot: Vec<(String, String)>,
    /// How the users created get a password.
    pub passwords: Passwords,
    /// With `Passwords::ImportJob`, the IAM role the import job writes CloudWatch logs with.
    pub import_role: Option<String>,
}

impl Plan {
    /// The plan for restoring `backup` (with `members`, group by user) into `target`, whose
    /// pool is `pool`.
    pub fn make(
        backup: &[BackedUpUser],
        groups: &BTreeMap<String, GroupFacts>,
        members: &[(String, String)],
        target: &Side,
        pool: &PoolInfo,
        choices: &Choices,
    ) -> Self {
        let mut plan = Self {
            passwords: choices.passwords,
            import_role: choices.import_role.clone(),
            ..Self::default()
        };
        for (name, facts) in groups {
            if !target.groups.contains_key(name) {
                plan.groups.push((name.clone(), facts.clone()));
            }
        }
        let mut held = Held::default();
        for (username, user) in &target.users {
            held.hold(username, &user.attributes);
        }
        let mut restored = BTreeSet::new();
        // Attributes the target's schema lacks, with how many users are created without them.
        let mut lacking: BTreeMap<String, usize> = BTreeMap::new();
        for user in backup {
            let name = &user.username;
            if let Some(there) = target.users.get(name) {
                restored.insert(name.clone());
                let mut wanted = user.attributes.clone();
                wanted.retain(|k, _| !SET_BY_COGNITO.contains(&k.as_str()));
                if wanted == there.attributes {
                    plan.same.push(name.clone());
                } else if choices.update_existing {
                    plan.update_user(name, &wanted, &there.attributes, pool);
                } else {
                    plan.differ.push(name.clone());
                }
                continue;
            }
            if let Some(why) = refused(user, choices).or_else(|| held.taken(user)) {
                plan.cannot.push((name.clone(), why));
                continue;
            }
            let mut attributes = Vec::new();
            for (k, v) in &user.attributes {
                if SET_BY_COGNITO.contains(&k.as_str()) {
                    continue;
                }
                if pool.attribute(k).is_none() {
                    *lacking.entry(k.clone()).or_default() += 1;
                    continue;
                }
                attributes.push(Attribute {
                    name: k.clone(),
                    value: v.clone(),
                });
            }
            held.hold(name, &user.attributes);
            restored.insert(name.clone());
            plan.create.push(NewUser {
                username: name.clone(),
                attributes,
                disable: !user.enabled,
                old_sub: user.sub().map(ToOwned::to_owned),
            });
        }
        for (attribute, users) in lacking {
            plan.cannot.push((
                attribute.clone(),
                if users == 1 {
                    "not in the target pool's schema: 1 user is created without it".to_owned()
                } else {
                    format!("not in the target pool's schema: {users} users are created without it")
                },
            ));
        }
        for (group, username) in members {
            let already = target
                .users
                .get(username)
                .is_some_and(|u| u.groups.contains(group));
            if restored.contains(username) && !already {
                plan.members.push((group.clone(), username.clone()));
            }
        }
        plan
    }

    /// Plans setting `name`'s attributes in the pool (`there`) to the backup's (`wanted`); an
    /// immutable one that differs cannot be, and one the schema lacks is left out. Attributes
    /// the backup lacks are kept.
    fn update_user(
        &mut self,
        name: &str,
        wanted: &BTreeMap<String, String>,
        there: &BTreeMap<String, String>,
        pool: &PoolInfo,
    ) {
        let mut set = Vec::new();
        for (k, v) in wanted {
            let now = there.get(k);
            if now == Some(v) {
                continue;
            }
            match pool.attribute(k) {
                Some(schema) if !schema.mutable => self.cannot.push((
                    name.to_owned(),
                    format!(
                        "its immutable attribute {k} is {} in the pool and {v} in the backup: Cognito cannot change it, so it stays",
                        now.map_or("not set", String::as_str)
                    ),
                )),
                Some(_) => set.push((k.clone(), now.cloned(), v.clone())),
                None => {}
            }
        }
        if set.is_empty() {
            self.differ.push(name.to_owned());
        } else {
            self.update.push(Update {
                username: name.to_owned(),
                set,
            });
        }
    }

    /// Finishes what an earlier run of this restore left: the users it created (`earlier`,
    /// from its mapping file) that the backup has disabled and the target still enabled.
    pub fn finish_earlier_run(
        &mut self,
        backup: &[BackedUpUser],
        target: &Side,
        earlier: &BTreeSet<String>,
    ) {
        for user in backup.iter().filter(|u| !u.enabled) {
            let still_enabled = target.users.get(&user.username).is_some_and(|u| u.enabled);
            if still_enabled && earlier.contains(&user.username) {
                self.disable.push(user.username.clone());
            }
        }
    }

    /// Whether the plan sends nothing.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
            && self.create.is_empty()
            && self.update.is_empty()
            && self.disable.is_empty()
            && self.members.is_empty()
    }

    /// The plan as text: the counts first, then each part.
    pub fn text(&self) -> String {
        let disabled = self.create.iter().filter(|u| u.disable).count();
        let mut lines = vec![
            format!("Groups to create: {}.", self.groups.len()),
            format!(
                "Users to create: {} ({disabled} of them then disabled).",
                self.create.len()
            ),
            format!(
                "Users that exist already: {} with the same attributes, {} with other attributes (left as they are).",
                self.same.len(),
                self.differ.len()
            ),
        ];
        // Said only when there are some: most restores have none.
        if !self.update.is_empty() {
            lines.push(format!(
                "Users to update to the backup's attributes: {}.",
                self.update.len()
            ));
        }
        if !self.disable.is_empty() {
            lines.push(format!(
                "Users an earlier run of this restore created, to disable: {}.",
                self.disable.len()
            ));
        }
        lines.push(format!("Memberships to add: {}.", self.members.len()));
        lines.push(format!("Cannot be done: {}.", self.cannot.len()));
        let mut part = |title: &str, items: Vec<String>| {
            if !items.is_empty() {
                lines.push(String::new());
                lines.push(format!("{title}:"));
                lines.extend(items.into_iter().map(|i| format!("  {i}")));
            }
        };
        // What cannot be done first: the warnings come before the long lists.
        part("Cannot be done", by_reason(&self.cannot));
        part(
            "Groups to create",
            self.groups
                .iter()
                .map(|(g, facts)| match &facts.role_arn {
                    Some(role) => format!("{g} (with its IAM role {role})"),
                    None => g.clone(),
                })
                .collect(),
        );
        part(
            "Users to create",
            self.create
                .iter()
                .map(|u| {
                    let then = if u.disable { ", then disabled" } else { "" };
                    format!(
                        "{} ({}{then})",
                        u.username,
                        count(u.attributes.len(), "attribute")
                    )
                })
                .collect(),
        );
        part(
            "Users to update (attributes the backup lacks are kept)",
            self.update
                .iter()
                .flat_map(|u| {
                    u.set.iter().map(|(k, now, v)| {
                        let now = now.as_deref().unwrap_or("not set");
                        format!("{}: {k} {now} → {v}", u.username)
                    })
                })
                .collect(),
        );
        part(
            "Users with other attributes, left as they are",
            self.differ.clone(),
        );
        part(
            "Memberships to add",
            self.members
                .iter()
                .map(|(g, u)| format!("{u} in {g}"))
                .collect(),
        );
        lines.join("\n")
    }
}

/// What cannot be done, a line for each reason: `who: why` for one, `why (N): a, b, …` for
/// several, in the order first met (a large pool has thousands of UNCONFIRMED users).
fn by_reason(cannot: &[(String, String)]) -> Vec<String> {
    let mut reasons: Vec<(&str, Vec<&str>)> = Vec::new();
    for (who, why) in cannot {
        match reasons.iter_mut().find(|(r, _)| r == why) {
            Some((_, whom)) => whom.push(who),
            None => reasons.push((why, vec![who])),
        }
    }
    reasons
        .into_iter()
        .map(|(why, whom)| match whom.as_slice() {
            [one] => format!("{one}: {why}"),
            many => format!("{why} ({}): {}", many.len(), many.join(", ")),
        })
        .collect()
}

/// Why a user of the backup is not created, whatever the target holds.
fn refused(user: &BackedUpUser, choices: &Choices) -> Option<String> {
    let reachable = CONTACTS.iter().any(|c| user.attributes.contains_key(*c));
    match user.status.as_str() {
        "UNCONFIRMED" if choices.unconfirmed == Unconfirmed::Skip => {
            Some("UNCONFIRMED: skipped, as chosen (they can be created instead)".into())
        }
        "EXTERNAL_PROVIDER" => Some(
            "signs in through an external provider: they are created again at their next sign-in"
                .into(),
        ),
        _ if choices.passwords == Passwords::Invite && !reachable => Some(
            "no email or phone to send the invitation to: restore them with no message instead"
                .into(),
        ),
        _ if choices.passwords == Passwords::ImportJob && !verified(user) => Some(
            "no verified email or phone: imported, they could not get the code to reset their password; restore them with no message instead"
                .into(),
        ),
        _ => None,
    }
}

/// Whether `user` has an email or phone marked verified: where an imported user's reset code
/// goes.
fn verified(user: &BackedUpUser) -> bool {
    let set = |name: &str| user.attributes.get(name).is_some_and(|v| !v.is_empty());
    let yes = |name: &str| user.attributes.get(name).is_some_and(|v| v == "true");
    (set("email") && yes("email_verified")) || (set("phone_number") && yes("phone_number_verified"))
}

/// Emails and phone numbers (lowercase) already held in the target, and by whom.
#[derive(Debug, Default)]
struct Held(HashMap<(&'static str, String), String>);

impl Held {
    fn hold(&mut self, username: &str, attributes: &BTreeMap<String, String>) {
        for name in CONTACTS {
            if let Some(value) = attributes.get(name) {
                self.0
                    .insert((name, value.to_lowercase()), username.to_owned());
            }
        }
    }

    /// Why `user` cannot be created: another user holds their email or phone.
    fn taken(&self, user: &BackedUpUser) -> Option<String> {
        CONTACTS.iter().find_map(|c| {
            let value = user.attributes.get(*c)?;
            let other = self.0.get(&(*c, value.to_lowercase()))?;
            Some(format!(
                "its {c} {value} is already {other}'s in the target pool"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::SchemaAttribute;
    use crate::compare::Compared;

    fn pool() -> PoolInfo {
        PoolInfo {
            id: "us-east-1_abc".into(),
            name: "copy".into(),
            temporary_password_validity_days: 7,
            password_policy: crate::password::PasswordPolicy::default(),
            mfa_configuration: "OFF".into(),
            schema: vec![SchemaAttribute::text("custom:tier")],
            client: None,
            usernames_case_sensitive: true,
            estimated_users: None,
            facts: crate::cognito::model::PoolFacts::default(),
        }
    }

    fn user(name: &str, status: &str, attributes: &[(&str, &str)]) -> BackedUpUser {
        BackedUpUser {
            enabled: name != "off",
            ..BackedUpUser::sample(name, status, attributes)
        }
    }

    /// Restored, skipped, refused: one user of each kind.
    fn backup() -> Vec<BackedUpUser> {
        vec![
            user(
                "ann",
                "CONFIRMED",
                &[
                    ("sub", "s1"),
                    ("email", "ann@x.io"),
                    ("custom:tier", "gold"),
                ],
            ),
            user("off", "CONFIRMED", &[("sub", "s2"), ("custom:team", "red")]),
            user(
                "cat",
                "UNCONFIRMED",
                &[("sub", "s3"), ("email", "cat@x.io")],
            ),
            user("dup", "CONFIRMED", &[("email", "Held@X.io")]),
            user(
                "same",
                "CONFIRMED",
                &[("sub", "old"), ("email", "same@x.io")],
            ),
            user("moved", "CONFIRMED", &[("email", "new@x.io")]),
            user("Google_1", "EXTERNAL_PROVIDER", &[]),
        ]
    }

    /// The target: a user holding an email, one the same as in the backup, one changed since.
    fn target() -> Side {
        let mut target = Side::default();
        let there = |email: &str| Compared {
            status: "CONFIRMED".into(),
            enabled: true,
            attributes: BTreeMap::from([("email".to_owned(), email.to_owned())]),
            groups: BTreeSet::new(),
        };
        target.users.insert("holder".into(), there("held@x.io"));
        target.users.insert("same".into(), there("same@x.io"));
        target.users.insert("moved".into(), there("old@x.io"));
        target.member("staff", "moved");
        target.groups.insert("staff".into(), GroupFacts::default());
        target
    }

    #[test]
    fn the_plan_says_what_it_creates_leaves_and_cannot_do_and_why() {
        let (backup, target) = (backup(), target());
        let groups = BTreeMap::from([
            ("staff".to_owned(), GroupFacts::default()),
            (
                "admins".to_owned(),
                GroupFacts {
                    role_arn: Some("arn:aws:iam::1:role/admins".into()),
                    ..GroupFacts::default()
                },
            ),
        ]);
        let members = [
            ("admins".to_owned(), "ann".to_owned()),
            ("staff".to_owned(), "moved".to_owned()),
            ("staff".to_owned(), "same".to_owned()),
            ("staff".to_owned(), "cat".to_owned()),
        ];
        let plan = Plan::make(
            &backup,
            &groups,
            &members,
            &target,
            &pool(),
            &Choices {
                unconfirmed: Unconfirmed::Skip,
                passwords: Passwords::Suppress,
                update_existing: false,
                import_role: None,
            },
        );
        assert_eq!(
            plan.groups
                .iter()
                .map(|(g, _)| g.as_str())
                .collect::<Vec<_>>(),
            ["admins"]
        );
        let made: Vec<(&str, bool, Option<&str>)> = plan
            .create
            .iter()
            .map(|u| (u.username.as_str(), u.disable, u.old_sub.as_deref()))
            .collect();
        assert_eq!(
            made,
            [("ann", false, Some("s1")), ("off", true, Some("s2"))]
        );
        let names: Vec<&str> = plan.create[0]
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, ["custom:tier", "email"], "sub is Cognito's to set");
        assert_eq!(
            (plan.same.clone(), plan.differ.clone()),
            (vec!["same".to_owned()], vec!["moved".to_owned()])
        );
        assert_eq!(
            plan.members,
            [
                ("admins".to_owned(), "ann".to_owned()),
                ("staff".to_owned(), "same".to_owned())
            ],
            "moved is in staff already; cat is not restored"
        );
        let cannot: Vec<String> = plan
            .cannot
            .iter()
            .map(|(w, why)| format!("{w}: {why}"))
            .collect();
        assert!(
            plan.text()
                .contains("\n  admins (with its IAM role arn:aws:iam::1:role/admins)\n"),
            "{}",
            plan.text()
        );
        assert_eq!(
            cannot,
            [
                "cat: UNCONFIRMED: skipped, as chosen (they can be created instead)",
                "dup: its email Held@X.io is already holder's in the target pool",
                "Google_1: signs in through an external provider: they are created again at their next sign-in",
                "custom:team: not in the target pool's schema: 1 user is created without it",
            ]
        );
    }

    #[test]
    fn what_cannot_be_done_is_said_once_for_each_reason() {
        let skipped = "UNCONFIRMED: skipped".to_owned();
        let cannot = [
            ("a".to_owned(), skipped.clone()),
            ("b".to_owned(), "federated".to_owned()),
            ("c".to_owned(), skipped.clone()),
        ];
        assert_eq!(
            by_reason(&cannot),
            ["UNCONFIRMED: skipped (2): a, c", "b: federated"]
        );
    }

    #[test]
    fn users_that_exist_are_updated_when_asked_but_never_an_immutable_attribute() {
        let mut pool = pool();
        pool.schema.push(SchemaAttribute {
            mutable: false,
            ..SchemaAttribute::text("custom:born")
        });
        let backup = [user(
            "moved",
            "CONFIRMED",
            &[
                ("sub", "s9"),
                ("email", "new@x.io"),
                ("custom:born", "1990"),
            ],
        )];
        let mut target = target();
        let moved = target.users.get_mut("moved").expect("moved");
        moved.attributes.insert("custom:born".into(), "1991".into());
        moved.attributes.insert("nickname".into(), "mo".into());
        let choices = Choices {
            unconfirmed: Unconfirmed::Skip,
            passwords: Passwords::Suppress,
            update_existing: true,
            import_role: None,
        };
        let plan = Plan::make(&backup, &BTreeMap::new(), &[], &target, &pool, &choices);
        assert_eq!(
            plan.update,
            [Update {
                username: "moved".into(),
                set: vec![("email".into(), Some("old@x.io".into()), "new@x.io".into())],
            }],
            "sub is Cognito's; nickname, which the backup lacks, is kept"
        );
        assert_eq!(
            plan.cannot,
            [(
                "moved".to_owned(),
                "its immutable attribute custom:born is 1991 in the pool and 1990 in the backup: Cognito cannot change it, so it stays".to_owned()
            )]
        );
        assert!(plan.text().contains("  moved: email old@x.io → new@x.io"));
        let left = Plan::make(
            &backup,
            &BTreeMap::new(),
            &[],
            &target,
            &pool,
            &Choices {
                update_existing: false,
                import_role: None,
                ..choices
            },
        );
        assert!(left.update.is_empty() && left.cannot.is_empty());
        assert_eq!(left.differ, ["moved"]);
    }

    #[test]
    fn an_import_job_takes_only_users_with_a_verified_email_or_phone() {
        let backup = [
            user(
                "ann",
                "CONFIRMED",
                &[("email", "ann@x.io"), ("email_verified", "true")],
            ),
            user(
                "bob",
                "CONFIRMED",
                &[
                    ("phone_number", "+15550100001"),
                    ("phone_number_verified", "false"),
                ],
            ),
        ];
        let choices = Choices {
            unconfirmed: Unconfirmed::Skip,
            passwords: Passwords::ImportJob,
            update_existing: false,
            import_role: Some("arn:aws:iam::123456789012:role/Import".into()),
        };
        let plan = Plan::make(
            &backup,
            &BTreeMap::new(),
            &[],
            &Side::default(),
            &pool(),
            &choices,
        );
        assert_eq!(plan.create.len(), 1);
        assert_eq!(plan.create[0].username, "ann");
        assert_eq!(plan.import_role, choices.import_role);
        assert_eq!(
            plan.cannot,
            [(
                "bob".to_owned(),
                "no verified email or phone: imported, they could not get the code to reset their password; restore them with no message instead".to_owned()
            )]
        );
    }

    #[test]
    fn invited_and_unconfirmed_users_are_planned_as_chosen() {
        let (backup, target) = (backup(), target());
        let groups = BTreeMap::from([("staff".to_owned(), GroupFacts::default())]);
        let members = [("staff".to_owned(), "cat".to_owned())];
        let created = Plan::make(
            &backup,
            &groups,
            &members,
            &target,
            &pool(),
            &Choices {
                unconfirmed: Unconfirmed::Create,
                passwords: Passwords::Invite,
                update_existing: false,
                import_role: None,
            },
        );
        assert!(created.create.iter().any(|u| u.username == "cat"));
        // Invited, a user with neither email nor phone cannot be reached: said before.
        assert!(!created.create.iter().any(|u| u.username == "off"));
        assert!(
            created.cannot.contains(&(
                "off".to_owned(),
                "no email or phone to send the invitation to: restore them with no message instead"
                    .to_owned()
            ))
        );
        assert!(
            created
                .members
                .contains(&("staff".to_owned(), "cat".to_owned()))
        );
    }
}
