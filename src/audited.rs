//! What the audit log records of an action: whether the log needs to see it, the pool it was
//! made in, and the changes (operation, targets, result) it made or tried. Reads leave no line.

use crate::action::{Action, Outcome};
use crate::audit::AuditLog;
use crate::cognito::admin::AdminCall;

/// Whether [`record`] needs to see `action`: changes, and opening a pool (it names the pool of
/// the calls that do not).
pub fn concerns(action: &Action) -> bool {
    (action.mutates() && !audits_itself(action)) || matches!(action, Action::OpenPool { .. })
}

/// Whether the action writes the audit lines of its calls itself, as each ends (a restore's
/// thousands of calls).
pub fn audits_itself(action: &Action) -> bool {
    matches!(action, Action::Restore { .. })
}

/// Writes the lines for a finished action to `log`: one per change, none for reads.
///
/// # Errors
/// When the file cannot be written.
pub fn record(log: &AuditLog, action: &Action, outcome: &Outcome) -> std::io::Result<()> {
    if let Action::OpenPool { pool_id, .. } = action {
        log.set_pool(pool_id);
    }
    let pool = match action {
        Action::Admin { pool_id, .. }
        | Action::Invite { pool_id, .. }
        | Action::StartImportJob { pool_id, .. }
        | Action::StopImportJob { pool_id, .. }
        | Action::Group { pool_id, .. } => Some(pool_id.as_str()),
        _ => None,
    };
    log.write(pool, changes(action, outcome))
}

/// The changes an action made or tried: operation, targets, result. Empty for reads. Every
/// target is the username of the user changed; what the change was about (an attribute, a
/// challenge) goes with the operation. Never a password, code, secret or token.
pub fn changes(action: &Action, outcome: &Outcome) -> Vec<(String, Vec<String>, String)> {
    let result = result_of(outcome.error());
    let one = |operation: &str, username: &str| {
        vec![(
            operation.to_owned(),
            vec![username.to_owned()],
            result.clone(),
        )]
    };
    match (action, outcome) {
        (
            Action::Admin { username, .. } | Action::BulkStep { username, .. },
            Outcome::Changed(results),
        ) => results
            .iter()
            .map(|(call, r)| {
                let result = result_of(r.as_ref().err());
                (operation(call).to_owned(), vec![username.clone()], result)
            })
            .collect(),
        (Action::SignUp { username, .. }, _) => one("SignUp", username),
        (Action::ConfirmSignUp { username, .. }, _) => one("ConfirmSignUp", username),
        (Action::ResendCode { username, .. }, _) => one("ResendConfirmationCode", username),
        (Action::ForgotPassword { username, .. }, _) => one("ForgotPassword", username),
        (Action::ConfirmForgotPassword { username, .. }, _) => {
            one("ConfirmForgotPassword", username)
        }
        (Action::Invite { invitation, .. }, _) => one("AdminCreateUser", &invitation.username),
        (Action::Respond { session, .. }, _) if action.mutates() => one(
            "RespondToAuthChallenge (NEW_PASSWORD_REQUIRED)",
            &session.username,
        ),
        (
            Action::AttributeCode {
                username,
                attribute,
                ..
            },
            _,
        ) => one(
            &format!("GetUserAttributeVerificationCode ({attribute})"),
            username,
        ),
        (
            Action::VerifyAttribute {
                username,
                attribute,
                ..
            },
            _,
        ) => one(&format!("VerifyUserAttribute ({attribute})"), username),
        (Action::AssociateTotp { username, .. }, _) => one("AssociateSoftwareToken", username),
        (Action::VerifyTotp { username, .. }, _) => one("VerifySoftwareToken", username),
        (Action::PreferTotp { username, .. }, _) => one("SetUserMFAPreference", username),
        (Action::RememberDevice { offer, .. }, _) => one("ConfirmDevice", &offer.username),
        (Action::DeletePasskey { username, .. }, _) => one("DeleteWebAuthnCredential", username),
        (Action::StartImportJob { job, .. }, _) => vec![(
            format!("CreateUserImportJob, StartUserImportJob ({})", job.name),
            job.usernames.clone(),
            result,
        )],
        (Action::StopImportJob { job, .. }, _) => vec![(
            format!("StopUserImportJob ({})", job.name),
            vec![job.id.clone()],
            result,
        )],
        (Action::Group { change, .. }, _) => one(change.operation(), change.group()),
        _ => Vec::new(),
    }
}

/// "ok", the error's sentence, or for a lost answer that the change may have been applied.
fn result_of(error: Option<&crate::cognito::CognitoError>) -> String {
    match error {
        None => "ok".to_owned(),
        Some(e) if e.answer_may_be_lost() => {
            format!("unknown: the answer was lost and the change may have been applied ({e})")
        }
        Some(e) => e.to_string(),
    }
}

/// The Cognito operation of an admin call.
fn operation(call: &AdminCall) -> &'static str {
    match call {
        AdminCall::ConfirmSignUp => "AdminConfirmSignUp",
        AdminCall::SetAttributes(_) => "AdminUpdateUserAttributes",
        AdminCall::DeleteAttributes(_) => "AdminDeleteUserAttributes",
        AdminCall::Enable => "AdminEnableUser",
        AdminCall::Disable => "AdminDisableUser",
        AdminCall::Delete => "AdminDeleteUser",
        AdminCall::ResetPassword => "AdminResetUserPassword",
        AdminCall::SetPassword { .. } => "AdminSetUserPassword",
        AdminCall::GlobalSignOut => "AdminUserGlobalSignOut",
        AdminCall::AddToGroup(_) => "AdminAddUserToGroup",
        AdminCall::RemoveFromGroup(_) => "AdminRemoveUserFromGroup",
        AdminCall::ForgetDevice(_) | AdminCall::ForgetDevices => "AdminForgetDevice",
        AdminCall::SetMfa(_) => "AdminSetUserMFAPreference",
        AdminCall::EventFeedback { .. } => "AdminUpdateAuthEventFeedback",
        AdminCall::LinkIdentity { .. } => "AdminLinkProviderForUser",
        AdminCall::UnlinkIdentity { .. } => "AdminDisableProviderForUser",
        AdminCall::ResendInvitation(_) | AdminCall::CreateUser { .. } => "AdminCreateUser",
        AdminCall::DeleteSoftwareToken => "AdminDeleteSoftwareToken",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::samples::every_action;

    #[test]
    fn every_change_has_a_line_and_reads_have_none() {
        for action in every_action() {
            let outcome = match &action {
                Action::Admin { calls, .. } | Action::BulkStep { calls, .. } => {
                    Outcome::Changed(calls.iter().map(|c| (c.clone(), Ok(()))).collect())
                }
                _ => Outcome::MfaChanged(Ok(())),
            };
            let lines = changes(&action, &outcome);
            assert_eq!(
                lines.is_empty(),
                !action.mutates() || audits_itself(&action),
                "{}",
                action.label()
            );
        }
    }

    /// The outcome a worker would send for `action` when it succeeded.
    fn success(action: &Action) -> Outcome {
        match action {
            Action::Admin { calls, .. } | Action::BulkStep { calls, .. } => {
                Outcome::Changed(calls.iter().map(|c| (c.clone(), Ok(()))).collect())
            }
            _ => Outcome::MfaChanged(Ok(())),
        }
    }

    /// What a sample change is about: the user `ann`, the group `g`, or the import job
    /// `import-1`.
    fn target_of(operation: &str) -> &'static str {
        if operation.ends_with("Group") && !operation.contains("User") {
            "g"
        } else if operation.starts_with("StopUserImportJob") {
            "import-1"
        } else {
            "ann"
        }
    }

    #[test]
    fn every_audited_line_names_the_user_or_group_it_changed() {
        let mut kinds = 0;
        for action in every_action().iter().filter(|a| concerns(a)) {
            for (operation, targets, _) in changes(action, &success(action)) {
                kinds += 1;
                assert_eq!(
                    targets,
                    [target_of(&operation)],
                    "{operation} names what it changed"
                );
                for target in &targets {
                    assert!(
                        !target.is_empty() && !target.contains('(') && !target.contains(' '),
                        "{operation}: {target:?} is a username, not a placeholder"
                    );
                }
            }
        }
        assert_eq!(
            kinds,
            every_action()
                .iter()
                .filter(|a| a.mutates() && !audits_itself(a))
                .count(),
            "one line per change"
        );
    }

    #[test]
    fn the_log_file_names_the_user_of_every_change() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("audit.jsonl");
        let log = AuditLog::new(Some(path.clone()), "arn:aws:iam::1:user/desk".into());
        for action in every_action().iter().filter(|a| concerns(a)) {
            record(&log, action, &success(action)).expect("written");
        }
        let entries = log.latest(usize::MAX).expect("read");
        assert_eq!(
            entries.len(),
            every_action()
                .iter()
                .filter(|a| a.mutates() && !audits_itself(a))
                .count()
        );
        for entry in entries {
            assert_eq!(
                entry.targets,
                [target_of(&entry.action)],
                "{}",
                entry.action
            );
        }
    }

    #[test]
    fn an_attribute_verification_names_the_attribute_with_the_operation() {
        let action = Action::VerifyAttribute {
            username: "ann".into(),
            access_token: crate::cognito::sensitive::Sensitive::new("token-value".into()),
            attribute: "phone_number".into(),
            code: crate::cognito::sensitive::Sensitive::new("135791".into()),
        };
        let lines = changes(&action, &Outcome::CodeAccepted(Ok(())));
        assert_eq!(
            lines,
            vec![(
                "VerifyUserAttribute (phone_number)".to_owned(),
                vec!["ann".to_owned()],
                "ok".to_owned()
            )]
        );
        let text = format!("{lines:?}");
        assert!(!text.contains("token-value") && !text.contains("135791"));
    }

    #[test]
    fn a_lost_answer_is_recorded_as_unknown_not_failed() {
        let action = Action::Admin {
            pool_id: "p".into(),
            username: "ann".into(),
            calls: vec![AdminCall::Disable],
        };
        let outcome = Outcome::Changed(vec![(
            AdminCall::Disable,
            Err(crate::cognito::CognitoError::Timeout),
        )]);
        let lines = changes(&action, &outcome);
        assert!(lines[0].2.starts_with("unknown: "), "{lines:?}");
    }

    #[test]
    fn a_failed_call_records_its_sentence() {
        let action = Action::Admin {
            pool_id: "p".into(),
            username: "ann".into(),
            calls: vec![AdminCall::Disable],
        };
        let outcome = Outcome::Changed(vec![(
            AdminCall::Disable,
            Err(crate::cognito::CognitoError::UserNotFound),
        )]);
        assert_eq!(
            changes(&action, &outcome),
            vec![(
                "AdminDisableUser".to_owned(),
                vec!["ann".to_owned()],
                crate::cognito::CognitoError::UserNotFound.to_string()
            )]
        );
    }
}
