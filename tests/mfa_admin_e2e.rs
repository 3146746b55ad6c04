//! Admin MFA end to end against the emulator, where it has the operations: the pool's MFA
//! configuration on the user's page (GetUserPoolMfaConfig), SMS and TOTP enabled, preferred and
//! off from the MFA menu through the confirmation (AdminSetUserMFAPreference), each checked with
//! AdminGetUser. What the emulator lacks (AdminGetUserAuthFactors, AdminDeleteSoftwareToken)
//! is said in a sentence while the rest of the page works; tests/mfa_admin_mocks.rs covers
//! those with AWS's answers.

mod common;

use cognitui::app::Status;
use cognitui::screens::mfa_menu::MfaMenu;
use cognitui::totp::TotpSecret;
use common::journey::{
    self, PASSWORD, Pool, confirm, confirmed, detail_loaded, open, open_user, press,
};
use common::{fresh_code, screen, settle};
use crossterm::event::KeyCode;

/// A verified phone number beside the email.
const PHONE: &[(&str, &str)] = &[
    ("phone_number", "+15555550100"),
    ("phone_number_verified", "true"),
];

/// Enrols an authenticator for `username` through the API (sign in, associate, verify).
async fn enrolled(p: &Pool, username: &str) {
    let out = p
        .client
        .admin_initiate_auth()
        .user_pool_id(&p.id)
        .client_id(&p.app_client)
        .auth_flow(aws_sdk_cognitoidentityprovider::types::AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", username)
        .auth_parameters("PASSWORD", PASSWORD)
        .send()
        .await
        .expect("sign in");
    let token = out
        .authentication_result()
        .and_then(|r| r.access_token())
        .expect("tokens")
        .to_owned();
    let secret = p
        .client
        .associate_software_token()
        .access_token(&token)
        .send()
        .await
        .expect("associate")
        .secret_code()
        .and_then(TotpSecret::parse)
        .expect("secret");
    p.client
        .verify_software_token()
        .access_token(&token)
        .user_code(fresh_code(&secret).await)
        .send()
        .await
        .expect("verify");
}

async fn mfa_of(p: &Pool, username: &str) -> (Option<String>, Vec<String>) {
    let out = journey::get(p, username).await;
    (
        out.preferred_mfa_setting()
            .filter(|s| !s.is_empty())
            .map(ToOwned::to_owned),
        out.user_mfa_setting_list().to_vec(),
    )
}

fn status_text(s: &cognitui::session::Session<ratatui::backend::TestBackend>) -> String {
    journey::status(s)
}

/// Chooses line `index` of the MFA menu (opened from the user's page) and confirms it.
async fn choose(s: &mut cognitui::session::Session<ratatui::backend::TestBackend>, index: usize) {
    press(s, KeyCode::Char('m'));
    assert!(
        s.app.module_as::<MfaMenu>().is_some(),
        "{:?}",
        s.app.screen()
    );
    for _ in 0..index {
        press(s, KeyCode::Down);
    }
    press(s, KeyCode::Enter);
    confirm(s);
    settle(s, "the answer", |a| {
        a.in_flight().is_empty() && a.status().is_some()
    })
    .await;
}

#[tokio::test]
async fn the_users_page_shows_the_pools_mfa_and_says_the_factors_are_missing_here() {
    let p = journey::pool(false).await;
    confirmed(&p, "ann.page", PHONE).await;
    let mut s = open(&p).await;
    open_user(&mut s, "ann.page").await;
    assert_eq!(
        s.app.status(),
        None,
        "the page loaded: {:?}",
        s.app.status()
    );
    let sentence = "This endpoint lacks AdminGetUserAuthFactors (HTTP 500).";
    assert_eq!(
        s.app
            .user_mfa("ann.page")
            .map(cognitui::app::UserMfa::factors_line),
        Some(sentence.to_owned())
    );
    let pool = s.app.pool_mfa().cloned().expect("read with the user");
    let pool = pool.expect("the emulator has GetUserPoolMfaConfig");
    assert_eq!(pool.configuration, "OPTIONAL");
    assert_eq!(pool.factors, [cognitui::cognito::model::PoolFactor::Totp]);
    let text = screen(&mut s);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("OPTIONAL with TOTP"), "{text}");
    assert!(flat.contains("This endpoint lacks"), "{text}");
    assert!(text.contains("CONFIRMED"), "the rest works: {text}");
    assert!(text.contains("+15555550100"), "{text}");
}

#[tokio::test]
async fn sms_mfa_enabled_preferred_then_off_from_the_menu() {
    let p = journey::pool(false).await;
    confirmed(&p, "ann.sms", PHONE).await;
    let mut s = open(&p).await;
    open_user(&mut s, "ann.sms").await;

    choose(&mut s, 3).await; // SMS: enabled and preferred
    assert_eq!(
        status_text(&s),
        "ann.sms: set MFA: SMS enabled and preferred."
    );
    detail_loaded(&mut s).await;
    let (preferred, enabled) = mfa_of(&p, "ann.sms").await;
    assert_eq!(preferred.as_deref(), Some("SMS_MFA"));
    assert_eq!(enabled, ["SMS_MFA"]);
    assert!(screen(&mut s).contains("SMS_MFA"));

    choose(&mut s, 5).await; // SMS: off
    detail_loaded(&mut s).await;
    let (preferred, enabled) = mfa_of(&p, "ann.sms").await;
    assert_eq!(preferred, None);
    assert!(enabled.is_empty(), "{enabled:?}");
    assert!(!screen(&mut s).contains("SMS_MFA"));
}

#[tokio::test]
async fn totp_needs_an_enrolled_authenticator_then_is_enabled_without_being_preferred() {
    let p = journey::pool(false).await;
    confirmed(&p, "ann.totp", PHONE).await;
    let mut s = open(&p).await;
    open_user(&mut s, "ann.totp").await;

    choose(&mut s, 0).await; // TOTP: enabled and preferred
    assert_eq!(
        s.app.status(),
        Some(&Status::Error(
            "Nothing changed for ann.totp: setting MFA: TOTP (authenticator app) enabled and preferred failed — The user has not verified an authenticator app: enrol TOTP (sign in as the user) first."
                .into()
        ))
    );
    assert!(s.app.module_as::<MfaMenu>().is_some(), "the menu stays");
    press(&mut s, KeyCode::Esc);
    detail_loaded(&mut s).await;

    enrolled(&p, "ann.totp").await;
    choose(&mut s, 1).await; // TOTP: enabled, not preferred
    assert_eq!(
        status_text(&s),
        "ann.totp: set MFA: TOTP (authenticator app) enabled, not preferred."
    );
    detail_loaded(&mut s).await;
    let (_, enabled) = mfa_of(&p, "ann.totp").await;
    assert_eq!(enabled, ["SOFTWARE_TOKEN_MFA"]);

    choose(&mut s, 0).await; // TOTP: enabled and preferred
    detail_loaded(&mut s).await;
    let (preferred, _) = mfa_of(&p, "ann.totp").await;
    assert_eq!(preferred.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
}

#[tokio::test]
async fn a_lost_authenticator_on_an_endpoint_without_admin_delete_software_token_says_so() {
    let p = journey::pool(false).await;
    confirmed(&p, "ann.lost", PHONE).await;
    let mut s = open(&p).await;
    open_user(&mut s, "ann.lost").await;
    press(&mut s, KeyCode::Char('m'));
    for _ in 0..9 {
        press(&mut s, KeyCode::Down);
    }
    press(&mut s, KeyCode::Enter);
    let text = screen(&mut s);
    assert!(text.contains("admin-delete-software-token"), "{text}");
    confirm(&mut s);
    // The emulator answers HTTP 500: cognitui cannot know whether it was applied, so it reads
    // the user again and says what is true.
    settle(&mut s, "the re-read", |a| {
        a.in_flight().is_empty()
            && matches!(a.status(), Some(Status::Info(t)) if t.contains("may have been applied"))
    })
    .await;
    // ann.lost had no authenticator app before either: the read cannot tell, and an unknown
    // outcome is never called a failure.
    let text = status_text(&s);
    assert!(
        text.contains("'removing the authenticator app (TOTP)' for ann.lost may have been applied"),
        "{text}"
    );
    assert!(text.contains("HTTP 500"), "{text}");
    assert!(text.contains("may not support the operation"), "{text}");
    assert!(!text.contains("failed"), "{text}");
}
