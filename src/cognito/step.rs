//! Cognito's answer to a sign-in step, read into an `AuthStep`: the tokens, or the next
//! challenge with its session; and the refusals of sign-in and enrolment calls told apart.

use std::collections::HashMap;

use aws_sdk_cognitoidentityprovider::operation::admin_initiate_auth::AdminInitiateAuthOutput;
use aws_sdk_cognitoidentityprovider::operation::admin_respond_to_auth_challenge::AdminRespondToAuthChallengeOutput;
use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;
use aws_sdk_cognitoidentityprovider::types::{AuthenticationResultType, ChallengeNameType};

use super::auth::{AuthSession, AuthStep, Challenge, Factor, MfaKind, Tokens};
use super::device::{DeviceAtSignIn, NewDevice};
use super::sensitive::Sensitive;

/// The four sign-in operations answer with the same fields.
pub(super) trait AuthOutput {
    fn step(&self, typed_username: &str) -> AuthStep;
}

macro_rules! auth_output {
    ($($output:ty),*) => {$(
        impl AuthOutput for $output {
            fn step(&self, typed_username: &str) -> AuthStep {
                step(
                    typed_username,
                    self.challenge_name(),
                    self.session(),
                    self.challenge_parameters(),
                    self.authentication_result(),
                )
            }
        }
    )*};
}

auth_output!(
    AdminInitiateAuthOutput,
    InitiateAuthOutput,
    AdminRespondToAuthChallengeOutput,
    RespondToAuthChallengeOutput
);

fn step(
    typed_username: &str,
    name: Option<&ChallengeNameType>,
    session: Option<&str>,
    params: Option<&HashMap<String, String>>,
    result: Option<&AuthenticationResultType>,
) -> AuthStep {
    if let Some(r) = result {
        return AuthStep::SignedIn(Tokens {
            id: Sensitive::new(r.id_token().unwrap_or_default().to_owned()),
            access: Sensitive::new(r.access_token().unwrap_or_default().to_owned()),
            refresh: r.refresh_token().map(|t| Sensitive::new(t.to_owned())),
            // The SDK reads a missing ExpiresIn as 0: that is "not said", not "expired".
            expires_in_secs: (r.expires_in() > 0).then(|| i64::from(r.expires_in())),
            device: r.new_device_metadata().and_then(|d| {
                Some(DeviceAtSignIn::New(NewDevice {
                    key: d.device_key()?.to_owned(),
                    group_key: d.device_group_key()?.to_owned(),
                }))
            }),
        });
    }
    let empty = HashMap::new();
    let params = params.unwrap_or(&empty);
    let param = |k: &str| params.get(k).filter(|v| !v.is_empty()).cloned();
    let name = name.map_or("", ChallengeNameType::as_str);
    let challenge = match name {
        "NEW_PASSWORD_REQUIRED" => Challenge::NewPasswordRequired {
            required: required_attributes(param("requiredAttributes").as_deref()),
        },
        "MFA_SETUP" => Challenge::MfaSetup {
            can_setup: kinds(
                param("MFAS_CAN_SETUP")
                    .as_deref()
                    .unwrap_or("SOFTWARE_TOKEN_MFA"),
            ),
        },
        "SELECT_MFA_TYPE" => Challenge::SelectMfaType {
            options: kinds(param("MFAS_CAN_CHOOSE").as_deref().unwrap_or_default()),
        },
        // InitiateAuth names the choices in AvailableChallenges, which its caller fills in.
        "SELECT_CHALLENGE" => Challenge::SelectChallenge {
            available: Vec::new(),
        },
        "SMS_OTP" => Challenge::Otp {
            factor: Factor::SmsOtp,
            destination: param("CODE_DELIVERY_DESTINATION"),
        },
        "CUSTOM_CHALLENGE" => Challenge::Custom {
            parameters: public_parameters(params),
        },
        "DEVICE_SRP_AUTH" => Challenge::DeviceSrpAuth,
        other => match MfaKind::from_name(other) {
            Some(kind) => Challenge::Code {
                kind,
                destination: param("CODE_DELIVERY_DESTINATION"),
            },
            None => Challenge::Unsupported(other.to_owned()),
        },
    };
    AuthStep::Challenge {
        challenge,
        session: AuthSession {
            // USER_ID_FOR_SRP is the real username when the user typed an alias (email).
            username: param("USER_ID_FOR_SRP")
                .or_else(|| param("USERNAME"))
                .unwrap_or_else(|| typed_username.to_owned()),
            session: Sensitive::new(session.unwrap_or_default().to_owned()),
        },
    }
}

/// An EMAIL_OTP challenge answering the user's choice of a code is their first factor, not MFA.
pub(super) fn first_factor_code(step: AuthStep) -> AuthStep {
    match step {
        AuthStep::Challenge {
            challenge:
                Challenge::Code {
                    kind: MfaKind::Email,
                    destination,
                },
            session,
        } => AuthStep::Challenge {
            challenge: Challenge::Otp {
                factor: Factor::EmailOtp,
                destination,
            },
            session,
        },
        other => other,
    }
}

/// The parameters of a CUSTOM_CHALLENGE worth showing: what the pool's Lambda made public,
/// without the user's names (shown already) and without anything named like a secret.
fn public_parameters(params: &HashMap<String, String>) -> Vec<(String, String)> {
    let mut shown: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| {
            let k = k.to_uppercase();
            !matches!(k.as_str(), "USERNAME" | "USER_ID_FOR_SRP")
                && !["SECRET", "PASSWORD", "TOKEN", "SESSION", "ANSWER", "CODE"]
                    .iter()
                    .any(|word| k.contains(word))
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    shown.sort();
    shown
}

/// The attribute names of NEW_PASSWORD_REQUIRED's `requiredAttributes`, a JSON list of
/// `userAttributes.NAME`; none when it is missing or unreadable.
fn required_attributes(list: Option<&str>) -> Vec<String> {
    list.and_then(|l| serde_json::from_str::<Vec<String>>(l).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|n| n.strip_prefix("userAttributes.").unwrap_or(&n).to_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

/// MFA kinds named in a challenge parameter. AWS sends a JSON list (`["SMS_MFA"]`); the
/// emulator a Python one (`['SMS_MFA']`): take the names either way.
fn kinds(list: &str) -> Vec<MfaKind> {
    list.split(|c: char| !(c.is_ascii_uppercase() || c == '_'))
        .filter_map(MfaKind::from_name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_json_or_python_lists() {
        assert_eq!(
            kinds(r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#),
            vec![MfaKind::Sms, MfaKind::Totp]
        );
        assert_eq!(kinds("['SOFTWARE_TOKEN_MFA']"), vec![MfaKind::Totp]);
        assert_eq!(kinds(""), vec![]);
    }

    #[test]
    fn required_attributes_by_name() {
        assert_eq!(
            required_attributes(Some(
                r#"["userAttributes.given_name","userAttributes.family_name"]"#
            )),
            vec!["given_name", "family_name"]
        );
        assert_eq!(required_attributes(Some("[]")), Vec::<String>::new());
        assert_eq!(required_attributes(None), Vec::<String>::new());
    }
}
