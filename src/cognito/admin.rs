//! Admin changes to one user (AdminConfirmSignUp, AdminUpdateUserAttributes,
//! AdminDeleteUserAttributes, AdminEnableUser, ...): what each call does, says and is on the
//! AWS CLI (sent by `admin_send`).

use aws_sdk_cognitoidentityprovider::types::FeedbackValueType;

use super::invite::{Delivery, Invitation};
use super::mfa::MfaPreference;
use super::model::{Attribute, User, UserStatus};
use super::sensitive::Sensitive;
use super::shell::{attribute_pairs, quote};

/// One admin call on one user. A change can be several calls; each is reported on its own.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumDiscriminants)]
#[strum_discriminants(name(AdminCallKind), derive(strum::EnumIter))]
pub enum AdminCall {
    /// AdminConfirmSignUp.
    ConfirmSignUp,
    /// AdminUpdateUserAttributes: set (or add) these attributes in one call.
    SetAttributes(Vec<Attribute>),
    /// AdminDeleteUserAttributes.
    DeleteAttributes(Vec<String>),
    /// AdminEnableUser.
    Enable,
    /// AdminDisableUser.
    Disable,
    /// AdminDeleteUser.
    Delete,
    /// AdminResetUserPassword.
    ResetPassword,
    /// AdminSetUserPassword, permanent or temporary.
    SetPassword {
        password: Sensitive,
        permanent: bool,
    },
    /// AdminUserGlobalSignOut.
    GlobalSignOut,
    /// AdminAddUserToGroup.
    AddToGroup(String),
    /// AdminRemoveUserFromGroup.
    RemoveFromGroup(String),
    /// AdminForgetDevice, by device key.
    ForgetDevice(String),
    /// AdminListDevices, then AdminForgetDevice for each device remembered.
    ForgetDevices,
    /// AdminSetUserMFAPreference: each factor named is enabled, preferred or turned off.
    SetMfa(MfaPreference),
    /// AdminUpdateAuthEventFeedback: the sign-in event `event_id` was the user (`valid`) or
    /// not, for threat protection to learn from.
    EventFeedback { event_id: String, valid: bool },
    /// AdminLinkProviderForUser: the identity `user_id` at `provider` signs in as this user
    /// from now on.
    LinkIdentity { provider: String, user_id: String },
    /// AdminDisableProviderForUser: the identity `user_id` at `provider` no longer signs in
    /// as this user.
    UnlinkIdentity { provider: String, user_id: String },
    /// AdminCreateUser with MessageAction=RESEND: a new temporary password.
    ResendInvitation(Delivery),
    /// AdminDeleteSoftwareToken: the user lost their authenticator app; they enrol again.
    DeleteSoftwareToken,
    /// AdminCreateUser: a new user with these attributes, invited by `delivery` with a
    /// temporary password Cognito makes (a row of an imported file).
    CreateUser {
        attributes: Vec<Attribute>,
        delivery: Delivery,
    },
}

impl AdminCall {
    /// What the call did to `user` once Cognito accepted it, for a row shown without reading
    /// the user again.
    pub fn apply(&self, user: &mut User) {
        match self {
            Self::ConfirmSignUp => user.status = UserStatus::Confirmed,
            Self::SetAttributes(set) => {
                for a in set {
                    match user.attributes.iter_mut().find(|b| b.name == a.name) {
                        Some(b) => b.value.clone_from(&a.value),
                        None => user.attributes.push(a.clone()),
                    }
                }
            }
            Self::DeleteAttributes(names) => user.attributes.retain(|a| !names.contains(&a.name)),
            Self::Enable => user.enabled = true,
            Self::Disable => user.enabled = false,
            Self::ResetPassword => user.status = UserStatus::ResetRequired,
            Self::SetPassword { permanent, .. } => {
                user.status = if *permanent {
                    UserStatus::Confirmed
                } else {
                    UserStatus::ForceChangePassword
                };
            }
            Self::Delete
            | Self::GlobalSignOut
            | Self::AddToGroup(_)
            | Self::RemoveFromGroup(_)
            | Self::ForgetDevice(_)
            | Self::ForgetDevices
            | Self::SetMfa(_)
            | Self::EventFeedback { .. }
            | Self::LinkIdentity { .. }
            | Self::UnlinkIdentity { .. }
            | Self::ResendInvitation(_)
            | Self::DeleteSoftwareToken => {}
            Self::CreateUser { attributes, .. } => {
                user.status = UserStatus::ForceChangePassword;
                user.attributes.clone_from(attributes);
            }
        }
    }

    /// Whether the call takes ClientMetadata for the pool's Lambda triggers.
    pub fn takes_client_metadata(&self) -> bool {
        match self {
            Self::ConfirmSignUp
            | Self::SetAttributes(_)
            | Self::ResetPassword
            | Self::ResendInvitation(_)
            | Self::CreateUser { .. } => true,
            Self::DeleteAttributes(_)
            | Self::Enable
            | Self::Disable
            | Self::Delete
            | Self::SetPassword { .. }
            | Self::GlobalSignOut
            | Self::AddToGroup(_)
            | Self::RemoveFromGroup(_)
            | Self::ForgetDevice(_)
            | Self::ForgetDevices
            | Self::SetMfa(_)
            | Self::EventFeedback { .. }
            | Self::LinkIdentity { .. }
            | Self::UnlinkIdentity { .. }
            | Self::DeleteSoftwareToken => false,
        }
    }

    /// What the call did, for the report: "confirmed the sign-up".
    pub fn done(&self) -> String {
        match self {
            Self::ConfirmSignUp => "confirmed the sign-up".into(),
            Self::SetAttributes(a) if is_mark_email_verified(a) => {
                "marked the email verified".into()
            }
            Self::SetAttributes(a) => format!("set {}", names(a.iter().map(|a| &a.name))),
            Self::DeleteAttributes(n) => format!("deleted {}", names(n)),
            Self::Enable => "enabled the user".into(),
            Self::Disable => "disabled the user".into(),
            Self::Delete => "deleted the user".into(),
            Self::ResetPassword => "reset the password".into(),
            Self::SetPassword {
                permanent: true, ..
            } => "set a permanent password".into(),
            Self::SetPassword { .. } => "set a temporary password".into(),
            Self::GlobalSignOut => "signed the user out everywhere".into(),
            Self::AddToGroup(g) => format!("added the user to {g}"),
            Self::RemoveFromGroup(g) => format!("removed the user from {g}"),
            Self::ForgetDevice(_) => "forgot the device".into(),
            Self::ForgetDevices => "forgot every remembered device".into(),
            Self::SetMfa(p) => format!("set MFA: {}", p.describe()),
            Self::EventFeedback { valid, .. } => {
                format!("marked the sign-in event {}", validity(*valid))
            }
            Self::LinkIdentity { provider, user_id } => {
                format!("linked the {provider} identity {user_id}")
            }
            Self::UnlinkIdentity { provider, user_id } => {
                format!("unlinked the {provider} identity {user_id}")
            }
            Self::ResendInvitation(d) => format!("resent the invitation by {}", d.label()),
            Self::DeleteSoftwareToken => "removed the authenticator app (TOTP)".into(),
            Self::CreateUser { delivery, .. } => {
                format!("created the user, invited by {}", delivery.label())
            }
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
            Self::Enable => "enabling the user".into(),
            Self::Disable => "disabling the user".into(),
            Self::Delete => "deleting the user".into(),
            Self::ResetPassword => "resetting the password".into(),
            Self::SetPassword { .. } => "setting the password".into(),
            Self::GlobalSignOut => "signing the user out everywhere".into(),
            Self::AddToGroup(g) => format!("adding the user to {g}"),
            Self::RemoveFromGroup(g) => format!("removing the user from {g}"),
            Self::ForgetDevice(_) => "forgetting the device".into(),
            Self::ForgetDevices => "forgetting every remembered device".into(),
            Self::SetMfa(p) => format!("setting MFA: {}", p.describe()),
            Self::EventFeedback { valid, .. } => {
                format!("marking the sign-in event {}", validity(*valid))
            }
            Self::LinkIdentity { provider, user_id } => {
                format!("linking the {provider} identity {user_id}")
            }
            Self::UnlinkIdentity { provider, user_id } => {
                format!("unlinking the {provider} identity {user_id}")
            }
            Self::ResendInvitation(_) => "resending the invitation".into(),
            Self::DeleteSoftwareToken => "removing the authenticator app (TOTP)".into(),
            Self::CreateUser { .. } => "creating the user".into(),
        }
    }

    /// The equivalent AWS CLI command; passwords are elided.
    pub fn cli(&self, pool_id: &str, username: &str) -> String {
        let target = format!(
            "--user-pool-id {} --username {}",
            quote(pool_id),
            quote(username)
        );
        let op = |name: &str| format!("aws cognito-idp {name} {target}");
        match self {
            Self::ConfirmSignUp => op("admin-confirm-sign-up"),
            Self::SetAttributes(a) => format!(
                "{} --user-attributes {}",
                op("admin-update-user-attributes"),
                attribute_pairs(a)
            ),
            Self::DeleteAttributes(n) => format!(
                "{} --user-attribute-names {}",
                op("admin-delete-user-attributes"),
                n.join(" ")
            ),
            Self::Enable => op("admin-enable-user"),
            Self::Disable => op("admin-disable-user"),
            Self::Delete => op("admin-delete-user"),
            Self::ResetPassword => op("admin-reset-user-password"),
            Self::SetPassword { permanent, .. } => format!(
                "{} --password '<elided>' {}",
                op("admin-set-user-password"),
                if *permanent {
                    "--permanent"
                } else {
                    "--no-permanent"
                }
            ),
            Self::GlobalSignOut => op("admin-user-global-sign-out"),
            Self::AddToGroup(g) => {
                format!(
                    "{} --group-name {}",
                    op("admin-add-user-to-group"),
                    quote(g)
                )
            }
            Self::RemoveFromGroup(g) => format!(
                "{} --group-name {}",
                op("admin-remove-user-from-group"),
                quote(g)
            ),
            Self::ForgetDevice(key) => {
                format!("{} --device-key {}", op("admin-forget-device"), quote(key))
            }
            Self::ForgetDevices => format!(
                "{}, then admin-forget-device --device-key <key> for each",
                op("admin-list-devices")
            ),
            Self::SetMfa(p) => format!("{}{}", op("admin-set-user-mfa-preference"), p.cli_args()),
            Self::EventFeedback { event_id, valid } => format!(
                "{} --event-id {} --feedback-value {}",
                op("admin-update-auth-event-feedback"),
                quote(event_id),
                feedback_value(*valid).as_str()
            ),
            Self::DeleteSoftwareToken => op("admin-delete-software-token"),
            Self::LinkIdentity { provider, user_id } => format!(
                "aws cognito-idp admin-link-provider-for-user --user-pool-id {} --destination-user {} --source-user {}",
                quote(pool_id),
                quote(&format!(
                    "ProviderName=Cognito,ProviderAttributeValue={username}"
                )),
                quote(&provider_user(provider, user_id))
            ),
            Self::UnlinkIdentity { provider, user_id } => format!(
                "aws cognito-idp admin-disable-provider-for-user --user-pool-id {} --user {}",
                quote(pool_id),
                quote(&provider_user(provider, user_id))
            ),
            Self::CreateUser { .. } => self
                .invitation(username)
                .map(|i| i.cli(pool_id))
                .unwrap_or_default(),
            Self::ResendInvitation(delivery) => {
                let mediums: Vec<String> = delivery
                    .mediums()
                    .iter()
                    .map(|m| m.as_str().to_owned())
                    .collect();
                format!(
                    "{} --message-action RESEND --desired-delivery-mediums {}",
                    op("admin-create-user"),
                    mediums.join(" ")
                )
            }
        }
    }

    /// The invitation a `CreateUser` call sends for `username`.
    pub fn invitation(&self, username: &str) -> Option<Invitation> {
        let Self::CreateUser {
            attributes,
            delivery,
        } = self
        else {
            return None;
        };
        Some(Invitation {
            username: username.to_owned(),
            attributes: attributes.clone(),
            temporary_password: None,
            delivery: *delivery,
            resend: false,
            force_alias: false,
        })
    }

    /// `email_verified = true`, the call that follows an admin confirmation.
    pub fn mark_email_verified() -> Self {
        Self::SetAttributes(vec![Attribute {
            name: "email_verified".into(),
            value: "true".into(),
        }])
    }
}

/// An identity at a provider in the CLI's shorthand: by its subject, as Cognito links them.
fn provider_user(provider: &str, user_id: &str) -> String {
    format!(
        "ProviderName={provider},ProviderAttributeName={SUBJECT},ProviderAttributeValue={user_id}"
    )
}

/// The provider attribute that names an identity: the user's subject at the provider.
pub(super) const SUBJECT: &str = "Cognito_Subject";

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

/// "valid" or "invalid", for sentences about a sign-in event's feedback.
fn validity(valid: bool) -> &'static str {
    if valid { "valid" } else { "invalid" }
}

/// AdminUpdateAuthEventFeedback's FeedbackValue.
pub(super) fn feedback_value(valid: bool) -> FeedbackValueType {
    if valid {
        FeedbackValueType::Valid
    } else {
        FeedbackValueType::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_quotes_values_and_elides_passwords() {
        let set = AdminCall::SetAttributes(vec![Attribute {
            name: "name".into(),
            value: "Ann O'Neil".into(),
        }]);
        assert_eq!(
            set.cli("eu-west-1_P", "ann"),
            r"aws cognito-idp admin-update-user-attributes --user-pool-id eu-west-1_P --username ann --user-attributes Name=name,Value='Ann O'\''Neil'"
        );
        let password = AdminCall::SetPassword {
            password: Sensitive::new("Hunter2-Secret!".into()),
            permanent: false,
        };
        let cli = password.cli("eu-west-1_P", "ann");
        assert!(!cli.contains("Hunter2"), "{cli}");
        assert!(
            cli.ends_with("--password '<elided>' --no-permanent"),
            "{cli}"
        );
        let invitation = Invitation {
            username: "guest".into(),
            attributes: vec![Attribute {
                name: "email".into(),
                value: "guest@example.com".into(),
            }],
            temporary_password: Some(Sensitive::new("Temp-Passw0rd!".into())),
            delivery: Delivery::EmailAndSms,
            resend: false,
            force_alias: false,
        };
        assert_eq!(
            invitation.cli("eu-west-1_P"),
            "aws cognito-idp admin-create-user --user-pool-id eu-west-1_P --username guest --user-attributes Name=email,Value=guest@example.com --temporary-password '<elided>' --desired-delivery-mediums EMAIL SMS"
        );
    }
}
