//! A bulk run against aws-smithy-mocks: Cognito answers TooManyRequests mid-run and the run
//! backs off and finishes (the backoff is observed on tokio's paused clock); snapshots of the
//! bulk menu, the preview, the summary and the cleanup form.

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use cognitui::action::{Action, Outcome};
use cognitui::app::App;
use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::model::UserStatus;
use cognitui::cognito::{Cognito, CognitoError, FIRST_BACKOFF};
use cognitui::config::PoolChoice;
use cognitui::screens::bulk::{BulkPhase, BulkRun};
use cognitui::session::Session;
use cognitui::ui::Theme;
use common::wire::json;
use common::{answer, app_on_pool, fake_pool, fake_user, key, keymap, settle, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn throttled() -> HttpResponse {
    let mut r = json(
        400,
        r#"{"__type":"TooManyRequestsException","message":"Too many requests"}"#,
    );
    r.headers_mut()
        .insert("x-amzn-errortype", "TooManyRequestsException");
    r
}

#[tokio::test(start_paused = true)]
async fn too_many_requests_mid_run_backs_off_and_finishes() {
    let pool = mock!(Client::describe_user_pool)
        .then_http_response(|| json(200, r#"{"UserPool":{"Id":"eu-west-1_Bulk","Name":"bulk"}}"#));
    let users = mock!(Client::list_users).then_http_response(|| {
        let users: Vec<String> = (1..=6)
            .map(|i| format!(r#"{{"Username":"u{i}","UserStatus":"CONFIRMED","Enabled":true,"Attributes":[]}}"#))
            .collect();
        json(200, &format!(r#"{{"Users":[{}]}}"#, users.join(",")))
    });
    // u3 is throttled twice, then goes through; everyone else at once.
    let u3 = mock!(Client::admin_disable_user)
        .match_requests(|r| r.username() == Some("u3"))
        .sequence()
        .http_response(throttled)
        .times(2)
        .http_response(|| json(200, "{}"))
        .build();
    let others = mock!(Client::admin_disable_user).then_http_response(|| json(200, "{}"));
    let client: Client = mock_client!(
        aws_sdk_cognitoidentityprovider,
        RuleMode::MatchAny,
        [&pool, &users, &u3, &others],
        |c| c.retry_config(RetryConfig::disabled())
    );
    let mut s = Session::start(
        Terminal::new(TestBackend::new(110, 24)).expect("terminal"),
        Cognito::new(&client).with_bulk_rate(100),
        keymap(),
        "mock".into(),
        Some(PoolChoice {
            user_pool_id: "eu-west-1_Bulk".into(),
            client_id: None,
            client_secret: None,
        }),
    )
    .expect("session");
    settle(&mut s, "the users", |a| {
        a.lookup().users.len() == 6 && a.in_flight().is_empty()
    })
    .await;
    for event in [key(KeyCode::Esc)].into_iter().chain(typed("*b")) {
        s.handle(event);
    }
    for _ in 0..3 {
        s.handle(key(KeyCode::Down));
    }
    s.handle(key(KeyCode::Enter)); // Disable: the preview
    let start = tokio::time::Instant::now();
    s.handle(key(KeyCode::Enter)); // run
    settle(&mut s, "the end of the run", |a| {
        a.module_as::<BulkRun>()
            .is_some_and(|r| r.phase == BulkPhase::Done)
            && a.in_flight().is_empty()
    })
    .await;
    let Some(run) = s.app.module_as::<BulkRun>() else {
        unreachable!()
    };
    assert_eq!((run.succeeded.len(), run.failed.len()), (6, 0));
    assert_eq!(
        u3.num_calls(),
        3,
        "two throttled tries, then the one that went through"
    );
    assert!(
        start.elapsed() >= FIRST_BACKOFF * 3,
        "backed off 0.5 s then 1 s: {:?}",
        start.elapsed()
    );
}

const SIZE: (u16, u16) = (110, 20);

fn draw(app: &App) -> String {
    common::draw(app, SIZE, &Theme::default())
}

/// The table with 5 users, all marked.
fn marked() -> App {
    let users = (1..=5)
        .map(|i| fake_user(&format!("u{i}"), UserStatus::Unconfirmed, true, &[]))
        .collect();
    let mut app = app_on_pool(SIZE, fake_pool("eu-west-1_Bulk", None), users);
    app.update(key(KeyCode::Char(' '))); // u1
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Char(' '))); // u2
    app
}

#[test]
fn marked_rows_and_the_bulk_menu() {
    let mut app = marked();
    insta::assert_snapshot!("marked_rows", draw(&app));
    app.update(key(KeyCode::Char('b')));
    insta::assert_snapshot!("bulk_menu", draw(&app));
}

#[test]
fn preview_then_summary_with_a_failure() {
    let mut app = marked();
    app.update(key(KeyCode::Char('b')));
    // Delete is the last choice; the cursor stops there.
    for _ in 0..cognitui::screens::bulk_menu::BULK_KINDS.len() {
        app.update(key(KeyCode::Down));
    }
    app.update(key(KeyCode::Enter)); // Delete
    insta::assert_snapshot!("bulk_preview", draw(&app));
    let steps = app.update(key(KeyCode::Enter));
    assert_eq!(steps.len(), 2);
    answer(
        &mut app,
        &steps[0],
        Outcome::Changed(vec![(AdminCall::Delete, Ok(()))]),
    );
    answer(
        &mut app,
        &steps[1],
        Outcome::Changed(vec![(AdminCall::Delete, Err(CognitoError::UserNotFound))]),
    );
    insta::assert_snapshot!("bulk_summary", draw(&app));
    assert_eq!(
        app.lookup().users.len(),
        4,
        "the deleted user left the table"
    );
    // Ctrl-R goes back to the preview with only the failed user; Enter there runs it.
    let retry = app.update(common::ctrl('r'));
    assert!(retry.is_empty(), "Ctrl-R sends nothing before the preview");
    assert!(
        app.module_as::<BulkRun>()
            .is_some_and(|r| r.phase == BulkPhase::Preview && r.targets == ["u2"]),
        "the preview of the failed user"
    );
    let again = app.update(key(KeyCode::Enter));
    assert!(
        matches!(
            &again[..],
            [r] if matches!(&r.action, Action::BulkStep { username, calls, .. } if username == "u2" && calls[..] == [AdminCall::Delete])
        ),
        "Enter sends the failure again: {again:?}"
    );
}

#[test]
fn cleanup_form() {
    let mut app = marked();
    app.update(key(KeyCode::Char('C')));
    insta::assert_snapshot!("cleanup_form", draw(&app));
}
