//! Admin MFA: what the user's page shows beside the user (their authentication factors and the
//! pool's MFA configuration, read with them), the MFA menu (`m`: TOTP, SMS and email enabled,
//! preferred or off, and a lost authenticator removed), and the signed-in user's passkeys (from
//! the tokens screen), each change through the confirmation.

use std::collections::HashMap;

use super::App;
use crate::action::{Action, Outcome, Response};
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::auth::MfaSetting;
use crate::cognito::mfa::{AuthFactors, MfaFactor, MfaPreference, unavailable};
use crate::cognito::model::PoolMfa;

/// What a choice of the MFA menu does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MfaChange {
    /// AdminSetUserMFAPreference for one factor.
    Set(MfaFactor, MfaSetting),
    /// AdminDeleteSoftwareToken: the user lost their authenticator; they enrol again.
    LostAuthenticator,
}

/// One line of the MFA menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MfaChoice {
    pub label: &'static str,
    pub change: MfaChange,
}

const PREFERRED: MfaSetting = MfaSetting {
    enabled: true,
    preferred: true,
};
const ENABLED: MfaSetting = MfaSetting {
    enabled: true,
    preferred: false,
};
const OFF: MfaSetting = MfaSetting {
    enabled: false,
    preferred: false,
};

/// The admin MFA changes offered, in menu order.
pub const MFA_CHOICES: [MfaChoice; 10] = [
    MfaChoice {
        label: "TOTP (authenticator app): enabled and preferred",
        change: MfaChange::Set(MfaFactor::Totp, PREFERRED),
    },
    MfaChoice {
        label: "TOTP (authenticator app): enabled, not preferred",
        change: MfaChange::Set(MfaFactor::Totp, ENABLED),
    },
    MfaChoice {
        label: "TOTP (authenticator app): off",
        change: MfaChange::Set(MfaFactor::Totp, OFF),
    },
    MfaChoice {
        label: "SMS: enabled and preferred",
        change: MfaChange::Set(MfaFactor::Sms, PREFERRED),
    },
    MfaChoice {
        label: "SMS: enabled, not preferred",
        change: MfaChange::Set(MfaFactor::Sms, ENABLED),
    },
    MfaChoice {
        label: "SMS: off",
        change: MfaChange::Set(MfaFactor::Sms, OFF),
    },
    MfaChoice {
        label: "Email: enabled and preferred",
        change: MfaChange::Set(MfaFactor::Email, PREFERRED),
    },
    MfaChoice {
        label: "Email: enabled, not preferred",
        change: MfaChange::Set(MfaFactor::Email, ENABLED),
    },
    MfaChoice {
        label: "Email: off",
        change: MfaChange::Set(MfaFactor::Email, OFF),
    },
    MfaChoice {
        label: "Lost authenticator: remove the TOTP factor, the user enrols again",
        change: MfaChange::LostAuthenticator,
    },
];

impl MfaChoice {
    /// The change this choice makes for `username`.
    pub fn action(&self, pool_id: String, username: String) -> Action {
        Action::Admin {
            pool_id,
            username,
            calls: vec![self.call()],
        }
    }

    /// The call this choice makes.
    pub fn call(&self) -> AdminCall {
        match self.change {
            MfaChange::LostAuthenticator => AdminCall::DeleteSoftwareToken,
            MfaChange::Set(factor, setting) => {
                AdminCall::SetMfa(MfaPreference::only(factor, setting))
            }
        }
    }
}

/// What was read about a user's MFA with their page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserMfa {
    /// AdminGetUser's PreferredMfaSetting.
    pub preferred: Option<String>,
    /// AdminGetUser's UserMFASettingList.
    pub enabled: Vec<String>,
    /// AdminGetUserAuthFactors, or why it could not be read.
    pub factors: Result<AuthFactors, CognitoError>,
}

impl UserMfa {
    /// The sign-in factors as one line, or the sentence saying why they are not shown.
    pub fn factors_line(&self) -> String {
        match &self.factors {
            Ok(f) if f.configured.is_empty() => "none configured".to_owned(),
            Ok(f) => f.configured.join(", "),
            Err(e) => unavailable("AdminGetUserAuthFactors", e),
        }
    }
}

/// The MFA reads kept beside the screens: by username, and the pool's configuration.
#[derive(Debug, Clone, Default)]
pub struct MfaReads {
    users: HashMap<String, UserMfa>,
    /// The pool it was read for, and GetUserPoolMfaConfig or why it could not be read.
    pool: Option<(String, Result<PoolMfa, CognitoError>)>,
}

impl MfaReads {
    /// What was read about `username`'s MFA with their page, if it was.
    pub fn user(&self, username: &str) -> Option<&UserMfa> {
        self.users.get(username)
    }

    /// The MFA configuration of the pool `pool_id` (the pool open), once read.
    pub fn pool(&self, pool_id: Option<&str>) -> Option<&Result<PoolMfa, CognitoError>> {
        let (read_for, read) = self.pool.as_ref()?;
        (pool_id == Some(read_for.as_str())).then_some(read)
    }
}

impl App {
    /// What was read about `username`'s MFA with their page, if it was.
    pub fn user_mfa(&self, username: &str) -> Option<&UserMfa> {
        self.mfa.user(username)
    }

    /// The MFA configuration of the pool open now, once read.
    pub fn pool_mfa(&self) -> Option<&Result<PoolMfa, CognitoError>> {
        self.mfa
            .pool(self.choice.as_ref().map(|c| c.user_pool_id.as_str()))
    }

    /// Keeps what was read beside a user (factors, the pool's MFA configuration) and hands on
    /// the rest as the plain answer of AdminGetUser, which every screen knows.
    /// The MFA of `username` as last read: the preferred method and the enabled ones.
    pub(super) fn mfa_of(&self, username: &str) -> Option<(Option<String>, Vec<String>)> {
        self.mfa
            .users
            .get(username)
            .map(|m| (m.preferred.clone(), m.enabled.clone()))
    }

    pub(super) fn keep_side_reads(&mut self, response: Response) -> Response {
        let Response { id, outcome } = response;
        let outcome = match outcome {
            Outcome::UserRead(read) => {
                let crate::action::UserRead {
                    user,
                    factors,
                    pool_mfa,
                } = *read;
                if let (Some(Action::GetUser { pool_id, username }), Ok(detail)) =
                    (self.in_flight.get(&id), &user)
                {
                    self.mfa.users.insert(
                        username.clone(),
                        UserMfa {
                            preferred: detail.preferred_mfa.clone(),
                            enabled: detail.mfa_enabled.clone(),
                            factors,
                        },
                    );
                    self.mfa.pool = Some((pool_id.clone(), pool_mfa));
                }
                Outcome::User(user)
            }
            other => other,
        };
        Response { id, outcome }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_choice_sets_one_factor_or_removes_the_authenticator() {
        let actions: Vec<Action> = MFA_CHOICES
            .iter()
            .map(|c| c.action("p".into(), "ann".into()))
            .collect();
        assert_eq!(
            actions[6],
            Action::Admin {
                pool_id: "p".into(),
                username: "ann".into(),
                calls: vec![AdminCall::SetMfa(MfaPreference {
                    email: Some(PREFERRED),
                    ..MfaPreference::default()
                })],
            }
        );
        assert_eq!(
            actions[9],
            Action::Admin {
                pool_id: "p".into(),
                username: "ann".into(),
                calls: vec![AdminCall::DeleteSoftwareToken],
            }
        );
        assert!(actions.iter().all(Action::mutates));
    }
}
