//! "Forgot password" as the app does it: ForgotPassword sends the user a code by their
//! verified email or phone, ConfirmForgotPassword sets the new password with it. Both carry
//! SECRET_HASH when the client has a secret, and both are changes (never retried by the SDK).

use aws_sdk_cognitoidentityprovider::types::CodeDeliveryDetailsType;

use super::Cognito;
use super::error::CognitoError;
use super::model::{AppClient, CodeDelivery};
use super::sensitive::Sensitive;

type Result<T> = std::result::Result<T, CognitoError>;

impl Cognito {
    /// ForgotPassword; where the code went (CodeDeliveryDetails, masked by Cognito).
    pub async fn forgot_password(
        &self,
        client: &AppClient,
        username: &str,
    ) -> Result<Option<CodeDelivery>> {
        let out = self
            .changes
            .forgot_password()
            .set_client_metadata(self.client_metadata())
            .client_id(&client.id)
            .set_secret_hash(client.secret_hash(username))
            .username(username)
            .send()
            .await?;
        Ok(out.code_delivery_details().map(delivery))
    }

    /// ConfirmForgotPassword with the code the user received and their new password.
    pub async fn confirm_forgot_password(
        &self,
        client: &AppClient,
        username: &str,
        code: &Sensitive,
        password: &Sensitive,
    ) -> Result<()> {
        self.changes
            .confirm_forgot_password()
            .set_client_metadata(self.client_metadata())
            .client_id(&client.id)
            .set_secret_hash(client.secret_hash(username))
            .username(username)
            .confirmation_code(code.expose())
            .password(password.expose())
            .send()
            .await?;
        Ok(())
    }
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
