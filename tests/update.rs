//! `update` driven by key sequences and outcomes: the requests it returns and the state it leaves.

mod common;

use cognitui::action::{Action, Outcome, Request};
use cognitui::app::{App, Screen, Status};
use cognitui::cognito::CognitoError;
use cognitui::config::PoolChoice;
use cognitui::screens::detail::Detail;
use cognitui::screens::group_form::GroupForm;
use cognitui::screens::identity_form::IdentityForm;
use cognitui::screens::import_jobs::ImportJobsView;
use cognitui::screens::members::MembersView;
use cognitui::screens::picker::Picker;
use cognitui::screens::users::{Focus, StatusFilter};
use common::{answer, app, ctrl, fake_page, key, typed};
use crossterm::event::KeyCode;

const POOL: &str = "us-east-1_Test";

fn started() -> (App, Vec<Request>) {
    let mut app = app((100, 30));
    let first = app.start(Some(PoolChoice {
        user_pool_id: POOL.into(),
        client_id: Some("client1".into()),
        client_secret: None,
    }));
    (app, first)
}

fn list_users(filter: Option<&str>, token: Option<&str>) -> Action {
    Action::ListUsers {
        pool_id: POOL.into(),
        filter: filter.map(ToOwned::to_owned),
        token: token.map(ToOwned::to_owned),
    }
}

fn actions(requests: &[Request]) -> Vec<Action> {
    requests.iter().map(|r| r.action.clone()).collect()
}

#[test]
fn start_opens_the_pool_and_loads_the_first_page() {
    let (app, first) = started();
    assert_eq!(
        actions(&first),
        vec![
            Action::OpenPool {
                pool_id: POOL.into(),
                client_id: Some("client1".into()),
                client_secret: None,
            },
            list_users(None, None),
        ]
    );
    assert!(matches!(app.screen(), Screen::Lookup));
    assert_eq!(app.lookup().focus, Focus::Search);
    assert!(first.iter().all(|r| !r.action.mutates()));
}

#[test]
fn without_a_pool_the_picker_lists_pools() {
    let mut app = app((100, 30));
    let first = app.start(None);
    assert_eq!(actions(&first), vec![Action::ListPools]);
    assert!(app.module_as::<Picker>().is_some());
}

#[test]
fn typing_searches_and_drops_superseded_results() {
    let (mut app, first) = started();
    let mut sent = Vec::new();
    for event in typed("an") {
        sent.extend(app.update(event));
    }
    assert_eq!(
        actions(&sent),
        vec![
            list_users(Some(r#"username ^= "a""#), None),
            list_users(Some(r#"username ^= "an""#), None),
        ]
    );
    // The answer to the first, unfiltered request is stale now and dropped.
    answer(&mut app, &first[1], Outcome::Users(Ok(fake_page(5, None))));
    assert!(app.lookup().users.is_empty());
    // So is the answer for "a".
    answer(&mut app, &sent[0], Outcome::Users(Ok(fake_page(5, None))));
    assert!(app.lookup().users.is_empty());
    // The answer for "an" is shown.
    answer(&mut app, &sent[1], Outcome::Users(Ok(fake_page(3, None))));
    assert_eq!(app.lookup().users.len(), 3);
    assert!(app.lookup().complete());
}

#[test]
fn attribute_exact_and_escaping_reach_the_filter() {
    let (mut app, _) = started();
    app.update(key(KeyCode::Tab)); // email, query still empty: nothing to send
    let sent = app.update(key(KeyCode::Char('"')));
    assert_eq!(
        actions(&sent),
        vec![list_users(Some(r#"email ^= "\"""#), None)]
    );
    let sent = app.update(ctrl('t'));
    assert_eq!(
        actions(&sent),
        vec![list_users(Some(r#"email = "\"""#), None)]
    );
}

#[test]
fn status_quick_filter_goes_to_the_server_when_there_is_no_query() {
    let (mut app, _) = started();
    app.update(key(KeyCode::Esc));
    assert_eq!(app.lookup().focus, Focus::Table);
    let sent = app.update(key(KeyCode::Char('s')));
    assert_eq!(app.lookup().status_filter, Some(StatusFilter::Unconfirmed));
    assert_eq!(
        actions(&sent),
        vec![list_users(
            Some(r#"cognito:user_status = "UNCONFIRMED""#),
            None
        )]
    );
    for _ in 0..3 {
        app.update(key(KeyCode::Char('s')));
    }
    assert_eq!(app.lookup().status_filter, Some(StatusFilter::Disabled));
    assert_eq!(
        app.lookup().server_filter().as_deref(),
        Some(r#"status = "Disabled""#)
    );
}

#[test]
fn scrolling_near_the_end_fetches_the_next_page_once() {
    let (mut app, first) = started();
    let more = answer(
        &mut app,
        &first[1],
        Outcome::Users(Ok(fake_page(60, Some("t1")))),
    );
    assert!(more.is_empty(), "a full screen needs no more yet");
    app.update(key(KeyCode::Esc));
    let sent = app.update(key(KeyCode::End));
    assert_eq!(actions(&sent), vec![list_users(None, Some("t1"))]);
    assert!(
        app.update(key(KeyCode::Up)).is_empty(),
        "one page request at a time"
    );
    answer(&mut app, &sent[0], Outcome::Users(Ok(fake_page(60, None))));
    assert_eq!(app.lookup().users.len(), 120);
    assert!(app.lookup().complete());
}

#[test]
fn load_all_of_a_search_follows_every_page_and_esc_cancels() {
    let (mut app, first) = started();
    answer(
        &mut app,
        &first[1],
        Outcome::Users(Ok(fake_page(60, Some("t0")))),
    );
    app.options_mut().search_debounce = std::time::Duration::ZERO;
    let mut searched = Vec::new();
    for event in typed("user") {
        searched = app.update(event);
    }
    answer(
        &mut app,
        &searched[0],
        Outcome::Users(Ok(fake_page(60, Some("t1")))),
    );
    app.update(key(KeyCode::Esc));
    let sent = app.update(key(KeyCode::Char('L')));
    assert!(
        app.lookup().load_all,
        "a search is loaded as one chain of pages"
    );
    let filter = r#"username ^= "user""#;
    assert_eq!(actions(&sent), vec![list_users(Some(filter), Some("t1"))]);
    let next = answer(
        &mut app,
        &sent[0],
        Outcome::Users(Ok(fake_page(60, Some("t2")))),
    );
    assert_eq!(actions(&next), vec![list_users(Some(filter), Some("t2"))]);
    // Esc abandons the pending page and stops loading.
    app.update(key(KeyCode::Esc));
    assert!(!app.lookup().load_all);
    assert!(
        app.in_flight()
            .values()
            .all(|a| matches!(a, Action::OpenPool { .. }))
    );
    assert!(answer(&mut app, &next[0], Outcome::Users(Ok(fake_page(60, None)))).is_empty());
    assert_eq!(
        app.lookup().users.len(),
        120,
        "the abandoned page is dropped"
    );
}

#[test]
fn refine_filters_loaded_rows_locally() {
    let (mut app, first) = started();
    answer(&mut app, &first[1], Outcome::Users(Ok(fake_page(30, None))));
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Char('f')));
    assert_eq!(app.lookup().focus, Focus::Refine);
    let mut sent = Vec::new();
    for event in typed("user01") {
        sent.extend(app.update(event));
    }
    assert!(sent.is_empty(), "refining never calls Cognito");
    assert_eq!(app.lookup().view.len(), 10);
    assert_eq!(app.lookup().users.len(), 30);
}

#[test]
fn enter_opens_the_selected_user_and_esc_comes_back() {
    let (mut app, first) = started();
    answer(&mut app, &first[1], Outcome::Users(Ok(fake_page(10, None))));
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Down));
    let sent = app.update(key(KeyCode::Enter));
    assert_eq!(
        actions(&sent),
        vec![Action::GetUser {
            pool_id: POOL.into(),
            username: "user002".into(),
        }]
    );
    assert!(
        app.module_as::<Detail>()
            .is_some_and(|d| d.username == "user002")
    );
    app.update(key(KeyCode::Esc)); // abandons the pending call
    assert!(app.module_as::<Detail>().is_some());
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.screen(), Screen::Lookup));
    assert_eq!(app.lookup().selected, 2);
}

#[test]
fn an_error_shows_until_the_next_key_and_retry_resends() {
    let (mut app, first) = started();
    answer(
        &mut app,
        &first[1],
        Outcome::Users(Err(CognitoError::Unreachable)),
    );
    assert!(matches!(app.status(), Some(Status::Error(_))));
    // A key acknowledges it and does nothing else (typed characters still reach the field).
    assert!(app.update(key(KeyCode::Down)).is_empty());
    assert_eq!(app.status(), None);
    assert_eq!(app.lookup().query.value(), "");
    let sent = app.update(ctrl('r'));
    assert_eq!(actions(&sent), vec![list_users(None, None)]);
    assert!(app.update(ctrl('r')).is_empty());
    assert_eq!(
        app.status(),
        Some(&Status::Info("Nothing to retry on this screen.".into()))
    );
}

#[test]
fn help_toggles_and_quit_quits() {
    let (mut app, _) = started();
    app.update(key(KeyCode::F(1)));
    assert!(app.show_help());
    app.update(key(KeyCode::Char('q')));
    assert!(!app.show_help());
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Char('q')));
    assert!(app.should_quit());
}

#[test]
fn picker_goes_from_pools_to_clients_to_lookup() {
    use cognitui::cognito::model::{ClientSummary, PoolSummary};
    let mut app = app((100, 30));
    let first = app.start(None);
    answer(
        &mut app,
        &first[0],
        Outcome::Pools(Ok(vec![
            PoolSummary {
                id: "us-east-1_A".into(),
                name: "alpha".into(),
            },
            PoolSummary {
                id: "us-east-1_B".into(),
                name: "beta".into(),
            },
        ])),
    );
    app.update(key(KeyCode::Down));
    let sent = app.update(key(KeyCode::Enter));
    assert_eq!(
        actions(&sent),
        vec![Action::ListClients {
            pool_id: "us-east-1_B".into()
        }]
    );
    answer(
        &mut app,
        &sent[0],
        Outcome::Clients(Ok(vec![ClientSummary {
            id: "c1".into(),
            name: "web".into(),
        }])),
    );
    app.update(key(KeyCode::Down));
    let sent = app.update(key(KeyCode::Enter));
    assert_eq!(
        actions(&sent)[0],
        Action::OpenPool {
            pool_id: "us-east-1_B".into(),
            client_id: Some("c1".into()),
            client_secret: None,
        }
    );
    assert!(matches!(app.screen(), Screen::Lookup));
}

/// Invites `username` from the table and confirms: the request sent.
fn invite_sent(app: &mut App, username: &str) -> Request {
    app.update(key(KeyCode::Char('N')));
    for event in typed(username) {
        app.update(event);
    }
    app.update(key(KeyCode::Tab));
    for event in typed(&format!("{username}@example.com")) {
        app.update(event);
    }
    assert!(
        app.update(key(KeyCode::Enter)).is_empty(),
        "confirmed first"
    );
    assert!(
        matches!(app.screen(), Screen::Confirm(_)),
        "{:?} {:?}",
        app.status(),
        app.screen()
    );
    let sent = app.update(key(KeyCode::Enter));
    assert!(
        matches!(&sent[..], [r] if matches!(r.action, Action::Invite { .. })),
        "{sent:?}"
    );
    sent.into_iter().next().expect("the invitation")
}

#[test]
fn client_metadata_goes_only_to_the_pool_it_belongs_to() {
    let pairs = cognitui::cognito::metadata::parse("source=cognitui").expect("pairs");
    let none = cognitui::cognito::metadata::ClientMetadata::new();
    for (configured, expected) in [("us-east-1_Other", none), (POOL, pairs.clone())] {
        let mut app = common::app_on_pool((100, 30), common::fake_pool(POOL, None), Vec::new());
        app.options_mut()
            .client_metadata
            .insert(configured.into(), pairs.clone());
        assert_eq!(
            invite_sent(&mut app, "ann").metadata,
            expected,
            "{configured}"
        );
    }
}

#[test]
fn an_alias_holder_found_after_the_form_was_left_opens_nothing() {
    let mut app = common::app_on_pool((100, 30), common::fake_pool(POOL, None), Vec::new());
    let sent = invite_sent(&mut app, "ann");
    let lookup = answer(
        &mut app,
        &sent,
        Outcome::Invited(Err(CognitoError::AliasExists)),
    );
    assert!(
        matches!(&lookup[..], [r] if matches!(&r.action, Action::AliasHolder { values, .. } if values.len() == 1)),
        "{lookup:?}"
    );
    // Another screen is shown by the time the lookup answers (Esc would abandon it).
    *app.screen_mut() = Screen::Lookup;
    let holder = common::fake_user(
        "bob",
        cognitui::cognito::model::UserStatus::Confirmed,
        true,
        &[("email", "ann@example.com")],
    );
    let more = answer(
        &mut app,
        &lookup[0],
        Outcome::AliasHolder(Ok(Some(cognitui::cognito::alias::AliasHolder {
            alias: cognitui::cognito::model::Attribute {
                name: "email".into(),
                value: "ann@example.com".into(),
            },
            user: holder,
        }))),
    );
    assert!(more.is_empty());
    assert!(matches!(app.screen(), Screen::Lookup), "nothing opens");
    assert!(
        matches!(app.status(), Some(Status::Error(s)) if s.contains("already the sign-in alias of bob")),
        "{:?}",
        app.status()
    );
}

#[test]
fn a_reload_of_the_import_jobs_keeps_them_shown_and_asks_once() {
    let mut app = common::app_on_pool((100, 30), common::fake_pool(POOL, None), Vec::new());
    let list = app.update(key(KeyCode::Char('J')));
    assert!(matches!(&list[..], [r] if matches!(r.action, Action::ListImportJobs { .. })));
    answer(
        &mut app,
        &list[0],
        Outcome::ImportJobs(Ok(vec![running_job()])),
    );
    let again = app.update(key(KeyCode::Char('r')));
    assert_eq!(again.len(), 1);
    assert!(
        app.update(key(KeyCode::Char('r'))).is_empty(),
        "one read at a time"
    );
    answer(
        &mut app,
        &again[0],
        Outcome::ImportJobs(Err(CognitoError::Timeout)),
    );
    assert!(
        app.module_as::<ImportJobsView>()
            .is_some_and(|v| v.jobs.as_ref().is_some_and(|j| j.len() == 1)),
        "the jobs shown stay after a failed reload"
    );
}

/// A running import job, as the pool lists it.
fn running_job() -> cognitui::cognito::import::ImportJob {
    cognitui::cognito::import::ImportJob {
        id: "import-1".into(),
        name: "cognitui-20260304-120000".into(),
        status: "InProgress".into(),
        imported: 10,
        skipped: 0,
        failed: 0,
        message: None,
        created: None,
        started: None,
        completed: None,
    }
}

#[test]
fn a_refused_link_keeps_its_form_as_typed() {
    let user = common::fake_user(
        "ann",
        cognitui::cognito::model::UserStatus::Confirmed,
        true,
        &[],
    );
    let mut app = common::app_on_pool((100, 30), common::fake_pool(POOL, None), vec![user.clone()]);
    let get = app.update(key(KeyCode::Enter));
    answer(
        &mut app,
        &get[0],
        Outcome::User(Ok(cognitui::cognito::model::UserDetail {
            user,
            preferred_mfa: None,
            mfa_enabled: Vec::new(),
            groups: Vec::new(),
        })),
    );
    app.update(key(KeyCode::Char('L')));
    for event in typed("Okta") {
        app.update(event);
    }
    app.update(key(KeyCode::Tab));
    for event in typed("00u1") {
        app.update(event);
    }
    app.update(key(KeyCode::Enter));
    let sent = app.update(key(KeyCode::Enter));
    let Some(Action::Admin { calls, .. }) = sent.first().map(|r| &r.action) else {
        panic!("{sent:?}");
    };
    let refused = answer(
        &mut app,
        &sent[0],
        Outcome::Changed(vec![(
            calls[0].clone(),
            Err(CognitoError::ProviderNotFound),
        )]),
    );
    assert!(refused.is_empty(), "no read: nothing changed");
    assert!(
        app.module_as::<IdentityForm>()
            .is_some_and(|f| f.form.value(0) == "Okta" && f.form.value(1) == "00u1"),
        "{:?}",
        app.screen()
    );
    assert!(
        matches!(app.status(), Some(Status::Error(s)) if s.contains("no identity provider of that name")),
        "{:?}",
        app.status()
    );
}

#[test]
fn a_read_sent_before_a_change_was_answered_gives_way_to_a_fresh_one() {
    let user = common::fake_user(
        "ann",
        cognitui::cognito::model::UserStatus::Confirmed,
        true,
        &[],
    );
    let detail = |enabled: bool| {
        let mut user = user.clone();
        user.enabled = enabled;
        Outcome::User(Ok(cognitui::cognito::model::UserDetail {
            user,
            preferred_mfa: None,
            mfa_enabled: Vec::new(),
            groups: Vec::new(),
        }))
    };
    let mut app = common::app_on_pool((100, 30), common::fake_pool(POOL, None), vec![user.clone()]);
    let get = app.update(key(KeyCode::Enter));
    answer(&mut app, &get[0], detail(true));
    app.update(key(KeyCode::Char('t')));
    let sent = app.update(key(KeyCode::Enter));
    let Some(Action::Admin { calls, .. }) = sent.first().map(|r| &r.action) else {
        panic!("{sent:?}");
    };
    // A reload is sent while the disable is on its way: it may read the user as they were.
    let reload = app.update(key(KeyCode::Char('r')));
    assert!(matches!(&reload[..], [r] if matches!(r.action, Action::GetUser { .. })));
    let after = answer(
        &mut app,
        &sent[0],
        Outcome::Changed(vec![(calls[0].clone(), Ok(()))]),
    );
    assert!(
        matches!(&after[..], [r] if matches!(r.action, Action::GetUser { .. }) && r.id != reload[0].id),
        "one fresh read: {after:?}"
    );
    assert!(
        app.cancelled().contains(&reload[0].id),
        "the older read is stopped"
    );
    // The older read, answering late with the user as they were, shows nothing.
    answer(&mut app, &reload[0], detail(true));
    answer(&mut app, &after[0], detail(false));
    assert!(
        app.module_as::<Detail>()
            .is_some_and(|d| d.detail.as_ref().is_some_and(|d| !d.user.enabled)),
        "{:?}",
        app.screen()
    );
}

#[test]
fn a_screen_module_gets_only_its_own_answers_and_a_change_is_said_after_it_is_left() {
    let group = |name: &str| cognitui::cognito::groups::Group {
        name: name.into(),
        description: None,
        precedence: None,
        role_arn: None,
    };
    let mut app = common::app_on_pool((100, 30), common::fake_pool(POOL, None), Vec::new());
    // The groups' read, answered after the group form opened over them, is not the form's.
    let read = app.update(key(KeyCode::Char('G')));
    assert!(matches!(&read[..], [r] if matches!(r.action, Action::ListGroups { .. })));
    app.update(key(KeyCode::Char('n')));
    answer(&mut app, &read[0], Outcome::Groups(Ok(vec![group("desk")])));
    assert!(
        app.module_as::<GroupForm>()
            .is_some_and(|f| f.back.groups.is_none())
    );
    // A deletion on its way while a group's members are opened: its answer is not theirs, but
    // what Cognito did is said.
    app.update(key(KeyCode::Esc));
    let read = app
        .update(key(KeyCode::Char('r')))
        .into_iter()
        .find(|r| matches!(r.action, Action::ListGroups { .. }))
        .expect("the groups read");
    answer(
        &mut app,
        &read,
        Outcome::Groups(Ok(vec![group("desk"), group("ops")])),
    );
    app.update(key(KeyCode::Char('D')));
    let sent = app.update(key(KeyCode::Enter));
    let delete = sent
        .iter()
        .find(|r| matches!(r.action, Action::Group { .. }))
        .expect("the deletion");
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Enter));
    assert!(
        app.module_as::<MembersView>()
            .is_some_and(|m| m.group == "ops")
    );
    answer(&mut app, delete, Outcome::GroupChanged(Ok(())));
    assert!(
        app.module_as::<MembersView>().is_some(),
        "{:?}",
        app.screen()
    );
    assert!(
        matches!(app.status(), Some(Status::Info(s)) if s.contains("was applied")),
        "{:?}",
        app.status()
    );
}
