//! Export end to end against the emulator: a filtered set to CSV with groups and to JSON; each
//! file parses back to the same users, as ListUsers and AdminListGroupsForUser describe them.
//! A relative name is written where the form said (an absolute path); an existing file is
//! replaced only after the question; formula cells are neutralised in CSV, exact in JSON.

mod common;

use std::collections::BTreeMap;

use cognitui::app::Status;
use cognitui::screens::export::{ExportPhase, ExportRun};
use cognitui::session::Session;
use common::journey::{Pool, open, pool, press, signed_up, type_text};
use common::{backspaces, settle};
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;

/// A cell a spreadsheet would run: a link to somewhere else.
const FORMULA: &str = r#"=HYPERLINK("http://x","y")"#;

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

/// Searches `ann` (`users` match), opens the export, types `name` (relative names go to
/// `dir`), sets groups, and presses Enter.
async fn start_export(
    p: &Pool,
    users: usize,
    dir: &std::path::Path,
    name: &str,
    groups: bool,
) -> Session<TestBackend> {
    let mut s = open(p).await;
    s.app.options_mut().export_dir = dir.to_path_buf();
    type_text(&mut s, "/");
    type_text(&mut s, "ann");
    settle(&mut s, "the search", |a| {
        a.lookup().complete() && a.lookup().users.len() == users && a.in_flight().is_empty()
    })
    .await;
    press(&mut s, KeyCode::Esc);
    type_text(&mut s, "E");
    assert!(s.app.module_as::<ExportRun>().is_some());
    for event in backspaces(20) {
        s.handle(event);
    }
    type_text(&mut s, name);
    if groups {
        press(&mut s, KeyCode::F(5));
    }
    press(&mut s, KeyCode::Enter);
    s
}

async fn written(s: &mut Session<TestBackend>, users: usize) {
    settle(s, "the file", |a| {
        a.module_as::<ExportRun>()
            .is_some_and(|r| r.phase == ExportPhase::Done(users))
    })
    .await;
}

/// Exports the three `ann` users to `file` and waits for the file.
async fn export(p: &Pool, file: &std::path::Path, groups: bool) {
    let dir = file.parent().expect("a directory");
    let mut s = start_export(p, 3, dir, &file.display().to_string(), groups).await;
    written(&mut s, 3).await;
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

#[tokio::test]
async fn a_relative_name_is_written_to_the_absolute_path_shown() {
    let p = pool(false).await;
    seed(&p).await;
    let dir = tempfile::tempdir().expect("dir");
    let mut s = open(&p).await;
    s.app.options_mut().export_dir = dir.path().to_path_buf();
    type_text(&mut s, "E");
    for event in backspaces(20) {
        s.handle(event);
    }
    type_text(&mut s, "out/../ann.csv");
    let expected = dir.path().join("ann.csv");
    let shown = common::screen(&mut s);
    assert!(
        shown.contains(&format!("Writes to {}", expected.display())),
        "the form shows the absolute path before Enter:\n{shown}"
    );
    press(&mut s, KeyCode::Enter);
    written(&mut s, 4).await;
    assert!(expected.is_file(), "written where the form said");
    assert_eq!(
        s.app.status(),
        Some(&Status::Info(format!(
            "Exported 4 users to {}.",
            expected.display()
        )))
    );
    assert!(common::screen(&mut s).contains(&expected.display().to_string()));
}

#[tokio::test]
async fn an_existing_file_is_replaced_only_after_the_question() {
    let p = pool(false).await;
    seed(&p).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("ann.json");
    std::fs::write(&file, "the agent's own notes").expect("existing file");
    let mut s = start_export(&p, 3, dir.path(), "ann.json", true).await;
    settle(&mut s, "the question", |a| {
        a.module_as::<ExportRun>()
            .is_some_and(|r| r.phase == ExportPhase::Exists)
    })
    .await;
    let shown = common::screen(&mut s);
    assert!(
        shown.contains(&format!("{} exists: replace it?", file.display())),
        "{shown}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("file"),
        "the agent's own notes",
        "nothing is replaced before the answer"
    );
    // Esc goes back to the form and leaves the file alone; Enter there asks again.
    press(&mut s, KeyCode::Esc);
    assert!(
        s.app
            .module_as::<ExportRun>()
            .is_some_and(|r| r.phase == ExportPhase::Form)
    );
    assert!(s.app.in_flight().is_empty());
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "the question again", |a| {
        a.module_as::<ExportRun>()
            .is_some_and(|r| r.phase == ExportPhase::Exists)
    })
    .await;
    assert_eq!(
        std::fs::read_to_string(&file).expect("file"),
        "the agent's own notes"
    );
    press(&mut s, KeyCode::Enter);
    written(&mut s, 3).await;
    let users: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("file")).expect("json");
    assert_eq!(users.len(), 3);
    let ann_b = users
        .iter()
        .find(|u| u["username"] == "ann.b")
        .expect("ann.b");
    assert_eq!(ann_b["groups"], serde_json::json!(["support"]));
}

#[tokio::test]
async fn formula_cells_are_neutralised_in_csv_and_exact_in_json() {
    let p = pool(false).await;
    signed_up(
        &p,
        "ann.formula",
        &[
            ("email", "ann.formula@example.com"),
            ("name", FORMULA),
            ("custom:tier", "@SUM(A1)"),
            ("family_name", "-2+3"),
        ],
    )
    .await;
    let dir = tempfile::tempdir().expect("dir");
    let csv_file = dir.path().join("ann.csv");
    let mut s = start_export(&p, 1, dir.path(), "ann.csv", false).await;
    written(&mut s, 1).await;
    let text = std::fs::read_to_string(&csv_file).expect("csv");
    assert!(
        text.contains(r#""'=HYPERLINK(""http://x"",""y"")""#),
        "prefixed and quoted: {text}"
    );
    let mut reader = csv::Reader::from_path(&csv_file).expect("csv");
    let headers = reader.headers().expect("headers").clone();
    let record = reader.records().next().expect("one user").expect("record");
    let cell = |name: &str| {
        let i = headers.iter().position(|h| h == name).expect(name);
        record[i].to_owned()
    };
    assert_eq!(cell("name"), format!("'{FORMULA}"));
    assert_eq!(cell("custom:tier"), "'@SUM(A1)");
    assert_eq!(cell("family_name"), "'-2+3");
    assert_eq!(cell("username"), "ann.formula", "safe cells are unchanged");
    assert_eq!(cell("email"), "ann.formula@example.com");

    let json_file = dir.path().join("ann.json");
    let mut s = start_export(&p, 1, dir.path(), "ann.json", false).await;
    written(&mut s, 1).await;
    let users: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&json_file).expect("file")).expect("json");
    assert_eq!(users[0]["attributes"]["name"], FORMULA);
    assert_eq!(users[0]["attributes"]["custom:tier"], "@SUM(A1)");
    assert_eq!(users[0]["attributes"]["family_name"], "-2+3");
}
