//! How Cognito's answers become a `CognitoError`: what each of the service's error codes means
//! wherever it comes from, and the network or credential failure behind a request that got
//! no answer. What a code means for the call it answers is `refusals`'.

use aws_sdk_cognitoidentityprovider::config::http::HttpResponse;
use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};

use super::calls::{Call, Via};
use super::error::{CognitoError, sentence};

impl CognitoError {
    /// Maps a service error code (such as `UserNotFoundException`) and message, as it reads
    /// for any call.
    pub(super) fn from_code(code: &str, message: &str) -> Self {
        let message = message.to_owned();
        match code {
            "UserNotFoundException" => Self::UserNotFound,
            "UsernameExistsException" => Self::UsernameExists,
            "UserNotConfirmedException" => Self::UserNotConfirmed,
            "NotAuthorizedException" if names_client_secret(&message) => {
                if message.to_lowercase().contains("not received") {
                    Self::MissingClientSecret
                } else {
                    Self::WrongClientSecret
                }
            }
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
            "GroupExistsException" => Self::GroupExists,
            "InternalErrorException" => Self::InternalError,
            "TooManyFailedAttemptsException" => Self::TooManyFailedAttempts,
            "PasswordHistoryPolicyViolationException" => Self::PasswordHistory,
            "ForbiddenException" => Self::Forbidden,
            "UnsupportedOperationException" => {
                Self::UnsupportedOperation(message.trim_end_matches('.').to_owned())
            }
            "FeatureUnavailableInTierException" => Self::FeatureUnavailableInTier,
            "MFAMethodNotFoundException" => Self::MfaMethodNotFound,
            "InvalidUserPoolConfigurationException" => {
                Self::InvalidPoolConfiguration(sentence(message))
            }
            "ConcurrentModificationException" => Self::ConcurrentModification,
            "PreconditionNotMetException" => Self::PreconditionNotMet(sentence(message)),
            "DeviceKeyExistsException" => Self::DeviceKeyExists,
            "UserPoolTaggingException" => Self::PoolTagging(sentence(message)),
            "ScopeDoesNotExistException" | "InvalidOAuthFlowException" => {
                Self::InvalidOAuthSettings(sentence(message))
            }
            "TierChangeNotAllowedException" => Self::FeaturePlanChangeRefused(sentence(message)),
            "ExpiredToken" | "ExpiredTokenException" => Self::CredentialsExpired,
            "UnrecognizedClientException"
            | "InvalidSignatureException"
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
    E: Call + ProvideErrorMetadata + std::error::Error + 'static,
{
    /// The failure of a call made the way cognitui makes that operation.
    fn from(err: SdkError<E, HttpResponse>) -> Self {
        Self::made_via(&err, E::VIA)
    }
}

impl CognitoError {
    /// The failure of a call of `E`'s operation made `via` (for an operation that cognitui
    /// makes more than one way, such as TOTP enrolment with a sign-in session or an access
    /// token).
    pub fn made_via<E>(err: &SdkError<E, HttpResponse>, via: Via) -> Self
    where
        E: Call + ProvideErrorMetadata + std::error::Error + 'static,
    {
        match err {
            SdkError::ServiceError(service) => {
                let e = service.err();
                let status = service.raw().status().as_u16();
                match e.code() {
                    Some(code) => {
                        Self::refused(E::OPERATION, via, code, e.message().unwrap_or_default())
                    }
                    None if status >= 500 => Self::ServerError(status),
                    // An error without a code is not what Cognito sends (a web page, a proxy).
                    None => Self::UnreadableResponse(status),
                }
            }
            SdkError::TimeoutError(_) => Self::Timeout,
            SdkError::DispatchFailure(failure) => {
                if failure.is_timeout() {
                    Self::Timeout
                } else if failure.is_user() || mentions_credentials(err) {
                    credentials(err)
                } else {
                    network_error(err)
                }
            }
            // An answer that could not be read: a server failure when its status says so.
            SdkError::ResponseError(response) if response.raw().status().as_u16() >= 500 => {
                Self::ServerError(response.raw().status().as_u16())
            }
            // Cognito's JSON that did not parse was cut off on the way; anything else is not
            // Cognito's (a web page, a proxy's answer).
            SdkError::ResponseError(response) => {
                let raw = response.raw();
                let status = raw.status().as_u16();
                let json = raw
                    .headers()
                    .get("content-type")
                    .is_some_and(|t| t.contains("json"));
                if json {
                    Self::AnswerCut(status)
                } else {
                    Self::UnreadableResponse(status)
                }
            }
            _ if mentions_credentials(err) => credentials(err),
            _ => Self::Other {
                code: "ClientError".into(),
                message: error_chain(err),
            },
        }
    }
}

/// Whether a NotAuthorized message is about the app client's secret: "Unable to verify secret
/// hash for client ...", "Client ... is configured for secret but secret was not received".
fn names_client_secret(message: &str) -> bool {
    let m = message.to_lowercase();
    m.contains("secret hash") || (m.contains("client") && m.contains("secret"))
}

/// Why a request never got an answer, from the connector's source chain: refused, a DNS
/// lookup that failed, a TLS handshake that failed, or anything else on the way.
fn network_error(err: &(dyn std::error::Error + 'static)) -> CognitoError {
    let mut source = Some(err);
    while let Some(e) = source {
        if e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused)
        {
            return CognitoError::ConnectionRefused;
        }
        source = e.source();
    }
    let text = error_chain(err).to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if any(&["connection refused"]) {
        CognitoError::ConnectionRefused
    } else if any(&[
        "dns error",
        "failed to lookup address",
        "name or service not known",
        "nodename nor servname",
        "no such host",
        "name resolution",
    ]) {
        CognitoError::DnsFailure
    } else if any(&[
        "tls",
        "certificate",
        "corrupt message",
        "handshake",
        "unknownissuer",
    ]) {
        CognitoError::TlsFailure
    } else {
        CognitoError::Unreachable
    }
}

/// Credentials that could not be had: expired ones (an SSO login, a session token) are said so.
fn credentials(err: &(dyn std::error::Error + 'static)) -> CognitoError {
    if error_chain(err).to_lowercase().contains("expired") {
        CognitoError::CredentialsExpired
    } else {
        CognitoError::Credentials
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
