//! The pool as a whole where the emulator falls short, in AWS's exact shapes (aws-smithy-mocks):
//! the overview's Lambda triggers, SES email, feature plan and threat protection; its newer
//! settings (sign-in factors, domains, log delivery, risk configuration, identity providers,
//! refresh-token rotation) and what it says of values not returned; the
//! pool-level diagnosis on the user's page and the code screen; the sentences for group
//! changes Cognito refuses; and a group change whose answer is lost, read back from the list.

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use aws_smithy_mocks::mock;
use cognitui::action::{Action, Outcome};
use cognitui::app::{App, Screen, Status};
use cognitui::cognito::CognitoError;
use cognitui::cognito::groups::{GroupChange, GroupSize, GroupSpec};
use cognitui::cognito::model::{UserDetail, UserStatus};
use cognitui::cognito::overview::{EmailDelivery, Trigger};
use cognitui::screens::code::CodeEntry;
use cognitui::screens::groups::{COUNTS_IN_FLIGHT, GroupsView};
use common::wire::{aws_error, json, mocked};
use common::{answer, app_on_pool, ctrl, fake_user, groups, key, typed};
use crossterm::event::KeyCode;

const POOL: &str = "eu-west-1_Desk";

/// DescribeUserPool as AWS answers it for a pool on the Plus plan with triggers, SES email,
/// enforced threat protection and deletion protection.
const FULL_POOL: &str = r#"{"UserPool":{"Id":"eu-west-1_Desk","Name":"desk","UserPoolTier":"PLUS","DeletionProtection":"ACTIVE","MfaConfiguration":"ON","AutoVerifiedAttributes":["email"],"UsernameAttributes":["email"],"EmailConfiguration":{"EmailSendingAccount":"DEVELOPER","SourceArn":"arn:aws:ses:eu-west-1:123456789012:identity/desk.example.com","From":"no-reply@desk.example.com"},"LambdaConfig":{"PreSignUp":"arn:aws:lambda:eu-west-1:123456789012:function:desk-pre-sign-up","CustomMessage":"arn:aws:lambda:eu-west-1:123456789012:function:desk-messages:live","PostConfirmation":"arn:aws:lambda:eu-west-1:123456789012:function:desk-welcome","CustomEmailSender":{"LambdaArn":"arn:aws:lambda:eu-west-1:123456789012:function:desk-mailer","LambdaVersion":"V1_0"},"KMSKeyID":"arn:aws:kms:eu-west-1:123456789012:key/k"},"UserPoolAddOns":{"AdvancedSecurityMode":"ENFORCED"}}}"#;

/// A pool on Cognito's default email sender, no SMS configuration, a CustomMessage trigger.
const FRAGILE_POOL: &str = r#"{"UserPool":{"Id":"eu-west-1_Desk","Name":"desk","AutoVerifiedAttributes":["email"],"EmailConfiguration":{"EmailSendingAccount":"COGNITO_DEFAULT"},"LambdaConfig":{"CustomMessage":"arn:aws:lambda:eu-west-1:123456789012:function:desk-messages"}}}"#;

#[tokio::test]
async fn the_overview_names_triggers_by_function_ses_the_plan_and_threat_protection() {
    let pool = mock!(Client::describe_user_pool).then_http_response(|| json(200, FULL_POOL));
    let clients = mock!(Client::list_user_pool_clients).then_http_response(|| {
        json(
            200,
            r#"{"UserPoolClients":[{"ClientId":"c1","ClientName":"web","UserPoolId":"eu-west-1_Desk"}]}"#,
        )
    });
    let client = mock!(Client::describe_user_pool_client).then_http_response(|| {
        json(
            200,
            r#"{"UserPoolClient":{"ClientId":"c1","ClientName":"web","ClientSecret":"very-secret-value","ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH"],"RefreshTokenValidity":0,"PreventUserExistenceErrors":"ENABLED"}}"#,
        )
    });
    // The newer settings' reads, as AWS answers them for a pool without any.
    let logs = mock!(Client::get_log_delivery_configuration).then_http_response(|| {
        json(
            200,
            r#"{"LogDeliveryConfiguration":{"UserPoolId":"eu-west-1_Desk","LogConfigurations":[]}}"#,
        )
    });
    let risk = mock!(Client::describe_risk_configuration).then_http_response(|| {
        json(
            200,
            r#"{"RiskConfiguration":{"UserPoolId":"eu-west-1_Desk"}}"#,
        )
    });
    let providers = mock!(Client::list_identity_providers)
        .then_http_response(|| json(200, r#"{"Providers":[]}"#));
    let cognito = mocked(&[&pool, &clients, &client, &logs, &risk, &providers]);
    let o = cognito.overview(POOL).await.expect("overview");
    assert_eq!(o.tier.as_deref(), Some("PLUS"));
    assert_eq!(o.deletion_protection, Some(true));
    assert_eq!(o.threat_protection.as_deref(), Some("ENFORCED"));
    assert_eq!(o.username_attributes, ["email"]);
    assert_eq!(
        o.email,
        EmailDelivery::Ses {
            source_arn: Some("arn:aws:ses:eu-west-1:123456789012:identity/desk.example.com".into()),
            from: Some("no-reply@desk.example.com".into()),
        }
    );
    assert_eq!(o.sms, None);
    let named = |name: &'static str, function: &str| Trigger {
        name,
        function: function.into(),
    };
    assert_eq!(
        o.triggers,
        [
            named("PreSignUp", "desk-pre-sign-up"),
            named("CustomMessage", "desk-messages"),
            named("PostConfirmation", "desk-welcome"),
            named("CustomEmailSender", "desk-mailer"),
        ]
    );
    let c = &o.clients[0];
    assert!(c.has_secret && c.hides_missing_users == Some(true));
    // A client that says nothing of its tokens: nothing is taken as read.
    assert_eq!(
        (c.access_token, c.id_token, c.refresh_token),
        (None, None, None)
    );

    // On screen: no secret, the triggers by name.
    let mut app = app_on_pool((80, 24), common::fake_pool(POOL, None), vec![]);
    let read = app.update(key(KeyCode::Char('o')));
    answer(&mut app, &read[0], Outcome::Overview(Box::new(Ok(o))));
    let mut seen = String::new();
    for _ in 0..4 {
        seen.push_str(&common::ui_text(&app));
        app.update(key(KeyCode::PageDown));
    }
    assert!(
        seen.contains("desk-messages") && seen.contains("ENFORCED"),
        "{seen}"
    );
    assert!(seen.contains("Feature plan          PLUS"), "{seen}");
    assert!(!seen.contains("very-secret-value"));
}

/// The pool `FRAGILE_POOL` opened with an app client that hides missing users.
async fn fragile_pool() -> cognitui::cognito::model::PoolInfo {
    let pool = mock!(Client::describe_user_pool).then_http_response(|| json(200, FRAGILE_POOL));
    let client = mock!(Client::describe_user_pool_client).then_http_response(|| {
        json(
            200,
            r#"{"UserPoolClient":{"ClientId":"c1","ClientName":"web","PreventUserExistenceErrors":"ENABLED"}}"#,
        )
    });
    mocked(&[&pool, &client])
        .open_pool(POOL, Some("c1"), None)
        .await
        .expect("pool")
}

/// `user`'s page in the pool `info`.
fn page_of(info: cognitui::cognito::model::PoolInfo, user: cognitui::cognito::model::User) -> App {
    let mut app = app_on_pool((100, 30), info, vec![user.clone()]);
    let read = app.update(key(KeyCode::Enter));
    answer(
        &mut app,
        &read[0],
        Outcome::User(Ok(UserDetail {
            user,
            preferred_mfa: None,
            mfa_enabled: vec![],
            groups: vec![],
        })),
    );
    app
}

/// The screen's words in one line: frames and line ends gone, so wrapped sentences read whole.
fn flat(screen: &str) -> String {
    screen
        .replace(['│', '"'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn the_diagnosis_names_what_in_the_pool_can_stop_a_code() {
    let info = fragile_pool().await;
    assert!(info.facts.default_email_sender);
    assert!(!info.facts.sms_configured);
    assert_eq!(info.facts.custom_message.as_deref(), Some("desk-messages"));
    assert!(info.facts.hides_missing_users);

    let waiting = fake_user(
        "waiting",
        UserStatus::Unconfirmed,
        true,
        &[("email", "waiting@example.com")],
    );
    let mut app = page_of(info.clone(), waiting);
    let text = common::ui_text(&app);
    let page = flat(&text);
    assert!(
        page.contains("this pool sends email through Cognito's default sender, limited to a few dozen messages a day: check SES"),
        "{text}"
    );
    assert!(
        page.contains("a CustomMessage trigger (desk-messages) is set"),
        "{text}"
    );

    // The code screen says the same, and what a resend means on this client.
    app.update(key(KeyCode::Char('c')));
    assert!(app.module_as::<CodeEntry>().is_some(), "{:?}", app.status());
    let code = flat(&common::ui_text(&app));
    assert!(
        code.contains("This pool sends email through Cognito's default sender"),
        "{code}"
    );
    assert!(
        code.contains("a resend 'succeeds' even for a user who does not exist"),
        "{code}"
    );

    // A user whose code goes by SMS, in a pool that cannot send SMS.
    let by_phone = fake_user(
        "by.phone",
        UserStatus::Unconfirmed,
        true,
        &[("phone_number", "+15550100")],
    );
    let sms = flat(&common::ui_text(&page_of(info.clone(), by_phone)));
    assert!(
        sms.contains("the message goes by SMS, but this pool has no SMS configuration"),
        "{sms}"
    );
    assert!(!sms.contains("default sender"), "{sms}");

    // A confirmed, healthy user is told nothing about the pool.
    let healthy = fake_user(
        "healthy",
        UserStatus::Confirmed,
        true,
        &[("email", "h@example.com"), ("email_verified", "true")],
    );
    let healthy = flat(&common::ui_text(&page_of(info, healthy)));
    assert!(!healthy.contains("default sender"), "{healthy}");
}

#[tokio::test]
async fn refused_group_changes_are_said_in_a_sentence() {
    let exists = mock!(Client::create_group).then_http_response(|| {
        aws_error(
            "GroupExistsException",
            "A group with the name already exists.",
        )
    });
    let missing = mock!(Client::update_group)
        .then_http_response(|| aws_error("ResourceNotFoundException", "Group not found."));
    let invalid = mock!(Client::delete_group).then_http_response(|| {
        aws_error(
            "InvalidParameterException",
            "1 validation error detected: Value at 'groupName' failed to satisfy constraint.",
        )
    });
    let cognito = mocked(&[&exists, &missing, &invalid]);
    let spec = GroupSpec {
        name: "support".into(),
        description: String::new(),
        precedence: None,
        role_arn: None,
    };
    let created = cognito
        .change_group(POOL, &GroupChange::Create(spec.clone()))
        .await;
    assert_eq!(created, Err(CognitoError::GroupExists));
    assert!(
        CognitoError::GroupExists
            .to_string()
            .starts_with("The pool already has a group of that name")
    );
    let updated = cognito.change_group(POOL, &GroupChange::Update(spec)).await;
    assert_eq!(updated, Err(CognitoError::GroupNotFound));
    assert!(
        CognitoError::GroupNotFound
            .to_string()
            .contains("no group of that name")
    );
    let deleted = cognito
        .change_group(
            POOL,
            &GroupChange::Delete {
                name: "support".into(),
                members: None,
            },
        )
        .await;
    let Err(e @ CognitoError::InvalidGroup(_)) = deleted else {
        panic!("{deleted:?}");
    };
    assert!(
        e.to_string().contains("failed to satisfy constraint")
            && e.to_string().contains("128 characters")
    );
}

/// The groups screen with `support` listed and counted, then the form creating `tier2`
/// confirmed and sent: the request in flight.
fn creating_tier2() -> (App, cognitui::action::Request) {
    let mut app = app_on_pool((80, 24), common::fake_pool(POOL, None), vec![]);
    let read = app.update(key(KeyCode::Char('G')));
    let count = answer(
        &mut app,
        &read[0],
        Outcome::Groups(Ok(groups(&["support"]))),
    );
    answer(
        &mut app,
        &count[0],
        Outcome::MemberCount(Ok(GroupSize::Exactly(2))),
    );
    app.update(key(KeyCode::Char('n')));
    for e in typed("tier2") {
        app.update(e);
    }
    assert!(
        app.update(key(KeyCode::Enter)).is_empty(),
        "confirmed first"
    );
    let sent = app.update(key(KeyCode::Enter));
    assert!(matches!(sent[0].action, Action::Group { .. }));
    (app, sent[0].clone())
}

#[test]
fn a_lost_answer_to_a_group_change_reads_the_groups_and_says_what_is_true() {
    // Applied all the same: the list has the group.
    let (mut app, sent) = creating_tier2();
    let reread = answer(
        &mut app,
        &sent,
        Outcome::GroupChanged(Err(CognitoError::Timeout)),
    );
    assert!(
        matches!(reread[..], [ref r] if matches!(r.action, Action::ListGroups { .. })),
        "{reread:?}"
    );
    let counts = answer(
        &mut app,
        &reread[0],
        Outcome::Groups(Ok(groups(&["support", "tier2"]))),
    );
    assert_eq!(
        app.status(),
        Some(&Status::Info(
            "The group tier2 exists: created; the first answer was lost.".into()
        ))
    );
    assert!(app.module_as::<GroupsView>().is_some());
    assert_eq!(counts.len(), 2, "both groups counted again");

    // Not applied: nothing changed, and Ctrl-R offers it again through its confirmation.
    let (mut app, sent) = creating_tier2();
    let reread = answer(
        &mut app,
        &sent,
        Outcome::GroupChanged(Err(CognitoError::ServerError(503))),
    );
    answer(
        &mut app,
        &reread[0],
        Outcome::Groups(Ok(groups(&["support"]))),
    );
    let Some(Status::Info(said)) = app.status() else {
        panic!("{:?}", app.status());
    };
    assert!(
        said.contains("The group tier2 was not created: nothing changed; Ctrl-R offers it again."),
        "{said}"
    );
    assert!(app.update(ctrl('r')).is_empty());
    let Screen::Confirm(c) = app.screen() else {
        panic!("the confirmation again: {:?}", app.screen());
    };
    assert_eq!(c.change, sent.action);
}

#[test]
fn counting_is_bounded_and_stops_when_the_screen_is_left() {
    let mut app = app_on_pool((80, 24), common::fake_pool(POOL, None), vec![]);
    let read = app.update(key(KeyCode::Char('G')));
    let names: Vec<String> = (0..10).map(|i| format!("g{i}")).collect();
    let counts = answer(&mut app, &read[0], Outcome::Groups(Ok(groups(&names))));
    assert_eq!(counts.len(), COUNTS_IN_FLIGHT);
    let next = answer(
        &mut app,
        &counts[0],
        Outcome::MemberCount(Ok(GroupSize::Exactly(3))),
    );
    assert_eq!(next.len(), 1, "one more as one answers");
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.screen(), Screen::Lookup));
    assert!(
        !app.in_flight()
            .values()
            .any(|a| matches!(a, Action::CountMembers { .. })),
        "nobody waits for the counts"
    );
    assert_eq!(app.cancelled().len(), COUNTS_IN_FLIGHT);
}

#[test]
fn a_group_change_left_with_esc_is_told_when_its_answer_comes() {
    let (mut app, sent) = creating_tier2();
    app.update(key(KeyCode::Esc));
    let Some(Status::Info(left)) = app.status() else {
        panic!("{:?}", app.status());
    };
    assert!(
        left.contains("Left 'creating the group tier2' for the group tier2"),
        "{left}"
    );
    let reread = answer(&mut app, &sent, Outcome::GroupChanged(Ok(())));
    assert!(matches!(reread[0].action, Action::ListGroups { .. }));
    answer(
        &mut app,
        &reread[0],
        Outcome::Groups(Ok(groups(&["support", "tier2"]))),
    );
    assert_eq!(
        app.status(),
        Some(&Status::Info(
            "'creating the group tier2' for the group tier2, which you left, was applied.".into()
        ))
    );
}

/// A large group is counted up to ten pages only: the count says "at least", and the pool's
/// read quota is not spent paging through every member for a number.
#[tokio::test]
async fn a_large_group_is_counted_ten_pages_at_most() {
    let page = mock!(Client::list_users_in_group).then_http_response(|| {
        let users: Vec<String> = (0..60)
            .map(|i| format!(r#"{{"Username":"u{i}","Enabled":true,"UserStatus":"CONFIRMED"}}"#))
            .collect();
        json(
            200,
            &format!(r#"{{"Users":[{}],"NextToken":"more"}}"#, users.join(",")),
        )
    });
    let cognito = mocked(&[&page]);
    let size = cognito
        .count_members("eu-west-1_Desk", "everyone")
        .await
        .expect("counted");
    assert_eq!(size, GroupSize::AtLeast(600));
    assert_eq!(size.to_string(), "600+");
    assert_eq!(page.num_calls(), 10);
}
