//! The one-line diagnosis a support agent reads first on the detail screen.

use chrono::{DateTime, Utc};

use crate::cognito::model::{User, UserStatus};

/// How urgent the diagnosis is; decides its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Ok,
    Attention,
    Blocked,
}

/// What is wrong with a user, and the remedy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub severity: Severity,
    pub text: String,
}

impl Diagnosis {
    fn new(severity: Severity, text: impl Into<String>) -> Self {
        Self {
            severity,
            text: text.into(),
        }
    }
}

/// Diagnoses `user` at time `now`, given how long the pool's temporary passwords last.
pub fn diagnose(user: &User, now: DateTime<Utc>, temporary_password_days: i64) -> Diagnosis {
    use Severity::{Attention, Blocked, Ok};
    if !user.enabled {
        return Diagnosis::new(
            Blocked,
            "Disabled — the user cannot sign in until an admin enables them",
        );
    }
    let age = |t: Option<DateTime<Utc>>| t.map(|t| (now - t).num_days());
    match &user.status {
        UserStatus::Unconfirmed => Diagnosis::new(
            Attention,
            format!(
                "UNCONFIRMED for {} — resend the code or confirm",
                days(age(user.created))
            ),
        ),
        UserStatus::ForceChangePassword => {
            let sent = user.invitation_age_days(now).unwrap_or(0);
            if sent >= temporary_password_days {
                Diagnosis::new(
                    Blocked,
                    format!(
                        "Invitation expired {} ago — resend the invitation",
                        days(Some(sent - temporary_password_days))
                    ),
                )
            } else {
                Diagnosis::new(
                    Attention,
                    format!(
                        "Invited, temporary password valid {} more — the user signs in and sets a new password",
                        days(Some(temporary_password_days - sent))
                    ),
                )
            }
        }
        UserStatus::ResetRequired => Diagnosis::new(
            Attention,
            "Password reset by an admin — the user must finish 'forgot password' with the code sent",
        ),
        UserStatus::Compromised => Diagnosis::new(
            Blocked,
            "Credentials flagged as compromised — set a new password",
        ),
        UserStatus::Confirmed if user.email().is_some() && !user.email_verified() => {
            Diagnosis::new(
                Attention,
                "CONFIRMED but email not verified — password reset will fail",
            )
        }
        UserStatus::Confirmed => Diagnosis::new(Ok, "Healthy — confirmed and enabled"),
        UserStatus::ExternalProvider => Diagnosis::new(
            Ok,
            "Signs in through an external identity provider — manage the account there",
        ),
        UserStatus::Archived | UserStatus::Unknown(_) => Diagnosis::new(
            Attention,
            format!(
                "Status {} — check the user in the AWS console",
                user.status.as_api()
            ),
        ),
    }
}

/// "1 day", "3 days", "less than a day".
pub fn days(n: Option<i64>) -> String {
    match n {
        None => "an unknown time".to_owned(),
        Some(n) if n < 1 => "less than a day".to_owned(),
        Some(1) => "1 day".to_owned(),
        Some(n) => format!("{n} days"),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::cognito::model::Attribute;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, day, 12, 0, 0)
            .single()
            .expect("valid date")
    }

    fn user(status: UserStatus, attrs: &[(&str, &str)]) -> User {
        User {
            username: "ann".into(),
            attributes: attrs
                .iter()
                .map(|(n, v)| Attribute {
                    name: (*n).into(),
                    value: (*v).into(),
                })
                .collect(),
            status,
            enabled: true,
            created: Some(at(1)),
            modified: Some(at(1)),
        }
    }

    #[test]
    fn unconfirmed_counts_days() {
        let d = diagnose(&user(UserStatus::Unconfirmed, &[]), at(4), 7);
        assert_eq!(
            d.text,
            "UNCONFIRMED for 3 days — resend the code or confirm"
        );
    }

    #[test]
    fn confirmed_without_verified_email() {
        let u = user(
            UserStatus::Confirmed,
            &[("email", "a@x.io"), ("email_verified", "false")],
        );
        assert_eq!(
            diagnose(&u, at(2), 7).text,
            "CONFIRMED but email not verified — password reset will fail"
        );
        let u = user(
            UserStatus::Confirmed,
            &[("email", "a@x.io"), ("email_verified", "true")],
        );
        assert_eq!(diagnose(&u, at(2), 7).severity, Severity::Ok);
    }

    #[test]
    fn invitation_expiry() {
        let u = user(UserStatus::ForceChangePassword, &[]);
        assert!(
            diagnose(&u, at(3), 7)
                .text
                .starts_with("Invited, temporary password valid 5 days")
        );
        assert_eq!(
            diagnose(&u, at(10), 7).text,
            "Invitation expired 2 days ago — resend the invitation"
        );
    }

    #[test]
    fn disabled_wins() {
        let mut u = user(UserStatus::Confirmed, &[]);
        u.enabled = false;
        assert_eq!(diagnose(&u, at(2), 7).severity, Severity::Blocked);
    }
}
