//! One error enum for every Cognito failure, each with a sentence a support agent can act on.

use aws_sdk_cognitoidentityprovider::config::http::HttpResponse;
use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};

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
    /// The IAM identity may not call this operation.
    #[error("Your AWS identity is not allowed to do this: {0}")]
    AccessDenied(String),
    /// No usable AWS credentials were found.
    #[error(
        "No usable AWS credentials: set a profile (--profile / AWS_PROFILE) or log in with 'aws sso login'."
    )]
    Credentials,
    /// The endpoint could not be reached.
    #[error("Cannot reach Cognito: check the network or the endpoint.")]
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
    /// The audit log file could not be read.
    #[error("The audit log cannot be read: {0}")]
    AuditLog(String),
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
            Self::Timeout | Self::Unreachable | Self::ServerError(_)
        )
    }

    /// Whether the same request may well succeed later, as it is.
    pub fn transient(&self) -> bool {
        self.answer_may_be_lost() || matches!(self, Self::TooManyRequests | Self::Credentials)
    }

    /// Maps a service error code (such as `UserNotFoundException`) and message.
    pub fn from_code(code: &str, message: &str) -> Self {
        let message = message.to_owned();
        match code {
            "UserNotFoundException" => Self::UserNotFound,
            "UsernameExistsException" => Self::UsernameExists,
            "UserNotConfirmedException" => Self::UserNotConfirmed,
            "NotAuthorizedException" => Self::NotAuthorized(message),
            "InvalidPasswordException" => Self::InvalidPassword(message),
            "InvalidParameterException" => Self::InvalidParameter(message),
            "CodeMismatchException" => Self::CodeMismatch,
            "ExpiredCodeException" => Self::ExpiredCode,
            "LimitExceededException" => Self::LimitExceeded,
            "UserPoolAddOnNotEnabledException" => Self::ThreatProtectionOff,
            "UnsupportedUserStateException" => Self::UnsupportedUserState(message),
            "InvalidSmsRoleAccessPolicyException"
            | "InvalidSmsRoleTrustRelationshipException"
            | "InvalidEmailRoleAccessPolicyException" => Self::DeliveryNotConfigured,
            "UserLambdaValidationException"
            | "UnexpectedLambdaException"
            | "InvalidLambdaResponseException" => Self::LambdaTrigger(message),
            "TooManyRequestsException" | "ThrottlingException" => Self::TooManyRequests,
            "CodeDeliveryFailureException" => Self::CodeDeliveryFailure,
            "AliasExistsException" => Self::AliasExists,
            "PasswordResetRequiredException" => Self::PasswordResetRequired,
            "SoftwareTokenMFANotFoundException" => Self::SoftwareTokenMfaNotFound,
            "EnableSoftwareTokenMFAException" => Self::EnableSoftwareTokenMfa,
            "ResourceNotFoundException" => Self::ResourceNotFound,
            "AccessDeniedException" => Self::AccessDenied(message),
            "UnrecognizedClientException"
            | "InvalidSignatureException"
            | "ExpiredTokenException"
            | "MissingAuthenticationTokenException" => Self::Credentials,
            _ => Self::Other {
                code: code.to_owned(),
                message,
            },
        }
    }
}

impl<E> From<SdkError<E, HttpResponse>> for CognitoError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    fn from(err: SdkError<E, HttpResponse>) -> Self {
        match &err {
            SdkError::ServiceError(service) => {
                let e = service.err();
                let status = service.raw().status().as_u16();
                match e.code() {
                    Some(code) => Self::from_code(code, e.message().unwrap_or_default()),
                    None if status >= 500 => Self::ServerError(status),
                    None => Self::Other {
                        code: "UnknownError".into(),
                        message: e.message().unwrap_or("no message").to_owned(),
                    },
                }
            }
            SdkError::TimeoutError(_) => Self::Timeout,
            SdkError::DispatchFailure(failure) => {
                if failure.is_timeout() {
                    Self::Timeout
                } else if failure.is_user() || mentions_credentials(&err) {
                    Self::Credentials
                } else {
                    Self::Unreachable
                }
            }
            // An answer that could not be read: a server failure when its status says so.
            SdkError::ResponseError(response) if response.raw().status().as_u16() >= 500 => {
                Self::ServerError(response.raw().status().as_u16())
            }
            SdkError::ResponseError(_) => Self::Unreachable,
            _ if mentions_credentials(&err) => Self::Credentials,
            _ => Self::Other {
                code: "ClientError".into(),
                message: error_chain(&err),
            },
        }
    }
}

fn mentions_credentials(err: &(dyn std::error::Error + 'static)) -> bool {
    error_chain(err).to_lowercase().contains("credential")
}

fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
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
    fn unknown_codes_keep_code_and_message() {
        let e = CognitoError::from_code("WeirdException", "odd");
        assert_eq!(e.to_string(), "Cognito returned WeirdException: odd");
    }
}
