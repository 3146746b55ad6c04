//! Linking an external identity to a native user (AdminLinkProviderForUser) or unlinking one
//! (AdminDisableProviderForUser), from the user's page: the provider's name in the pool and
//! the user's subject there, typed (an unlink starts from the identity the page lists), then
//! the confirmation with its AWS CLI line. The answer is the user lifecycle's: a change refused
//! whole leaves the form as typed.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::module::{Ctx, FORM_HINTS, Next, ScreenModule, Shown};
use crate::action::Action;
use crate::app::Form;
use crate::cognito::admin::AdminCall;
use crate::cognito::model::{User, UserStatus};
use crate::keys::{Command, Context};
use crate::theme::Theme;

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
    /// `L` or `U` on a user's page: the form to link an identity to them, or to unlink one
    /// (filled with the first identity their page lists).
    pub fn open(user: &User, link: bool, ctx: &mut Ctx) -> Next {
        if user.status == UserStatus::ExternalProvider {
            ctx.refuse(format!(
                "{} is a federated user (EXTERNAL_PROVIDER): identities are linked to and unlinked from the native user they sign in as.",
                user.username
            ));
            return Next::Stay;
        }
        let linked = crate::identities::linked(user).unwrap_or_default();
        if !link && linked.is_empty() {
            ctx.refuse(format!(
                "{} has no linked identity to unlink.",
                user.username
            ));
            return Next::Stay;
        }
        let mut form = Form::new(&[("Provider", false), ("User id at the provider", false)]);
        if let Some(first) = linked.first().filter(|_| !link) {
            form = form
                .with_value(PROVIDER, &first.provider)
                .with_value(USER_ID, &first.user_id);
        }
        Next::Open(Box::new(Self {
            username: user.username.clone(),
            link,
            form,
            linked: linked
                .iter()
                .map(|i| format!("{} {}", i.provider, i.user_id))
                .collect(),
        }))
    }

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

impl ScreenModule for IdentityForm {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("identity form", Some(&self.username))
    }

    fn context(&self) -> Context {
        Context::Form
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        FORM_HINTS
    }

    /// Enter goes to the confirmation, Esc back to the user's page.
    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Submit => match (self.call(), ctx.pool_id) {
                (Ok(call), Some(pool_id)) => ctx.request(Action::Admin {
                    pool_id: pool_id.to_owned(),
                    username: self.username.clone(),
                    calls: vec![call],
                }),
                (Err(problem), _) => ctx.refuse(problem),
                (Ok(_), None) => {}
            },
            Command::Back => return Next::User(self.username.clone()),
            _ => self.form.on_command(command),
        }
        Next::Stay
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        Some(&mut self.form)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}
