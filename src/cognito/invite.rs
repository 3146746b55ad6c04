//! Invitations (AdminCreateUser): how one reaches the user, what it sends, its AWS CLI
//! command, and the call that invites a user or resends their invitation.

use aws_sdk_cognitoidentityprovider::types::{DeliveryMediumType, MessageActionType};

use super::Cognito;
use super::error::CognitoError;
use super::model::{Attribute, User};
use super::sdk::user_from_sdk;
use super::sensitive::Sensitive;
use super::shell::{attribute_pairs, quote};
use super::signup::sdk_attributes;

type Result<T> = std::result::Result<T, CognitoError>;

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
    /// A resent invitation goes by every medium the user has.
    pub fn for_user(user: &crate::cognito::model::User) -> Self {
        Self::for_attributes(&user.attributes)
    }

    /// Every medium a user of these attributes has: an email, a phone, or both.
    pub fn for_attributes(attributes: &[Attribute]) -> Self {
        let has = |name: &str| attributes.iter().any(|a| a.name == name);
        match (has("email"), has("phone_number")) {
            (true, true) => Self::EmailAndSms,
            (false, true) => Self::Sms,
            _ => Self::Email,
        }
    }

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

    pub(super) fn mediums(self) -> Vec<DeliveryMediumType> {
        match self {
            Self::Email => vec![DeliveryMediumType::Email],
            Self::Sms => vec![DeliveryMediumType::Sms],
            Self::EmailAndSms => vec![DeliveryMediumType::Email, DeliveryMediumType::Sms],
            Self::Suppress => Vec::new(),
        }
    }
}

/// Why an invitation cannot go by `delivery` to a user with (or without) an email and a phone
/// number, as a sentence, or `None`.
pub fn delivery_problem(delivery: Delivery, email: bool, phone: bool) -> Option<String> {
    let needs_email = matches!(delivery, Delivery::Email | Delivery::EmailAndSms);
    let needs_phone = matches!(delivery, Delivery::Sms | Delivery::EmailAndSms);
    if needs_email && !email {
        Some("Delivery by email needs the email address: type it, or change the delivery.".into())
    } else if needs_phone && !phone {
        Some("Delivery by SMS needs the phone number: type it, or change the delivery.".into())
    } else {
        None
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
    /// ForceAliasCreation: a verified email or phone that is another user's sign-in alias
    /// moves to this user.
    pub force_alias: bool,
}

impl Invitation {
    /// The equivalent AWS CLI command; the temporary password is elided.
    pub fn cli(&self, pool_id: &str) -> String {
        let mut cli = format!(
            "aws cognito-idp admin-create-user --user-pool-id {} --username {}",
            quote(pool_id),
            quote(&self.username)
        );
        if !self.attributes.is_empty() {
            cli.push_str(" --user-attributes ");
            cli.push_str(&attribute_pairs(&self.attributes));
        }
        if self.temporary_password.is_some() {
            cli.push_str(" --temporary-password '<elided>'");
        }
        match (self.resend, self.delivery) {
            (true, _) => cli.push_str(" --message-action RESEND"),
            (false, Delivery::Suppress) => cli.push_str(" --message-action SUPPRESS"),
            _ => {}
        }
        let mediums: Vec<String> = self
            .delivery
            .mediums()
            .iter()
            .map(|m| m.as_str().to_owned())
            .collect();
        if !mediums.is_empty() {
            cli.push_str(" --desired-delivery-mediums ");
            cli.push_str(&mediums.join(" "));
        }
        if self.force_alias {
            cli.push_str(" --force-alias-creation");
        }
        cli
    }
}

impl Cognito {
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
            .changes
            .admin_create_user()
            .set_client_metadata(self.client_metadata())
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
            .set_force_alias_creation(invitation.force_alias.then_some(true))
            .set_desired_delivery_mediums((!mediums.is_empty()).then_some(mediums))
            .send()
            .await?;
        out.user().map(user_from_sdk).ok_or(CognitoError::Other {
            code: "AdminCreateUser".into(),
            message: "Cognito returned no user".into(),
        })
    }
}
