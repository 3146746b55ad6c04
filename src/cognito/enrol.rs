//! TOTP enrolment (AssociateSoftwareToken, VerifySoftwareToken) during MFA_SETUP or for a
//! signed-in user, and making TOTP their preferred MFA (SetUserMFAPreference).

use aws_sdk_cognitoidentityprovider::types::{
    SoftwareTokenMfaSettingsType, VerifySoftwareTokenResponseType,
};

use super::Cognito;
use super::auth::EnrolWith;
use super::calls::Via;
use super::error::CognitoError;
use super::sensitive::Sensitive;
use crate::totp::TotpSecret;

type Result<T> = std::result::Result<T, CognitoError>;

impl Cognito {
    /// AssociateSoftwareToken: a new TOTP secret, and the session to go on with when enrolling
    /// during MFA_SETUP.
    pub async fn associate_totp(
        &self,
        with: &EnrolWith,
    ) -> Result<(TotpSecret, Option<Sensitive>)> {
        let request = self.client.associate_software_token();
        let request = match with {
            EnrolWith::Session(s) => request.session(s.session.expose()),
            EnrolWith::AccessToken(t) => request.access_token(t.expose()),
        };
        let out = request
            .send()
            .await
            .map_err(|e| CognitoError::made_via(&e, via(with)))?;
        let secret = out
            .secret_code()
            .and_then(TotpSecret::parse)
            .ok_or_else(|| CognitoError::Other {
                code: "AssociateSoftwareToken".into(),
                message: "Cognito returned no usable TOTP secret".into(),
            })?;
        Ok((secret, out.session().map(|s| Sensitive::new(s.to_owned()))))
    }

    /// VerifySoftwareToken with the code the authenticator shows; returns the session to finish
    /// MFA_SETUP with, if any.
    pub async fn verify_totp(
        &self,
        with: &EnrolWith,
        code: &Sensitive,
        device_name: &str,
    ) -> Result<Option<Sensitive>> {
        let request = self
            .changes
            .verify_software_token()
            .user_code(code.expose())
            .set_friendly_device_name((!device_name.is_empty()).then(|| device_name.to_owned()));
        let request = match with {
            EnrolWith::Session(s) => request.session(s.session.expose()),
            EnrolWith::AccessToken(t) => request.access_token(t.expose()),
        };
        let out = request
            .send()
            .await
            .map_err(|e| CognitoError::made_via(&e, via(with)))?;
        if out.status() == Some(&VerifySoftwareTokenResponseType::Error) {
            return Err(CognitoError::EnableSoftwareTokenMfa);
        }
        Ok(out.session().map(|s| Sensitive::new(s.to_owned())))
    }

    /// SetUserMFAPreference: TOTP enabled and preferred, for the signed-in user.
    pub async fn prefer_totp(&self, access_token: &Sensitive) -> Result<()> {
        self.changes
            .set_user_mfa_preference()
            .access_token(access_token.expose())
            .software_token_mfa_settings(
                SoftwareTokenMfaSettingsType::builder()
                    .enabled(true)
                    .preferred_mfa(true)
                    .build(),
            )
            .send()
            .await?;
        Ok(())
    }
}

/// How an enrolment call is made: with the sign-in's session, or the user's access token.
fn via(with: &EnrolWith) -> Via {
    match with {
        EnrolWith::Session(_) => Via::SignIn,
        EnrolWith::AccessToken(_) => Via::AccessToken,
    }
}
