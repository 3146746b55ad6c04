//! The safety rules of changes, driven through `App::update` with made-up outcomes: `Ctrl-R`
//! belongs to the screen it failed on and re-opens a change's confirmation, every change key
//! stops at its confirmation, refusals come before anything opens, the quit guard, a lost
//! answer and a change left in flight re-read the user.

mod common;

use cognitui::action::{Action, Outcome, Request};
use cognitui::app::{App, Safety, Screen, Status};
use cognitui::cognito::CognitoError;
use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::model::{User, UserDetail, UserStatus};
use cognitui::screens::bulk::BulkRun;
use cognitui::screens::detail::Detail;
use cognitui::screens::user_list::UserList;
use common::{answer, app_on_pool, ctrl, fake_pool, fake_user, key, typed};
use crossterm::event::KeyCode;

const SIZE: (u16, u16) = (100, 30);

fn press(app: &mut App, text: &str) -> Vec<Request> {
    typed(text)
        .into_iter()
        .flat_map(|e| app.update(e))
        .collect()
}

fn tanaka() -> User {
    fake_user(
        "ann.tanaka0",
        UserStatus::Confirmed,
        true,
        &[
            ("email", "ann.tanaka0@example.com"),
            ("email_verified", "false"),
        ],
    )
}

fn garcia() -> User {
    fake_user(
        "ann.garcia0",
        UserStatus::Confirmed,
        true,
        &[
            ("email", "ann.garcia0@example.com"),
            ("email_verified", "true"),
        ],
    )
}

fn pool(safety: Safety) -> App {
    let mut app = app_on_pool(
        SIZE,
        fake_pool("eu-west-1_Desk", None),
        vec![tanaka(), garcia()],
    );
    app.options_mut().safety = safety;
    app
}

fn protected() -> Safety {
    Safety {
        read_only: false,
        protected_users: vec!["ann.garcia0".into()],
    }
}

/// Opens the user on row `row` and answers AdminGetUser with `user`.
fn open(app: &mut App, row: usize, user: User) {
    app.update(key(KeyCode::Home));
    for _ in 0..row {
        app.update(key(KeyCode::Down));
    }
    let get = app.update(key(KeyCode::Enter));
    assert!(matches!(&get[..], [r] if matches!(r.action, Action::GetUser { .. })));
    answer(app, &get[0], Outcome::User(Ok(detail_of(user))));
}

fn detail_of(user: User) -> UserDetail {
    UserDetail {
        user,
        preferred_mfa: None,
        mfa_enabled: vec![],
        groups: vec![],
    }
}

fn confirm_shows(app: &App) -> Option<&Action> {
    match app.screen() {
        Screen::Confirm(c) => Some(&c.change),
        _ => None,
    }
}

fn error(app: &App) -> &str {
    match app.status() {
        Some(Status::Error(e)) => e,
        other => panic!("no error shown: {other:?}"),
    }
}

#[test]
fn ctrl_r_never_resends_a_change_of_another_user_or_screen() {
    let mut app = pool(protected());
    open(&mut app, 0, tanaka());
    // P, Enter: the reset fails (no verified email).
    assert!(press(&mut app, "P").is_empty(), "P opens its confirmation");
    assert!(matches!(
        confirm_shows(&app),
        Some(Action::Admin { calls, .. }) if calls == &vec![AdminCall::ResetPassword]
    ));
    let reset = app.update(key(KeyCode::Enter));
    assert_eq!(reset.len(), 1);
    let follow = answer(
        &mut app,
        &reset[0],
        Outcome::Changed(vec![(
            AdminCall::ResetPassword,
            Err(CognitoError::InvalidParameter(
                "Cannot reset password for the user as there is no registered/verified email or phone_number".into(),
            )),
        )]),
    );
    // The user is read again; answer it.
    answer(&mut app, &follow[0], Outcome::User(Ok(detail_of(tanaka()))));
    // A: marks the email verified, through its confirmation.
    assert!(press(&mut app, "A").is_empty());
    let mark = app.update(key(KeyCode::Enter));
    assert_eq!(mark.len(), 1);
    let follow = answer(
        &mut app,
        &mark[0],
        Outcome::Changed(vec![(AdminCall::mark_email_verified(), Ok(()))]),
    );
    answer(&mut app, &follow[0], Outcome::User(Ok(detail_of(tanaka()))));
    // Open ann.garcia0 (protected): t is refused at once, nothing opens.
    app.update(key(KeyCode::Esc));
    open(&mut app, 1, garcia());
    assert!(press(&mut app, "t").is_empty());
    assert!(error(&app).contains("protected"), "{:?}", app.status());
    assert!(error(&app).contains("ann.garcia0"));
    assert!(!error(&app).contains("retries"));
    assert!(app.module_as::<Detail>().is_some());
    assert!(!app.can_retry(), "a refusal offers no retry");
    // Ctrl-R: nothing, and above all no reset of ann.tanaka0.
    let sent = app.update(ctrl('r'));
    assert!(sent.is_empty(), "{sent:?}");
    assert!(confirm_shows(&app).is_none());
    assert_eq!(
        app.status(),
        Some(&Status::Info("Nothing to retry on this screen.".into()))
    );
}

/// ann.tanaka0's page after a disable that Cognito throttled (and the re-read that followed).
fn throttled_disable() -> App {
    let mut app = pool(Safety::default());
    open(&mut app, 0, tanaka());
    press(&mut app, "t");
    let disable = app.update(key(KeyCode::Enter));
    let follow = answer(
        &mut app,
        &disable[0],
        Outcome::Changed(vec![(
            AdminCall::Disable,
            Err(CognitoError::TooManyRequests),
        )]),
    );
    answer(&mut app, &follow[0], Outcome::User(Ok(detail_of(tanaka()))));
    assert!(app.can_retry());
    app
}

#[test]
fn a_failed_change_is_offered_again_through_its_confirmation() {
    let mut app = throttled_disable();
    // Ctrl-R re-opens the confirmation with the same change; only Enter sends it.
    assert!(app.update(ctrl('r')).is_empty());
    assert!(matches!(
        confirm_shows(&app),
        Some(Action::Admin { username, calls, .. })
            if username == "ann.tanaka0" && calls == &vec![AdminCall::Disable]
    ));
    let again = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &again[..],
        [r] if matches!(&r.action, Action::Admin { calls, .. } if calls == &vec![AdminCall::Disable])
    ));
}

#[test]
fn a_failure_is_forgotten_when_its_screen_is_left() {
    let mut app = throttled_disable();
    app.update(key(KeyCode::Esc));
    assert!(!app.can_retry());
    open(&mut app, 0, tanaka());
    assert!(!app.can_retry(), "coming back does not bring it back");
    assert!(app.update(ctrl('r')).is_empty());
}

#[test]
fn every_change_key_on_the_detail_screen_stops_at_its_confirmation() {
    for (keys, user) in [
        (
            "a",
            fake_user("u", UserStatus::Unconfirmed, true, &[("email", "u@x.io")]),
        ),
        (
            "A",
            fake_user("u", UserStatus::Unconfirmed, true, &[("email", "u@x.io")]),
        ),
        (
            "R",
            fake_user(
                "u",
                UserStatus::ForceChangePassword,
                true,
                &[("email", "u@x.io")],
            ),
        ),
        ("t", tanaka()),
        ("P", tanaka()),
        ("O", tanaka()),
        ("D", tanaka()),
    ] {
        let mut app = app_on_pool(SIZE, fake_pool("eu-west-1_Desk", None), vec![user.clone()]);
        open(&mut app, 0, user);
        assert!(press(&mut app, keys).is_empty(), "{keys} sent at once");
        let change = confirm_shows(&app).unwrap_or_else(|| panic!("{keys}: no confirmation"));
        assert!(change.mutates(), "{keys}");
        app.update(key(KeyCode::Esc));
        assert!(app.module_as::<Detail>().is_some(), "{keys}: Esc goes back");
        assert!(app.in_flight().is_empty(), "{keys}: Esc sent nothing");
    }
}

#[test]
fn a_group_is_joined_only_after_its_confirmation() {
    let mut app = pool(Safety::default());
    open(&mut app, 0, tanaka());
    let list = press(&mut app, "g");
    answer(
        &mut app,
        &list[0],
        Outcome::Groups(Ok(common::groups(&["admins"]))),
    );
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert!(matches!(
        confirm_shows(&app),
        Some(Action::Admin { calls, .. }) if calls == &vec![AdminCall::AddToGroup("admins".into())]
    ));
    app.update(key(KeyCode::Esc));
    assert!(app.module_as::<UserList>().is_some(), "back on the list");
}

#[test]
fn read_only_refuses_at_the_key_and_opens_nothing() {
    let mut app = pool(Safety {
        read_only: true,
        protected_users: vec![],
    });
    for keys in ["n", "N", "b", "C"] {
        assert!(press(&mut app, keys).is_empty());
        assert!(
            matches!(app.screen(), Screen::Lookup),
            "{keys} opened a screen"
        );
        assert!(error(&app).starts_with("Read-only mode"), "{keys}");
    }
    open(&mut app, 0, tanaka());
    for keys in ["a", "A", "e", "t", "D", "P", "w", "O", "m", "V"] {
        assert!(press(&mut app, keys).is_empty());
        assert!(
            app.module_as::<Detail>().is_some(),
            "{keys} opened a screen"
        );
        assert!(error(&app).starts_with("Read-only mode"), "{keys}");
    }
    // Reading goes on.
    assert_eq!(press(&mut app, "g").len(), 1);
}

#[test]
fn a_protected_user_is_refused_at_once_and_marked() {
    let mut app = pool(protected());
    open(&mut app, 1, garcia());
    for keys in ["D", "t"] {
        assert!(press(&mut app, keys).is_empty());
        assert!(app.module_as::<Detail>().is_some(), "{keys}");
        assert!(error(&app).contains("protected user"), "{keys}");
    }
    // Other changes go to their confirmation as usual.
    press(&mut app, "P");
    assert!(confirm_shows(&app).is_some());
    app.update(key(KeyCode::Esc));
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(SIZE.0, SIZE.1)).expect("tty");
    terminal
        .draw(|f| cognitui::ui::render(f, &app, &cognitui::ui::Theme::default()))
        .expect("draw");
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains("PROTECTED"), "{screen}");
}

#[test]
fn quitting_asks_first_while_work_would_be_lost() {
    // A bulk preview: q asks, q again quits.
    let mut app = pool(Safety::default());
    press(&mut app, "*b");
    app.update(key(KeyCode::Enter));
    assert!(app.module_as::<BulkRun>().is_some(), "{:?}", app.status());
    press(&mut app, "q");
    assert!(!app.should_quit(), "the first q asks");
    assert!(error(&app).contains("again"));
    press(&mut app, "q");
    assert!(app.should_quit());

    // Any other key between the two goes on.
    let mut app = pool(Safety::default());
    press(&mut app, "*b");
    app.update(key(KeyCode::Enter));
    app.update(ctrl('c'));
    app.update(key(KeyCode::Down));
    app.update(ctrl('c'));
    assert!(!app.should_quit(), "the question was answered by going on");
    app.update(ctrl('c'));
    assert!(app.should_quit(), "a second Ctrl-C quits");

    // A half-filled form: Ctrl-C asks; with nothing typed, it quits at once.
    let mut app = pool(Safety::default());
    press(&mut app, "N");
    press(&mut app, "new.user");
    app.update(ctrl('c'));
    assert!(!app.should_quit());
    app.update(ctrl('c'));
    assert!(app.should_quit());
    let mut app = pool(Safety::default());
    press(&mut app, "q");
    assert!(app.should_quit(), "nothing to lose: q quits");
}

#[test]
fn esc_resumes_with_ctrl_r_after_an_abandon_and_a_start_up_timeout() {
    let mut app = common::app(SIZE);
    let first = app.start(Some(cognitui::config::PoolChoice {
        user_pool_id: "eu-west-1_Desk".into(),
        client_id: None,
        client_secret: None,
    }));
    // Both calls time out.
    for r in &first {
        let outcome = match r.action {
            Action::OpenPool { .. } => Outcome::PoolOpened(Box::new(Err(CognitoError::Timeout))),
            _ => Outcome::Users(Err(CognitoError::Timeout)),
        };
        answer(&mut app, r, outcome);
    }
    let again = app.update(ctrl('r'));
    let kinds: Vec<&str> = again.iter().map(|r| r.action.label()).collect();
    assert_eq!(kinds, ["Reading the pool", "Loading users"]);
    // The list's first page is abandoned with Esc; Ctrl-R resumes it.
    answer(
        &mut app,
        &again[0],
        Outcome::PoolOpened(Box::new(Ok(fake_pool("eu-west-1_Desk", None)))),
    );
    // Esc leaves the search field, then abandons.
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Esc));
    assert_eq!(
        app.cancelled(),
        vec![again[1].id],
        "the abandoned read is stopped"
    );
    let resumed = app.update(ctrl('r'));
    assert!(matches!(
        &resumed[..],
        [r] if matches!(&r.action, Action::ListUsers { token: None, .. })
    ));
}

#[test]
fn a_change_left_with_esc_is_checked_when_its_answer_comes() {
    let mut app = pool(Safety::default());
    open(&mut app, 0, tanaka());
    press(&mut app, "t");
    let disable = app.update(key(KeyCode::Enter));
    app.update(key(KeyCode::Esc));
    let Some(Status::Info(said)) = app.status() else {
        panic!("{:?}", app.status());
    };
    assert!(said.contains("may still be applied"), "{said}");
    assert!(!said.starts_with("Abandoned"));
    // The answer comes: the user is read again, and the page says what is true.
    let reread = answer(
        &mut app,
        &disable[0],
        Outcome::Changed(vec![(AdminCall::Disable, Ok(()))]),
    );
    assert!(matches!(
        &reread[..],
        [r] if matches!(&r.action, Action::GetUser { username, .. } if username == "ann.tanaka0")
    ));
    let mut disabled = tanaka();
    disabled.enabled = false;
    answer(&mut app, &reread[0], Outcome::User(Ok(detail_of(disabled))));
    let Some(Status::Info(said)) = app.status() else {
        panic!("{:?}", app.status());
    };
    assert!(said.contains("disabled"), "{said}");
    let row = app.lookup().users.position("ann.tanaka0").expect("row");
    assert!(!app.lookup().users.enabled(row));
}

#[test]
fn a_lost_answer_to_an_invitation_reads_the_user_and_says_created() {
    let mut app = pool(Safety::default());
    press(&mut app, "N");
    press(&mut app, "new.user");
    app.update(key(KeyCode::Tab));
    press(&mut app, "new.user@example.com");
    assert!(
        app.update(key(KeyCode::Enter)).is_empty(),
        "the confirmation first"
    );
    let invite = app.update(key(KeyCode::Enter));
    assert!(matches!(&invite[..], [r] if matches!(r.action, Action::Invite { .. })));
    let reread = answer(
        &mut app,
        &invite[0],
        Outcome::Invited(Err(CognitoError::Unreachable)),
    );
    assert!(matches!(
        &reread[..],
        [r] if matches!(&r.action, Action::GetUser { username, .. } if username == "new.user")
    ));
    let created = fake_user(
        "new.user",
        UserStatus::ForceChangePassword,
        true,
        &[("email", "new.user@example.com")],
    );
    answer(&mut app, &reread[0], Outcome::User(Ok(detail_of(created))));
    let Some(Status::Info(said)) = app.status() else {
        panic!("{:?}", app.status());
    };
    assert!(
        said.contains("created; the first answer was lost"),
        "{said}"
    );
    assert!(
        app.module_as::<Detail>()
            .is_some_and(|d| d.username == "new.user")
    );
}

#[test]
fn the_cli_of_a_confirmation_names_the_region_profile_and_endpoint_cognitui_uses() {
    let mut app = pool(Safety::default());
    app.options_mut().cli_target = cognitui::cli::CliTarget {
        region: Some("eu-west-1".into()),
        profile: Some("desk".into()),
        endpoint_url: None,
    };
    open(&mut app, 0, tanaka());
    press(&mut app, "t");
    let lines = app.cli_lines();
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("aws cognito-idp admin-disable-user ")
            && lines[0].ends_with(" --region eu-west-1 --profile desk"),
        "{lines:?}"
    );
}

#[test]
fn any_key_dismisses_an_error_and_still_acts_f_keys_included() {
    let mut app = pool(protected());
    open(&mut app, 1, garcia());
    press(&mut app, "t");
    assert!(matches!(app.status(), Some(Status::Error(_))));
    // F1 (help) both dismisses the refusal and opens the help.
    app.update(key(KeyCode::F(1)));
    assert_eq!(app.status(), None);
    assert!(app.show_help());
}

/// Every key of the keymap, alone and after each other key (so that a key which would open a
/// confirmation is followed by the key that would send it).
fn every_key_pair(app: &App) -> Vec<crossterm::event::KeyEvent> {
    let keys = app.keymap().every_key();
    let mut events = keys.clone();
    for first in &keys {
        for second in &keys {
            events.push(*first);
            events.push(*second);
        }
    }
    events
}

#[test]
fn no_key_sends_anything_while_the_terminal_is_too_small() {
    use cognitui::app::MIN_SIZE;
    use cognitui::event::Event;
    let mut app = pool(Safety::default());
    open(&mut app, 0, tanaka());
    // A change waiting on its confirmation, then the terminal shrinks below the minimum: the
    // confirmation is no longer drawn, so Enter must not send it.
    assert!(press(&mut app, "t").is_empty());
    assert!(confirm_shows(&app).is_some());
    for size in [(MIN_SIZE.0 - 1, 24), (80, MIN_SIZE.1 - 1)] {
        assert!(app.update(Event::Resize(size.0, size.1)).is_empty());
        for event in every_key_pair(&app) {
            if event.code == KeyCode::Char('c')
                && event
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::CONTROL)
            {
                continue; // Ctrl-C quits, which is all a key may do here.
            }
            let sent = app.update(Event::Key(event));
            assert!(sent.is_empty(), "{event:?} sent {sent:?} at {size:?}");
        }
        assert!(app.in_flight().is_empty());
        assert!(confirm_shows(&app).is_some(), "nothing moved at {size:?}");
    }
    // Back to a size that draws the confirmation: Enter sends it.
    assert!(app.update(Event::Resize(80, 24)).is_empty());
    assert_eq!(app.update(key(KeyCode::Enter)).len(), 1);
}

#[test]
fn an_answer_reaches_its_screen_under_a_confirmation() {
    let mut app = pool(Safety::default());
    open(&mut app, 0, tanaka());
    // t, Enter: the disable is sent; D opens another confirmation on top of the page before
    // the answer comes.
    assert!(press(&mut app, "t").is_empty());
    let disable = app.update(key(KeyCode::Enter));
    assert_eq!(disable.len(), 1);
    assert!(press(&mut app, "D").is_empty());
    assert!(
        matches!(confirm_shows(&app), Some(Action::Admin { calls, .. }) if calls == &vec![AdminCall::Delete])
    );
    let read = answer(
        &mut app,
        &disable[0],
        Outcome::Changed(vec![(AdminCall::Disable, Ok(()))]),
    );
    assert!(
        matches!(&read[..], [r] if matches!(r.action, Action::GetUser { .. })),
        "the page below reads the user again: {read:?}"
    );
    let mut disabled = tanaka();
    disabled.enabled = false;
    answer(
        &mut app,
        &read[0],
        Outcome::User(Ok(detail_of(disabled.clone()))),
    );
    let Screen::Confirm(c) = app.screen() else {
        panic!("the confirmation stays on top");
    };
    assert!(
        c.back
            .module_as::<Detail>()
            .is_some_and(|d| d.detail.as_ref().is_some_and(|d| !d.user.enabled)),
        "the page below shows the answer"
    );
    // Esc goes back to the page as the answer left it.
    app.update(key(KeyCode::Esc));
    assert!(
        app.module_as::<Detail>()
            .is_some_and(|d| d.detail.as_ref().is_some_and(|d| !d.user.enabled))
    );
    // And with the help overlay on top.
    let read = press(&mut app, "r");
    press(&mut app, "?");
    assert!(app.show_help());
    answer(&mut app, &read[0], Outcome::User(Ok(detail_of(tanaka()))));
    assert!(app.show_help());
    assert!(
        app.module_as::<Detail>()
            .is_some_and(|d| d.detail.as_ref().is_some_and(|d| d.user.enabled))
    );
}

#[test]
fn below_the_minimum_the_quit_guard_is_drawn_where_it_asks() {
    use cognitui::event::Event;
    let mut app = pool(Safety::default());
    open(&mut app, 0, tanaka());
    assert!(press(&mut app, "t").is_empty());
    app.update(Event::Resize(50, 12));
    app.update(ctrl('c'));
    assert!(
        !app.should_quit(),
        "asks first: a change waits for its Enter"
    );
    let text = common::draw(&app, (50, 12), &cognitui::ui::Theme::no_color());
    assert!(text.contains("Terminal too small"), "{text}");
    assert!(
        text.contains("A change is waiting for your Enter"),
        "{text}"
    );
    app.update(ctrl('c'));
    assert!(app.should_quit());
}
