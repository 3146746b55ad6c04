//! What a report says about one user: their MFA and groups (AdminGetUser,
//! AdminListGroupsForUser) and, where the pool has threat protection, when they last signed in
//! (AdminListUserAuthEvents).

use chrono::{DateTime, Utc};

use super::Cognito;
use super::error::CognitoError;
use super::model::UserDetail;

/// One user's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserReport {
    pub detail: UserDetail,
    /// When asked for: the latest successful sign-in among their latest events (`None`: none
    /// there), or why the events could not be read.
    pub last_sign_in: Option<Result<Option<DateTime<Utc>>, CognitoError>>,
}

impl Cognito {
    /// `username`'s report; their sign-in events only with `sign_ins`.
    pub async fn report_user(
        &self,
        pool_id: &str,
        username: &str,
        sign_ins: bool,
    ) -> Result<UserReport, CognitoError> {
        let detail = self.get_user(pool_id, username).await?;
        let last_sign_in = if sign_ins {
            Some(self.auth_events(pool_id, username).await.map(|events| {
                events
                    .iter()
                    .find(|e| e.kind == "SignIn" && e.response == "Pass")
                    .and_then(|e| e.time)
            }))
        } else {
            None
        };
        Ok(UserReport {
            detail,
            last_sign_in,
        })
    }
}
