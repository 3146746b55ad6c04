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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::admin::{Delivery, Invitation};
    use crate::cognito::auth::{Answer, AuthFlow, AuthSession, AuthTarget, EnrolWith};
    use crate::cognito::model::{AppClient, Sensitive};

    fn secret() -> Sensitive {
        Sensitive::new("x".into())
    }

    /// One admin call of every kind.
    fn admin_calls() -> Vec<AdminCall> {
        vec![
            AdminCall::ConfirmSignUp,
            AdminCall::SetAttributes(vec![]),
            AdminCall::DeleteAttributes(vec![]),
            AdminCall::Enable,
            AdminCall::Disable,
            AdminCall::Delete,
            AdminCall::ResetPassword,
            AdminCall::SetPassword {
                password: secret(),
                permanent: true,
            },
            AdminCall::GlobalSignOut,
            AdminCall::AddToGroup("g".into()),
            AdminCall::RemoveFromGroup("g".into()),
            AdminCall::ForgetDevice("k".into()),
        ]
    }

    /// Every action that only reads.
    fn reads(pool_id: &str, username: &str) -> Vec<Action> {
        let (pool_id, username) = (pool_id.to_owned(), username.to_owned());
        vec![
            Action::ListPools,
            Action::ListClients {
                pool_id: pool_id.clone(),
            },
            Action::OpenPool {
                pool_id: pool_id.clone(),
                client_id: None,
                client_secret: None,
            },
            Action::ListUsers {
                pool_id: pool_id.clone(),
                filter: None,
                token: None,
            },
            Action::GetUser {
                pool_id: pool_id.clone(),
                username: username.clone(),
            },
            Action::ListGroups {
                pool_id: pool_id.clone(),
            },
            Action::ListDevices {
                pool_id: pool_id.clone(),
                username: username.clone(),
            },
            Action::AuthEvents { pool_id, username },
            Action::ReadAudit,
        ]
    }

    /// One action of every kind, so that a new kind cannot skip the rules unnoticed.
    fn every_action() -> Vec<Action> {
        let client = AppClient {
            id: "c".into(),
            name: "web".into(),
            secret: None,
        };
        let target = AuthTarget {
            pool_id: "p".into(),
            client: client.clone(),
            flow: AuthFlow::Admin,
        };
        let session = AuthSession {
            username: "ann".into(),
            session: secret(),
        };
        let (pool_id, username) = ("p".to_owned(), "ann".to_owned());
        let mut actions = reads(&pool_id, &username);
        actions.extend(vec![
            Action::SignIn {
                target: target.clone(),
                username: username.clone(),
                password: secret(),
            },
            Action::Respond {
                target: target.clone(),
                session: session.clone(),
                answer: Answer::NewPassword(secret()),
            },
            Action::AssociateTotp {
                with: EnrolWith::AccessToken(secret()),
            },
            Action::VerifyTotp {
                with: EnrolWith::Session(session),
                code: secret(),
                device_name: String::new(),
            },
            Action::PreferTotp {
                access_token: secret(),
            },
            Action::AdminSetMfa {
                pool_id: pool_id.clone(),
                username: username.clone(),
                totp: None,
                sms: None,
            },
            Action::SignUp {
                client: client.clone(),
                username: username.clone(),
                password: secret(),
                attributes: vec![],
            },
            Action::ConfirmSignUp {
                client: client.clone(),
                username: username.clone(),
                code: secret(),
            },
            Action::ResendCode {
                client,
                username: username.clone(),
            },
            Action::AttributeCode {
                access_token: secret(),
                attribute: "email".into(),
            },
            Action::VerifyAttribute {
                access_token: secret(),
                attribute: "email".into(),
                code: secret(),
            },
            Action::Invite {
                pool_id: pool_id.clone(),
                invitation: Invitation {
                    username: username.clone(),
                    attributes: vec![],
                    temporary_password: None,
                    delivery: Delivery::Email,
                    resend: false,
                },
            },
        ]);
        actions.extend(admin_calls().into_iter().map(|call| Action::Admin {
            pool_id: pool_id.clone(),
            username: username.clone(),
            calls: vec![call],
        }));
        actions
    }

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
        assert_eq!(changes, 23, "every change is declared as one: {refused:?}");
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
        assert_eq!(refused.len(), 2);
        assert!(
            refused
                .iter()
                .all(|a| matches!(a, Action::Admin { calls, .. }
            if matches!(calls[..], [AdminCall::Delete | AdminCall::Disable])))
        );
    }
}
