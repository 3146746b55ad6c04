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
        match action {
            Action::Admin {
                username, calls, ..
            } if self.is_protected(username)
                && calls
                    .iter()
                    .any(|c| matches!(c, AdminCall::Delete | AdminCall::Disable)) =>
            {
                Some(format!(
                    "{username} is a protected user (protected_users in the configuration): cognitui never deletes or disables them."
                ))
            }
            _ => None,
        }
    }
}
