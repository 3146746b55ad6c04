//! Every screen at 80x24 (the classic terminal), and the detail, help and enrolment screens at
//! 60x20 (near the smallest size) and 160x45 (a large window), as insta snapshots. Beside the
//! snapshots, checks that the layout holds: no screen says it is too small, sentences wrap
//! instead of running off the edge, long lists say where they are and scroll.

mod common;
mod ui_support;

use cognitui::app::Screen;
use cognitui::screens::audit::AuditView;
use cognitui::screens::bulk::BulkRun;
use cognitui::screens::sign_in::{Step, step_mut, step_of};
use cognitui::ui::{MIN_SIZE, Theme};
use crossterm::event::KeyCode;
use ui_support as ui;
use ui_support::{draw, marked, press, send};

const SIZE: (u16, u16) = (80, 24);
const SMALL: (u16, u16) = (60, 20);
const LARGE: (u16, u16) = (160, 45);

/// The screen at `size` in the default theme; fails if it says the terminal is too small.
fn shot(app: &cognitui::app::App, size: (u16, u16)) -> String {
    let text = draw(app, size, &Theme::default());
    assert!(!text.contains("Terminal too small"), "{text}");
    text
}

macro_rules! screen_test {
    ($name:ident, $build:expr) => {
        screen_test!($name, $build, SIZE);
    };
    ($name:ident, $build:expr, $size:expr) => {
        #[test]
        fn $name() {
            let app = $build;
            assert_secret_free_snapshot!(stringify!($name), shot(&app, $size));
        }
    };
}

screen_test!(picker, ui::picker(SIZE));
screen_test!(lookup_table, ui::lookup(SIZE, 60));
screen_test!(user_detail, ui::detail(SIZE));
screen_test!(help_on_the_table, ui::with_help(ui::lookup(SIZE, 10)));
screen_test!(help_on_the_detail, ui::with_help(ui::detail(SIZE)));
screen_test!(sign_in_form, ui::sign_in(SIZE));
screen_test!(new_password_form, ui::new_password(SIZE));
screen_test!(mfa_code_form, ui::mfa_code(SIZE));
screen_test!(select_mfa_menu, ui::select_mfa(SIZE));
screen_test!(enrolment_screen, ui::enrolment(SIZE));
screen_test!(tokens_screen, ui::tokens(SIZE));
screen_test!(
    tokens_offering_to_remember_the_device,
    ui::tokens_offering_device(SIZE)
);
screen_test!(mfa_menu_screen, ui::mfa_menu(SIZE));
screen_test!(sign_up_form, ui::sign_up(SIZE));
screen_test!(taken_username, ui::taken(SIZE));
screen_test!(code_entry_form, ui::code_entry(SIZE));
screen_test!(invite_form, ui::invite(SIZE));
screen_test!(attribute_editor, ui::editor(SIZE));
screen_test!(attribute_preview, ui::preview(SIZE));
screen_test!(confirmation, ui::confirmation(SIZE));
screen_test!(set_password_form, ui::set_password(SIZE));
screen_test!(groups_list, ui::list(SIZE, "g"));
screen_test!(devices_list, ui::list(SIZE, "d"));
screen_test!(sign_in_events_list, ui::list(SIZE, "h"));
screen_test!(bulk_menu_screen, ui::bulk_menu(SIZE));
screen_test!(bulk_attribute_form, ui::bulk_attribute(SIZE));
screen_test!(bulk_preview_screen, ui::bulk_preview(SIZE));
screen_test!(bulk_running, ui::bulk_run(SIZE, 10));
screen_test!(bulk_summary_screen, ui::bulk_summary(SIZE));
screen_test!(cleanup_form, ui::cleanup(SIZE, false));
screen_test!(cleanup_preview, ui::cleanup(SIZE, true));
screen_test!(export_form, ui::export(SIZE));
screen_test!(audit_log, ui::audit(SIZE, false));
screen_test!(audit_entry_opened, ui::audit(SIZE, true));

screen_test!(pool_groups, ui::groups(SIZE, 7));
screen_test!(group_members, ui::members(SIZE));
screen_test!(group_form, ui::group_form(SIZE));
screen_test!(group_deletion, ui::delete_group(SIZE));
screen_test!(pool_overview_top, ui::overview(SIZE, 0));
screen_test!(pool_overview_settings, ui::overview(SIZE, 20));
screen_test!(pool_overview_end, ui::overview(SIZE, 200));
screen_test!(unlink_identity_form, ui::unlink_form(SIZE));
screen_test!(unlink_identity_confirm, {
    let mut app = ui::unlink_form(SIZE);
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    app
});
screen_test!(import_jobs, ui::import_jobs(SIZE));
screen_test!(stop_import_job_confirm, {
    let mut app = ui::import_jobs(SIZE);
    assert!(press(&mut app, KeyCode::Char('x')).is_empty());
    app
});
screen_test!(alias_conflict_confirm, ui::alias_confirm(SIZE));
screen_test!(client_metadata_confirm, {
    let mut app = ui::alias_confirm(SIZE);
    app.options_mut().client_metadata.insert(
        "us-east-1_Desk".into(),
        cognitui::cognito::metadata::parse("source=cognitui, ticket=SUP-7").expect("pairs"),
    );
    press(&mut app, KeyCode::F(4));
    app
});

screen_test!(detail_small, ui::detail(SMALL), SMALL);
screen_test!(help_small, ui::with_help(ui::detail(SMALL)), SMALL);
screen_test!(enrolment_small, ui::enrolment(SMALL), SMALL);

#[test]
fn detail_large() {
    assert_secret_free_snapshot!("detail_large", shot(&ui::detail(LARGE), LARGE));
}

#[test]
fn help_large() {
    let text = shot(&ui::with_help(ui::detail(LARGE)), LARGE);
    // Every key of the detail fits in columns: nothing to scroll.
    assert!(!text.contains("PgUp/PgDn"), "{text}");
    assert_secret_free_snapshot!("help_large", text);
}

#[test]
fn enrolment_large() {
    let app = ui::enrolment(LARGE);
    let buffer = ui::buffer(&app, LARGE, &Theme::default());
    assert!(
        buffer.content().iter().any(|c| c.symbol() == "▀"),
        "the QR stands beside the notes"
    );
    assert_secret_free_snapshot!("enrolment_large", shot(&app, LARGE));
}

/// Below the smallest size the screen says what it needs instead of a broken layout.
#[test]
fn below_the_minimum_the_screen_says_what_it_needs() {
    // Keys act only on what is drawn, so the page is opened at the minimum, then shrunk.
    let mut app = ui::detail(MIN_SIZE);
    app.update(cognitui::event::Event::Resize(MIN_SIZE.0 - 1, MIN_SIZE.1));
    let text = draw(&app, (MIN_SIZE.0 - 1, MIN_SIZE.1), &Theme::default());
    assert!(text.contains("Terminal too small"), "{text}");
    assert!(text.contains("at least 60x14"), "{text}");
    assert!(text.contains("This one is 59x14."), "{text}");
    insta::assert_snapshot!(text);
    // At the minimum every screen is laid out.
    let app = ui::detail(MIN_SIZE);
    assert!(!draw(&app, MIN_SIZE, &Theme::default()).contains("too small"));
}

/// The detail's long values wrap (nothing is cut), and the rows scroll with PgDn, the frame
/// saying which rows show.
#[test]
fn detail_values_wrap_and_scroll() {
    let mut app = ui::detail(SIZE);
    let first = shot(&app, SIZE);
    assert!(first.contains(" rows · PgUp/PgDn"), "{first}");
    let mut seen = first.clone();
    for _ in 0..10 {
        press(&mut app, KeyCode::PageDown);
        seen.push_str(&shot(&app, SIZE));
    }
    for part in [
        "Flat 4, 221B Baker Street",
        "Great Britain and Northern",
        "asked for the code to go to her",
        "phone instead.",
    ] {
        assert!(seen.contains(part), "{part} never shows");
    }
    // End shows the last row; PgUp then moves at once.
    press(&mut app, KeyCode::End);
    let end = shot(&app, SIZE);
    press(&mut app, KeyCode::PageUp);
    assert_ne!(shot(&app, SIZE), end, "PgUp after End moves");
}

/// Every user of a 200-user bulk preview can be reached by scrolling; there is no "and 39
/// more".
#[test]
fn bulk_preview_lists_every_user() {
    let mut app = marked(SIZE, 199);
    send(&mut app, "b");
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let Some(run) = app.module_as::<BulkRun>() else {
        panic!("preview")
    };
    let targets = run.targets.clone();
    assert_eq!(targets.len(), 200);
    let mut seen = String::new();
    let mut last = String::new();
    loop {
        let text = shot(&app, SIZE);
        // The CLI says "the same for N more users"; the list itself never stops short.
        assert!(
            !text
                .lines()
                .any(|l| l.contains(" more") && !l.contains("the same for")),
            "{text}"
        );
        seen.push_str(&text);
        if text == last {
            break;
        }
        last = text;
        press(&mut app, KeyCode::PageDown);
    }
    assert!(last.contains("of "), "the position shows: {last}");
    for user in &targets {
        assert!(seen.contains(user.as_str()), "{user} never shows");
    }
}

/// The audit log's columns fit 80 columns, Enter opens an entry whole, Esc goes back.
#[test]
fn audit_entries_open_whole() {
    let mut app = ui::audit(SIZE, false);
    let list = shot(&app, SIZE);
    assert!(list.contains("1 of 40"), "{list}");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let opened = shot(&app, SIZE);
    for field in [
        "arn:aws:iam::123456789012:user/support-desk-engineer",
        "Cognito is throttling requests (rate quota reached): wait",
        "user002, ann.smith",
        "2026-03-04T11:57:07.000Z",
    ] {
        assert!(opened.contains(field), "{field}: {opened}");
    }
    press(&mut app, KeyCode::Esc);
    assert!(
        app.module_as::<AuditView>()
            .is_some_and(|v| v.opened.is_none())
    );
    let back = shot(&app, SIZE);
    assert!(back.contains("3 of 40"), "{back}");
    assert!(
        back.lines()
            .any(|l| l.contains("› 2026-03-04 11:57") && l.contains("user002")),
        "the entry opened stays selected: {back}"
    );
    // PgDn moves the selection a page.
    press(&mut app, KeyCode::PageDown);
    assert!(shot(&app, SIZE).contains("of 40"));
}

/// Help scrolls when its keys do not fit, saying which rows show.
#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut app = ui::with_help(ui::lookup(SIZE, 10));
    let first = shot(&app, SIZE);
    assert!(first.contains("PgUp/PgDn"), "{first}");
    assert!(first.contains(" 1-"), "{first}");
    let mut seen = first;
    for _ in 0..6 {
        press(&mut app, KeyCode::PageDown);
        seen.push_str(&shot(&app, SIZE));
    }
    for what in [
        "quit",
        "retry the call that failed",
        "export the marked users",
    ] {
        assert!(seen.contains(what), "{what} never shows");
    }
    assert!(app.show_help(), "scrolling keeps the help open");
    press(&mut app, KeyCode::Esc);
    assert!(!app.show_help());
}

/// Hints wrap onto a second row rather than running off the edge, and help is always among
/// them.
#[test]
fn hints_wrap_and_keep_help() {
    let app = ui::detail(SIZE);
    let text = shot(&app, SIZE);
    let rows: Vec<&str> = text.lines().collect();
    let last_two = format!("{}{}", rows[rows.len() - 2], rows[rows.len() - 1]);
    assert!(last_two.contains("? help"), "{last_two}");
    assert!(last_two.contains("Esc back"), "{last_two}");
}

/// At the smallest size every screen is laid out, and what does not fit scrolls: the tokens'
/// claims and the enrolment's notes included (the code field stays in view).
#[test]
fn every_screen_works_at_the_minimum_size() {
    let screens: [fn((u16, u16)) -> cognitui::app::App; 16] = [
        ui::picker,
        |s| ui::lookup(s, 30),
        ui::detail,
        |s| ui::with_help(ui::detail(s)),
        ui::sign_in,
        ui::sign_up,
        ui::code_entry,
        ui::invite,
        ui::editor,
        ui::preview,
        ui::confirmation,
        ui::bulk_preview,
        ui::bulk_summary,
        |s| ui::audit(s, true),
        ui::tokens,
        ui::enrolment,
    ];
    for build in screens {
        let app = build(MIN_SIZE);
        let text = draw(&app, MIN_SIZE, &Theme::default());
        assert!(!text.contains("too small"), "{text}");
    }
    let mut tokens = ui::tokens(MIN_SIZE);
    assert!(!shot(&tokens, MIN_SIZE).contains("Refresh token"));
    press(&mut tokens, KeyCode::PageDown);
    press(&mut tokens, KeyCode::PageDown);
    assert!(shot(&tokens, MIN_SIZE).contains("Refresh token received"));
    let mut enrol = ui::enrolment(MIN_SIZE);
    let first = shot(&enrol, MIN_SIZE);
    assert!(first.contains("› Code"), "{first}");
    assert!(!first.contains("Tries so far"), "{first}");
    press(&mut enrol, KeyCode::PageDown);
    press(&mut enrol, KeyCode::PageDown);
    let scrolled = shot(&enrol, MIN_SIZE);
    assert!(scrolled.contains("Tries so far: 1"), "{scrolled}");
    assert!(
        scrolled.contains("› Code"),
        "the code field stays: {scrolled}"
    );
}

/// A load of the whole pool under way: the bar, the users loaded of the pool's estimate, the
/// pace and the time left, in the status line (time stands still in this test).
#[tokio::test(start_paused = true)]
async fn a_sharded_load_shows_a_bar_the_pace_and_the_time_left() {
    use cognitui::action::{Action, Outcome};
    use cognitui::cognito::model::UsersPage;
    let mut app = common::app(SIZE);
    let mut pool = common::fake_pool("us-east-1_Desk", Some(ui::client()));
    pool.estimated_users = Some(600);
    let first = app.start(Some(cognitui::config::PoolChoice {
        user_pool_id: pool.id.clone(),
        client_id: Some(ui::client().id),
        client_secret: None,
    }));
    common::answer(&mut app, &first[0], Outcome::PoolOpened(Box::new(Ok(pool))));
    common::answer(
        &mut app,
        &first[1],
        Outcome::Users(Ok(common::fake_page(60, Some("more")))),
    );
    let shards = app.update(common::ctrl('l'));
    assert_eq!(shards.len(), cognitui::screens::users::SHARDS_IN_FLIGHT);
    assert!(
        shards
            .iter()
            .all(|r| matches!(&r.action, Action::ListUsers { filter: Some(f), .. } if f.starts_with("sub ^= "))),
        "{shards:?}"
    );
    tokio::time::advance(std::time::Duration::from_secs(2)).await;
    for (n, request) in shards.iter().take(2).enumerate() {
        let mut page = common::fake_page(60, None);
        for user in &mut page.users {
            user.username = format!("shard{n}-{}", user.username);
        }
        common::answer(&mut app, request, Outcome::Users(Ok(UsersPage { ..page })));
    }
    assert_eq!(app.lookup().users.len(), 180);
    let text = shot(&app, SIZE);
    assert!(
        text.contains("180 of ~600 users, 60/s, about 8 s left"),
        "{text}"
    );
    assert_secret_free_snapshot!("sharded_load_progress", text);
}

/// The picker's profile step: the credentials in use first, each profile with its region, and
/// the region field under them.
#[test]
fn profile_and_region_step() {
    use cognitui::action::Outcome;
    use cognitui::aws_profiles::AwsProfile;
    let mut app = common::app(SIZE);
    app.options_mut().cli_target.region = Some("us-east-1".into());
    let first = app.start(None);
    common::answer(&mut app, &first[0], Outcome::Pools(Ok(Vec::new())));
    let read = press(&mut app, KeyCode::Char('a'));
    let profiles = ["default", "prod", "staging"]
        .iter()
        .map(|name| AwsProfile {
            name: (*name).into(),
            region: (*name != "staging").then(|| "eu-west-1".into()),
        })
        .collect();
    common::answer(&mut app, &read[0], Outcome::Profiles(Ok(profiles)));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_secret_free_snapshot!("profile_and_region_step", shot(&app, SIZE));
}

/// The search of every pool with its hits, a pool with more matches and one not searched.
#[test]
fn find_in_every_pool() {
    use cognitui::action::Outcome;
    use cognitui::cognito::everywhere::{Found, Hit, PoolRef};
    use cognitui::cognito::model::UserStatus;
    let mut app = ui::lookup(SIZE, 3);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('F'));
    send(&mut app, "ann*");
    let search = press(&mut app, KeyCode::Enter);
    let pool = |name: &str| PoolRef {
        id: format!("eu-west-1_{name}"),
        name: name.into(),
        region: None,
    };
    let hit = |p: &str, user: &str, status: UserStatus| Hit {
        pool: pool(p),
        username: user.into(),
        email: Some(format!("{user}@example.com")),
        status,
        enabled: true,
    };
    let found = Found {
        searched: 4,
        hits: vec![
            hit("prod", "ann", UserStatus::Confirmed),
            hit("prod", "anna", UserStatus::Unconfirmed),
            hit("staging", "ann", UserStatus::ForceChangePassword),
        ],
        more: vec![pool("staging")],
        failures: vec![(pool("tenant-b"), "Access denied to this pool.".into())],
    };
    common::answer(&mut app, &search[0], Outcome::Found(Ok(found)));
    press(&mut app, KeyCode::Down);
    assert_secret_free_snapshot!("find_in_every_pool", shot(&app, SIZE));
}

/// NEW_PASSWORD_REQUIRED naming two attributes the user lacks: a field for each under the
/// passwords; a form missing one is refused with a sentence and keeps what was typed, and the
/// answer carries both.
#[test]
fn new_password_asks_for_the_required_attributes() {
    use cognitui::action::{Action, Outcome};
    use cognitui::app::Status;
    use cognitui::cognito::auth::{Answer, AuthStep, Challenge};
    use cognitui::cognito::model::Attribute;

    let mut app = ui::sign_in(SIZE);
    let sent = press(&mut app, KeyCode::Enter);
    common::answer(
        &mut app,
        &sent[0],
        Outcome::Auth(Ok(AuthStep::Challenge {
            challenge: Challenge::NewPasswordRequired {
                required: vec!["given_name".into(), "family_name".into()],
            },
            session: ui::session(),
        })),
    );
    assert!(
        matches!(step_of(app.screen()), Some(Step::NewPassword(_))),
        "{:?}",
        app.status()
    );
    send(&mut app, "Brand-new-Passw0rd");
    press(&mut app, KeyCode::Tab);
    send(&mut app, "Brand-new-Passw0rd");
    press(&mut app, KeyCode::Tab);
    send(&mut app, "Ann");
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(
        matches!(app.status(), Some(Status::Error(t)) if t == "The pool requires family_name: type it."),
        "{:?}",
        app.status()
    );
    let Some(Step::NewPassword(s)) = step_of(app.screen()) else {
        panic!("the form is gone: {:?}", app.screen());
    };
    assert_eq!(s.form.value(2), "Ann");
    assert_secret_free_snapshot!(
        "new_password_asks_for_the_required_attributes",
        shot(&app, SIZE)
    );

    press(&mut app, KeyCode::Tab);
    send(&mut app, &"S".repeat(2049));
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(
        matches!(app.status(), Some(Status::Error(t)) if t.starts_with("The value of family_name takes at most 2048 characters")),
        "{:?}",
        app.status()
    );
    if let Some(Step::NewPassword(s)) = step_mut(app.screen_mut()) {
        s.form.set(3, "Smith");
    }
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(
        matches!(app.screen(), Screen::Confirm(_)),
        "{:?}",
        app.status()
    );
    let sent = press(&mut app, KeyCode::Enter);
    let Some(Action::Respond {
        answer: Answer::NewPassword { attributes, .. },
        ..
    }) = sent.first().map(|r| &r.action)
    else {
        panic!("no answer sent: {:?}", app.status());
    };
    let attribute = |name: &str, value: &str| Attribute {
        name: name.into(),
        value: value.into(),
    };
    assert_eq!(
        attributes,
        &vec![
            attribute("given_name", "Ann"),
            attribute("family_name", "Smith")
        ]
    );
}
