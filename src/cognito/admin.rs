//! Admin changes to one user (AdminConfirmSignUp, AdminUpdateUserAttributes,
//! AdminDeleteUserAttributes) and invitations (AdminCreateUser).

use aws_sdk_cognitoidentityprovider::types::{DeliveryMediumType, MessageActionType};

use super::Cognito;
use super::client::user_from_sdk;
use super::error::CognitoError;
use super::model::{Attribute, Sensitive, User};
use super::signup::{code_error, sdk_attributes};

type Result<T> = std::result::Result<T, CognitoError>;

/// One admin call on one user. A change can be several calls; each is reported on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminCall {
    /// AdminConfirmSignUp.
    ConfirmSignUp,
    /// AdminUpdateUserAttributes: set (or add) these attributes in one call.
    SetAttributes(Vec<Attribute>),
    /// AdminDeleteUserAttributes.
    DeleteAttributes(Vec<String>),
}

impl AdminCall {
    /// What the call did, for the report: "confirmed the sign-up".
    pub fn done(&self) -> String {
        match self {
            Self::ConfirmSignUp => "confirmed the sign-up".into(),
            Self::SetAttributes(a) if is_mark_email_verified(a) => {
                "marked the email verified".into()
            }
            Self::SetAttributes(a) => format!("set {}", names(a.iter().map(|a| &a.name))),
            Self::DeleteAttributes(n) => format!("deleted {}", names(n)),
        }
    }

    /// The call as a task, for the report of a failure: "confirming the sign-up".
    pub fn doing(&self) -> String {
        match self {
            Self::ConfirmSignUp => "confirming the sign-up".into(),
            Self::SetAttributes(a) if is_mark_email_verified(a) => {
                "marking the email verified".into()
            }
            Self::SetAttributes(a) => format!("setting {}", names(a.iter().map(|a| &a.name))),
            Self::DeleteAttributes(n) => format!("deleting {}", names(n)),
        }
    }

    /// `email_verified = true`, the call that follows an admin confirmation.
    pub fn mark_email_verified() -> Self {
        Self::SetAttributes(vec![Attribute {
            name: "email_verified".into(),
            value: "true".into(),
        }])
    }
}

fn is_mark_email_verified(a: &[Attribute]) -> bool {
    matches!(a, [only] if only.name == "email_verified" && only.value == "true")
}

fn names<'a>(names: impl IntoIterator<Item = &'a String>) -> String {
    names
        .into_iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// How an invitation reaches the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Email,
    Sms,
    EmailAndSms,
    /// No message: the admin hands the temporary password over.
    Suppress,
}

impl Delivery {
    pub fn label(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "SMS",
            Self::EmailAndSms => "email and SMS",
            Self::Suppress => "no message (hand the password over yourself)",
        }
    }

    /// The next choice, for the key that cycles through them.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Email => Self::Sms,
            Self::Sms => Self::EmailAndSms,
            Self::EmailAndSms => Self::Suppress,
            Self::Suppress => Self::Email,
        }
    }

    fn mediums(self) -> Vec<DeliveryMediumType> {
        match self {
            Self::Email => vec![DeliveryMediumType::Email],
            Self::Sms => vec![DeliveryMediumType::Sms],
            Self::EmailAndSms => vec![DeliveryMediumType::Email, DeliveryMediumType::Sms],
            Self::Suppress => Vec::new(),
        }
    }
}

/// An AdminCreateUser request: a new invitation, or a resent one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub username: String,
    /// Email, phone, their `_verified` flags and any other attributes (new invitations only).
    pub attributes: Vec<Attribute>,
    /// `None` lets Cognito generate one.
    pub temporary_password: Option<Sensitive>,
    pub delivery: Delivery,
    /// MessageAction=RESEND: a new temporary password for an existing invited user.
    pub resend: bool,
}

impl Cognito {
    /// Runs one admin call on `username`.
    pub async fn admin(&self, pool_id: &str, username: &str, call: &AdminCall) -> Result<()> {
        match call {
            AdminCall::ConfirmSignUp => {
                self.client
                    .admin_confirm_sign_up()
                    .user_pool_id(pool_id)
                    .username(username)
                    .send()
                    .await
                    .map_err(|e| code_error(e.into()))?;
            }
            AdminCall::SetAttributes(attributes) => {
                self.client
                    .admin_update_user_attributes()
                    .user_pool_id(pool_id)
                    .username(username)
                    .set_user_attributes(Some(sdk_attributes(attributes)))
                    .send()
                    .await?;
            }
            AdminCall::DeleteAttributes(names) => {
                self.client
                    .admin_delete_user_attributes()
                    .user_pool_id(pool_id)
                    .username(username)
                    .set_user_attribute_names(Some(names.clone()))
                    .send()
                    .await?;
            }
        }
        Ok(())
    }

    /// AdminCreateUser: invites a user, or resends the invitation.
    pub async fn invite(&self, pool_id: &str, invitation: &Invitation) -> Result<User> {
        let action = if invitation.resend {
            Some(MessageActionType::Resend)
        } else if invitation.delivery == Delivery::Suppress {
            Some(MessageActionType::Suppress)
        } else {
            None
        };
        let mediums = invitation.delivery.mediums();
        let out = self
            .client
            .admin_create_user()
            .user_pool_id(pool_id)
            .username(&invitation.username)
            .set_user_attributes(
                (!invitation.attributes.is_empty()).then(|| sdk_attributes(&invitation.attributes)),
            )
            .set_temporary_password(
                invitation
                    .temporary_password
                    .as_ref()
                    .map(|p| p.expose().to_owned()),
            )
            .set_message_action(action)
            .set_desired_delivery_mediums((!mediums.is_empty()).then_some(mediums))
            .send()
            .await?;
        out.user().map(user_from_sdk).ok_or(CognitoError::Other {
            code: "AdminCreateUser".into(),
            message: "Cognito returned no user".into(),
        })
    }
}
