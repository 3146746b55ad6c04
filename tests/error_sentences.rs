//! One test per error sentence: each Cognito refusal in AWS's exact wire shape (aws-smithy-mocks;
//! HTTP status, `x-amzn-errortype`, awsJson1.1 body) or a real network failure on loopback,
//! mapped to the sentence a support agent can act on. Also: Cognito's per-user limit is never
//! sent again, neither by the client for changes nor by the read client's retry.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_smithy_mocks::{Rule, RuleMode, mock, mock_client};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use cognitui::action::{Action, Outcome, Request, RequestId, Response};
use cognitui::audit::AuditLog;
use cognitui::cognito::auth::{Answer, AuthSession, AuthTarget, EnrolWith, MfaKind};
use cognitui::cognito::flows::AuthFlow;
use cognitui::cognito::model::AppClient;
use cognitui::cognito::sensitive::Sensitive;
use cognitui::cognito::{Cognito, CognitoError, spawn_worker};
use cognitui::dev::emulator_client;
use common::wire::{aws_error, json, mocked};

const POOL: &str = "eu-west-1_Desk";

/// An error exactly as Cognito sends it, with the status it uses for that error.
fn refusal(status: u16, code: &str, message: &str) -> HttpResponse {
    let mut r = aws_error(code, message);
    *r.status_mut() = StatusCode::try_from(status).expect("status");
    r
}

/// A client answering from `rules` that retries like the SDK's standard mode (3 attempts,
/// quick backoff), so that a test can count what the SDK sends again.
fn retrying(rules: &[&Rule]) -> Client {
    mock_client!(
        aws_sdk_cognitoidentityprovider,
        RuleMode::MatchAny,
        rules,
        |c| c.retry_config(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(1))
        )
    )
}

/// Runs `action` through the Cognito worker, as the app does, and returns its outcome.
async fn through_worker(cognito: Cognito, action: Action) -> Outcome {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Response>();
    let worker = spawn_worker(cognito, Arc::new(AuditLog::disabled()), tx);
    assert!(worker.send(Request {
        id: RequestId(1),
        action,
        metadata: cognitui::cognito::metadata::ClientMetadata::new(),
    }));
    tokio::time::timeout(Duration::from_secs(20), rx.recv())
        .await
        .expect("the worker answers")
        .expect("an outcome")
        .outcome
}

fn client() -> AppClient {
    AppClient {
        id: "client1".into(),
        name: "web".into(),
        secret: None,
        auth_flows: cognitui::cognito::flows::AuthFlows::default(),
    }
}

fn target() -> AuthTarget {
    AuthTarget {
        pool_id: POOL.into(),
        client: client(),
        flow: AuthFlow::Admin,
        device: None,
    }
}

fn session() -> AuthSession {
    AuthSession {
        username: "ann".into(),
        session: Sensitive::new("session-value".into()),
    }
}

fn secret(value: &str) -> Sensitive {
    Sensitive::new(value.into())
}

/// The error AdminGetUser answers with when Cognito sends `code` and `message` with `status`.
async fn get_user_error(status: u16, code: &'static str, message: &'static str) -> CognitoError {
    let rule =
        mock!(Client::admin_get_user).then_http_response(move || refusal(status, code, message));
    let e = mocked(&[&rule])
        .get_user(POOL, "ann")
        .await
        .expect_err("the mock refuses");
    assert_eq!(rule.num_calls(), 1);
    e
}

/// The error an answer to an MFA challenge of `kind` gets when Cognito refuses it.
async fn mfa_answer_error(
    kind: MfaKind,
    code: &'static str,
    message: &'static str,
) -> CognitoError {
    let rule = mock!(Client::admin_respond_to_auth_challenge)
        .then_http_response(move || refusal(400, code, message));
    let outcome = through_worker(
        mocked(&[&rule]),
        Action::Respond {
            target: target(),
            session: session(),
            answer: Answer::Code {
                kind,
                code: secret("123456"),
            },
        },
    )
    .await;
    match outcome {
        Outcome::Auth(Err(e)) => e,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_wrong_secret_hash_at_sign_in_is_not_a_wrong_password() {
    for (message, expected, sentence) in [
        (
            "Unable to verify secret hash for client client1",
            CognitoError::WrongClientSecret,
            "Cognito refused the app client's secret (SECRET_HASH): the client's secret has changed or the one configured (COGNITUI_CLIENT_SECRET, client_secret) is wrong; remove it so that cognitui reads the secret from Cognito, or choose the client again (p).",
        ),
        (
            "Client client1 is configured with secret but SECRET_HASH was not received",
            CognitoError::MissingClientSecret,
            "The app client has a secret, but cognitui sent no SECRET_HASH: it could not read the secret (DescribeUserPoolClient); set COGNITUI_CLIENT_SECRET or client_secret for this pool.",
        ),
    ] {
        let rule = mock!(Client::admin_initiate_auth)
            .then_http_response(move || refusal(400, "NotAuthorizedException", message));
        let e = mocked(&[&rule])
            .sign_in(&target(), "ann", &secret("Demo-Passw0rd!"))
            .await
            .expect_err("refused");
        assert_eq!(e, expected, "{message}");
        assert_eq!(e.to_string(), sentence);
    }
    let rule = mock!(Client::admin_initiate_auth).then_http_response(|| {
        refusal(
            400,
            "NotAuthorizedException",
            "Incorrect username or password.",
        )
    });
    let e = mocked(&[&rule])
        .sign_in(&target(), "ann", &secret("Wrong-Passw0rd!"))
        .await
        .expect_err("refused");
    assert_eq!(e, CognitoError::WrongPassword);
}

#[tokio::test]
async fn an_expired_sms_or_email_code_is_not_called_an_authenticator_code() {
    let e = mfa_answer_error(
        MfaKind::Sms,
        "ExpiredCodeException",
        "Invalid code provided, please request a code again.",
    )
    .await;
    assert_eq!(e, CognitoError::MessageCodeExpired("SMS"));
    assert_eq!(
        e.to_string(),
        "That SMS code has expired: sign in as the user again, and Cognito sends a new one; the user types the newest code only."
    );
    let e = mfa_answer_error(
        MfaKind::Email,
        "ExpiredCodeException",
        "Invalid code provided, please request a code again.",
    )
    .await;
    assert_eq!(e, CognitoError::MessageCodeExpired("email"));
    assert!(!e.to_string().contains("authenticator"), "{e}");
    // A TOTP code from a past window is still the authenticator's.
    let e = mfa_answer_error(MfaKind::Totp, "ExpiredCodeException", "Code expired").await;
    assert_eq!(e, CognitoError::TotpCodeExpired);
}

#[tokio::test]
async fn a_wrong_totp_code_points_at_the_authenticator_app_and_the_phones_clock() {
    let sentence = "That authenticator code is wrong: have the user read the current code of this account in their authenticator app, and check that the phone sets its clock automatically (the codes follow the clock).";
    let e = mfa_answer_error(
        MfaKind::Totp,
        "CodeMismatchException",
        "Invalid code or auth state for the user.",
    )
    .await;
    assert_eq!(e, CognitoError::TotpCodeMismatch);
    assert_eq!(e.to_string(), sentence);

    // The first code of an enrolment (VerifySoftwareToken) too.
    let rule = mock!(Client::verify_software_token).then_http_response(|| {
        refusal(
            400,
            "CodeMismatchException",
            "Invalid code received for user",
        )
    });
    let outcome = through_worker(
        mocked(&[&rule]),
        Action::VerifyTotp {
            username: "ann".into(),
            with: EnrolWith::AccessToken(secret("access-token")),
            code: secret("123456"),
            device_name: String::new(),
        },
    )
    .await;
    let Outcome::TotpVerified { result: Err(e), .. } = outcome else {
        panic!("expected a refusal, got {outcome:?}");
    };
    assert_eq!(e.to_string(), sentence);

    // An SMS code the user misread is one Cognito sent.
    let e = mfa_answer_error(
        MfaKind::Sms,
        "CodeMismatchException",
        "Invalid code or auth state for the user.",
    )
    .await;
    assert_eq!(e, CognitoError::CodeMismatch);
}

#[tokio::test]
async fn a_refused_access_token_is_not_an_expired_sign_in_session() {
    let rule = mock!(Client::set_user_mfa_preference).then_http_response(|| {
        refusal(
            400,
            "NotAuthorizedException",
            "Access Token has been revoked",
        )
    });
    let outcome = through_worker(
        mocked(&[&rule]),
        Action::PreferTotp {
            username: "ann".into(),
            access_token: secret("access-token"),
        },
    )
    .await;
    let Outcome::MfaChanged(Err(e)) = outcome else {
        panic!("expected a refusal, got {outcome:?}");
    };
    assert_eq!(e, CognitoError::AccessTokenInvalid);
    assert_eq!(
        e.to_string(),
        "The user's access token is no longer valid (expired, or revoked by a sign-out): sign in as the user again."
    );

    // The same refusal for a challenge's session is the session's.
    let e = mfa_answer_error(
        MfaKind::Totp,
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    )
    .await;
    assert_eq!(e, CognitoError::SessionExpired);
}

#[tokio::test]
async fn internal_error_is_a_real_http_500_with_its_own_sentence() {
    let e = get_user_error(500, "InternalErrorException", "Internal server error.").await;
    assert_eq!(e, CognitoError::InternalError);
    assert_eq!(
        e.to_string(),
        "Cognito had an internal error (InternalErrorException, HTTP 500): try again in a moment; if it persists, check the AWS Health Dashboard for Cognito in this region."
    );
    assert!(e.answer_may_be_lost() && e.transient());

    // An HTTP 500 without an error code is an endpoint without the operation.
    let rule = mock!(Client::admin_get_user).then_http_response(|| {
        HttpResponse::new(
            StatusCode::try_from(500).expect("status"),
            SdkBody::from("<!doctype html><title>500 Internal Server Error</title>"),
        )
    });
    let e = mocked(&[&rule])
        .get_user(POOL, "ann")
        .await
        .expect_err("fails");
    assert_eq!(e, CognitoError::ServerError(500));
    assert_ne!(e.to_string(), CognitoError::InternalError.to_string());
}

#[tokio::test]
async fn too_many_failed_attempts() {
    let e = get_user_error(
        400,
        "TooManyFailedAttemptsException",
        "Too many failed attempts.",
    )
    .await;
    assert_eq!(e, CognitoError::TooManyFailedAttempts);
    assert_eq!(
        e.to_string(),
        "Too many failed attempts for this user: Cognito blocks this action for them for a while; wait (up to 15 minutes) before the next try, or reset the password as admin."
    );
}

#[tokio::test]
async fn password_history_policy_violation() {
    let rule = mock!(Client::admin_set_user_password).then_http_response(|| {
        refusal(
            400,
            "PasswordHistoryPolicyViolationException",
            "The password has been used recently.",
        )
    });
    let e = mocked(&[&rule])
        .admin(
            POOL,
            "ann",
            &cognitui::cognito::admin::AdminCall::SetPassword {
                password: secret("Old-Passw0rd!"),
                permanent: true,
            },
        )
        .await
        .expect_err("refused");
    assert_eq!(e, CognitoError::PasswordHistory);
    assert_eq!(
        e.to_string(),
        "That password was used by this user recently, and the pool's password history forbids reusing it: choose a password they have not used before."
    );
}

#[tokio::test]
async fn forbidden_by_aws_waf() {
    let e = get_user_error(403, "ForbiddenException", "Request blocked by AWS WAF.").await;
    assert_eq!(e, CognitoError::Forbidden);
    assert_eq!(
        e.to_string(),
        "AWS WAF blocked this request (ForbiddenException): a rule of the web ACL on the pool refused it; check the web ACL's rules (IP sets, rate limits) or send from an allowed address."
    );
}

#[tokio::test]
async fn unsupported_operation() {
    let e = get_user_error(
        400,
        "UnsupportedOperationException",
        "WebAuthn is not enabled for this user pool.",
    )
    .await;
    assert_eq!(
        e.to_string(),
        "This is not enabled for this pool or app client: WebAuthn is not enabled for this user pool. Turn it on in the pool's settings (sign-in options, the app client's authentication flows) first."
    );
}

#[tokio::test]
async fn feature_unavailable_in_tier() {
    let rule = mock!(Client::admin_set_user_mfa_preference).then_http_response(|| {
        refusal(
            400,
            "FeatureUnavailableInTierException",
            "Email MFA is not available in the LITE tier.",
        )
    });
    let outcome = through_worker(
        mocked(&[&rule]),
        Action::Admin {
            pool_id: POOL.into(),
            username: "ann".into(),
            calls: vec![cognitui::cognito::admin::AdminCall::SetMfa(
                cognitui::cognito::mfa::MfaPreference {
                    email: Some(cognitui::cognito::auth::MfaSetting {
                        enabled: true,
                        preferred: true,
                    }),
                    ..Default::default()
                },
            )],
        },
    )
    .await;
    let Outcome::Changed(results) = outcome else {
        panic!("expected a refusal, got {outcome:?}");
    };
    let [(_, Err(e))] = &results[..] else {
        panic!("expected a refusal, got {results:?}");
    };
    let e = e.clone();
    assert_eq!(e, CognitoError::FeatureUnavailableInTier);
    assert_eq!(
        e.to_string(),
        "This needs a higher feature plan of the pool (Essentials or Plus): change the pool's feature plan in the AWS console, or do without it."
    );
}

#[tokio::test]
async fn mfa_method_not_found() {
    let e = get_user_error(
        400,
        "MFAMethodNotFoundException",
        "No MFA method found for the user.",
    )
    .await;
    assert_eq!(e, CognitoError::MfaMethodNotFound);
    assert_eq!(
        e.to_string(),
        "Cognito found no MFA method for this user: set one up for them first (m on their page; SMS needs a verified phone number, email a verified email, TOTP an enrolled authenticator)."
    );
}

#[tokio::test]
async fn invalid_user_pool_configuration() {
    let e = get_user_error(
        400,
        "InvalidUserPoolConfigurationException",
        "SMS configuration is not set for the user pool",
    )
    .await;
    assert_eq!(
        e.to_string(),
        "The pool's configuration does not allow this: SMS configuration is not set for the user pool. Fix the setting in the AWS console."
    );
}

#[tokio::test]
async fn concurrent_modification() {
    let e = get_user_error(
        400,
        "ConcurrentModificationException",
        "Concurrent modification detected.",
    )
    .await;
    assert_eq!(e, CognitoError::ConcurrentModification);
    assert_eq!(
        e.to_string(),
        "Someone changed this at the same moment (ConcurrentModificationException): read it again, then retry."
    );
    assert!(e.transient() && !e.answer_may_be_lost());
}

#[tokio::test]
async fn connection_refused() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let client = emulator_client(&format!("http://127.0.0.1:{port}"), Duration::from_secs(5));
    let e = Cognito::new(&client)
        .get_user(POOL, "ann")
        .await
        .expect_err("nothing listens");
    assert_eq!(e, CognitoError::ConnectionRefused);
    assert_eq!(
        e.to_string(),
        "Cannot reach Cognito: nothing accepts connections at the endpoint (connection refused); check --endpoint-url and that the emulator or proxy there is running."
    );
    assert!(!e.answer_may_be_lost(), "a refused request never arrived");
}

#[tokio::test]
async fn dns_failure() {
    // `.invalid` never resolves (RFC 2606).
    let client = emulator_client("http://cognito.cognitui.invalid", Duration::from_secs(15));
    let e = Cognito::new(&client)
        .get_user(POOL, "ann")
        .await
        .expect_err("no such host");
    assert_eq!(e, CognitoError::DnsFailure);
    assert_eq!(
        e.to_string(),
        "Cannot reach Cognito: the endpoint's host name does not resolve (DNS lookup failed); check the region and --endpoint-url, or this computer's network and DNS."
    );
}

#[tokio::test]
async fn tls_failure() {
    // A plain HTTP server on the port an https:// endpoint names: the handshake fails.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 512];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
        }
    });
    let client = emulator_client(&format!("https://127.0.0.1:{port}"), Duration::from_secs(5));
    let e = Cognito::new(&client)
        .get_user(POOL, "ann")
        .await
        .expect_err("no TLS there");
    assert_eq!(e, CognitoError::TlsFailure);
    assert_eq!(
        e.to_string(),
        "Cannot reach Cognito securely: the TLS handshake failed; check --endpoint-url (https:// to a plain http server?), a proxy that intercepts TLS, or the system's certificates."
    );
}

#[tokio::test]
async fn an_unreadable_answer() {
    // A web page where Cognito's JSON should be: a success status with HTML, and an error page.
    for (status, body) in [
        (200, "<html><body>Welcome to nginx!</body></html>"),
        (404, "<html><body>Not Found</body></html>"),
    ] {
        let rule = mock!(Client::admin_get_user).then_http_response(move || {
            let mut r = HttpResponse::new(
                StatusCode::try_from(status).expect("status"),
                SdkBody::from(body),
            );
            r.headers_mut().insert("content-type", "text/html");
            r
        });
        let e = mocked(&[&rule])
            .get_user(POOL, "ann")
            .await
            .expect_err("not Cognito's answer");
        assert_eq!(e, CognitoError::UnreadableResponse(status), "{body}");
        assert_eq!(
            e.to_string(),
            format!(
                "Cognito's answer could not be read (HTTP {status}, not the JSON Cognito sends): check that --endpoint-url points at Cognito, not at a proxy or web page."
            )
        );
    }
}

#[tokio::test]
async fn limit_exceeded_on_resend_reaches_the_app_after_exactly_one_request() {
    // The client retries (standard mode, 3 attempts); the changes client cognitui builds from it
    // must not.
    let resend = mock!(Client::resend_confirmation_code).then_http_response(|| {
        refusal(
            400,
            "LimitExceededException",
            "Attempt limit exceeded, please try after some time.",
        )
    });
    let cognito = Cognito::new(&retrying(&[&resend]));
    let outcome = through_worker(
        cognito,
        Action::ResendCode {
            client: client(),
            username: "ann".into(),
        },
    )
    .await;
    assert_eq!(outcome, Outcome::CodeSent(Err(CognitoError::LimitExceeded)));
    assert_eq!(resend.num_calls(), 1, "sent once, never again");

    // Not because of the limit alone: a change is never sent again, even when throttled, which
    // the SDK's retry would otherwise repeat (reads do: see below).
    let throttled = mock!(Client::resend_confirmation_code)
        .then_http_response(|| refusal(400, "TooManyRequestsException", "Too many requests"));
    let again = through_worker(
        Cognito::new(&retrying(&[&throttled])),
        Action::ResendCode {
            client: client(),
            username: "ann".into(),
        },
    )
    .await;
    assert_eq!(again, Outcome::CodeSent(Err(CognitoError::TooManyRequests)));
    assert_eq!(
        throttled.num_calls(),
        1,
        "the changes client has retries off"
    );

    // And the app pauses resend with its sentence.
    let mut app = common::app_on_pool(
        (100, 30),
        common::fake_pool(POOL, Some(client())),
        vec![common::fake_user(
            "ann",
            cognitui::cognito::model::UserStatus::Unconfirmed,
            true,
            &[("email", "ann@example.com")],
        )],
    );
    let opened = app.update(common::key(crossterm::event::KeyCode::Enter));
    let user = app.lookup().users.get(0);
    common::answer(
        &mut app,
        &opened[0],
        Outcome::User(Ok(cognitui::cognito::model::UserDetail {
            user,
            preferred_mfa: None,
            mfa_enabled: vec![],
            groups: vec![],
        })),
    );
    app.update(common::key(crossterm::event::KeyCode::Char('s')));
    let sent = app.update(common::key(crossterm::event::KeyCode::Enter));
    assert_eq!(sent.len(), 1, "the resend, confirmed");
    common::answer(&mut app, &sent[0], outcome);
    let code = app
        .module_as::<cognitui::screens::code::CodeEntry>()
        .expect("code entry");
    assert!(
        code.resend_wait(&app.shown().pauses).is_some(),
        "resend is paused"
    );
    let Some(cognitui::app::Status::Error(text)) = app.status() else {
        panic!("no sentence: {:?}", app.status());
    };
    assert!(
        text.starts_with("Cognito's limit on codes for ann is reached"),
        "{text}"
    );
}

#[tokio::test]
async fn reads_never_retry_limit_exceeded_but_do_retry_throttling() {
    // AdminListGroupsForUser goes with AdminGetUser, and answers.
    let groups = mock!(Client::admin_list_groups_for_user).then_output(|| {
        aws_sdk_cognitoidentityprovider::operation::admin_list_groups_for_user::AdminListGroupsForUserOutput::builder().build()
    });
    let limited = mock!(Client::admin_get_user).then_http_response(|| {
        refusal(
            400,
            "LimitExceededException",
            "Attempt limit exceeded, please try after some time.",
        )
    });
    let e = Cognito::new(&retrying(&[&limited, &groups]))
        .get_user(POOL, "ann")
        .await
        .expect_err("refused");
    assert_eq!(e, CognitoError::LimitExceeded);
    assert_eq!(
        limited.num_calls(),
        1,
        "Cognito's per-user limit is not retried"
    );

    // Throttling is what the retry is for: the same client sends it again.
    let throttled = mock!(Client::admin_get_user)
        .then_http_response(|| refusal(400, "TooManyRequestsException", "Too many requests"));
    let e = Cognito::new(&retrying(&[&throttled, &groups]))
        .get_user(POOL, "ann")
        .await
        .expect_err("refused");
    assert_eq!(e, CognitoError::TooManyRequests);
    assert_eq!(throttled.num_calls(), 3, "retried up to the attempts");

    // An endpoint without the operation answers the same page however often it is asked.
    let missing = mock!(Client::admin_get_user_auth_factors).then_http_response(|| {
        HttpResponse::new(
            StatusCode::try_from(500).expect("status"),
            SdkBody::from("<html>Internal Server Error</html>"),
        )
    });
    let e = Cognito::new(&retrying(&[&missing]))
        .auth_factors(POOL, "ann")
        .await
        .expect_err("missing");
    assert_eq!(e, CognitoError::ServerError(500));
    assert_eq!(missing.num_calls(), 1);
}

#[tokio::test]
async fn an_answer_cut_off_on_the_way_is_not_called_someone_elses() {
    // Cognito's JSON that ends half way: the connection dropped, the endpoint is right.
    let rule = mock!(Client::admin_get_user)
        .then_http_response(|| json(200, r#"{"Username":"ann","UserAttributes":[{"Na"#));
    let e = mocked(&[&rule])
        .get_user(POOL, "ann")
        .await
        .expect_err("cut off");
    assert_eq!(e, CognitoError::AnswerCut(200));
    assert!(e.to_string().contains("cut off on the way"), "{e}");
    assert!(!e.to_string().contains("--endpoint-url"), "{e}");
    assert!(
        e.answer_may_be_lost(),
        "a change cut off this way is read again"
    );
}

#[tokio::test]
async fn a_connection_dropped_before_the_answer_says_so() {
    // A server that reads the request and hangs up without answering.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let endpoint = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4) {
            let Ok(mut stream) = stream else { break };
            let mut buf = [0_u8; 4096];
            let _ = stream.read(&mut buf);
            drop(stream);
        }
    });
    let client = emulator_client(&endpoint, Duration::from_secs(5));
    let e = Cognito::new(&client)
        .get_user(POOL, "ann")
        .await
        .expect_err("no answer");
    assert_eq!(e, CognitoError::Unreachable, "{e}");
    assert!(
        e.to_string().contains("dropped before an answer came"),
        "{e}"
    );
    assert!(!e.to_string().contains("proxy or web page"), "{e}");
}
