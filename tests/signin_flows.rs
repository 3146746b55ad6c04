//! Sign-in on any app client: the flow is chosen from the client's ExplicitAuthFlows and `F3`
//! cycles among those allowed; USER_SRP_AUTH's maths against the `aws-cognito-srp` crate's
//! published vectors and against an SRP-6a server that knows the password (the values sent are
//! verified, not just shaped); USER_AUTH (PREFERRED_CHALLENGE, SELECT_CHALLENGE, PASSWORD,
//! PASSWORD_SRP, EMAIL_OTP, SMS_OTP, WEB_AUTHN named as impossible) and CUSTOM_AUTH in AWS's
//! exact shapes (aws-smithy-mocks) through the real worker and the app; SRP end to end on the
//! emulator (moto answers USER_SRP_AUTH with PASSWORD_VERIFIER and does not check the
//! signature), and what only the emulator's answers need (a SECRET_BLOCK that is not base64, a
//! second answer under USERNAME) never done without an endpoint URL; snapshots of the new
//! screens at 80x24.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_sdk_cognitoidentityprovider::types::ExplicitAuthFlowsType;
use aws_smithy_mocks::{Rule, RuleMode, mock, mock_client};
use cognitui::action::{Action, Outcome, Request, Response};
use cognitui::app::{App, Status};
use cognitui::audit::AuditLog;
use cognitui::cognito::auth::{Answer, AuthStep, AuthTarget, Challenge, Factor};
use cognitui::cognito::flows::{AuthFlow, AuthFlows};
use cognitui::cognito::model::{AppClient, UserStatus};
use cognitui::cognito::sensitive::Sensitive;
use cognitui::cognito::srp::Srp;
use cognitui::cognito::{Cognito, Server, secret_hash, spawn_worker};
use cognitui::screens::sign_in::{Asked, Step, step_of};
use cognitui::ui::{Theme, render};
use common::journey::{PASSWORD, Pool, press, type_text};
use common::srp_server;
use common::wire::{aws_error, json, mocked};
use common::{answer, app_on_pool, fake_pool, fake_user, key, settle};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const POOL: &str = "eu-west-1_AbCdEf123";
const SECRET: &str = "s3cr3t";
const TOKENS: &str = r#"{"AuthenticationResult":{"AccessToken":"a.b.c","ExpiresIn":3600,"IdToken":"d.e.f","RefreshToken":"r","TokenType":"Bearer"},"ChallengeParameters":{}}"#;

// The vectors the aws-cognito-srp crate publishes for its maths (its unit tests fix a = 1^128
// and the timestamp): the reference implementation in `common::srp_server` reproduces them.
const VECTOR_A: &str = "b1ce118779e27c1c015d7a226ecae2ea1fcd017049e4f5c6f9908c686d496dce12a1c017a7523d43e2f3a6bb7e75e266bab0471e0720030edb64d8b5aef428356bc72198d41d319cf36eb0c4b4063fb99f90bc3b25b0d1196f84836bc05be0dfe1e6d1e21ba4c77098f6e6119127981395b0f4da67e26f63ecbfb2ded5d9c091c9850c08f0c372e5101df27967250254d6748a75c9be2f59324d31241f950d79224af0d5ff1c169af541b04a063bd0d4f79216a9da1e1874bc041b97ca2d456310f0b29f3644eca4d0e0c21660cbc5774a7319746bf53024a3bbb9c1251002854d1e6fac951d3a160771cdaf681a95e8cd51eb0630c825cd6227f22edefd35b3789df41dfca6cbd4d90e90ec7e38d3cbdf2b5f3534b016267f6a42190690d4225131811c6ea3b8265cff2fc44497887995eb95357747c3db40dab7199af3b9cbaba28a75d800d809421c5da1b0a24ec3120b3738750dcd42a61d1e9d272118ec2e6db632c241ab33558502dc9bbac1f4a34b3243082b89dcc0620a626d83a483";
const VECTOR_BLOCK: &str = "9ae77ec7154c14dcc487b47707fee4b4920cb96d8a8c045e4c8df879a7b375524aa736acdec6c9ad4ea606774d00621b";
const VECTOR_TIME: &str = "Mon Feb 10 18:30:12 UTC 2025";

#[test]
fn srp_maths_reproduce_the_crates_published_vectors() {
    let client = srp_server::Client::new(&[1; 128]);
    assert_eq!(client.srp_a().to_str_radix(16), VECTOR_A);
    let salt_and_b = "36ef01c6dde9fe503da333b1acc758ba";
    assert_eq!(
        client.signature(
            "us-west-2_abc",
            "user_id",
            "password",
            salt_and_b,
            salt_and_b,
            VECTOR_BLOCK,
            VECTOR_TIME
        ),
        "apNSb5GZpJciVc6cVNkDf4elCMoWUZcH4aukLlMPiFA="
    );
    // Odd-length hex is a number like any other.
    assert_eq!(
        client.signature(
            "us-west-2_abc",
            "user_id",
            "password",
            "36ef01c",
            "36ef01c",
            VECTOR_BLOCK,
            VECTOR_TIME
        ),
        "bVzjSe43mY37A6ZuzEVU5cr6QY1WeV3BPfdVJo0c2/8="
    );
}

/// The PASSWORD_VERIFIER parameters `server` sends, as Cognito names them.
fn verifier_params(server: &srp_server::Server, username: &str) -> HashMap<String, String> {
    HashMap::from([
        ("SALT".to_owned(), server.salt_hex()),
        ("SRP_B".to_owned(), server.srp_b_hex()),
        ("SECRET_BLOCK".to_owned(), VECTOR_BLOCK.to_owned()),
        ("USER_ID_FOR_SRP".to_owned(), server.user_id.clone()),
        ("USERNAME".to_owned(), username.to_owned()),
    ])
}

fn client(secret: bool, flows: &[AuthFlow]) -> AppClient {
    AppClient {
        id: "client1".into(),
        name: "web".into(),
        secret: secret.then(|| Sensitive::new(SECRET.into())),
        auth_flows: flows.iter().copied().collect(),
    }
}

#[test]
fn the_verifier_answer_proves_the_password_to_a_server_that_knows_it() {
    // The user typed an alias; Cognito knows them as `ann` (USER_ID_FOR_SRP).
    let server = srp_server::Server::new(POOL, "ann", PASSWORD);
    let srp = Srp::new(POOL, "ann@example.com", &Sensitive::new(PASSWORD.into()));
    let a = srp.srp_a();
    let responses = srp
        .verifier_responses(
            &client(true, &[]),
            &verifier_params(&server, "ann"),
            "ann",
            Server::Aws,
        )
        .expect("answer");
    assert!(server.verifies(
        &a,
        &responses["PASSWORD_CLAIM_SECRET_BLOCK"],
        &responses["TIMESTAMP"],
        &responses["PASSWORD_CLAIM_SIGNATURE"]
    ));
    assert_eq!(
        responses["USERNAME"], "ann",
        "USER_ID_FOR_SRP, not the alias"
    );
    assert_eq!(
        responses["SECRET_HASH"],
        secret_hash(&Sensitive::new(SECRET.into()), "ann", "client1")
    );
    assert_eq!(responses["PASSWORD_CLAIM_SECRET_BLOCK"], VECTOR_BLOCK);
    // A wrong password does not verify.
    let wrong = Srp::new(POOL, "ann", &Sensitive::new("Wrong-Passw0rd!".into()));
    let claim = wrong
        .verifier_responses(
            &client(false, &[]),
            &verifier_params(&server, "ann"),
            "ann",
            Server::Aws,
        )
        .expect("answer");
    assert!(!server.verifies(
        &wrong.srp_a(),
        VECTOR_BLOCK,
        &claim["TIMESTAMP"],
        &claim["PASSWORD_CLAIM_SIGNATURE"]
    ));
}

#[test]
fn flows_come_from_explicit_auth_flows_in_order_of_preference() {
    use AuthFlow::{Admin, Choice, Custom, Srp, User};
    let allowed = |names: &[&str]| AuthFlow::allowed(names).to_vec();
    // The AWS console's default client.
    assert_eq!(
        allowed(&["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
        vec![Srp]
    );
    assert_eq!(
        allowed(&[
            "ALLOW_REFRESH_TOKEN_AUTH",
            "ALLOW_USER_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_CUSTOM_AUTH"
        ]),
        vec![Admin, Srp, User, Choice, Custom]
    );
    // A client that lists none allows Cognito's defaults; legacy values also allowed SRP.
    assert_eq!(allowed(&[]), vec![Srp, Custom]);
    assert_eq!(allowed(&["ADMIN_NO_SRP_AUTH"]), vec![Admin, Srp]);
    assert_eq!(allowed(&["CUSTOM_AUTH_FLOW_ONLY"]), vec![Custom]);
    // Unknown: the two password flows, as before flows were read.
    assert_eq!(
        client(false, &[]).sign_in_flows(),
        vec![AuthFlow::Admin, AuthFlow::User]
    );
}

#[tokio::test]
async fn open_pool_reads_the_clients_explicit_auth_flows() {
    let pool = mock!(Client::describe_user_pool).then_http_response(|| {
        json(
            200,
            &format!(r#"{{"UserPool":{{"Id":"{POOL}","Name":"prod"}}}}"#),
        )
    });
    let described = mock!(Client::describe_user_pool_client).then_http_response(|| {
        json(
            200,
            &format!(
                r#"{{"UserPoolClient":{{"ClientId":"client1","ClientName":"web","UserPoolId":"{POOL}","ExplicitAuthFlows":["ALLOW_REFRESH_TOKEN_AUTH","ALLOW_USER_SRP_AUTH","ALLOW_USER_AUTH"]}}}}"#
            ),
        )
    });
    let info = mocked(&[&pool, &described])
        .open_pool(POOL, Some("client1"), None)
        .await
        .expect("open");
    let app_client = info.client.expect("client");
    assert_eq!(
        app_client.sign_in_flows(),
        vec![AuthFlow::Srp, AuthFlow::Choice]
    );
}

/// An app on `POOL` whose app client allows `flows`, with ann loaded, on the sign-in form.
fn signing_in(flows: &[AuthFlow], secret: bool) -> App {
    let info = fake_pool(POOL, Some(client(secret, flows)));
    let ann = fake_user(
        "ann",
        UserStatus::Confirmed,
        true,
        &[("email", "ann@example.com"), ("email_verified", "true")],
    );
    let mut app = app_on_pool((80, 24), info, vec![ann]);
    app.update(key(KeyCode::Char('i')));
    assert!(matches!(step_of(app.screen()), Some(Step::SignIn(_))));
    app
}

fn type_into(app: &mut App, text: &str) {
    for e in common::typed(text) {
        app.update(e);
    }
}

fn flow(app: &App) -> AuthFlow {
    match step_of(app.screen()) {
        Some(Step::SignIn(s)) => s.flow,
        other => panic!("not the sign-in form: {other:?}"),
    }
}

fn draw(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| render(f, app, &Theme::default()))
        .expect("draw");
    format!("{}", terminal.backend())
}

fn status(app: &App) -> String {
    match app.status() {
        Some(Status::Info(t) | Status::Error(t)) => t.clone(),
        None => String::new(),
    }
}

#[test]
fn the_flow_is_the_first_the_client_allows_and_f3_cycles_among_them() {
    let mut app = signing_in(&[AuthFlow::Srp, AuthFlow::Choice, AuthFlow::Custom], false);
    assert_eq!(flow(&app), AuthFlow::Srp);
    let shown = draw(&app);
    assert!(shown.contains("Flow USER_SRP_AUTH"), "{shown}");
    app.update(key(KeyCode::F(3)));
    assert_eq!(flow(&app), AuthFlow::Choice);
    app.update(key(KeyCode::F(3)));
    assert_eq!(flow(&app), AuthFlow::Custom);
    app.update(key(KeyCode::F(3)));
    assert_eq!(flow(&app), AuthFlow::Srp, "round to the first");

    // A client allowing one flow says so.
    let mut only = signing_in(&[AuthFlow::Srp], false);
    only.update(key(KeyCode::F(3)));
    assert_eq!(flow(&only), AuthFlow::Srp);
    assert_eq!(
        status(&only),
        "The app client 'web' allows only USER_SRP_AUTH for sign-in."
    );
}

#[test]
fn sign_in_is_a_read_and_only_password_flows_need_the_password() {
    let mut app = signing_in(&[AuthFlow::Srp, AuthFlow::Choice, AuthFlow::Custom], false);
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert_eq!(status(&app), "Type the password.");
    app.update(key(KeyCode::F(3))); // USER_AUTH: the password is optional
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &sent[..],
        [Request { action: Action::SignIn { target, preferred: None, .. }, .. }]
            if target.flow == AuthFlow::Choice
    ));
    assert!(!sent[0].action.mutates(), "signing in changes nothing");
}

#[test]
fn snapshot_sign_in_with_srp() {
    let mut app = signing_in(&[AuthFlow::Srp, AuthFlow::Choice], true);
    type_into(&mut app, "Secret-123");
    insta::assert_snapshot!("sign_in_with_srp", draw(&app));
}

/// Runs `request` through the real worker on `cognito`.
async fn work(cognito: &Cognito, request: &Request) -> Outcome {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Response>();
    let worker = spawn_worker(cognito.clone(), Arc::new(AuditLog::disabled()), tx);
    assert!(worker.send(request.clone()));
    let response = rx.recv().await.expect("an answer");
    assert_eq!(response.id, request.id);
    response.outcome
}

/// Runs the one request in `sent` and gives the app its outcome; returns what follows.
async fn step(app: &mut App, cognito: &Cognito, sent: &[Request]) -> Vec<Request> {
    assert_eq!(sent.len(), 1, "one request: {sent:?}");
    let outcome = work(cognito, &sent[0]).await;
    answer(app, &sent[0], outcome)
}

fn auth_param(
    r: &aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthInput,
    k: &str,
) -> Option<String> {
    r.auth_parameters().and_then(|p| p.get(k)).cloned()
}

/// Records the SRP_A a request carried.
type Seen = Arc<Mutex<Option<String>>>;

fn remember(seen: &Seen, value: Option<String>) {
    *seen.lock().unwrap_or_else(PoisonError::into_inner) = value;
}

fn recalled(seen: &Seen) -> String {
    seen.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .unwrap_or_default()
}

/// A RespondToAuthChallenge PASSWORD_VERIFIER rule that answers with tokens only when the claim
/// proves the password to `server` for the SRP_A `seen` holds, with the right USERNAME and
/// SECRET_HASH.
fn verifier_rule(
    server: Arc<srp_server::Server>,
    seen: Seen,
    secret: bool,
    session: Option<&'static str>,
) -> Rule {
    mock!(Client::respond_to_auth_challenge)
        .match_requests(move |r| {
            let p = r.challenge_responses().cloned().unwrap_or_default();
            let get = |k: &str| p.get(k).cloned().unwrap_or_default();
            let hash_ok = if secret {
                p.get("SECRET_HASH")
                    == Some(&secret_hash(
                        &Sensitive::new(SECRET.into()),
                        &server.user_id,
                        "client1",
                    ))
            } else {
                !p.contains_key("SECRET_HASH")
            };
            r.challenge_name()
                .map(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::as_str)
                == Some("PASSWORD_VERIFIER")
                && r.session() == session
                && get("USERNAME") == server.user_id
                && hash_ok
                && server.verifies(
                    &recalled(&seen),
                    &get("PASSWORD_CLAIM_SECRET_BLOCK"),
                    &get("TIMESTAMP"),
                    &get("PASSWORD_CLAIM_SIGNATURE"),
                )
        })
        .then_http_response(|| json(200, TOKENS))
}

fn verifier_body(server: &srp_server::Server, username: &str, session: Option<&str>) -> String {
    let session = session.map_or_else(String::new, |s| format!(r#","Session":"{s}""#));
    format!(
        r#"{{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{{"SALT":"{}","SECRET_BLOCK":"{VECTOR_BLOCK}","SRP_B":"{}","USERNAME":"{username}","USER_ID_FOR_SRP":"{}"}}{session}}}"#,
        server.salt_hex(),
        server.srp_b_hex(),
        server.user_id
    )
}

#[tokio::test]
async fn user_srp_auth_reaches_tokens_with_a_claim_the_server_verifies() {
    for secret in [false, true] {
        let server = Arc::new(srp_server::Server::new(POOL, "ann", PASSWORD));
        let seen: Seen = Arc::default();
        let body = verifier_body(&server, "ann", None);
        let record = seen.clone();
        let typed_hash = secret_hash(&Sensitive::new(SECRET.into()), "ann@example.com", "client1");
        let initiate = mock!(Client::initiate_auth)
            .match_requests(move |r| {
                remember(&record, auth_param(r, "SRP_A"));
                r.auth_flow()
                    .map(aws_sdk_cognitoidentityprovider::types::AuthFlowType::as_str)
                    == Some("USER_SRP_AUTH")
                    && auth_param(r, "USERNAME").as_deref() == Some("ann@example.com")
                    && auth_param(r, "PASSWORD").is_none()
                    && auth_param(r, "SECRET_HASH") == secret.then(|| typed_hash.clone())
            })
            .then_http_response(move || json(200, &body));
        let verify = verifier_rule(server.clone(), seen.clone(), secret, None);
        let cognito = mocked(&[&initiate, &verify]);

        let mut app = signing_in(&[AuthFlow::Srp], secret);
        app.update(key(KeyCode::BackTab));
        for e in common::backspaces(3) {
            app.update(e);
        }
        type_into(&mut app, "ann@example.com");
        app.update(key(KeyCode::Tab));
        type_into(&mut app, PASSWORD);
        let sent = app.update(key(KeyCode::Enter));
        assert!(
            matches!(&sent[0].action, Action::SignIn { username, .. } if username == "ann@example.com")
        );
        let next = step(&mut app, &cognito, &sent).await;
        assert!(next.is_empty());
        assert!(
            matches!(step_of(app.screen()), Some(Step::Tokens(_))),
            "secret {secret}: {:?} {:?}",
            app.screen(),
            app.status()
        );
        assert_eq!((initiate.num_calls(), verify.num_calls()), (1, 1));
    }
}

#[tokio::test]
async fn a_wrong_password_by_srp_is_a_wrong_password() {
    let body = verifier_body(&srp_server::Server::new(POOL, "ann", PASSWORD), "ann", None);
    let initiate = mock!(Client::initiate_auth).then_http_response(move || json(200, &body));
    let refuse = mock!(Client::respond_to_auth_challenge).then_http_response(|| {
        aws_error("NotAuthorizedException", "Incorrect username or password.")
    });
    let cognito = mocked(&[&initiate, &refuse]);
    let mut app = signing_in(&[AuthFlow::Srp], false);
    type_into(&mut app, "Wrong-Passw0rd!");
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    assert!(matches!(step_of(app.screen()), Some(Step::SignIn(_))));
    assert_eq!(
        status(&app),
        "Wrong username or password: check both with the user, or set a new password as admin."
    );
}

/// A client answering from `rules` as [`mocked`]'s does, but configured with an endpoint URL of
/// its own, as the emulator is reached: what only an emulator may answer is taken.
fn mocked_at_an_endpoint(rules: &[&Rule]) -> Cognito {
    Cognito::new(&mock_client!(
        aws_sdk_cognitoidentityprovider,
        RuleMode::MatchAny,
        rules.iter().copied(),
        |c| c
            .retry_config(RetryConfig::disabled())
            .endpoint_url("http://127.0.0.1:9229")
    ))
}

fn srp_target() -> AuthTarget {
    AuthTarget {
        pool_id: POOL.into(),
        client: client(false, &[AuthFlow::Srp]),
        flow: AuthFlow::Srp,
        device: None,
    }
}

/// The emulator's PASSWORD_VERIFIER: its session id as SECRET_BLOCK (not base64), its internal
/// id as USER_ID_FOR_SRP, the name the user is known by as USERNAME.
const EMULATOR_VERIFIER: &str = r#"{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"36ef01c6dde9fe503da333b1acc758ba","SECRET_BLOCK":"0b6b5b4e-8f7c-4c1e-9e0a-1f2e3d4c5b6a","SRP_B":"36ef01c6dde9fe503da333b1acc758ba","USERNAME":"ann","USER_ID_FOR_SRP":"2f1c9a7e-internal"}}"#;

/// PASSWORD_VERIFIER answered in `username`'s name: tokens for `ann`, UserNotFoundException
/// for anyone else (the emulator knows users by USERNAME only).
fn verifier_for(username: &'static str) -> Rule {
    mock!(Client::respond_to_auth_challenge)
        .match_requests(move |r| {
            r.challenge_responses()
                .and_then(|p| p.get("USERNAME"))
                .map(String::as_str)
                == Some(username)
        })
        .then_http_response(move || {
            if username == "ann" {
                json(200, TOKENS)
            } else {
                aws_error("UserNotFoundException", "User does not exist.")
            }
        })
}

#[tokio::test]
async fn cognito_on_aws_is_never_answered_as_the_emulator_is() {
    let initiate = mock!(Client::initiate_auth).then_http_response(|| json(200, EMULATOR_VERIFIER));
    let by_id = verifier_for("2f1c9a7e-internal");
    let by_name = verifier_for("ann");
    let password = Sensitive::new(PASSWORD.into());

    // Without an endpoint URL the requests go to AWS: a SECRET_BLOCK that is not base64 is not
    // Cognito's, and is refused with a sentence before anything is answered.
    let e = mocked(&[&initiate, &by_id, &by_name])
        .sign_in(&srp_target(), "ann", &password)
        .await
        .expect_err("not Cognito's SECRET_BLOCK");
    assert!(
        e.to_string()
            .ends_with("its SECRET_BLOCK is not base64, as Cognito's always is"),
        "{e}"
    );
    assert_eq!((by_id.num_calls(), by_name.num_calls()), (0, 0));

    // A user not found under USER_ID_FOR_SRP is not found: no second answer under USERNAME.
    let base64_block =
        EMULATOR_VERIFIER.replace("0b6b5b4e-8f7c-4c1e-9e0a-1f2e3d4c5b6a", VECTOR_BLOCK);
    let initiate =
        mock!(Client::initiate_auth).then_http_response(move || json(200, &base64_block));
    let by_id = verifier_for("2f1c9a7e-internal");
    let by_name = verifier_for("ann");
    let e = mocked(&[&initiate, &by_id, &by_name])
        .sign_in(&srp_target(), "ann", &password)
        .await
        .expect_err("not found");
    assert!(
        matches!(e, cognitui::cognito::CognitoError::UserNotFound),
        "{e}"
    );
    assert_eq!((by_id.num_calls(), by_name.num_calls()), (1, 0));
}

#[tokio::test]
async fn the_emulator_is_answered_as_it_asks() {
    let initiate = mock!(Client::initiate_auth).then_http_response(|| json(200, EMULATOR_VERIFIER));
    let by_id = verifier_for("2f1c9a7e-internal");
    let by_name = verifier_for("ann");
    let claim = mock!(Client::respond_to_auth_challenge)
        .match_requests(|r| {
            r.challenge_responses()
                .and_then(|p| p.get("PASSWORD_CLAIM_SECRET_BLOCK"))
                .map(String::as_str)
                != Some("0b6b5b4e-8f7c-4c1e-9e0a-1f2e3d4c5b6a")
        })
        .then_http_response(|| aws_error("NotAuthorizedException", "SECRET_BLOCK not echoed."));
    let step = mocked_at_an_endpoint(&[&initiate, &claim, &by_id, &by_name])
        .sign_in(&srp_target(), "ann", &Sensitive::new(PASSWORD.into()))
        .await
        .expect("tokens");
    assert!(matches!(step, AuthStep::SignedIn(_)), "{step:?}");
    assert_eq!(
        (claim.num_calls(), by_id.num_calls(), by_name.num_calls()),
        (0, 1, 1),
        "the block echoed as it came; answered again under USERNAME"
    );
}

#[tokio::test]
async fn srp_goes_on_to_mfa_through_the_app_flow() {
    let server = Arc::new(srp_server::Server::new(POOL, "ann", PASSWORD));
    let body = verifier_body(&server, "ann", None);
    let initiate = mock!(Client::initiate_auth).then_http_response(move || json(200, &body));
    let verify = mock!(Client::respond_to_auth_challenge)
        .match_requests(|r| r.challenge_name().map(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::as_str) == Some("PASSWORD_VERIFIER"))
        .then_http_response(|| {
            json(200, r#"{"ChallengeName":"SOFTWARE_TOKEN_MFA","ChallengeParameters":{},"Session":"AYABeTOTP"}"#)
        });
    let code = mock!(Client::respond_to_auth_challenge)
        .match_requests(|r| {
            let p = r.challenge_responses().cloned().unwrap_or_default();
            r.challenge_name()
                .map(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::as_str)
                == Some("SOFTWARE_TOKEN_MFA")
                && r.session() == Some("AYABeTOTP")
                && p.get("USERNAME").map(String::as_str) == Some("ann")
                && p.get("SOFTWARE_TOKEN_MFA_CODE").map(String::as_str) == Some("123456")
        })
        .then_http_response(|| json(200, TOKENS));
    let cognito = mocked(&[&initiate, &verify, &code]);
    let mut app = signing_in(&[AuthFlow::Srp], false);
    type_into(&mut app, PASSWORD);
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::MfaCode(_))),
        "{:?}",
        app.screen()
    );
    type_into(&mut app, "123456");
    let sent = app.update(key(KeyCode::Enter));
    assert!(
        matches!(&sent[0].action, Action::Respond { target, .. } if target.flow == AuthFlow::Srp)
    );
    step(&mut app, &cognito, &sent).await;
    assert!(matches!(step_of(app.screen()), Some(Step::Tokens(_))));
}

const SELECT: &str = r#"{"AvailableChallenges":["PASSWORD","PASSWORD_SRP","EMAIL_OTP","SMS_OTP","WEB_AUTHN"],"ChallengeName":"SELECT_CHALLENGE","ChallengeParameters":{},"Session":"AYABeSELECT"}"#;

fn select_rule() -> Rule {
    mock!(Client::initiate_auth)
        .match_requests(|r| {
            r.auth_flow()
                .map(aws_sdk_cognitoidentityprovider::types::AuthFlowType::as_str)
                == Some("USER_AUTH")
                && auth_param(r, "USERNAME").as_deref() == Some("ann")
                && auth_param(r, "PREFERRED_CHALLENGE").is_none()
        })
        .then_http_response(|| json(200, SELECT))
}

/// The USER_AUTH sign-in without a password, on the SELECT_CHALLENGE menu.
async fn on_the_menu(cognito: &Cognito) -> App {
    let mut app = signing_in(&[AuthFlow::Choice], false);
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, cognito, &sent).await;
    app
}

#[tokio::test]
async fn user_auth_offers_what_cognito_offers_and_names_passkeys_as_impossible() {
    let select = select_rule();
    let cognito = mocked(&[&select]);
    let mut app = on_the_menu(&cognito).await;
    let Some(Step::SelectChallenge(s)) = step_of(app.screen()) else {
        panic!("expected the menu, got {:?}", app.screen());
    };
    assert_eq!(
        s.available,
        vec![
            Factor::Password,
            Factor::PasswordSrp,
            Factor::EmailOtp,
            Factor::SmsOtp,
            Factor::WebAuthn
        ]
    );
    assert_eq!(s.session.session.expose(), "AYABeSELECT");
    insta::assert_snapshot!("select_challenge_menu", draw(&app));
    for _ in 0..4 {
        app.update(key(KeyCode::Down));
    }
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert_eq!(
        status(&app),
        "A passkey (WEB_AUTHN) cannot be done in a terminal: the user signs in with it in the app or a browser. Choose another way."
    );
}

#[tokio::test]
async fn email_otp_as_the_first_factor_takes_a_code_and_reaches_tokens() {
    let select = select_rule();
    let choose = mock!(Client::respond_to_auth_challenge)
        .match_requests(|r| {
            let p = r.challenge_responses().cloned().unwrap_or_default();
            r.challenge_name().map(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::as_str) == Some("SELECT_CHALLENGE")
                && r.session() == Some("AYABeSELECT")
                && p.get("ANSWER").map(String::as_str) == Some("EMAIL_OTP")
                && p.get("USERNAME").map(String::as_str) == Some("ann")
        })
        .then_http_response(|| {
            json(200, r#"{"ChallengeName":"EMAIL_OTP","ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"EMAIL","CODE_DELIVERY_DESTINATION":"a***@e***"},"Session":"AYABeEMAIL"}"#)
        });
    let code = mock!(Client::respond_to_auth_challenge)
        .match_requests(|r| {
            let p = r.challenge_responses().cloned().unwrap_or_default();
            r.challenge_name()
                .map(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::as_str)
                == Some("EMAIL_OTP")
                && r.session() == Some("AYABeEMAIL")
                && p.get("EMAIL_OTP_CODE").map(String::as_str) == Some("24681357")
        })
        .then_http_response(|| json(200, TOKENS));
    let cognito = mocked(&[&select, &choose, &code]);
    let mut app = on_the_menu(&cognito).await;
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Down));
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &sent[0].action,
        Action::Respond {
            answer: Answer::Choose {
                factor: Factor::EmailOtp,
                password: None
            },
            ..
        }
    ));
    assert!(
        !sent[0].action.mutates(),
        "choosing a way to sign in changes nothing"
    );
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::Answer(a)) if a.asked == Asked::Otp { factor: Factor::EmailOtp, destination: Some("a***@e***".into()) }
        ),
        "{:?}",
        app.screen()
    );
    insta::assert_snapshot!("email_otp_code_screen", draw(&app));
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert_eq!(status(&app), "Type the code the user reads out.");
    type_into(&mut app, "24681357");
    let sent = app.update(key(KeyCode::Enter));
    assert!(!sent[0].action.mutates());
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::Tokens(_))),
        "{:?}",
        app.status()
    );
    assert_eq!(code.num_calls(), 1);
}

#[tokio::test]
async fn sms_otp_as_the_first_factor_and_a_wrong_code() {
    let select = select_rule();
    let choose = mock!(Client::respond_to_auth_challenge)
        .match_requests(|r| {
            r.challenge_name().map(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::as_str) == Some("SELECT_CHALLENGE")
                && r.challenge_responses().and_then(|p| p.get("ANSWER")).map(String::as_str) == Some("SMS_OTP")
        })
        .then_http_response(|| {
            json(200, r#"{"ChallengeName":"SMS_OTP","ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******0123"},"Session":"AYABeSMS"}"#)
        });
    let code = mock!(Client::respond_to_auth_challenge)
        .match_requests(|r| {
            r.challenge_name()
                .map(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::as_str)
                == Some("SMS_OTP")
                && r.challenge_responses()
                    .and_then(|p| p.get("SMS_OTP_CODE"))
                    .is_some()
        })
        .sequence()
        .http_response(|| {
            aws_error(
                "CodeMismatchException",
                "Invalid code or auth state for the user.",
            )
        })
        .http_response(|| json(200, TOKENS))
        .build();
    let cognito = mocked(&[&select, &choose, &code]);
    let mut app = on_the_menu(&cognito).await;
    for _ in 0..3 {
        app.update(key(KeyCode::Down));
    }
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::Answer(a)) if a.asked == Asked::Otp { factor: Factor::SmsOtp, destination: Some("+*******0123".into()) }
        )
    );
    type_into(&mut app, "111111");
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &sent[0].action,
        Action::Respond {
            answer: Answer::Otp {
                factor: Factor::SmsOtp,
                ..
            },
            ..
        }
    ));
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::Answer(a)) if a.tries == 1 && a.form.value(0) == "111111")
    );
    assert!(
        status(&app).starts_with("That code is not the one"),
        "{}",
        status(&app)
    );
    for e in common::backspaces(6) {
        app.update(e);
    }
    type_into(&mut app, "222222");
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    assert!(matches!(step_of(app.screen()), Some(Step::Tokens(_))));
}

#[tokio::test]
async fn password_from_the_menu_without_a_password_asks_for_it_then_prefers_that_factor() {
    let select = select_rule();
    let preferred = mock!(Client::initiate_auth)
        .match_requests(|r| {
            r.auth_flow()
                .map(aws_sdk_cognitoidentityprovider::types::AuthFlowType::as_str)
                == Some("USER_AUTH")
                && auth_param(r, "PREFERRED_CHALLENGE").as_deref() == Some("PASSWORD")
                && auth_param(r, "PASSWORD").as_deref() == Some(PASSWORD)
        })
        .then_http_response(|| json(200, TOKENS));
    let cognito = mocked(&[&preferred, &select]);
    let mut app = on_the_menu(&cognito).await;
    assert!(
        app.update(key(KeyCode::Enter)).is_empty(),
        "PASSWORD is first"
    );
    assert!(matches!(step_of(app.screen()), Some(Step::SignIn(s)) if s.flow == AuthFlow::Choice));
    assert_eq!(
        status(&app),
        "Type the user's password, then Enter: cognitui asks Cognito for PASSWORD first."
    );
    assert!(draw(&app).contains("asks Cognito for PASSWORD first"));
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert_eq!(status(&app), "Type the password.");
    type_into(&mut app, PASSWORD);
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &sent[0].action,
        Action::SignIn {
            preferred: Some(Factor::Password),
            ..
        }
    ));
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::Tokens(_))),
        "{:?}",
        app.status()
    );
}

#[tokio::test]
async fn password_chosen_on_the_menu_with_the_password_typed_at_sign_in() {
    let select = mock!(Client::initiate_auth)
        .match_requests(|r| auth_param(r, "PREFERRED_CHALLENGE").as_deref() == Some("PASSWORD_SRP"))
        .then_http_response(|| json(200, SELECT));
    let choose = mock!(Client::respond_to_auth_challenge)
        .match_requests(|r| {
            let p = r.challenge_responses().cloned().unwrap_or_default();
            r.challenge_name()
                .map(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::as_str)
                == Some("SELECT_CHALLENGE")
                && p.get("ANSWER").map(String::as_str) == Some("PASSWORD")
                && p.get("PASSWORD").map(String::as_str) == Some(PASSWORD)
        })
        .then_http_response(|| json(200, TOKENS));
    let cognito = mocked(&[&select, &choose]);
    let mut app = signing_in(&[AuthFlow::Choice], false);
    type_into(&mut app, PASSWORD);
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::SelectChallenge(s)) if s.password.is_some())
    );
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::Tokens(_))),
        "{:?}",
        app.status()
    );
}

#[tokio::test]
async fn user_auth_with_a_password_asks_for_password_srp_first_and_verifies() {
    let server = Arc::new(srp_server::Server::new(POOL, "ann", PASSWORD));
    let seen: Seen = Arc::default();
    let record = seen.clone();
    let body = verifier_body(&server, "ann", Some("AYABeSRP"));
    let initiate = mock!(Client::initiate_auth)
        .match_requests(move |r| {
            remember(&record, auth_param(r, "SRP_A"));
            r.auth_flow()
                .map(aws_sdk_cognitoidentityprovider::types::AuthFlowType::as_str)
                == Some("USER_AUTH")
                && auth_param(r, "PREFERRED_CHALLENGE").as_deref() == Some("PASSWORD_SRP")
                && auth_param(r, "PASSWORD").is_none()
        })
        .then_http_response(move || json(200, &body));
    let verify = verifier_rule(server, seen, true, Some("AYABeSRP"));
    let cognito = mocked(&[&initiate, &verify]);
    let mut app = signing_in(&[AuthFlow::Choice], true);
    type_into(&mut app, PASSWORD);
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::Tokens(_))),
        "{:?}",
        app.status()
    );
    assert_eq!(verify.num_calls(), 1);
}

#[tokio::test]
async fn password_srp_chosen_on_the_menu_sends_srp_a_and_verifies() {
    let server = Arc::new(srp_server::Server::new(POOL, "ann", PASSWORD));
    let seen: Seen = Arc::default();
    let record = seen.clone();
    let body = verifier_body(&server, "ann", Some("AYABeVERIFIER"));
    let select = mock!(Client::initiate_auth).then_http_response(|| json(200, SELECT));
    let choose = mock!(Client::respond_to_auth_challenge)
        .match_requests(move |r| {
            let p = r.challenge_responses().cloned().unwrap_or_default();
            remember(&record, p.get("SRP_A").cloned());
            r.challenge_name()
                .map(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::as_str)
                == Some("SELECT_CHALLENGE")
                && p.get("ANSWER").map(String::as_str) == Some("PASSWORD_SRP")
                && !p.contains_key("PASSWORD")
        })
        .then_http_response(move || json(200, &body));
    let verify = verifier_rule(server, seen, false, Some("AYABeVERIFIER"));
    let cognito = mocked(&[&verify, &select, &choose]);
    let mut app = signing_in(&[AuthFlow::Choice], false);
    type_into(&mut app, PASSWORD);
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    app.update(key(KeyCode::Down));
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &sent[0].action,
        Action::Respond {
            answer: Answer::Choose {
                factor: Factor::PasswordSrp,
                password: Some(_)
            },
            ..
        }
    ));
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::Tokens(_))),
        "{:?}",
        app.status()
    );
}

#[tokio::test]
async fn custom_challenge_shows_its_public_parameters_and_takes_a_text_answer() {
    let initiate = mock!(Client::initiate_auth)
        .match_requests(|r| {
            r.auth_flow().map(aws_sdk_cognitoidentityprovider::types::AuthFlowType::as_str) == Some("CUSTOM_AUTH")
                && auth_param(r, "PASSWORD").is_none()
        })
        .then_http_response(|| {
            json(200, r#"{"ChallengeName":"CUSTOM_CHALLENGE","ChallengeParameters":{"USERNAME":"ann","question":"Which city were you born in?","attempt":"1","secretAnswerHash":"c2VjcmV0"},"Session":"AYABeCUSTOM1"}"#)
        });
    let respond = mock!(Client::respond_to_auth_challenge)
        .match_requests(|r| {
            let p = r.challenge_responses().cloned().unwrap_or_default();
            r.challenge_name().map(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::as_str) == Some("CUSTOM_CHALLENGE")
                && p.get("USERNAME").map(String::as_str) == Some("ann")
        })
        .sequence()
        .http_response(|| {
            json(200, r#"{"ChallengeName":"CUSTOM_CHALLENGE","ChallengeParameters":{"USERNAME":"ann","question":"Which city were you born in?","attempt":"2"},"Session":"AYABeCUSTOM2"}"#)
        })
        .http_response(|| json(200, TOKENS))
        .build();
    let cognito = mocked(&[&initiate, &respond]);
    let mut app = signing_in(&[AuthFlow::Custom], false);
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    let Some(Step::Answer(a)) = step_of(app.screen()) else {
        panic!("expected the custom challenge, got {:?}", app.screen());
    };
    assert_eq!(
        a.asked,
        Asked::Custom {
            parameters: vec![
                ("attempt".into(), "1".into()),
                ("question".into(), "Which city were you born in?".into())
            ]
        },
        "nothing named like a secret, no username"
    );
    let shown = draw(&app);
    assert!(!shown.contains("c2VjcmV0"), "{shown}");
    insta::assert_snapshot!("custom_challenge_screen", shown);
    type_into(&mut app, "Lagos");
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &sent[0].action,
        Action::Respond { answer: Answer::Custom(text), .. } if text.expose() == "Lagos"
    ));
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::Answer(a)) if a.tries == 1 && a.session.session.expose() == "AYABeCUSTOM2")
    );
    type_into(&mut app, "Accra");
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    assert!(matches!(step_of(app.screen()), Some(Step::Tokens(_))));
}

#[tokio::test]
async fn select_challenge_straight_from_the_cognito_call() {
    let select = select_rule();
    let target = AuthTarget {
        pool_id: POOL.into(),
        client: client(false, &[AuthFlow::Choice]),
        flow: AuthFlow::Choice,
        device: None,
    };
    let step = mocked(&[&select])
        .sign_in(&target, "ann", &Sensitive::new(String::new()))
        .await
        .expect("step");
    assert!(matches!(
        step,
        AuthStep::Challenge { challenge: Challenge::SelectChallenge { available }, .. } if available.len() == 5
    ));
}

// ---- On the emulator ----------------------------------------------------------------------

/// A pool whose app client allows only what the AWS console's default does: USER_SRP_AUTH and
/// refresh.
async fn srp_pool(secret: bool) -> Pool {
    let client = common::client();
    let id = cognitui::dev::create_pool(&client, "srp")
        .await
        .expect("pool");
    let out = client
        .create_user_pool_client()
        .user_pool_id(&id)
        .client_name("console-default")
        .generate_secret(secret)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await
        .expect("client");
    let app_client = out
        .user_pool_client()
        .and_then(|c| c.client_id())
        .expect("id")
        .to_owned();
    Pool {
        client,
        id,
        app_client,
    }
}

async fn signs_in_by_srp_on_the_emulator(secret: bool) {
    let p = srp_pool(secret).await;
    common::journey::invited(&p, "srp.user", "Temp-Passw0rd!").await;
    p.client
        .admin_set_user_password()
        .user_pool_id(&p.id)
        .username("srp.user")
        .password(PASSWORD)
        .permanent(true)
        .send()
        .await
        .expect("password");
    let mut s = common::journey::open(&p).await;
    assert_eq!(
        s.app
            .pool()
            .as_ref()
            .and_then(|i| i.client.as_ref())
            .map(AppClient::sign_in_flows),
        Some(vec![AuthFlow::Srp])
    );
    common::journey::open_user(&mut s, "srp.user").await;
    press(&mut s, KeyCode::Char('i'));
    let shown = common::screen(&mut s);
    assert!(shown.contains("Flow USER_SRP_AUTH"), "{shown}");
    type_text(&mut s, PASSWORD);
    press(&mut s, KeyCode::Enter);
    assert!(
        s.app.in_flight().values().all(|a| !a.mutates()),
        "signing in is not a change"
    );
    settle(&mut s, "the tokens", |a| {
        matches!(step_of(a.screen()), Some(Step::Tokens(_))) || a.status().is_some()
    })
    .await;
    assert!(
        matches!(step_of(s.app.screen()), Some(Step::Tokens(_))),
        "secret {secret}: {:?}",
        s.app.status()
    );
}

#[tokio::test]
async fn srp_on_the_emulator_reaches_tokens() {
    Box::pin(signs_in_by_srp_on_the_emulator(false)).await;
}

#[tokio::test]
async fn srp_on_the_emulator_with_a_client_secret_reaches_tokens() {
    Box::pin(signs_in_by_srp_on_the_emulator(true)).await;
}

#[tokio::test]
async fn srp_on_the_emulator_for_an_invited_user_sets_the_new_password() {
    let p = srp_pool(false).await;
    common::journey::invited(&p, "srp.invited", "Temp-Passw0rd!").await;
    let mut s = common::journey::open(&p).await;
    common::journey::open_user(&mut s, "srp.invited").await;
    press(&mut s, KeyCode::Char('i'));
    type_text(&mut s, "Temp-Passw0rd!");
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "NEW_PASSWORD_REQUIRED", |a| {
        matches!(step_of(a.screen()), Some(Step::NewPassword(_)))
            || a.status().is_some() && a.in_flight().is_empty()
    })
    .await;
    assert!(
        matches!(step_of(s.app.screen()), Some(Step::NewPassword(_))),
        "{:?}",
        s.app.status()
    );
    type_text(&mut s, PASSWORD);
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, PASSWORD);
    press(&mut s, KeyCode::Enter);
    common::journey::confirm(&mut s);
    settle(&mut s, "the tokens", |a| {
        matches!(step_of(a.screen()), Some(Step::Tokens(_)))
            || a.status().is_some() && a.in_flight().is_empty()
    })
    .await;
    assert!(
        matches!(step_of(s.app.screen()), Some(Step::Tokens(_))),
        "{:?}",
        s.app.status()
    );
    let user = common::journey::get(&p, "srp.invited").await;
    assert_eq!(
        user.user_status()
            .map(aws_sdk_cognitoidentityprovider::types::UserStatusType::as_str),
        Some("CONFIRMED")
    );
}

#[tokio::test]
async fn the_emulator_says_which_flows_the_client_allows() {
    let p = srp_pool(false).await;
    let cognito = Cognito::new(&p.client);
    let info = cognito
        .open_pool(&p.id, Some(&p.app_client), None)
        .await
        .expect("open");
    assert_eq!(
        info.client.map(|c| c.auth_flows),
        Some(AuthFlows::from_iter([AuthFlow::Srp]))
    );
}
