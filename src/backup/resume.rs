//! How far a backup file got: what `--resume` need not read again.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;

use super::{FORMAT, Record, VERSION};

/// What a backup file already holds.
#[derive(Debug, Default)]
pub struct Progress {
    /// The pool it is of and the `sub` prefixes its users are read by.
    pub pool_id: String,
    pub shards: Vec<String>,
    /// Whether the users' MFA settings are read (the header says, for every run on the file).
    pub mfa: bool,
    /// Whether anything past the pool's description and groups was written: if not, the
    /// backup starts over (they are a few reads).
    pub started_users: bool,
    pub done_shards: HashSet<String>,
    /// Users written of shards not done, by shard: they are not written twice.
    pub partial_shards: HashMap<String, HashSet<String>>,
    pub groups: usize,
    pub done_groups: HashSet<String>,
    /// Members written of groups not done, by group.
    pub partial_groups: HashMap<String, HashSet<String>>,
    pub users: usize,
    pub members: usize,
    /// The file has its `end` line: it is whole.
    pub ended: bool,
    /// The length of the file up to its last whole line: a line cut short is dropped.
    pub whole_len: u64,
}

impl Progress {
    /// Reads a backup file.
    ///
    /// # Errors
    /// A sentence: the file cannot be read, is not a backup of a version this cognitui reads,
    /// or has a line that is not a record.
    pub fn read(mut file: impl BufRead) -> Result<Self, String> {
        let mut progress = Self::default();
        let mut line = Vec::new();
        let mut n = 0;
        loop {
            line.clear();
            let read = file
                .read_until(b'\n', &mut line)
                .map_err(|e| format!("it could not be read: {e}"))?;
            // A last line without its line break was cut short by the interruption.
            if read == 0 || line.last() != Some(&b'\n') {
                break;
            }
            n += 1;
            let record = serde_json::from_slice::<Record>(&line)
                .map_err(|e| format!("line {n} is not a backup record: {e}"))?;
            if n == 1 {
                progress.header(&record)?;
            } else {
                progress.add(record);
            }
            progress.whole_len += read as u64;
        }
        if n == 0 {
            return Err("it has no whole line".into());
        }
        Ok(progress)
    }

    fn header(&mut self, record: &Record) -> Result<(), String> {
        let Record::Header {
            format,
            version,
            pool_id,
            shards,
            mfa,
            ..
        } = record
        else {
            return Err("its first line is not a backup header".into());
        };
        if format != FORMAT || *version != VERSION {
            return Err(format!(
                "it is {format} version {version}; this cognitui reads {FORMAT} version {VERSION}"
            ));
        }
        pool_id.clone_into(&mut self.pool_id);
        self.shards.clone_from(shards);
        self.mfa = *mfa;
        Ok(())
    }

    fn add(&mut self, record: Record) {
        match record {
            Record::Group { .. } => self.groups += 1,
            Record::User(user) => {
                self.started_users = true;
                self.users += 1;
                let shard = self.shard_of(user.sub().unwrap_or_default());
                self.partial_shards
                    .entry(shard)
                    .or_default()
                    .insert(user.username);
            }
            Record::ShardDone { prefix, .. } => {
                self.started_users = true;
                self.partial_shards.remove(&prefix);
                self.done_shards.insert(prefix);
            }
            Record::Member { group, username } => {
                self.started_users = true;
                self.members += 1;
                self.partial_groups
                    .entry(group)
                    .or_default()
                    .insert(username);
            }
            Record::GroupDone { group, .. } => {
                self.partial_groups.remove(&group);
                self.done_groups.insert(group);
            }
            Record::End { .. } => self.ended = true,
            Record::Header { .. } | Record::Pool(_) | Record::Client(_) => {}
        }
    }

    /// The shard a user of this `sub` is read in.
    pub fn shard_of(&self, sub: &str) -> String {
        self.shards
            .iter()
            .find(|p| sub.starts_with(p.as_str()))
            .cloned()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> String {
        format!(
            r#"{{"type":"header","format":"{FORMAT}","version":{VERSION},"pool_id":"p","pool_name":"demo","started":"2026-12-06T00:00:00Z","shards":["0","a"]}}"#
        )
    }

    fn user(name: &str, sub: &str) -> String {
        format!(
            r#"{{"type":"user","username":"{name}","status":"CONFIRMED","enabled":true,"attributes":{{"sub":"{sub}"}},"created":null,"modified":null}}"#
        )
    }

    #[test]
    fn a_file_cut_short_says_what_is_done_and_drops_its_last_half_line() {
        let lines = [
            header(),
            r#"{"type":"group","name":"staff","description":null,"precedence":null,"role_arn":null}"#.into(),
            user("ann", "0f"),
            user("bob", "a1"),
            r#"{"type":"shard_done","prefix":"0","users":1}"#.into(),
            user("cat", "a2"),
        ];
        let mut text = lines.join("\n");
        let whole = text.len() as u64 + 1;
        text.push_str("\n{\"type\":\"user\",\"usern");
        let p = Progress::read(text.as_bytes()).expect("reads");
        assert_eq!(p.pool_id, "p");
        assert_eq!((p.users, p.groups, p.members), (3, 1, 0));
        assert!(p.started_users && !p.ended);
        assert_eq!(p.done_shards, HashSet::from(["0".to_owned()]));
        assert_eq!(
            p.partial_shards,
            HashMap::from([(
                "a".to_owned(),
                HashSet::from(["bob".to_owned(), "cat".to_owned()])
            )])
        );
        assert_eq!(p.whole_len, whole);
    }

    #[test]
    fn a_file_that_is_not_a_backup_is_refused_with_why() {
        let err = |text: &str| Progress::read(text.as_bytes()).expect_err("refused");
        assert_eq!(err(""), "it has no whole line");
        let end = "{\"type\":\"end\",\"users\":0,\"groups\":0,\"members\":0}\n";
        assert!(err(end).contains("header"));
        let newer = header().replace("\"version\":1", "\"version\":9") + "\n";
        assert!(err(&newer).contains("version 9"));
        let broken = format!("{}\nnot json\n{}\n", header(), user("a", "0"));
        assert!(err(&broken).starts_with("line 2 is not a backup record"));
    }
}
