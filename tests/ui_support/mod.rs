//! Screens built for the layout and theme tests (`screens_80x24`, `themes`): each reached
//! through `App::update` with made-up outcomes where a key leads there, or set directly for the
//! sign-in steps that need a session. The app is given the size it is drawn at, so that its
//! scrolling agrees with the layout.

#![allow(dead_code)] // each test binary uses a different part of this module

use chrono::{TimeZone, Utc};
use cognitui::action::{Outcome, Request};
use cognitui::app::{App, Form, Screen};
use cognitui::audit::AuditEntry;
use cognitui::cognito::CognitoError;
use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::auth::{AuthSession, EnrolWith, MfaKind, Tokens};
use cognitui::cognito::device::{DeviceAtSignIn, NewDevice};
use cognitui::cognito::lists::{AuthEvent, Device};
use cognitui::cognito::model::{AppClient, PoolSummary, User, UserDetail, UserStatus};
use cognitui::cognito::sensitive::Sensitive;
use cognitui::qr::{Qr, otpauth_uri};
use cognitui::screens::attributes::AttributeEditor;
use cognitui::screens::bulk::BulkRun;
use cognitui::screens::code::CodeEntry;
use cognitui::screens::detail::Detail;
use cognitui::screens::group_form::GroupForm;
use cognitui::screens::groups::GroupsView;
use cognitui::screens::members::MembersView;
use cognitui::screens::overview::OverviewView;
use cognitui::screens::sign_in::{
    Enrol, MfaCode, NewPassword, SelectMfa, Step, TokensView, step_mut, step_of,
};
use cognitui::screens::sign_up::Existing;
use cognitui::totp::TotpSecret;
use cognitui::ui::{Theme, render};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::common::{
    answer, app, app_on_pool, fake_page, fake_pool, fake_user, key, show_step, typed,
};

pub const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// Snapshots with the TOTP secret and 6-digit codes replaced.
#[macro_export]
macro_rules! assert_secret_free_snapshot {
    ($name:expr, $text:expr) => {
        insta::with_settings!({filters => vec![
            (r"JBSW(?: ?[A-Z2-7]{4})*", "[SECRET]"),
            (r"\b\d{6}\b", "[CODE]"),
        ]}, {
            insta::assert_snapshot!($name, $text);
        });
    };
}

/// The buffer `app` draws at `size` in `theme`.
pub fn buffer(app: &App, size: (u16, u16), theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("terminal");
    terminal.draw(|f| render(f, app, theme)).expect("draw");
    terminal.backend().buffer().clone()
}

pub use super::common::draw;

/// Row `y` of `buffer` as text.
pub fn row_text(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// The first row whose text contains `needle`.
pub fn row_of(buffer: &Buffer, needle: &str) -> Option<u16> {
    (0..buffer.area.height).find(|&y| row_text(buffer, y).contains(needle))
}

pub fn send(app: &mut App, text: &str) -> Vec<Request> {
    typed(text)
        .into_iter()
        .flat_map(|e| app.update(e))
        .collect()
}

pub fn press(app: &mut App, code: KeyCode) -> Vec<Request> {
    app.update(key(code))
}

pub fn client() -> AppClient {
    AppClient {
        id: "client1".into(),
        name: "web".into(),
        secret: None,
        auth_flows: cognitui::cognito::flows::AuthFlows::default(),
    }
}

/// A user with a long address and notes, to see values wrap.
pub fn ann() -> User {
    fake_user(
        "ann.smith",
        UserStatus::Confirmed,
        true,
        &[
            ("sub", "0f6c1e2a-1111-2222-3333-444455556666"),
            ("email", "ann.smith@example.com"),
            ("email_verified", "false"),
            ("phone_number", "+15555550123"),
            ("phone_number_verified", "true"),
            ("given_name", "Ann"),
            ("family_name", "Smith"),
            (
                "address",
                "Flat 4, 221B Baker Street, Marylebone, London NW1 6XE, United Kingdom of Great Britain and Northern Ireland",
            ),
            ("custom:tier", "gold"),
            ("custom:employee_id", "E-1042"),
            (
                "custom:notes",
                "Called the desk twice about the confirmation email; asked for the code to go to her phone instead.",
            ),
        ],
    )
}

/// `count` made-up users in assorted states, then ann.
pub fn users(count: usize) -> Vec<User> {
    let mut users = fake_page(count, None).users;
    users.push(ann());
    users
}

/// The user table of a pool with an app client, `count` users and ann loaded.
pub fn lookup(size: (u16, u16), count: usize) -> App {
    app_on_pool(
        size,
        fake_pool("us-east-1_Desk", Some(client())),
        users(count),
    )
}

/// The table with the keyboard on the row of `username`.
pub fn select_user(app: &mut App, username: &str) {
    press(app, KeyCode::Home);
    for _ in 0..app.lookup().view.len() {
        if app
            .lookup()
            .selected_user()
            .is_some_and(|u| u.username == username)
        {
            return;
        }
        press(app, KeyCode::Down);
    }
    panic!("{username} is not in the table");
}

/// The detail screen of `user`, loaded.
pub fn detail_of(size: (u16, u16), user: User) -> App {
    let mut app = lookup(size, 3);
    if !app.lookup().has_user(&user.username) {
        app = app_on_pool(
            size,
            fake_pool("us-east-1_Desk", Some(client())),
            vec![user.clone()],
        );
    }
    select_user(&mut app, &user.username);
    let get = press(&mut app, KeyCode::Enter);
    answer(
        &mut app,
        &get[0],
        Outcome::User(Ok(UserDetail {
            user,
            preferred_mfa: Some("SOFTWARE_TOKEN_MFA".into()),
            mfa_enabled: vec!["SOFTWARE_TOKEN_MFA".into()],
            groups: vec!["admins".into(), "support".into()],
        })),
    );
    assert!(app.module_as::<Detail>().is_some());
    app
}

/// ann's detail screen.
pub fn detail(size: (u16, u16)) -> App {
    detail_of(size, ann())
}

pub fn picker(size: (u16, u16)) -> App {
    let mut app = app(size);
    let first = app.start(None);
    let pools = (0..6)
        .map(|i| PoolSummary {
            id: format!("eu-west-1_Pool{i}"),
            name: format!("pool-{i}"),
        })
        .collect();
    answer(&mut app, &first[0], Outcome::Pools(Ok(pools)));
    press(&mut app, KeyCode::Down);
    app
}

pub fn session() -> AuthSession {
    AuthSession {
        username: "ann.smith".into(),
        session: Sensitive::new("s".into()),
    }
}

/// The sign-in form from ann's page, the password typed.
pub fn sign_in(size: (u16, u16)) -> App {
    let mut app = detail(size);
    send(&mut app, "i");
    assert!(
        matches!(step_of(app.screen()), Some(Step::SignIn(_))),
        "{:?}",
        app.status()
    );
    send(&mut app, "Secret-123");
    app
}

pub fn new_password(size: (u16, u16)) -> App {
    let mut app = sign_in(size);
    let mut screen = NewPassword::new(session(), vec![]);
    screen.form = screen.form.with_value(0, "lowercase-only1");
    show_step(&mut app, Step::NewPassword(screen));
    app
}

pub fn mfa_code(size: (u16, u16)) -> App {
    let mut app = sign_in(size);
    show_step(
        &mut app,
        Step::MfaCode(MfaCode {
            session: session(),
            kind: MfaKind::Sms,
            destination: Some("+*******0123".into()),
            form: Form::new(&[("Code", false)]),
            tries: 2,
            demo_secret: None,
            authenticator: false,
        }),
    );
    app
}

pub fn select_mfa(size: (u16, u16)) -> App {
    let mut app = sign_in(size);
    show_step(
        &mut app,
        Step::SelectMfa(SelectMfa {
            session: session(),
            options: vec![MfaKind::Totp, MfaKind::Sms, MfaKind::Email],
            selected: 1,
        }),
    );
    app
}

/// TOTP enrolment with the QR of a typical URI, the demo authenticator shown.
pub fn enrolment(size: (u16, u16)) -> App {
    let mut app = lookup(size, 3);
    let secret = TotpSecret::parse(SECRET).expect("base32");
    let uri = otpauth_uri("cognitui-demo", "ann.smith@example.com", &secret);
    show_step(
        &mut app,
        Step::Enrol(Box::new(Enrol {
            with: EnrolWith::AccessToken(Sensitive::new("token".into())),
            issuer: "cognitui-demo".into(),
            account: "ann.smith@example.com".into(),
            qr: Qr::new(&uri),
            uri: Sensitive::new(uri),
            secret: Some(secret),
            form: Form::new(&[("Code", false), ("Device name", false)]).with_value(1, "phone"),
            full_screen: false,
            authenticator: true,
            tries: 1,
        })),
    );
    app
}

/// The otpauth URI `enrolment` shows.
pub fn enrolment_uri() -> String {
    otpauth_uri(
        "cognitui-demo",
        "ann.smith@example.com",
        &TotpSecret::parse(SECRET).expect("base32"),
    )
}

fn jwt(payload: &str) -> Sensitive {
    use base64::Engine as _;
    Sensitive::new(format!(
        "eyJhbGciOiJSUzI1NiJ9.{}.c2lnbmF0dXJl",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(payload)
    ))
}

pub fn tokens(size: (u16, u16)) -> App {
    let mut app = lookup(size, 3);
    let now = super::common::now().timestamp();
    let (auth, exp) = (now - 60, now + 3540);
    let tokens = Tokens {
        id: jwt(&format!(
            r#"{{"sub":"0f6c-sub","cognito:username":"ann.smith","email":"ann.smith@example.com","cognito:groups":["support"],"auth_time":{auth},"exp":{exp},"token_use":"id"}}"#
        )),
        access: jwt(&format!(
            r#"{{"sub":"0f6c-sub","username":"ann.smith","auth_time":{auth},"exp":{exp},"token_use":"access"}}"#
        )),
        refresh: Some(Sensitive::new("refresh".into())),
        expires_in_secs: Some(3600),
        device: None,
    };
    show_step(
        &mut app,
        Step::Tokens(Box::new(TokensView {
            id: cognitui::claims::decode(tokens.id.expose()),
            access: cognitui::claims::decode(tokens.access.expose()),
            tokens,
        })),
    );
    app
}

/// The tokens of a sign-in in a pool that tracks devices: the new device is offered.
pub fn tokens_offering_device(size: (u16, u16)) -> App {
    let mut app = tokens(size);
    if let Some(Step::Tokens(t)) = step_mut(app.screen_mut()) {
        t.tokens.device = Some(DeviceAtSignIn::New(NewDevice {
            key: "us-east-1_4f1c0d2e-9a8b-4c7d-8e6f-5a4b3c2d1e0f".into(),
            group_key: "-Xyz12AbC".into(),
        }));
    }
    app
}

pub fn mfa_menu(size: (u16, u16)) -> App {
    let mut app = detail(size);
    send(&mut app, "m");
    app
}

/// The sign-up form with a username, a password and a bad email typed.
pub fn sign_up(size: (u16, u16)) -> App {
    let mut app = lookup(size, 3);
    send(&mut app, "n");
    send(&mut app, "caller");
    press(&mut app, KeyCode::Tab);
    send(&mut app, "Demo-Passw0rd!");
    press(&mut app, KeyCode::Tab);
    send(&mut app, "caller@example");
    app
}

/// Sign-up answered "username exists" for an UNCONFIRMED user.
pub fn taken(size: (u16, u16)) -> App {
    let mut app = sign_up(size);
    send(&mut app, ".com");
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "asked first");
    let sent = press(&mut app, KeyCode::Enter);
    let lookup = answer(
        &mut app,
        &sent[0],
        Outcome::SignedUp(Err(CognitoError::UsernameExists)),
    );
    let user = fake_user(
        "caller",
        UserStatus::Unconfirmed,
        true,
        &[("email", "caller@example.com"), ("email_verified", "false")],
    );
    answer(
        &mut app,
        &lookup[0],
        Outcome::User(Ok(UserDetail {
            user,
            preferred_mfa: None,
            mfa_enabled: vec![],
            groups: vec![],
        })),
    );
    assert!(app.module_as::<Existing>().is_some());
    app
}

/// Code entry for an UNCONFIRMED user (`c` on their page), a code typed.
pub fn code_entry(size: (u16, u16)) -> App {
    let user = fake_user(
        "user001",
        UserStatus::Unconfirmed,
        true,
        &[("email", "user001@example.com"), ("email_verified", "true")],
    );
    let mut app = detail_of(size, user);
    send(&mut app, "c");
    assert!(app.module_as::<CodeEntry>().is_some(), "{:?}", app.status());
    send(&mut app, "12345");
    app
}

pub fn invite(size: (u16, u16)) -> App {
    let mut app = lookup(size, 3);
    send(&mut app, "N");
    send(&mut app, "guest");
    app
}

/// ann's attribute editor with the tier changed.
pub fn editor(size: (u16, u16)) -> App {
    let mut app = detail(size);
    send(&mut app, "e");
    let Some(e) = app.module_as::<AttributeEditor>() else {
        panic!("editor: {:?}", app.status())
    };
    let tier = e
        .rows
        .iter()
        .position(|r| r.name == "custom:tier")
        .expect("tier");
    for _ in 0..tier {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    send(&mut app, "platinum");
    press(&mut app, KeyCode::Enter);
    app
}

pub fn preview(size: (u16, u16)) -> App {
    let mut app = editor(size);
    send(&mut app, "p");
    app
}

/// Disabling ann, waiting for Enter.
pub fn confirmation(size: (u16, u16)) -> App {
    let mut app = detail(size);
    send(&mut app, "t");
    assert!(matches!(app.screen(), Screen::Confirm(_)));
    app
}

pub fn set_password(size: (u16, u16)) -> App {
    let mut app = detail(size);
    send(&mut app, "w");
    send(&mut app, "Temp-Passw0rd!");
    press(&mut app, KeyCode::F(5));
    app
}

/// A list from ann's page: `g` groups, `d` devices, `h` sign-in events.
pub fn list(size: (u16, u16), which: &str) -> App {
    let mut app = detail(size);
    let sent = send(&mut app, which);
    let outcome = match which {
        "g" => Outcome::Groups(Ok(super::common::groups(
            &(0..30).map(|i| format!("group-{i:02}")).collect::<Vec<_>>(),
        ))),
        "d" => Outcome::Devices(Ok((0..3)
            .map(|i| Device {
                key: format!("us-east-1_0a1b2c3d-000{i}"),
                name: Some(format!("Ann's phone {i}")),
                last_ip: Some("203.0.113.7".into()),
                last_used: Utc.with_ymd_and_hms(2026, 3, 3, 8, 15, 0).single(),
            })
            .collect())),
        _ => Outcome::AuthEvents(Ok((0..40)
            .map(|i| AuthEvent {
                id: format!("event-{i}"),
                time: Utc.with_ymd_and_hms(2026, 3, 3, 8, i, 0).single(),
                kind: "SignIn".into(),
                response: if i % 3 == 0 { "Fail" } else { "Pass" }.into(),
                risk: Some("Low".into()),
                ip: Some("198.51.100.4".into()),
                feedback: None,
            })
            .collect())),
    };
    answer(&mut app, &sent[0], outcome);
    app
}

/// The table with every row marked.
pub fn marked(size: (u16, u16), count: usize) -> App {
    let mut app = lookup(size, count);
    send(&mut app, "*");
    press(&mut app, KeyCode::Esc);
    app
}

pub fn bulk_menu(size: (u16, u16)) -> App {
    let mut app = marked(size, 40);
    send(&mut app, "b");
    app
}

/// The bulk menu's attribute form, `locale` and `fr` typed.
pub fn bulk_attribute(size: (u16, u16)) -> App {
    let mut app = bulk_menu(size);
    let at = cognitui::screens::bulk_menu::BULK_KINDS
        .iter()
        .position(|k| *k == cognitui::screens::bulk_menu::BulkKind::SetAttribute)
        .expect("a choice");
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    send(&mut app, "locale");
    press(&mut app, KeyCode::Tab);
    send(&mut app, "fr");
    app
}

/// The preview of disabling 40 users and ann.
pub fn bulk_preview(size: (u16, u16)) -> App {
    let mut app = bulk_menu(size);
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.module_as::<BulkRun>().is_some(), "{:?}", app.status());
    app
}

/// The run, under way: `answered` steps answered, every third a failure.
pub fn bulk_run(size: (u16, u16), answered: usize) -> App {
    let mut app = bulk_preview(size);
    let mut pending: std::collections::VecDeque<Request> = press(&mut app, KeyCode::Enter).into();
    let mut n = 0;
    while n < answered {
        let Some(step) = pending.pop_front() else {
            break;
        };
        let result = if n % 3 == 2 {
            Err(CognitoError::TooManyRequests)
        } else {
            Ok(())
        };
        pending.extend(answer(
            &mut app,
            &step,
            Outcome::Changed(vec![(AdminCall::Disable, result)]),
        ));
        n += 1;
    }
    app
}

/// The summary of the whole run.
pub fn bulk_summary(size: (u16, u16)) -> App {
    bulk_run(size, usize::MAX)
}

/// The cleanup form, then (with `preview`) the users it would delete.
pub fn cleanup(size: (u16, u16), preview: bool) -> App {
    let mut app = lookup(size, 80);
    send(&mut app, "C");
    if preview {
        press(&mut app, KeyCode::Backspace);
        send(&mut app, "1");
        press(&mut app, KeyCode::Enter);
        assert!(app.module_as::<BulkRun>().is_some(), "{:?}", app.status());
    }
    app
}

pub fn export(size: (u16, u16)) -> App {
    let mut app = lookup(size, 3);
    app.options_mut().export_dir = "/home/desk".into();
    send(&mut app, "E");
    app
}

/// The audit log with 40 entries (the third opened with `open`).
pub fn audit(size: (u16, u16), open: bool) -> App {
    let mut app = lookup(size, 3);
    let read = send(&mut app, "l");
    let entries = (0..40)
        .map(|i| AuditEntry {
            time: format!("2026-03-04T11:{:02}:07.000Z", 59 - i),
            pool: "us-east-1_Desk".into(),
            identity: "arn:aws:iam::123456789012:user/support-desk-engineer".into(),
            action: if i % 2 == 0 {
                "AdminUpdateUserAttributes"
            } else {
                "AdminDisableUser"
            }
            .into(),
            targets: vec![format!("user{i:03}"), "ann.smith".into()],
            result: if i % 5 == 2 {
                "Cognito is throttling requests (rate quota reached): wait a moment, then retry."
                    .into()
            } else {
                "ok".into()
            },
        })
        .collect();
    answer(
        &mut app,
        &read[0],
        Outcome::Audit(Ok((
            "/home/desk/.local/share/cognitui/audit.jsonl".into(),
            entries,
        ))),
    );
    if open {
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter);
    }
    app
}

/// Help (`?`) over `app`.
pub fn with_help(mut app: App) -> App {
    send(&mut app, "?");
    assert!(app.show_help());
    app
}

/// The pool's groups (`G`): 12 groups with descriptions and precedences, the members of the
/// first `counted` counted (the rest still counting).
pub fn groups(size: (u16, u16), counted: usize) -> App {
    let mut app = lookup(size, 3);
    let read = send(&mut app, "G");
    assert!(
        app.module_as::<GroupsView>().is_some(),
        "{:?}",
        app.status()
    );
    let names = [
        "admins",
        "support",
        "support-tier2",
        "billing",
        "beta-testers",
        "partners",
        "auditors",
        "ops-oncall",
        "marketing",
        "legal",
        "sales-emea",
        "sales-apac",
    ];
    let groups = names
        .iter()
        .enumerate()
        .map(|(i, name)| cognitui::cognito::groups::Group {
            name: (*name).into(),
            description: (i % 4 != 3).then(|| format!("People who work on {name}")),
            precedence: (i % 3 != 2).then(|| i32::try_from(i * 10).unwrap_or(0)),
            role_arn: None,
        })
        .collect();
    let mut pending: std::collections::VecDeque<Request> =
        answer(&mut app, &read[0], Outcome::Groups(Ok(groups))).into();
    for n in 0..counted {
        let Some(count) = pending.pop_front() else {
            break;
        };
        pending.extend(answer(
            &mut app,
            &count,
            Outcome::MemberCount(Ok(cognitui::cognito::groups::GroupSize::Exactly(
                n * 7 % 40,
            ))),
        ));
    }
    app
}

/// The members of `support-tier2`: the first page of 60 loaded, more on the server.
pub fn members(size: (u16, u16)) -> App {
    let mut app = groups(size, 12);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let read = press(&mut app, KeyCode::Enter);
    assert!(
        app.module_as::<MembersView>().is_some(),
        "{:?}",
        app.status()
    );
    answer(
        &mut app,
        &read[0],
        Outcome::Members(Ok(super::common::fake_page(60, Some("next-page")))),
    );
    app
}

/// Creating a group: its name, description and precedence typed.
pub fn group_form(size: (u16, u16)) -> App {
    let mut app = groups(size, 12);
    send(&mut app, "n");
    assert!(app.module_as::<GroupForm>().is_some(), "{:?}", app.status());
    send(&mut app, "support-tier3");
    press(&mut app, KeyCode::Tab);
    send(&mut app, "Third line support");
    press(&mut app, KeyCode::Tab);
    send(&mut app, "30");
    app
}

/// Deleting `support` (7 members), waiting for Enter.
pub fn delete_group(size: (u16, u16)) -> App {
    let mut app = groups(size, 12);
    press(&mut app, KeyCode::Down);
    send(&mut app, "D");
    assert!(
        matches!(app.screen(), Screen::Confirm(_)),
        "{:?}",
        app.status()
    );
    app
}

/// A pool's overview as DescribeUserPool and the app clients say it, for the screens.
pub fn pool_overview() -> cognitui::cognito::overview::PoolOverview {
    use cognitui::cognito::overview::{
        ClientOverview, EmailDelivery, PoolOverview, RefreshRotation, SmsDelivery, Trigger,
        Validity,
    };
    let client = |name: &str, id: &str, secret: bool, hides: bool| ClientOverview {
        name: name.into(),
        id: id.into(),
        auth_flows: vec![
            "ALLOW_USER_SRP_AUTH".into(),
            "ALLOW_REFRESH_TOKEN_AUTH".into(),
        ],
        has_secret: secret,
        access_token: Some(Validity {
            value: 60,
            unit: "minutes",
            unit_returned: true,
        }),
        id_token: Some(Validity {
            value: 1,
            unit: "hours",
            unit_returned: true,
        }),
        refresh_token: Some(Validity {
            value: 30,
            unit: "days",
            unit_returned: true,
        }),
        hides_missing_users: Some(hides),
        refresh_rotation: Some(RefreshRotation {
            enabled: secret,
            grace_seconds: secret.then_some(60),
        }),
    };
    PoolOverview {
        name: "desk".into(),
        id: "us-east-1_Desk".into(),
        tier: Some("ESSENTIALS".into()),
        deletion_protection: Some(true),
        username_attributes: vec![],
        alias_attributes: vec!["email".into(), "preferred_username".into()],
        case_sensitive: Some(false),
        admin_create_only: Some(false),
        auto_verified: vec!["email".into()],
        password_policy: Some(cognitui::password::PasswordPolicy::default()),
        temporary_password_days: Some(7),
        mfa: Ok(cognitui::cognito::model::PoolMfa {
            configuration: "OPTIONAL".into(),
            factors: vec![cognitui::cognito::model::PoolFactor::Totp],
        }),
        email: EmailDelivery::Ses {
            source_arn: Some("arn:aws:ses:us-east-1:123456789012:identity/desk.example.com".into()),
            from: Some("Desk <no-reply@desk.example.com>".into()),
        },
        sms: Some(SmsDelivery {
            role_arn: "arn:aws:iam::123456789012:role/desk-sms".into(),
            external_id: Some("desk-external".into()),
            sns_region: Some("us-east-1".into()),
        }),
        triggers: vec![
            Trigger {
                name: "PreSignUp",
                function: "desk-pre-sign-up".into(),
            },
            Trigger {
                name: "CustomMessage",
                function: "desk-messages".into(),
            },
        ],
        threat_protection: Some("AUDIT".into()),
        clients: vec![
            client("web", "client1", false, true),
            client("backend", "client2", true, false),
        ],
        settings: pool_settings(),
    }
}

/// The newer settings of [`pool_overview`]'s pool, each returned.
fn pool_settings() -> cognitui::cognito::pool_settings::PoolSettings {
    use cognitui::cognito::pool_settings::{
        CompromisedCredentials, Domain, LogDelivery, PoolSettings, Provider, Providers, Risk,
        TakeoverAction,
    };
    PoolSettings {
        first_auth_factors: Some(vec!["PASSWORD".into(), "EMAIL_OTP".into()]),
        domains: vec![Domain {
            name: "desk".into(),
            custom: false,
            managed_login_version: Ok(Some(2)),
        }],
        log_delivery: Ok(vec![LogDelivery {
            source: "userNotification".into(),
            level: "ERROR".into(),
            destination: Some("arn:aws:logs:us-east-1:123456789012:log-group:desk-delivery".into()),
        }]),
        risk: Ok(Risk {
            compromised_credentials: Some(CompromisedCredentials {
                action: Some("BLOCK".into()),
                events: vec!["SIGN_IN".into()],
            }),
            account_takeover: Some(vec![TakeoverAction {
                level: "high",
                action: "BLOCK".into(),
                notify: true,
            }]),
        }),
        identity_providers: Ok(Providers {
            providers: vec![Provider {
                name: "Google".into(),
                kind: "Google".into(),
            }],
            more: false,
        }),
    }
}

/// The overview (`o`), scrolled `down` rows.
pub fn overview(size: (u16, u16), down: usize) -> App {
    let mut app = lookup(size, 3);
    let read = send(&mut app, "o");
    assert!(
        app.module_as::<OverviewView>().is_some(),
        "{:?}",
        app.status()
    );
    answer(
        &mut app,
        &read[0],
        Outcome::Overview(Box::new(Ok(pool_overview()))),
    );
    for _ in 0..down {
        press(&mut app, KeyCode::Down);
    }
    app
}

/// A federated identity linked to `ann`, as Cognito writes the `identities` attribute.
pub const LINKED: &str = r#"[{"userId":"108123456789","providerName":"Google","providerType":"Google","primary":"false","dateCreated":"1772600000000"}]"#;

/// ann with a Google identity linked, on the unlink form (`U` on her page).
pub fn unlink_form(size: (u16, u16)) -> App {
    let mut user = ann();
    user.attributes.push(cognitui::cognito::model::Attribute {
        name: "identities".into(),
        value: LINKED.into(),
    });
    let mut app = detail_of(size, user);
    assert!(press(&mut app, KeyCode::Char('U')).is_empty());
    app
}

/// The pool's import jobs (`J` in the table): one running, one finished, one failed.
pub fn import_jobs(size: (u16, u16)) -> App {
    let mut app = lookup(size, 3);
    let list = press(&mut app, KeyCode::Char('J'));
    let at = |h| Utc.with_ymd_and_hms(2026, 3, 4, h, 0, 0).single();
    let job = |id: &str, status: &str, imported, failed, h| cognitui::cognito::import::ImportJob {
        id: id.into(),
        name: format!("cognitui-20260304-{h:02}0000"),
        status: status.into(),
        imported,
        skipped: 0,
        failed,
        message: (status == "Failed").then(|| "The CloudWatch Logs role cannot be assumed.".into()),
        created: at(h),
        started: at(h),
        completed: (status != "InProgress").then(|| at(h + 1)).flatten(),
    };
    answer(
        &mut app,
        &list[0],
        Outcome::ImportJobs(Ok(vec![
            job("import-Run1", "InProgress", 1200, 3, 11),
            job("import-Done", "Succeeded", 5000, 0, 9),
            job("import-Bad0", "Failed", 0, 0, 8),
        ])),
    );
    app
}

/// An invitation Cognito refused with AliasExistsException, its holder found: the
/// confirmation of the invitation again, with ForceAliasCreation.
pub fn alias_confirm(size: (u16, u16)) -> App {
    let mut app = lookup(size, 3);
    press(&mut app, KeyCode::Char('N'));
    for event in typed("ann.new") {
        app.update(event);
    }
    press(&mut app, KeyCode::Tab);
    for event in typed("ann@example.com") {
        app.update(event);
    }
    press(&mut app, KeyCode::Enter);
    let sent = press(&mut app, KeyCode::Enter);
    let lookup = answer(
        &mut app,
        &sent[0],
        Outcome::Invited(Err(CognitoError::AliasExists)),
    );
    let holder = fake_user(
        "ann",
        UserStatus::Confirmed,
        true,
        &[("email", "ann@example.com"), ("email_verified", "true")],
    );
    answer(
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
    assert!(
        matches!(app.screen(), Screen::Confirm(_)),
        "{:?}",
        app.status()
    );
    app
}
