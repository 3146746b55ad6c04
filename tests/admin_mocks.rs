//! What the emulator lacks for the admin screens, in AWS's exact wire shapes
//! (aws-smithy-mocks): AdminListDevices and AdminForgetDevice, AdminListUserAuthEvents with
//! events and on a pool without threat protection.

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use aws_smithy_mocks::mock;
use chrono::{TimeZone, Utc};
use cognitui::cognito::CognitoError;
use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::lists::{AuthEvent, Device};
use common::wire::{aws_error, json, mocked};

#[tokio::test]
async fn devices_are_listed_and_forgotten() {
    let list = mock!(Client::admin_list_devices)
        .match_requests(|r| r.username() == Some("ann"))
        .then_http_response(|| {
            json(
                200,
                r#"{"Devices":[{"DeviceKey":"us-east-1_0a1b2c3d-1111","DeviceAttributes":[{"Name":"device_name","Value":"Ann's iPhone"},{"Name":"last_ip_used","Value":"203.0.113.7"}],"DeviceCreateDate":1772600000,"DeviceLastModifiedDate":1772600000,"DeviceLastAuthenticatedDate":1772610000}]}"#,
            )
        });
    let forget = mock!(Client::admin_forget_device)
        .match_requests(|r| r.device_key() == Some("us-east-1_0a1b2c3d-1111"))
        .then_http_response(|| json(200, "{}"));
    let cognito = mocked(&[&list, &forget]);
    let devices = cognito
        .list_devices("us-east-1_Pool", "ann")
        .await
        .expect("devices");
    assert_eq!(
        devices,
        vec![Device {
            key: "us-east-1_0a1b2c3d-1111".into(),
            name: Some("Ann's iPhone".into()),
            last_ip: Some("203.0.113.7".into()),
            last_used: Utc.timestamp_opt(1_772_610_000, 0).single(),
        }]
    );
    cognito
        .admin(
            "us-east-1_Pool",
            "ann",
            &AdminCall::ForgetDevice(devices[0].key.clone()),
        )
        .await
        .expect("forgotten");
    assert_eq!(forget.num_calls(), 1);
}

#[tokio::test]
async fn forgetting_an_unknown_device_is_a_sentence() {
    let forget = mock!(Client::admin_forget_device)
        .then_http_response(|| aws_error("ResourceNotFoundException", "Device not found"));
    let err = mocked(&[&forget])
        .admin(
            "us-east-1_Pool",
            "ann",
            &AdminCall::ForgetDevice("k".into()),
        )
        .await
        .expect_err("refused");
    assert_eq!(err, CognitoError::DeviceGone);
    assert!(
        err.to_string()
            .starts_with("The user has no such device any more")
    );
}

#[tokio::test]
async fn sign_in_events_with_risk() {
    let events = mock!(Client::admin_list_user_auth_events).then_http_response(|| {
        json(
            200,
            r#"{"AuthEvents":[{"EventId":"e1","EventType":"SignIn","CreationDate":1772610000,"EventResponse":"Fail","EventRisk":{"RiskDecision":"AccountTakeover","RiskLevel":"High","CompromisedCredentialsDetected":false},"ChallengeResponses":[{"ChallengeName":"Password","ChallengeResponse":"Failure"}],"EventContextData":{"IpAddress":"198.51.100.4","DeviceName":"Chrome, Linux","City":"Lyon","Country":"France"}}]}"#,
        )
    });
    let list = mocked(&[&events])
        .auth_events("us-east-1_Pool", "ann")
        .await
        .expect("events");
    assert_eq!(
        list,
        vec![AuthEvent {
            id: "e1".into(),
            time: Utc.timestamp_opt(1_772_610_000, 0).single(),
            kind: "SignIn".into(),
            response: "Fail".into(),
            risk: Some("High".into()),
            ip: Some("198.51.100.4".into()),
            feedback: None,
        }]
    );
}

#[tokio::test]
async fn sign_in_events_without_threat_protection_say_why() {
    let off = mock!(Client::admin_list_user_auth_events).then_http_response(|| {
        aws_error(
            "UserPoolAddOnNotEnabledException",
            "The user pool add-on is not enabled",
        )
    });
    let err = mocked(&[&off])
        .auth_events("us-east-1_Pool", "ann")
        .await
        .expect_err("no add-on");
    assert_eq!(err, CognitoError::ThreatProtectionOff);
    assert!(
        err.to_string()
            .starts_with("This pool has no threat protection")
    );
}

#[tokio::test]
async fn a_sign_in_event_is_marked_invalid_with_its_id() {
    let feedback = mock!(Client::admin_update_auth_event_feedback)
        .match_requests(|r| {
            r.event_id() == Some("e1")
                && r.feedback_value()
                    == Some(&aws_sdk_cognitoidentityprovider::types::FeedbackValueType::Invalid)
        })
        .then_http_response(|| json(200, "{}"));
    mocked(&[&feedback])
        .admin(
            "us-east-1_Pool",
            "ann",
            &AdminCall::EventFeedback {
                event_id: "e1".into(),
                valid: false,
            },
        )
        .await
        .expect("sent");
    assert_eq!(feedback.num_calls(), 1);
}
