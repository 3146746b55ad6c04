//! Admin MFA and passkeys where the local emulator has nothing (AdminGetUserAuthFactors, email
//! MFA, AdminDeleteSoftwareToken, ListWebAuthnCredentials, DeleteWebAuthnCredential), in AWS's
//! exact wire shapes (aws-smithy-mocks), each followed through a headless session at 80x24:
//! the user's factors and the pool's MFA configuration on the user's page, the MFA menu, email
//! MFA and a lost authenticator through the confirmation, the passkeys list and a deletion,
//! and an endpoint without these operations saying so while the rest works.

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use aws_smithy_mocks::{Rule, mock};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cognitui::app::{Screen, Status};
use cognitui::cognito::Cognito;
use cognitui::cognito::auth::Tokens;
use cognitui::cognito::sensitive::Sensitive;
use cognitui::config::PoolChoice;
use cognitui::screens::detail::Detail;
use cognitui::screens::mfa_menu::MfaMenu;
use cognitui::screens::passkeys::PasskeyList;
use cognitui::screens::sign_in::{Step, TokensView, step_of};
use cognitui::session::Session;
use common::wire::{aws_error, json, mock_client_of};
use common::{key, keymap, settle, show_step};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const POOL: &str = "eu-west-1_Desk";

fn pool() -> Rule {
    mock!(Client::describe_user_pool).then_http_response(|| {
        json(
            200,
            r#"{"UserPool":{"Id":"eu-west-1_Desk","Name":"desk","MfaConfiguration":"OPTIONAL"}}"#,
        )
    })
}

const ATTRIBUTES: &str = r#"[{"Name":"sub","Value":"0f6c1e2a-1111-2222-3333-444455556666"},{"Name":"email","Value":"ann@example.com"},{"Name":"email_verified","Value":"true"},{"Name":"phone_number","Value":"+15555550100"},{"Name":"phone_number_verified","Value":"true"}]"#;

fn users() -> Rule {
    mock!(Client::list_users).then_http_response(|| {
        json(
            200,
            &format!(
                r#"{{"Users":[{{"Username":"ann","UserStatus":"CONFIRMED","Enabled":true,"UserCreateDate":1772357400,"UserLastModifiedDate":1772443800,"Attributes":{ATTRIBUTES}}}]}}"#
            ),
        )
    })
}

fn get_user() -> Rule {
    mock!(Client::admin_get_user).then_http_response(|| {
        json(
            200,
            &format!(
                r#"{{"Username":"ann","UserStatus":"CONFIRMED","Enabled":true,"UserCreateDate":1772357400,"UserLastModifiedDate":1772443800,"PreferredMfaSetting":"SOFTWARE_TOKEN_MFA","UserMFASettingList":["SOFTWARE_TOKEN_MFA","EMAIL_OTP"],"UserAttributes":{ATTRIBUTES}}}"#
            ),
        )
    })
}

fn groups() -> Rule {
    mock!(Client::admin_list_groups_for_user).then_http_response(|| json(200, r#"{"Groups":[]}"#))
}

/// AdminGetUserAuthFactors as AWS answers it for a user with a password, TOTP, email MFA and a
/// passkey.
fn factors() -> Rule {
    mock!(Client::admin_get_user_auth_factors).then_http_response(|| {
        json(
            200,
            r#"{"Username":"ann","PreferredMfaSetting":"SOFTWARE_TOKEN_MFA","UserMFASettingList":["SOFTWARE_TOKEN_MFA","EMAIL_OTP"],"ConfiguredUserAuthFactors":["PASSWORD","SOFTWARE_TOKEN","EMAIL_OTP","WEB_AUTHN"]}"#,
        )
    })
}

/// GetUserPoolMfaConfig of a pool on the Essentials plan with TOTP, SMS and email MFA.
fn pool_mfa() -> Rule {
    mock!(Client::get_user_pool_mfa_config).then_http_response(|| {
        json(
            200,
            r#"{"MfaConfiguration":"OPTIONAL","SoftwareTokenMfaConfiguration":{"Enabled":true},"SmsMfaConfiguration":{"SmsAuthenticationMessage":"Your code is {####}","SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::123456789012:role/cognito-sms","ExternalId":"desk"}},"EmailMfaConfiguration":{"Message":"Your code is {####}","Subject":"Your code"},"WebAuthnConfiguration":{"RelyingPartyId":"example.com","UserVerification":"preferred"}}"#,
        )
    })
}

/// What an endpoint without the operation answers: HTTP 500, a web page, no error type.
fn missing() -> HttpResponse {
    HttpResponse::new(
        StatusCode::try_from(500).expect("status"),
        SdkBody::from("<!doctype html><title>500 Internal Server Error</title>"),
    )
}

/// A headless 80x24 session on `POOL`, the user table loaded, with `rules` before the pool's.
async fn session(rules: &[&Rule]) -> Session<TestBackend> {
    let base = [pool(), users(), get_user(), groups()];
    let all: Vec<&Rule> = rules.iter().copied().chain(base.iter()).collect();
    let mut s = Session::start(
        Terminal::new(TestBackend::new(80, 24)).expect("terminal"),
        Cognito::new(&mock_client_of(&all)),
        keymap(),
        "mock".into(),
        Some(PoolChoice {
            user_pool_id: POOL.into(),
            client_id: None,
            client_secret: None,
        }),
    )
    .expect("session");
    settle(&mut s, "the pool and the users", |a| {
        a.pool().is_some() && a.lookup().users.len() == 1 && a.in_flight().is_empty()
    })
    .await;
    s
}

/// Opens ann's page and waits until every read of it has answered.
async fn open_ann(s: &mut Session<TestBackend>) {
    s.handle(key(KeyCode::Enter));
    settle(s, "ann's page", |a| {
        a.module_as::<Detail>().is_some_and(|d| d.detail.is_some()) && a.in_flight().is_empty()
    })
    .await;
}

fn screen(s: &mut Session<TestBackend>) -> String {
    common::screen(s)
}

fn status(s: &Session<TestBackend>) -> Option<&Status> {
    s.app.status()
}

/// A JWT-shaped access token for `username` (only its claims are read).
fn access_token(username: &str) -> Sensitive {
    let payload = format!(r#"{{"sub":"0f6c-sub","username":"{username}","token_use":"access"}}"#);
    Sensitive::new(format!(
        "eyJhbGciOiJSUzI1NiJ9.{}.c2lnbmF0dXJl",
        URL_SAFE_NO_PAD.encode(payload)
    ))
}

/// The tokens screen of ann, signed in.
fn show_tokens(s: &mut Session<TestBackend>) {
    let tokens = Tokens {
        id: access_token("ann"),
        access: access_token("ann"),
        refresh: None,
        expires_in_secs: Some(3600),
        device: None,
    };
    show_step(
        &mut s.app,
        Step::Tokens(Box::new(TokensView {
            id: cognitui::claims::decode(tokens.id.expose()),
            access: cognitui::claims::decode(tokens.access.expose()),
            tokens,
        })),
    );
}

#[tokio::test]
async fn the_users_factors_and_the_pools_mfa_show_on_their_page() {
    let (read_factors, read_pool) = (factors(), pool_mfa());
    let mut s = session(&[&read_factors, &read_pool]).await;
    open_ann(&mut s).await;
    assert_eq!(read_factors.num_calls(), 1, "read with the user");
    assert_eq!(read_pool.num_calls(), 1);
    let text = screen(&mut s);
    assert!(
        text.contains("PASSWORD, SOFTWARE_TOKEN, EMAIL_OTP, WEB_AUTHN"),
        "{text}"
    );
    assert!(
        text.contains("Pool MFA       OPTIONAL with TOTP, SMS, email"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[tokio::test]
async fn an_endpoint_without_the_factors_says_so_and_the_rest_works() {
    let read_factors = mock!(Client::admin_get_user_auth_factors).then_http_response(missing);
    let read_pool = pool_mfa();
    let mut s = session(&[&read_factors, &read_pool]).await;
    open_ann(&mut s).await;
    assert_eq!(read_factors.num_calls(), 1, "not asked again");
    assert_eq!(
        status(&s),
        None,
        "the page itself loaded: no failure to report"
    );
    let text = screen(&mut s);
    assert!(
        text.contains("SOFTWARE_TOKEN_MFA"),
        "AdminGetUser's MFA is shown: {text}"
    );
    insta::assert_snapshot!(text);
}

#[tokio::test]
async fn the_mfa_menu_offers_totp_sms_email_and_a_lost_authenticator() {
    let (read_factors, read_pool) = (factors(), pool_mfa());
    let mut s = session(&[&read_factors, &read_pool]).await;
    open_ann(&mut s).await;
    s.handle(key(KeyCode::Char('m')));
    assert!(s.app.module_as::<MfaMenu>().is_some());
    insta::assert_snapshot!(screen(&mut s));
}

#[tokio::test]
async fn email_mfa_preferred_goes_through_the_confirmation_and_sends_email_settings_only() {
    let set = mock!(Client::admin_set_user_mfa_preference)
        .match_requests(|r| {
            r.user_pool_id() == Some(POOL)
                && r.username() == Some("ann")
                && r.email_mfa_settings()
                    .is_some_and(|e| e.enabled() && e.preferred_mfa())
                && r.software_token_mfa_settings().is_none()
                && r.sms_mfa_settings().is_none()
        })
        .then_http_response(|| json(200, "{}"));
    let (read_factors, read_pool) = (factors(), pool_mfa());
    let mut s = session(&[&set, &read_factors, &read_pool]).await;
    open_ann(&mut s).await;
    s.handle(key(KeyCode::Char('m')));
    for _ in 0..6 {
        s.handle(key(KeyCode::Down));
    }
    assert_eq!(
        s.app.cli_lines(),
        [
            "aws cognito-idp admin-set-user-mfa-preference --user-pool-id eu-west-1_Desk --username ann --email-mfa-settings Enabled=true,PreferredMfa=true"
        ]
    );
    s.handle(key(KeyCode::Enter));
    assert!(matches!(s.app.screen(), Screen::Confirm(_)), "asked first");
    assert!(s.app.in_flight().is_empty(), "nothing sent yet");
    insta::assert_snapshot!(screen(&mut s));

    s.handle(key(KeyCode::Enter));
    settle(&mut s, "ann's page again", |a| {
        a.module_as::<Detail>().is_some_and(|d| d.detail.is_some()) && a.in_flight().is_empty()
    })
    .await;
    assert_eq!(set.num_calls(), 1);
    assert_eq!(
        status(&s),
        Some(&Status::Info(
            "ann: set MFA: email enabled and preferred.".into()
        ))
    );
    assert_eq!(
        read_factors.num_calls(),
        2,
        "the factors are read again with the user"
    );
}

#[tokio::test]
async fn a_lost_authenticator_is_removed_through_the_confirmation() {
    let delete = mock!(Client::admin_delete_software_token)
        .match_requests(|r| r.user_pool_id() == Some(POOL) && r.username() == Some("ann"))
        .then_http_response(|| json(200, "{}"));
    let (read_factors, read_pool) = (factors(), pool_mfa());
    let mut s = session(&[&delete, &read_factors, &read_pool]).await;
    open_ann(&mut s).await;
    s.handle(key(KeyCode::Char('m')));
    for _ in 0..9 {
        s.handle(key(KeyCode::Down));
    }
    s.handle(key(KeyCode::Enter));
    let Screen::Confirm(c) = s.app.screen() else {
        panic!("no confirmation: {:?}", s.app.screen());
    };
    assert_eq!(c.notes[0], "ann: Removing the authenticator app (TOTP).");
    assert!(c.notes[2].contains("MFA_SETUP"), "{:?}", c.notes);
    let text = screen(&mut s);
    assert!(
        text.contains("aws cognito-idp admin-delete-software-token --user-pool-id"),
        "{text}"
    );
    insta::assert_snapshot!(text);

    s.handle(key(KeyCode::Enter));
    settle(&mut s, "ann's page again", |a| {
        a.module_as::<Detail>().is_some_and(|d| d.detail.is_some()) && a.in_flight().is_empty()
    })
    .await;
    assert_eq!(delete.num_calls(), 1);
    assert_eq!(
        status(&s),
        Some(&Status::Info(
            "ann: removed the authenticator app (TOTP).".into()
        ))
    );
}

#[tokio::test]
async fn removing_an_authenticator_the_user_does_not_have_says_so() {
    let delete = mock!(Client::admin_delete_software_token).then_http_response(|| {
        aws_error(
            "SoftwareTokenMFANotFoundException",
            "Software token MFA has not been enabled by the user.",
        )
    });
    let (read_factors, read_pool) = (factors(), pool_mfa());
    let mut s = session(&[&delete, &read_factors, &read_pool]).await;
    open_ann(&mut s).await;
    s.handle(key(KeyCode::Char('m')));
    for _ in 0..9 {
        s.handle(key(KeyCode::Down));
    }
    s.handle(key(KeyCode::Enter));
    s.handle(key(KeyCode::Enter));
    settle(&mut s, "the refusal", |a| {
        a.in_flight().is_empty() && matches!(a.status(), Some(Status::Error(_)))
    })
    .await;
    assert_eq!(
        status(&s),
        Some(&Status::Error(
            "Nothing changed for ann: removing the authenticator app (TOTP) failed — The user has no authenticator app (TOTP) registered: there is nothing to remove; they can enrol one when they sign in.".into()
        ))
    );
}

/// ListWebAuthnCredentials as AWS answers it: two passkeys, then (after a deletion) one.
fn passkeys() -> Rule {
    let two = r#"{"Credentials":[{"CredentialId":"cred-iphone","FriendlyCredentialName":"Ann's iPhone","RelyingPartyId":"example.com","AuthenticatorAttachment":"platform","AuthenticatorTransports":["internal","hybrid"],"CreatedAt":1772357400},{"CredentialId":"cred-yubikey","FriendlyCredentialName":"YubiKey 5C","RelyingPartyId":"example.com","AuthenticatorAttachment":"cross-platform","AuthenticatorTransports":["usb","nfc"],"CreatedAt":1772443800}]}"#;
    let one = r#"{"Credentials":[{"CredentialId":"cred-iphone","FriendlyCredentialName":"Ann's iPhone","RelyingPartyId":"example.com","AuthenticatorAttachment":"platform","AuthenticatorTransports":["internal","hybrid"],"CreatedAt":1772357400}]}"#;
    mock!(Client::list_web_authn_credentials)
        .match_requests(|r| r.access_token() == Some(access_token("ann").expose()))
        .sequence()
        .http_response(move || json(200, two))
        .http_response(move || json(200, one))
        .repeatedly()
        .build()
}

#[tokio::test]
async fn passkeys_are_listed_from_the_tokens_screen_and_deleted_through_the_confirmation() {
    let list = passkeys();
    let delete = mock!(Client::delete_web_authn_credential)
        .match_requests(|r| {
            r.credential_id() == Some("cred-yubikey")
                && r.access_token() == Some(access_token("ann").expose())
        })
        .then_http_response(|| json(200, "{}"));
    let mut s = session(&[&list, &delete]).await;
    show_tokens(&mut s);
    s.handle(key(KeyCode::Char('p')));
    settle(&mut s, "the passkeys", |a| {
        a.module_as::<PasskeyList>()
            .is_some_and(|p| p.passkeys.is_some())
            && a.in_flight().is_empty()
    })
    .await;
    insta::assert_snapshot!("passkeys", screen(&mut s));

    s.handle(key(KeyCode::Down));
    s.handle(key(KeyCode::Char('x')));
    assert!(matches!(s.app.screen(), Screen::Confirm(_)), "asked first");
    assert_eq!(delete.num_calls(), 0);
    let text = screen(&mut s);
    assert!(
        !text.contains("eyJ"),
        "the access token is never shown: {text}"
    );
    insta::assert_snapshot!("delete_passkey_confirmation", text);

    s.handle(key(KeyCode::Enter));
    settle(&mut s, "the list again", |a| {
        a.module_as::<PasskeyList>()
            .is_some_and(|p| matches!(&p.passkeys, Some(Ok(l)) if l.len() == 1))
            && a.in_flight().is_empty()
    })
    .await;
    assert_eq!(delete.num_calls(), 1);
    assert_eq!(list.num_calls(), 2);
    assert_eq!(
        status(&s),
        Some(&Status::Info(
            "Deleted ann's passkey 'YubiKey 5C': they can no longer sign in with it.".into()
        ))
    );
    // Esc goes back to the tokens.
    s.handle(key(KeyCode::Esc));
    assert!(matches!(step_of(s.app.screen()), Some(Step::Tokens(_))));
}

#[tokio::test]
async fn passkeys_on_an_endpoint_without_them_say_so() {
    let list = mock!(Client::list_web_authn_credentials).then_http_response(missing);
    let mut s = session(&[&list]).await;
    show_tokens(&mut s);
    s.handle(key(KeyCode::Char('p')));
    settle(&mut s, "the answer", |a| a.in_flight().is_empty()).await;
    let p = s.app.module_as::<PasskeyList>().expect("the passkeys");
    assert_eq!(
        p.passkeys,
        Some(Err("This endpoint lacks ListWebAuthnCredentials (HTTP 500). Passkeys need Cognito itself (or an emulator that has them).".into()))
    );
}

#[tokio::test]
async fn a_revoked_access_token_is_said_so_on_the_passkeys() {
    let list = mock!(Client::list_web_authn_credentials).then_http_response(|| {
        aws_error("NotAuthorizedException", "Access Token has been revoked")
    });
    let mut s = session(&[&list]).await;
    show_tokens(&mut s);
    s.handle(key(KeyCode::Char('p')));
    settle(&mut s, "the answer", |a| a.in_flight().is_empty()).await;
    assert_eq!(
        status(&s),
        Some(&Status::Error(
            "The user's access token is no longer valid (expired, or revoked by a sign-out): sign in as the user again.".into()
        ))
    );
}

#[tokio::test]
async fn read_only_mode_refuses_deleting_a_passkey_at_the_key() {
    let list = passkeys();
    let mut s = session(&[&list]).await;
    s.app.options_mut().safety.read_only = true;
    show_tokens(&mut s);
    s.handle(key(KeyCode::Char('p')));
    settle(&mut s, "the passkeys", |a| {
        a.module_as::<PasskeyList>()
            .is_some_and(|p| p.passkeys.is_some())
            && a.in_flight().is_empty()
    })
    .await;
    s.handle(key(KeyCode::Char('x')));
    assert!(s.app.module_as::<PasskeyList>().is_some(), "nothing opened");
    assert!(
        matches!(status(&s), Some(Status::Error(t)) if t.starts_with("Read-only mode")),
        "{:?}",
        s.app.status()
    );
}

#[tokio::test]
async fn an_empty_sms_mfa_configuration_is_not_called_sms_mfa() {
    // What a pool answers when SMS MFA was never set up: an empty SmsMfaConfiguration.
    let read = mock!(Client::get_user_pool_mfa_config).then_http_response(|| {
        json(
            200,
            r#"{"MfaConfiguration":"OPTIONAL","SmsMfaConfiguration":{},"SoftwareTokenMfaConfiguration":{"Enabled":true}}"#,
        )
    });
    let cognito = Cognito::new(&mock_client_of(&[&read]));
    let mfa = cognito.pool_mfa(POOL).await.expect("read");
    assert_eq!(
        mfa.factor_labels(),
        ["TOTP"],
        "no SMS without an SMS configuration"
    );
}
