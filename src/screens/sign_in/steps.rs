//! Sign-in answers: each step Cognito answers (tokens, a challenge, a TOTP secret, a verified
//! code) moves the sign-in on to its next step.

use super::challenge::Asked;
use super::{
    AfterSignIn, MfaCode, NewPassword, SelectMfa, SignInContext, SignInFlow, Step, TokensView,
};
use crate::action::{Action, Outcome};
use crate::app::Form;
use crate::claims;
use crate::cognito::CognitoError;
use crate::cognito::auth::{Answer, AuthStep, Challenge, EnrolWith, MfaKind};
use crate::cognito::sensitive::Sensitive;
use crate::cognito::skew_hint;
use crate::qr::{Qr, otpauth_uri};
use crate::screens::code::{CodeEntry, CodePurpose};
use crate::screens::module::{Ctx, Next};

impl SignInFlow {
    /// Results of the sign-in, enrolment and device actions.
    pub(super) fn answered(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        match (action, outcome) {
            (
                Action::SignIn {
                    username, password, ..
                },
                Outcome::Auth(Ok(AuthStep::Challenge {
                    challenge: Challenge::SelectChallenge { available },
                    session,
                })),
            ) => {
                let typed = Some((username.clone(), password.clone()));
                self.open_select_challenge(session, available, typed, ctx);
                Next::Stay
            }
            (Action::SignIn { .. } | Action::Respond { .. }, Outcome::Auth(Ok(step))) => {
                self.on_step(step, ctx)
            }
            (Action::AssociateTotp { .. }, Outcome::TotpAssociated(Ok((secret, session)))) => {
                if let Step::Enrol(e) = &mut self.step {
                    if let (EnrolWith::Session(s), Some(new)) = (&mut e.with, session) {
                        s.session = new;
                    }
                    e.uri = Sensitive::new(otpauth_uri(&e.issuer, &e.account, &secret));
                    e.qr = Qr::new(e.uri.expose());
                    e.secret = Some(secret);
                }
                Next::Stay
            }
            (
                Action::VerifyTotp { username, with, .. },
                Outcome::TotpVerified {
                    result: Ok(session),
                    ..
                },
            ) => {
                // Kept in memory only, so the demo authenticator works at the next sign-in.
                if let Step::Enrol(e) = &self.step
                    && let Some(secret) = &e.secret
                {
                    ctx.keep_demo_secret(self.auth.username.clone(), secret.clone());
                }
                self.after_verify(username.clone(), with.clone(), session, ctx);
                Next::Stay
            }
            (Action::RememberDevice { .. }, Outcome::DeviceRemembered(Ok(device))) => {
                ctx.remember_device(device);
                Next::Stay
            }
            (Action::PreferTotp { .. }, Outcome::MfaChanged(Ok(()))) => {
                let sentence = "Authenticator verified: TOTP is now the user's preferred MFA. Sign in again to use it.";
                ctx.say(sentence.into());
                if matches!(self.step, Step::Enrol(_)) {
                    return self.leave();
                }
                Next::Stay
            }
            _ => Next::Stay,
        }
    }

    /// A call of the sign-in was refused: a wrong authenticator code counts as a try (with a
    /// hint when this computer's clock is off); a remembered device Cognito forgot is
    /// forgotten here too.
    pub(super) fn refused(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) {
        match (action, error) {
            (Action::VerifyTotp { .. }, _) => {
                // A try counts once the code was sent, not when its confirmation opened.
                if let Step::Enrol(e) = &mut self.step {
                    e.tries += 1;
                }
                let sentence = error.to_string();
                ctx.refuse(match skew_hint(ctx.clock_skew) {
                    Some(hint) => format!("{sentence} {hint}"),
                    None => sentence,
                });
            }
            (
                Action::SignIn { target, .. } | Action::Respond { target, .. },
                CognitoError::DeviceForgotten,
            ) => {
                // The application forgets it; this sign-in stops sending it.
                if let Some(device) = &target.device
                    && self
                        .auth
                        .target
                        .device
                        .as_ref()
                        .is_some_and(|d| d.key == device.key)
                {
                    self.auth.target.device = None;
                }
                ctx.refuse(error.to_string());
            }
            _ => ctx.refuse(error.to_string()),
        }
    }

    /// The code verified: finish MFA_SETUP with the session, or make TOTP preferred with the
    /// access token (the confirmation of the verification said so).
    fn after_verify(
        &self,
        username: String,
        with: EnrolWith,
        session: Option<Sensitive>,
        ctx: &mut Ctx,
    ) {
        match with {
            EnrolWith::Session(mut s) => {
                if let Some(new) = session {
                    s.session = new;
                }
                ctx.request(Action::Respond {
                    target: self.auth.target.clone(),
                    session: s,
                    answer: Answer::MfaSetupDone,
                });
            }
            EnrolWith::AccessToken(access_token) => ctx.go_on(Action::PreferTotp {
                username,
                access_token,
            }),
        }
    }

    fn on_step(&mut self, step: AuthStep, ctx: &mut Ctx) -> Next {
        let (challenge, session) = match step {
            AuthStep::SignedIn(tokens) => {
                if let AfterSignIn::Verify(attribute) = &self.auth.then {
                    let purpose = CodePurpose::Attribute {
                        access_token: tokens.access,
                        attribute: attribute.clone(),
                    };
                    return CodeEntry::open(self.auth.username.clone(), purpose, None, true, ctx);
                }
                let (id, access) = (
                    claims::decode(tokens.id.expose()),
                    claims::decode(tokens.access.expose()),
                );
                // The user who enrolled during MFA_SETUP, named by the challenge's session.
                let enrolled = match &self.step {
                    Step::Enrol(e) => Some(enrolling_user(&e.with, &self.auth)),
                    _ => None,
                };
                // Completing MFA_SETUP: make TOTP the preferred factor explicitly.
                if let Some(enrolled) = enrolled {
                    let access_token = tokens.access.clone();
                    let username = claims::username_of(access_token.expose(), &enrolled);
                    ctx.go_on(Action::PreferTotp {
                        username,
                        access_token,
                    });
                }
                self.step = Step::Tokens(Box::new(TokensView { tokens, id, access }));
                return Next::Stay;
            }
            AuthStep::Challenge { challenge, session } => (challenge, session),
        };
        match challenge {
            Challenge::NewPasswordRequired { required } => {
                let sentence = if required.is_empty() {
                    "First sign-in with a temporary password: choose the user's new password."
                } else {
                    "First sign-in with a temporary password: choose the user's new password and give the attributes the pool requires."
                };
                ctx.say(sentence.into());
                self.step = Step::NewPassword(NewPassword::new(session, required));
            }
            Challenge::MfaSetup { can_setup } => {
                if !can_setup.is_empty() && !can_setup.contains(&MfaKind::Totp) {
                    ctx.refuse(
                        "The pool requires MFA but does not offer an authenticator app: set the user up for SMS in the AWS console.".into(),
                    );
                    return Next::Stay;
                }
                self.start_enrol(EnrolWith::Session(session), ctx);
            }
            Challenge::Code { kind, destination } => {
                let demo_secret = (kind == MfaKind::Totp)
                    .then(|| ctx.demo_secrets.get(&session.username).cloned())
                    .flatten();
                self.step = Step::MfaCode(MfaCode {
                    session,
                    kind,
                    destination,
                    form: Form::new(&[("Code", false)]),
                    tries: 0,
                    demo_secret,
                    authenticator: false,
                });
            }
            Challenge::SelectMfaType { options } => {
                self.step = Step::SelectMfa(SelectMfa {
                    session,
                    options,
                    selected: 0,
                });
            }
            Challenge::SelectChallenge { available } => {
                self.open_select_challenge(session, available, None, ctx);
            }
            Challenge::Otp { .. } | Challenge::Custom { .. } => {
                self.open_answer(session, Asked::from_challenge(challenge));
            }
            Challenge::DeviceSrpAuth => ctx.refuse(format!(
                "Cognito asks for a remembered device (DEVICE_SRP_AUTH), but cognitui remembers none for {} in this run: forget the user's devices on their page (d, then x), then sign in again.",
                session.username
            )),
            Challenge::Unsupported(name) => ctx.refuse(format!(
                "Cognito asks for {name}, which cognitui cannot answer: finish this sign-in in the app."
            )),
        }
        Next::Stay
    }
}

/// The user a TOTP enrolment is for, for the audit log: the challenge session's user, or the
/// owner of the access token (its `username` claim), else the user the sign-in was for.
pub(super) fn enrolling_user(with: &EnrolWith, auth: &SignInContext) -> String {
    match with {
        EnrolWith::Session(s) => s.username.clone(),
        EnrolWith::AccessToken(token) => claims::username_of(token.expose(), &auth.username),
    }
}
