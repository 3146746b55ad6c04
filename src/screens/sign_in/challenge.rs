//! The sign-in steps beyond the password flows: choosing the flow among those the app client
//! allows (`F3`), the USER_AUTH menu of first factors (SELECT_CHALLENGE), and the challenges
//! answered with typed text: a first-factor code (EMAIL_OTP, SMS_OTP) or a CUSTOM_CHALLENGE.

use super::{SignIn, SignInFlow, Step};
use crate::action::Action;
use crate::app::Form;
use crate::cognito::auth::{Answer, AuthSession, Challenge, Factor};
use crate::cognito::sensitive::Sensitive;
use crate::screens::module::Ctx;

/// USER_AUTH's SELECT_CHALLENGE: the first factors Cognito offers this user.
#[derive(Debug, Clone)]
pub struct SelectChallenge {
    pub session: AuthSession,
    pub available: Vec<Factor>,
    pub selected: usize,
    /// The username typed on the sign-in form, to go back to it for a password.
    pub typed: String,
    /// The password typed there, if any: PASSWORD and PASSWORD_SRP use it.
    pub password: Option<Sensitive>,
}

/// What a typed answer answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// A one-time code as the first factor, and where Cognito sent it.
    Otp {
        factor: Factor,
        destination: Option<String>,
    },
    /// A CUSTOM_CHALLENGE and its public parameters.
    Custom { parameters: Vec<(String, String)> },
}

/// A challenge answered with text.
#[derive(Debug, Clone)]
pub struct ChallengeAnswer {
    pub session: AuthSession,
    pub asked: Asked,
    pub form: Form,
    /// Answers sent so far for this sign-in.
    pub tries: u32,
}

impl Asked {
    /// What a code or custom challenge asks; any other challenge is taken as a custom one.
    pub(super) fn from_challenge(challenge: Challenge) -> Self {
        match challenge {
            Challenge::Otp {
                factor,
                destination,
            } => Self::Otp {
                factor,
                destination,
            },
            Challenge::Custom { parameters } => Self::Custom { parameters },
            _ => Self::Custom {
                parameters: Vec::new(),
            },
        }
    }
}

impl ChallengeAnswer {
    pub(super) fn new(session: AuthSession, asked: Asked, tries: u32) -> Self {
        let label = match asked {
            Asked::Otp { .. } => "Code",
            Asked::Custom { .. } => "Answer",
        };
        Self {
            session,
            asked,
            form: Form::new(&[(label, false)]),
            tries,
        }
    }
}

impl SignInFlow {
    /// `F3` on the sign-in form: the next flow the app client allows (round to the first).
    pub(super) fn next_flow(&mut self, ctx: &mut Ctx) {
        let Step::SignIn(s) = &mut self.step else {
            return;
        };
        let client = &self.auth.target.client;
        let flows = client.sign_in_flows();
        let at = flows.iter().position(|f| *f == s.flow);
        s.flow = at
            .and_then(|i| flows.get(i + 1))
            .or(flows.first())
            .copied()
            .unwrap_or(s.flow);
        self.auth.preferred = None;
        if flows.len() < 2 {
            ctx.say(format!(
                "The app client '{}' allows only {} for sign-in.",
                client.name,
                s.flow.label()
            ));
        }
    }

    /// Why the sign-in form cannot be sent as it is, if it cannot.
    pub(super) fn sign_in_problem(&self, s: &SignIn) -> Option<&'static str> {
        if s.form.value(0).trim().is_empty() {
            return Some("Type the username.");
        }
        let needs =
            s.flow.needs_password() || self.auth.preferred.is_some_and(Factor::uses_password);
        (needs && s.form.value(1).is_empty()).then_some("Type the password.")
    }

    /// USER_AUTH asked how to sign in: the menu, with the password typed at sign-in.
    pub(super) fn open_select_challenge(
        &mut self,
        session: AuthSession,
        available: Vec<Factor>,
        typed: Option<(String, Sensitive)>,
        ctx: &mut Ctx,
    ) {
        let (typed, password) = typed.map_or_else(
            || (session.username.clone(), None),
            |(u, p)| (u, Some(p).filter(|p| !p.expose().is_empty())),
        );
        // The first choice a terminal can answer is selected.
        let selected = available.iter().position(|f| f.possible()).unwrap_or(0);
        if available.is_empty() {
            ctx.refuse(
                "Cognito offers this user no way to sign in (SELECT_CHALLENGE without choices): check the pool's sign-in options.".into(),
            );
        }
        self.step = Step::SelectChallenge(SelectChallenge {
            session,
            available,
            selected,
            typed,
            password,
        });
    }

    /// Enter on the SELECT_CHALLENGE menu. A password factor without a password goes back to
    /// the sign-in form, which then asks for that factor first (PREFERRED_CHALLENGE).
    pub(super) fn choose_challenge(&mut self, ctx: &mut Ctx) {
        let Step::SelectChallenge(s) = &self.step else {
            return;
        };
        let Some(factor) = s.available.get(s.selected).copied() else {
            return;
        };
        if !factor.possible() {
            ctx.refuse(format!(
                "{} ({}) cannot be done in a terminal: the user signs in with it in the app or a browser. Choose another way.",
                crate::sentence::capitalised(factor.label()),
                factor.name()
            ));
            return;
        }
        if factor.uses_password() && s.password.is_none() {
            let typed = s.typed.clone();
            self.back_to_sign_in_for(factor, &typed, ctx);
            return;
        }
        ctx.request(Action::Respond {
            target: self.auth.target.clone(),
            session: s.session.clone(),
            answer: Answer::Choose {
                factor,
                password: s.password.clone().filter(|_| factor.uses_password()),
            },
        });
    }

    /// Cognito asked for a code or a custom answer: the screen to type it.
    pub(super) fn open_answer(&mut self, session: AuthSession, asked: Asked) {
        // A new CUSTOM_CHALLENGE after a wrong answer keeps the count.
        let tries = match &self.step {
            Step::Answer(a) if matches!(a.asked, Asked::Custom { .. }) => a.tries,
            _ => 0,
        };
        self.step = Step::Answer(Box::new(ChallengeAnswer::new(session, asked, tries)));
    }

    /// Enter on the answer screen.
    pub(super) fn submit_answer(&mut self, ctx: &mut Ctx) {
        let Step::Answer(a) = &mut self.step else {
            return;
        };
        let text = a.form.value(0).trim().to_owned();
        if text.is_empty() {
            let what = match a.asked {
                Asked::Otp { .. } => "Type the code the user reads out.",
                Asked::Custom { .. } => "Type the user's answer.",
            };
            ctx.refuse(what.into());
            return;
        }
        a.tries += 1;
        let answer = match a.asked {
            Asked::Otp { factor, .. } => Answer::Otp {
                factor,
                code: Sensitive::new(text),
            },
            Asked::Custom { .. } => Answer::Custom(Sensitive::new(text)),
        };
        ctx.request(Action::Respond {
            target: self.auth.target.clone(),
            session: a.session.clone(),
            answer,
        });
    }
}
