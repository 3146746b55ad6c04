//! Sending admin calls: one call on one user, alone or as a paced step of a bulk run.

use aws_sdk_cognitoidentityprovider::types::ProviderUserIdentifierType;

use super::Cognito;
use super::admin::{AdminCall, SUBJECT, feedback_value};
use super::error::CognitoError;
use super::invite::Invitation;
use super::pace::with_backoff;
use super::signup::sdk_attributes;

type Result<T> = std::result::Result<T, CognitoError>;

impl Cognito {
    /// One step of a bulk run: paced in its quota category (under the SDK), and sent again
    /// after a backoff while Cognito answers TooManyRequests (which it never applied).
    pub async fn bulk_step(&self, pool_id: &str, username: &str, call: &AdminCall) -> Result<()> {
        with_backoff(|| self.admin(pool_id, username, call)).await
    }

    /// Runs one admin call on `username`.
    pub async fn admin(&self, pool_id: &str, username: &str, call: &AdminCall) -> Result<()> {
        match call {
            AdminCall::ConfirmSignUp => {
                self.changes
                    .admin_confirm_sign_up()
                    .set_client_metadata(self.client_metadata())
                    .user_pool_id(pool_id)
                    .username(username)
                    .send()
                    .await?;
            }
            AdminCall::SetAttributes(attributes) => {
                self.changes
                    .admin_update_user_attributes()
                    .set_client_metadata(self.client_metadata())
                    .user_pool_id(pool_id)
                    .username(username)
                    .set_user_attributes(Some(sdk_attributes(attributes)))
                    .send()
                    .await?;
            }
            AdminCall::DeleteAttributes(names) => {
                self.changes
                    .admin_delete_user_attributes()
                    .user_pool_id(pool_id)
                    .username(username)
                    .set_user_attribute_names(Some(names.clone()))
                    .send()
                    .await?;
            }
            AdminCall::DeleteSoftwareToken => self.delete_software_token(pool_id, username).await?,
            AdminCall::CreateUser { .. } => {
                if let Some(invitation) = call.invitation(username) {
                    self.invite(pool_id, &invitation).await?;
                }
            }
            AdminCall::EventFeedback { event_id, valid } => {
                self.changes
                    .admin_update_auth_event_feedback()
                    .user_pool_id(pool_id)
                    .username(username)
                    .event_id(event_id)
                    .feedback_value(feedback_value(*valid))
                    .send()
                    .await?;
            }
            AdminCall::ForgetDevice(key) => self.forget_device(pool_id, username, key).await?,
            AdminCall::ForgetDevices => self.forget_devices(pool_id, username).await?,
            AdminCall::SetMfa(preference) => {
                self.admin_set_mfa_preference(pool_id, username, *preference)
                    .await?;
            }
            AdminCall::LinkIdentity { provider, user_id } => {
                let native = ProviderUserIdentifierType::builder()
                    .provider_name("Cognito")
                    .provider_attribute_value(username)
                    .build();
                self.changes
                    .admin_link_provider_for_user()
                    .user_pool_id(pool_id)
                    .destination_user(native)
                    .source_user(identity(provider, user_id))
                    .send()
                    .await?;
            }
            AdminCall::UnlinkIdentity { provider, user_id } => {
                self.changes
                    .admin_disable_provider_for_user()
                    .user_pool_id(pool_id)
                    .user(identity(provider, user_id))
                    .send()
                    .await?;
            }
            other => self.account_call(pool_id, username, other).await?,
        }
        Ok(())
    }

    /// The calls on the account itself: enable, disable, delete, passwords, sign-out, groups
    /// and invitations.
    async fn account_call(&self, pool_id: &str, username: &str, call: &AdminCall) -> Result<()> {
        match call {
            AdminCall::Enable => {
                let c = &self.changes;
                c.admin_enable_user()
                    .user_pool_id(pool_id)
                    .username(username)
                    .send()
                    .await?;
            }
            AdminCall::Disable => {
                let c = &self.changes;
                c.admin_disable_user()
                    .user_pool_id(pool_id)
                    .username(username)
                    .send()
                    .await?;
            }
            AdminCall::Delete => {
                let c = &self.changes;
                c.admin_delete_user()
                    .user_pool_id(pool_id)
                    .username(username)
                    .send()
                    .await?;
            }
            AdminCall::ResetPassword => {
                self.changes
                    .admin_reset_user_password()
                    .set_client_metadata(self.client_metadata())
                    .user_pool_id(pool_id)
                    .username(username)
                    .send()
                    .await?;
            }
            AdminCall::SetPassword {
                password,
                permanent,
            } => {
                self.changes
                    .admin_set_user_password()
                    .user_pool_id(pool_id)
                    .username(username)
                    .password(password.expose())
                    .permanent(*permanent)
                    .send()
                    .await?;
            }
            AdminCall::GlobalSignOut => {
                self.changes
                    .admin_user_global_sign_out()
                    .user_pool_id(pool_id)
                    .username(username)
                    .send()
                    .await?;
            }
            AdminCall::AddToGroup(group) => {
                self.changes
                    .admin_add_user_to_group()
                    .user_pool_id(pool_id)
                    .username(username)
                    .group_name(group)
                    .send()
                    .await?;
            }
            AdminCall::RemoveFromGroup(group) => {
                self.changes
                    .admin_remove_user_from_group()
                    .user_pool_id(pool_id)
                    .username(username)
                    .group_name(group)
                    .send()
                    .await?;
            }
            AdminCall::ResendInvitation(delivery) => {
                let invitation = Invitation {
                    username: username.to_owned(),
                    attributes: Vec::new(),
                    temporary_password: None,
                    delivery: *delivery,
                    resend: true,
                    force_alias: false,
                };
                self.invite(pool_id, &invitation).await?;
            }
            AdminCall::ConfirmSignUp
            | AdminCall::SetAttributes(_)
            | AdminCall::DeleteAttributes(_)
            | AdminCall::DeleteSoftwareToken
            | AdminCall::EventFeedback { .. }
            | AdminCall::LinkIdentity { .. }
            | AdminCall::UnlinkIdentity { .. }
            | AdminCall::ForgetDevice(_)
            | AdminCall::ForgetDevices
            | AdminCall::SetMfa(_)
            | AdminCall::CreateUser { .. } => unreachable!("run by Cognito::admin"),
        }
        Ok(())
    }
}

impl Cognito {
    /// AdminForgetDevice.
    async fn forget_device(&self, pool_id: &str, username: &str, key: &str) -> Result<()> {
        self.changes
            .admin_forget_device()
            .user_pool_id(pool_id)
            .username(username)
            .device_key(key)
            .send()
            .await?;
        Ok(())
    }

    /// Every device the user has remembered is forgotten. A forget whose answer was lost is
    /// settled by listing the devices again: gone is done; still there (or the list failing)
    /// reports the lost answer.
    async fn forget_devices(&self, pool_id: &str, username: &str) -> Result<()> {
        let keys = self.device_keys(pool_id, username).await?;
        let mut lost = None;
        for key in &keys {
            match self.forget_device(pool_id, username, key).await {
                Ok(()) => {}
                Err(e) if e.answer_may_be_lost() => lost = Some(e),
                Err(e) => return Err(e),
            }
        }
        let Some(lost) = lost else {
            return Ok(());
        };
        match self.device_keys(pool_id, username).await {
            Ok(left) if !left.iter().any(|k| keys.contains(k)) => Ok(()),
            _ => Err(lost),
        }
    }
}

/// An identity at an external provider, by its subject there.
fn identity(provider: &str, user_id: &str) -> ProviderUserIdentifierType {
    ProviderUserIdentifierType::builder()
        .provider_name(provider)
        .provider_attribute_name(SUBJECT)
        .provider_attribute_value(user_id)
        .build()
}
