//! `cognitui backup`, `compare` and `restore` on an emulator pool with every user state, a
//! custom attribute, groups and memberships: what the backup holds, its mode, a backup cut short
//! carried on with `--resume`, a comparison with the pool, and a restore into a new pool
//! (its plan, a dry run that sends nothing, a lost answer never sent twice) compared back.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use cognitui::backup::{Progress, Record};
use common::emulator;
use common::journey::{Pool, confirmed_with, group, invited, pool, prefer_sms, signed_up};
use common::proxy::{Fault, Proxy};

/// Users in every state, one disabled, one with a custom attribute (the test pool has
/// `custom:tier`); two groups, three memberships.
async fn seeded() -> Pool {
    let p = pool(false).await;
    confirmed_with(
        &p,
        "ann",
        &[
            ("email", "ann@example.com"),
            ("email_verified", "true"),
            ("custom:tier", "gold"),
        ],
    )
    .await;
    confirmed_with(&p, "bob", &[("phone_number", "+15550100001")]).await;
    signed_up(&p, "cat", &[("email", "cat@example.com")]).await;
    invited(&p, "dan", "Temp-Passw0rd!").await;
    confirmed_with(
        &p,
        "eve",
        &[("email", "eve@example.com"), ("email_verified", "true")],
    )
    .await;
    p.client
        .admin_reset_user_password()
        .user_pool_id(&p.id)
        .username("eve")
        .send()
        .await
        .expect("reset");
    p.client
        .admin_disable_user()
        .user_pool_id(&p.id)
        .username("bob")
        .send()
        .await
        .expect("disable");
    group(&p, "staff").await;
    group(&p, "admins").await;
    for (g, u) in [("staff", "ann"), ("staff", "bob"), ("admins", "ann")] {
        p.client
            .admin_add_user_to_group()
            .user_pool_id(&p.id)
            .group_name(g)
            .username(u)
            .send()
            .await
            .expect("add to group");
    }
    p
}

fn cognitui(args: &[&str]) -> Output {
    cognitui_at(&emulator().endpoint(), args)
}

/// Runs cognitui against `endpoint`, its audit log in a directory of its own.
fn cognitui_at(endpoint: &str, args: &[&str]) -> Output {
    let config = tempfile::NamedTempFile::new().expect("temporary file");
    let data = tempfile::tempdir().expect("data dir");
    command_at(endpoint, args, config.path(), data.path())
        .output()
        .expect("run cognitui")
}

/// The cognitui command against `endpoint`, with the configuration file `config` and its
/// data (the audit log) in `data`.
fn command_at(endpoint: &str, args: &[&str], config: &Path, data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cognitui"));
    command
        .args(args)
        .args(["--endpoint-url", endpoint, "--region", "us-east-1"])
        .env("XDG_DATA_HOME", data)
        .args(["--config".as_ref(), config.as_os_str()])
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env_remove("AWS_PROFILE");
    command
}

fn back_up(pool: &str, file: &Path, resume: bool) -> Output {
    let file = file.to_str().expect("utf-8 path");
    let mut args = vec!["backup", "--user-pool-id", pool, "--out", file];
    if resume {
        args.push("--resume");
    }
    cognitui(&args)
}

fn records(file: &Path) -> Vec<Record> {
    std::fs::read_to_string(file)
        .expect("backup file")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a record a line"))
        .collect()
}

/// What a backup says of the pool, in a form two backups compare by: every line but the
/// header, the closing lines' counts aside, in order.
fn content(file: &Path) -> BTreeSet<String> {
    records(file)
        .into_iter()
        .filter(|r| !matches!(r, Record::Header { .. } | Record::ShardDone { .. }))
        .map(|r| r.line())
        .collect()
}

#[tokio::test]
async fn a_backup_holds_the_pool_its_groups_every_user_and_membership() {
    let p = seeded().await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("pool.jsonl");
    let out = back_up(&p.id, &file, false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("written: 5 users, 2 groups, 3 memberships."),
        "{stderr}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("file").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the backup holds personal data");
    }
    let records = records(&file);
    assert!(matches!(&records[0], Record::Header { pool_id, .. } if *pool_id == p.id));
    let Some(Record::Pool(description)) = records.get(1) else {
        panic!("the pool's description comes second: {records:?}");
    };
    assert!(description.schema.iter().any(|a| a.name == "custom:tier"));
    let Some(Record::Client(web)) = records.get(2) else {
        panic!("the app client comes third: {records:?}");
    };
    assert_eq!(web.name, "web");
    assert!(
        web.explicit_auth_flows
            .contains(&"ALLOW_USER_PASSWORD_AUTH".to_owned()),
        "its settings are kept: {web:?}"
    );
    let users: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            Record::User(u) => Some(u),
            _ => None,
        })
        .collect();
    let states: BTreeSet<(&str, &str, bool)> = users
        .iter()
        .map(|u| (u.username.as_str(), u.status.as_str(), u.enabled))
        .collect();
    assert_eq!(
        states,
        BTreeSet::from([
            ("ann", "CONFIRMED", true),
            ("bob", "CONFIRMED", false),
            ("cat", "UNCONFIRMED", true),
            ("dan", "FORCE_CHANGE_PASSWORD", true),
            ("eve", "RESET_REQUIRED", true),
        ])
    );
    let ann = users.iter().find(|u| u.username == "ann").expect("ann");
    assert_eq!(ann.attributes["custom:tier"], "gold");
    assert!(ann.sub().is_some_and(|s| !s.is_empty()));
    let members: BTreeSet<(String, String)> = records
        .iter()
        .filter_map(|r| match r {
            Record::Member { group, username } => Some((group.clone(), username.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(members.len(), 3);
    assert!(members.contains(&("admins".into(), "ann".into())));
    assert_eq!(
        records.last(),
        Some(&Record::End {
            users: 5,
            groups: 2,
            members: 3
        })
    );
    // Never a password: the invitation's temporary password is nowhere in the file.
    let text = std::fs::read_to_string(&file).expect("file");
    assert!(!text.contains("Temp-Passw0rd!"));
    // A second backup into the same file is refused: nothing is overwritten.
    let again = back_up(&p.id, &file, false);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&again.stderr)
            .contains("already exists: carry it on with --resume"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[tokio::test]
async fn a_backup_cut_short_is_carried_on_to_the_same_file() {
    let p = seeded().await;
    let dir = tempfile::tempdir().expect("dir");
    let whole = dir.path().join("whole.jsonl");
    assert_eq!(back_up(&p.id, &whole, false).status.code(), Some(0));
    // Cut after the second closed shard that holds a user, in the middle of the next line.
    let text = std::fs::read_to_string(&whole).expect("file");
    let lines: Vec<&str> = text.lines().collect();
    let last_user = lines
        .iter()
        .rposition(|l| l.contains(r#""type":"user""#))
        .expect("users");
    let mut cut = lines[..last_user].join("\n");
    cut.push('\n');
    cut.push_str(&lines[last_user][..10]);
    let resumed = dir.path().join("resumed.jsonl");
    std::fs::write(&resumed, &cut).expect("write");
    let before = Progress::read(cut.as_bytes()).expect("reads");
    assert!(!before.ended && before.users == 4, "{before:?}");
    // Begun without MFA settings, it is not carried on with them.
    let mixed = cognitui(&[
        "backup",
        "--user-pool-id",
        &p.id,
        "--out",
        resumed.to_str().expect("path"),
        "--resume",
        "--mfa",
    ]);
    assert_eq!(mixed.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&mixed.stderr)
            .contains("was begun without the users' MFA settings: resume it without them"),
        "{}",
        String::from_utf8_lossy(&mixed.stderr)
    );
    assert_eq!(std::fs::read_to_string(&resumed).expect("file"), cut);
    let out = back_up(&p.id, &resumed, true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("written: 5 users"), "{stderr}");
    assert_eq!(content(&resumed), content(&whole));
    let users = records(&resumed)
        .iter()
        .filter(|r| matches!(r, Record::User(_)))
        .count();
    assert_eq!(users, 5, "no user written twice");
    // Resuming a whole file changes nothing.
    let again = back_up(&p.id, &resumed, true);
    assert!(String::from_utf8_lossy(&again.stderr).contains("is already whole"));
    assert_eq!(content(&resumed), content(&whole));
    // Nor is another pool's backup carried on.
    let other = pool(false).await;
    let refused = back_up(&other.id, &resumed, true);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains(&format!("is a backup of pool {}", p.id))
    );
}

#[tokio::test]
async fn a_pool_compared_with_its_backup_matches_until_it_changes() {
    let p = seeded().await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("pool.jsonl");
    assert_eq!(back_up(&p.id, &file, false).status.code(), Some(0));
    let path = file.to_str().expect("utf-8 path");
    let same = cognitui(&["compare", &p.id, path]);
    let text = String::from_utf8_lossy(&same.stdout);
    assert_eq!(
        same.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&same.stderr)
    );
    assert!(
        text.contains("Users: 5 in both, 0 of them differ; 0 only in A; 0 only in B."),
        "{text}"
    );
    // The pool changes: ann's email, bob leaves staff, fay arrives.
    p.client
        .admin_update_user_attributes()
        .user_pool_id(&p.id)
        .username("ann")
        .user_attributes(
            aws_sdk_cognitoidentityprovider::types::AttributeType::builder()
                .name("email")
                .value("ann@other.org")
                .build()
                .expect("attribute"),
        )
        .send()
        .await
        .expect("update");
    p.client
        .admin_remove_user_from_group()
        .user_pool_id(&p.id)
        .group_name("staff")
        .username("bob")
        .send()
        .await
        .expect("remove");
    confirmed_with(&p, "fay", &[]).await;
    let differ = cognitui(&["compare", path, &p.id, "--json"]);
    assert_eq!(differ.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&differ.stdout).expect("JSON");
    assert_eq!(json["only_in_b"], serde_json::json!(["fay"]));
    assert_eq!(json["only_in_a"], serde_json::json!([]));
    let differs = changes(&json);
    assert!(
        differs.contains(r#"ann email: "ann@example.com" -> "ann@other.org""#),
        "{differs:?}"
    );
    assert!(
        differs.contains(r#"bob groups: "staff" -> null"#),
        "{differs:?}"
    );
    // A backup cut short is not compared.
    let text = std::fs::read_to_string(&file).expect("file");
    let cut = dir.path().join("cut.jsonl");
    std::fs::write(&cut, &text[..text.len() / 2]).expect("write");
    let refused = cognitui(&["compare", cut.to_str().expect("path"), &p.id]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("was cut short"));
    restored_in_place(&p, path);
}

/// The backup restored into the pool it came from with `--update-existing`: ann's email and
/// bob's membership come back; fay, whom the backup lacks, stays.
fn restored_in_place(p: &Pool, backup: &str) {
    let restore = cognitui(&[
        "restore",
        "--from",
        backup,
        "--user-pool-id",
        &p.id,
        "--update-existing",
        "--yes",
    ]);
    let said = String::from_utf8_lossy(&restore.stdout);
    assert_eq!(restore.status.code(), Some(0), "{said}");
    assert!(
        said.contains("  ann: email ann@other.org → ann@example.com"),
        "{said}"
    );
    assert!(
        said.contains("Done: 0 users created, 0 disabled, 1 user updated, 1 membership added"),
        "{said}"
    );
    let back = cognitui(&["compare", backup, &p.id, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&back.stdout).expect("JSON");
    assert_eq!(json["only_in_b"], serde_json::json!(["fay"]));
    assert!(changes(&json).is_empty(), "{json}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restored_into_a_new_pool_compares_back_as_its_plan_said() {
    let p = seeded().await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("pool.jsonl");
    assert_eq!(back_up(&p.id, &file, false).status.code(), Some(0));
    let from = file.to_str().expect("utf-8 path").to_owned();
    let target = pool(false).await;
    let restore = move |endpoint: String, extra: &'static [&'static str]| {
        let (from, id) = (from.clone(), target.id.clone());
        tokio::task::spawn_blocking(move || {
            let mut args = vec!["restore", "--from", &from, "--user-pool-id", &id];
            args.extend(extra);
            cognitui_at(&endpoint, &args)
        })
    };
    // Without --yes or --dry-run, nothing.
    let refused = restore(emulator().endpoint(), &[]).await.expect("run");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--dry-run"));
    // The dry run prints the plan and sends no change (seen on the wire).
    let upstream = format!("127.0.0.1:{}", emulator().port());
    let proxy = Proxy::start(&upstream, "AdminCreateUser", Fault::DropAnswerOnce).await;
    let dry = restore(proxy.endpoint.clone(), &["--dry-run"])
        .await
        .expect("run");
    let plan = String::from_utf8_lossy(&dry.stdout);
    assert_eq!(
        dry.status.code(),
        Some(0),
        "{plan}{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    for line in [
        "Groups to create: 2.",
        "Users to create: 4 (1 of them then disabled).",
        "Memberships to add: 3.",
        "  cat: UNCONFIRMED: skipped, as chosen (they can be created instead)",
        "Dry run: nothing was sent.",
    ] {
        assert!(plan.contains(line), "{line}\n{plan}");
    }
    let sent = [
        "CreateGroup",
        "AdminCreateUser",
        "AdminDisableUser",
        "AdminAddUserToGroup",
    ];
    assert!(
        sent.iter().all(|c| proxy.count(c) == 0),
        "a dry run sent a change"
    );
    // Carried out, with the first AdminCreateUser's answer lost: read again, never sent twice.
    let done = restore(proxy.endpoint.clone(), &["--yes"])
        .await
        .expect("run");
    let said = String::from_utf8_lossy(&done.stdout);
    assert_eq!(
        done.status.code(),
        Some(0),
        "{said}{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(
        said.contains("Done: 4 users created, 1 disabled, 3 memberships added, 2 groups created."),
        "{said}"
    );
    assert_eq!(
        proxy.count("AdminCreateUser"),
        4,
        "a lost answer was sent again"
    );
    let told = String::from_utf8_lossy(&done.stderr);
    assert!(told.contains("4 of 4 users created"), "{told}");
    // Compared back: cat was skipped, and the others must set a password (passwords never
    // leave a pool); nothing else differs.
    let target_id = pool_of(&said);
    assert_restored_as_planned(file.to_str().expect("path"), &target_id);
    assert_subs_mapped(&dir.path().join("pool.subs.csv"), &file);
    // Run again, it carries on: nothing is left to create.
    let again = restore(emulator().endpoint(), &["--yes"])
        .await
        .expect("run");
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(said.contains("Users to create: 0"), "{said}");
    assert!(said.contains("4 with the same attributes"), "{said}");
}

/// The target pool's id, as the restore's first line names it.
fn pool_of(said: &str) -> String {
    said.lines()
        .next()
        .and_then(|l| l.split(" into ").nth(1))
        .and_then(|l| l.split(' ').next())
        .expect("Restoring … into POOL (name):")
        .to_owned()
}

/// Each change a comparison lists: `user field: a -> b`.
fn changes(json: &serde_json::Value) -> BTreeSet<String> {
    json["users_differ"]
        .as_array()
        .expect("list")
        .iter()
        .flat_map(|d| {
            let name = d["name"].as_str().expect("name").to_owned();
            d["changes"]
                .as_array()
                .expect("changes")
                .iter()
                .map(move |c| {
                    let field = c["field"].as_str().expect("field");
                    format!("{name} {field}: {} -> {}", c["a"], c["b"])
                })
        })
        .collect()
}

/// The mapping holds each restored user's old sub (all but cat's).
fn assert_subs_mapped(map: &Path, backup: &Path) {
    let map = std::fs::read_to_string(map).expect("sub map");
    let lines: Vec<&str> = map.lines().collect();
    assert_eq!(lines[0], "old_sub,new_sub,username");
    assert_eq!(lines.len(), 5, "{map}");
    let old: BTreeSet<String> = records(backup)
        .into_iter()
        .filter_map(|r| match r {
            Record::User(u) if u.username != "cat" => u.sub().map(ToOwned::to_owned),
            _ => None,
        })
        .collect();
    let mapped: BTreeSet<String> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().expect("old sub").to_owned())
        .collect();
    assert_eq!(mapped, old);
}

#[tokio::test]
async fn a_backup_with_mfa_reads_each_users_settings() {
    let p = seeded().await;
    prefer_sms(&p, "bob").await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("pool.jsonl");
    let path = file.to_str().expect("utf-8 path");
    let out = cognitui(&["backup", "--user-pool-id", &p.id, "--out", path, "--mfa"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mfa: BTreeSet<(String, Vec<String>, Option<String>)> = records(&file)
        .into_iter()
        .filter_map(|r| match r {
            Record::User(u) => {
                let mfa = u.mfa.expect("read with --mfa");
                Some((u.username, mfa.enabled, mfa.preferred))
            }
            _ => None,
        })
        .collect();
    assert!(
        mfa.contains(&("bob".into(), vec!["SMS_MFA".into()], Some("SMS_MFA".into()))),
        "{mfa:?}"
    );
    assert!(mfa.contains(&("ann".into(), vec![], None)), "{mfa:?}");
    // Without --mfa, no user line says anything of MFA.
    let plain = dir.path().join("plain.jsonl");
    assert_eq!(back_up(&p.id, &plain, false).status.code(), Some(0));
    assert!(
        !std::fs::read_to_string(&plain)
            .expect("file")
            .contains("\"mfa\":{")
    );
}

/// A restore stopped halfway (its process killed while its disables were on their way) and run
/// again: the second run names what the first left (a user it created but did not disable)
/// and ends with the pool a whole restore gives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_restore_run_again_reaches_the_same_pool() {
    let p = seeded().await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("pool.jsonl");
    assert_eq!(back_up(&p.id, &file, false).status.code(), Some(0));
    let target = pool(false).await;
    let upstream = format!("127.0.0.1:{}", emulator().port());
    let proxy = Proxy::start(&upstream, "AdminDisableUser", Fault::Hold).await;
    let (config, data) = (
        tempfile::NamedTempFile::new().expect("config"),
        tempfile::tempdir().expect("data"),
    );
    let from = file.to_str().expect("path");
    let args = [
        "restore",
        "--from",
        from,
        "--user-pool-id",
        &target.id,
        "--yes",
    ];
    let mut first = command_at(&proxy.endpoint, &args, config.path(), data.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let waited = tokio::time::timeout(std::time::Duration::from_mins(1), async {
        while proxy.count("AdminDisableUser") == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    })
    .await;
    first.kill().expect("kill");
    let _ = first.wait();
    waited.expect("the first run reached its disables");
    let bob = common::journey::get(&target, "bob").await;
    assert!(bob.enabled(), "the first run did not get to disable bob");
    // What the first run sent before it was stopped is in its audit log already.
    let audit = find_file(data.path(), "audit.jsonl").expect("the first run's audit log");
    let audited = std::fs::read_to_string(audit).expect("audit log");
    assert_eq!(
        audited
            .lines()
            .filter(|l| l.contains("AdminCreateUser"))
            .count(),
        4,
        "{audited}"
    );
    let again = cognitui(&args);
    let said = String::from_utf8_lossy(&again.stdout);
    assert_eq!(again.status.code(), Some(0), "{said}");
    assert!(
        said.contains("Users to create: 0 (0 of them then disabled)."),
        "{said}"
    );
    assert!(
        said.contains("Users an earlier run of this restore created, to disable: 1."),
        "{said}"
    );
    assert!(!common::journey::get(&target, "bob").await.enabled());
    assert_restored_as_planned(from, &target.id);
}

/// The backup at `from` compared with `pool`, restored into it: the only differences are the
/// UNCONFIRMED user skipped and the statuses (passwords never leave a pool).
fn assert_restored_as_planned(from: &str, pool: &str) {
    let compared = cognitui(&["compare", from, pool, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&compared.stdout).expect("JSON");
    assert_eq!(json["only_in_a"], serde_json::json!(["cat"]));
    assert_eq!(json["only_in_b"], serde_json::json!([]));
    assert_eq!(json["groups_differ"], serde_json::json!([]));
    assert_eq!(
        changes(&json),
        BTreeSet::from([
            r#"ann status: "CONFIRMED" -> "FORCE_CHANGE_PASSWORD""#.to_owned(),
            r#"bob status: "CONFIRMED" -> "FORCE_CHANGE_PASSWORD""#.to_owned(),
            r#"eve status: "RESET_REQUIRED" -> "FORCE_CHANGE_PASSWORD""#.to_owned(),
        ])
    );
}

/// The file named `name` somewhere below `dir`.
fn find_file(dir: &Path, name: &str) -> Option<std::path::PathBuf> {
    std::fs::read_dir(dir).ok()?.flatten().find_map(|entry| {
        let path = entry.path();
        if path.is_dir() {
            find_file(&path, name)
        } else {
            (path.file_name()? == name).then_some(path)
        }
    })
}
