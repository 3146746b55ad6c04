//! Changing AWS profile and region from the pool picker, without a restart: the profile list,
//! the region filled from the chosen profile and checked, and, end to end on the emulator, the
//! picker listing another region's pools once the session has a client there.

mod common;

use std::sync::Arc;

use cognitui::action::{Action, Outcome};
use cognitui::app::{App, AwsTarget, Status};
use cognitui::audit::AuditLog;
use cognitui::aws_profiles::AwsProfile;
use cognitui::config::{Cli, Settings};
use cognitui::dev::create_pool;
use cognitui::screens::picker::Picker;
use cognitui::session::Session;
use common::{answer, client, emulator, key, settle, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn on_the_picker() -> App {
    let mut app = common::app((100, 30));
    app.options_mut().cli_target.region = Some("us-east-1".into());
    let first = app.start(None);
    answer(&mut app, &first[0], Outcome::Pools(Ok(Vec::new())));
    app
}

fn profiles() -> Vec<AwsProfile> {
    vec![
        AwsProfile {
            name: "prod".into(),
            region: Some("eu-west-1".into()),
        },
        AwsProfile {
            name: "dev".into(),
            region: None,
        },
    ]
}

fn region_typed(app: &App) -> String {
    let Some(Picker::Profiles { form, .. }) = app.module_as::<Picker>() else {
        panic!("not on the profiles: {:?}", app.screen());
    };
    form.value(0).to_owned()
}

#[test]
fn a_profile_fills_its_region_and_enter_asks_the_session_for_a_client() {
    let mut app = on_the_picker();
    let read = app.update(key(KeyCode::Char('a')));
    assert!(matches!(read[0].action, Action::ListProfiles));
    answer(&mut app, &read[0], Outcome::Profiles(Ok(profiles())));
    assert_eq!(
        region_typed(&app),
        "us-east-1",
        "the region in use to start with"
    );
    app.update(key(KeyCode::Down));
    assert_eq!(region_typed(&app), "eu-west-1", "prod's region");
    app.update(key(KeyCode::Down));
    assert_eq!(
        region_typed(&app),
        "eu-west-1",
        "dev names none: the region stays"
    );
    for _ in 0..9 {
        app.update(key(KeyCode::Backspace));
    }
    for event in typed("ap-south-1") {
        app.update(event);
    }
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert_eq!(
        app.retarget(),
        Some(&AwsTarget {
            profile: Some("dev".into()),
            region: "ap-south-1".into()
        })
    );
}

#[test]
fn a_region_that_is_not_one_is_refused_and_kept() {
    let mut app = on_the_picker();
    let read = app.update(key(KeyCode::Char('a')));
    answer(&mut app, &read[0], Outcome::Profiles(Ok(profiles())));
    for event in typed(" x") {
        app.update(event);
    }
    app.update(key(KeyCode::Enter));
    assert_eq!(app.retarget(), None);
    assert!(
        matches!(app.status(), Some(Status::Error(e)) if e.contains("AWS region")),
        "{:?}",
        app.status()
    );
    assert_eq!(region_typed(&app), "us-east-1 x");
    // Esc goes back to the pools of where the session is.
    let back = app.update(key(KeyCode::Esc));
    assert!(matches!(back[0].action, Action::ListPools));
}

fn pool_names(app: &App) -> Option<Vec<String>> {
    match app.module_as::<Picker>() {
        Some(Picker::Pools {
            pools: Some(pools), ..
        }) => Some(pools.iter().map(|p| p.name.clone()).collect()),
        _ => None,
    }
}

#[tokio::test]
async fn the_picker_lists_another_regions_pools_without_a_restart() {
    let east = client();
    let west = common::client_in("eu-west-2");
    let tag = std::process::id();
    let east_pool = format!("east-{tag}");
    let west_pool = format!("west-{tag}");
    create_pool(&east, &east_pool).await.expect("east pool");
    create_pool(&west, &west_pool).await.expect("west pool");

    let settings = Settings::from_flags(&Cli {
        region: Some("us-east-1".into()),
        endpoint_url: Some(emulator().endpoint()),
        ..Cli::default()
    })
    .expect("settings");
    let terminal = Terminal::new(TestBackend::new(120, 30)).expect("test terminal");
    let mut s = Session::open(
        terminal,
        &settings,
        &east,
        Arc::new(AuditLog::disabled()),
        None,
    )
    .expect("session");
    settle(&mut s, "the pools of us-east-1", |a| {
        pool_names(a).is_some()
    })
    .await;
    let names = pool_names(&s.app).expect("pools");
    assert!(
        names.contains(&east_pool) && !names.contains(&west_pool),
        "{names:?}"
    );

    s.handle(key(KeyCode::Char('a')));
    settle(&mut s, "the profiles", |a| {
        matches!(
            a.module_as::<Picker>(),
            Some(Picker::Profiles {
                profiles: Some(_),
                ..
            })
        )
    })
    .await;
    for _ in 0..9 {
        s.handle(key(KeyCode::Backspace));
    }
    for event in typed("eu-west-2") {
        s.handle(event);
    }
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "the pools of eu-west-2", |a| {
        pool_names(a).is_some_and(|n| n.contains(&west_pool))
    })
    .await;
    let names = pool_names(&s.app).expect("pools");
    assert!(!names.contains(&east_pool), "{names:?}");
    assert_eq!(
        s.app.options().cli_target.region.as_deref(),
        Some("eu-west-2")
    );
    assert!(
        matches!(s.app.status(), Some(Status::Info(t)) if t.contains("region eu-west-2")),
        "{:?}",
        s.app.status()
    );
}

#[test]
fn no_new_client_while_a_change_is_on_its_way() {
    use cognitui::action::RequestId;
    use cognitui::cognito::admin::AdminCall;
    let mut app = on_the_picker();
    let read = app.update(key(KeyCode::Char('a')));
    answer(&mut app, &read[0], Outcome::Profiles(Ok(profiles())));
    // A disable sent from the user's page, its answer not come yet.
    app.in_flight_mut().insert(
        RequestId(9_999),
        Action::Admin {
            pool_id: "us-east-1_Desk".into(),
            username: "ann".into(),
            calls: vec![AdminCall::Disable],
        },
    );
    app.update(key(KeyCode::Enter));
    assert_eq!(app.retarget(), None, "its answer would never be heard");
    assert!(
        matches!(app.status(), Some(Status::Error(e)) if e.contains("still on its way")),
        "{:?}",
        app.status()
    );
    assert_eq!(
        region_typed(&app),
        "us-east-1",
        "the form keeps what was typed"
    );
}
