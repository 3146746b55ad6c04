//! What Cognito's refusal of a call means for that call: the one place that words an error
//! code per operation and per way the call was made, on top of what each code means
//! everywhere (`error_codes`). A missing resource is a group, a device, a passkey or an
//! import job there; a NotAuthorized is the sign-in's, the device's or the access token's.

use super::calls::Via;
use super::error::{CognitoError, sentence};

impl CognitoError {
    /// The sentence for Cognito's refusal (`code`, `message`) of `operation`, made `via`.
    pub(super) fn refused(operation: &'static str, via: Via, code: &str, message: &str) -> Self {
        let error = match code {
            "AccessDeniedException" => Self::AccessDenied {
                operation,
                message: message.to_owned(),
            },
            "OperationNotEnabledException" => Self::OperationNotEnabled {
                operation,
                message: sentence(message.to_owned()),
            },
            _ => Self::from_code(code, message),
        };
        for_call(operation, via, error)
    }
}

/// The refusals whose meaning depends on the operation; the rest depend on how it was made.
fn for_call(operation: &str, via: Via, e: CognitoError) -> CognitoError {
    use CognitoError as E;
    match (operation, e) {
        ("CreateGroup", E::LimitExceeded) => E::GroupLimit,
        (
            "CreateGroup" | "UpdateGroup" | "DeleteGroup" | "ListUsersInGroup",
            E::InvalidParameter(m),
        ) => E::InvalidGroup(m),
        ("UpdateGroup" | "DeleteGroup" | "ListUsersInGroup", E::ResourceNotFound) => {
            E::GroupNotFound
        }
        ("AdminAddUserToGroup" | "AdminRemoveUserFromGroup", E::ResourceNotFound) => E::NoSuchGroup,
        ("AdminForgetDevice", E::ResourceNotFound) => E::DeviceGone,
        ("AdminUpdateAuthEventFeedback", E::ResourceNotFound) => E::EventGone,
        ("AdminDeleteSoftwareToken", E::SoftwareTokenMfaNotFound) => E::NoAuthenticatorToRemove,
        ("AdminSetUserMFAPreference", E::InvalidParameter(m))
            if m.to_lowercase().contains("not verified software token") =>
        {
            E::SoftwareTokenMfaNotFound
        }
        (
            "AdminConfirmSignUp" | "ConfirmSignUp" | "ResendConfirmationCode",
            E::NotAuthorized(m) | E::InvalidParameter(m),
        ) if already_confirmed(&m) => E::AlreadyConfirmed,
        ("CreateUserImportJob" | "StartUserImportJob", e) => import_job(operation, e),
        ("DescribeUserImportJob", E::ResourceNotFound) => E::ImportJobNotFound,
        ("StopUserImportJob", E::ResourceNotFound) => E::NoJobToStop,
        ("StopUserImportJob", E::PreconditionNotMet(_)) => E::JobNotStoppable,
        ("AdminLinkProviderForUser" | "AdminDisableProviderForUser", E::ResourceNotFound) => {
            E::ProviderNotFound
        }
        ("AdminLinkProviderForUser", E::LimitExceeded) => E::LinkLimit,
        ("AdminDisableProviderForUser", E::UserNotFound) => E::IdentityNotLinked,
        ("SignUp" | "ListWebAuthnCredentials" | "DeleteWebAuthnCredential", E::LimitExceeded) => {
            E::QuotaExceeded
        }
        ("DeleteWebAuthnCredential", E::ResourceNotFound) => E::PasskeyGone,
        ("ConfirmDevice" | "UpdateDeviceStatus", E::ResourceNotFound) => E::DeviceUnknown,
        ("ConfirmDevice", E::InvalidPassword(m)) => E::DeviceVerifierRefused(sentence(m)),
        ("ConfirmDevice", E::UsernameExists) => E::DeviceKeyExists,
        ("VerifySoftwareToken", E::CodeMismatch) => E::TotpCodeMismatch,
        ("VerifySoftwareToken" | "AssociateSoftwareToken", E::ExpiredCode) => E::TotpCodeExpired,
        ("VerifySoftwareToken" | "AssociateSoftwareToken", E::NotAuthorized(_))
            if via == Via::SignIn =>
        {
            E::SessionExpired
        }
        (_, e) => by_way(via, e),
    }
}

/// The refusals whose meaning depends on how the call was made.
fn by_way(via: Via, e: CognitoError) -> CognitoError {
    use CognitoError as E;
    match (via, e) {
        (Via::AccessToken, E::NotAuthorized(_)) => E::AccessTokenInvalid,
        (Via::AccessToken, E::UserNotFound) => E::TokenUserNotFound,
        (Via::Device, E::NotAuthorized(m)) if !m.to_lowercase().contains("session") => {
            E::DeviceForgotten
        }
        (Via::Device, E::ResourceNotFound) => E::DeviceForgotten,
        (Via::SignIn | Via::Device, e) => sign_in(e),
        (Via::Iam | Via::App | Via::AccessToken, e) => e,
    }
}

/// Sign-in refusals all come back as NotAuthorized: told apart by Cognito's message. An
/// expired code at sign-in is the authenticator's until the answer says otherwise.
fn sign_in(e: CognitoError) -> CognitoError {
    match e {
        CognitoError::NotAuthorized(message) => {
            let m = message.to_lowercase();
            if m.contains("disabled") {
                CognitoError::UserDisabled
            } else if m.contains("temporary password has expired") {
                CognitoError::TemporaryPasswordExpired
            } else if m.contains("attempts exceeded") {
                CognitoError::LimitExceeded
            } else if m.contains("session") {
                CognitoError::SessionExpired
            } else {
                CognitoError::WrongPassword
            }
        }
        CognitoError::ExpiredCode => CognitoError::TotpCodeExpired,
        other => other,
    }
}

/// A confirmed user's code calls are refused with NotAuthorized ("Current status is
/// CONFIRMED") or InvalidParameter ("User is already confirmed").
fn already_confirmed(message: &str) -> bool {
    let m = message.to_lowercase();
    m.contains("already confirmed") || m.contains("current status is confirmed")
}

/// Making or starting an import job: LimitExceeded is the pool's limit of jobs; a
/// NotAuthorized, and a rejected or denied role, are about the CloudWatch Logs role; a
/// precondition of StartUserImportJob is the job's state.
fn import_job(operation: &str, e: CognitoError) -> CognitoError {
    use CognitoError as E;
    match e {
        E::LimitExceeded => E::ImportJobLimit,
        E::NotAuthorized(m) => E::ImportRoleRefused(sentence(m)),
        E::InvalidParameter(m) | E::AccessDenied { message: m, .. }
            if m.to_lowercase().contains("role") =>
        {
            E::ImportRoleRefused(sentence(m))
        }
        E::PreconditionNotMet(m) if operation == "StartUserImportJob" => E::ImportJobNotReady(m),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(operation: &'static str, via: Via, code: &str, message: &str) -> CognitoError {
        CognitoError::refused(operation, via, code, message)
    }

    #[test]
    fn sign_in_refusals_are_told_apart() {
        let na = |m: &str| refused("InitiateAuth", Via::SignIn, "NotAuthorizedException", m);
        assert_eq!(
            na("Incorrect username or password."),
            CognitoError::WrongPassword
        );
        assert_eq!(na("User is disabled."), CognitoError::UserDisabled);
        assert_eq!(
            na("Temporary password has expired and must be reset by an administrator."),
            CognitoError::TemporaryPasswordExpired
        );
        assert_eq!(
            na("Password attempts exceeded"),
            CognitoError::LimitExceeded
        );
        assert_eq!(
            na("Invalid session for the user, session is expired."),
            CognitoError::SessionExpired
        );
    }

    #[test]
    fn device_refusals_are_told_apart() {
        let device = |code: &str, m: &str| refused("RespondToAuthChallenge", Via::Device, code, m);
        let na = |m: &str| device("NotAuthorizedException", m);
        assert_eq!(na("Device does not exist."), CognitoError::DeviceForgotten);
        assert_eq!(
            device("ResourceNotFoundException", "Device not found."),
            CognitoError::DeviceForgotten
        );
        assert_eq!(
            na("Invalid session for the user."),
            CognitoError::SessionExpired
        );
        let confirm = |code: &str, m: &str| refused("ConfirmDevice", Via::AccessToken, code, m);
        assert_eq!(
            confirm("ResourceNotFoundException", "Device not found."),
            CognitoError::DeviceUnknown
        );
        assert_eq!(
            confirm("NotAuthorizedException", "Access Token has expired"),
            CognitoError::AccessTokenInvalid
        );
    }

    #[test]
    fn confirmed_users_are_told_apart() {
        let confirm = |code: &str, m: &str| refused("ConfirmSignUp", Via::App, code, m);
        assert_eq!(
            confirm(
                "NotAuthorizedException",
                "User cannot be confirmed. Current status is CONFIRMED"
            ),
            CognitoError::AlreadyConfirmed
        );
        assert_eq!(
            confirm("InvalidParameterException", "User is already confirmed."),
            CognitoError::AlreadyConfirmed
        );
        assert_eq!(
            confirm("NotAuthorizedException", "Invalid code"),
            CognitoError::NotAuthorized("Invalid code".into())
        );
    }

    #[test]
    fn a_role_refused_for_an_import_job_names_the_role() {
        let e = refused(
            "CreateUserImportJob",
            Via::Iam,
            "AccessDeniedException",
            "Not allowed to pass role arn:aws:iam::1:role/logs",
        );
        assert!(matches!(e, CognitoError::ImportRoleRefused(_)), "{e:?}");
    }
}
