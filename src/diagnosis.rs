//! The one-line diagnosis a support agent reads first on the detail screen, with the
//! pool-level reasons a user's code or invitation may never arrive (from the pool's settings
//! read when it opened).

use chrono::{DateTime, Utc};

use crate::action::Action;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::{PoolFacts, User, UserStatus};

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

/// Diagnoses `user` at time `now`, given how long the pool's temporary passwords last and what
/// the pool's settings say about its messages: a user waiting for a code or an invitation is
/// told why it may not come.
pub fn diagnose(
    user: &User,
    now: DateTime<Utc>,
    temporary_password_days: i64,
    pool: &PoolFacts,
) -> Diagnosis {
    let mut diagnosis = diagnose_user(user, now, temporary_password_days);
    let waits_for_a_message = matches!(
        user.status,
        UserStatus::Unconfirmed | UserStatus::ForceChangePassword | UserStatus::ResetRequired
    );
    if user.enabled && waits_for_a_message {
        let reasons = pool_reasons(
            pool,
            by_sms(user, pool),
            user.status == UserStatus::Unconfirmed,
        );
        if !reasons.is_empty() {
            let lead =
                if user.status == UserStatus::ForceChangePassword && !invited_at_creation(user) {
                    "if a message was sent: "
                } else {
                    ""
                };
            diagnosis.text = format!("{}; {lead}{}", diagnosis.text, reasons.join("; "));
        }
    }
    diagnosis
}

/// Whether the user's codes go by SMS: they have a phone number, and no email or a pool that
/// verifies phone numbers rather than emails.
pub fn by_sms(user: &User, pool: &PoolFacts) -> bool {
    let verifies = |a: &str| pool.auto_verified.iter().any(|v| v == a);
    user.attribute("phone_number").is_some()
        && (user.email().is_none() || (verifies("phone_number") && !verifies("email")))
}

/// Why the pool may not deliver a message by email (or SMS, `by_sms`); `sign_up` adds the
/// PreSignUp trigger, which runs before a sign-up's code.
pub fn pool_reasons(pool: &PoolFacts, by_sms: bool, sign_up: bool) -> Vec<String> {
    let mut reasons = Vec::new();
    if by_sms && !pool.sms_configured {
        reasons.push(
            "the message goes by SMS, but this pool has no SMS configuration: Cognito cannot send it".to_owned(),
        );
    }
    if !by_sms && pool.default_email_sender {
        reasons.push(
            "this pool sends email through Cognito's default sender, limited to a few dozen messages a day: check SES".to_owned(),
        );
    }
    if let Some(f) = &pool.custom_message {
        reasons.push(format!(
            "a CustomMessage trigger ({f}) is set: when it fails, no message goes out (check its logs)"
        ));
    }
    if let (true, Some(f)) = (sign_up, &pool.pre_sign_up) {
        reasons.push(format!(
            "a PreSignUp trigger ({f}) is set: when it fails, the sign-up and its code stop"
        ));
    }
    reasons
}

/// What the diagnosis knows against `change` for `user`, said on its confirmation before
/// anything is sent: a code that cannot reach them, and why the pool may not deliver a message.
pub fn warnings(change: &Action, user: &User, pool: &PoolFacts) -> Vec<String> {
    let calls: &[AdminCall] = match change {
        Action::Admin { calls, .. } | Action::BulkStep { calls, .. } => calls,
        _ => &[],
    };
    let resets = matches!(change, Action::ForgotPassword { .. })
        || calls.contains(&AdminCall::ResetPassword);
    let sends = resets
        || matches!(change, Action::ResendCode { .. })
        || calls
            .iter()
            .any(|c| matches!(c, AdminCall::ResendInvitation(_)));
    let mut warnings = Vec::new();
    let reachable = (user.email().is_some() && user.email_verified())
        || (user.attribute("phone_number").is_some() && user.phone_verified());
    if resets && !reachable {
        warnings.push(format!(
            "{} has no verified email or phone number: Cognito will refuse to send a code. Mark one verified first, or set a password instead.",
            user.username
        ));
    }
    // A code Cognito will refuse to send has no delivery to warn about.
    if sends && (reachable || !resets) {
        let sign_up = matches!(change, Action::ResendCode { .. });
        warnings.extend(
            pool_reasons(pool, by_sms(user, pool), sign_up)
                .into_iter()
                .map(|r| format!("{}.", crate::sentence::capitalised(&r))),
        );
    }
    warnings
}

/// What a resend means on an app client that hides missing users, if this one does.
pub fn resend_note(pool: &PoolFacts) -> Option<&'static str> {
    pool.hides_missing_users.then_some(
        "This app client hides missing users (PreventUserExistenceErrors): a resend 'succeeds' even for a user who does not exist, so check the username.",
    )
}

/// The user's own state, whatever the pool.
fn diagnose_user(user: &User, now: DateTime<Utc>, temporary_password_days: i64) -> Diagnosis {
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
            // Created and last changed together: the invitation that made them. Changed later:
            // an invitation resent, or a temporary password an admin set (no message sent).
            let invited = invited_at_creation(user);
            let what = if invited {
                "Invitation"
            } else {
                "Temporary password (resent invitation or set by an admin)"
            };
            if sent >= temporary_password_days {
                Diagnosis::new(
                    Blocked,
                    format!(
                        "{what} expired {} ago — resend the invitation",
                        days(Some(sent - temporary_password_days))
                    ),
                )
            } else if invited {
                Diagnosis::new(
                    Attention,
                    format!(
                        "Invited, temporary password valid {} more — the user signs in and sets a new password",
                        days(Some(temporary_password_days - sent))
                    ),
                )
            } else {
                Diagnosis::new(
                    Attention,
                    format!(
                        "FORCE_CHANGE_PASSWORD: a temporary password (resent invitation or set by an admin) valid {} more — the user signs in with it and sets a new password",
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

/// Whether a FORCE_CHANGE_PASSWORD user is as their invitation made them: created and last
/// changed within the same minute.
fn invited_at_creation(user: &User) -> bool {
    match (user.created, user.modified) {
        (Some(created), Some(modified)) => (modified - created).num_seconds().abs() < 60,
        _ => true,
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
        let d = diagnose_user(&user(UserStatus::Unconfirmed, &[]), at(4), 7);
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
            diagnose_user(&u, at(2), 7).text,
            "CONFIRMED but email not verified — password reset will fail"
        );
        let u = user(
            UserStatus::Confirmed,
            &[("email", "a@x.io"), ("email_verified", "true")],
        );
        assert_eq!(diagnose_user(&u, at(2), 7).severity, Severity::Ok);
    }

    #[test]
    fn a_reset_that_cannot_reach_the_user_warns_of_that_alone() {
        let pool = PoolFacts {
            default_email_sender: true,
            ..PoolFacts::default()
        };
        let reset = Action::Admin {
            pool_id: "p".into(),
            username: "ann".into(),
            calls: vec![AdminCall::ResetPassword],
        };
        let unverified = user(
            UserStatus::Confirmed,
            &[("email", "a@x.io"), ("email_verified", "false")],
        );
        let said = warnings(&reset, &unverified, &pool);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].contains("no verified email or phone number"),
            "{said:?}"
        );
        let verified = user(
            UserStatus::Confirmed,
            &[("email", "a@x.io"), ("email_verified", "true")],
        );
        let said = warnings(&reset, &verified, &pool);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("This pool sends email"), "{said:?}");
    }

    #[test]
    fn a_temporary_password_set_later_is_not_called_an_invitation() {
        let mut u = user(UserStatus::ForceChangePassword, &[("email", "a@x.io")]);
        u.modified = Some(at(3));
        let pool = PoolFacts {
            default_email_sender: true,
            ..PoolFacts::default()
        };
        let text = diagnose(&u, at(4), 7, &pool).text;
        assert!(!text.starts_with("Invited"), "{text}");
        assert!(
            text.contains("set by an admin) valid 6 days more"),
            "{text}"
        );
        assert!(
            text.contains("if a message was sent: this pool sends email"),
            "{text}"
        );
    }

    #[test]
    fn invitation_expiry() {
        let u = user(UserStatus::ForceChangePassword, &[]);
        assert!(
            diagnose_user(&u, at(3), 7)
                .text
                .starts_with("Invited, temporary password valid 5 days")
        );
        assert_eq!(
            diagnose_user(&u, at(10), 7).text,
            "Invitation expired 2 days ago — resend the invitation"
        );
    }

    #[test]
    fn a_user_waiting_for_a_code_is_told_what_in_the_pool_can_stop_it() {
        let pool = PoolFacts {
            default_email_sender: true,
            sms_configured: false,
            custom_message: Some("codes".into()),
            pre_sign_up: Some("check".into()),
            auto_verified: vec!["email".into()],
            hides_missing_users: true,
            ..PoolFacts::default()
        };
        let by_email = user(UserStatus::Unconfirmed, &[("email", "a@x.io")]);
        let text = diagnose(&by_email, at(4), 7, &pool).text;
        assert!(text.starts_with("UNCONFIRMED for 3 days — resend the code or confirm; "));
        assert!(text.contains(
            "Cognito's default sender, limited to a few dozen messages a day: check SES"
        ));
        assert!(text.contains("CustomMessage trigger (codes)"));
        assert!(text.contains("PreSignUp trigger (check)"));
        assert!(!text.contains("SMS"));
        let by_phone = user(UserStatus::Unconfirmed, &[("phone_number", "+15550100")]);
        let text = diagnose(&by_phone, at(4), 7, &pool).text;
        assert!(text.contains("goes by SMS, but this pool has no SMS configuration"));
        assert!(!text.contains("default sender"));
        // A healthy user, or one in a pool with nothing in the way, reads as before.
        let healthy = user(
            UserStatus::Confirmed,
            &[("email", "a@x.io"), ("email_verified", "true")],
        );
        assert_eq!(
            diagnose(&healthy, at(4), 7, &pool).text,
            "Healthy — confirmed and enabled"
        );
        let quiet = PoolFacts::default();
        assert_eq!(
            diagnose(&by_email, at(4), 7, &quiet).text,
            "UNCONFIRMED for 3 days — resend the code or confirm"
        );
        assert!(resend_note(&pool).is_some_and(|n| n.contains("PreventUserExistenceErrors")));
        assert_eq!(resend_note(&quiet), None);
    }

    #[test]
    fn disabled_wins() {
        let mut u = user(UserStatus::Confirmed, &[]);
        u.enabled = false;
        assert_eq!(diagnose_user(&u, at(2), 7).severity, Severity::Blocked);
    }
}
