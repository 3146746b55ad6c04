//! The pool doctor: over every user of a pool (a full load), the users in a known trap, grouped
//! by finding, each with why it matters and the fix. Pure: the users, the groups' members and
//! the clock go in, the findings come out.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hasher;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::cognito::model::{UserStatus, invitation_age_days};
use crate::store::UserStore;
use crate::validate::{email_problem, phone_problem};

/// Days an UNCONFIRMED user waits before the doctor calls them stale, unless configured.
pub const STALE_UNCONFIRMED_DAYS: i64 = 30;

/// A kind of trap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    UnverifiedContactConfirmed,
    NoContact,
    StaleUnconfirmed,
    ExpiredInvitation,
    ResetRequired,
    DuplicateEmail,
    DisabledInGroup,
    FederatedTwin,
    InvalidContact,
}

/// Every kind, in the report's order.
pub const KINDS: [Kind; 9] = [
    Kind::UnverifiedContactConfirmed,
    Kind::NoContact,
    Kind::StaleUnconfirmed,
    Kind::ExpiredInvitation,
    Kind::ResetRequired,
    Kind::DuplicateEmail,
    Kind::DisabledInGroup,
    Kind::FederatedTwin,
    Kind::InvalidContact,
];

impl Kind {
    /// The finding's id, as `--json` names it.
    pub fn id(self) -> &'static str {
        match self {
            Self::UnverifiedContactConfirmed => "unverified_contact_confirmed",
            Self::NoContact => "no_contact",
            Self::StaleUnconfirmed => "stale_unconfirmed",
            Self::ExpiredInvitation => "expired_invitation",
            Self::ResetRequired => "reset_required",
            Self::DuplicateEmail => "duplicate_email",
            Self::DisabledInGroup => "disabled_in_group",
            Self::FederatedTwin => "federated_twin",
            Self::InvalidContact => "invalid_contact",
        }
    }

    /// What the users have in common, as a heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::UnverifiedContactConfirmed => "Confirmed, but no verified email or phone",
            Self::NoContact => "No email and no phone number",
            Self::StaleUnconfirmed => "Unconfirmed for a long time",
            Self::ExpiredInvitation => "Invitation expired",
            Self::ResetRequired => "Password reset required",
            Self::DuplicateEmail => "The same email (or username) on several users",
            Self::DisabledInGroup => "Disabled, still in a group",
            Self::FederatedTwin => "Federated user with a native twin",
            Self::InvalidContact => "Malformed email or phone number",
        }
    }

    /// Why it matters.
    pub fn why(self) -> &'static str {
        match self {
            Self::UnverifiedContactConfirmed => {
                "\"Forgot password\" fails for them: Cognito sends reset codes only to a verified email or phone (the classic admin-confirm trap)."
            }
            Self::NoContact => "They can never recover a password on their own.",
            Self::StaleUnconfirmed => {
                "Their sign-up was never confirmed: likely abandoned, holding their usernames and emails."
            }
            Self::ExpiredInvitation => {
                "Their temporary password expired: they cannot sign in until the invitation is sent again."
            }
            Self::ResetRequired => {
                "They cannot sign in with their password: they must finish \"forgot password\" first."
            }
            Self::DuplicateEmail => {
                "Sign-in by email, recovery and support look-ups may reach the wrong account."
            }
            Self::DisabledInGroup => {
                "Their group memberships still grant roles if they are enabled again, and clutter the groups."
            }
            Self::FederatedTwin => {
                "The same person has two accounts: signing in with the provider does not reach the native one."
            }
            Self::InvalidContact => {
                "Codes sent to them cannot arrive: Cognito needs E.164 phone numbers and well-formed emails."
            }
        }
    }

    /// The fix.
    pub fn fix(self) -> &'static str {
        match self {
            Self::UnverifiedContactConfirmed => {
                "Mark their email verified once you know it is theirs (A on the user's page, or a bulk run)."
            }
            Self::NoContact => "Add an email or a phone number with the attribute editor (e).",
            Self::StaleUnconfirmed => {
                "Resend their code (s), confirm them (a), or delete them (a bulk run)."
            }
            Self::ExpiredInvitation => "Resend the invitation (R, or a bulk run).",
            Self::ResetRequired => {
                "Walk them through \"forgot password\" (F on the user's page), or set a password (w)."
            }
            Self::DuplicateEmail => "Decide which account is theirs; delete or change the others.",
            Self::DisabledInGroup => {
                "Remove them from their groups (a bulk run, or g on the user's page)."
            }
            Self::FederatedTwin => {
                "Link the provider's identity to the native user (L on the native user's page)."
            }
            Self::InvalidContact => "Correct the value with the attribute editor (e).",
        }
    }
}

/// The users in one trap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    /// Their usernames, sorted.
    pub users: Vec<String>,
}

/// What the doctor looks at besides the users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkup {
    pub now: DateTime<Utc>,
    /// The pool's TemporaryPasswordValidityDays.
    pub invitation_days: i64,
    /// How long an UNCONFIRMED user waits before they are stale.
    pub stale_after: TimeDelta,
    /// Each group's members, when the groups were read.
    pub groups: BTreeMap<String, Vec<String>>,
}

/// The findings over the loaded `users`, in the report's order, each with at least one user.
/// Read in place from the store: nothing is copied out of it.
pub fn examine(users: &UserStore, checkup: &Checkup) -> Vec<Finding> {
    let mut found: BTreeMap<Kind, BTreeSet<String>> = BTreeMap::new();
    let mut add = |kind: Kind, username: &str| {
        found.entry(kind).or_default().insert(username.to_owned());
    };
    // Who shares an email or a username, compared without case: keyed by a hash of the text
    // in lower case (no copy of it is made), checked on the text where hashes meet.
    let mut emails: Vec<(u64, u32)> = Vec::with_capacity(users.len());
    let mut usernames: Vec<(u64, u32)> = Vec::with_capacity(users.len());
    for (i, at) in (0..users.len()).zip(0u32..) {
        let username = users.username(i);
        let status = users.status(i);
        let value = |name| users.lower_value(i, name).filter(|v| !v.is_empty());
        let (email, phone) = (value("email"), value("phone_number"));
        let verified = |name| value(name) == Some("true");
        if status == UserStatus::Confirmed
            && (email.is_some() || phone.is_some())
            && !verified("email_verified")
            && !verified("phone_number_verified")
        {
            add(Kind::UnverifiedContactConfirmed, username);
        }
        if status != UserStatus::ExternalProvider && email.is_none() && phone.is_none() {
            add(Kind::NoContact, username);
        }
        if status == UserStatus::Unconfirmed
            && users
                .created(i)
                .is_some_and(|t| checkup.now - t > checkup.stale_after)
        {
            add(Kind::StaleUnconfirmed, username);
        }
        let sent = users.modified(i).or(users.created(i));
        if invitation_age_days(&status, sent, checkup.now)
            .is_some_and(|age| age >= checkup.invitation_days)
        {
            add(Kind::ExpiredInvitation, username);
        }
        if status == UserStatus::ResetRequired {
            add(Kind::ResetRequired, username);
        }
        if email.is_some_and(|e| email_problem(e).is_some())
            || phone.is_some_and(|p| phone_problem(p).is_some())
        {
            add(Kind::InvalidContact, username);
        }
        if let Some(email) = email {
            emails.push((caseless_hash(email), at));
        }
        usernames.push((caseless_hash(username), at));
    }
    let lower = |i: u32, name| users.lower_value(i as usize, name).unwrap_or_default();
    let name = |i: &u32| users.username(*i as usize);
    let federated = |i: &u32| users.status(*i as usize) == UserStatus::ExternalProvider;
    let email_twins = twins(emails, |i| lower(i, "email"));
    for group in email_twins
        .iter()
        .chain(&twins(usernames, |i| lower(i, "username")))
    {
        for i in group {
            add(Kind::DuplicateEmail, name(i));
        }
    }
    for group in &email_twins {
        if group.iter().any(federated) && !group.iter().all(federated) {
            for i in group.iter().filter(|i| federated(i)) {
                add(Kind::FederatedTwin, name(i));
            }
        }
    }
    let disabled: BTreeSet<&str> = (0..users.len())
        .filter(|&i| !users.enabled(i))
        .map(|i| users.username(i))
        .collect();
    for member in checkup.groups.values().flatten() {
        if disabled.contains(member.as_str()) {
            add(Kind::DisabledInGroup, member);
        }
    }
    KINDS
        .iter()
        .filter_map(|kind| {
            let users = found.remove(kind)?;
            Some(Finding {
                kind: *kind,
                users: users.into_iter().collect(),
            })
        })
        .collect()
}

/// A hash of `text` in lower case: of its bytes made lower case when it is ASCII (no copy),
/// else of its Unicode lower case.
fn caseless_hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    if text.is_ascii() {
        let mut lower = [0u8; 64];
        for chunk in text.as_bytes().chunks(lower.len()) {
            let lower = &mut lower[..chunk.len()];
            lower.copy_from_slice(chunk);
            lower.make_ascii_lowercase();
            hasher.write(lower);
        }
    } else {
        hasher.write(text.to_lowercase().as_bytes());
    }
    hasher.finish()
}

/// The groups of more than one user (by index) whose `text` is the same but for case, from
/// each user's [`caseless_hash`] of it.
fn twins<'a>(mut keys: Vec<(u64, u32)>, text: impl Fn(u32) -> &'a str) -> Vec<Vec<u32>> {
    keys.sort_unstable();
    let mut groups = Vec::new();
    for run in keys.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        let mut same: HashMap<String, Vec<u32>> = HashMap::new();
        for &(_, i) in run {
            same.entry(text(i).to_lowercase()).or_default().push(i);
        }
        groups.extend(same.into_values().filter(|g| g.len() > 1));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::{Attribute, User};

    fn store_of(users: &[User]) -> UserStore {
        let mut store = UserStore::default();
        for user in users {
            store.push(user);
        }
        store
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).expect("time")
    }

    fn user(name: &str, status: UserStatus, enabled: bool, attrs: &[(&str, &str)]) -> User {
        User {
            username: name.into(),
            attributes: attrs
                .iter()
                .map(|(n, v)| Attribute {
                    name: (*n).into(),
                    value: (*v).into(),
                })
                .collect(),
            status,
            enabled,
            created: Some(now() - TimeDelta::days(1)),
            modified: Some(now() - TimeDelta::days(1)),
        }
    }

    fn checkup() -> Checkup {
        Checkup {
            now: now(),
            invitation_days: 7,
            stale_after: TimeDelta::days(STALE_UNCONFIRMED_DAYS),
            groups: BTreeMap::new(),
        }
    }

    fn kinds_of(findings: &[Finding], name: &str) -> Vec<Kind> {
        findings
            .iter()
            .filter(|f| f.users.iter().any(|u| u == name))
            .map(|f| f.kind)
            .collect()
    }

    /// One user in each trap, a healthy one and a few who are in none.
    fn pool_of_traps() -> (Vec<User>, Checkup) {
        use UserStatus::{
            Confirmed, ExternalProvider, ForceChangePassword, ResetRequired, Unconfirmed,
        };
        let mut stale = user("stale", Unconfirmed, true, &[("email", "s@example.com")]);
        stale.created = Some(now() - TimeDelta::days(31));
        let mut invited = user(
            "invited",
            ForceChangePassword,
            true,
            &[("email", "i@example.com")],
        );
        invited.modified = Some(now() - TimeDelta::days(8));
        let users = vec![
            user(
                "ok",
                Confirmed,
                true,
                &[("email", "ok@example.com"), ("email_verified", "true")],
            ),
            user("trap", Confirmed, true, &[("email", "trap@example.com")]),
            user("mute", Confirmed, true, &[]),
            stale,
            user("fresh", Unconfirmed, true, &[("email", "f@example.com")]),
            invited,
            user(
                "reset",
                ResetRequired,
                true,
                &[("email", "r@example.com"), ("email_verified", "true")],
            ),
            user(
                "dup1",
                Confirmed,
                true,
                &[("email", "Same@Example.com"), ("email_verified", "true")],
            ),
            user(
                "dup2",
                Confirmed,
                true,
                &[("email", "same@example.com"), ("email_verified", "true")],
            ),
            user(
                "Case",
                Confirmed,
                true,
                &[("email", "c1@example.com"), ("email_verified", "true")],
            ),
            user(
                "case",
                Confirmed,
                true,
                &[("email", "c2@example.com"), ("email_verified", "true")],
            ),
            user(
                "off",
                Confirmed,
                false,
                &[("email", "off@example.com"), ("email_verified", "true")],
            ),
            user(
                "Google_1",
                ExternalProvider,
                true,
                &[("email", "ok@example.com")],
            ),
            user(
                "badphone",
                Confirmed,
                true,
                &[
                    ("phone_number", "555-1234"),
                    ("phone_number_verified", "true"),
                ],
            ),
        ];
        let mut c = checkup();
        c.groups
            .insert("staff".into(), vec!["off".into(), "ok".into()]);
        (users, c)
    }

    #[test]
    fn each_trap_is_found_and_a_healthy_user_is_in_none() {
        let (users, c) = pool_of_traps();
        let findings = examine(&store_of(&users), &c);
        assert_eq!(kinds_of(&findings, "ok"), [Kind::DuplicateEmail]);
        assert_eq!(
            kinds_of(&findings, "trap"),
            [Kind::UnverifiedContactConfirmed]
        );
        assert_eq!(kinds_of(&findings, "mute"), [Kind::NoContact]);
        assert_eq!(kinds_of(&findings, "stale"), [Kind::StaleUnconfirmed]);
        assert!(kinds_of(&findings, "fresh").is_empty());
        assert_eq!(kinds_of(&findings, "invited"), [Kind::ExpiredInvitation]);
        assert_eq!(kinds_of(&findings, "reset"), [Kind::ResetRequired]);
        assert_eq!(kinds_of(&findings, "dup1"), [Kind::DuplicateEmail]);
        assert_eq!(kinds_of(&findings, "case"), [Kind::DuplicateEmail]);
        assert_eq!(kinds_of(&findings, "off"), [Kind::DisabledInGroup]);
        assert_eq!(
            kinds_of(&findings, "Google_1"),
            [Kind::DuplicateEmail, Kind::FederatedTwin]
        );
        assert_eq!(kinds_of(&findings, "badphone"), [Kind::InvalidContact]);
        // In the report's order, each with its users sorted.
        let order: Vec<Kind> = findings.iter().map(|f| f.kind).collect();
        let mut sorted = order.clone();
        sorted.sort_by_key(|k| KINDS.iter().position(|x| x == k));
        assert_eq!(order, sorted);
        let dup = findings
            .iter()
            .find(|f| f.kind == Kind::DuplicateEmail)
            .expect("dup");
        assert_eq!(
            dup.users,
            ["Case", "Google_1", "case", "dup1", "dup2", "ok"]
        );
    }

    #[test]
    fn every_kind_has_its_id_and_sentences() {
        let ids: BTreeSet<&str> = KINDS.iter().map(|k| k.id()).collect();
        assert_eq!(ids.len(), KINDS.len());
        for kind in KINDS {
            assert_eq!(
                serde_json::to_value(kind).expect("json"),
                serde_json::Value::String(kind.id().into())
            );
            assert!(
                !kind.title().is_empty() && kind.why().ends_with('.') && kind.fix().ends_with('.')
            );
        }
    }

    #[test]
    fn no_finding_for_a_pool_without_traps() {
        let users = vec![user(
            "ok",
            UserStatus::Confirmed,
            true,
            &[("email", "ok@example.com"), ("email_verified", "true")],
        )];
        assert!(examine(&store_of(&users), &checkup()).is_empty());
    }

    #[test]
    fn twins_are_the_same_text_but_for_case_even_where_hashes_meet_by_chance() {
        assert_eq!(
            caseless_hash("Ann@Example.COM"),
            caseless_hash("ann@example.com")
        );
        assert_eq!(caseless_hash("ÉLISE@x.fr"), caseless_hash("élise@x.fr"));
        assert_eq!(
            caseless_hash(&"A".repeat(100)),
            caseless_hash(&"a".repeat(100))
        );
        assert_ne!(caseless_hash("ann"), caseless_hash("anne"));
        let texts = ["Ann", "bob", "ANN", "carl", "BOB", "ann"];
        // Every key the same hash, as if they all met by chance: only equal texts are twins.
        let keys = (0..).zip(texts).map(|(i, _)| (7, i)).collect();
        let mut groups = twins(keys, |i| texts[i as usize]);
        for g in &mut groups {
            g.sort_unstable();
        }
        groups.sort();
        assert_eq!(groups, vec![vec![0, 2, 5], vec![1, 4]]);
    }
}
