//! Snapshots of the sign-up, code entry, invitation and attribute screens and their error
//! states, driven through `App::update` with made-up outcomes and a fixed clock. Also the
//! report of a change that only partly succeeded.

mod common;

use chrono::{TimeDelta, TimeZone, Utc};
use cognitui::action::{Action, Outcome, Request};
use cognitui::app::{App, Screen, Status};
use cognitui::cognito::CognitoError;
use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::model::{
    AppClient, AttributeKind, CodeDelivery, PoolInfo, SchemaAttribute, User, UserDetail, UserStatus,
};
use cognitui::cognito::signup::SignedUp;
use cognitui::screens::attributes::{AttributeEditor, EditorMode};
use cognitui::screens::code::CodeEntry;
use cognitui::screens::detail::Detail;
use cognitui::screens::invite::InviteForm;
use cognitui::screens::sign_in::{Step, step_of};
use cognitui::screens::sign_up::SignUp;
use cognitui::ui::Theme;
use common::{answer, app_on_pool, fake_user, key, typed};
use crossterm::event::KeyCode;

const SIZE: (u16, u16) = (110, 22);

fn draw(app: &App) -> String {
    common::draw(app, SIZE, &Theme::default())
}

fn pool_info() -> PoolInfo {
    let mut tier = SchemaAttribute::text("custom:tier");
    tier.max_length = Some(10);
    let mut name = SchemaAttribute::text("name");
    name.required = true;
    let mut employee = SchemaAttribute::text("custom:employee_id");
    employee.mutable = false;
    let mut seats = SchemaAttribute::text("custom:seats");
    seats.kind = AttributeKind::Number;
    PoolInfo {
        id: "us-east-1_Desk".into(),
        name: "desk".into(),
        temporary_password_validity_days: 7,
        password_policy: cognitui::password::PasswordPolicy::default(),
        mfa_configuration: "OFF".into(),
        schema: vec![name, tier, employee, seats],
        client: Some(AppClient {
            id: "client1".into(),
            name: "web".into(),
            secret: None,
            auth_flows: cognitui::cognito::flows::AuthFlows::default(),
        }),
        usernames_case_sensitive: true,
        estimated_users: None,
        facts: cognitui::cognito::model::PoolFacts::default(),
    }
}

fn send(app: &mut App, text: &str) -> Vec<Request> {
    typed(text)
        .into_iter()
        .flat_map(|e| app.update(e))
        .collect()
}

fn press(app: &mut App, code: KeyCode) -> Vec<Request> {
    app.update(key(code))
}

/// The change asked for is waiting on its confirmation: Enter sends it, and only it.
fn confirm(app: &mut App) -> Vec<Request> {
    assert!(
        matches!(app.screen(), Screen::Confirm(_)),
        "no confirmation: {:?}",
        app.status()
    );
    let sent = press(app, KeyCode::Enter);
    assert_eq!(
        sent.len(),
        1,
        "Enter sends the change once: {:?}",
        app.status()
    );
    sent
}

/// The lookup with `users` loaded, focus on the table.
fn lookup(users: Vec<User>) -> App {
    app_on_pool(SIZE, pool_info(), users)
}

fn detail(user: User) -> UserDetail {
    UserDetail {
        user,
        preferred_mfa: None,
        mfa_enabled: vec![],
        groups: vec![],
    }
}

fn unconfirmed() -> User {
    fake_user(
        "caller",
        UserStatus::Unconfirmed,
        true,
        &[("email", "caller@example.com"), ("email_verified", "false")],
    )
}

/// The sign-up form with username, password and a bad email typed.
fn sign_up_form() -> App {
    let mut app = lookup(vec![]);
    send(&mut app, "n");
    send(&mut app, "caller");
    press(&mut app, KeyCode::Tab);
    send(&mut app, "Demo-Passw0rd!");
    press(&mut app, KeyCode::Tab);
    send(&mut app, "caller@example");
    app
}

#[test]
fn sign_up_form_masks_the_password_and_checks_fields_live() {
    let mut app = sign_up_form();
    let screen = draw(&app);
    assert!(!screen.contains("Demo-Passw0rd!"));
    insta::assert_snapshot!(screen);
    // Enter refuses with the same sentence and sends nothing.
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(
        matches!(app.status(), Some(Status::Error(t)) if t.contains("not an address like name@example.com"))
    );
}

/// Sign-up answered "username exists", then AdminGetUser with `user`.
fn taken(user: User) -> App {
    let mut app = sign_up_form();
    send(&mut app, ".com");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    send(&mut app, "Caller Name");
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "asked first");
    let sign_up = confirm(&mut app);
    assert!(app.module_as::<SignUp>().is_some(), "back on the form");
    let lookup = answer(
        &mut app,
        &sign_up[0],
        Outcome::SignedUp(Err(CognitoError::UsernameExists)),
    );
    assert!(matches!(&lookup[0].action, Action::GetUser { username, .. } if username == "caller"));
    answer(&mut app, &lookup[0], Outcome::User(Ok(detail(user))));
    app
}

#[test]
fn taken_username_of_an_unconfirmed_user() {
    let app = taken(unconfirmed());
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn taken_username_of_an_expired_invitation() {
    let mut user = fake_user(
        "caller",
        UserStatus::ForceChangePassword,
        true,
        &[("email", "caller@example.com")],
    );
    user.modified = Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).single();
    let app = taken(user);
    insta::assert_snapshot!(draw(&app));
}

/// Sign-up succeeded: code entry with the delivery details.
fn code_entry() -> (App, Vec<Request>) {
    let mut app = sign_up_form();
    send(&mut app, ".com");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    send(&mut app, "Caller Name");
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "asked first");
    let asked = draw(&app);
    assert!(asked.contains("Sign caller up through the app client web"));
    assert!(
        !asked.contains("Demo-Passw0rd!"),
        "the password is not shown"
    );
    let sign_up = confirm(&mut app);
    let next = answer(
        &mut app,
        &sign_up[0],
        Outcome::SignedUp(Ok(SignedUp {
            confirmed: false,
            delivery: Some(CodeDelivery {
                medium: "EMAIL".into(),
                destination: "c***@e***.com".into(),
            }),
        })),
    );
    (app, next)
}

#[test]
fn code_entry_after_sign_up_shows_where_the_code_went() {
    let (app, next) = code_entry();
    assert!(next.is_empty());
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn esc_on_the_sign_up_confirmation_sends_nothing_and_keeps_the_form() {
    let mut app = sign_up_form();
    send(&mut app, ".com");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    send(&mut app, "Caller Name");
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "asked first");
    assert!(
        matches!(app.screen(), Screen::Confirm(_)),
        "{:?}",
        app.status()
    );
    assert!(
        press(&mut app, KeyCode::Esc).is_empty(),
        "Esc sends nothing"
    );
    assert!(app.in_flight().is_empty());
    assert_eq!(
        app.status(),
        Some(&Status::Info("Cancelled: nothing was sent.".into()))
    );
    assert!(
        app.module_as::<SignUp>().is_some_and(|s| s.form.value(0) == "caller" && s.form.value(2) == "caller@example.com"),
        "back on the form with what was typed"
    );
}

/// Esc on a code's confirmation sends nothing, so no code was tried.
#[test]
fn a_code_left_on_its_confirmation_is_not_counted_as_tried() {
    let (mut app, _) = code_entry();
    send(&mut app, "111111");
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "asked first");
    assert!(matches!(app.screen(), Screen::Confirm(_)));
    assert!(
        press(&mut app, KeyCode::Esc).is_empty(),
        "Esc sends nothing"
    );
    assert!(
        app.module_as::<CodeEntry>()
            .is_some_and(|c| c.form.value(0) == "111111" && c.tries == 0),
        "nothing was sent, so no code was tried: {:?}",
        app.screen()
    );
}

#[test]
fn a_wrong_code_keeps_what_was_typed_and_counts_the_try() {
    let (mut app, _) = code_entry();
    send(&mut app, "111111");
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "asked first");
    let confirm = confirm(&mut app);
    assert!(
        matches!(&confirm[0].action, Action::ConfirmSignUp { username, .. } if username == "caller")
    );
    answer(
        &mut app,
        &confirm[0],
        Outcome::CodeAccepted(Err(CognitoError::CodeMismatch)),
    );
    assert!(
        app.module_as::<CodeEntry>()
            .is_some_and(|c| c.form.value(0) == "111111" && c.tries == 1)
    );
    assert!(!app.can_retry(), "a typed code is not retried with Ctrl-R");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn an_expired_code_offers_resend() {
    let (mut app, _) = code_entry();
    send(&mut app, "222222");
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "asked first");
    let confirm = confirm(&mut app);
    answer(
        &mut app,
        &confirm[0],
        Outcome::CodeAccepted(Err(CognitoError::ExpiredCode)),
    );
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "That code has expired: F4 sends a new one.".into()
        ))
    );
}

#[test]
fn invitation_form() {
    let mut app = lookup(vec![]);
    send(&mut app, "N");
    send(&mut app, "guest");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    send(&mut app, "+4477");
    press(&mut app, KeyCode::F(5)); // SMS
    let screen = draw(&app);
    let Some(i) = app.module_as::<InviteForm>() else {
        panic!("invite form")
    };
    assert!(!screen.contains(i.form.value(3)), "the password is masked");
    insta::assert_snapshot!(screen);
}

/// The editor for a user with assorted attributes.
fn editor() -> App {
    let user = fake_user(
        "edited",
        UserStatus::Confirmed,
        true,
        &[
            ("sub", "7d1e0c52-0000-4000-8000-000000000001"),
            ("email", "old@example.com"),
            ("email_verified", "true"),
            ("name", "Ann"),
            ("custom:tier", "gold"),
            ("custom:employee_id", "E-1"),
        ],
    );
    let mut app = lookup(vec![user.clone()]);
    let get = press(&mut app, KeyCode::Enter);
    answer(&mut app, &get[0], Outcome::User(Ok(detail(user))));
    send(&mut app, "e");
    app
}

fn select(app: &mut App, name: &str) {
    for _ in 0..10 {
        press(app, KeyCode::Up);
    }
    for _ in 0..10 {
        if let Some(e) = app.module_as::<AttributeEditor>()
            && e.rows[e.selected].name == name
        {
            return;
        }
        press(app, KeyCode::Down);
    }
    panic!("no attribute {name}: {:?}", app.status());
}

#[test]
fn attribute_editor_marks_changes_and_read_only_attributes() {
    let mut app = editor();
    select(&mut app, "email");
    press(&mut app, KeyCode::Enter);
    send(&mut app, ".uk");
    press(&mut app, KeyCode::Enter);
    select(&mut app, "name");
    send(&mut app, "d");
    assert!(
        matches!(app.status(), Some(Status::Error(t)) if t == "name is required by the pool and cannot be deleted."),
        "{:?}",
        app.status()
    );
    // The next key dismisses the error and acts: it moves on to the next attribute.
    select(&mut app, "custom:tier");
    assert_eq!(app.status(), None);
    send(&mut app, "d");
    send(&mut app, "a");
    send(&mut app, "seats");
    press(&mut app, KeyCode::Tab);
    send(&mut app, "12");
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(draw(&app));
    // Immutable in the schema: refused with the reason.
    select(&mut app, "custom:employee_id");
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.status(), Some(Status::Error(t)) if t.contains("immutable in the pool's schema"))
    );
}

#[test]
fn attribute_value_over_the_limit_is_refused_and_kept() {
    let mut app = editor();
    select(&mut app, "custom:tier");
    press(&mut app, KeyCode::Enter);
    send(&mut app, "-platinum");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.module_as::<AttributeEditor>().is_some_and(
            |e| matches!(&e.mode, EditorMode::Value(f) if f.value(0) == "gold-platinum")
        )
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn attribute_preview_sends_the_kept_email_verified_in_the_same_call() {
    let mut app = editor();
    select(&mut app, "email");
    press(&mut app, KeyCode::Enter);
    send(&mut app, ".uk");
    press(&mut app, KeyCode::Enter);
    select(&mut app, "custom:tier");
    send(&mut app, "d");
    send(&mut app, "p");
    insta::assert_snapshot!(draw(&app));
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "asked first");
    let change = confirm(&mut app);
    let Action::Admin { calls, .. } = &change[0].action else {
        panic!("an admin change")
    };
    assert_eq!(calls.len(), 2);
    assert!(
        matches!(&calls[0], AdminCall::SetAttributes(a) if a.len() == 2 && a[1].name == "email_verified" && a[1].value == "true")
    );
    assert_eq!(
        calls[1],
        AdminCall::DeleteAttributes(vec!["custom:tier".into()])
    );
}

#[test]
fn a_change_that_partly_failed_says_exactly_what_happened() {
    let mut app = lookup(vec![unconfirmed()]);
    let get = press(&mut app, KeyCode::Enter);
    answer(&mut app, &get[0], Outcome::User(Ok(detail(unconfirmed()))));
    assert!(send(&mut app, "A").is_empty(), "asked first");
    let change = confirm(&mut app);
    let Action::Admin { calls, .. } = &change[0].action else {
        panic!("an admin change")
    };
    assert_eq!(
        calls,
        &vec![AdminCall::ConfirmSignUp, AdminCall::mark_email_verified()]
    );
    let reload = answer(
        &mut app,
        &change[0],
        Outcome::Changed(vec![
            (AdminCall::ConfirmSignUp, Ok(())),
            (
                AdminCall::mark_email_verified(),
                Err(CognitoError::TooManyRequests),
            ),
        ]),
    );
    assert!(
        matches!(&reload[..], [r] if matches!(&r.action, Action::GetUser { .. })),
        "the user is shown as they are now, read once: {reload:?}"
    );
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "caller: confirmed the sign-up, but marking the email verified failed — Cognito is throttling requests (rate quota reached): wait a moment, then retry.".into()
        ))
    );
    answer(
        &mut app,
        &reload[0],
        Outcome::User(Ok(detail(unconfirmed()))),
    );
    insta::assert_snapshot!(draw(&app));
    // Ctrl-R offers only what failed, through its confirmation.
    assert!(app.can_retry());
    app.update(common::ctrl('r'));
    assert!(
        matches!(app.screen(), Screen::Confirm(c) if matches!(&c.change, Action::Admin { calls, .. } if calls == &vec![AdminCall::mark_email_verified()]))
    );
    let again = confirm(&mut app);
    assert!(
        matches!(&again[0].action, Action::Admin { calls, .. } if calls == &vec![AdminCall::mark_email_verified()])
    );
    assert!(
        app.module_as::<Detail>()
            .is_some_and(|d| d.username == "caller")
    );
}

#[test]
fn detail_of_an_unconfirmed_user_offers_the_remedies() {
    let mut app = lookup(vec![unconfirmed()]);
    let get = press(&mut app, KeyCode::Enter);
    answer(&mut app, &get[0], Outcome::User(Ok(detail(unconfirmed()))));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn lookup_shows_expired_invitations() {
    let now = common::now();
    let mut fresh = fake_user("fresh", UserStatus::ForceChangePassword, true, &[]);
    fresh.modified = Some(now - TimeDelta::days(2));
    let mut stale = fake_user("stale", UserStatus::ForceChangePassword, true, &[]);
    stale.modified = Some(now - TimeDelta::days(8));
    let app = lookup(vec![fresh, stale]);
    let screen = draw(&app);
    assert_eq!(screen.matches("INVITATION EXPIRED").count(), 1);
    insta::assert_snapshot!(screen);
}

#[test]
fn verify_as_the_user_signs_in_sends_a_code_and_verifies() {
    use cognitui::cognito::auth::{AuthStep, Tokens};
    use cognitui::cognito::sensitive::Sensitive;
    let user = fake_user(
        "settled",
        UserStatus::Confirmed,
        true,
        &[
            ("email", "settled@example.com"),
            ("email_verified", "false"),
        ],
    );
    let mut app = lookup(vec![user.clone()]);
    let get = press(&mut app, KeyCode::Enter);
    answer(&mut app, &get[0], Outcome::User(Ok(detail(user.clone()))));
    send(&mut app, "V");
    assert!(
        matches!(step_of(app.screen()), Some(Step::SignIn(_))),
        "{:?}",
        app.status()
    );
    send(&mut app, "Demo-Passw0rd!");
    let sign_in = press(&mut app, KeyCode::Enter);
    let tokens = Tokens {
        id: Sensitive::new("id-token".into()),
        access: Sensitive::new("access-token".into()),
        refresh: None,
        expires_in_secs: Some(3600),
        device: None,
    };
    let asked = answer(
        &mut app,
        &sign_in[0],
        Outcome::Auth(Ok(AuthStep::SignedIn(tokens))),
    );
    assert!(asked.is_empty(), "sending the code is asked first");
    let code = confirm(&mut app);
    assert!(
        matches!(&code[0].action, Action::AttributeCode { access_token, attribute, .. } if attribute == "email" && access_token.expose() == "access-token")
    );
    let refresh = answer(
        &mut app,
        &code[0],
        Outcome::CodeSent(Ok(Some(CodeDelivery {
            medium: "EMAIL".into(),
            destination: "s***@e***.com".into(),
        }))),
    );
    // The user is in the table: after the change they are read again.
    assert!(
        matches!(&refresh[..], [r] if matches!(&r.action, Action::GetUser { username, .. } if username == "settled"))
    );
    answer(&mut app, &refresh[0], Outcome::User(Ok(detail(user))));
    assert!(app.in_flight().is_empty());
    send(&mut app, "654321");
    let screen = draw(&app);
    assert!(!screen.contains("access-token"));
    insta::assert_snapshot!(screen);
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "asked first");
    let verify = confirm(&mut app);
    assert!(
        matches!(&verify[0].action, Action::VerifyAttribute { attribute, code, .. } if attribute == "email" && code.expose() == "654321")
    );
    let reload = answer(&mut app, &verify[0], Outcome::CodeAccepted(Ok(())));
    assert!(
        matches!(&reload[..], [r] if matches!(&r.action, Action::GetUser { username, .. } if username == "settled")),
        "the user is read once: {reload:?}"
    );
    assert_eq!(
        app.status(),
        Some(&Status::Info("settled's email is verified.".into()))
    );
}

#[test]
fn sign_up_names_the_failing_password_rule() {
    let mut app = lookup(vec![]);
    send(&mut app, "n");
    send(&mut app, "caller");
    press(&mut app, KeyCode::Tab);
    send(&mut app, "demo-passw0rd!");
    assert!(
        press(&mut app, KeyCode::Enter).is_empty(),
        "nothing is sent"
    );
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "The password needs an upper-case letter.".into()
        ))
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn taken_username_of_a_confirmed_user() {
    let user = fake_user(
        "caller",
        UserStatus::Confirmed,
        true,
        &[("email", "caller@example.com"), ("email_verified", "true")],
    );
    let app = taken(user);
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn invitation_by_email_needs_the_email() {
    let mut app = lookup(vec![]);
    send(&mut app, "N");
    send(&mut app, "guest");
    assert!(
        press(&mut app, KeyCode::Enter).is_empty(),
        "nothing is sent"
    );
    assert_eq!(
        app.status(),
        Some(&Status::Error(
            "Delivery by email needs the email address: type it, or change the delivery.".into()
        ))
    );
    assert!(
        app.module_as::<InviteForm>()
            .is_some_and(|i| i.form.value(0) == "guest")
    );
    insta::assert_snapshot!(draw(&app));
}
