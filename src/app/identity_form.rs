//! Linking an external identity to a native user (AdminLinkProviderForUser) or unlinking one
//! (AdminDisableProviderForUser), from the user's page: the provider's name in the pool and
//! the user's subject there, typed (an unlink starts from the identity the page lists), then
//! the confirmation with its AWS CLI line.

use super::form::Form;
use super::{App, Screen, Status};
use crate::action::Request;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::{User, UserStatus};
use crate::keys::Command;

const PROVIDER: usize = 0;
const USER_ID: usize = 1;

/// The link (or unlink) form.
#[derive(Debug, Clone)]
pub struct IdentityForm {
    /// The native user the identity signs in as.
    pub username: String,
    /// Linking (`true`) or unlinking.
    pub link: bool,
    pub form: Form,
    /// The identities the user's page lists, "Google 1234", for the form's hint.
    pub linked: Vec<String>,
}

impl IdentityForm {
    /// The call the form makes, or what is missing.
    fn call(&self) -> Result<AdminCall, String> {
        let provider = self.form.value(PROVIDER).trim().to_owned();
        let user_id = self.form.value(USER_ID).trim().to_owned();
        if provider.is_empty() || user_id.is_empty() {
            return Err(
                "Type the provider's name in the pool and the user's id (subject) there.".into(),
            );
        }
        if provider.eq_ignore_ascii_case("Cognito") {
            return Err(
                "Cognito is the pool itself: name the external provider (Google, a SAML or OIDC provider…).".into(),
            );
        }
        Ok(if self.link {
            AdminCall::LinkIdentity { provider, user_id }
        } else {
            AdminCall::UnlinkIdentity { provider, user_id }
        })
    }
}

impl App {
    /// `L` or `U` on a user's page: the form to link an identity to them, or to unlink one
    /// (filled with the first identity their page lists).
    pub(super) fn open_identity_form(&mut self, user: &User, link: bool) -> Vec<Request> {
        if user.status == UserStatus::ExternalProvider {
            self.status = Some(Status::Error(format!(
                "{} is a federated user (EXTERNAL_PROVIDER): identities are linked to and unlinked from the native user they sign in as.",
                user.username
            )));
            return Vec::new();
        }
        let linked = crate::identities::linked(user).unwrap_or_default();
        if !link && linked.is_empty() {
            self.status = Some(Status::Error(format!(
                "{} has no linked identity to unlink.",
                user.username
            )));
            return Vec::new();
        }
        let mut form = Form::new(&[("Provider", false), ("User id at the provider", false)]);
        if let Some(first) = linked.first().filter(|_| !link) {
            form = form
                .with_value(PROVIDER, &first.provider)
                .with_value(USER_ID, &first.user_id);
        }
        self.screen = Screen::IdentityForm(Box::new(IdentityForm {
            username: user.username.clone(),
            link,
            form,
            linked: linked
                .iter()
                .map(|i| format!("{} {}", i.provider, i.user_id))
                .collect(),
        }));
        Vec::new()
    }

    /// Keys on the link form: Enter goes to the confirmation, Esc back to the user's page.
    pub(super) fn identity_form_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::IdentityForm(f) = &self.screen else {
            return Vec::new();
        };
        match command {
            Command::Submit => match f.call() {
                Ok(call) => {
                    let username = f.username.clone();
                    self.admin_change(username, vec![call])
                }
                Err(problem) => {
                    self.status = Some(Status::Error(problem));
                    Vec::new()
                }
            },
            Command::Back => {
                let username = f.username.clone();
                self.open_user(username)
            }
            _ => {
                self.form_command(command);
                Vec::new()
            }
        }
    }
}
