//! Linking and unlinking external identities, which the emulator lacks, in AWS's exact wire
//! shapes (aws-smithy-mocks): the calls Cognito receives, their refusals worded for the call,
//! and a link whose answer was lost settled by reading the user's `identities` again.

mod common;
mod ui_support;

use aws_sdk_cognitoidentityprovider::Client;
use aws_smithy_mocks::mock;
use cognitui::action::{Action, Outcome};
use cognitui::app::Status;
use cognitui::cognito::CognitoError;
use cognitui::cognito::admin::AdminCall;
use cognitui::cognito::model::{Attribute, UserDetail};
use common::answer;
use common::wire::{aws_error, json, mocked};
use crossterm::event::KeyCode;
use ui_support::press;

fn link() -> AdminCall {
    AdminCall::LinkIdentity {
        provider: "Google".into(),
        user_id: "108123456789".into(),
    }
}

#[tokio::test]
async fn a_link_names_the_native_user_and_the_identity_by_its_subject() {
    let rule = mock!(Client::admin_link_provider_for_user)
        .match_requests(|r| {
            let (Some(to), Some(from)) = (r.destination_user(), r.source_user()) else {
                return false;
            };
            r.user_pool_id() == Some("us-east-1_Pool")
                && to.provider_name() == Some("Cognito")
                && to.provider_attribute_value() == Some("ann")
                && from.provider_name() == Some("Google")
                && from.provider_attribute_name() == Some("Cognito_Subject")
                && from.provider_attribute_value() == Some("108123456789")
        })
        .then_http_response(|| json(200, "{}"));
    mocked(&[&rule])
        .admin("us-east-1_Pool", "ann", &link())
        .await
        .expect("linked");
    assert_eq!(rule.num_calls(), 1);
}

#[tokio::test]
async fn an_unlink_names_the_identity_and_its_refusals_say_what_to_check() {
    let rule = mock!(Client::admin_disable_provider_for_user)
        .match_requests(|r| {
            r.user().is_some_and(|u| {
                u.provider_name() == Some("Google")
                    && u.provider_attribute_name() == Some("Cognito_Subject")
                    && u.provider_attribute_value() == Some("108123456789")
            })
        })
        .then_http_response(|| json(200, "{}"));
    let unlink = AdminCall::UnlinkIdentity {
        provider: "Google".into(),
        user_id: "108123456789".into(),
    };
    mocked(&[&rule])
        .admin("us-east-1_Pool", "ann", &unlink)
        .await
        .expect("unlinked");
    assert_eq!(rule.num_calls(), 1);

    let unknown = mock!(Client::admin_disable_provider_for_user)
        .then_http_response(|| aws_error("UserNotFoundException", "User does not exist."));
    let err = mocked(&[&unknown])
        .admin("us-east-1_Pool", "ann", &unlink)
        .await
        .expect_err("refused");
    assert_eq!(err, CognitoError::IdentityNotLinked);
    let no_provider = mock!(Client::admin_link_provider_for_user).then_http_response(|| {
        aws_error("ResourceNotFoundException", "Identity provider not found.")
    });
    let err = mocked(&[&no_provider])
        .admin("us-east-1_Pool", "ann", &link())
        .await
        .expect_err("refused");
    assert_eq!(err, CognitoError::ProviderNotFound);
}

#[test]
fn a_link_whose_answer_was_lost_is_settled_by_the_identities_read_again() {
    let mut app = ui_support::detail((80, 24));
    assert!(press(&mut app, KeyCode::Char('L')).is_empty());
    for event in common::typed("Google") {
        app.update(event);
    }
    press(&mut app, KeyCode::Tab);
    for event in common::typed("108123456789") {
        app.update(event);
    }
    assert!(
        press(&mut app, KeyCode::Enter).is_empty(),
        "confirmed first"
    );
    let sent = press(&mut app, KeyCode::Enter);
    assert!(
        matches!(&sent[..], [r] if matches!(&r.action, Action::Admin { calls, .. } if calls == &[link()]))
    );
    let reread = answer(
        &mut app,
        &sent[0],
        Outcome::Changed(vec![(link(), Err(CognitoError::Unreachable))]),
    );
    assert!(matches!(&reread[..], [r] if matches!(r.action, Action::GetUser { .. })));
    let mut user = ui_support::ann();
    user.attributes.push(Attribute {
        name: "identities".into(),
        value: ui_support::LINKED.into(),
    });
    answer(
        &mut app,
        &reread[0],
        Outcome::User(Ok(UserDetail {
            user,
            preferred_mfa: None,
            mfa_enabled: Vec::new(),
            groups: Vec::new(),
        })),
    );
    assert!(
        matches!(app.status(), Some(Status::Info(s)) if s.contains("was applied all the same")),
        "{:?}",
        app.status()
    );
    assert!(!app.can_retry());
    let page = ui_support::draw(&app, (80, 24), &cognitui::ui::Theme::default());
    assert!(page.contains("108123456789"), "{page}");
}

#[test]
fn a_federated_user_is_not_a_link_destination() {
    let federated = common::fake_user(
        "Google_108123456789",
        cognitui::cognito::model::UserStatus::ExternalProvider,
        true,
        &[("identities", ui_support::LINKED)],
    );
    let mut app = ui_support::detail_of((80, 24), federated);
    for key in ['L', 'U'] {
        assert!(press(&mut app, KeyCode::Char(key)).is_empty());
        assert!(
            app.module_as::<cognitui::screens::detail::Detail>()
                .is_some()
        );
        assert!(
            matches!(app.status(), Some(Status::Error(s)) if s.contains("federated user (EXTERNAL_PROVIDER)")),
            "{:?}",
            app.status()
        );
    }
}
