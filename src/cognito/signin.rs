//! Signing in: the password flows (ADMIN_USER_PASSWORD_AUTH, USER_PASSWORD_AUTH), USER_SRP_AUTH,
//! choice-based USER_AUTH (with PREFERRED_CHALLENGE, SELECT_CHALLENGE and PASSWORD_SRP) and
//! CUSTOM_AUTH, and the answers to the challenges Cognito asks on the way.
//! Each call, the first and every answer to a challenge, sends the remembered device's
//! DEVICE_KEY, if any, and DEVICE_SRP_AUTH is answered before the app sees the step (see
//! `remember`).
//! An SRP exchange is finished in the same call that started it: its secret never leaves the
//! worker, and the app sees tokens or the next challenge.

use std::collections::HashMap;

use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;
use aws_sdk_cognitoidentityprovider::types::{AuthFlowType, ChallengeNameType};

use super::Cognito;
use super::auth::{Answer, AuthSession, AuthStep, AuthTarget, Challenge, Factor};
use super::endpoint::Server;
use super::error::CognitoError;
use super::flows::AuthFlow;
use super::sensitive::Sensitive;
use super::srp::Srp;
use super::step::{AuthOutput, first_factor_code};

type Result<T> = std::result::Result<T, CognitoError>;

/// What a call that sent SRP_A answered.
struct SrpAnswer<'a> {
    name: Option<&'a ChallengeNameType>,
    session: Option<&'a str>,
    params: Option<&'a HashMap<String, String>>,
}

impl Cognito {
    /// Starts a sign-in with a username and password.
    pub async fn sign_in(
        &self,
        target: &AuthTarget,
        username: &str,
        password: &Sensitive,
    ) -> Result<AuthStep> {
        self.sign_in_preferring(target, username, password, None)
            .await
    }

    /// Starts a sign-in through the target's flow; `preferred` is the first factor USER_AUTH
    /// asks for (PREFERRED_CHALLENGE), if any.
    pub async fn sign_in_preferring(
        &self,
        target: &AuthTarget,
        username: &str,
        password: &Sensitive,
        preferred: Option<Factor>,
    ) -> Result<AuthStep> {
        let step = self
            .first_step(target, username, password, preferred)
            .await?;
        self.answer_device(target, step).await
    }

    /// The first answer of the target's flow, before any device challenge is answered.
    async fn first_step(
        &self,
        target: &AuthTarget,
        username: &str,
        password: &Sensitive,
        preferred: Option<Factor>,
    ) -> Result<AuthStep> {
        match target.flow {
            AuthFlow::Srp => return self.srp_sign_in(target, username, password).await,
            AuthFlow::Choice => {
                return self
                    .choice_sign_in(target, username, password, preferred)
                    .await;
            }
            AuthFlow::Custom => return self.custom_sign_in(target, username).await,
            AuthFlow::Admin | AuthFlow::User => {}
        }
        let mut params = target.auth_parameters(username);
        params.insert("PASSWORD".to_owned(), password.expose().to_owned());
        match target.flow {
            AuthFlow::Admin => self
                .client
                .admin_initiate_auth()
                .set_client_metadata(self.client_metadata())
                .user_pool_id(&target.pool_id)
                .client_id(&target.client.id)
                .auth_flow(AuthFlowType::AdminUserPasswordAuth)
                .set_auth_parameters(Some(params))
                .send()
                .await
                .map(|o| o.step(username))
                .map_err(CognitoError::from),
            _ => self
                .client
                .initiate_auth()
                .set_client_metadata(self.client_metadata())
                .client_id(&target.client.id)
                .auth_flow(AuthFlowType::UserPasswordAuth)
                .set_auth_parameters(Some(params))
                .send()
                .await
                .map(|o| o.step(username))
                .map_err(CognitoError::from),
        }
    }

    /// Answers the current challenge (and DEVICE_SRP_AUTH, if Cognito asks for it next).
    pub async fn respond(
        &self,
        target: &AuthTarget,
        session: &AuthSession,
        answer: &Answer,
    ) -> Result<AuthStep> {
        let step = self.answer(target, session, answer).await?;
        self.answer_device(target, step).await
    }

    /// One answer to the current challenge.
    async fn answer(
        &self,
        target: &AuthTarget,
        session: &AuthSession,
        answer: &Answer,
    ) -> Result<AuthStep> {
        let username = session.username.as_str();
        let mut responses = target.auth_parameters(username);
        let name = match answer {
            Answer::NewPassword {
                password,
                attributes,
            } => {
                responses.insert("NEW_PASSWORD".to_owned(), password.expose().to_owned());
                for a in attributes {
                    responses.insert(format!("userAttributes.{}", a.name), a.value.clone());
                }
                ChallengeNameType::NewPasswordRequired
            }
            Answer::Code { kind, code } => {
                responses.insert(
                    format!("{}_CODE", kind.challenge_name()),
                    code.expose().to_owned(),
                );
                ChallengeNameType::from(kind.challenge_name())
            }
            Answer::Select(kind) => {
                responses.insert("ANSWER".to_owned(), kind.challenge_name().to_owned());
                ChallengeNameType::SelectMfaType
            }
            Answer::MfaSetupDone => ChallengeNameType::MfaSetup,
            Answer::Choose {
                factor: Factor::PasswordSrp,
                password,
            } => {
                let password = password
                    .clone()
                    .unwrap_or_else(|| Sensitive::new(String::new()));
                return self.choose_password_srp(target, session, &password).await;
            }
            Answer::Choose { factor, password } => {
                responses.insert("ANSWER".to_owned(), factor.name().to_owned());
                if let (Factor::Password, Some(p)) = (factor, password) {
                    responses.insert("PASSWORD".to_owned(), p.expose().to_owned());
                }
                ChallengeNameType::SelectChallenge
            }
            Answer::Otp { factor, code } => {
                responses.insert(format!("{}_CODE", factor.name()), code.expose().to_owned());
                ChallengeNameType::from(factor.name())
            }
            Answer::Custom(text) => {
                responses.insert("ANSWER".to_owned(), text.expose().to_owned());
                ChallengeNameType::CustomChallenge
            }
        };
        let session_id = session.session.expose();
        match target.flow {
            AuthFlow::Admin => self
                .changes
                .admin_respond_to_auth_challenge()
                .set_client_metadata(self.client_metadata())
                .user_pool_id(&target.pool_id)
                .client_id(&target.client.id)
                .challenge_name(name)
                .session(session_id)
                .set_challenge_responses(Some(responses))
                .send()
                .await
                .map(|o| o.step(username))
                .map_err(CognitoError::from),
            _ => self
                .changes
                .respond_to_auth_challenge()
                .set_client_metadata(self.client_metadata())
                .client_id(&target.client.id)
                .challenge_name(name)
                .session(session_id)
                .set_challenge_responses(Some(responses))
                .send()
                .await
                .map(|o| o.step(username))
                .map(|step| match answer {
                    // The code Cognito sends when the user chose it is their first factor.
                    Answer::Choose {
                        factor: Factor::EmailOtp,
                        ..
                    } => first_factor_code(step),
                    _ => step,
                })
                .map_err(CognitoError::from),
        }
    }

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
            .set_client_metadata(self.client_metadata())
            .client_id(&target.client.id)
            .auth_flow(flow)
            .set_auth_parameters(Some(params))
            .send()
            .await
            .map_err(CognitoError::from)
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
        let mut responses = target.auth_parameters(username);
        responses.insert("ANSWER".to_owned(), Factor::PasswordSrp.name().to_owned());
        responses.insert("SRP_A".to_owned(), srp.srp_a());
        let out = self
            .changes
            .respond_to_auth_challenge()
            .set_client_metadata(self.client_metadata())
            .client_id(&target.client.id)
            .challenge_name(ChallengeNameType::SelectChallenge)
            .session(session.session.expose())
            .set_challenge_responses(Some(responses))
            .send()
            .await
            .map_err(CognitoError::from)?;
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
        let server = self.endpoint_url.server();
        let responses = srp.verifier_responses(&target.client, params, user_id, server)?;
        match self
            .verify_password(target, answer.session, responses)
            .await
        {
            // Cognito names the user the same in USER_ID_FOR_SRP and USERNAME. The local
            // emulator puts its internal id in USER_ID_FOR_SRP and knows the user only by
            // USERNAME: an emulator is answered once more in that name, Cognito never.
            Err(CognitoError::UserNotFound) if server == Server::Emulator => {
                let Some(name) = params
                    .get("USERNAME")
                    .filter(|n| !n.is_empty() && n.as_str() != user_id)
                else {
                    return Err(CognitoError::UserNotFound);
                };
                let responses = srp.verifier_responses(&target.client, params, name, server)?;
                let out = self
                    .verify_password(target, answer.session, responses)
                    .await?;
                Ok(out.step(name))
            }
            other => other.map(|out| out.step(user_id)),
        }
    }

    /// RespondToAuthChallenge with PASSWORD_VERIFIER (and the remembered device's DEVICE_KEY).
    async fn verify_password(
        &self,
        target: &AuthTarget,
        session: Option<&str>,
        mut responses: HashMap<String, String>,
    ) -> Result<RespondToAuthChallengeOutput> {
        target.add_device_key(&mut responses);
        self.changes
            .respond_to_auth_challenge()
            .set_client_metadata(self.client_metadata())
            .client_id(&target.client.id)
            .challenge_name(ChallengeNameType::PasswordVerifier)
            .set_session(session.filter(|s| !s.is_empty()).map(ToOwned::to_owned))
            .set_challenge_responses(Some(responses))
            .send()
            .await
            .map_err(CognitoError::from)
    }
}
