//! What the Cognito worker sends back: the owned result of each action.

use super::RequestId;
use crate::audit::AuditEntry;
use crate::aws_profiles::AwsProfile;
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::alias::AliasHolder;
use crate::cognito::auth::AuthStep;
use crate::cognito::device::RememberedDevice;
use crate::cognito::everywhere::Found;
use crate::cognito::groups::{Group, GroupSize};
use crate::cognito::import::ImportJob;
use crate::cognito::lists::{AuthEvent, Device};
use crate::cognito::mfa::{AuthFactors, Passkey};
use crate::cognito::model::PoolMfa;
use crate::cognito::model::{
    ClientSummary, CodeDelivery, PoolInfo, PoolSummary, User, UserDetail, UsersPage,
};
use crate::cognito::overview::PoolOverview;
use crate::cognito::report::UserReport;
use crate::cognito::sensitive::Sensitive;
use crate::cognito::signup::SignedUp;
use crate::commands::backup::Written as BackedUp;
use crate::compare::Comparison;
use crate::doctor::Finding;
use crate::export::Written;
use crate::restore::apply::{Done, Planned};
use crate::totp::TotpSecret;

/// The owned result of an action, sent back to the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The user pools of the region.
    Pools(Result<Vec<PoolSummary>, CognitoError>),
    /// The profiles of the AWS configuration files.
    Profiles(Result<Vec<AwsProfile>, CognitoError>),
    /// What a search of every pool found.
    Found(Result<Found, CognitoError>),
    /// The app clients of a pool.
    Clients(Result<Vec<ClientSummary>, CognitoError>),
    /// The pool's settings and app client (boxed: a pool is a large answer, and every event
    /// carries an outcome).
    PoolOpened(Box<Result<PoolInfo, CognitoError>>),
    /// One page of users.
    Users(Result<UsersPage, CognitoError>),
    /// Everything about one user.
    User(Result<UserDetail, CognitoError>),
    /// Everything about one user with what was read beside it: their authentication factors
    /// and the pool's MFA configuration. The app keeps those and goes on as with `User`.
    /// (Boxed: it is the largest answer, and every event carries an outcome.)
    UserRead(Box<UserRead>),
    /// The signed-in user's passkeys.
    Passkeys(Result<Vec<Passkey>, CognitoError>),
    /// A passkey was deleted.
    PasskeyDeleted(Result<(), CognitoError>),
    /// The next step of a sign-in: tokens or a challenge.
    Auth(Result<AuthStep, CognitoError>),
    /// A TOTP secret, and the session to go on with during MFA_SETUP.
    TotpAssociated(Result<(TotpSecret, Option<Sensitive>), CognitoError>),
    /// The authenticator's code was accepted; the session to finish MFA_SETUP with, if any.
    /// `clock_skew_secs` is how far Cognito's clock is ahead of this computer's.
    TotpVerified {
        result: Result<Option<Sensitive>, CognitoError>,
        clock_skew_secs: Option<i64>,
    },
    /// This terminal is a remembered device of the user now.
    DeviceRemembered(Result<RememberedDevice, CognitoError>),
    /// A change of MFA settings finished.
    MfaChanged(Result<(), CognitoError>),
    /// SignUp answered.
    SignedUp(Result<SignedUp, CognitoError>),
    /// A code was accepted (ConfirmSignUp, VerifyUserAttribute).
    CodeAccepted(Result<(), CognitoError>),
    /// A code was sent; where to, if Cognito said.
    CodeSent(Result<Option<CodeDelivery>, CognitoError>),
    /// Each admin call with its result, in the order sent.
    Changed(Vec<(AdminCall, Result<(), CognitoError>)>),
    /// The invited user.
    Invited(Result<User, CognitoError>),
    /// The pool's groups.
    Groups(Result<Vec<Group>, CognitoError>),
    /// How many members a group has.
    MemberCount(Result<GroupSize, CognitoError>),
    /// One page of a group's members.
    Members(Result<UsersPage, CognitoError>),
    /// A group was created, updated or deleted.
    GroupChanged(Result<(), CognitoError>),
    /// The pool's overview (boxed: it is large, and every event carries an outcome).
    Overview(Box<Result<PoolOverview, CognitoError>>),
    /// A user's devices.
    Devices(Result<Vec<Device>, CognitoError>),
    /// A user's sign-in events.
    AuthEvents(Result<Vec<AuthEvent>, CognitoError>),
    /// The pool doctor's findings, or `None` if working them out failed.
    Examined(Option<Vec<Finding>>),
    /// One user's report.
    Reported(Result<Box<UserReport>, CognitoError>),
    /// One user's groups.
    UserGroups(Result<Vec<String>, CognitoError>),
    /// How many users were exported, or that the file exists and was left alone.
    Exported(Result<Written, CognitoError>),
    /// The text of a file to import.
    ImportRead(Result<String, CognitoError>),
    /// The columns of an import job's file.
    CsvHeader(Result<Vec<String>, CognitoError>),
    /// An import job, started or as it is now.
    ImportJob(Result<ImportJob, CognitoError>),
    /// The pool's import jobs, newest first.
    ImportJobs(Result<Vec<ImportJob>, CognitoError>),
    /// A stopped import job, as StopUserImportJob left it.
    JobStopped(Result<ImportJob, CognitoError>),
    /// Who holds the email or phone as an alias, if anyone else does.
    AliasHolder(Result<Option<AliasHolder>, CognitoError>),
    /// Where the audit log is, and its latest entries, newest first.
    Audit(Result<(String, Vec<AuditEntry>), CognitoError>),
    /// A backup written (in all, with what an earlier run wrote before it was resumed), or
    /// why not: what is written stays, to resume.
    BackedUp(Result<BackedUp, String>),
    /// The pool compared with the other side, or why a side could not be read.
    Compared(Result<Box<Comparison>, String>),
    /// The plan of a restore, or why the backup or the pool could not be read.
    RestorePlanned(Result<Box<Planned>, String>),
    /// What a restore did (with the calls not done and why), or why it stopped.
    Restored(Result<Done, String>),
}

impl Outcome {
    /// Whether the outcome is an import's: its file, its job's columns, or its job.
    pub fn is_import(&self) -> bool {
        matches!(
            self,
            Self::ImportRead(_) | Self::CsvHeader(_) | Self::ImportJob(_)
        )
    }

    /// The error, if the action failed.
    pub fn error(&self) -> Option<&CognitoError> {
        match self {
            Self::Pools(r) => r.as_ref().err(),
            Self::Profiles(r) => r.as_ref().err(),
            Self::Found(r) => r.as_ref().err(),
            Self::Clients(r) => r.as_ref().err(),
            Self::PoolOpened(r) => r.as_ref().as_ref().err(),
            Self::Users(r) | Self::Members(r) => r.as_ref().err(),
            Self::User(r) => r.as_ref().err(),
            Self::UserRead(read) => read.user.as_ref().err(),
            Self::Passkeys(r) => r.as_ref().err(),
            Self::Auth(r) => r.as_ref().err(),
            Self::TotpAssociated(r) => r.as_ref().err(),
            Self::DeviceRemembered(r) => r.as_ref().err(),
            Self::TotpVerified { result, .. } => result.as_ref().err(),
            Self::MfaChanged(r) | Self::CodeAccepted(r) | Self::PasskeyDeleted(r) => {
                r.as_ref().err()
            }
            Self::SignedUp(r) => r.as_ref().err(),
            Self::CodeSent(r) => r.as_ref().err(),
            Self::Invited(r) => r.as_ref().err(),
            Self::Devices(r) => r.as_ref().err(),
            Self::AuthEvents(r) => r.as_ref().err(),
            Self::Reported(r) => r.as_ref().err(),
            Self::Audit(r) => r.as_ref().err(),
            Self::CsvHeader(r) => r.as_ref().err(),
            Self::Groups(r) => r.as_ref().err(),
            Self::MemberCount(r) => r.as_ref().err(),
            Self::GroupChanged(r) => r.as_ref().err(),
            Self::Overview(r) => r.as_ref().as_ref().err(),
            Self::Exported(r) => r.as_ref().err(),
            Self::ImportRead(r) => r.as_ref().err(),
            Self::ImportJob(r) | Self::JobStopped(r) => r.as_ref().err(),
            Self::ImportJobs(r) => r.as_ref().err(),
            Self::AliasHolder(r) => r.as_ref().err(),
            // Sentences of their own: the screen that asked says them.
            Self::BackedUp(_) | Self::Compared(_) | Self::RestorePlanned(_) | Self::Restored(_) => {
                None
            }
            // Partly done changes are reported call by call, and an export's group reads by
            // the export itself.
            Self::Changed(_) | Self::UserGroups(_) | Self::Examined(_) => None,
        }
    }
}

/// A user and what was read beside them (see `Outcome::UserRead`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRead {
    pub user: Result<UserDetail, CognitoError>,
    pub factors: Result<AuthFactors, CognitoError>,
    pub pool_mfa: Result<PoolMfa, CognitoError>,
}

/// An outcome with the id of the request it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub id: RequestId,
    pub outcome: Outcome,
}
