//! The quota-true simulator the benchmarks run against, driven through the real SDK: it
//! answers ListUsers by `sub` shard with pages, AdminGetUser and admin changes, and holds a
//! category to its quota, answering TooManyRequests above it, which cuts cognitui's rate. An
//! empty simulated pool keeps the users, groups and memberships created in it, and runs user
//! import jobs whose file is uploaded to the simulator itself.

use std::time::Duration;

use aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata;
use aws_sdk_cognitoidentityprovider::types::UserImportJobStatusType;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::groups::{GroupChange, GroupSpec};
use cognitui::cognito::import::NewImportJob;
use cognitui::cognito::invite::{Delivery, Invitation};
use cognitui::cognito::model::{Attribute, UserStatus};
use cognitui::cognito::quota::Category;
use cognitui::cognito::{Cognito, CognitoError};
use cognitui::dev::emulator_client;
use cognitui::dev::simulator::{POOL_ID, SimConfig, Simulator};

async fn simulator(users: u32) -> Simulator {
    start(users, false).await
}

async fn start(users: u32, empty: bool) -> Simulator {
    Simulator::start(SimConfig {
        users,
        empty,
        latency: Duration::ZERO,
        jitter: 0.0,
        fault_rate: 0.0,
        resets_only: false,
    })
    .await
    .expect("simulator")
}

#[tokio::test]
async fn it_answers_the_sdk_pages_a_shard_and_keeps_a_change() {
    let sim = simulator(1000).await;
    let cognito = Cognito::new(&emulator_client(sim.endpoint(), Duration::from_secs(10)));
    let mut seen = 0;
    let mut token: Option<String> = None;
    loop {
        let page = cognito
            .list_users(POOL_ID, Some(r#"sub ^= "a""#), token.as_deref())
            .await
            .expect("a page");
        for user in &page.users {
            let sub = user.attribute("sub").expect("a sub");
            assert!(sub.starts_with('a'), "{sub}");
        }
        seen += page.users.len();
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    assert!(
        (40..=90).contains(&seen),
        "about a sixteenth of 1000: {seen}"
    );

    cognito
        .admin(POOL_ID, "user0000007", &AdminCall::Disable)
        .await
        .expect("disabled");
    let detail = cognito
        .get_user(POOL_ID, "user0000007")
        .await
        .expect("read");
    assert!(!detail.user.enabled);
    assert_eq!(detail.user.email(), Some("user0000007@example.com"));
}

#[tokio::test]
async fn above_its_quota_it_answers_too_many_requests_and_the_lane_is_cut() {
    let sim = simulator(100).await;
    sim.set_quota(Category::UserList, 3.0);
    let cognito =
        Cognito::new(&emulator_client(sim.endpoint(), Duration::from_secs(10))).with_read_rate(30);
    let calls = (0..10).map(|_| cognito.list_users(POOL_ID, None, None));
    let answers = futures::future::join_all(calls).await;
    let refused = answers.iter().filter(|a| a.is_err()).count();
    // Three go at once; the rest, spaced by cognitui's lane, mostly find the bucket empty.
    assert!((5..=7).contains(&refused), "{refused} refused: {answers:?}");
    assert_eq!(sim.stats().throttled.get("UserList"), Some(&refused));
    let slowed = cognito.quotas().slowed();
    assert_eq!(slowed.len(), 1);
    assert_eq!(slowed[0].category, Category::UserList);
}

fn invitation(username: &str, email: Option<&str>, delivery: Delivery) -> Invitation {
    Invitation {
        username: username.into(),
        attributes: email
            .map(|e| Attribute {
                name: "email".into(),
                value: e.into(),
            })
            .into_iter()
            .collect(),
        temporary_password: None,
        delivery,
        resend: false,
        force_alias: false,
    }
}

#[tokio::test]
async fn an_empty_pool_keeps_the_users_created_in_it_each_once_with_a_sub_of_its_own() {
    let sim = start(0, true).await;
    let cognito =
        Cognito::new(&emulator_client(sim.endpoint(), Duration::from_secs(10))).with_bulk_rate(0);
    let pool = cognito.open_pool(POOL_ID, None, None).await.expect("pool");
    assert_eq!(pool.estimated_users, Some(0));
    let page = cognito.list_users(POOL_ID, None, None).await.expect("page");
    assert!(page.users.is_empty() && page.next_token.is_none());

    let ann = invitation("ann", Some("ann@example.com"), Delivery::Suppress);
    let made = cognito.invite(POOL_ID, &ann).await.expect("created");
    assert_eq!(made.username, "ann");
    assert_eq!(made.email(), Some("ann@example.com"));
    assert_eq!(made.status, UserStatus::ForceChangePassword);
    let sub = made.attribute("sub").expect("a new sub").to_owned();
    assert_eq!(
        cognito.invite(POOL_ID, &ann).await,
        Err(CognitoError::UsernameExists)
    );
    // An invitation goes by the medium asked for, and needs its attribute.
    cognito
        .invite(
            POOL_ID,
            &invitation("bob", Some("bob@example.com"), Delivery::Email),
        )
        .await
        .expect("invited");
    assert!(
        cognito
            .invite(POOL_ID, &invitation("cat", None, Delivery::Email))
            .await
            .is_err()
    );
    sim.set_quota(Category::UserCreation, 1000.0);
    for i in 0..130 {
        let name = format!("u{i:03}");
        cognito
            .invite(POOL_ID, &invitation(&name, None, Delivery::Suppress))
            .await
            .expect("created");
    }

    let detail = cognito.get_user(POOL_ID, "ann").await.expect("read");
    assert_eq!(detail.user.attribute("sub"), Some(sub.as_str()));
    assert!(detail.user.enabled && detail.groups.is_empty());
    assert_eq!(
        cognito.get_user(POOL_ID, "cat").await.map(|_| ()),
        Err(CognitoError::UserNotFound)
    );
    // Sixteen `sub` shards, page by page, hold every user once.
    let mut seen = Vec::new();
    for digit in "0123456789abcdef".chars() {
        let filter = format!("sub ^= \"{digit}\"");
        let mut token: Option<String> = None;
        loop {
            let page = cognito
                .list_users(POOL_ID, Some(&filter), token.as_deref())
                .await
                .expect("a page");
            for user in &page.users {
                assert!(user.attribute("sub").expect("sub").starts_with(digit));
                seen.push(user.username.clone());
            }
            token = page.next_token;
            if token.is_none() {
                break;
            }
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 132);
    let mut pages = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = cognito
            .list_users(POOL_ID, None, token.as_deref())
            .await
            .expect("a page");
        pages.push(page.users.len());
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    assert_eq!(pages, [60, 60, 12]);
    let found = cognito
        .list_users(POOL_ID, Some(r#"email = "bob@example.com""#), None)
        .await
        .expect("found");
    assert_eq!(found.users.len(), 1);
    assert_eq!(found.users[0].username, "bob");

    let stats = sim.stats();
    let created = &stats.applied["AdminCreateUser"];
    assert_eq!(created.len(), 132);
    assert!(created.values().all(|n| *n == 1), "each created once");
    assert_eq!(stats.sent["AdminCreateUser"], 134, "two refused");
    assert_eq!(stats.messages.get("EMAIL"), Some(&1));
    let pool = cognito.open_pool(POOL_ID, None, None).await.expect("pool");
    assert_eq!(pool.estimated_users, Some(132));
}

#[tokio::test]
async fn an_empty_pool_keeps_its_groups_their_members_and_disables_each_counted() {
    let sim = start(0, true).await;
    let cognito =
        Cognito::new(&emulator_client(sim.endpoint(), Duration::from_secs(10))).with_bulk_rate(0);
    for name in ["ann", "u007", "zed"] {
        cognito
            .invite(POOL_ID, &invitation(name, None, Delivery::Suppress))
            .await
            .expect("created");
    }
    let staff = GroupChange::Create(GroupSpec {
        name: "staff".into(),
        description: "Staff".into(),
        precedence: Some(3),
        role_arn: None,
    });
    cognito.change_group(POOL_ID, &staff).await.expect("group");
    assert_eq!(
        cognito.change_group(POOL_ID, &staff).await,
        Err(CognitoError::GroupExists)
    );
    let groups = cognito.list_groups(POOL_ID).await.expect("groups");
    assert_eq!(groups.len(), 1);
    assert_eq!(
        (groups[0].description.as_deref(), groups[0].precedence),
        (Some("Staff"), Some(3))
    );
    let add = AdminCall::AddToGroup("staff".into());
    for name in ["ann", "u007"] {
        cognito.admin(POOL_ID, name, &add).await.expect("added");
    }
    cognito
        .admin(POOL_ID, "ann", &AdminCall::Disable)
        .await
        .expect("disabled");
    let detail = cognito.get_user(POOL_ID, "ann").await.expect("read");
    assert!(!detail.user.enabled);
    assert_eq!(detail.groups, ["staff"]);
    let members = cognito
        .group_members(POOL_ID, "staff", None)
        .await
        .expect("members");
    let names: Vec<&str> = members.users.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["ann", "u007"]);
    assert!(
        cognito
            .admin(POOL_ID, "ann", &AdminCall::AddToGroup("none".into()))
            .await
            .is_err()
    );

    let stats = sim.stats();
    assert_eq!(stats.applied["AdminDisableUser"]["ann"], 1);
    assert_eq!(stats.applied["AdminAddUserToGroup"].len(), 2);
    assert_eq!(stats.applied["CreateGroup"]["staff"], 1);
    assert_eq!(stats.sent["CreateGroup"], 2);
}

/// A job's file: `header`, then a row for each user of `rows` (column, cell), cells already
/// quoted where they need it, `cognito:mfa_enabled` and the `_verified` flags `false`.
fn import_csv(header: &[String], rows: &[&[(&str, &str)]]) -> String {
    let mut csv = header.join(",") + "\n";
    for row in rows {
        let cells: Vec<&str> = header
            .iter()
            .map(|column| {
                row.iter().find(|(c, _)| c == column).map_or(
                    match column.as_str() {
                        "cognito:mfa_enabled" | "email_verified" | "phone_number_verified" => {
                            "false"
                        }
                        _ => "",
                    },
                    |(_, cell)| *cell,
                )
            })
            .collect();
        csv += &(cells.join(",") + "\n");
    }
    csv
}

const ROLE: &str = "arn:aws:iam::123456789012:role/CognitoImport";

#[tokio::test]
async fn an_empty_pool_runs_an_import_job_whose_users_must_reset_their_password() {
    let sim = start(0, true).await;
    let cognito =
        Cognito::new(&emulator_client(sim.endpoint(), Duration::from_secs(10))).with_bulk_rate(0);
    let header = cognito.csv_header(POOL_ID).await.expect("header");
    assert_eq!(header.len(), 21);
    assert_eq!(
        (header[0].as_str(), header[9].as_str(), header[20].as_str()),
        ("name", "email", "cognito:username")
    );
    cognito
        .invite(POOL_ID, &invitation("zed", None, Delivery::Suppress))
        .await
        .expect("created");
    let csv = import_csv(
        &header,
        &[
            &[
                ("cognito:username", "ann"),
                ("name", "\"Smith, Ann\""),
                ("email", "ann@example.com"),
                ("email_verified", "true"),
            ],
            &[
                ("cognito:username", "bob"),
                ("phone_number", "+15555550100"),
            ],
            // There already: the job fails this row.
            &[("cognito:username", "zed")],
        ],
    );
    let job = NewImportJob {
        name: "restore".into(),
        role_arn: ROLE.into(),
        csv,
        usernames: vec!["ann".into(), "bob".into(), "zed".into()],
    };
    let started = cognito
        .start_import_job(POOL_ID, &job)
        .await
        .expect("started");
    assert!(started.id.starts_with("import-"), "{}", started.id);
    assert_eq!(
        (started.name.as_str(), started.status.as_str()),
        ("restore", "Pending")
    );
    assert!(started.created.is_some() && started.started.is_some());
    let mut statuses = Vec::new();
    let done = loop {
        let seen = cognito
            .describe_import_job(POOL_ID, &started.id)
            .await
            .expect("described");
        statuses.push(seen.status.clone());
        if seen.finished() {
            break seen;
        }
        assert!(statuses.len() < 5, "{statuses:?}");
    };
    assert_eq!(statuses, ["InProgress", "Succeeded"]);
    assert_eq!((done.imported, done.skipped, done.failed), (2, 0, 1));
    assert!(done.completed.is_some());

    let ann = cognito.get_user(POOL_ID, "ann").await.expect("ann");
    assert_eq!(ann.user.status, UserStatus::ResetRequired);
    assert_eq!(ann.user.attribute("name"), Some("Smith, Ann"));
    assert_eq!(ann.user.email(), Some("ann@example.com"));
    assert_eq!(ann.user.attribute("email_verified"), Some("true"));
    assert_eq!(ann.user.attribute("cognito:mfa_enabled"), None);
    let bob = cognito.get_user(POOL_ID, "bob").await.expect("bob");
    assert_eq!(bob.user.status, UserStatus::ResetRequired);
    assert_eq!(bob.user.attribute("phone_number"), Some("+15555550100"));
    assert_eq!(bob.user.attribute("email"), None);
    assert_ne!(ann.user.attribute("sub"), bob.user.attribute("sub"));
    assert!(bob.user.attribute("sub").is_some());
    let zed = cognito.get_user(POOL_ID, "zed").await.expect("zed");
    assert_eq!(zed.user.status, UserStatus::ForceChangePassword);

    imported_users_are_like_created_ones(&cognito).await;

    let jobs = cognito.list_import_jobs(POOL_ID).await.expect("jobs");
    assert_eq!(jobs.len(), 1);
    assert_eq!(
        (jobs[0].id.as_str(), jobs[0].status.as_str()),
        (started.id.as_str(), "Succeeded")
    );
    let stats = sim.stats();
    let imported = &stats.applied["StartUserImportJob"];
    assert_eq!(imported.len(), 2);
    assert_eq!((imported["ann"], imported["bob"]), (1, 1));
    assert_eq!(stats.applied["AdminCreateUser"].len(), 1);
    let pool = cognito.open_pool(POOL_ID, None, None).await.expect("pool");
    assert_eq!(pool.estimated_users, Some(3));
}

/// Imported users are like created ones: listed by status, disabled, put in groups.
async fn imported_users_are_like_created_ones(cognito: &Cognito) {
    let reset = cognito
        .list_users(
            POOL_ID,
            Some(r#"cognito:user_status = "RESET_REQUIRED""#),
            None,
        )
        .await
        .expect("listed");
    let names: Vec<&str> = reset.users.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["ann", "bob"]);
    let staff = GroupChange::Create(GroupSpec {
        name: "staff".into(),
        description: "Staff".into(),
        precedence: None,
        role_arn: None,
    });
    cognito.change_group(POOL_ID, &staff).await.expect("group");
    cognito
        .admin(POOL_ID, "ann", &AdminCall::AddToGroup("staff".into()))
        .await
        .expect("added");
    cognito
        .admin(POOL_ID, "bob", &AdminCall::Disable)
        .await
        .expect("disabled");
    let ann = cognito.get_user(POOL_ID, "ann").await.expect("ann");
    assert_eq!(ann.groups, ["staff"]);
    assert!(
        !cognito
            .get_user(POOL_ID, "bob")
            .await
            .expect("bob")
            .user
            .enabled
    );
}

/// PUTs `body` to `path` on the simulator; the HTTP status it answers.
async fn put(endpoint: &str, path: &str, body: &str) -> u16 {
    let address = endpoint.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connected");
    let request = format!(
        "PUT {path} HTTP/1.1\r\nhost: {address}\r\ncontent-type: text/csv\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("written");
    // The simulator keeps the connection open: the answer's head is all there is to read.
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await.expect("answer");
        assert!(n > 0, "closed before answering");
        answer.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&answer)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status")
}

#[tokio::test]
async fn an_import_job_with_no_file_is_not_started_and_an_unknown_one_is_not_found() {
    let sim = start(0, true).await;
    let client = emulator_client(sim.endpoint(), Duration::from_secs(10));
    let cognito = Cognito::new(&client);
    let made = client
        .create_user_import_job()
        .user_pool_id(POOL_ID)
        .job_name("empty")
        .cloud_watch_logs_role_arn(ROLE)
        .send()
        .await
        .expect("made");
    let job = made.user_import_job().expect("a job");
    let id = job.job_id().expect("an id").to_owned();
    assert_eq!(
        job.status().map(UserImportJobStatusType::as_str),
        Some("Created")
    );
    let url = job.pre_signed_url().expect("a URL");
    assert!(
        url.starts_with(&format!("{}/import/{id}?", sim.endpoint())),
        "{url}"
    );
    let refused = client
        .start_user_import_job()
        .user_pool_id(POOL_ID)
        .job_id(&id)
        .send()
        .await
        .expect_err("no file");
    assert_eq!(refused.code(), Some("PreconditionNotMetException"));
    assert_eq!(
        cognito
            .describe_import_job(POOL_ID, &id)
            .await
            .expect("there")
            .status,
        "Created"
    );
    assert_eq!(
        cognito
            .describe_import_job(POOL_ID, "import-nothere00")
            .await,
        Err(CognitoError::ImportJobNotFound)
    );
    assert_eq!(
        put(
            sim.endpoint(),
            "/import/import-nothere00?X-Amz-Algorithm=x",
            "a\n"
        )
        .await,
        404
    );
    assert_eq!(
        put(
            sim.endpoint(),
            &format!("/import/{id}"),
            "cognito:username\n"
        )
        .await,
        200
    );
    let started = client
        .start_user_import_job()
        .user_pool_id(POOL_ID)
        .job_id(&id)
        .send()
        .await
        .expect("started");
    assert_eq!(
        started
            .user_import_job()
            .and_then(|j| j.status())
            .map(UserImportJobStatusType::as_str),
        Some("Pending")
    );
    // Started once only, and its file is not replaced any more.
    let again = client
        .start_user_import_job()
        .user_pool_id(POOL_ID)
        .job_id(&id)
        .send()
        .await
        .expect_err("started already");
    assert_eq!(again.code(), Some("PreconditionNotMetException"));
    assert_eq!(
        put(sim.endpoint(), &format!("/import/{id}"), "x\n").await,
        403
    );
}
