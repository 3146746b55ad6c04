//! The client-side calls of sign-up and attribute verification: SignUp, ConfirmSignUp,
//! ResendConfirmationCode (each with SECRET_HASH when the client has a secret), and
//! GetUserAttributeVerificationCode / VerifyUserAttribute with the user's access token.

use aws_sdk_cognitoidentityprovider::types::{AttributeType, CodeDeliveryDetailsType};

use super::Cognito;
use super::error::CognitoError;
use super::model::{AppClient, Attribute, CodeDelivery};
use super::sensitive::Sensitive;

type Result<T> = std::result::Result<T, CognitoError>;

/// What SignUp answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedUp {
    /// True when a pre-sign-up trigger confirmed the user at once.
    pub confirmed: bool,
    /// Where the confirmation code went.
    pub delivery: Option<CodeDelivery>,
}

impl Cognito {
    /// SignUp with a password and attributes.
    pub async fn sign_up(
        &self,
        client: &AppClient,
        username: &str,
        password: &Sensitive,
        attributes: &[Attribute],
    ) -> Result<SignedUp> {
        let out = self
            .changes
            .sign_up()
            .set_client_metadata(self.client_metadata())
            .client_id(&client.id)
            .set_secret_hash(client.secret_hash(username))
            .username(username)
            .password(password.expose())
            .set_user_attributes(Some(sdk_attributes(attributes)))
            .send()
            .await?;
        Ok(SignedUp {
            confirmed: out.user_confirmed(),
            delivery: out.code_delivery_details().map(delivery),
        })
    }

    /// ConfirmSignUp with the code the user received; with `force_alias`, an email or phone
    /// that is another user's sign-in alias moves to this user.
    pub async fn confirm_sign_up(
        &self,
        client: &AppClient,
        username: &str,
        code: &Sensitive,
        force_alias: bool,
    ) -> Result<()> {
        self.changes
            .confirm_sign_up()
            .set_client_metadata(self.client_metadata())
            .client_id(&client.id)
            .set_secret_hash(client.secret_hash(username))
            .username(username)
            .confirmation_code(code.expose())
            .set_force_alias_creation(force_alias.then_some(true))
            .send()
            .await?;
        Ok(())
    }

    /// ResendConfirmationCode; where the new code went.
    pub async fn resend_code(
        &self,
        client: &AppClient,
        username: &str,
    ) -> Result<Option<CodeDelivery>> {
        let out = self
            .changes
            .resend_confirmation_code()
            .set_client_metadata(self.client_metadata())
            .client_id(&client.id)
            .set_secret_hash(client.secret_hash(username))
            .username(username)
            .send()
            .await?;
        Ok(out.code_delivery_details().map(delivery))
    }

    /// GetUserAttributeVerificationCode for the signed-in user; where the code went.
    pub async fn attribute_code(
        &self,
        access_token: &Sensitive,
        attribute: &str,
    ) -> Result<Option<CodeDelivery>> {
        let out = self
            .changes
            .get_user_attribute_verification_code()
            .set_client_metadata(self.client_metadata())
            .access_token(access_token.expose())
            .attribute_name(attribute)
            .send()
            .await?;
        Ok(out.code_delivery_details().map(delivery))
    }

    /// VerifyUserAttribute with the code the user received.
    pub async fn verify_attribute(
        &self,
        access_token: &Sensitive,
        attribute: &str,
        code: &Sensitive,
    ) -> Result<()> {
        self.changes
            .verify_user_attribute()
            .access_token(access_token.expose())
            .attribute_name(attribute)
            .code(code.expose())
            .send()
            .await?;
        Ok(())
    }
}

pub(super) fn sdk_attributes(attributes: &[Attribute]) -> Vec<AttributeType> {
    attributes
        .iter()
        .filter_map(|a| {
            AttributeType::builder()
                .name(&a.name)
                .value(&a.value)
                .build()
                .ok()
        })
        .collect()
}

fn delivery(d: &CodeDeliveryDetailsType) -> CodeDelivery {
    CodeDelivery {
        medium: d
            .delivery_medium()
            .map_or("EMAIL", |m| m.as_str())
            .to_owned(),
        destination: d.destination().unwrap_or("(not said)").to_owned(),
    }
}
