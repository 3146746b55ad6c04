//! The pool overview end to end against the emulator, on a pool this test creates with real
//! settings: SES email, auto-verified email, aliases, case-insensitive usernames, admin-only
//! sign-up, optional TOTP MFA, an SMS role, and two app clients (one with flows, custom token
//! validity and a secret, which is said to exist and never shown).

mod common;

use aws_sdk_cognitoidentityprovider::types::{
    AdminCreateUserConfigType, AliasAttributeType, EmailConfigurationType, EmailSendingAccountType,
    ExplicitAuthFlowsType, PreventUserExistenceErrorTypes, SmsConfigurationType,
    SoftwareTokenMfaConfigType, TimeUnitsType, TokenValidityUnitsType, UserPoolMfaType,
    UsernameConfigurationType, VerifiedAttributeType,
};
use cognitui::cognito::overview::{EmailDelivery, Validity};
use cognitui::config::PoolChoice;
use cognitui::screens::overview::OverviewView;
use common::journey::{press, type_text};
use common::{client, settle};
use crossterm::event::KeyCode;

const SES: &str = "arn:aws:ses:us-east-1:123456789012:identity/desk.example.com";
const SMS_ROLE: &str = "arn:aws:iam::123456789012:role/desk-sms";

/// A pool with real settings and two app clients: its id, the web client's id, and the
/// backend client's secret.
async fn pool_with_settings(
    api: &aws_sdk_cognitoidentityprovider::Client,
) -> (String, String, String) {
    let pool = api
        .create_user_pool()
        .pool_name("overview")
        .auto_verified_attributes(VerifiedAttributeType::Email)
        .alias_attributes(AliasAttributeType::Email)
        .username_configuration(
            UsernameConfigurationType::builder()
                .case_sensitive(false)
                .build()
                .expect("username configuration"),
        )
        .admin_create_user_config(
            AdminCreateUserConfigType::builder()
                .allow_admin_create_user_only(true)
                .build(),
        )
        .email_configuration(
            EmailConfigurationType::builder()
                .email_sending_account(EmailSendingAccountType::Developer)
                .source_arn(SES)
                .from("Desk <no-reply@desk.example.com>")
                .build(),
        )
        .sms_configuration(
            SmsConfigurationType::builder()
                .sns_caller_arn(SMS_ROLE)
                .external_id("desk-external")
                .sns_region("us-east-1")
                .build(),
        )
        .send()
        .await
        .expect("pool");
    let pool_id = pool
        .user_pool()
        .and_then(|p| p.id())
        .expect("id")
        .to_owned();
    api.set_user_pool_mfa_config()
        .user_pool_id(&pool_id)
        .mfa_configuration(UserPoolMfaType::Optional)
        .software_token_mfa_configuration(
            SoftwareTokenMfaConfigType::builder().enabled(true).build(),
        )
        .send()
        .await
        .expect("mfa");
    let backend = api
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("backend")
        .generate_secret(true)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowAdminUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .access_token_validity(15)
        .id_token_validity(2)
        .refresh_token_validity(90)
        .token_validity_units(
            TokenValidityUnitsType::builder()
                .access_token(TimeUnitsType::Minutes)
                .id_token(TimeUnitsType::Hours)
                .refresh_token(TimeUnitsType::Days)
                .build(),
        )
        .prevent_user_existence_errors(PreventUserExistenceErrorTypes::Enabled)
        .send()
        .await
        .expect("backend client");
    let backend = backend.user_pool_client().expect("client");
    let secret = backend.client_secret().expect("a secret").to_owned();
    let web = api
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("web")
        .send()
        .await
        .expect("web client");
    let web_id = web
        .user_pool_client()
        .and_then(|w| w.client_id())
        .expect("id")
        .to_owned();
    (pool_id, web_id, secret)
}

#[tokio::test]
async fn the_overview_shows_the_pools_real_settings_and_clients_without_secrets() {
    let api = client();
    let (pool_id, web_id, secret) = pool_with_settings(&api).await;
    let mut s = common::session_for(
        &api,
        Some(PoolChoice {
            user_pool_id: pool_id.clone(),
            client_id: Some(web_id),
            client_secret: None,
        }),
    );
    settle(&mut s, "the pool", |a| {
        a.pool().is_some() && a.in_flight().is_empty()
    })
    .await;
    press(&mut s, KeyCode::Esc);
    type_text(&mut s, "o");
    settle(&mut s, "the overview", |a| {
        a.module_as::<OverviewView>()
            .is_some_and(|v| v.overview.is_some())
    })
    .await;
    let o = s
        .app
        .module_as::<OverviewView>()
        .and_then(|v| v.overview.as_ref())
        .expect("overview");
    assert_eq!(o.id, pool_id);
    assert_eq!(o.name, "overview");
    assert_eq!(o.auto_verified, ["email"]);
    assert_eq!(o.alias_attributes, ["email"]);
    assert_eq!(o.case_sensitive, Some(false));
    assert_eq!(o.admin_create_only, Some(true));
    assert_eq!(
        o.email,
        EmailDelivery::Ses {
            source_arn: Some(SES.into()),
            from: Some("Desk <no-reply@desk.example.com>".into()),
        }
    );
    let sms = o.sms.as_ref().expect("an SMS configuration");
    assert_eq!(
        (sms.role_arn.as_str(), sms.external_id.as_deref()),
        (SMS_ROLE, Some("desk-external"))
    );
    let mfa = o.mfa.as_ref().expect("MFA read");
    assert_eq!(mfa.configuration, "OPTIONAL");
    assert_eq!(mfa.factor_labels(), ["TOTP"]);
    assert_eq!(o.clients.len(), 2);
    let backend = o
        .clients
        .iter()
        .find(|c| c.name == "backend")
        .expect("backend");
    assert!(backend.has_secret);
    assert_eq!(backend.hides_missing_users, Some(true));
    assert_eq!(
        backend.auth_flows,
        ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    );
    let read = |value, unit| {
        Some(Validity {
            value,
            unit,
            unit_returned: true,
        })
    };
    assert_eq!(
        (
            backend.access_token,
            backend.id_token,
            backend.refresh_token
        ),
        (read(15, "minutes"), read(2, "hours"), read(90, "days"))
    );
    let web = o.clients.iter().find(|c| c.name == "web").expect("web");
    assert!(!web.has_secret);

    // Every row scrolls into view at 120x30, and none holds the secret.
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&common::screen(&mut s));
        press(&mut s, KeyCode::PageDown);
    }
    for text in [
        "Amazon SES (DEVELOPER)",
        "email",
        "OPTIONAL (TOTP)",
        "backend (",
        "access 15 minutes, ID 2 hours, refresh 90 days",
        "Secret              yes",
        "only admins create users",
        // The newer settings show whether or not the emulator has their reads.
        "Sign-in pages and logs",
        "Identity providers",
    ] {
        assert!(seen.contains(text), "{text} in {seen}");
    }
    assert!(!seen.contains(&secret), "the client secret is never shown");
}
