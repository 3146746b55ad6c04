//! The messages between the UI and the Cognito worker: `Action` out, `Outcome` back.

mod label;
mod loaded;
mod outcome;
mod tally;

pub use self::loaded::Loaded;
pub use self::outcome::{Outcome, Response, UserRead};
pub use self::tally::Tally;

use std::path::PathBuf;

use crate::cognito::admin::AdminCall;
use crate::cognito::auth::{Answer, AuthSession, AuthTarget, EnrolWith, Factor};
use crate::cognito::device::DeviceOffer;
use crate::cognito::everywhere::PoolRef;
use crate::cognito::groups::GroupChange;
use crate::cognito::import::{ImportJob, NewImportJob};
use crate::cognito::invite::Invitation;
use crate::cognito::metadata::ClientMetadata;
use crate::cognito::model::{AppClient, Attribute};
use crate::cognito::sensitive::Sensitive;
use crate::doctor::Checkup;
use crate::export::{ExportFormat, ExportRow};
use crate::restore::{Choices, Plan};

/// Identifies one request, so that a result nobody waits for any more can be dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequestId(pub u64);

/// A work order for the Cognito worker. `ActionKind` names its kinds, for tests that must
/// cover every one.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumDiscriminants)]
#[strum_discriminants(name(ActionKind), derive(strum::EnumIter))]
pub enum Action {
    /// List every user pool in the region (ListUserPools).
    ListPools,
    /// Read the profiles of the AWS configuration files (no call to AWS).
    ListProfiles,
    /// Search `pools`, and with `region_pools` every pool of the region, for users matching
    /// `filter` (ListUserPools, then ListUsers in each).
    FindEverywhere {
        pools: Vec<PoolRef>,
        region_pools: bool,
        filter: String,
    },
    /// List the app clients of a pool (ListUserPoolClients).
    ListClients { pool_id: String },
    /// Read the pool's settings and the chosen app client, with its secret
    /// (DescribeUserPool, DescribeUserPoolClient).
    OpenPool {
        pool_id: String,
        client_id: Option<String>,
        client_secret: Option<Sensitive>,
    },
    /// Fetch one page of users (ListUsers).
    ListUsers {
        pool_id: String,
        filter: Option<String>,
        token: Option<String>,
    },
    /// Fetch everything about one user (AdminGetUser, AdminListGroupsForUser), with their
    /// authentication factors and the pool's MFA configuration (AdminGetUserAuthFactors,
    /// GetUserPoolMfaConfig) read at the same time.
    GetUser { pool_id: String, username: String },
    /// Sign in with a password ((Admin)InitiateAuth), or through USER_SRP_AUTH, USER_AUTH
    /// (asking for `preferred` first, if given) or CUSTOM_AUTH, as the target's flow says.
    SignIn {
        target: AuthTarget,
        username: String,
        password: Sensitive,
        preferred: Option<Factor>,
    },
    /// Answer a sign-in challenge ((Admin)RespondToAuthChallenge).
    Respond {
        target: AuthTarget,
        session: AuthSession,
        answer: Answer,
    },
    /// Get a new TOTP secret for the user (AssociateSoftwareToken). `username` names the user
    /// the session or token belongs to, for the audit log.
    AssociateTotp { username: String, with: EnrolWith },
    /// Check the first code from the authenticator (VerifySoftwareToken).
    VerifyTotp {
        username: String,
        with: EnrolWith,
        code: Sensitive,
        device_name: String,
    },
    /// Remember this terminal as the device a sign-in offered (ConfirmDevice, then
    /// UpdateDeviceStatus when the user must opt in), with the user's access token.
    RememberDevice {
        offer: DeviceOffer,
        access_token: Sensitive,
    },
    /// Make TOTP the signed-in user's enabled, preferred MFA (SetUserMFAPreference).
    PreferTotp {
        username: String,
        access_token: Sensitive,
    },
    /// Sign a user up through the app client (SignUp).
    SignUp {
        client: AppClient,
        username: String,
        password: Sensitive,
        attributes: Vec<Attribute>,
    },
    /// Confirm a sign-up with the code the user received (ConfirmSignUp).
    ConfirmSignUp {
        client: AppClient,
        username: String,
        code: Sensitive,
        /// ForceAliasCreation: the user's email or phone moves to them from another user
        /// who holds it as a sign-in alias.
        force_alias: bool,
    },
    /// Send a new sign-up code (ResendConfirmationCode).
    ResendCode { client: AppClient, username: String },
    /// Send a code to verify an attribute of the signed-in user `username`
    /// (GetUserAttributeVerificationCode).
    AttributeCode {
        username: String,
        access_token: Sensitive,
        attribute: String,
    },
    /// Verify an attribute with the code the user received (VerifyUserAttribute).
    VerifyAttribute {
        username: String,
        access_token: Sensitive,
        attribute: String,
        code: Sensitive,
    },
    /// Admin calls on one user, each attempted and reported on its own.
    Admin {
        pool_id: String,
        username: String,
        calls: Vec<AdminCall>,
    },
    /// Send the user a code to reset their password, as the app's "forgot password" does
    /// (ForgotPassword).
    ForgotPassword { client: AppClient, username: String },
    /// Set the user's new password with the reset code they received (ConfirmForgotPassword).
    ConfirmForgotPassword {
        client: AppClient,
        username: String,
        code: Sensitive,
        password: Sensitive,
    },
    /// Invite a user, or resend the invitation (AdminCreateUser).
    Invite {
        pool_id: String,
        invitation: Invitation,
    },
    /// The pool's groups (ListGroups).
    ListGroups { pool_id: String },
    /// How many members a group has (ListUsersInGroup, every page).
    CountMembers { pool_id: String, group: String },
    /// One page of a group's members (ListUsersInGroup).
    GroupMembers {
        pool_id: String,
        group: String,
        token: Option<String>,
    },
    /// Create, update or delete a group (CreateGroup, UpdateGroup, DeleteGroup).
    Group {
        pool_id: String,
        change: GroupChange,
    },
    /// The pool's settings and app clients (DescribeUserPool, ListUserPoolClients,
    /// DescribeUserPoolClient each).
    Overview { pool_id: String },
    /// A user's remembered devices (AdminListDevices).
    ListDevices { pool_id: String, username: String },
    /// A user's sign-in events (AdminListUserAuthEvents).
    AuthEvents { pool_id: String, username: String },
    /// The pool doctor's findings over a copy of the loaded users, worked out away from the
    /// screen (no call to Cognito).
    Examine { users: Loaded, checkup: Checkup },
    /// What a report says about a user: MFA and groups, and their last sign-in with
    /// `sign_ins` (AdminGetUser, AdminListGroupsForUser, AdminListUserAuthEvents).
    ReportUser {
        pool_id: String,
        username: String,
        sign_ins: bool,
    },
    /// The passkeys of the signed-in user `username` (ListWebAuthnCredentials).
    ListPasskeys {
        username: String,
        access_token: Sensitive,
    },
    /// Delete one of the signed-in user's passkeys (DeleteWebAuthnCredential); `name` is the
    /// passkey's name, for the confirmation.
    DeletePasskey {
        username: String,
        access_token: Sensitive,
        credential_id: String,
        name: String,
    },
    /// The latest entries of the audit log (a local file, no Cognito call).
    ReadAudit,
    /// One user's groups, for an export (AdminListGroupsForUser, paced).
    UserGroups { pool_id: String, username: String },
    /// Write exported users to a local file; an existing one only if `replace`.
    WriteExport {
        path: PathBuf,
        format: ExportFormat,
        rows: Vec<ExportRow>,
        replace: bool,
    },
    /// Read a CSV file to import (a local file, no Cognito call).
    ReadImport { path: PathBuf },
    /// The columns an import job's file must have (GetCSVHeader).
    CsvHeader { pool_id: String },
    /// Make an import job, upload its file and start it (CreateUserImportJob, the upload,
    /// StartUserImportJob).
    StartImportJob { pool_id: String, job: NewImportJob },
    /// Where an import job is (DescribeUserImportJob).
    DescribeImportJob { pool_id: String, job_id: String },
    /// The pool's import jobs (ListUserImportJobs).
    ListImportJobs { pool_id: String },
    /// Stop a Pending or InProgress import job (StopUserImportJob).
    StopImportJob { pool_id: String, job: ImportJob },
    /// Who other than `username` holds one of `values` (or, with none, the user's own email
    /// or phone) as a sign-in alias (AdminGetUser, ListUsers), after Cognito refused
    /// `refused` with AliasExistsException.
    AliasHolder {
        pool_id: String,
        username: String,
        values: Vec<Attribute>,
        refused: Box<Action>,
    },
    /// One user of a bulk run: their calls, in order, each paced and retried with backoff when
    /// throttled.
    BulkStep {
        pool_id: String,
        username: String,
        calls: Vec<AdminCall>,
    },
    /// Back the pool up into a local file, or carry on the backup it holds with `resume`
    /// (DescribeUserPool, ListUserPoolClients, ListGroups, ListUsers shard by shard,
    /// ListUsersInGroup, and with `mfa` AdminGetUser for each user); progress in `tally`.
    Backup {
        pool_id: String,
        path: PathBuf,
        resume: bool,
        mfa: bool,
        tally: Tally,
    },
    /// Compare the pool with `other`, a pool id or a backup file (every user, group and
    /// membership of each read); progress in `tally`.
    Compare {
        pool_id: String,
        other: String,
        tally: Tally,
    },
    /// Read a backup and every user, group and membership of the pool, and make the plan of
    /// restoring the backup into it (no change); progress in `tally`.
    PlanRestore {
        pool_id: String,
        from: PathBuf,
        choices: Choices,
        tally: Tally,
    },
    /// Carry out a restore's plan (CreateGroup, AdminCreateUser, AdminDisableUser,
    /// AdminAddUserToGroup), the new `sub`s written to `sub_map`; progress in `tally`.
    Restore {
        pool_id: String,
        plan: Box<Plan>,
        sub_map: PathBuf,
        tally: Tally,
    },
}

impl Action {
    /// Whether the action changes the pool. Read-only mode refuses those that do.
    pub fn mutates(&self) -> bool {
        match self {
            Self::ListPools
            | Self::ListProfiles
            | Self::FindEverywhere { .. }
            | Self::ListClients { .. }
            | Self::OpenPool { .. }
            | Self::ListUsers { .. }
            | Self::GetUser { .. }
            | Self::SignIn { .. }
            | Self::ListGroups { .. }
            | Self::CountMembers { .. }
            | Self::GroupMembers { .. }
            | Self::Overview { .. }
            | Self::ListDevices { .. }
            | Self::AuthEvents { .. }
            | Self::ReportUser { .. }
            | Self::Examine { .. }
            | Self::ListPasskeys { .. }
            | Self::ReadAudit
            | Self::UserGroups { .. }
            | Self::WriteExport { .. }
            | Self::ReadImport { .. }
            | Self::CsvHeader { .. }
            | Self::DescribeImportJob { .. }
            | Self::ListImportJobs { .. }
            | Self::AliasHolder { .. }
            | Self::Backup { .. }
            | Self::Compare { .. }
            | Self::PlanRestore { .. } => false,
            // Answering a new-password challenge sets the password; codes only sign in.
            Self::Respond { answer, .. } => matches!(answer, Answer::NewPassword { .. }),
            // Sending a code changes the code that is valid, and sends a message.
            Self::AssociateTotp { .. }
            | Self::VerifyTotp { .. }
            | Self::PreferTotp { .. }
            | Self::RememberDevice { .. }
            | Self::SignUp { .. }
            | Self::ConfirmSignUp { .. }
            | Self::ResendCode { .. }
            | Self::AttributeCode { .. }
            | Self::VerifyAttribute { .. }
            | Self::ForgotPassword { .. }
            | Self::ConfirmForgotPassword { .. }
            | Self::Admin { .. }
            | Self::Invite { .. }
            | Self::DeletePasskey { .. }
            | Self::StartImportJob { .. }
            | Self::StopImportJob { .. }
            | Self::Group { .. }
            | Self::BulkStep { .. }
            | Self::Restore { .. } => true,
        }
    }

    /// Whether a call the action makes takes ClientMetadata for the pool's Lambda triggers.
    pub fn takes_client_metadata(&self) -> bool {
        match self {
            Self::Admin { calls, .. } | Self::BulkStep { calls, .. } => {
                calls.iter().any(AdminCall::takes_client_metadata)
            }
            Self::SignIn { .. }
            | Self::Respond { .. }
            | Self::SignUp { .. }
            | Self::ConfirmSignUp { .. }
            | Self::ResendCode { .. }
            | Self::AttributeCode { .. }
            | Self::ForgotPassword { .. }
            | Self::ConfirmForgotPassword { .. }
            | Self::Invite { .. } => true,
            Self::ListPools
            | Self::ListProfiles
            | Self::FindEverywhere { .. }
            | Self::ListClients { .. }
            | Self::OpenPool { .. }
            | Self::ListUsers { .. }
            | Self::GetUser { .. }
            | Self::AssociateTotp { .. }
            | Self::VerifyTotp { .. }
            | Self::PreferTotp { .. }
            | Self::RememberDevice { .. }
            | Self::VerifyAttribute { .. }
            | Self::ListGroups { .. }
            | Self::CountMembers { .. }
            | Self::GroupMembers { .. }
            | Self::Group { .. }
            | Self::Overview { .. }
            | Self::ListDevices { .. }
            | Self::AuthEvents { .. }
            | Self::ReportUser { .. }
            | Self::Examine { .. }
            | Self::ListPasskeys { .. }
            | Self::DeletePasskey { .. }
            | Self::ReadAudit
            | Self::UserGroups { .. }
            | Self::WriteExport { .. }
            | Self::ReadImport { .. }
            | Self::CsvHeader { .. }
            | Self::StartImportJob { .. }
            | Self::DescribeImportJob { .. }
            | Self::ListImportJobs { .. }
            | Self::StopImportJob { .. }
            | Self::AliasHolder { .. }
            | Self::Backup { .. }
            | Self::Compare { .. }
            | Self::PlanRestore { .. }
            | Self::Restore { .. } => false,
        }
    }

    /// Whether the action lists across pools: the pools, the AWS profiles, a pool's app
    /// clients, or a user in every pool.
    pub fn lists_pools(&self) -> bool {
        matches!(
            self,
            Self::ListPools
                | Self::ListProfiles
                | Self::ListClients { .. }
                | Self::FindEverywhere { .. }
        )
    }

    /// Whether `Ctrl-R` may offer the action again: reads are sent again as they were, a change
    /// opens its confirmation again. Bulk steps and exports are run again from their own
    /// screens, and a group's member count when its screen shows again.
    pub fn retryable(&self) -> bool {
        !matches!(
            self,
            Self::BulkStep { .. }
                | Self::Backup { .. }
                | Self::Compare { .. }
                | Self::PlanRestore { .. }
                | Self::Restore { .. }
                | Self::WriteExport { .. }
                | Self::UserGroups { .. }
                | Self::CountMembers { .. }
        )
    }

    /// The user the action is about, if it is about one.
    pub fn username(&self) -> Option<&str> {
        match self {
            Self::GetUser { username, .. }
            | Self::SignIn { username, .. }
            | Self::AssociateTotp { username, .. }
            | Self::VerifyTotp { username, .. }
            | Self::PreferTotp { username, .. }
            | Self::SignUp { username, .. }
            | Self::ConfirmSignUp { username, .. }
            | Self::ResendCode { username, .. }
            | Self::AttributeCode { username, .. }
            | Self::VerifyAttribute { username, .. }
            | Self::ForgotPassword { username, .. }
            | Self::ConfirmForgotPassword { username, .. }
            | Self::Admin { username, .. }
            | Self::ListDevices { username, .. }
            | Self::AuthEvents { username, .. }
            | Self::ReportUser { username, .. }
            | Self::ListPasskeys { username, .. }
            | Self::DeletePasskey { username, .. }
            | Self::UserGroups { username, .. }
            | Self::AliasHolder { username, .. }
            | Self::BulkStep { username, .. } => Some(username),
            Self::Respond { session, .. } => Some(&session.username),
            Self::RememberDevice { offer, .. } => Some(&offer.username),
            Self::Invite { invitation, .. } => Some(&invitation.username),
            Self::Backup { .. }
            | Self::Compare { .. }
            | Self::PlanRestore { .. }
            | Self::Restore { .. }
            | Self::ListPools
            | Self::ListProfiles
            | Self::FindEverywhere { .. }
            | Self::ListClients { .. }
            | Self::OpenPool { .. }
            | Self::ListUsers { .. }
            | Self::ListGroups { .. }
            | Self::CountMembers { .. }
            | Self::GroupMembers { .. }
            | Self::Group { .. }
            | Self::Overview { .. }
            | Self::ReadAudit
            | Self::WriteExport { .. }
            | Self::ReadImport { .. }
            | Self::CsvHeader { .. }
            | Self::StartImportJob { .. }
            | Self::DescribeImportJob { .. }
            | Self::ListImportJobs { .. }
            | Self::StopImportJob { .. }
            | Self::Examine { .. } => None,
        }
    }
}

/// An action with the id its result will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: RequestId,
    pub action: Action,
    /// What the calls that take ClientMetadata send to the pool's Lambda triggers.
    pub metadata: ClientMetadata,
}

/// One action of every kind, for tests that must cover them all.
#[cfg(test)]
pub(crate) mod samples;
