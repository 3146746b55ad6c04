//! The pool doctor on an emulator pool seeded with a known number of users in each trap: the
//! counts match exactly, through the library and through `cognitui doctor --json`.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use chrono::{TimeDelta, Utc};
use cognitui::cognito::Cognito;
use cognitui::commands::doctor::examine_pool;
use common::emulator;
use common::journey::{Pool, confirmed_with, group, invited, pool, signed_up};

const VERIFIED: (&str, &str) = ("email_verified", "true");

/// The pool: 2 confirmed without a verified contact, 1 without any contact, 3 unconfirmed, 2
/// invited, 1 reset, 2 sharing an email, 1 disabled in a group (beside an enabled member), 1
/// malformed phone and 1 healthy: 15 users.
async fn seeded() -> Pool {
    let p = pool(false).await;
    confirmed_with(&p, "trap.one", &[("email", "one@example.com")]).await;
    confirmed_with(&p, "trap.two", &[("phone_number", "+15550100002")]).await;
    confirmed_with(&p, "mute", &[]).await;
    for name in ["late.a", "late.b", "late.c"] {
        signed_up(&p, name, &[("email", &format!("{name}@example.com"))]).await;
    }
    for name in ["guest.a", "guest.b"] {
        invited(&p, name, "Temp-Passw0rd!").await;
    }
    confirmed_with(&p, "reset", &[("email", "reset@example.com"), VERIFIED]).await;
    p.client
        .admin_reset_user_password()
        .user_pool_id(&p.id)
        .username("reset")
        .send()
        .await
        .expect("reset");
    confirmed_with(&p, "twin.a", &[("email", "Twin@Example.com"), VERIFIED]).await;
    confirmed_with(&p, "twin.b", &[("email", "twin@example.com"), VERIFIED]).await;
    confirmed_with(&p, "off", &[("email", "off@example.com"), VERIFIED]).await;
    confirmed_with(&p, "on", &[("email", "on@example.com"), VERIFIED]).await;
    group(&p, "staff").await;
    for name in ["off", "on"] {
        p.client
            .admin_add_user_to_group()
            .user_pool_id(&p.id)
            .username(name)
            .group_name("staff")
            .send()
            .await
            .expect("add to group");
    }
    p.client
        .admin_disable_user()
        .user_pool_id(&p.id)
        .username("off")
        .send()
        .await
        .expect("disable");
    confirmed_with(
        &p,
        "badphone",
        &[
            ("email", "badphone@example.com"),
            VERIFIED,
            ("phone_number", "555-0100"),
        ],
    )
    .await;
    confirmed_with(&p, "healthy", &[("email", "healthy@example.com"), VERIFIED]).await;
    p
}

/// The findings as kind → users, from the report's JSON.
fn by_kind(report: &serde_json::Value) -> BTreeMap<String, Vec<String>> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let users = f["users"].as_array().expect("users");
            (
                f["kind"].as_str().expect("kind").to_owned(),
                users
                    .iter()
                    .map(|u| u.as_str().expect("name").to_owned())
                    .collect(),
            )
        })
        .collect()
}

fn expected() -> BTreeMap<String, Vec<String>> {
    let kinds: [(&str, &[&str]); 7] = [
        ("unverified_contact_confirmed", &["trap.one", "trap.two"]),
        ("no_contact", &["mute"]),
        ("stale_unconfirmed", &["late.a", "late.b", "late.c"]),
        ("expired_invitation", &["guest.a", "guest.b"]),
        ("reset_required", &["reset"]),
        ("duplicate_email", &["twin.a", "twin.b"]),
        ("disabled_in_group", &["off"]),
    ];
    let mut all: BTreeMap<String, Vec<String>> = kinds
        .iter()
        .map(|(k, users)| {
            (
                (*k).to_owned(),
                users.iter().map(|u| (*u).to_owned()).collect(),
            )
        })
        .collect();
    all.insert("invalid_contact".into(), vec!["badphone".into()]);
    all
}

/// A configuration file without anything in it: the flags say it all.
fn empty_config() -> tempfile::NamedTempFile {
    tempfile::NamedTempFile::new().expect("temporary file")
}

#[tokio::test]
async fn each_trap_is_counted_exactly_as_seeded() {
    let p = seeded().await;
    let cognito = Cognito::new(&p.client);
    // Eight days on: the invitations (7 days) have expired, and the sign-ups are stale
    // after five.
    let now = Utc::now() + TimeDelta::days(8);
    let mut progress = Vec::new();
    let report = examine_pool(&cognito, &p.id, now, 5, &mut progress)
        .await
        .expect("report");
    assert_eq!(report.users_scanned, 15);
    let json = serde_json::to_value(&report).expect("json");
    assert_eq!(by_kind(&json), expected());
    let said = String::from_utf8(progress).expect("utf-8");
    assert!(said.contains("reading every user"), "{said}");
    // Today nothing is stale or expired yet.
    let today = examine_pool(&cognito, &p.id, Utc::now(), 5, &mut Vec::new())
        .await
        .expect("report");
    let kinds: Vec<&str> = today.findings.iter().map(|f| f.kind.id()).collect();
    assert!(
        !kinds.contains(&"stale_unconfirmed") && !kinds.contains(&"expired_invitation"),
        "{kinds:?}"
    );
}

#[tokio::test]
async fn the_command_prints_json_on_stdout_and_progress_on_stderr() {
    let p = seeded().await;
    let out = Command::new(env!("CARGO_BIN_EXE_cognitui"))
        .args([
            "doctor",
            "--json",
            "--stale-days",
            "0",
            "--user-pool-id",
            &p.id,
        ])
        .args([
            "--endpoint-url",
            &emulator().endpoint(),
            "--region",
            "us-east-1",
        ])
        .args(["--config".as_ref(), empty_config().path().as_os_str()])
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env_remove("AWS_PROFILE")
        .output()
        .expect("run cognitui doctor");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(json["users_scanned"], 15);
    assert!(json["pool"].is_string());
    let found = by_kind(&json);
    // With --stale-days 0 every UNCONFIRMED user is stale; invitations are fresh today.
    assert_eq!(found["stale_unconfirmed"], ["late.a", "late.b", "late.c"]);
    assert!(!found.contains_key("expired_invitation"), "{found:?}");
    assert_eq!(found["no_contact"], ["mute"]);
    assert!(
        stderr.contains("cognitui doctor: reading every user"),
        "{stderr}"
    );
}

#[test]
fn without_a_pool_it_says_how_to_name_one() {
    let out = Command::new(env!("CARGO_BIN_EXE_cognitui"))
        .args([
            "doctor".as_ref(),
            "--config".as_ref(),
            empty_config().path().as_os_str(),
        ])
        .output()
        .expect("run cognitui doctor");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--pool NAME or --user-pool-id ID"),
        "{stderr}"
    );
}
