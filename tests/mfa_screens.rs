//! Snapshots of the MFA screens: enrolment (secret and codes filtered out), the too-small
//! message, full screen, the claims view, and the sign-in forms.

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cognitui::app::{App, Form, Screen};
use cognitui::claims;
use cognitui::cognito::auth::{AuthSession, EnrolWith, MfaKind, Tokens};
use cognitui::cognito::flows::AuthFlow;
use cognitui::cognito::sensitive::Sensitive;
use cognitui::qr::{Qr, otpauth_uri};
use cognitui::screens::mfa_menu::MfaMenu;
use cognitui::screens::sign_in::{Enrol, MfaCode, NewPassword, SignIn, Step, TokensView, step_mut};
use cognitui::totp::TotpSecret;
use cognitui::ui::{Theme, render};
use common::{app, now, show_step};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

fn draw(app: &App, size: (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("terminal");
    terminal
        .draw(|f| render(f, app, &Theme::default()))
        .expect("draw");
    format!("{}", terminal.backend())
}

/// Snapshots with the TOTP secret and 6-digit codes replaced.
macro_rules! assert_secret_free_snapshot {
    ($text:expr) => {
        insta::with_settings!({filters => vec![
            (r"JBSW(?: ?[A-Z2-7]{4})*", "[SECRET]"),
            (r"\b\d{6}\b", "[CODE]"),
        ]}, {
            insta::assert_snapshot!($text);
        });
    };
}

fn enrolling(authenticator: bool) -> App {
    let mut app = app((110, 40));
    let secret = TotpSecret::parse(SECRET).expect("base32");
    let uri = otpauth_uri("cognitui-demo", "ann@example.com", &secret);
    show_step(
        &mut app,
        Step::Enrol(Box::new(Enrol {
            with: EnrolWith::AccessToken(Sensitive::new("token".into())),
            issuer: "cognitui-demo".into(),
            account: "ann@example.com".into(),
            qr: Qr::new(&uri),
            uri: Sensitive::new(uri),
            secret: Some(secret),
            form: Form::new(&[("Code", false), ("Device name", false)]).with_value(1, "phone"),
            full_screen: false,
            authenticator,
            tries: 1,
        })),
    );
    app
}

#[test]
fn enrolment_screen() {
    let text = draw(&enrolling(true), (110, 40));
    assert!(
        text.contains("JBSW Y3DP EHPK 3PXP"),
        "the secret is shown in groups of four"
    );
    assert!(text.contains("DEMO AUTHENTICATOR"));
    assert_secret_free_snapshot!(text);
}

#[test]
fn enrolment_too_small() {
    let text = draw(&enrolling(false), (80, 24));
    assert!(text.contains("The QR needs"), "{text}");
    assert_secret_free_snapshot!(text);
}

#[test]
fn full_screen_qr_too_small_says_the_size_needed() {
    let mut app = enrolling(false);
    if let Some(Step::Enrol(e)) = step_mut(app.screen_mut()) {
        e.full_screen = true;
    }
    insta::assert_snapshot!(draw(&app, (40, 12)));
    // A normal 80x24 terminal fits a typical enrolment QR in full screen.
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| render(f, &app, &Theme::default()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    assert!(
        buffer.content().iter().any(|c| c.symbol() == "▀"),
        "the QR is drawn"
    );
    assert!(!format!("{}", terminal.backend()).contains("too small"));
}

fn jwt(payload: &str) -> Sensitive {
    Sensitive::new(format!(
        "eyJhbGciOiJSUzI1NiJ9.{}.c2lnbmF0dXJl",
        URL_SAFE_NO_PAD.encode(payload)
    ))
}

#[test]
fn claims_view() {
    let mut app = app((100, 30));
    let (auth, exp) = (now().timestamp() - 60, now().timestamp() + 3540);
    let tokens = Tokens {
        id: jwt(&format!(
            r#"{{"sub":"0f6c-sub","cognito:username":"ann","email":"ann@example.com","cognito:groups":["support"],"auth_time":{auth},"exp":{exp},"token_use":"id"}}"#
        )),
        access: jwt(&format!(
            r#"{{"sub":"0f6c-sub","username":"ann","auth_time":{auth},"exp":{exp},"token_use":"access"}}"#
        )),
        refresh: Some(Sensitive::new("refresh".into())),
        expires_in_secs: Some(3600),
        device: None,
    };
    show_step(
        &mut app,
        Step::Tokens(Box::new(TokensView {
            id: claims::decode(tokens.id.expose()),
            access: claims::decode(tokens.access.expose()),
            tokens,
        })),
    );
    let text = draw(&app, (100, 30));
    assert!(!text.contains("eyJ"), "no raw token");
    assert!(text.contains("in 59m 00s"), "{text}");
    insta::assert_snapshot!(text);
}

fn session() -> AuthSession {
    AuthSession {
        username: "ann".into(),
        session: Sensitive::new("s".into()),
    }
}

#[test]
fn sign_in_form_masks_the_password() {
    let mut app = app((90, 14));
    let form = Form::new(&[("Username", false), ("Password", true)])
        .with_value(0, "ann")
        .with_value(1, "Secret-123");
    show_step(
        &mut app,
        Step::SignIn(SignIn {
            form,
            flow: AuthFlow::Admin,
            account: "ann@example.com".into(),
        }),
    );
    let text = draw(&app, (90, 14));
    assert!(!text.contains("Secret-123"));
    insta::assert_snapshot!(text);
}

#[test]
fn new_password_form_names_the_failing_rule() {
    let mut app = app((90, 14));
    let mut screen = NewPassword::new(session(), vec![]);
    screen.form = screen.form.with_value(0, "lowercase-only1");
    show_step(&mut app, Step::NewPassword(screen));
    insta::assert_snapshot!(draw(&app, (90, 14)));
}

#[test]
fn sms_code_entry() {
    let mut app = app((90, 14));
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
    insta::assert_snapshot!(draw(&app, (90, 14)));
}

#[test]
fn admin_mfa_menu() {
    let mut app = app((90, 14));
    *app.screen_mut() = Screen::Module(Box::new(MfaMenu {
        username: "ann".into(),
        // SMS enabled and preferred.
        selected: 3,
        user: None,
        pool: None,
    }));
    insta::assert_snapshot!(draw(&app, (90, 14)));
}
