//! The safety rules every request passes before it is built: read-only mode refuses whatever
//! changes the pool, and protected users are never deleted or disabled.

use crate::action::Action;
use crate::cognito::admin::AdminCall;

/// Read-only mode and the protected users, from the flags and the pool's configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Safety {
    pub read_only: bool,
    /// Usernames that cannot be deleted or disabled (compared without case).
    pub protected_users: Vec<String>,
}

impl Safety {
    pub fn is_protected(&self, username: &str) -> bool {
        self.protected_users
            .iter()
            .any(|p| p.eq_ignore_ascii_case(username))
    }

    /// Why `action` may not be sent, or `None` when it may.
    pub fn refusal(&self, action: &Action) -> Option<String> {
        if self.read_only && action.mutates() {
            return Some(format!(
                "Read-only mode: '{}' would change the pool, so it was not sent.",
                action.label()
            ));
        }
        let (username, calls) = match action {
            Action::Admin {
                username, calls, ..
            }
            | Action::BulkStep {
                username, calls, ..
            } => (username, calls.as_slice()),
            _ => return None,
        };
        let deletes_or_disables = calls
            .iter()
            .any(|c| matches!(c, AdminCall::Delete | AdminCall::Disable));
        (deletes_or_disables && self.is_protected(username)).then(|| {
            format!(
                "{username} is a protected user (protected_users in the configuration): cognitui never deletes or disables them."
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::samples::every_action;

    #[test]
    fn read_only_refuses_every_change_and_nothing_else() {
        let safety = Safety {
            read_only: true,
            protected_users: vec![],
        };
        let refused: Vec<&'static str> = every_action()
            .iter()
            .filter(|a| safety.refusal(a).is_some())
            .map(Action::label)
            .collect();
        let changes = every_action().iter().filter(|a| a.mutates()).count();
        assert_eq!(refused.len(), changes);
        assert_eq!(changes, 41, "every change is declared as one: {refused:?}");
        // Reading and signing in go on.
        for read in every_action().iter().filter(|a| !a.mutates()) {
            assert_eq!(safety.refusal(read), None, "{}", read.label());
        }
    }

    #[test]
    fn protected_users_are_never_deleted_or_disabled() {
        let safety = Safety {
            read_only: false,
            protected_users: vec!["Ann".into()],
        };
        let refused: Vec<Action> = every_action()
            .into_iter()
            .filter(|a| safety.refusal(a).is_some())
            .collect();
        assert_eq!(refused.len(), 3);
        assert!(refused.iter().all(|a| match a {
            Action::Admin { calls, .. } => {
                matches!(calls[..], [AdminCall::Delete | AdminCall::Disable])
            }
            Action::BulkStep { calls, .. } => calls[..] == [AdminCall::Disable],
            _ => false,
        }));
    }
}
