//! Every audit line names the user it changed, for the changes made as a signed-in user too:
//! TOTP enrolment with an access token or during MFA_SETUP, a new password, attribute
//! verification. The actions are the ones the app builds from key presses; no secret (password,
//! code, token, TOTP secret) reaches a line.

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cognitui::action::{Action, Outcome, Request};
use cognitui::app::{App, Screen};
use cognitui::audited::changes;
use cognitui::cognito::auth::{AuthSession, AuthStep, Challenge, MfaKind, Tokens};
use cognitui::cognito::model::{User, UserDetail, UserStatus};
use cognitui::cognito::sensitive::Sensitive;
use cognitui::screens::detail::Detail;
use cognitui::screens::sign_in::{Step, step_of};
use cognitui::totp::TotpSecret;
use common::{answer, app_on_pool, fake_pool, fake_user, key, typed};
use crossterm::event::KeyCode;

const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const PASSWORD: &str = "Demo-Passw0rd!";
const NEW_PASSWORD: &str = "Brand-New-Passw0rd-7";
const CODE: &str = "918273";
const SESSION: &str = "session-AYABeEXAMPLE";

fn send(app: &mut App, text: &str) -> Vec<Request> {
    typed(text)
        .into_iter()
        .flat_map(|e| app.update(e))
        .collect()
}

fn client() -> cognitui::cognito::model::AppClient {
    cognitui::cognito::model::AppClient {
        id: "client1".into(),
        name: "web".into(),
        secret: None,
        auth_flows: cognitui::cognito::flows::AuthFlows::default(),
    }
}

/// The detail screen of `user`, on a pool with an app client.
fn on_detail(user: User) -> App {
    let mut app = app_on_pool(
        (110, 30),
        fake_pool("eu-west-1_Audit", Some(client())),
        vec![user.clone()],
    );
    let get = app.update(key(KeyCode::Enter));
    answer(
        &mut app,
        &get[0],
        Outcome::User(Ok(UserDetail {
            user,
            preferred_mfa: None,
            mfa_enabled: vec![],
            groups: vec![],
        })),
    );
    assert!(app.module_as::<Detail>().is_some(), "{:?}", app.status());
    app
}

/// Signs in as `ann` from her detail screen (`key`: `i` for the tokens, `V` to verify the
/// email); returns the SignIn request.
fn signing_in(key_char: &str) -> (App, Request) {
    let ann = fake_user(
        "ann",
        UserStatus::Confirmed,
        true,
        &[("email", "ann@example.com"), ("email_verified", "false")],
    );
    let mut app = on_detail(ann);
    send(&mut app, key_char);
    assert!(
        matches!(step_of(app.screen()), Some(Step::SignIn(_))),
        "{:?}",
        app.status()
    );
    send(&mut app, PASSWORD);
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &sent[..],
        [Request {
            action: Action::SignIn { .. },
            ..
        }]
    ));
    (app, sent[0].clone())
}

fn jwt(payload: &str) -> Sensitive {
    Sensitive::new(format!(
        "eyJhbGciOiJSUzI1NiJ9.{}.c2lnbmF0dXJl",
        URL_SAFE_NO_PAD.encode(payload)
    ))
}

fn tokens(access: Sensitive) -> Tokens {
    Tokens {
        id: Sensitive::new("id-token-opaque".into()),
        access,
        refresh: None,
        expires_in_secs: Some(3600),
        device: None,
    }
}

fn session(value: &str) -> AuthSession {
    AuthSession {
        username: "ann".into(),
        session: Sensitive::new(value.into()),
    }
}

/// The one request of `requests`, which must be the kind `is` accepts.
fn only(requests: &[Request], is: fn(&Action) -> bool) -> Request {
    assert!(
        matches!(requests, [r] if is(&r.action)),
        "unexpected requests: {requests:?}"
    );
    requests[0].clone()
}

/// `requests` came from a key or an answer that asks for a change: nothing is sent yet, the
/// confirmation shows the change `is` accepts, and its Enter sends exactly that change.
fn confirmed(app: &mut App, requests: &[Request], is: fn(&Action) -> bool) -> Request {
    assert!(
        requests.is_empty(),
        "sent before its confirmation: {requests:?}"
    );
    assert!(
        matches!(app.screen(), Screen::Confirm(c) if is(&c.change)),
        "the change's confirmation is not shown; status: {:?}",
        app.status()
    );
    only(&app.update(key(KeyCode::Enter)), is)
}

/// The audit lines of `action` (as if it succeeded) name exactly `username`, and hold no
/// secret.
fn assert_audited_as(action: &Action, username: &str, secrets: &[&str]) {
    let lines = changes(action, &Outcome::MfaChanged(Ok(())));
    assert!(!lines.is_empty(), "{} is audited", action.label());
    for (operation, targets, result) in &lines {
        assert_eq!(targets, &[username.to_owned()], "{operation}");
        let line = format!("{operation} {targets:?} {result}");
        for secret in secrets {
            assert!(!line.contains(secret), "{operation} holds a secret: {line}");
        }
    }
}

fn secrets(access: &Sensitive) -> Vec<String> {
    [
        PASSWORD,
        NEW_PASSWORD,
        CODE,
        SESSION,
        SECRET,
        access.expose(),
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

fn assert_all(actions: &[&Action], username: &str, access: &Sensitive) {
    let secrets = secrets(access);
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    for action in actions {
        assert_audited_as(action, username, &secrets);
    }
}

#[test]
fn totp_enrolment_with_the_access_token_names_the_user() {
    let (mut app, sign_in) = signing_in("i");
    let access = jwt(r#"{"sub":"0f6c","username":"ann","token_use":"access"}"#);
    answer(
        &mut app,
        &sign_in,
        Outcome::Auth(Ok(AuthStep::SignedIn(tokens(access.clone())))),
    );
    assert!(matches!(step_of(app.screen()), Some(Step::Tokens(_))));
    let associate = send(&mut app, "e");
    let associate = confirmed(&mut app, &associate, |a| {
        matches!(a, Action::AssociateTotp { .. })
    });
    let secret = TotpSecret::parse(SECRET).expect("base32");
    answer(
        &mut app,
        &associate,
        Outcome::TotpAssociated(Ok((secret, None))),
    );
    send(&mut app, CODE);
    let verify = app.update(key(KeyCode::Enter));
    let verify = confirmed(&mut app, &verify, |a| {
        matches!(a, Action::VerifyTotp { .. })
    });
    let prefer = answer(
        &mut app,
        &verify,
        Outcome::TotpVerified {
            result: Ok(None),
            clock_skew_secs: None,
        },
    );
    let prefer = only(&prefer, |a| matches!(a, Action::PreferTotp { .. }));
    assert_all(
        &[&associate.action, &verify.action, &prefer.action],
        "ann",
        &access,
    );
}

#[test]
fn the_access_tokens_owner_is_named_when_another_user_signed_in() {
    // The agent changed the username on the sign-in form: the token says who signed in.
    let (mut app, sign_in) = signing_in("i");
    let access = jwt(r#"{"sub":"7a1e","username":"bob","token_use":"access"}"#);
    answer(
        &mut app,
        &sign_in,
        Outcome::Auth(Ok(AuthStep::SignedIn(tokens(access.clone())))),
    );
    let associate = send(&mut app, "e");
    let associate = confirmed(&mut app, &associate, |a| {
        matches!(a, Action::AssociateTotp { .. })
    });
    assert_all(&[&associate.action], "bob", &access);
}

#[test]
fn mfa_setup_names_the_user_of_the_session() {
    let (mut app, sign_in) = signing_in("i");
    let associate = answer(
        &mut app,
        &sign_in,
        Outcome::Auth(Ok(AuthStep::Challenge {
            challenge: Challenge::MfaSetup {
                can_setup: vec![MfaKind::Totp],
            },
            session: session(SESSION),
        })),
    );
    let associate = confirmed(&mut app, &associate, |a| {
        matches!(a, Action::AssociateTotp { .. })
    });
    let secret = TotpSecret::parse(SECRET).expect("base32");
    answer(
        &mut app,
        &associate,
        Outcome::TotpAssociated(Ok((secret, Some(Sensitive::new(format!("{SESSION}-2")))))),
    );
    send(&mut app, CODE);
    let verify = app.update(key(KeyCode::Enter));
    let verify = confirmed(&mut app, &verify, |a| {
        matches!(a, Action::VerifyTotp { .. })
    });
    let done = answer(
        &mut app,
        &verify,
        Outcome::TotpVerified {
            result: Ok(Some(Sensitive::new(format!("{SESSION}-3")))),
            clock_skew_secs: None,
        },
    );
    // The sign-in goes on; the user is read again, since the read sent after the association
    // may show them as they were before the verification.
    assert!(
        done.iter()
            .all(|r| matches!(r.action, Action::Respond { .. } | Action::GetUser { .. })),
        "{done:?}"
    );
    let done = done
        .into_iter()
        .find(|r| matches!(r.action, Action::Respond { .. }))
        .expect("the sign-in goes on");
    // An access token that is not a JWT: the session's user is named.
    let access = Sensitive::new("opaque-access-token".into());
    let prefer = answer(
        &mut app,
        &done,
        Outcome::Auth(Ok(AuthStep::SignedIn(tokens(access.clone())))),
    );
    let prefer = only(&prefer, |a| matches!(a, Action::PreferTotp { .. }));
    assert_all(
        &[&associate.action, &verify.action, &prefer.action],
        "ann",
        &access,
    );
}

#[test]
fn a_new_password_names_the_user() {
    let (mut app, sign_in) = signing_in("i");
    answer(
        &mut app,
        &sign_in,
        Outcome::Auth(Ok(AuthStep::Challenge {
            challenge: Challenge::NewPasswordRequired { required: vec![] },
            session: session(SESSION),
        })),
    );
    send(&mut app, NEW_PASSWORD);
    app.update(key(KeyCode::Tab));
    send(&mut app, NEW_PASSWORD);
    let respond = app.update(key(KeyCode::Enter));
    let respond = confirmed(&mut app, &respond, |a| matches!(a, Action::Respond { .. }));
    let lines = changes(&respond.action, &Outcome::MfaChanged(Ok(())));
    assert_eq!(
        lines[0].0, "RespondToAuthChallenge (NEW_PASSWORD_REQUIRED)",
        "{lines:?}"
    );
    assert_all(&[&respond.action], "ann", &Sensitive::new(SESSION.into()));
}

#[test]
fn verifying_an_attribute_as_the_user_names_the_user() {
    let (mut app, sign_in) = signing_in("V");
    let access = Sensitive::new("opaque-access-token".into());
    let code = answer(
        &mut app,
        &sign_in,
        Outcome::Auth(Ok(AuthStep::SignedIn(tokens(access.clone())))),
    );
    let code = confirmed(&mut app, &code, |a| {
        matches!(a, Action::AttributeCode { .. })
    });
    answer(&mut app, &code, Outcome::CodeSent(Ok(None)));
    send(&mut app, CODE);
    let verify = app.update(key(KeyCode::Enter));
    let verify = confirmed(&mut app, &verify, |a| {
        matches!(a, Action::VerifyAttribute { .. })
    });
    assert_all(&[&code.action, &verify.action], "ann", &access);
    let operations: Vec<String> = [&code.action, &verify.action]
        .iter()
        .flat_map(|a| changes(a, &Outcome::CodeAccepted(Ok(()))))
        .map(|(operation, _, _)| operation)
        .collect();
    assert_eq!(
        operations,
        [
            "GetUserAttributeVerificationCode (email)",
            "VerifyUserAttribute (email)"
        ]
    );
}

/// Not an audit target, but the same enrolment: the user's page is read again only once TOTP
/// is preferred, never between the verified code and the preference (that read could answer
/// first and show the old MFA).
#[test]
fn the_user_is_read_again_after_totp_is_preferred_not_before() {
    let (mut app, sign_in) = signing_in("i");
    let access = jwt(r#"{"sub":"0f6c","username":"ann","token_use":"access"}"#);
    answer(
        &mut app,
        &sign_in,
        Outcome::Auth(Ok(AuthStep::SignedIn(tokens(access)))),
    );
    let associate = send(&mut app, "e");
    let associate = confirmed(&mut app, &associate, |a| {
        matches!(a, Action::AssociateTotp { .. })
    });
    let secret = TotpSecret::parse(SECRET).expect("base32");
    for read in answer(
        &mut app,
        &associate,
        Outcome::TotpAssociated(Ok((secret, None))),
    ) {
        // Whatever was read after the secret arrived is answered, so nothing is in flight.
        answer(
            &mut app,
            &read,
            Outcome::User(Err(cognitui::cognito::CognitoError::Timeout)),
        );
    }
    send(&mut app, CODE);
    let verify = app.update(key(KeyCode::Enter));
    let verify = confirmed(&mut app, &verify, |a| {
        matches!(a, Action::VerifyTotp { .. })
    });
    let after_verify = answer(
        &mut app,
        &verify,
        Outcome::TotpVerified {
            result: Ok(None),
            clock_skew_secs: None,
        },
    );
    let prefer = only(&after_verify, |a| matches!(a, Action::PreferTotp { .. }));
    let after_prefer = answer(&mut app, &prefer, Outcome::MfaChanged(Ok(())));
    only(&after_prefer, |a| matches!(a, Action::GetUser { .. }));
}
