//! The messages between the UI and the Cognito worker: `Action` out, `Outcome` back.

use std::path::PathBuf;

use crate::audit::AuditEntry;
use crate::aws_profiles::AwsProfile;
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::auth::{
    Answer, AuthSession, AuthStep, AuthTarget, EnrolWith, Factor, MfaSetting,
};
use crate::cognito::device::{DeviceOffer, RememberedDevice};
use crate::cognito::everywhere::{Found, PoolRef};
use crate::cognito::groups::{Group, GroupChange, GroupSize};
use crate::cognito::import::{ImportJob, NewImportJob};
use crate::cognito::invite::Invitation;
use crate::cognito::lists::{AuthEvent, Device};
use crate::cognito::mfa::{AuthFactors, Passkey};
use crate::cognito::model::PoolMfa;
use crate::cognito::model::{
    AppClient, Attribute, ClientSummary, CodeDelivery, PoolInfo, PoolSummary, User, UserDetail,
    UsersPage,
};
use crate::cognito::overview::PoolOverview;
use crate::cognito::sensitive::Sensitive;
use crate::cognito::signup::SignedUp;
use crate::export::{ExportFormat, ExportRow, Written};
use crate::totp::TotpSecret;

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
    /// Change a user's MFA settings as admin (AdminSetUserMFAPreference): TOTP, SMS and email
    /// (`None` leaves a factor as it is).
    AdminSetMfa {
        pool_id: String,
        username: String,
        totp: Option<MfaSetting>,
        sms: Option<MfaSetting>,
        email: Option<MfaSetting>,
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
    /// One user of a bulk run: paced, retried with backoff when throttled.
    BulkStep {
        pool_id: String,
        username: String,
        call: AdminCall,
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
            | Self::ListPasskeys { .. }
            | Self::ReadAudit
            | Self::UserGroups { .. }
            | Self::WriteExport { .. }
            | Self::ReadImport { .. }
            | Self::CsvHeader { .. }
            | Self::DescribeImportJob { .. } => false,
            // Answering a new-password challenge sets the password; codes only sign in.
            Self::Respond { answer, .. } => matches!(answer, Answer::NewPassword(_)),
            // Sending a code changes the code that is valid, and sends a message.
            Self::AssociateTotp { .. }
            | Self::VerifyTotp { .. }
            | Self::PreferTotp { .. }
            | Self::RememberDevice { .. }
            | Self::AdminSetMfa { .. }
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
            | Self::Group { .. }
            | Self::BulkStep { .. } => true,
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
            | Self::AdminSetMfa { username, .. }
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
            | Self::ListPasskeys { username, .. }
            | Self::DeletePasskey { username, .. }
            | Self::UserGroups { username, .. }
            | Self::BulkStep { username, .. } => Some(username),
            Self::Respond { session, .. } => Some(&session.username),
            Self::RememberDevice { offer, .. } => Some(&offer.username),
            Self::Invite { invitation, .. } => Some(&invitation.username),
            Self::ListPools
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
            | Self::DescribeImportJob { .. } => None,
        }
    }

    /// A few words for the spinner while the action is in flight.
    pub fn label(&self) -> &'static str {
        match self {
            Self::ListPools => "Listing user pools",
            Self::ListProfiles => "Reading the AWS profiles",
            Self::FindEverywhere { .. } => "Searching every pool",
            Self::ListClients { .. } => "Listing app clients",
            Self::OpenPool { .. } => "Reading the pool",
            Self::ListUsers { .. } => "Loading users",
            Self::GetUser { .. } => "Loading the user",
            Self::SignIn { .. } => "Signing in",
            Self::Respond { .. } => "Answering the challenge",
            Self::AssociateTotp { .. } => "Getting a TOTP secret",
            Self::VerifyTotp { .. } => "Verifying the code",
            Self::PreferTotp { .. } => "Making TOTP preferred",
            Self::RememberDevice { .. } => "Remembering this terminal as a device",
            Self::AdminSetMfa { .. } => "Changing MFA settings",
            Self::SignUp { .. } => "Signing up",
            Self::ConfirmSignUp { .. } => "Confirming with the code",
            Self::ResendCode { .. } | Self::AttributeCode { .. } => "Sending a code",
            Self::VerifyAttribute { .. } => "Verifying with the code",
            Self::ForgotPassword { .. } => "Sending a password reset code",
            Self::ConfirmForgotPassword { .. } => "Setting the new password with the code",
            Self::Admin { .. } => "Changing the user",
            Self::Invite { .. } => "Inviting",
            Self::ListGroups { .. } => "Listing groups",
            Self::CountMembers { .. } => "Counting group members",
            Self::GroupMembers { .. } => "Loading the group's members",
            Self::Group { change, .. } => match change {
                GroupChange::Create(_) => "Creating the group",
                GroupChange::Update(_) => "Updating the group",
                GroupChange::Delete { .. } => "Deleting the group",
            },
            Self::Overview { .. } => "Reading the pool's settings",
            Self::ListDevices { .. } => "Listing devices",
            Self::AuthEvents { .. } => "Reading sign-in events",
            Self::ListPasskeys { .. } => "Listing passkeys",
            Self::DeletePasskey { .. } => "Deleting the passkey",
            Self::ReadAudit => "Reading the audit log",
            Self::UserGroups { .. } => "Reading groups for the export",
            Self::WriteExport { .. } => "Writing the export",
            Self::ReadImport { .. } => "Reading the file",
            Self::CsvHeader { .. } => "Reading the import job's columns",
            Self::StartImportJob { .. } => "Starting the import job",
            Self::DescribeImportJob { .. } => "Checking the import job",
            Self::BulkStep { .. } => "Working through the selection",
        }
    }
}

/// An action with the id its result will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: RequestId,
    pub action: Action,
}

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
    /// Where the audit log is, and its latest entries, newest first.
    Audit(Result<(String, Vec<AuditEntry>), CognitoError>),
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
            Self::Audit(r) => r.as_ref().err(),
            Self::CsvHeader(r) => r.as_ref().err(),
            Self::Groups(r) => r.as_ref().err(),
            Self::MemberCount(r) => r.as_ref().err(),
            Self::GroupChanged(r) => r.as_ref().err(),
            Self::Overview(r) => r.as_ref().as_ref().err(),
            Self::Exported(r) => r.as_ref().err(),
            Self::ImportRead(r) => r.as_ref().err(),
            Self::ImportJob(r) => r.as_ref().err(),
            // Partly done changes are reported call by call, and an export's group reads by
            // the export itself.
            Self::Changed(_) | Self::UserGroups(_) => None,
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

/// One action of every kind, for tests that must cover them all.
#[cfg(test)]
pub(crate) mod samples {
    use super::Action;
    use crate::cognito::admin::AdminCall;
    use crate::cognito::auth::MfaSetting;
    use crate::cognito::auth::{Answer, AuthSession, AuthTarget, EnrolWith};
    use crate::cognito::flows::{AuthFlow, AuthFlows};
    use crate::cognito::invite::{Delivery, Invitation};
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

    /// The admin MFA settings and a passkey's deletion.
    fn mfa_changes(pool_id: &str, username: &str) -> Vec<Action> {
        vec![
            Action::AdminSetMfa {
                pool_id: pool_id.to_owned(),
                username: username.to_owned(),
                totp: None,
                sms: None,
                email: Some(MfaSetting {
                    enabled: true,
                    preferred: true,
                }),
            },
            Action::DeletePasskey {
                username: username.to_owned(),
                access_token: secret(),
                credential_id: "k".into(),
                name: "phone".into(),
            },
        ]
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
                answer: Answer::NewPassword(secret()),
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
            Action::Invite {
                pool_id: pool_id.clone(),
                invitation: Invitation {
                    username: username.clone(),
                    attributes: vec![],
                    temporary_password: None,
                    delivery: Delivery::Email,
                    resend: false,
                },
            },
        ]);
        actions.extend(mfa_changes(&pool_id, &username));
        actions.push(remember_device(&pool_id, &username));
        actions.extend(admin_calls().into_iter().map(|call| Action::Admin {
            pool_id: pool_id.clone(),
            username: username.clone(),
            calls: vec![call],
        }));
        actions.push(Action::BulkStep {
            pool_id: pool_id.clone(),
            username: username.clone(),
            call: AdminCall::Disable,
        });
        actions.push(import_job(&pool_id, &username));
        actions.extend(group_changes(&pool_id));
        actions
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
}
