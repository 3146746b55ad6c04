//! The simulator's synthetic pool: user `i` is made from its number on demand (username
//! `user0000042`, a `sub` from a hash of `i`, an email, a status), so a pool of a million users
//! costs one sorted index of `sub`s, and the changes made to it are kept beside.

use std::collections::{HashMap, HashSet};

use serde_json::{Value, json};

/// Users a page of ListUsers holds at most.
const PAGE: usize = 60;

/// A synthetic pool of `len` users and what was changed in it.
#[derive(Debug)]
pub struct SimPool {
    len: u32,
    /// Every user's `sub` (as a number) with the user's number, sorted by `sub`.
    by_sub: Vec<(u128, u32)>,
    disabled: HashSet<u32>,
    deleted: HashSet<u32>,
    /// Attributes set by AdminUpdateUserAttributes, by user and name.
    attributes: HashMap<u32, Vec<(String, String)>>,
}

/// splitmix64: a well-mixed 64-bit hash of `x`.
pub(super) fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn sub_of(i: u32) -> u128 {
    (u128::from(mix(u64::from(i))) << 64) | u128::from(mix(u64::from(i) ^ 0xFFFF_FFFF))
}

/// A `sub` as Cognito writes it: a lowercase UUID.
pub(super) fn uuid(sub: u128) -> String {
    let hex = format!("{sub:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

fn username(i: u32) -> String {
    format!("user{i:07}")
}

fn status(i: u32) -> &'static str {
    match i % 20 {
        0 => "UNCONFIRMED",
        1 => "FORCE_CHANGE_PASSWORD",
        _ => "CONFIRMED",
    }
}

/// What a ListUsers filter asks for.
pub(super) enum Filter {
    All,
    Sub {
        value: String,
        prefix: bool,
    },
    /// On the username, or (`email`) on the email address.
    Name {
        value: String,
        prefix: bool,
        email: bool,
    },
    Status(String),
}

/// Parses `attribute ^= "value"` or `attribute = "value"`; `None` for what is not simulated.
pub(super) fn parse(filter: Option<&str>) -> Option<Filter> {
    let Some(filter) = filter.filter(|f| !f.trim().is_empty()) else {
        return Some(Filter::All);
    };
    let (attribute, prefix, value) = if let Some((a, v)) = filter.split_once("^=") {
        (a, true, v)
    } else {
        let (a, v) = filter.split_once('=')?;
        (a, false, v)
    };
    let value = value.trim().trim_matches('"').to_owned();
    Some(match attribute.trim() {
        "sub" => Filter::Sub { value, prefix },
        name @ ("username" | "email") => Filter::Name {
            value,
            prefix,
            email: name == "email",
        },
        "cognito:user_status" | "status" if !prefix => Filter::Status(value),
        _ => return None,
    })
}

impl SimPool {
    pub fn new(len: u32) -> Self {
        let mut by_sub: Vec<(u128, u32)> = (0..len).map(|i| (sub_of(i), i)).collect();
        by_sub.sort_unstable();
        Self {
            len,
            by_sub,
            disabled: HashSet::new(),
            deleted: HashSet::new(),
            attributes: HashMap::new(),
        }
    }

    pub fn users(&self) -> u32 {
        self.len
    }

    /// The user named `name`, if the pool has them.
    pub fn find(&self, name: &str) -> Option<u32> {
        let i: u32 = name.strip_prefix("user")?.parse().ok()?;
        (i < self.len && !self.deleted.contains(&i) && username(i) == name).then_some(i)
    }

    /// A user as ListUsers returns them.
    pub fn user(&self, i: u32) -> Value {
        let name = username(i);
        let mut attributes = vec![
            json!({"Name": "sub", "Value": uuid(sub_of(i))}),
            json!({"Name": "email", "Value": format!("{name}@example.com")}),
            json!({"Name": "email_verified", "Value": if i.is_multiple_of(3) { "false" } else { "true" }}),
        ];
        for (n, v) in self.attributes.get(&i).into_iter().flatten() {
            attributes.push(json!({"Name": n, "Value": v}));
        }
        json!({
            "Username": name,
            "Attributes": attributes,
            "UserStatus": status(i),
            "Enabled": !self.disabled.contains(&i),
            "UserCreateDate": 1_700_000_000 + u64::from(i),
            "UserLastModifiedDate": 1_700_000_000 + u64::from(i),
        })
    }

    /// One page of ListUsers: the users `filter` keeps from position `from` on, and where the
    /// next page starts. `None` for a filter the simulator does not know.
    pub fn page(
        &self,
        filter: Option<&str>,
        from: usize,
        limit: usize,
    ) -> Option<(Vec<u32>, Option<usize>)> {
        let limit = limit.clamp(1, PAGE);
        let (found, next) = match parse(filter)? {
            Filter::All => self.scan(0..self.len as usize, from, limit, |p| u32::try_from(p).ok()),
            Filter::Sub { value, prefix } => {
                let hex = value.replace('-', "");
                let range = self.sub_range(&hex, prefix);
                self.scan(range, from, limit, |p| Some(self.by_sub[p].1))
            }
            Filter::Name { value, prefix, .. } => {
                let name = value.trim_end_matches("@example.com");
                let range: Vec<u32> = (0..self.len)
                    .filter(|&i| {
                        let n = username(i);
                        if prefix {
                            n.starts_with(name)
                        } else {
                            n == name
                        }
                    })
                    .collect();
                self.scan(0..range.len(), from, limit, |p| Some(range[p]))
            }
            Filter::Status(status_wanted) => {
                let range: Vec<u32> = (0..self.len)
                    .filter(|&i| status(i) == status_wanted)
                    .collect();
                self.scan(0..range.len(), from, limit, |p| Some(range[p]))
            }
        };
        Some((found, next))
    }

    /// The positions in `by_sub` whose `sub` starts with `hex` (or is it).
    fn sub_range(&self, hex: &str, prefix: bool) -> std::ops::Range<usize> {
        let digits = hex.len().min(32);
        let Ok(value) = u128::from_str_radix(&format!("{:0<32}", &hex[..digits]), 16) else {
            return 0..0;
        };
        let span = if prefix && digits < 32 {
            1u128 << (4 * (32 - digits))
        } else {
            1
        };
        let start = self.by_sub.partition_point(|(s, _)| *s < value);
        let end = self
            .by_sub
            .partition_point(|(s, _)| *s < value.saturating_add(span));
        start..end
    }

    /// The users at positions `range` (as `at` maps them) from `from` on, deleted ones left
    /// out, at most `limit`.
    fn scan(
        &self,
        range: std::ops::Range<usize>,
        from: usize,
        limit: usize,
        at: impl Fn(usize) -> Option<u32>,
    ) -> (Vec<u32>, Option<usize>) {
        let mut found = Vec::with_capacity(limit);
        let mut p = range.start + from;
        while p < range.end && found.len() < limit {
            if let Some(i) = at(p).filter(|i| !self.deleted.contains(i)) {
                found.push(i);
            }
            p += 1;
        }
        (found, (p < range.end).then_some(p - range.start))
    }

    /// An admin change on user `i`, as the operation `name` makes it.
    pub fn change(&mut self, name: &str, i: u32, body: &Value) {
        match name {
            "AdminDisableUser" => {
                self.disabled.insert(i);
            }
            "AdminEnableUser" => {
                self.disabled.remove(&i);
            }
            "AdminDeleteUser" => {
                self.deleted.insert(i);
            }
            "AdminUpdateUserAttributes" => {
                let set = self.attributes.entry(i).or_default();
                for a in body["UserAttributes"].as_array().into_iter().flatten() {
                    let (n, v) = (a["Name"].as_str(), a["Value"].as_str());
                    if let (Some(n), Some(v)) = (n, v) {
                        set.retain(|(m, _)| m != n);
                        set.push((n.to_owned(), v.to_owned()));
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_sub_shards_cover_every_user_once() {
        let pool = SimPool::new(5000);
        let mut seen = HashSet::new();
        for digit in "0123456789abcdef".chars() {
            let filter = format!("sub ^= \"{digit}\"");
            let mut from = Some(0);
            while let Some(at) = from {
                let (users, next) = pool.page(Some(&filter), at, 60).expect("known filter");
                for i in users {
                    assert!(
                        pool.user(i)["Attributes"][0]["Value"]
                            .as_str()
                            .expect("sub")
                            .starts_with(digit)
                    );
                    assert!(seen.insert(i), "user {i} twice");
                }
                from = next;
            }
        }
        assert_eq!(seen.len(), 5000);
    }

    #[test]
    fn names_statuses_and_changes() {
        let mut pool = SimPool::new(100);
        let (users, next) = pool
            .page(Some("username ^= \"user000004\""), 0, 60)
            .expect("filter");
        assert_eq!((users.len(), next), (10, None));
        let (users, _) = pool
            .page(Some("cognito:user_status = \"UNCONFIRMED\""), 0, 60)
            .expect("filter");
        assert_eq!(users.len(), 5);
        assert!(pool.page(Some("custom:x = \"y\""), 0, 60).is_none());
        let i = pool.find("user0000007").expect("found");
        pool.change("AdminDisableUser", i, &Value::Null);
        assert_eq!(pool.user(i)["Enabled"], json!(false));
        pool.change("AdminDeleteUser", i, &Value::Null);
        assert_eq!(pool.find("user0000007"), None);
        let (all, _) = pool.page(None, 0, 60).expect("all");
        assert!(!all.contains(&7));
    }
}
