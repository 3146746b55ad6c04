//! The Cognito worker: one long-lived task that runs each request in a task of its own and sends
//! the owned result back, so the UI never waits on the network.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};
use tokio::task::AbortHandle;

use super::auth::Answer;
use super::quota::{Quotas, Slowed};
use super::{Cognito, CognitoError};
use crate::action::{Action, Outcome, Request, RequestId, Response};
use crate::audit::AuditLog;
use crate::audited;

/// What the worker is told.
#[derive(Debug)]
enum Message {
    Run(Box<Request>),
    Cancel(RequestId),
}

/// The way to the worker: requests to run, reads to cancel, and how its calls are paced.
#[derive(Debug, Clone)]
pub struct Worker {
    tx: UnboundedSender<Message>,
    quotas: Arc<Quotas>,
}

impl Worker {
    /// Runs `request` in a task of its own; its result comes back on the results channel.
    /// `false` once the worker is gone (only during shutdown).
    pub fn send(&self, request: Request) -> bool {
        self.tx.send(Message::Run(Box::new(request))).is_ok()
    }

    /// Stops the task of request `id` if it is a read still running: its call is dropped and no
    /// result comes back. Changes are always left to finish (and be audited).
    pub fn cancel(&self, id: RequestId) {
        let _ = self.tx.send(Message::Cancel(id));
    }

    /// The quota categories its calls go below their full rate in now, because Cognito
    /// throttled them.
    pub fn slowed(&self) -> Vec<Slowed> {
        self.quotas.slowed()
    }
}

/// Starts the worker; returns the way to send it requests. Each result goes to `results`.
/// Every change is written to `audit` once it has finished.
pub fn spawn_worker<T>(
    cognito: Cognito,
    audit: Arc<AuditLog>,
    results: UnboundedSender<T>,
) -> Worker
where
    T: From<Response> + Send + 'static,
{
    let (tx, mut rx) = unbounded_channel::<Message>();
    let quotas = cognito.quotas();
    tokio::spawn(async move {
        // The reads still running, so that a superseded one can be stopped.
        let mut reads: HashMap<RequestId, AbortHandle> = HashMap::new();
        while let Some(message) = rx.recv().await {
            reads.retain(|_, task| !task.is_finished());
            match message {
                Message::Cancel(id) => {
                    if let Some(task) = reads.remove(&id) {
                        tracing::debug!(id = id.0, "request cancelled");
                        task.abort();
                    }
                }
                Message::Run(mut request) => {
                    let (id, read) = (request.id, !request.action.mutates());
                    let metadata = std::mem::take(&mut request.metadata);
                    let task = tokio::spawn(run(
                        cognito.clone().with_client_metadata(metadata),
                        Arc::clone(&audit),
                        results.clone(),
                        *request,
                    ));
                    if read {
                        reads.insert(id, task.abort_handle());
                    }
                }
            }
        }
    });
    Worker { tx, quotas }
}

/// Runs one request and sends its result back.
async fn run<T>(
    cognito: Cognito,
    audit: Arc<AuditLog>,
    results: UnboundedSender<T>,
    request: Request,
) where
    T: From<Response>,
{
    tracing::debug!(
        id = request.id.0,
        action = request.action.label(),
        "request"
    );
    // Only what the audit log records is kept (an export's rows are not copied).
    let to_audit = audited::concerns(&request.action).then(|| request.action.clone());
    let outcome = match request.action {
        Action::ReadAudit => read_audit(&audit),
        other @ (Action::Backup { .. }
        | Action::Compare { .. }
        | Action::PlanRestore { .. }
        | Action::Restore { .. }) => crate::backup::work::run(&cognito, &audit, other).await,
        other @ (Action::ReadImport { .. }
        | Action::CsvHeader { .. }
        | Action::StartImportJob { .. }
        | Action::DescribeImportJob { .. }
        | Action::ListImportJobs { .. }
        | Action::StopImportJob { .. }) => execute_import(&cognito, other).await,
        other => execute(&cognito, other).await,
    };
    if let Some(e) = outcome.error() {
        tracing::info!(id = request.id.0, error = ?e, "request failed");
    }
    if let Some(action) = to_audit
        && let Err(e) = audited::record(&audit, &action, &outcome)
    {
        tracing::warn!(error = %e, "the audit log could not be written");
    }
    // The UI may have quit; nothing to do with the result then.
    let _ = results.send(T::from(Response {
        id: request.id,
        outcome,
    }));
}

fn read_audit(audit: &AuditLog) -> Outcome {
    let path = audit.path().map_or_else(
        || "not written (no data directory)".to_owned(),
        |p| p.display().to_string(),
    );
    Outcome::Audit(
        audit
            .latest(500)
            .map(|entries| (path, entries))
            .map_err(CognitoError::AuditLog),
    )
}

/// The lists across pools: pools, AWS profiles, app clients, a user in every pool.
async fn pool_list(cognito: &Cognito, action: Action) -> Outcome {
    match action {
        Action::ListProfiles => Outcome::Profiles(
            crate::aws_profiles::profiles()
                .await
                .map_err(CognitoError::AwsFiles),
        ),
        Action::ListClients { pool_id } => Outcome::Clients(cognito.list_clients(&pool_id).await),
        Action::FindEverywhere {
            pools,
            region_pools,
            filter,
        } => Outcome::Found(cognito.find_everywhere(pools, region_pools, &filter).await),
        _ => Outcome::Pools(cognito.list_pools().await),
    }
}

async fn execute(cognito: &Cognito, action: Action) -> Outcome {
    match action {
        action if action.lists_pools() => pool_list(cognito, action).await,
        Action::OpenPool {
            pool_id,
            client_id,
            client_secret,
        } => Outcome::PoolOpened(Box::new(
            cognito
                .open_pool(&pool_id, client_id.as_deref(), client_secret)
                .await,
        )),
        Action::ListUsers {
            pool_id,
            filter,
            token,
        } => Outcome::Users(
            cognito
                .list_users(&pool_id, filter.as_deref(), token.as_deref())
                .await,
        ),
        Action::GetUser { pool_id, username } => {
            let (user, factors, pool_mfa) = cognito.read_user(&pool_id, &username).await;
            Outcome::UserRead(Box::new(crate::action::UserRead {
                user,
                factors,
                pool_mfa,
            }))
        }
        Action::SignIn {
            target,
            username,
            password,
            preferred,
        } => Outcome::Auth(
            cognito
                .sign_in_preferring(&target, &username, &password, preferred)
                .await,
        ),
        Action::Respond {
            target,
            session,
            answer,
        } => Outcome::Auth(
            cognito
                .respond(&target, &session, &answer)
                .await
                .map_err(|e| code_error(&answer, e)),
        ),
        Action::AssociateTotp { with, .. } => {
            Outcome::TotpAssociated(cognito.associate_totp(&with).await)
        }
        Action::VerifyTotp {
            with,
            code,
            device_name,
            ..
        } => {
            let result = cognito.verify_totp(&with, &code, &device_name).await;
            Outcome::TotpVerified {
                result,
                clock_skew_secs: cognito.clock_skew_secs(),
            }
        }
        Action::PreferTotp { access_token, .. } => {
            Outcome::MfaChanged(cognito.prefer_totp(&access_token).await)
        }
        Action::ListPasskeys { access_token, .. } => {
            Outcome::Passkeys(cognito.list_passkeys(&access_token).await)
        }
        Action::DeletePasskey {
            access_token,
            credential_id,
            ..
        } => Outcome::PasskeyDeleted(cognito.delete_passkey(&access_token, &credential_id).await),
        other => execute_change(cognito, other).await,
    }
}

/// Sign-up, codes, admin changes, remembered devices and invitations.
async fn execute_change(cognito: &Cognito, action: Action) -> Outcome {
    match action {
        Action::SignUp {
            client,
            username,
            password,
            attributes,
        } => Outcome::SignedUp(
            cognito
                .sign_up(&client, &username, &password, &attributes)
                .await,
        ),
        Action::ConfirmSignUp {
            client,
            username,
            code,
            force_alias,
        } => Outcome::CodeAccepted(
            cognito
                .confirm_sign_up(&client, &username, &code, force_alias)
                .await,
        ),
        Action::ResendCode { client, username } => {
            Outcome::CodeSent(cognito.resend_code(&client, &username).await)
        }
        Action::AttributeCode {
            access_token,
            attribute,
            ..
        } => Outcome::CodeSent(cognito.attribute_code(&access_token, &attribute).await),
        Action::VerifyAttribute {
            access_token,
            attribute,
            code,
            ..
        } => Outcome::CodeAccepted(
            cognito
                .verify_attribute(&access_token, &attribute, &code)
                .await,
        ),
        Action::ForgotPassword { client, username } => {
            Outcome::CodeSent(cognito.forgot_password(&client, &username).await)
        }
        Action::ConfirmForgotPassword {
            client,
            username,
            code,
            password,
        } => Outcome::CodeAccepted(
            cognito
                .confirm_forgot_password(&client, &username, &code, &password)
                .await,
        ),
        Action::Admin {
            pool_id,
            username,
            calls,
        } => {
            let mut results = Vec::with_capacity(calls.len());
            for call in calls {
                let result = cognito.admin(&pool_id, &username, &call).await;
                results.push((call, result));
            }
            Outcome::Changed(results)
        }
        Action::RememberDevice {
            offer,
            access_token,
        } => Outcome::DeviceRemembered(cognito.remember_device(&offer, &access_token).await),
        Action::Invite {
            pool_id,
            invitation,
        } => Outcome::Invited(cognito.invite(&pool_id, &invitation).await),
        other => execute_pool(cognito, other).await,
    }
}

/// The pool as a whole: its groups, their members and changes, its overview.
async fn execute_pool(cognito: &Cognito, action: Action) -> Outcome {
    match action {
        Action::ListGroups { pool_id } => Outcome::Groups(cognito.list_groups(&pool_id).await),
        Action::CountMembers { pool_id, group } => {
            Outcome::MemberCount(cognito.count_members(&pool_id, &group).await)
        }
        Action::GroupMembers {
            pool_id,
            group,
            token,
        } => Outcome::Members(
            cognito
                .group_members(&pool_id, &group, token.as_deref())
                .await,
        ),
        Action::Group { pool_id, change } => {
            Outcome::GroupChanged(cognito.change_group(&pool_id, &change).await)
        }
        Action::Overview { pool_id } => {
            Outcome::Overview(Box::new(cognito.overview(&pool_id).await))
        }
        other => execute_rest(cognito, other).await,
    }
}

/// A user's groups for an export, the export itself, bulk steps, and a user's devices and
/// sign-in events.
async fn execute_rest(cognito: &Cognito, action: Action) -> Outcome {
    match action {
        Action::UserGroups { pool_id, username } => {
            Outcome::UserGroups(cognito.user_groups(&pool_id, &username).await)
        }
        Action::WriteExport {
            path,
            format,
            rows,
            replace,
        } => Outcome::Exported(
            crate::export::write(&path, format, &rows, replace).map_err(CognitoError::Export),
        ),
        // The pool doctor's work, away from the screen's thread; a panic there is no finding.
        Action::Examine { users, checkup } => Outcome::Examined(
            tokio::task::spawn_blocking(move || crate::doctor::examine(&users.0, &checkup))
                .await
                .ok(),
        ),
        Action::BulkStep {
            pool_id,
            username,
            calls,
        } => {
            let mut results = Vec::with_capacity(calls.len());
            for call in calls {
                let result = cognito.bulk_step(&pool_id, &username, &call).await;
                results.push((call, result));
            }
            Outcome::Changed(results)
        }
        Action::ListDevices { pool_id, username } => {
            Outcome::Devices(cognito.list_devices(&pool_id, &username).await)
        }
        Action::AuthEvents { pool_id, username } => {
            Outcome::AuthEvents(cognito.auth_events(&pool_id, &username).await)
        }
        Action::ReportUser {
            pool_id,
            username,
            sign_ins,
        } => Outcome::Reported(
            cognito
                .report_user(&pool_id, &username, sign_ins)
                .await
                .map(Box::new),
        ),
        Action::AliasHolder {
            pool_id,
            username,
            values,
            ..
        } => Outcome::AliasHolder(cognito.alias_holder(&pool_id, &username, &values).await),
        other => unreachable!("{} is run by execute", other.label()),
    }
}

/// Importing: the file read, the import job's columns, the job started and its progress.
async fn execute_import(cognito: &Cognito, action: Action) -> Outcome {
    match action {
        Action::ReadImport { path } => {
            Outcome::ImportRead(std::fs::read_to_string(&path).map_err(|e| {
                CognitoError::ImportFile(format!("{} cannot be read: {e}.", path.display()))
            }))
        }
        Action::CsvHeader { pool_id } => Outcome::CsvHeader(cognito.csv_header(&pool_id).await),
        Action::StartImportJob { pool_id, job } => {
            Outcome::ImportJob(cognito.start_import_job(&pool_id, &job).await)
        }
        Action::DescribeImportJob { pool_id, job_id } => {
            Outcome::ImportJob(cognito.describe_import_job(&pool_id, &job_id).await)
        }
        Action::ListImportJobs { pool_id } => {
            Outcome::ImportJobs(cognito.list_import_jobs(&pool_id).await)
        }
        Action::StopImportJob { pool_id, job } => {
            Outcome::JobStopped(cognito.stop_import_job(&pool_id, &job.id).await)
        }
        other => unreachable!("{} is not an import", other.label()),
    }
}

/// A refused MFA code is worded by where it comes from: the authenticator app (TOTP), or a
/// message (SMS, email) that expires.
fn code_error(answer: &Answer, e: CognitoError) -> CognitoError {
    match answer {
        Answer::Code { kind, .. } => e.for_mfa_code(*kind),
        _ => e,
    }
}
