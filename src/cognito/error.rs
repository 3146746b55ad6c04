//! One error enum for every Cognito failure, each with a sentence a support agent can act on.

use super::auth::MfaKind;

/// Why a Cognito call failed. `Display` is the sentence shown in the status line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CognitoError {
    /// The user does not exist in this pool.
    #[error("No such user in this pool: check the spelling, or search by email instead.")]
    UserNotFound,
    /// A user with this username already exists.
    #[error("That username is already taken in this pool: open the existing user instead.")]
    UsernameExists,
    /// The user has not confirmed their sign-up yet.
    #[error("The user has not confirmed their sign-up: resend the code or confirm them as admin.")]
    UserNotConfirmed,
    /// Wrong password, disabled user, expired temporary password, or a refused client.
    #[error("Cognito refused the request: {0}")]
    NotAuthorized(String),
    /// The username or password is wrong.
    #[error(
        "Wrong username or password: check both with the user, or set a new password as admin."
    )]
    WrongPassword,
    /// The user is disabled.
    #[error("The user is disabled: enable them first if they should sign in.")]
    UserDisabled,
    /// The invitation's temporary password is too old.
    #[error("The temporary password has expired: resend the invitation to get a new one.")]
    TemporaryPasswordExpired,
    /// The user's access token is expired or revoked (e.g. by a global sign-out).
    #[error(
        "The user's access token is no longer valid (expired, or revoked by a sign-out): sign in as the user again."
    )]
    AccessTokenInvalid,
    /// A call made with an access token whose user is not in the pool any more.
    #[error(
        "The user of this access token is no longer in the pool (deleted?): sign in again as a user of the pool."
    )]
    TokenUserNotFound,
    /// The sign-in session or access token is no longer valid.
    #[error("The sign-in session has expired (they last a few minutes): sign in again.")]
    SessionExpired,
    /// The password breaks the pool's password policy; the message names the rule.
    #[error("The password does not meet the pool's policy: {0}")]
    InvalidPassword(String),
    /// A parameter was rejected; the message says which.
    #[error("Cognito rejected a value: {0}")]
    InvalidParameter(String),
    /// The code does not match the one sent.
    #[error("That code is not the one Cognito sent: ask the user to read it again.")]
    CodeMismatch,
    /// The code has expired.
    #[error("That code has expired: resend a new one.")]
    ExpiredCode,
    /// A TOTP code from a window that has passed, or one already used.
    #[error(
        "That authenticator code has expired or was already used: wait for the next code and type it."
    )]
    TotpCodeExpired,
    /// The sign-up is already confirmed.
    #[error("The user is already confirmed: no code is needed, they can sign in.")]
    AlreadyConfirmed,
    /// The user is not in the state the operation needs (e.g. resending an invitation to a
    /// user who already set a password).
    #[error("The user is not in a state that allows this: {0}")]
    UnsupportedUserState(String),
    /// The pool cannot send email or SMS: its SMS role or email settings are broken.
    #[error(
        "The pool cannot send this message: fix its SMS role or email settings in the AWS console."
    )]
    DeliveryNotConfigured,
    /// A Lambda trigger of the pool refused the request or failed.
    #[error("A Lambda trigger of the pool refused this: {0}")]
    LambdaTrigger(String),
    /// The pool has no threat protection, so Cognito keeps no sign-in events.
    #[error(
        "This pool has no threat protection (advanced security features), so Cognito records no sign-in events for it."
    )]
    ThreatProtectionOff,
    /// Too many attempts or resends for this user.
    #[error("Cognito's attempt limit for this user is reached: wait a while before trying again.")]
    LimitExceeded,
    /// LimitExceededException on CreateGroup: the pool has as many groups as its quota allows.
    #[error(
        "The pool has as many groups as its quota allows (LimitExceededException): delete groups it no longer needs, or raise the quota in the AWS console (Service Quotas)."
    )]
    GroupLimit,
    /// LimitExceededException where it is a quota of the pool or account, not a user's tries.
    #[error(
        "A Cognito quota for this pool or account is reached (LimitExceededException): wait a while and try again, or check the quotas in the AWS console (Service Quotas)."
    )]
    QuotaExceeded,
    /// The account's request rate quota is exhausted.
    #[error("Cognito is throttling requests (rate quota reached): wait a moment, then retry.")]
    TooManyRequests,
    /// Cognito could not deliver the code by email or SMS.
    #[error("Cognito could not deliver the code: check the user's email or phone number.")]
    CodeDeliveryFailure,
    /// Another user already has this email or phone number as an alias.
    #[error("Another user already uses this email or phone number.")]
    AliasExists,
    /// An admin reset the password; the user must finish the reset.
    #[error("The password was reset: the user must complete 'forgot password' with the code sent.")]
    PasswordResetRequired,
    /// The user has no software token (TOTP) registered.
    #[error(
        "The user has not verified an authenticator app: enrol TOTP (sign in as the user) first."
    )]
    SoftwareTokenMfaNotFound,
    /// The TOTP code did not verify the new software token.
    #[error("The authenticator code did not verify: check the phone's clock and try a fresh code.")]
    EnableSoftwareTokenMfa,
    /// The pool or app client does not exist (or is in another region).
    #[error("Cognito cannot find that pool or app client: check the id and the region.")]
    ResourceNotFound,
    /// GroupExistsException: the pool has a group of that name.
    #[error(
        "The pool already has a group of that name: choose another name, or edit that group (e)."
    )]
    GroupExists,
    /// The group is not in the pool (deleted by someone else, or renamed).
    #[error(
        "The pool has no group of that name any more (deleted elsewhere?): the list is read again."
    )]
    GroupNotFound,
    /// AdminAddUserToGroup / AdminRemoveUserFromGroup for a group the pool does not have.
    #[error(
        "The pool has no group of that name (deleted elsewhere?): read the pool's groups again and choose one it has."
    )]
    NoSuchGroup,
    /// A group's name, description or precedence was rejected.
    #[error(
        "Cognito refused the group's values: {0} A name has 1 to 128 characters and no spaces, a description at most 2048, a precedence is 0 or more."
    )]
    InvalidGroup(String),
    /// AccessDeniedException: the AWS identity's IAM policies do not allow `operation`.
    #[error(
        "Your AWS identity may not call {operation}: its IAM policy must allow the action cognito-idp:{operation}. AWS said: {message}"
    )]
    AccessDenied {
        operation: &'static str,
        message: String,
    },
    /// No usable AWS credentials were found.
    #[error(
        "No usable AWS credentials: set a profile (--profile / AWS_PROFILE) or log in with 'aws sso login'."
    )]
    Credentials,
    /// ExpiredToken / ExpiredTokenException: the AWS credentials (a session token, an SSO
    /// login) have expired.
    #[error(
        "Your AWS credentials have expired: refresh them ('aws sso login --profile NAME' for an SSO profile, or new access keys / a new session token otherwise), then try again."
    )]
    CredentialsExpired,
    /// OperationNotEnabledException: Cognito has not enabled `operation` for this pool or
    /// account.
    #[error(
        "Cognito has not enabled {operation} for this pool or account: {message} Check the pool's feature plan and settings in the AWS console, or ask AWS support."
    )]
    OperationNotEnabled {
        operation: &'static str,
        message: String,
    },
    /// UserPoolTaggingException: the pool's tags could not be read or set.
    #[error(
        "Cognito failed on the pool's tags (UserPoolTaggingException): {0} Check the pool's tags in the AWS console, then try again."
    )]
    PoolTagging(String),
    /// ScopeDoesNotExistException, InvalidOAuthFlowException: an app client's OAuth settings.
    #[error(
        "Cognito refused the app client's OAuth settings: {0} Check its OAuth flows and scopes (a custom scope needs its resource server)."
    )]
    InvalidOAuthSettings(String),
    /// TierChangeNotAllowedException: the pool's feature plan cannot be changed so.
    #[error("Cognito does not allow this change of the pool's feature plan: {0}")]
    FeaturePlanChangeRefused(String),
    /// The connection failed or dropped before an answer came.
    #[error(
        "Cannot reach Cognito: the connection failed or dropped before an answer came; check the network, then try again."
    )]
    Unreachable,
    /// The request took too long.
    #[error("Cognito did not answer in time: check the network, or try again later.")]
    Timeout,
    /// The service failed with an HTTP 5xx and no error code.
    #[error(
        "Cognito failed on its side (HTTP {0}): try again in a moment; if it keeps failing, this endpoint may not support the operation."
    )]
    ServerError(u16),
    /// The export file could not be written.
    #[error("{0}")]
    Export(String),
    /// The AWS configuration files could not be read.
    #[error("{0}")]
    AwsFiles(String),
    /// The file to import could not be read.
    #[error("{0}")]
    ImportFile(String),
    /// LimitExceededException for an import job: the pool has as many jobs as Cognito allows.
    #[error(
        "Cognito's limit of import jobs is reached for this pool (LimitExceededException): wait until its running import jobs finish, or invite the users instead (Enter on the preview)."
    )]
    ImportJobLimit,
    /// The import job may not use the CloudWatch Logs role it was given.
    #[error(
        "Cognito cannot use that CloudWatch Logs role for the import job: {0} Check the role's ARN, that it trusts cognito-idp.amazonaws.com and may write to CloudWatch Logs, and that your identity may pass it (iam:PassRole)."
    )]
    ImportRoleRefused(String),
    /// PreconditionNotMetException: a condition Cognito needs for this call is not met.
    #[error("A condition Cognito needs for this is not met (PreconditionNotMetException): {0}")]
    PreconditionNotMet(String),
    /// PreconditionNotMetException on StartUserImportJob: the job is not in a state that
    /// allows starting it.
    #[error("The import job is not ready for this: {0}")]
    ImportJobNotReady(String),
    /// DescribeUserImportJob for a job the pool does not have.
    #[error(
        "Cognito has no such import job in this pool (ResourceNotFoundException): import again to make a new one."
    )]
    ImportJobNotFound,
    /// StopUserImportJob for a job Cognito no longer has.
    #[error(
        "Cognito has no such import job in this pool any more (ResourceNotFoundException): reload the list of jobs (r)."
    )]
    NoJobToStop,
    /// StopUserImportJob for a job that is not Pending or InProgress.
    #[error(
        "The import job is no longer Pending or InProgress, so it cannot be stopped (PreconditionNotMetException): reload the list of jobs (r) to see where it is."
    )]
    JobNotStoppable,
    /// AdminLinkProviderForUser or AdminDisableProviderForUser naming a provider the pool
    /// does not have.
    #[error(
        "The pool has no identity provider of that name (ResourceNotFoundException): check the name among the pool's identity providers (o in the table)."
    )]
    ProviderNotFound,
    /// AdminLinkProviderForUser for a user with as many linked identities as Cognito allows.
    #[error(
        "The user has as many linked identities as Cognito allows (LimitExceededException): unlink one first."
    )]
    LinkLimit,
    /// AdminDisableProviderForUser for an identity no user signs in with.
    #[error(
        "No user of the pool signs in with that identity (UserNotFoundException): check the provider's name and the user id."
    )]
    IdentityNotLinked,
    /// The import job's file could not be uploaded to its pre-signed URL.
    #[error(
        "The file could not be uploaded to the import job's pre-signed URL ({0}): the job was created but not started; import again to make a new one."
    )]
    UploadFailed(String),
    /// The audit log file could not be read.
    #[error("The audit log cannot be read: {0}")]
    AuditLog(String),
    /// The app client's secret did not match: SECRET_HASH was wrong or missing.
    #[error(
        "Cognito refused the app client's secret (SECRET_HASH): the client's secret has changed or the one configured (COGNITUI_CLIENT_SECRET, client_secret) is wrong; remove it so that cognitui reads the secret from Cognito, or choose the client again (p)."
    )]
    WrongClientSecret,
    /// The app client has a secret, but no SECRET_HASH was sent.
    #[error(
        "The app client has a secret, but cognitui sent no SECRET_HASH: it could not read the secret (DescribeUserPoolClient); set COGNITUI_CLIENT_SECRET or client_secret for this pool."
    )]
    MissingClientSecret,
    /// A wrong code from the authenticator app (TOTP).
    #[error(
        "That authenticator code is wrong: have the user read the current code of this account in their authenticator app, and check that the phone sets its clock automatically (the codes follow the clock)."
    )]
    TotpCodeMismatch,
    /// An MFA code sent by SMS or email has expired.
    #[error(
        "That {0} code has expired: sign in as the user again, and Cognito sends a new one; the user types the newest code only."
    )]
    MessageCodeExpired(&'static str),
    /// InternalErrorException: Cognito itself failed.
    #[error(
        "Cognito had an internal error (InternalErrorException, HTTP 500): try again in a moment; if it persists, check the AWS Health Dashboard for Cognito in this region."
    )]
    InternalError,
    /// TooManyFailedAttemptsException: too many failed tries of this action for the user.
    #[error(
        "Too many failed attempts for this user: Cognito blocks this action for them for a while; wait (up to 15 minutes) before the next try, or reset the password as admin."
    )]
    TooManyFailedAttempts,
    /// PasswordHistoryPolicyViolationException.
    #[error(
        "That password was used by this user recently, and the pool's password history forbids reusing it: choose a password they have not used before."
    )]
    PasswordHistory,
    /// ForbiddenException: AWS WAF (the web ACL on the pool) blocked the request.
    #[error(
        "AWS WAF blocked this request (ForbiddenException): a rule of the web ACL on the pool refused it; check the web ACL's rules (IP sets, rate limits) or send from an allowed address."
    )]
    Forbidden,
    /// UnsupportedOperationException: the operation is not enabled for this pool or client.
    #[error(
        "This is not enabled for this pool or app client: {0}. Turn it on in the pool's settings (sign-in options, the app client's authentication flows) first."
    )]
    UnsupportedOperation(String),
    /// FeatureUnavailableInTierException.
    #[error(
        "This needs a higher feature plan of the pool (Essentials or Plus): change the pool's feature plan in the AWS console, or do without it."
    )]
    FeatureUnavailableInTier,
    /// MFAMethodNotFoundException: the user has no MFA method Cognito could use.
    #[error(
        "Cognito found no MFA method for this user: set one up for them first (m on their page; SMS needs a verified phone number, email a verified email, TOTP an enrolled authenticator)."
    )]
    MfaMethodNotFound,
    /// InvalidUserPoolConfigurationException: the pool is not configured for this.
    #[error(
        "The pool's configuration does not allow this: {0} Fix the setting in the AWS console."
    )]
    InvalidPoolConfiguration(String),
    /// ConcurrentModificationException.
    #[error(
        "Someone changed this at the same moment (ConcurrentModificationException): read it again, then retry."
    )]
    ConcurrentModification,
    /// AdminDeleteSoftwareToken for a user without an authenticator app.
    #[error(
        "The user has no authenticator app (TOTP) registered: there is nothing to remove; they can enrol one when they sign in."
    )]
    NoAuthenticatorToRemove,
    /// DeleteWebAuthnCredential for a passkey that is not registered any more.
    #[error(
        "That passkey is not registered any more (deleted elsewhere?): read the list again (r)."
    )]
    PasskeyGone,
    /// A device challenge was refused: the device this terminal remembered was forgotten.
    #[error(
        "This terminal's remembered device was forgotten (by an admin, or by the user elsewhere), so cognitui has forgotten it too: sign in again (MFA is asked as usual), then remember the terminal again if wanted."
    )]
    DeviceForgotten,
    /// ConfirmDevice for a device key Cognito does not know (forgotten, or offered too long ago).
    #[error(
        "Cognito no longer knows the device this sign-in offered (forgotten, or the sign-in is too old): sign in again and remember the terminal from the new tokens screen."
    )]
    DeviceUnknown,
    /// ConfirmDevice refused the device's password verifier (InvalidPasswordException).
    #[error(
        "Cognito refused the password verifier cognitui made for this terminal's device: {0} Sign in again and remember the terminal from the new tokens screen."
    )]
    DeviceVerifierRefused(String),
    /// AdminForgetDevice for a device the user does not have (any more).
    #[error(
        "The user has no such device any more (forgotten elsewhere?): read their devices again."
    )]
    DeviceGone,
    /// AdminUpdateAuthEventFeedback for a sign-in event the user does not have.
    #[error(
        "Cognito has no such sign-in event for the user (too old, or not theirs): read their sign-in events again."
    )]
    EventGone,
    /// DeviceKeyExistsException: the device is confirmed already.
    #[error(
        "This device is already confirmed for the user: nothing to do; see it in their devices (d on their page)."
    )]
    DeviceKeyExists,
    /// Nothing accepts connections at the endpoint.
    #[error(
        "Cannot reach Cognito: nothing accepts connections at the endpoint (connection refused); check --endpoint-url and that the emulator or proxy there is running."
    )]
    ConnectionRefused,
    /// The endpoint's host name does not resolve.
    #[error(
        "Cannot reach Cognito: the endpoint's host name does not resolve (DNS lookup failed); check the region and --endpoint-url, or this computer's network and DNS."
    )]
    DnsFailure,
    /// The TLS handshake with the endpoint failed.
    #[error(
        "Cannot reach Cognito securely: the TLS handshake failed; check --endpoint-url (https:// to a plain http server?), a proxy that intercepts TLS, or the system's certificates."
    )]
    TlsFailure,
    /// Cognito's answer began (its headers said JSON) but was cut off on the way.
    #[error(
        "Cognito's answer was cut off on the way (HTTP {0}): the connection dropped before it ended; try again."
    )]
    AnswerCut(u16),
    /// An answer that is not what Cognito sends (not its JSON).
    #[error(
        "Cognito's answer could not be read (HTTP {0}, not the JSON Cognito sends): check that --endpoint-url points at Cognito, not at a proxy or web page."
    )]
    UnreadableResponse(u16),
    /// Any other service error, with its code and message.
    #[error("Cognito returned {code}: {message}")]
    Other { code: String, message: String },
}

impl CognitoError {
    /// Whether a change that failed this way may have been applied all the same: the request
    /// left, but its answer was lost (a timeout, a dropped connection, an unreadable answer,
    /// a server failure). The user must be read again before anyone is told what happened.
    pub fn answer_may_be_lost(&self) -> bool {
        matches!(
            self,
            Self::Timeout
                | Self::Unreachable
                | Self::ServerError(_)
                | Self::InternalError
                | Self::AnswerCut(_)
                | Self::UnreadableResponse(_)
        )
    }

    /// Whether the same request may well succeed later, as it is.
    pub fn transient(&self) -> bool {
        self.answer_may_be_lost()
            || matches!(
                self,
                Self::TooManyRequests
                    | Self::Credentials
                    | Self::CredentialsExpired
                    | Self::ConnectionRefused
                    | Self::DnsFailure
                    | Self::TlsFailure
                    | Self::ConcurrentModification
            )
    }

    /// The sentence for a failed MFA code of `kind` at sign-in or TOTP enrolment: a TOTP code
    /// comes from the user's authenticator app (Cognito sent nothing), an SMS or email code
    /// expires with its message.
    #[must_use]
    pub fn for_mfa_code(self, kind: MfaKind) -> Self {
        match (self, kind) {
            (Self::CodeMismatch, MfaKind::Totp) => Self::TotpCodeMismatch,
            (Self::ExpiredCode, MfaKind::Totp) => Self::TotpCodeExpired,
            (Self::ExpiredCode | Self::TotpCodeExpired, MfaKind::Sms) => {
                Self::MessageCodeExpired("SMS")
            }
            (Self::ExpiredCode | Self::TotpCodeExpired, MfaKind::Email) => {
                Self::MessageCodeExpired("email")
            }
            (other, _) => other,
        }
    }
}

/// `message` ending with a full stop.
pub(super) fn sentence(message: String) -> String {
    if message.ends_with('.') {
        message
    } else {
        format!("{message}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_get_their_sentence() {
        assert_eq!(
            CognitoError::from_code("UserNotFoundException", "User does not exist."),
            CognitoError::UserNotFound
        );
        assert_eq!(
            CognitoError::from_code("InvalidPasswordException", "Password must have numbers")
                .to_string(),
            "The password does not meet the pool's policy: Password must have numbers"
        );
    }

    #[test]
    fn a_secret_hash_refusal_is_not_a_wrong_password() {
        assert_eq!(
            CognitoError::from_code(
                "NotAuthorizedException",
                "Unable to verify secret hash for client 1example23456789"
            ),
            CognitoError::WrongClientSecret
        );
        assert_eq!(
            CognitoError::from_code(
                "NotAuthorizedException",
                "Client 1example23456789 is configured for secret but secret was not received"
            ),
            CognitoError::MissingClientSecret
        );
        assert_eq!(
            CognitoError::from_code("NotAuthorizedException", "Incorrect username or password."),
            CognitoError::NotAuthorized("Incorrect username or password.".into())
        );
    }

    #[test]
    fn mfa_codes_are_named_by_where_they_come_from() {
        assert_eq!(
            CognitoError::CodeMismatch.for_mfa_code(MfaKind::Totp),
            CognitoError::TotpCodeMismatch
        );
        assert_eq!(
            CognitoError::CodeMismatch.for_mfa_code(MfaKind::Sms),
            CognitoError::CodeMismatch
        );
        for (kind, medium) in [(MfaKind::Sms, "SMS"), (MfaKind::Email, "email")] {
            let e = CognitoError::TotpCodeExpired.for_mfa_code(kind);
            assert_eq!(e, CognitoError::MessageCodeExpired(medium));
            assert!(!e.to_string().contains("authenticator"), "{e}");
        }
    }

    #[test]
    fn unknown_codes_keep_code_and_message() {
        let e = CognitoError::from_code("WeirdException", "odd");
        assert_eq!(e.to_string(), "Cognito returned WeirdException: odd");
    }
}
