//! One action of every kind, for tests that must cover them all.

use super::Action;
use crate::cognito::admin::AdminCall;
use crate::cognito::auth::MfaSetting;
use crate::cognito::auth::{Answer, AuthSession, AuthTarget, EnrolWith};
use crate::cognito::flows::{AuthFlow, AuthFlows};
use crate::cognito::invite::{Delivery, Invitation};
use crate::cognito::mfa::MfaPreference;
use crate::cognito::model::AppClient;
use crate::cognito::sensitive::Sensitive;

fn secret() -> Sensitive {
    Sensitive::new("x".into())
}

/// One admin call of every kind.
fn admin_calls() -> Vec<AdminCall> {
    vec![
        AdminCall::ConfirmSignUp,
        AdminCall::SetAttributes(vec![crate::cognito::model::Attribute {
            name: "given_name".into(),
            value: "Ann".into(),
        }]),
        AdminCall::DeleteAttributes(vec!["nickname".into()]),
        AdminCall::Enable,
        AdminCall::Disable,
        AdminCall::Delete,
        AdminCall::ResetPassword,
        AdminCall::SetPassword {
            password: secret(),
            permanent: true,
        },
        AdminCall::GlobalSignOut,
        AdminCall::AddToGroup("g".into()),
        AdminCall::RemoveFromGroup("g".into()),
        AdminCall::ForgetDevice("k".into()),
        AdminCall::ForgetDevices,
        AdminCall::SetMfa(MfaPreference {
            email: Some(MfaSetting {
                enabled: true,
                preferred: true,
            }),
            ..MfaPreference::default()
        }),
        AdminCall::EventFeedback {
            event_id: "e1".into(),
            valid: false,
        },
        AdminCall::LinkIdentity {
            provider: "Google".into(),
            user_id: "1234".into(),
        },
        AdminCall::UnlinkIdentity {
            provider: "Google".into(),
            user_id: "1234".into(),
        },
        AdminCall::ResendInvitation(Delivery::Email),
        AdminCall::DeleteSoftwareToken,
        AdminCall::CreateUser {
            attributes: vec![],
            delivery: Delivery::Email,
        },
    ]
}

/// Every action that only reads.
fn reads(pool_id: &str, username: &str) -> Vec<Action> {
    let (pool_id, username) = (pool_id.to_owned(), username.to_owned());
    vec![
        Action::ListPools,
        Action::ListProfiles,
        Action::FindEverywhere {
            pools: vec![],
            region_pools: true,
            filter: "email = \"ann@example.com\"".into(),
        },
        Action::ListClients {
            pool_id: pool_id.clone(),
        },
        Action::OpenPool {
            pool_id: pool_id.clone(),
            client_id: None,
            client_secret: None,
        },
        Action::ListUsers {
            pool_id: pool_id.clone(),
            filter: None,
            token: None,
        },
        Action::GetUser {
            pool_id: pool_id.clone(),
            username: username.clone(),
        },
        Action::ListGroups {
            pool_id: pool_id.clone(),
        },
        Action::CountMembers {
            pool_id: pool_id.clone(),
            group: "g".into(),
        },
        Action::GroupMembers {
            pool_id: pool_id.clone(),
            group: "g".into(),
            token: None,
        },
        Action::Overview {
            pool_id: pool_id.clone(),
        },
        Action::ListDevices {
            pool_id: pool_id.clone(),
            username: username.clone(),
        },
        Action::Examine {
            users: super::Loaded(std::sync::Arc::default()),
            checkup: crate::doctor::Checkup {
                now: chrono::DateTime::UNIX_EPOCH,
                invitation_days: 7,
                stale_after: chrono::TimeDelta::days(30),
                groups: std::collections::BTreeMap::new(),
            },
        },
        Action::ReportUser {
            pool_id: pool_id.clone(),
            username: username.clone(),
            sign_ins: true,
        },
        Action::AuthEvents {
            pool_id: pool_id.clone(),
            username: username.clone(),
        },
        Action::ListPasskeys {
            username: username.clone(),
            access_token: secret(),
        },
        Action::ReadAudit,
        Action::ReadImport {
            path: "/tmp/users.csv".into(),
        },
        Action::CsvHeader {
            pool_id: pool_id.clone(),
        },
        Action::DescribeImportJob {
            pool_id: pool_id.clone(),
            job_id: "import-1".into(),
        },
        Action::ListImportJobs {
            pool_id: pool_id.clone(),
        },
        Action::AliasHolder {
            pool_id: pool_id.clone(),
            username: username.clone(),
            values: vec![],
            refused: Box::new(Action::ListPools),
        },
        Action::UserGroups { pool_id, username },
        Action::WriteExport {
            path: "/tmp/users.csv".into(),
            format: crate::export::ExportFormat::Csv,
            rows: vec![],
            replace: false,
        },
    ]
}

/// The changes of "forgot password": sending the code, setting the password with it.
fn forgot(client: &AppClient, username: &str) -> Vec<Action> {
    vec![
        Action::ForgotPassword {
            client: client.clone(),
            username: username.to_owned(),
        },
        Action::ConfirmForgotPassword {
            client: client.clone(),
            username: username.to_owned(),
            code: secret(),
            password: secret(),
        },
    ]
}

/// A passkey's deletion.
fn delete_passkey(username: &str) -> Action {
    Action::DeletePasskey {
        username: username.to_owned(),
        access_token: secret(),
        credential_id: "k".into(),
        name: "phone".into(),
    }
}

/// Remembering this terminal as the device a sign-in offered.
fn remember_device(pool_id: &str, username: &str) -> Action {
    Action::RememberDevice {
        offer: crate::cognito::device::DeviceOffer {
            pool_id: pool_id.to_owned(),
            client_id: "c".into(),
            username: username.to_owned(),
            device: crate::cognito::device::NewDevice {
                key: "eu-west-1_d1".into(),
                group_key: "-g1".into(),
            },
        },
        access_token: secret(),
    }
}

/// An import job of one user.
fn import_job(pool_id: &str, username: &str) -> Action {
    Action::StartImportJob {
        pool_id: pool_id.to_owned(),
        job: crate::cognito::import::NewImportJob {
            name: "import".into(),
            role_arn: "arn:aws:iam::123456789012:role/Import".into(),
            csv: format!("cognito:username\n{username}\n"),
            usernames: vec![username.to_owned()],
        },
    }
}

/// An invitation by email.
fn invite(pool_id: &str, username: &str) -> Action {
    Action::Invite {
        pool_id: pool_id.to_owned(),
        invitation: Invitation {
            username: username.to_owned(),
            attributes: vec![],
            temporary_password: None,
            delivery: Delivery::Email,
            resend: false,
            force_alias: false,
        },
    }
}

/// Stopping a running import job.
pub fn stop_import_job(pool_id: &str) -> Action {
    Action::StopImportJob {
        pool_id: pool_id.to_owned(),
        job: crate::cognito::import::ImportJob {
            id: "import-1".into(),
            name: "cognitui-20260304-120000".into(),
            status: "InProgress".into(),
            imported: 10,
            skipped: 0,
            failed: 0,
            message: None,
            created: None,
            started: None,
            completed: None,
        },
    }
}

/// One action of every kind, so that a new kind cannot skip the rules unnoticed.
pub fn every_action() -> Vec<Action> {
    let client = AppClient {
        id: "c".into(),
        name: "web".into(),
        secret: None,
        auth_flows: AuthFlows::default(),
    };
    let target = AuthTarget {
        pool_id: "p".into(),
        client: client.clone(),
        flow: AuthFlow::Admin,
        device: None,
    };
    let session = AuthSession {
        username: "ann".into(),
        session: secret(),
    };
    let (pool_id, username) = ("p".to_owned(), "ann".to_owned());
    let mut actions = reads(&pool_id, &username);
    actions.extend(forgot(&client, &username));
    actions.extend(vec![
        Action::SignIn {
            target: target.clone(),
            username: username.clone(),
            password: secret(),
            preferred: None,
        },
        Action::Respond {
            target: target.clone(),
            session: session.clone(),
            answer: Answer::NewPassword {
                password: secret(),
                attributes: Vec::new(),
            },
        },
        Action::AssociateTotp {
            username: username.clone(),
            with: EnrolWith::AccessToken(secret()),
        },
        Action::VerifyTotp {
            username: username.clone(),
            with: EnrolWith::Session(session),
            code: secret(),
            device_name: String::new(),
        },
        Action::PreferTotp {
            username: username.clone(),
            access_token: secret(),
        },
        Action::SignUp {
            client: client.clone(),
            username: username.clone(),
            password: secret(),
            attributes: vec![],
        },
        Action::ConfirmSignUp {
            client: client.clone(),
            username: username.clone(),
            code: secret(),
            force_alias: false,
        },
        Action::ResendCode {
            client,
            username: username.clone(),
        },
        Action::AttributeCode {
            username: username.clone(),
            access_token: secret(),
            attribute: "email".into(),
        },
        Action::VerifyAttribute {
            username: username.clone(),
            access_token: secret(),
            attribute: "email".into(),
            code: secret(),
        },
        invite(&pool_id, &username),
    ]);
    actions.push(delete_passkey(&username));
    actions.push(remember_device(&pool_id, &username));
    actions.extend(admin_calls().into_iter().map(|call| Action::Admin {
        pool_id: pool_id.clone(),
        username: username.clone(),
        calls: vec![call],
    }));
    actions.push(Action::BulkStep {
        pool_id: pool_id.clone(),
        username: username.clone(),
        calls: vec![AdminCall::Disable],
    });
    actions.push(import_job(&pool_id, &username));
    actions.push(stop_import_job(&pool_id));
    actions.extend(group_changes(&pool_id));
    actions.extend(backups(&pool_id));
    actions
}

/// A backup, a comparison, a restore's plan and a restore.
fn backups(pool_id: &str) -> Vec<Action> {
    let tally = super::Tally::default;
    vec![
        Action::Backup {
            pool_id: pool_id.to_owned(),
            path: "pool.jsonl".into(),
            resume: false,
            mfa: true,
            tally: tally(),
        },
        Action::Compare {
            pool_id: pool_id.to_owned(),
            other: "pool.jsonl".into(),
            tally: tally(),
        },
        Action::PlanRestore {
            pool_id: pool_id.to_owned(),
            from: "pool.jsonl".into(),
            choices: crate::restore::Choices {
                unconfirmed: crate::restore::Unconfirmed::Skip,
                passwords: crate::restore::Passwords::Suppress,
                update_existing: true,
                import_role: None,
            },
            tally: tally(),
        },
        Action::Restore {
            pool_id: pool_id.to_owned(),
            plan: Box::default(),
            sub_map: "pool.subs.csv".into(),
            tally: tally(),
        },
    ]
}

#[test]
fn every_kind_of_action_and_admin_call_has_a_sample() {
    use strum::IntoEnumIterator;
    let actions: Vec<_> = every_action().iter().map(super::ActionKind::from).collect();
    for kind in super::ActionKind::iter() {
        assert!(actions.contains(&kind), "no sample of {kind:?}");
    }
    let calls: Vec<_> = admin_calls()
        .iter()
        .map(crate::cognito::admin::AdminCallKind::from)
        .collect();
    for kind in crate::cognito::admin::AdminCallKind::iter() {
        assert!(calls.contains(&kind), "no sample of {kind:?}");
    }
}

/// Creating, updating and deleting a group.
fn group_changes(pool_id: &str) -> Vec<Action> {
    use crate::cognito::groups::{GroupChange, GroupSpec};
    let spec = GroupSpec {
        name: "g".into(),
        description: "Support desk".into(),
        precedence: Some(1),
        role_arn: None,
    };
    [
        GroupChange::Create(spec.clone()),
        GroupChange::Update(spec),
        GroupChange::Delete {
            name: "g".into(),
            members: Some(crate::cognito::groups::GroupSize::Exactly(3)),
        },
    ]
    .into_iter()
    .map(|change| Action::Group {
        pool_id: pool_id.to_owned(),
        change,
    })
    .collect()
}
