//! The pool overview's newer settings in AWS's exact shapes (aws-smithy-mocks): a pool that
//! returns every one of them, and a pool that returns none of the optional values, whose
//! overview says so ("not returned", "not available here") instead of stating defaults.

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use aws_smithy_mocks::mock;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use cognitui::action::Outcome;
use cognitui::cognito::CognitoError;
use cognitui::cognito::overview::{PoolOverview, RefreshRotation, Validity};
use cognitui::cognito::pool_settings::{
    CompromisedCredentials, Domain, LogDelivery, Provider, TakeoverAction,
};
use common::wire::{aws_error, json, mocked};
use common::{answer, app_on_pool, key};
use crossterm::event::KeyCode;

const POOL: &str = "eu-west-1_Desk";

/// DescribeUserPool for a pool with a sign-in policy, a prefix and a custom domain.
const NEW_POOL: &str = r#"{"UserPool":{"Id":"eu-west-1_Desk","Name":"desk","UserPoolTier":"ESSENTIALS","DeletionProtection":"INACTIVE","Policies":{"PasswordPolicy":{"MinimumLength":12,"RequireUppercase":true,"RequireLowercase":true,"RequireNumbers":true,"RequireSymbols":false,"PasswordHistorySize":3,"TemporaryPasswordValidityDays":3},"SignInPolicy":{"AllowedFirstAuthFactors":["PASSWORD","EMAIL_OTP","WEB_AUTHN"]}},"UsernameConfiguration":{"CaseSensitive":false},"AdminCreateUserConfig":{"AllowAdminCreateUserOnly":true,"UnusedAccountValidityDays":3},"EmailConfiguration":{"EmailSendingAccount":"COGNITO_DEFAULT"},"Domain":"desk-auth","CustomDomain":"auth.desk.example.com","UserPoolAddOns":{"AdvancedSecurityMode":"ENFORCED"},"MfaConfiguration":"OFF"}}"#;

/// DescribeUserPoolClient for a client with its token validity and refresh-token rotation.
const NEW_CLIENT: &str = r#"{"UserPoolClient":{"UserPoolId":"eu-west-1_Desk","ClientId":"c1","ClientName":"web","AccessTokenValidity":15,"IdTokenValidity":15,"RefreshTokenValidity":60,"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"minutes","RefreshToken":"days"},"ExplicitAuthFlows":["ALLOW_USER_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],"PreventUserExistenceErrors":"ENABLED","RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":30}}}"#;

/// DescribeUserPool with nothing optional: no policies, configurations or add-ons.
const BARE_POOL: &str = r#"{"UserPool":{"Id":"eu-west-1_Desk","Name":"desk"}}"#;

/// DescribeUserPoolClient with nothing optional.
const BARE_CLIENT: &str =
    r#"{"UserPoolClient":{"UserPoolId":"eu-west-1_Desk","ClientId":"c1","ClientName":"web"}}"#;

const CLIENTS: &str =
    r#"{"UserPoolClients":[{"ClientId":"c1","ClientName":"web","UserPoolId":"eu-west-1_Desk"}]}"#;

/// DescribeUserPoolDomain as AWS answers it for `domain`, on managed login (version 2).
fn domain(domain: &str) -> String {
    format!(
        r#"{{"DomainDescription":{{"UserPoolId":"eu-west-1_Desk","AWSAccountId":"123456789012","Domain":"{domain}","S3Bucket":"aws-cognito-prod-dub-assets","CloudFrontDistribution":"d3oia8etllorh5.cloudfront.net","Version":"20250101","Status":"ACTIVE","ManagedLoginVersion":2}}}}"#
    )
}

const LOGS: &str = r#"{"LogDeliveryConfiguration":{"UserPoolId":"eu-west-1_Desk","LogConfigurations":[{"LogLevel":"ERROR","EventSource":"userNotification","CloudWatchLogsConfiguration":{"LogGroupArn":"arn:aws:logs:eu-west-1:123456789012:log-group:desk-delivery"}},{"LogLevel":"INFO","EventSource":"userAuthEvents","FirehoseConfiguration":{"StreamArn":"arn:aws:firehose:eu-west-1:123456789012:deliverystream/desk-auth"}}]}}"#;

const RISK: &str = r#"{"RiskConfiguration":{"UserPoolId":"eu-west-1_Desk","CompromisedCredentialsRiskConfiguration":{"EventFilter":["SIGN_IN","PASSWORD_CHANGE"],"Actions":{"EventAction":"BLOCK"}},"AccountTakeoverRiskConfiguration":{"NotifyConfiguration":{"SourceArn":"arn:aws:ses:eu-west-1:123456789012:identity/desk.example.com"},"Actions":{"LowAction":{"Notify":false,"EventAction":"NO_ACTION"},"MediumAction":{"Notify":true,"EventAction":"MFA_IF_CONFIGURED"},"HighAction":{"Notify":true,"EventAction":"BLOCK"}}},"LastModifiedDate":1.733472E9}}"#;

const PROVIDERS: &str = r#"{"Providers":[{"ProviderName":"Google","ProviderType":"Google","LastModifiedDate":1.733472E9,"CreationDate":1.733472E9},{"ProviderName":"corp-okta","ProviderType":"SAML","LastModifiedDate":1.733472E9,"CreationDate":1.733472E9}]}"#;

/// What an endpoint without the operation answers: HTTP 500, no error type.
fn lacking() -> HttpResponse {
    HttpResponse::new(
        StatusCode::try_from(500).expect("status"),
        SdkBody::from("<html>Internal Server Error</html>"),
    )
}

/// The overview on an 80x24 screen, its pages' text one after the other.
fn pages(o: PoolOverview) -> Vec<String> {
    let mut app = app_on_pool((80, 24), common::fake_pool(POOL, None), vec![]);
    let read = app.update(key(KeyCode::Char('o')));
    answer(&mut app, &read[0], Outcome::Overview(Box::new(Ok(o))));
    let mut pages = Vec::new();
    for _ in 0..4 {
        pages.push(common::ui_text(&app));
        app.update(key(KeyCode::PageDown));
    }
    pages
}

/// The screens' words in one line: frames and line ends gone, so wrapped sentences read whole.
fn flat(screens: &str) -> String {
    screens
        .replace(['│', '"'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The overview of a pool that returns every newer setting.
async fn new_pool_overview() -> PoolOverview {
    let pool = mock!(Client::describe_user_pool).then_http_response(|| json(200, NEW_POOL));
    let clients = mock!(Client::list_user_pool_clients).then_http_response(|| json(200, CLIENTS));
    let client =
        mock!(Client::describe_user_pool_client).then_http_response(|| json(200, NEW_CLIENT));
    let prefix = mock!(Client::describe_user_pool_domain)
        .match_requests(|r| r.domain() == Some("desk-auth"))
        .then_http_response(|| json(200, &domain("desk-auth")));
    let custom = mock!(Client::describe_user_pool_domain)
        .match_requests(|r| r.domain() == Some("auth.desk.example.com"))
        .then_http_response(|| json(200, &domain("auth.desk.example.com")));
    let logs = mock!(Client::get_log_delivery_configuration).then_http_response(|| json(200, LOGS));
    let risk = mock!(Client::describe_risk_configuration).then_http_response(|| json(200, RISK));
    let providers =
        mock!(Client::list_identity_providers).then_http_response(|| json(200, PROVIDERS));
    let cognito = mocked(&[
        &pool, &clients, &client, &prefix, &custom, &logs, &risk, &providers,
    ]);
    cognito.overview(POOL).await.expect("overview")
}

#[tokio::test]
async fn every_newer_setting_returned_is_read() {
    let o = new_pool_overview().await;
    let s = &o.settings;
    assert_eq!(
        s.first_auth_factors.as_deref(),
        Some(
            &[
                "PASSWORD".to_owned(),
                "EMAIL_OTP".into(),
                "WEB_AUTHN".into()
            ][..]
        )
    );
    assert_eq!(
        s.domains,
        [
            Domain {
                name: "desk-auth".into(),
                custom: false,
                managed_login_version: Ok(Some(2)),
            },
            Domain {
                name: "auth.desk.example.com".into(),
                custom: true,
                managed_login_version: Ok(Some(2)),
            }
        ]
    );
    assert_eq!(
        s.log_delivery.as_deref().expect("log delivery"),
        [
            LogDelivery {
                source: "userNotification".into(),
                level: "ERROR".into(),
                destination: Some(
                    "arn:aws:logs:eu-west-1:123456789012:log-group:desk-delivery".into()
                ),
            },
            LogDelivery {
                source: "userAuthEvents".into(),
                level: "INFO".into(),
                destination: Some(
                    "arn:aws:firehose:eu-west-1:123456789012:deliverystream/desk-auth".into()
                ),
            }
        ]
    );
    let risk = s.risk.as_ref().expect("risk");
    assert_eq!(
        risk.compromised_credentials,
        Some(CompromisedCredentials {
            action: Some("BLOCK".into()),
            events: vec!["SIGN_IN".into(), "PASSWORD_CHANGE".into()],
        })
    );
    let takeover = |level, action: &str, notify| TakeoverAction {
        level,
        action: action.into(),
        notify,
    };
    assert_eq!(
        risk.account_takeover.as_deref(),
        Some(
            &[
                takeover("low", "NO_ACTION", false),
                takeover("medium", "MFA_IF_CONFIGURED", true),
                takeover("high", "BLOCK", true),
            ][..]
        )
    );
    let providers = s.identity_providers.as_ref().expect("providers");
    assert_eq!(
        providers.providers,
        [
            Provider {
                name: "Google".into(),
                kind: "Google".into()
            },
            Provider {
                name: "corp-okta".into(),
                kind: "SAML".into()
            }
        ]
    );
    assert!(!providers.more);
}

#[tokio::test]
async fn every_newer_setting_returned_is_shown() {
    let o = new_pool_overview().await;
    let c = &o.clients[0];
    let minutes = Some(Validity {
        value: 15,
        unit: "minutes",
        unit_returned: true,
    });
    assert_eq!((c.access_token, c.id_token), (minutes, minutes));
    assert_eq!(
        c.refresh_rotation,
        Some(RefreshRotation {
            enabled: true,
            grace_seconds: Some(30),
        })
    );
    assert_eq!(o.temporary_password_days, Some(3));

    let seen = flat(&pages(o).concat());
    for text in [
        "First sign-in factors PASSWORD, EMAIL_OTP, WEB_AUTHN",
        "desk-auth (prefix): managed login (version 2)",
        "auth.desk.example.com (custom): managed login",
        "userAuthEvents at INFO to",
        "Compromised passwords BLOCK on SIGN_IN, PASSWORD_CHANGE",
        "low NO_ACTION, medium MFA_IF_CONFIGURED (notify), high",
        "Google (Google), corp-okta (SAML)",
        "access 15 minutes, ID 15 minutes, refresh 60 days",
        "Refresh rotation on (the old refresh token works 30 s more)",
    ] {
        assert!(seen.contains(text), "{text} in {seen}");
    }
}

#[tokio::test]
async fn values_not_returned_are_said_so_and_missing_reads_leave_the_overview_whole() {
    let pool = mock!(Client::describe_user_pool).then_http_response(|| json(200, BARE_POOL));
    let clients = mock!(Client::list_user_pool_clients).then_http_response(|| json(200, CLIENTS));
    let client =
        mock!(Client::describe_user_pool_client).then_http_response(|| json(200, BARE_CLIENT));
    let logs = mock!(Client::get_log_delivery_configuration).then_http_response(lacking);
    let risk = mock!(Client::describe_risk_configuration).then_http_response(|| {
        aws_error(
            "AccessDeniedException",
            "User: arn:aws:iam::123456789012:user/desk is not authorized to perform: cognito-idp:DescribeRiskConfiguration",
        )
    });
    let providers = mock!(Client::list_identity_providers)
        .then_http_response(|| json(200, r#"{"Providers":[]}"#));
    let mfa = mock!(Client::get_user_pool_mfa_config).then_http_response(|| json(200, "{}"));
    let cognito = mocked(&[&pool, &clients, &client, &logs, &risk, &providers, &mfa]);
    let o = cognito.overview(POOL).await.expect("overview");
    assert_eq!(o.settings.first_auth_factors, None);
    assert!(o.settings.domains.is_empty());
    assert_eq!(o.settings.log_delivery, Err(CognitoError::ServerError(500)));
    assert!(matches!(
        o.settings.risk,
        Err(CognitoError::AccessDenied { .. })
    ));
    let c = &o.clients[0];
    assert_eq!(
        (c.access_token, c.id_token, c.refresh_token),
        (None, None, None)
    );
    assert_eq!((c.hides_missing_users, c.refresh_rotation), (None, None));
    assert_eq!(
        (o.deletion_protection, o.case_sensitive, o.admin_create_only),
        (None, None, None)
    );

    let pages = pages(o);
    let seen = flat(&pages.concat());
    for text in [
        "not returned (AWS's default: 60 minutes / 60 minutes / 30 days)",
        "MFA not returned (AWS's default: OFF)",
        "not available here: This endpoint lacks GetLogDeliveryConfiguration (HTTP 500).",
        "Risk configuration not available here: Your AWS identity may not call cognito-idp:DescribeRiskConfiguration.",
        "Domain not returned: no domain",
    ] {
        assert!(seen.contains(text), "{text} in {seen}");
    }
    insta::assert_snapshot!("overview_not_returned_top", pages[0]);
    insta::assert_snapshot!("overview_not_returned_next", pages[1]);
    insta::assert_snapshot!("overview_not_returned_end", pages[2]);
}

#[tokio::test]
async fn a_pool_without_threat_protection_or_domain_reads_says_so_on_their_lines() {
    let pool = mock!(Client::describe_user_pool).then_http_response(|| {
        json(
            200,
            r#"{"UserPool":{"Id":"eu-west-1_Desk","Name":"desk","Domain":"desk-auth"}}"#,
        )
    });
    let clients = mock!(Client::list_user_pool_clients).then_http_response(|| json(200, CLIENTS));
    let client =
        mock!(Client::describe_user_pool_client).then_http_response(|| json(200, BARE_CLIENT));
    let domain = mock!(Client::describe_user_pool_domain).then_http_response(lacking);
    let logs = mock!(Client::get_log_delivery_configuration).then_http_response(|| {
        json(
            200,
            r#"{"LogDeliveryConfiguration":{"UserPoolId":"eu-west-1_Desk","LogConfigurations":[]}}"#,
        )
    });
    let risk = mock!(Client::describe_risk_configuration).then_http_response(|| {
        aws_error(
            "UserPoolAddOnNotEnabledException",
            "Advanced security features are not enabled for this user pool.",
        )
    });
    let providers = mock!(Client::list_identity_providers)
        .then_http_response(|| json(200, r#"{"Providers":[]}"#));
    let cognito = mocked(&[&pool, &clients, &client, &domain, &logs, &risk, &providers]);
    let o = cognito.overview(POOL).await.expect("overview");
    let seen = flat(&pages(o).concat());
    for text in [
        "Domain desk-auth (prefix): managed-login version not available here: This endpoint lacks DescribeUserPoolDomain (HTTP 500).",
        "Log delivery none configured",
        "Risk configuration none: the pool has no threat protection",
    ] {
        assert!(seen.contains(text), "{text} in {seen}");
    }
}
