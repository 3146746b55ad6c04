//! Sign-in answers: each step Cognito answers (tokens, a challenge, a TOTP secret, a verified
//! code) moves the sign-in on to its next screen.

use super::challenge::Asked;
use super::form::Form;
use super::{
    AfterSignIn, App, MfaCode, NewPassword, Screen, SelectMfa, SignInContext, Status, TokensView,
};
use crate::action::{Action, Outcome, Request};
use crate::claims::{self};
use crate::cognito::auth::{Answer, AuthStep, Challenge, EnrolWith, MfaKind};
use crate::cognito::sensitive::Sensitive;
use crate::cognito::skew_hint;
use crate::qr::{Qr, otpauth_uri};
use crate::screens::code::CodePurpose;

impl App {
    /// Results of the sign-in, enrolment and MFA actions.
    pub(super) fn on_auth_outcome(&mut self, action: Action, outcome: Outcome) -> Vec<Request> {
        match (action, outcome) {
            (
                Action::SignIn {
                    username, password, ..
                },
                Outcome::Auth(Ok(AuthStep::Challenge {
                    challenge: Challenge::SelectChallenge { available },
                    session,
                })),
            ) if self.auth.is_some() => {
                self.open_select_challenge(session, available, Some((username, password)));
                Vec::new()
            }
            (Action::SignIn { .. } | Action::Respond { .. }, Outcome::Auth(Ok(step)))
                if self.auth.is_some() =>
            {
                self.on_step(step)
            }
            (Action::AssociateTotp { .. }, Outcome::TotpAssociated(Ok((secret, session)))) => {
                if let Screen::Enrol(e) = &mut self.screen {
                    if let (EnrolWith::Session(s), Some(new)) = (&mut e.with, session) {
                        s.session = new;
                    }
                    e.uri = Sensitive::new(otpauth_uri(&e.issuer, &e.account, &secret));
                    e.qr = Qr::new(e.uri.expose());
                    e.secret = Some(secret);
                }
                Vec::new()
            }
            (
                Action::VerifyTotp { username, with, .. },
                Outcome::TotpVerified {
                    result: Ok(session),
                    ..
                },
            ) => {
                // Kept in memory only, so the demo authenticator works at the next sign-in.
                if let (Screen::Enrol(e), Some(ctx)) = (&self.screen, &self.auth)
                    && let Some(secret) = &e.secret
                {
                    self.demo_secrets
                        .insert(ctx.username.clone(), secret.clone());
                }
                self.after_verify(username, with, session)
            }
            (Action::RememberDevice { .. }, Outcome::DeviceRemembered(Ok(device))) => {
                self.on_device_remembered(device);
                Vec::new()
            }
            (Action::PreferTotp { .. }, Outcome::MfaChanged(Ok(()))) => {
                let sentence = "Authenticator verified: TOTP is now the user's preferred MFA. Sign in again to use it.";
                if matches!(self.screen, Screen::Enrol(_)) {
                    self.leave_sign_in();
                }
                self.status = Some(Status::Info(sentence.into()));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The code verified: finish MFA_SETUP with the session, or make TOTP preferred with the
    /// access token.
    pub(super) fn after_verify(
        &mut self,
        username: String,
        with: EnrolWith,
        session: Option<Sensitive>,
    ) -> Vec<Request> {
        match with {
            EnrolWith::Session(mut s) => {
                let Some(target) = self.target() else {
                    return Vec::new();
                };
                if let Some(new) = session {
                    s.session = new;
                }
                self.request(Action::Respond {
                    target,
                    session: s,
                    answer: Answer::MfaSetupDone,
                })
            }
            EnrolWith::AccessToken(access_token) => self.send(Action::PreferTotp {
                username,
                access_token,
            }),
        }
    }

    pub(super) fn on_step(&mut self, step: AuthStep) -> Vec<Request> {
        let (challenge, session) = match step {
            AuthStep::SignedIn(tokens) => {
                if let Some(ctx) = &self.auth
                    && let AfterSignIn::Verify(attribute) = &ctx.then
                {
                    let (username, attribute) = (ctx.username.clone(), attribute.clone());
                    self.auth = None;
                    let purpose = CodePurpose::Attribute {
                        access_token: tokens.access,
                        attribute,
                    };
                    return self.open_code_entry(username, purpose, None, true);
                }
                let (id, access) = (
                    claims::decode(tokens.id.expose()),
                    claims::decode(tokens.access.expose()),
                );
                // The user who enrolled during MFA_SETUP, named by the challenge's session.
                let enrolled = match &self.screen {
                    Screen::Enrol(e) => Some(enrolling_user(&e.with, self.auth.as_ref())),
                    _ => None,
                };
                self.screen = Screen::Tokens(Box::new(TokensView { tokens, id, access }));
                // Completing MFA_SETUP: make TOTP the preferred factor explicitly.
                if let Some(enrolled) = enrolled
                    && let Screen::Tokens(t) = &self.screen
                {
                    let access_token = t.tokens.access.clone();
                    let username = crate::claims::username_of(access_token.expose(), &enrolled);
                    return self.send(Action::PreferTotp {
                        username,
                        access_token,
                    });
                }
                return Vec::new();
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
                self.status = Some(Status::Info(sentence.into()));
                self.screen = Screen::NewPassword(NewPassword::new(session, required));
                Vec::new()
            }
            Challenge::MfaSetup { can_setup } => {
                if !can_setup.is_empty() && !can_setup.contains(&MfaKind::Totp) {
                    self.status = Some(Status::Error(
                        "The pool requires MFA but does not offer an authenticator app: set the user up for SMS in the AWS console.".into(),
                    ));
                    return Vec::new();
                }
                self.start_enrol(EnrolWith::Session(session))
            }
            Challenge::Code { kind, destination } => {
                let demo_secret = (kind == MfaKind::Totp)
                    .then(|| self.demo_secrets.get(&session.username).cloned())
                    .flatten();
                self.screen = Screen::MfaCode(MfaCode {
                    session,
                    kind,
                    destination,
                    form: Form::new(&[("Code", false)]),
                    tries: 0,
                    demo_secret,
                    authenticator: false,
                });
                Vec::new()
            }
            Challenge::SelectMfaType { options } => {
                self.screen = Screen::SelectMfa(SelectMfa {
                    session,
                    options,
                    selected: 0,
                });
                Vec::new()
            }
            Challenge::SelectChallenge { available } => {
                self.open_select_challenge(session, available, None);
                Vec::new()
            }
            Challenge::Otp { .. } | Challenge::Custom { .. } => {
                self.open_answer(session, Asked::from_challenge(challenge));
                Vec::new()
            }
            Challenge::DeviceSrpAuth => {
                self.no_remembered_device(&session.username);
                Vec::new()
            }
            Challenge::Unsupported(name) => {
                self.status = Some(Status::Error(format!(
                    "Cognito asks for {name}, which cognitui cannot answer: finish this sign-in in the app."
                )));
                Vec::new()
            }
        }
    }

    /// The status-line sentence for a failed TOTP verification, with the clock hint.
    pub(super) fn verify_failed(&mut self, sentence: String, clock_skew_secs: Option<i64>) {
        // A try counts once the code was sent, not when its confirmation opened.
        if let Screen::Enrol(e) = &mut self.screen {
            e.tries += 1;
        }
        let text = match skew_hint(clock_skew_secs) {
            Some(hint) => format!("{sentence} {hint}"),
            None => sentence,
        };
        self.status = Some(Status::Error(text));
    }
}

/// The user a TOTP enrolment is for, for the audit log: the challenge session's user, or the
/// owner of the access token (its `username` claim), else the user the sign-in was for.
pub(super) fn enrolling_user(with: &EnrolWith, auth: Option<&SignInContext>) -> String {
    match with {
        EnrolWith::Session(s) => s.username.clone(),
        EnrolWith::AccessToken(token) => {
            crate::claims::username_of(token.expose(), auth.map_or("", |a| a.username.as_str()))
        }
    }
}
