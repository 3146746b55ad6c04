//! Export end to end against the emulator: a filtered set to CSV with groups and to JSON; each
//! file parses back to the same users, as ListUsers and AdminListGroupsForUser describe them.

mod common;

use std::collections::BTreeMap;

use cognitui::app::{ExportPhase, Screen};
use common::journey::{Pool, open, pool, press, signed_up, type_text};
use common::{backspaces, settle};
use crossterm::event::KeyCode;

async fn seed(p: &Pool) {
    for name in ["ann.a", "ann.b", "ann.c", "bob.z"] {
        signed_up(
            p,
            name,
            &[
                ("email", &format!("{name}@example.com")),
                ("custom:tier", "gold"),
            ],
        )
        .await;
    }
    p.client
        .create_group()
        .user_pool_id(&p.id)
        .group_name("support")
        .send()
        .await
        .expect("group");
    p.client
        .admin_add_user_to_group()
        .user_pool_id(&p.id)
        .username("ann.b")
        .group_name("support")
        .send()
        .await
        .expect("add");
}

/// Searches `ann`, opens the export, names the file, sets groups, and waits for the file.
async fn export(p: &Pool, file: &std::path::Path, groups: bool) {
    let mut s = open(p).await;
    type_text(&mut s, "/");
    type_text(&mut s, "ann");
    settle(&mut s, "the search", |a| {
        a.lookup.complete() && a.lookup.users.len() == 3 && a.in_flight.is_empty()
    })
    .await;
    press(&mut s, KeyCode::Esc);
    type_text(&mut s, "E");
    assert!(matches!(s.app.screen, Screen::Export(_)));
    for event in backspaces(20) {
        s.handle(event);
    }
    type_text(&mut s, &file.display().to_string());
    if groups {
        press(&mut s, KeyCode::F(5));
    }
    press(&mut s, KeyCode::Enter);
    settle(
        &mut s,
        "the file",
        |a| matches!(&a.screen, Screen::Export(r) if r.phase == ExportPhase::Done(3)),
    )
    .await;
}

#[tokio::test]
async fn csv_with_groups_parses_back_to_the_same_users() {
    let p = pool(false).await;
    seed(&p).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("ann.csv");
    export(&p, &file, true).await;
    let mut reader = csv::Reader::from_path(&file).expect("csv");
    let headers = reader.headers().expect("headers").clone();
    let rows: Vec<BTreeMap<String, String>> = reader
        .records()
        .map(|r| {
            headers
                .iter()
                .zip(r.expect("record").iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| r["username"].as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["ann.a", "ann.b", "ann.c"]);
    for row in &rows {
        let name = &row["username"];
        let user = common::journey::get(&p, name).await;
        assert_eq!(row["status"], user.user_status().expect("status").as_str());
        assert_eq!(row["enabled"], user.enabled().to_string());
        assert_eq!(row["email"], format!("{name}@example.com"));
        assert_eq!(row["custom:tier"], "gold");
        assert_eq!(
            row["sub"],
            common::journey::value(&user, "sub").expect("sub")
        );
        let expected_groups = if name == "ann.b" { "support" } else { "" };
        assert_eq!(row["groups"], expected_groups);
    }
}

#[tokio::test]
async fn json_parses_back_to_the_same_users() {
    let p = pool(false).await;
    seed(&p).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("ann.json");
    export(&p, &file, false).await;
    let users: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("file")).expect("json");
    assert_eq!(users.len(), 3);
    for u in &users {
        let name = u["username"].as_str().expect("username");
        let user = common::journey::get(&p, name).await;
        assert_eq!(u["status"], user.user_status().expect("status").as_str());
        assert_eq!(u["attributes"]["email"], format!("{name}@example.com"));
        assert_eq!(
            u["attributes"].as_object().expect("attributes").len(),
            user.user_attributes().len()
        );
        assert!(u.get("groups").is_none(), "groups only when asked");
    }
}
