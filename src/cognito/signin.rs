//! The sign-in flows an app makes besides the password ones: USER_SRP_AUTH, choice-based
//! USER_AUTH (with PREFERRED_CHALLENGE, SELECT_CHALLENGE and PASSWORD_SRP) and CUSTOM_AUTH.
//! Each sends the remembered device's DEVICE_KEY, if any (see `device`).
//! An SRP exchange is finished in the same call that started it: its secret never leaves the
//! worker, and the app sees tokens or the next challenge.

use std::collections::HashMap;

use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;
use aws_sdk_cognitoidentityprovider::types::{AuthFlowType, ChallengeNameType};

use super::Cognito;
use super::auth::{
    AuthOutput, AuthSession, AuthStep, AuthTarget, Challenge, Factor, first_factor_code,
    sign_in_error,
};
use super::error::CognitoError;
use super::model::Sensitive;
use super::srp::Srp;

type Result<T> = std::result::Result<T, CognitoError>;

/// What a call that sent SRP_A answered.
struct SrpAnswer<'a> {
    name: Option<&'a ChallengeNameType>,
    session: Option<&'a str>,
    params: Option<&'a HashMap<String, String>>,
}

impl Cognito {
    /// USER_SRP_AUTH: SRP_A, then the PASSWORD_VERIFIER answer.
    pub(super) async fn srp_sign_in(
        &self,
        target: &AuthTarget,
        username: &str,
        password: &Sensitive,
    ) -> Result<AuthStep> {
        let srp = Srp::new(&target.pool_id, username, password);
        let mut params = target.auth_parameters(username);
        params.insert("SRP_A".to_owned(), srp.srp_a());
        let out = self
            .initiate(target, AuthFlowType::UserSrpAuth, params)
            .await?;
        let answer = SrpAnswer {
            name: out.challenge_name(),
            session: out.session(),
            params: out.challenge_parameters(),
        };
        self.after_srp_a(target, &srp, username, &answer, out.step(username))
            .await
    }

    /// USER_AUTH. With a password and no other preference, PASSWORD_SRP is asked for first;
    /// without one, Cognito answers SELECT_CHALLENGE with what the user may choose.
    pub(super) async fn choice_sign_in(
        &self,
        target: &AuthTarget,
        username: &str,
        password: &Sensitive,
        preferred: Option<Factor>,
    ) -> Result<AuthStep> {
        let preferred =
            preferred.or_else(|| (!password.expose().is_empty()).then_some(Factor::PasswordSrp));
        let srp = Srp::new(&target.pool_id, username, password);
        let mut params = target.auth_parameters(username);
        if let Some(factor) = preferred {
            params.insert("PREFERRED_CHALLENGE".to_owned(), factor.name().to_owned());
            match factor {
                Factor::PasswordSrp => {
                    params.insert("SRP_A".to_owned(), srp.srp_a());
                }
                Factor::Password => {
                    params.insert("PASSWORD".to_owned(), password.expose().to_owned());
                }
                _ => {}
            }
        }
        let out = self
            .initiate(target, AuthFlowType::UserAuth, params)
            .await?;
        let mut step = out.step(username);
        if let AuthStep::Challenge {
            challenge: Challenge::SelectChallenge { available },
            ..
        } = &mut step
        {
            *available = out
                .available_challenges()
                .iter()
                .filter_map(|c| Factor::from_name(c.as_str()))
                .collect();
        }
        // Without a password factor asked for, a code Cognito sent is the first factor.
        if !preferred.is_some_and(Factor::uses_password) {
            step = first_factor_code(step);
        }
        let answer = SrpAnswer {
            name: out.challenge_name(),
            session: out.session(),
            params: out.challenge_parameters(),
        };
        self.after_srp_a(target, &srp, username, &answer, step)
            .await
    }

    /// CUSTOM_AUTH: the pool's Lambda triggers decide the challenges.
    pub(super) async fn custom_sign_in(
        &self,
        target: &AuthTarget,
        username: &str,
    ) -> Result<AuthStep> {
        self.initiate(
            target,
            AuthFlowType::CustomAuth,
            target.auth_parameters(username),
        )
        .await
        .map(|o| o.step(username))
    }

    /// InitiateAuth through the app client with `flow` and its parameters.
    async fn initiate(
        &self,
        target: &AuthTarget,
        flow: AuthFlowType,
        params: HashMap<String, String>,
    ) -> Result<InitiateAuthOutput> {
        self.client
            .initiate_auth()
            .client_id(&target.client.id)
            .auth_flow(flow)
            .set_auth_parameters(Some(params))
            .send()
            .await
            .map_err(|e| sign_in_error(e.into()))
    }

    /// SELECT_CHALLENGE answered with PASSWORD_SRP: SRP_A goes with the choice, then the
    /// PASSWORD_VERIFIER answer.
    pub(super) async fn choose_password_srp(
        &self,
        target: &AuthTarget,
        session: &AuthSession,
        password: &Sensitive,
    ) -> Result<AuthStep> {
        let username = session.username.as_str();
        let srp = Srp::new(&target.pool_id, username, password);
        let mut responses = HashMap::from([
            ("USERNAME".to_owned(), username.to_owned()),
            ("ANSWER".to_owned(), Factor::PasswordSrp.name().to_owned()),
            ("SRP_A".to_owned(), srp.srp_a()),
        ]);
        if let Some(hash) = target.client.secret_hash(username) {
            responses.insert("SECRET_HASH".to_owned(), hash);
        }
        let out = self
            .changes
            .respond_to_auth_challenge()
            .client_id(&target.client.id)
            .challenge_name(ChallengeNameType::SelectChallenge)
            .session(session.session.expose())
            .set_challenge_responses(Some(responses))
            .send()
            .await
            .map_err(|e| sign_in_error(e.into()))?;
        let answer = SrpAnswer {
            name: out.challenge_name(),
            session: out.session(),
            params: out.challenge_parameters(),
        };
        self.after_srp_a(target, &srp, username, &answer, out.step(username))
            .await
    }

    /// After SRP_A: answers PASSWORD_VERIFIER, or passes on whatever else Cognito said.
    async fn after_srp_a(
        &self,
        target: &AuthTarget,
        srp: &Srp,
        username: &str,
        answer: &SrpAnswer<'_>,
        otherwise: AuthStep,
    ) -> Result<AuthStep> {
        if answer.name != Some(&ChallengeNameType::PasswordVerifier) {
            return Ok(otherwise);
        }
        let empty = HashMap::new();
        let params = answer.params.unwrap_or(&empty);
        let user_id = params
            .get("USER_ID_FOR_SRP")
            .filter(|v| !v.is_empty())
            .map_or(username, String::as_str);
        let responses = srp.verifier_responses(&target.client, params, user_id)?;
        match self
            .verify_password(target, answer.session, responses)
            .await
        {
            // Cognito names the user the same in USER_ID_FOR_SRP and USERNAME. The local
            // emulator puts its internal id in USER_ID_FOR_SRP and knows the user only by
            // USERNAME: answer once more in that name.
            Err(CognitoError::UserNotFound) => {
                let Some(name) = params
                    .get("USERNAME")
                    .filter(|n| !n.is_empty() && n.as_str() != user_id)
                else {
                    return Err(CognitoError::UserNotFound);
                };
                let responses = srp.verifier_responses(&target.client, params, name)?;
                let out = self
                    .verify_password(target, answer.session, responses)
                    .await?;
                Ok(out.step(name))
            }
            other => other.map(|out| out.step(user_id)),
        }
    }

    /// RespondToAuthChallenge with PASSWORD_VERIFIER.
    async fn verify_password(
        &self,
        target: &AuthTarget,
        session: Option<&str>,
        responses: HashMap<String, String>,
    ) -> Result<RespondToAuthChallengeOutput> {
        self.changes
            .respond_to_auth_challenge()
            .client_id(&target.client.id)
            .challenge_name(ChallengeNameType::PasswordVerifier)
            .set_session(session.filter(|s| !s.is_empty()).map(ToOwned::to_owned))
            .set_challenge_responses(Some(responses))
            .send()
            .await
            .map_err(|e| sign_in_error(e.into()))
    }
}
