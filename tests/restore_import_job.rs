//! `--passwords import-job`: a backup restored into an empty simulated pool through one Cognito
//! user import job (the emulator has no import jobs; the project's simulator answers them in
//! AWS's shapes). The job is made with the users that have a verified email or phone, its file
//! uploaded, followed until it ends; then each user imported arrives RESET_REQUIRED with a new
//! `sub` in the mapping file, is disabled as in the backup and put in its group.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use cognitui::audit::AuditLog;
use cognitui::backup::{BackedUpUser, FORMAT, Record, VERSION};
use cognitui::cognito::Cognito;
use cognitui::cognito::model::UserStatus;
use cognitui::dev::emulator_client;
use cognitui::dev::simulator::{POOL_ID, SimConfig, Simulator};
use cognitui::restore::apply::{apply, plan};
use cognitui::restore::{Choices, Passwords, Unconfirmed};

const ROLE: &str = "arn:aws:iam::123456789012:role/CognitoImport";

fn user(name: &str, enabled: bool, attributes: &[(&str, &str)]) -> Record {
    Record::User(BackedUpUser {
        username: name.into(),
        status: "CONFIRMED".into(),
        enabled,
        attributes: attributes
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<BTreeMap<_, _>>(),
        created: None,
        modified: None,
        mfa: None,
    })
}

/// Three users: ann (verified email, in staff), bob (verified phone, disabled), cy (nothing
/// verified: an imported cy could never get a reset code).
fn write_backup(path: &Path) {
    let mut file = std::fs::File::create(path).expect("file");
    let records = [
        Record::Header {
            format: FORMAT.into(),
            version: VERSION,
            pool_id: "us-east-1_Source".into(),
            pool_name: "source".into(),
            started: chrono::Utc::now(),
            shards: vec!["0".into()],
            mfa: false,
        },
        Record::Group {
            name: "staff".into(),
            description: None,
            precedence: None,
            role_arn: None,
        },
        user(
            "ann",
            true,
            &[
                ("sub", "old-ann"),
                ("email", "ann@example.com"),
                ("email_verified", "true"),
                ("name", "Smith, Ann"),
            ],
        ),
        user(
            "bob",
            false,
            &[
                ("sub", "old-bob"),
                ("phone_number", "+15550100001"),
                ("phone_number_verified", "true"),
            ],
        ),
        user(
            "cy",
            true,
            &[("sub", "old-cy"), ("email", "cy@example.com")],
        ),
        Record::Member {
            group: "staff".into(),
            username: "ann".into(),
        },
        Record::End {
            users: 3,
            groups: 1,
            members: 1,
        },
    ];
    for record in records {
        writeln!(file, "{}", record.line()).expect("written");
    }
}

#[tokio::test]
async fn users_restored_through_an_import_job_arrive_reset_required_and_mapped() {
    let sim = Simulator::start(SimConfig {
        users: 0,
        empty: true,
        latency: Duration::ZERO,
        jitter: 0.0,
        fault_rate: 0.0,
        resets_only: false,
    })
    .await
    .expect("simulator");
    let cognito = Cognito::new(&emulator_client(sim.endpoint(), Duration::from_secs(10)));
    let dir = tempfile::tempdir().expect("dir");
    let (from, sub_map) = (dir.path().join("b.jsonl"), dir.path().join("b.subs.csv"));
    write_backup(&from);
    let choices = Choices {
        unconfirmed: Unconfirmed::Skip,
        passwords: Passwords::ImportJob,
        update_existing: false,
        import_role: Some(ROLE.into()),
    };
    let mut progress = Vec::new();
    let planned = plan(&cognito, POOL_ID, &from, &sub_map, choices, &mut progress)
        .await
        .expect("plan");
    let names: Vec<&str> = planned
        .plan
        .create
        .iter()
        .map(|u| u.username.as_str())
        .collect();
    assert_eq!(names, ["ann", "bob"]);
    assert!(
        planned
            .plan
            .cannot
            .iter()
            .any(|(who, why)| who == "cy" && why.contains("no verified email or phone")),
        "{:?}",
        planned.plan.cannot
    );
    assert!(sim.stats().applied.is_empty(), "the plan changes nothing");
    let audit = AuditLog::new(None, "test".into());
    let done = apply(
        &cognito,
        POOL_ID,
        &planned.plan,
        &sub_map,
        &audit,
        &mut progress,
    )
    .await
    .expect("restore");
    let said = String::from_utf8_lossy(&progress);
    assert!(
        said.contains("is InProgress"),
        "followed until it ends: {said}"
    );
    assert!(
        said.contains("is Succeeded: 2 imported, 0 skipped, 0 failed"),
        "{said}"
    );
    assert_eq!(
        (done.created, done.disabled, done.members, done.groups),
        (2, 1, 1, 1)
    );
    assert!(
        done.failed.is_empty() && done.unknown.is_empty(),
        "{done:?}"
    );
    let stats = sim.stats();
    let imported = &stats.applied["StartUserImportJob"];
    assert_eq!(imported.get("ann"), Some(&1));
    assert_eq!(imported.get("bob"), Some(&1));
    assert!(
        !stats.applied.contains_key("AdminCreateUser"),
        "no user created one by one"
    );
    let ann = cognito.get_user(POOL_ID, "ann").await.expect("ann");
    assert_eq!(ann.user.status, UserStatus::ResetRequired);
    assert_eq!(ann.user.attribute("name"), Some("Smith, Ann"));
    assert_eq!(ann.groups, ["staff"]);
    let bob = cognito.get_user(POOL_ID, "bob").await.expect("bob");
    assert!(!bob.user.enabled, "disabled as in the backup");
    let map = std::fs::read_to_string(&sub_map).expect("sub map");
    let new_ann = ann.user.attribute("sub").expect("a new sub");
    assert!(map.contains(&format!("old-ann,{new_ann},ann\n")), "{map}");
    assert_eq!(map.lines().count(), 3, "{map}");
}
