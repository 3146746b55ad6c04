//! Remembered devices at sign-in, for pools that track devices: ConfirmDevice (and
//! UpdateDeviceStatus when the user must opt in) for the device a sign-in offered, then
//! DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER answered with the remembered device at later
//! sign-ins.

use std::collections::HashMap;

use aws_sdk_cognitoidentityprovider::types::{
    ChallengeNameType, DeviceRememberedStatusType, DeviceSecretVerifierConfigType,
};

use super::Cognito;
use super::auth::{AuthSession, AuthStep, AuthTarget, Challenge};
use super::calls::Via;
use super::device::{DEVICE_NAME, DeviceAtSignIn, DeviceOffer, RememberedDevice};
use super::error::CognitoError;
use super::sensitive::Sensitive;
use super::srp::{DeviceSrp, DeviceVerifier};
use super::step::AuthOutput;

type Result<T> = std::result::Result<T, CognitoError>;

/// What a device challenge's answer said: the next challenge's name, its parameters, the step.
type DeviceReply = (Option<ChallengeNameType>, HashMap<String, String>, AuthStep);

impl Cognito {
    /// ConfirmDevice for the offered device with the user's access token: a fresh device
    /// password's verifier and salt are registered. When Cognito answers
    /// UserConfirmationNecessary (the pool lets users opt in), UpdateDeviceStatus marks it
    /// remembered too.
    pub async fn remember_device(
        &self,
        offer: &DeviceOffer,
        access_token: &Sensitive,
    ) -> Result<RememberedDevice> {
        let device = &offer.device;
        let verifier = DeviceVerifier::new(&offer.pool_id, device);
        let out = self
            .changes
            .confirm_device()
            .access_token(access_token.expose())
            .device_key(&device.key)
            .device_name(DEVICE_NAME)
            .device_secret_verifier_config(
                DeviceSecretVerifierConfigType::builder()
                    .password_verifier(&verifier.verifier)
                    .salt(&verifier.salt)
                    .build(),
            )
            .send()
            .await?;
        if out.user_confirmation_necessary() {
            self.changes
                .update_device_status()
                .access_token(access_token.expose())
                .device_key(&device.key)
                .device_remembered_status(DeviceRememberedStatusType::Remembered)
                .send()
                .await?;
        }
        Ok(RememberedDevice {
            pool_id: offer.pool_id.clone(),
            client_id: offer.client_id.clone(),
            username: offer.username.clone(),
            key: device.key.clone(),
            group_key: device.group_key.clone(),
            password: verifier.password,
        })
    }

    /// A DEVICE_SRP_AUTH challenge is answered with the target's remembered device, through
    /// DEVICE_PASSWORD_VERIFIER to the tokens; any other step (or DEVICE_SRP_AUTH without a
    /// remembered device, for the app to explain) is passed on as it is.
    pub(super) async fn answer_device(
        &self,
        target: &AuthTarget,
        step: AuthStep,
    ) -> Result<AuthStep> {
        let (
            AuthStep::Challenge {
                challenge: Challenge::DeviceSrpAuth,
                session,
            },
            Some(device),
        ) = (&step, &target.device)
        else {
            return Ok(step);
        };
        let srp = DeviceSrp::new(device);
        let username = session.username.as_str();
        let start = srp.start_responses(&target.client, username);
        let (name, params, next) = self
            .device_challenge(target, ChallengeNameType::DeviceSrpAuth, session, start)
            .await?;
        let AuthStep::Challenge { session, .. } = &next else {
            return Ok(next);
        };
        if name != Some(ChallengeNameType::DevicePasswordVerifier) {
            return Ok(next);
        }
        let responses = srp.verifier_responses(&target.client, &params, username)?;
        let (_, _, last) = self
            .device_challenge(
                target,
                ChallengeNameType::DevicePasswordVerifier,
                session,
                responses,
            )
            .await?;
        Ok(match last {
            AuthStep::SignedIn(mut tokens) => {
                tokens.device = Some(DeviceAtSignIn::Remembered);
                AuthStep::SignedIn(tokens)
            }
            other @ AuthStep::Challenge { .. } => other,
        })
    }

    /// One device challenge answered through the target's flow (as admin for the admin
    /// flow): the next challenge's name and ChallengeParameters, with the step, whose session
    /// goes on.
    async fn device_challenge(
        &self,
        target: &AuthTarget,
        name: ChallengeNameType,
        session: &AuthSession,
        responses: HashMap<String, String>,
    ) -> Result<DeviceReply> {
        let username = session.username.as_str();
        let session_id = Some(session.session.expose())
            .filter(|s| !s.is_empty())
            .map(ToOwned::to_owned);
        let (next, params, step) = if target.flow.admin() {
            let out = self
                .changes
                .admin_respond_to_auth_challenge()
                .set_client_metadata(self.client_metadata())
                .user_pool_id(&target.pool_id)
                .client_id(&target.client.id)
                .challenge_name(name)
                .set_session(session_id)
                .set_challenge_responses(Some(responses))
                .send()
                .await
                .map_err(|e| CognitoError::made_via(&e, Via::Device))?;
            (
                out.challenge_name().cloned(),
                out.challenge_parameters().cloned(),
                out.step(username),
            )
        } else {
            let out = self
                .changes
                .respond_to_auth_challenge()
                .set_client_metadata(self.client_metadata())
                .client_id(&target.client.id)
                .challenge_name(name)
                .set_session(session_id)
                .set_challenge_responses(Some(responses))
                .send()
                .await
                .map_err(|e| CognitoError::made_via(&e, Via::Device))?;
            (
                out.challenge_name().cloned(),
                out.challenge_parameters().cloned(),
                out.step(username),
            )
        };
        Ok((next, params.unwrap_or_default(), step))
    }
}
