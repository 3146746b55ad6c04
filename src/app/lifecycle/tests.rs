//! Every change whose answer is lost (a timeout, a reset, an unreadable answer, a server
//! failure) is settled by the re-read: applied, not applied or may have been applied, never
//! "failed" when it was applied, and `Ctrl-R` offers only what was not applied.

use chrono::Utc;

use super::effect::{Effect, expected};
use crate::action::samples::every_action;
use crate::action::{Action, Outcome, Response};
use crate::app::{App, Detail, Screen, Status};
use crate::cognito::CognitoError;
use crate::cognito::groups::{Group, GroupChange};
use crate::cognito::model::{Attribute, User, UserDetail, UserStatus};
use crate::config::PoolChoice;
use crate::event::Event;
use crate::keys::{KeyTable, Keymap};

fn app() -> App {
    let keymap = Keymap::new(&KeyTable::new()).expect("default keys");
    let mut app = App::new(keymap, "test".into(), (80, 24), Utc::now());
    app.choice = Some(PoolChoice {
        user_pool_id: "p".into(),
        client_id: None,
        client_secret: None,
    });
    app
}

/// The ways an answer is lost after the request left.
fn lost_errors() -> Vec<CognitoError> {
    vec![
        CognitoError::Timeout,
        CognitoError::Unreachable,
        CognitoError::UnreadableResponse(200),
        CognitoError::ServerError(503),
        CognitoError::InternalError,
    ]
}

/// The outcome the worker sends for `change` when its answer is lost with `e`.
fn lost(change: &Action, e: &CognitoError) -> Outcome {
    let e = e.clone();
    match change {
        Action::Admin { calls, .. } => {
            Outcome::Changed(calls.iter().map(|c| (c.clone(), Err(e.clone()))).collect())
        }
        Action::BulkStep { call, .. } => Outcome::Changed(vec![(call.clone(), Err(e))]),
        Action::Respond { .. } => Outcome::Auth(Err(e)),
        Action::AssociateTotp { .. } => Outcome::TotpAssociated(Err(e)),
        Action::VerifyTotp { .. } => Outcome::TotpVerified {
            result: Err(e),
            clock_skew_secs: None,
        },
        Action::RememberDevice { .. } => Outcome::DeviceRemembered(Err(e)),
        Action::PreferTotp { .. } | Action::AdminSetMfa { .. } => Outcome::MfaChanged(Err(e)),
        Action::SignUp { .. } => Outcome::SignedUp(Err(e)),
        Action::ConfirmSignUp { .. }
        | Action::VerifyAttribute { .. }
        | Action::ConfirmForgotPassword { .. } => Outcome::CodeAccepted(Err(e)),
        Action::ResendCode { .. }
        | Action::AttributeCode { .. }
        | Action::ForgotPassword { .. } => Outcome::CodeSent(Err(e)),
        Action::Invite { .. } => Outcome::Invited(Err(e)),
        Action::DeletePasskey { .. } => Outcome::PasskeyDeleted(Err(e)),
        Action::StartImportJob { .. } => Outcome::ImportJob(Err(e)),
        Action::Group { .. } => Outcome::GroupChanged(Err(e)),
        read => panic!("{} changes nothing", read.label()),
    }
}

fn base_user() -> UserDetail {
    UserDetail {
        user: User {
            username: "ann".into(),
            attributes: vec![Attribute {
                name: "email".into(),
                value: "ann@example.com".into(),
            }],
            status: UserStatus::Confirmed,
            enabled: true,
            created: None,
            modified: None,
        },
        preferred_mfa: None,
        mfa_enabled: Vec::new(),
        groups: Vec::new(),
    }
}

/// The user as they were before `effects`: none of them holds (`None`: not in the pool).
fn before(effects: &[Effect]) -> Option<UserDetail> {
    let mut d = base_user();
    for effect in effects {
        match effect {
            Effect::Exists => return None,
            Effect::Enabled(on) => d.user.enabled = !on,
            Effect::Status(s) | Effect::PasswordStatus(s) => {
                d.user.status = if *s == UserStatus::Unconfirmed {
                    UserStatus::Confirmed
                } else {
                    UserStatus::Unconfirmed
                };
            }
            Effect::Attribute { name, .. } => d.user.attributes.retain(|a| a.name != *name),
            Effect::NoAttribute(name) => d.user.attributes.push(Attribute {
                name: name.clone(),
                value: "old".into(),
            }),
            Effect::Member { group, member } if !member => d.groups.push(group.clone()),
            Effect::MfaEnabled { method, enabled } if !enabled => {
                d.mfa_enabled.push((*method).to_owned());
            }
            _ => {}
        }
    }
    Some(d)
}

/// The user once `effects` are applied to `before` (`None`: not in the pool).
fn after(effects: &[Effect], before: Option<UserDetail>) -> Option<UserDetail> {
    let mut d = before.unwrap_or_else(base_user);
    for effect in effects {
        match effect {
            Effect::Gone => return None,
            Effect::Enabled(on) => d.user.enabled = *on,
            Effect::Status(s) | Effect::PasswordStatus(s) => d.user.status = s.clone(),
            Effect::Attribute { name, value } => {
                d.user.attributes.retain(|a| a.name != *name);
                d.user.attributes.push(Attribute {
                    name: name.clone(),
                    value: value.clone(),
                });
            }
            Effect::NoAttribute(name) => d.user.attributes.retain(|a| a.name != *name),
            Effect::Member { group, member } => {
                d.groups.retain(|g| g != group);
                if *member {
                    d.groups.push(group.clone());
                }
            }
            Effect::MfaEnabled { method, enabled } => {
                d.mfa_enabled.retain(|m| m != method);
                if *enabled {
                    d.mfa_enabled.push((*method).to_owned());
                }
            }
            Effect::MfaPreferred(method) => d.preferred_mfa = Some((*method).to_owned()),
            Effect::Exists | Effect::Unseen(_) | Effect::Group(_) => {}
        }
    }
    Some(d)
}

/// The pool's groups before and after a change to a group.
fn groups(change: &GroupChange, applied: bool) -> Vec<Group> {
    let old = Group {
        name: change.group().to_owned(),
        description: Some("old".into()),
        precedence: None,
    };
    let new = |spec: &crate::cognito::groups::GroupSpec| Group {
        name: spec.name.clone(),
        description: Some(spec.description.clone()),
        precedence: spec.precedence,
    };
    match (change, applied) {
        (GroupChange::Create(_), false) | (GroupChange::Delete { .. }, true) => Vec::new(),
        (GroupChange::Create(spec) | GroupChange::Update(spec), true) => vec![new(spec)],
        (GroupChange::Update(_) | GroupChange::Delete { .. }, false) => vec![old],
    }
}

fn said(app: &App) -> String {
    match &app.status {
        Some(Status::Info(s) | Status::Error(s)) => s.clone(),
        None => String::new(),
    }
}

/// Whether a read of the user can tell that `effects` were not made.
fn observable(effects: &[Effect]) -> bool {
    effects
        .iter()
        .any(|e| !matches!(e, Effect::Unseen(_)) && !matches!(e, Effect::Group(_)))
}

/// Sends `change` from the user's page, loses its answer with `e`, then answers the re-read
/// with the pool as it is when the change was `applied` or not. Returns the app.
fn settle(change: &Action, e: &CognitoError, applied: bool) -> App {
    let effects = expected(change);
    let before = before(&effects);
    let mut app = app();
    if let Some(d) = &before {
        app.lookup.add_users(std::slice::from_ref(&d.user));
        app.screen = Screen::Detail(Detail {
            username: "ann".into(),
            detail: Some(d.clone()),
            scroll: 0,
        });
    }
    let id = app.send(change.clone())[0].id;
    let reads = app.update(Event::Cognito(Response {
        id,
        outcome: lost(change, e),
    }));
    let label = change.label();
    assert!(!said(&app).contains("failed"), "{label}: {}", said(&app));
    let Some(read) = reads.into_iter().next() else {
        assert!(
            change.username().is_none(),
            "{label}: the user was not read again"
        );
        return app;
    };
    let outcome = match (&read.action, change) {
        (Action::ListGroups { .. }, Action::Group { change: group, .. }) => {
            Outcome::Groups(Ok(groups(group, applied)))
        }
        (Action::GetUser { username, .. }, _) => {
            assert_eq!(username, "ann", "{label}");
            let state = if applied {
                after(&effects, before.clone())
            } else {
                before.clone()
            };
            Outcome::User(state.ok_or(CognitoError::UserNotFound))
        }
        (other, _) => panic!("{label}: re-read with {}", other.label()),
    };
    let more = app.update(Event::Cognito(Response {
        id: read.id,
        outcome,
    }));
    assert!(
        more.iter().all(|r| !r.action.mutates()),
        "{label}: a re-read sent a change"
    );
    app
}

#[test]
fn every_lost_answer_is_settled_by_reading_again() {
    let changes: Vec<Action> = every_action()
        .into_iter()
        .filter(|a| a.mutates() && !matches!(a, Action::BulkStep { .. }))
        .collect();
    assert!(changes.len() > 30, "every kind of change is tried");
    for change in &changes {
        let label = change.label();
        let effects = expected(change);
        assert!(!effects.is_empty(), "{label} declares no expected effect");
        for e in lost_errors() {
            // Applied: never called a failure, never offered again.
            let app = settle(change, &e, true);
            let text = said(&app);
            assert!(
                !text.contains("failed") && !text.contains("not applied"),
                "{label} / {e:?} applied: {text}"
            );
            assert!(
                text.contains("applied")
                    || text.contains("created; the first answer was lost")
                    || text.contains("deleted; the first answer was lost")
                    || text.contains("updated; the first answer was lost"),
                "{label} / {e:?} applied: {text}"
            );
            assert!(!app.can_retry(), "{label} / {e:?}: Ctrl-R offers it");
            // Not applied: said so where a read can tell, and offered again only then.
            let app = settle(change, &e, false);
            let text = said(&app);
            assert!(!text.contains("failed"), "{label} / {e:?}: {text}");
            let tells = observable(&effects) || matches!(change, Action::Group { .. });
            if tells {
                assert!(
                    text.contains("not applied")
                        || text.contains("not created")
                        || text.contains("nothing changed"),
                    "{label} / {e:?} not applied: {text}"
                );
                assert!(app.can_retry(), "{label} / {e:?}: Ctrl-R does not offer it");
            } else {
                assert!(
                    text.contains("may have been applied"),
                    "{label} / {e:?}: {text}"
                );
                assert!(!app.can_retry(), "{label} / {e:?}: Ctrl-R offers it");
            }
        }
    }
}

#[test]
fn a_password_set_on_a_user_already_in_its_status_may_have_been_applied() {
    // A temporary password for an invited user leaves them FORCE_CHANGE_PASSWORD either way.
    let change = Action::Admin {
        pool_id: "p".into(),
        username: "ann".into(),
        calls: vec![crate::cognito::admin::AdminCall::SetPassword {
            password: crate::cognito::sensitive::Sensitive::new("Tmp-pass-1".into()),
            permanent: false,
        }],
    };
    let mut invited = base_user();
    invited.user.status = UserStatus::ForceChangePassword;
    let mut app = app();
    app.screen = Screen::Detail(Detail {
        username: "ann".into(),
        detail: Some(invited.clone()),
        scroll: 0,
    });
    let id = app.send(change.clone())[0].id;
    let read = app.update(Event::Cognito(Response {
        id,
        outcome: lost(&change, &CognitoError::Unreachable),
    }));
    let _ = app.update(Event::Cognito(Response {
        id: read[0].id,
        outcome: Outcome::User(Ok(invited)),
    }));
    let text = said(&app);
    assert!(text.contains("may have been applied"), "{text}");
    assert!(text.contains("sign in as them"), "{text}");
    assert!(!app.can_retry());
}
