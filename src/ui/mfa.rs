//! The pool's MFA in a few words, for a user's page and the MFA menu.

use crate::cognito::mfa::unavailable;
use crate::cognito::model::PoolMfa;

/// The pool's MFA in a few words: "OPTIONAL with TOTP, SMS", or why it is not known.
pub(crate) fn pool_mfa_text(read: &Result<PoolMfa, crate::cognito::CognitoError>) -> String {
    match read {
        Ok(p) => {
            let factors = p.factor_labels();
            if factors.is_empty() {
                format!("{}, no factor on", p.configuration)
            } else {
                format!("{} with {}", p.configuration, factors.join(", "))
            }
        }
        Err(e) => unavailable("GetUserPoolMfaConfig", e),
    }
}
