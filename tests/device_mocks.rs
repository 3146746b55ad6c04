//! Remembered devices, which the emulator does not implement, in AWS's exact shapes
//! (aws-smithy-mocks) through the real worker and the app: a sign-in's NewDeviceMetadata, the
//! confirmation, ConfirmDevice's verifier and salt (and UpdateDeviceStatus when the user must
//! opt in), the next sign-in's DEVICE_KEY, DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER with a
//! claim checked by an SRP server that knows only the registered verifier, and the sentences
//! for what can go wrong; and every device of a user forgotten in one bulk step, a lost answer
//! settled by listing them again.

mod common;

use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{ChallengeNameType, DeviceRememberedStatusType};
use aws_smithy_mocks::mock;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use cognitui::action::{Action, Outcome, Request, Response};
use cognitui::app::{App, Screen, Status};
use cognitui::audit::AuditLog;
use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::device::{DEVICE_NAME, DeviceOffer, NewDevice, RememberedDevice};
use cognitui::cognito::flows::{AuthFlow, AuthFlows};
use cognitui::cognito::lists::Device;
use cognitui::cognito::model::{AppClient, UserDetail, UserStatus};
use cognitui::cognito::sensitive::Sensitive;
use cognitui::cognito::{Cognito, CognitoError, secret_hash, spawn_worker};
use cognitui::screens::sign_in::{Step, step_of};
use cognitui::ui::{Theme, render};
use common::srp_server::DeviceServer;
use common::wire::{aws_error, json, mocked};
use common::{answer, app_on_pool, fake_pool, fake_user, key, typed};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const POOL: &str = "eu-west-1_AbCdEf123";
const SECRET: &str = "s3cr3t";
const PASSWORD: &str = "Passw0rd!-ann";
const DEVICE_KEY: &str = "eu-west-1_5c2b4a1e-7d3f-4e8a-9b6c-0f1e2d3c4b5a";
const GROUP_KEY: &str = "-Xq7bFz3k";
/// What AWS answers when the pool tracks devices and this sign-in's device is new.
const TOKENS_WITH_DEVICE: &str = r#"{"AuthenticationResult":{"AccessToken":"a.b.c","ExpiresIn":3600,"IdToken":"d.e.f","NewDeviceMetadata":{"DeviceGroupKey":"-Xq7bFz3k","DeviceKey":"eu-west-1_5c2b4a1e-7d3f-4e8a-9b6c-0f1e2d3c4b5a"},"RefreshToken":"r","TokenType":"Bearer"},"ChallengeParameters":{}}"#;
const TOKENS: &str = r#"{"AuthenticationResult":{"AccessToken":"a.b.c","ExpiresIn":3600,"IdToken":"d.e.f","RefreshToken":"r","TokenType":"Bearer"},"ChallengeParameters":{}}"#;
const DEVICE_SRP_AUTH: &str =
    r#"{"ChallengeName":"DEVICE_SRP_AUTH","ChallengeParameters":{},"Session":"AYABeDEVICE1"}"#;
const BLOCK: &str = "c2VjcmV0IGJsb2NrIGZyb20gQ29nbml0bw==";

fn client() -> AppClient {
    AppClient {
        id: "client1".into(),
        name: "web".into(),
        secret: Some(Sensitive::new(SECRET.into())),
        auth_flows: [AuthFlow::User].into_iter().collect::<AuthFlows>(),
    }
}

fn hash() -> String {
    secret_hash(&Sensitive::new(SECRET.into()), "ann", "client1")
}

/// ann's sign-in form, USER_PASSWORD_AUTH on a client with a secret, the password typed.
fn signing_in() -> App {
    let ann = fake_user("ann", UserStatus::Confirmed, true, &[("email", "a@x.io")]);
    let mut app = app_on_pool((80, 24), fake_pool(POOL, Some(client())), vec![ann]);
    sign_in_again(&mut app);
    app
}

/// `i` on the selected user, then the password.
fn sign_in_again(app: &mut App) {
    app.update(key(KeyCode::Char('i')));
    assert!(
        matches!(step_of(app.screen()), Some(Step::SignIn(_))),
        "{:?}",
        app.screen()
    );
    for e in typed(PASSWORD) {
        app.update(e);
    }
}

/// Runs `request` through the real worker on `cognito`.
async fn work(cognito: &Cognito, request: &Request) -> Outcome {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Response>();
    let worker = spawn_worker(cognito.clone(), Arc::new(AuditLog::disabled()), tx);
    assert!(worker.send(request.clone()));
    rx.recv().await.expect("an answer").outcome
}

/// Sends the first request of `sent` through `cognito` and gives the app its outcome.
async fn step(app: &mut App, cognito: &Cognito, sent: &[Request]) -> Vec<Request> {
    let outcome = work(cognito, &sent[0]).await;
    answer(app, &sent[0], outcome)
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
        Some(Status::Error(t) | Status::Info(t)) => t.clone(),
        other => panic!("no status: {other:?}"),
    }
}

type Seen = Arc<Mutex<Option<(String, String)>>>;

fn keep(seen: &Seen, value: (String, String)) {
    *seen.lock().unwrap_or_else(PoisonError::into_inner) = Some(value);
}

fn kept(seen: &Seen) -> (String, String) {
    seen.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .expect("recorded")
}

/// Signs ann in (the pool offers a new device), asks to remember it and confirms; ConfirmDevice
/// answers `confirmation_necessary`. Returns the app and the verifier and salt sent.
async fn remembered(confirmation_necessary: bool) -> (App, (String, String), usize) {
    let initiate = mock!(Client::initiate_auth)
        .match_requests(|r| {
            let p = r.auth_parameters().cloned().unwrap_or_default();
            p.get("USERNAME").map(String::as_str) == Some("ann")
                && p.get("SECRET_HASH") == Some(&hash())
                && !p.contains_key("DEVICE_KEY")
        })
        .then_http_response(|| json(200, TOKENS_WITH_DEVICE));
    let seen: Seen = Arc::default();
    let record = seen.clone();
    let confirm = mock!(Client::confirm_device)
        .match_requests(move |r| {
            let config = r.device_secret_verifier_config();
            let verifier = config
                .and_then(|c| c.password_verifier())
                .unwrap_or_default();
            let salt = config.and_then(|c| c.salt()).unwrap_or_default();
            keep(&record, (verifier.to_owned(), salt.to_owned()));
            r.access_token() == Some("a.b.c")
                && r.device_key() == Some(DEVICE_KEY)
                && r.device_name() == Some(DEVICE_NAME)
                && BASE64.decode(verifier).is_ok_and(|v| v.len() >= 256)
                && BASE64.decode(salt).is_ok_and(|s| !s.is_empty())
        })
        .then_http_response(move || {
            json(
                200,
                &format!(r#"{{"UserConfirmationNecessary":{confirmation_necessary}}}"#),
            )
        });
    let opt_in = mock!(Client::update_device_status)
        .match_requests(|r| {
            r.access_token() == Some("a.b.c")
                && r.device_key() == Some(DEVICE_KEY)
                && r.device_remembered_status() == Some(&DeviceRememberedStatusType::Remembered)
        })
        .then_http_response(|| json(200, "{}"));
    let cognito = mocked(&[&initiate, &confirm, &opt_in]);

    let mut app = signing_in();
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    assert!(
        matches!(step_of(app.screen()), Some(Step::Tokens(_))),
        "{:?}",
        app.status()
    );
    let screen = draw(&app);
    assert!(
        screen.contains("This pool tracks devices: r remembers this terminal as a"),
        "{screen}"
    );
    assert!(screen.contains("device for ann."), "{screen}");

    // A change to the user's account: it waits for the confirmation, and only Enter sends it.
    assert!(app.update(key(KeyCode::Char('r'))).is_empty());
    let Screen::Confirm(c) = app.screen() else {
        panic!("no confirmation: {:?}", app.screen());
    };
    assert!(c.notes[0].contains("Remember this terminal as a device for ann"));
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &sent[0].action,
        Action::RememberDevice { offer, .. } if offer.username == "ann" && offer.device.key == DEVICE_KEY
    ));
    step(&mut app, &cognito, &sent).await;
    assert_eq!(confirm.num_calls(), 1);
    assert!(matches!(step_of(app.screen()), Some(Step::Tokens(_))));
    assert!(
        status(&app).starts_with("This terminal is now a remembered device for ann"),
        "{}",
        status(&app)
    );
    assert_eq!(app.devices().len(), 1);
    let device = &app.devices()[0];
    assert_eq!(
        (device.key.as_str(), device.group_key.as_str()),
        (DEVICE_KEY, GROUP_KEY)
    );
    // The device password is kept for this run only and shown nowhere.
    let screen = draw(&app);
    assert!(!screen.contains(device.password.expose()));
    assert!(!format!("{:?}", app.devices()).contains(device.password.expose()));
    assert!(
        screen.contains("This terminal is a remembered device of ann"),
        "{screen}"
    );
    (app, kept(&seen), opt_in.num_calls())
}

#[tokio::test]
async fn a_remembered_device_answers_device_srp_auth_at_the_next_sign_in() {
    let (mut app, (verifier, salt), opted_in) = remembered(false).await;
    assert_eq!(
        opted_in, 0,
        "no UpdateDeviceStatus when no opt-in is needed"
    );
    let server = Arc::new(DeviceServer::new(GROUP_KEY, DEVICE_KEY, &verifier, &salt));

    let initiate = mock!(Client::initiate_auth)
        .match_requests(|r| {
            let p = r.auth_parameters().cloned().unwrap_or_default();
            p.get("DEVICE_KEY").map(String::as_str) == Some(DEVICE_KEY)
                && p.get("PASSWORD").map(String::as_str) == Some(PASSWORD)
                && p.get("SECRET_HASH") == Some(&hash())
        })
        .then_http_response(|| json(200, DEVICE_SRP_AUTH));
    let srp_a: Arc<Mutex<String>> = Arc::default();
    let record = srp_a.clone();
    let body = format!(
        r#"{{"ChallengeName":"DEVICE_PASSWORD_VERIFIER","ChallengeParameters":{{"DEVICE_KEY":"{DEVICE_KEY}","SALT":"{}","SECRET_BLOCK":"{BLOCK}","SRP_B":"{}","USERNAME":"ann"}},"Session":"AYABeDEVICE2"}}"#,
        server.salt_hex(),
        server.srp_b_hex()
    );
    let device_srp = mock!(Client::respond_to_auth_challenge)
        .match_requests(move |r| {
            let p = r.challenge_responses().cloned().unwrap_or_default();
            let a = p.get("SRP_A").cloned().unwrap_or_default();
            if r.challenge_name() != Some(&ChallengeNameType::DeviceSrpAuth) {
                return false;
            }
            a.clone_into(&mut record.lock().unwrap_or_else(PoisonError::into_inner));
            r.session() == Some("AYABeDEVICE1")
                && p.get("USERNAME").map(String::as_str) == Some("ann")
                && p.get("DEVICE_KEY").map(String::as_str) == Some(DEVICE_KEY)
                && p.get("SECRET_HASH") == Some(&hash())
                && !a.is_empty()
                && a.chars().all(|c| c.is_ascii_hexdigit())
        })
        .then_http_response(move || json(200, &body));
    let checker = server.clone();
    let verify = mock!(Client::respond_to_auth_challenge)
        .match_requests(move |r| {
            let p = r.challenge_responses().cloned().unwrap_or_default();
            let get = |k: &str| p.get(k).cloned().unwrap_or_default();
            let a = srp_a.lock().unwrap_or_else(PoisonError::into_inner).clone();
            r.challenge_name() == Some(&ChallengeNameType::DevicePasswordVerifier)
                && r.session() == Some("AYABeDEVICE2")
                && get("USERNAME") == "ann"
                && get("DEVICE_KEY") == DEVICE_KEY
                && p.get("SECRET_HASH") == Some(&hash())
                && get("PASSWORD_CLAIM_SECRET_BLOCK") == BLOCK
                && checker.verifies(
                    &a,
                    &get("PASSWORD_CLAIM_SECRET_BLOCK"),
                    &get("TIMESTAMP"),
                    &get("PASSWORD_CLAIM_SIGNATURE"),
                )
        })
        .then_http_response(|| json(200, TOKENS));
    let cognito = mocked(&[&initiate, &device_srp, &verify]);

    // Esc abandons the read of ann that followed the change, then leaves the tokens.
    for _ in 0..2 {
        app.update(key(KeyCode::Esc));
    }
    sign_in_again(&mut app);
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &sent[0].action,
        Action::SignIn { target, .. } if target.device.as_ref().is_some_and(|d| d.key == DEVICE_KEY)
    ));
    step(&mut app, &cognito, &sent).await;
    assert_eq!(
        (
            initiate.num_calls(),
            device_srp.num_calls(),
            verify.num_calls()
        ),
        (1, 1, 1)
    );
    assert!(
        matches!(step_of(app.screen()), Some(Step::Tokens(_))),
        "{:?}",
        app.status()
    );
    assert!(
        draw(&app).contains("Signed in with the remembered device of ann: MFA skipped"),
        "{}",
        draw(&app)
    );
}

#[tokio::test]
async fn a_pool_that_asks_users_to_opt_in_gets_the_device_marked_remembered() {
    let (app, _, opted_in) = remembered(true).await;
    assert_eq!(
        opted_in, 1,
        "UpdateDeviceStatus(remembered) follows ConfirmDevice"
    );
    assert_eq!(app.devices().len(), 1);
}

#[tokio::test]
async fn device_srp_auth_without_a_remembered_device_says_what_to_do() {
    let initiate = mock!(Client::initiate_auth).then_http_response(|| json(200, DEVICE_SRP_AUTH));
    let cognito = mocked(&[&initiate]);
    let mut app = signing_in();
    let sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    assert!(matches!(step_of(app.screen()), Some(Step::SignIn(_))));
    assert_eq!(
        status(&app),
        "Cognito asks for a remembered device (DEVICE_SRP_AUTH), but cognitui remembers none for ann in this run: forget the user's devices on their page (d, then x), then sign in again."
    );
}

fn ann_device() -> RememberedDevice {
    RememberedDevice {
        pool_id: POOL.into(),
        client_id: "client1".into(),
        username: "ann".into(),
        key: DEVICE_KEY.into(),
        group_key: GROUP_KEY.into(),
        password: Sensitive::new("device-password".into()),
    }
}

#[tokio::test]
async fn a_device_an_admin_forgot_is_forgotten_here_too() {
    for refusal in [
        aws_error("ResourceNotFoundException", "Device does not exist."),
        aws_error("NotAuthorizedException", "Device does not exist."),
    ] {
        let initiate =
            mock!(Client::initiate_auth).then_http_response(|| json(200, DEVICE_SRP_AUTH));
        let refusal = std::sync::Mutex::new(Some(refusal));
        let refuse = mock!(Client::respond_to_auth_challenge).then_http_response(move || {
            refusal
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take()
                .expect("one refusal")
        });
        let cognito = mocked(&[&initiate, &refuse]);
        let mut app = signing_in();
        app.devices_mut().push(ann_device());
        let sent = app.update(key(KeyCode::Enter));
        step(&mut app, &cognito, &sent).await;
        assert_eq!(status(&app), CognitoError::DeviceForgotten.to_string());
        assert!(
            status(&app).starts_with("This terminal's remembered device was forgotten"),
            "{}",
            status(&app)
        );
        assert!(app.devices().is_empty());
        // The next try sends no DEVICE_KEY.
        let sent = app.update(key(KeyCode::Enter));
        assert!(
            matches!(&sent[0].action, Action::SignIn { target, .. } if target.device.is_none())
        );
    }
}

#[test]
fn forgetting_the_device_on_the_users_page_forgets_it_here() {
    let ann = fake_user("ann", UserStatus::Confirmed, true, &[("email", "a@x.io")]);
    let mut app = app_on_pool((80, 24), fake_pool(POOL, Some(client())), vec![ann.clone()]);
    app.devices_mut().push(ann_device());
    let get = app.update(key(KeyCode::Enter));
    answer(
        &mut app,
        &get[0],
        Outcome::User(Ok(UserDetail {
            user: ann,
            preferred_mfa: None,
            mfa_enabled: vec![],
            groups: vec![],
        })),
    );
    let list = app.update(key(KeyCode::Char('d')));
    answer(
        &mut app,
        &list[0],
        Outcome::Devices(Ok(vec![Device {
            key: DEVICE_KEY.into(),
            name: Some(DEVICE_NAME.into()),
            last_ip: None,
            last_used: None,
        }])),
    );
    assert!(app.update(key(KeyCode::Char('x'))).is_empty());
    let sent = app.update(key(KeyCode::Enter));
    let call = AdminCall::ForgetDevice(DEVICE_KEY.into());
    assert!(
        matches!(&sent[0].action, Action::Admin { calls, .. } if calls == std::slice::from_ref(&call))
    );
    assert_eq!(
        app.devices().len(),
        1,
        "nothing is forgotten before Cognito answers"
    );
    answer(&mut app, &sent[0], Outcome::Changed(vec![(call, Ok(()))]));
    assert!(app.devices().is_empty());
}

#[tokio::test]
async fn confirm_device_refusals_are_sentences() {
    let offer = DeviceOffer {
        pool_id: POOL.into(),
        client_id: "client1".into(),
        username: "ann".into(),
        device: NewDevice {
            key: DEVICE_KEY.into(),
            group_key: GROUP_KEY.into(),
        },
    };
    for (code, message, expected) in [
        (
            "ResourceNotFoundException",
            "Device does not exist.",
            CognitoError::DeviceUnknown,
        ),
        (
            "NotAuthorizedException",
            "Access Token has expired",
            CognitoError::AccessTokenInvalid,
        ),
        (
            "DeviceKeyExistsException",
            "Device key already exists.",
            CognitoError::DeviceKeyExists,
        ),
    ] {
        let refuse =
            mock!(Client::confirm_device).then_http_response(move || aws_error(code, message));
        let err = mocked(&[&refuse])
            .remember_device(&offer, &Sensitive::new("a.b.c".into()))
            .await
            .expect_err("refused");
        assert_eq!(err, expected, "{code}");
    }
    assert_eq!(
        CognitoError::DeviceUnknown.to_string(),
        "Cognito no longer knows the device this sign-in offered (forgotten, or the sign-in is too old): sign in again and remember the terminal from the new tokens screen."
    );
}

#[tokio::test]
async fn every_challenge_answer_of_a_sign_in_with_a_remembered_device_carries_its_key() {
    // The device is known but not trusted to skip MFA: Cognito asks for the SMS code, then
    // the TOTP code, and each answer must name the device again.
    let initiate = mock!(Client::initiate_auth)
        .match_requests(|r| {
            r.auth_parameters().and_then(|p| p.get("DEVICE_KEY")).map(String::as_str)
                == Some(DEVICE_KEY)
        })
        .then_http_response(|| {
            json(200, r#"{"ChallengeName":"SMS_MFA","ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******0123","USER_ID_FOR_SRP":"ann"},"Session":"AYABeSMS"}"#)
        });
    let answered = |name: ChallengeNameType, code_key: &'static str, session: &'static str| {
        move |r: &aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeInput| {
            let p = r.challenge_responses().cloned().unwrap_or_default();
            r.challenge_name() == Some(&name)
                && r.session() == Some(session)
                && p.get("USERNAME").map(String::as_str) == Some("ann")
                && p.get(code_key).map(String::as_str) == Some("123456")
                && p.get("SECRET_HASH") == Some(&hash())
                && p.get("DEVICE_KEY").map(String::as_str) == Some(DEVICE_KEY)
        }
    };
    let sms = mock!(Client::respond_to_auth_challenge)
        .match_requests(answered(ChallengeNameType::SmsMfa, "SMS_MFA_CODE", "AYABeSMS"))
        .then_http_response(|| {
            json(200, r#"{"ChallengeName":"SOFTWARE_TOKEN_MFA","ChallengeParameters":{"USER_ID_FOR_SRP":"ann"},"Session":"AYABeTOTP"}"#)
        });
    let totp = mock!(Client::respond_to_auth_challenge)
        .match_requests(answered(
            ChallengeNameType::SoftwareTokenMfa,
            "SOFTWARE_TOKEN_MFA_CODE",
            "AYABeTOTP",
        ))
        .then_http_response(|| json(200, TOKENS));
    let cognito = mocked(&[&initiate, &sms, &totp]);

    let mut app = signing_in();
    app.devices_mut().push(ann_device());
    let mut sent = app.update(key(KeyCode::Enter));
    step(&mut app, &cognito, &sent).await;
    for _ in 0..2 {
        assert!(
            matches!(step_of(app.screen()), Some(Step::MfaCode(_))),
            "{:?}",
            app.status()
        );
        for e in typed("123456") {
            app.update(e);
        }
        sent = app.update(key(KeyCode::Enter));
        assert!(matches!(
            &sent[0].action,
            Action::Respond { target, .. } if target.device.as_ref().is_some_and(|d| d.key == DEVICE_KEY)
        ));
        step(&mut app, &cognito, &sent).await;
    }
    assert_eq!(
        (initiate.num_calls(), sms.num_calls(), totp.num_calls()),
        (1, 1, 1)
    );
    assert!(
        matches!(step_of(app.screen()), Some(Step::Tokens(_))),
        "{:?}",
        app.status()
    );
}

/// An AdminListDevices page as AWS sends it: each device with its key and name.
fn devices_page(
    keys: &[&str],
    token: Option<&str>,
) -> aws_smithy_runtime_api::client::orchestrator::HttpResponse {
    let devices: Vec<String> = keys
        .iter()
        .map(|k| {
            format!(
                r#"{{"DeviceKey":"{k}","DeviceAttributes":[{{"Name":"device_name","Value":"phone"}}],"DeviceCreateDate":1.7E9,"DeviceLastModifiedDate":1.7E9}}"#
            )
        })
        .collect();
    let token = token.map_or_else(String::new, |t| format!(r#","PaginationToken":"{t}""#));
    json(
        200,
        &format!(r#"{{"Devices":[{}]{token}}}"#, devices.join(",")),
    )
}

/// Every page of AdminListDevices, then (listed again after a lost answer) `after`.
fn listed_then(after: &'static [&'static str]) -> [aws_smithy_mocks::Rule; 2] {
    [
        mock!(Client::admin_list_devices)
            .match_requests(|r| r.pagination_token().is_none())
            .sequence()
            .http_response(|| devices_page(&["d1"], Some("page2")))
            .http_response(move || devices_page(after, None))
            .build(),
        mock!(Client::admin_list_devices)
            .match_requests(|r| r.pagination_token() == Some("page2"))
            .then_http_response(|| devices_page(&["d2"], None)),
    ]
}

/// AdminForgetDevice: d1 at once; d2's answer is lost (HTTP 500) once.
fn forget_d2_lost() -> [aws_smithy_mocks::Rule; 2] {
    [
        mock!(Client::admin_forget_device)
            .match_requests(|r| r.device_key() == Some("d2"))
            .then_http_response(|| json(500, "")),
        mock!(Client::admin_forget_device).then_http_response(|| json(200, "{}")),
    ]
}

#[tokio::test]
async fn forgetting_every_device_reads_every_page_and_a_lost_answer_is_settled_by_listing_again() {
    let [first, second] = listed_then(&[]);
    let [d2, others] = forget_d2_lost();
    let cognito = mocked(&[&first, &second, &d2, &others]);
    let done = cognito
        .bulk_step(POOL, "ann", &AdminCall::ForgetDevices)
        .await;
    assert_eq!(done, Ok(()), "the list read again has no device left");
    assert_eq!(first.num_calls(), 2, "listed, then listed again");
    assert_eq!(second.num_calls(), 1, "the second page was read");
    assert_eq!(d2.num_calls(), 1, "never sent twice");
    assert_eq!(others.num_calls(), 1);
}

#[tokio::test]
async fn a_device_still_listed_after_a_lost_answer_reports_the_lost_answer() {
    let [first, second] = listed_then(&["d2"]);
    let [d2, others] = forget_d2_lost();
    let cognito = mocked(&[&first, &second, &d2, &others]);
    let done = cognito
        .bulk_step(POOL, "ann", &AdminCall::ForgetDevices)
        .await;
    let Err(e) = done else {
        panic!("d2 is still remembered: {done:?}")
    };
    assert!(e.answer_may_be_lost(), "{e:?}");
    assert_eq!(d2.num_calls(), 1, "never sent twice");
}
