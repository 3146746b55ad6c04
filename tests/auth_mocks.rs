//! What the emulator does not produce, in AWS's exact wire shapes (aws-smithy-mocks): the
//! SELECT_MFA_TYPE, SMS_MFA, EMAIL_OTP and MFA_SETUP challenges with their real
//! ChallengeParameters, the enrolment refusals, the clock-skew hint, and SECRET_HASH on the wire.

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use aws_smithy_mocks::mock;
use cognitui::action::{Action, Outcome};
use cognitui::app::{App, Status};
use cognitui::cognito::auth::{
    Answer, AuthSession, AuthStep, AuthTarget, Challenge, EnrolWith, MfaKind, MfaSetting,
};
use cognitui::cognito::flows::AuthFlow;
use cognitui::cognito::model::{AppClient, PoolInfo, UsersPage};
use cognitui::cognito::sensitive::Sensitive;
use cognitui::cognito::{CognitoError, secret_hash};
use cognitui::config::PoolChoice;
use cognitui::screens::sign_in::{Step, step_of};
use common::wire::{aws_error, json, mocked};
use common::{answer, app, fake_user, key, typed};
use crossterm::event::KeyCode;

fn target(secret: Option<&str>) -> AuthTarget {
    AuthTarget {
        pool_id: "eu-west-1_Pool".into(),
        client: AppClient {
            id: "client1".into(),
            name: "web".into(),
            secret: secret.map(|s| Sensitive::new(s.into())),
            auth_flows: cognitui::cognito::flows::AuthFlows::default(),
        },
        flow: AuthFlow::Admin,
        device: None,
    }
}

async fn challenge_from(body: &'static str) -> (Challenge, AuthSession) {
    let rule = mock!(Client::admin_initiate_auth).then_http_response(move || json(200, body));
    let step = mocked(&[&rule])
        .sign_in(
            &target(None),
            "ann@example.com",
            &Sensitive::new("pw".into()),
        )
        .await
        .expect("challenge");
    match step {
        AuthStep::Challenge { challenge, session } => (challenge, session),
        AuthStep::SignedIn(_) => panic!("expected a challenge"),
    }
}

#[tokio::test]
async fn select_mfa_type() {
    let (challenge, session) = challenge_from(
        r#"{"ChallengeName":"SELECT_MFA_TYPE","ChallengeParameters":{"MFAS_CAN_CHOOSE":"[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]","USER_ID_FOR_SRP":"ann"},"Session":"AYABeSELECT"}"#,
    )
    .await;
    assert_eq!(
        challenge,
        Challenge::SelectMfaType {
            options: vec![MfaKind::Sms, MfaKind::Totp]
        }
    );
    // USER_ID_FOR_SRP, not the email typed, is the username from now on.
    assert_eq!(session.username, "ann");
    assert_eq!(session.session.expose(), "AYABeSELECT");
}

#[tokio::test]
async fn sms_mfa_says_where_the_code_went() {
    let (challenge, _) = challenge_from(
        r#"{"ChallengeName":"SMS_MFA","ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******0123","USER_ID_FOR_SRP":"ann"},"Session":"AYABeSMS"}"#,
    )
    .await;
    assert_eq!(
        challenge,
        Challenge::Code {
            kind: MfaKind::Sms,
            destination: Some("+*******0123".into())
        }
    );
}

#[tokio::test]
async fn email_otp() {
    let (challenge, _) = challenge_from(
        r#"{"ChallengeName":"EMAIL_OTP","ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"EMAIL","CODE_DELIVERY_DESTINATION":"a***@e***","USER_ID_FOR_SRP":"ann"},"Session":"AYABeEMAIL"}"#,
    )
    .await;
    assert_eq!(
        challenge,
        Challenge::Code {
            kind: MfaKind::Email,
            destination: Some("a***@e***".into())
        }
    );
}

#[tokio::test]
async fn mfa_setup_straight_from_a_plain_sign_in() {
    let (challenge, session) = challenge_from(
        r#"{"ChallengeName":"MFA_SETUP","ChallengeParameters":{"MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\"]","USER_ID_FOR_SRP":"ann"},"Session":"AYABeSETUP"}"#,
    )
    .await;
    assert_eq!(
        challenge,
        Challenge::MfaSetup {
            can_setup: vec![MfaKind::Totp]
        }
    );
    assert_eq!(session.username, "ann");
}

/// An app whose pool is open with an app client and one user, signing in as that user.
fn signing_in_app() -> (App, cognitui::action::Request) {
    let mut app = app((100, 30));
    let first = app.start(Some(PoolChoice {
        user_pool_id: "eu-west-1_Pool".into(),
        client_id: Some("client1".into()),
        client_secret: None,
    }));
    let info = PoolInfo {
        id: "eu-west-1_Pool".into(),
        name: "prod".into(),
        temporary_password_validity_days: 7,
        password_policy: cognitui::password::PasswordPolicy::default(),
        mfa_configuration: "ON".into(),
        schema: vec![],
        client: Some(target(None).client),
        usernames_case_sensitive: true,
        estimated_users: None,
        facts: cognitui::cognito::model::PoolFacts::default(),
    };
    answer(&mut app, &first[0], Outcome::PoolOpened(Box::new(Ok(info))));
    let user = fake_user(
        "ann",
        cognitui::cognito::model::UserStatus::Confirmed,
        true,
        &[("email", "ann@example.com")],
    );
    answer(
        &mut app,
        &first[1],
        Outcome::Users(Ok(UsersPage {
            users: vec![user],
            next_token: None,
        })),
    );
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Char('i')));
    for e in typed("pw") {
        app.update(e);
    }
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(&sent[0].action, Action::SignIn { username, .. } if username == "ann"));
    (app, sent[0].clone())
}

#[tokio::test]
async fn select_mfa_type_screen_answers_with_the_chosen_method() {
    let rule = mock!(Client::admin_initiate_auth).then_http_response(|| {
        json(200, r#"{"ChallengeName":"SELECT_MFA_TYPE","ChallengeParameters":{"MFAS_CAN_CHOOSE":"[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]","USER_ID_FOR_SRP":"ann"},"Session":"S1"}"#)
    });
    let step = mocked(&[&rule])
        .sign_in(&target(None), "ann", &Sensitive::new("pw".into()))
        .await
        .expect("step");
    let (mut app, sign_in) = signing_in_app();
    answer(&mut app, &sign_in, Outcome::Auth(Ok(step)));
    assert!(matches!(step_of(app.screen()), Some(Step::SelectMfa(s)) if s.options.len() == 2));
    app.update(key(KeyCode::Down));
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(
        &sent[0].action,
        Action::Respond { answer: Answer::Select(MfaKind::Totp), session, .. } if session.session.expose() == "S1"
    ));
    assert!(
        !sent[0].action.mutates(),
        "choosing a method changes nothing"
    );
}

#[tokio::test]
async fn sms_code_screen_counts_tries() {
    let rule = mock!(Client::admin_initiate_auth).then_http_response(|| {
        json(200, r#"{"ChallengeName":"SMS_MFA","ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******0123","USER_ID_FOR_SRP":"ann"},"Session":"S2"}"#)
    });
    let respond = mock!(Client::admin_respond_to_auth_challenge).then_http_response(|| {
        aws_error(
            "CodeMismatchException",
            "Invalid code or auth state for the user.",
        )
    });
    let cognito = mocked(&[&rule, &respond]);
    let step = cognito
        .sign_in(&target(None), "ann", &Sensitive::new("pw".into()))
        .await
        .expect("step");
    let (mut app, sign_in) = signing_in_app();
    answer(&mut app, &sign_in, Outcome::Auth(Ok(step)));
    for e in typed("123456") {
        app.update(e);
    }
    let sent = app.update(key(KeyCode::Enter));
    let Action::Respond {
        target,
        session,
        answer: code,
    } = &sent[0].action
    else {
        panic!("expected a response");
    };
    let result = cognito.respond(target, session, code).await;
    assert_eq!(result, Err(CognitoError::CodeMismatch));
    answer(&mut app, &sent[0], Outcome::Auth(result));
    assert!(
        matches!(step_of(app.screen()), Some(Step::MfaCode(c)) if c.tries == 1 && c.form.value(0) == "123456")
    );
    assert!(
        matches!(app.status(), Some(Status::Error(t)) if t.starts_with("That code is not the one"))
    );
}

#[tokio::test]
async fn enable_software_token_mfa_exception_with_clock_hint() {
    let rule = mock!(Client::verify_software_token).then_http_response(|| {
        let mut r = aws_error("EnableSoftwareTokenMFAException", "Code mismatch");
        // Cognito's clock five minutes ahead of this computer's.
        let ahead = chrono::Utc::now() + chrono::Duration::minutes(5);
        r.headers_mut().insert(
            "date",
            ahead.format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
        );
        r
    });
    let cognito = mocked(&[&rule]);
    let with = EnrolWith::AccessToken(Sensitive::new("token".into()));
    let err = cognito
        .verify_totp(&with, &Sensitive::new("123456".into()), "phone")
        .await
        .expect_err("refused");
    assert_eq!(err, CognitoError::EnableSoftwareTokenMfa);
    let skew = cognito.clock_skew_secs().expect("date header read");
    assert!((295..=305).contains(&skew), "{skew}");
    let hint = cognitui::cognito::skew_hint(Some(skew)).expect("hint");
    assert!(hint.contains("behind Cognito's"), "{hint}");
}

#[tokio::test]
async fn software_token_mfa_not_found() {
    let rule = mock!(Client::admin_set_user_mfa_preference).then_http_response(|| {
        aws_error(
            "SoftwareTokenMFANotFoundException",
            "Software Token MFA has not been enabled by the user.",
        )
    });
    let err = mocked(&[&rule])
        .admin_set_mfa(
            "eu-west-1_Pool",
            "ann",
            Some(MfaSetting {
                enabled: true,
                preferred: true,
            }),
            None,
        )
        .await
        .expect_err("refused");
    assert_eq!(err, CognitoError::SoftwareTokenMfaNotFound);
    assert_eq!(
        err.to_string(),
        "The user has not verified an authenticator app: enrol TOTP (sign in as the user) first."
    );
}

#[tokio::test]
async fn secret_hash_is_sent_when_the_client_has_a_secret() {
    let expected = secret_hash(&Sensitive::new("s3cr3t".into()), "ann", "client1");
    let initiate = mock!(Client::admin_initiate_auth)
        .match_requests(move |r| {
            r.auth_parameters().and_then(|p| p.get("SECRET_HASH")) == Some(&expected)
        })
        .then_http_response(|| {
            json(200, r#"{"ChallengeName":"SOFTWARE_TOKEN_MFA","ChallengeParameters":{"USER_ID_FOR_SRP":"ann"},"Session":"S3"}"#)
        });
    let expected = secret_hash(&Sensitive::new("s3cr3t".into()), "ann", "client1");
    let respond = mock!(Client::admin_respond_to_auth_challenge)
        .match_requests(move |r| {
            r.challenge_responses().and_then(|p| p.get("SECRET_HASH")) == Some(&expected)
                && r.challenge_responses().and_then(|p| p.get("SOFTWARE_TOKEN_MFA_CODE")).map(String::as_str) == Some("654321")
        })
        .then_http_response(|| {
            json(200, r#"{"AuthenticationResult":{"AccessToken":"a.b.c","IdToken":"d.e.f","RefreshToken":"r","ExpiresIn":3600,"TokenType":"Bearer"},"ChallengeParameters":{}}"#)
        });
    let cognito = mocked(&[&initiate, &respond]);
    let t = target(Some("s3cr3t"));
    let step = cognito
        .sign_in(&t, "ann", &Sensitive::new("pw".into()))
        .await
        .expect("step");
    let AuthStep::Challenge { session, .. } = step else {
        panic!("expected SOFTWARE_TOKEN_MFA");
    };
    let answer = Answer::Code {
        kind: MfaKind::Totp,
        code: Sensitive::new("654321".into()),
    };
    let done = cognito
        .respond(&t, &session, &answer)
        .await
        .expect("tokens");
    assert!(matches!(done, AuthStep::SignedIn(tokens) if tokens.expires_in_secs == Some(3600)));
    assert_eq!(initiate.num_calls(), 1);
    assert_eq!(respond.num_calls(), 1);
}

/// The emulator sends NEW_PASSWORD_REQUIRED with no ChallengeParameters (no
/// `requiredAttributes`) and ignores `userAttributes.*` in the answer, so the required
/// attributes are tested against AWS's shapes here only.
#[tokio::test]
async fn new_password_required_names_the_missing_attributes_and_the_answer_carries_them() {
    let (challenge, session) = challenge_from(
        r#"{"ChallengeName":"NEW_PASSWORD_REQUIRED","ChallengeParameters":{"USER_ID_FOR_SRP":"ann","requiredAttributes":"[\"userAttributes.given_name\",\"userAttributes.family_name\"]","userAttributes":"{\"email_verified\":\"true\",\"email\":\"ann@example.com\"}"},"Session":"AYABeNEW"}"#,
    )
    .await;
    assert_eq!(
        challenge,
        Challenge::NewPasswordRequired {
            required: vec!["given_name".into(), "family_name".into()]
        }
    );
    let respond = mock!(Client::admin_respond_to_auth_challenge)
        .match_requests(|r| {
            let p = r.challenge_responses().cloned().unwrap_or_default();
            let get = |k: &str| p.get(k).map(String::as_str);
            r.challenge_name()
                == Some(&aws_sdk_cognitoidentityprovider::types::ChallengeNameType::NewPasswordRequired)
                && r.session() == Some("AYABeNEW")
                && get("USERNAME") == Some("ann")
                && get("NEW_PASSWORD") == Some("Brand-new-Passw0rd")
                && get("userAttributes.given_name") == Some("Ann")
                && get("userAttributes.family_name") == Some("Smith")
        })
        .then_http_response(|| {
            json(200, r#"{"AuthenticationResult":{"AccessToken":"a.b.c","IdToken":"d.e.f","RefreshToken":"r","ExpiresIn":3600,"TokenType":"Bearer"},"ChallengeParameters":{}}"#)
        });
    let answer = Answer::NewPassword {
        password: Sensitive::new("Brand-new-Passw0rd".into()),
        attributes: [("given_name", "Ann"), ("family_name", "Smith")]
            .into_iter()
            .map(|(name, value)| cognitui::cognito::model::Attribute {
                name: name.into(),
                value: value.into(),
            })
            .collect(),
    };
    let done = mocked(&[&respond])
        .respond(&target(None), &session, &answer)
        .await
        .expect("tokens");
    assert!(matches!(done, AuthStep::SignedIn(_)));
    assert_eq!(respond.num_calls(), 1);
}
