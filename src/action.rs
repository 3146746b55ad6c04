//! The messages between the UI and the Cognito worker: `Action` out, `Outcome` back.

use crate::cognito::CognitoError;
use crate::cognito::auth::{Answer, AuthSession, AuthStep, AuthTarget, EnrolWith, MfaSetting};
use crate::cognito::model::{
    ClientSummary, PoolInfo, PoolSummary, Sensitive, UserDetail, UsersPage,
};
use crate::totp::TotpSecret;

/// Identifies one request, so that a result nobody waits for any more can be dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequestId(pub u64);

/// A work order for the Cognito worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// List every user pool in the region (ListUserPools).
    ListPools,
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
    /// Fetch everything about one user (AdminGetUser, AdminListGroupsForUser).
    GetUser { pool_id: String, username: String },
    /// Sign in with a password ((Admin)InitiateAuth).
    SignIn {
        target: AuthTarget,
        username: String,
        password: Sensitive,
    },
    /// Answer a sign-in challenge ((Admin)RespondToAuthChallenge).
    Respond {
        target: AuthTarget,
        session: AuthSession,
        answer: Answer,
    },
    /// Get a new TOTP secret for the user (AssociateSoftwareToken).
    AssociateTotp { with: EnrolWith },
    /// Check the first code from the authenticator (VerifySoftwareToken).
    VerifyTotp {
        with: EnrolWith,
        code: Sensitive,
        device_name: String,
    },
    /// Make TOTP the signed-in user's enabled, preferred MFA (SetUserMFAPreference).
    PreferTotp { access_token: Sensitive },
    /// Change a user's MFA settings as admin (AdminSetUserMFAPreference).
    AdminSetMfa {
        pool_id: String,
        username: String,
        totp: Option<MfaSetting>,
        sms: Option<MfaSetting>,
    },
}

impl Action {
    /// Whether the action changes the pool. Read-only mode refuses those that do.
    pub fn mutates(&self) -> bool {
        match self {
            Self::ListPools
            | Self::ListClients { .. }
            | Self::OpenPool { .. }
            | Self::ListUsers { .. }
            | Self::GetUser { .. }
            | Self::SignIn { .. } => false,
            // Answering a new-password challenge sets the password; codes only sign in.
            Self::Respond { answer, .. } => matches!(answer, Answer::NewPassword(_)),
            Self::AssociateTotp { .. }
            | Self::VerifyTotp { .. }
            | Self::PreferTotp { .. }
            | Self::AdminSetMfa { .. } => true,
        }
    }

    /// A few words for the spinner while the action is in flight.
    pub fn label(&self) -> &'static str {
        match self {
            Self::ListPools => "Listing user pools",
            Self::ListClients { .. } => "Listing app clients",
            Self::OpenPool { .. } => "Reading the pool",
            Self::ListUsers { .. } => "Loading users",
            Self::GetUser { .. } => "Loading the user",
            Self::SignIn { .. } => "Signing in",
            Self::Respond { .. } => "Answering the challenge",
            Self::AssociateTotp { .. } => "Getting a TOTP secret",
            Self::VerifyTotp { .. } => "Verifying the code",
            Self::PreferTotp { .. } => "Making TOTP preferred",
            Self::AdminSetMfa { .. } => "Changing MFA settings",
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
    /// The app clients of a pool.
    Clients(Result<Vec<ClientSummary>, CognitoError>),
    /// The pool's settings and app client.
    PoolOpened(Result<PoolInfo, CognitoError>),
    /// One page of users.
    Users(Result<UsersPage, CognitoError>),
    /// Everything about one user.
    User(Result<UserDetail, CognitoError>),
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
    /// A change of MFA settings finished.
    MfaChanged(Result<(), CognitoError>),
}

impl Outcome {
    /// The error, if the action failed.
    pub fn error(&self) -> Option<&CognitoError> {
        match self {
            Self::Pools(r) => r.as_ref().err(),
            Self::Clients(r) => r.as_ref().err(),
            Self::PoolOpened(r) => r.as_ref().err(),
            Self::Users(r) => r.as_ref().err(),
            Self::User(r) => r.as_ref().err(),
            Self::Auth(r) => r.as_ref().err(),
            Self::TotpAssociated(r) => r.as_ref().err(),
            Self::TotpVerified { result, .. } => result.as_ref().err(),
            Self::MfaChanged(r) => r.as_ref().err(),
        }
    }
}

/// An outcome with the id of the request it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub id: RequestId,
    pub outcome: Outcome,
}
