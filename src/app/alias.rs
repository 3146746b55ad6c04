//! Alias conflicts: Cognito refused an invitation (AdminCreateUser) or a sign-up's
//! confirmation (ConfirmSignUp) because the email or phone number is another user's sign-in
//! alias. The holder is looked up and named, and the same change is offered again with
//! `ForceAliasCreation` through its confirmation, which says what happens to the holder.

use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::cognito::CognitoError;
use crate::cognito::alias::{AliasHolder, alias_values};
use crate::cognito::model::Attribute;

impl App {
    /// `refused` met AliasExistsException: finds who holds the alias.
    pub(super) fn alias_refused(&mut self, refused: Action) -> Vec<Request> {
        let (Some(pool_id), Some(username)) = (self.pool_id(), refused.username()) else {
            self.status = Some(Status::Error(CognitoError::AliasExists.to_string()));
            return Vec::new();
        };
        let username = username.to_owned();
        let values = match &refused {
            Action::Invite { invitation, .. } => invited_aliases(&invitation.attributes),
            // The user's own email and phone, as Cognito has them.
            _ => Vec::new(),
        };
        self.status = Some(Status::Error(
            "Cognito refused: that email or phone number is another user's sign-in alias. Finding who holds it…".into(),
        ));
        self.send(Action::AliasHolder {
            pool_id,
            username,
            values,
            refused: Box::new(refused),
        })
    }

    /// The holder of the alias was looked up: named, and the change offered again with
    /// `ForceAliasCreation` through its confirmation.
    pub(super) fn on_alias_holder(
        &mut self,
        refused: Action,
        found: Result<Option<AliasHolder>, &CognitoError>,
    ) -> Vec<Request> {
        let holder = match found {
            Ok(Some(holder)) => holder,
            Ok(None) => {
                self.status = Some(Status::Error(
                    "Cognito refused: that email or phone number is another user's sign-in alias, but no other user holds it now (ListUsers): send it again.".into(),
                ));
                return Vec::new();
            }
            Err(e) => {
                self.status = Some(Status::Error(format!(
                    "Cognito refused: that email or phone number is another user's sign-in alias; finding who holds it failed: {e}"
                )));
                return Vec::new();
            }
        };
        let Some(forced) = forced(refused) else {
            return Vec::new();
        };
        let who = forced.username().unwrap_or_default().to_owned();
        // The change is offered again only where it was asked: its form as typed, or the
        // user's code screen. Elsewhere the finding is said and nothing opens.
        let asked_here = match (&self.screen, &forced) {
            (Screen::Module(m), Action::Invite { .. }) => m.key() == ("invite", None),
            (Screen::Module(m), Action::ConfirmSignUp { .. }) => {
                m.key() == ("code", Some(who.as_str()))
            }
            _ => false,
        };
        if !asked_here {
            self.status = Some(Status::Error(format!(
                "Cognito refused: {} is already the sign-in alias of {}. Send it again from where you asked to move it to {who}.",
                holder.what(),
                holder.user.username
            )));
            return Vec::new();
        }
        self.status = None;
        let requests = self.confirm(forced);
        if let Screen::Confirm(c) = &mut self.screen {
            let user = &holder.user;
            let state = format!(
                "{}, {}",
                user.status.as_api(),
                if user.enabled { "enabled" } else { "disabled" }
            );
            c.notes.insert(
                0,
                format!(
                    "Cognito refused: {} is already the sign-in alias of {} ({state}). Sent again with ForceAliasCreation, it moves to {who}, and {} can no longer sign in with it.",
                    holder.what(),
                    user.username,
                    user.username
                ),
            );
        }
        requests
    }
}

/// The email and phone of an invitation that can be aliases: those marked verified (only
/// they become aliases), or both when none is, rather than none to look up.
fn invited_aliases(attributes: &[Attribute]) -> Vec<Attribute> {
    let verified = |name: &str| {
        attributes
            .iter()
            .any(|a| a.name == format!("{name}_verified") && a.value == "true")
    };
    let values = alias_values(attributes);
    let marked: Vec<Attribute> = values
        .iter()
        .filter(|a| verified(&a.name))
        .cloned()
        .collect();
    if marked.is_empty() { values } else { marked }
}

/// `refused` with `ForceAliasCreation`; `None` for a change that has no such flag.
fn forced(refused: Action) -> Option<Action> {
    match refused {
        Action::Invite {
            pool_id,
            mut invitation,
        } => {
            invitation.force_alias = true;
            Some(Action::Invite {
                pool_id,
                invitation,
            })
        }
        Action::ConfirmSignUp {
            client,
            username,
            code,
            ..
        } => Some(Action::ConfirmSignUp {
            client,
            username,
            code,
            force_alias: true,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(name: &str, value: &str) -> Attribute {
        Attribute {
            name: name.into(),
            value: value.into(),
        }
    }

    #[test]
    fn an_invitation_looks_up_its_verified_aliases_or_else_both() {
        let email = a("email", "ann@example.com");
        let phone = a("phone_number", "+15550100");
        let verified = [
            email.clone(),
            a("email_verified", "true"),
            phone.clone(),
            a("phone_number_verified", "false"),
        ];
        assert_eq!(invited_aliases(&verified), vec![email.clone()]);
        assert_eq!(
            invited_aliases(&[email.clone(), phone.clone()]),
            vec![email, phone]
        );
    }
}
