//! Signing in as a user: one screen module through every step of a sign-in (the form, a new
//! password, MFA codes and choices, the USER_AUTH menu and typed answers, TOTP enrolment with
//! its QR, the tokens), carrying the sign-in's target and where `Esc` returns to.

mod challenge;
mod keys;
mod steps;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use self::challenge::{Asked, ChallengeAnswer, SelectChallenge};
use super::module::{Ctx, FORM_HINTS, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::{Extent, Form, Screen};
use crate::claims::Claims;
use crate::cognito::CognitoError;
use crate::cognito::auth::{AuthSession, AuthTarget, EnrolWith, Factor, MfaKind, Tokens};
use crate::cognito::flows::AuthFlow;
use crate::cognito::model::{Attribute, PoolInfo, UserDetail};
use crate::cognito::sensitive::Sensitive;
use crate::keys::{Command, Context};
use crate::qr::Qr;
use crate::theme::Theme;
use crate::totp::TotpSecret;
use crate::validate::value_problem;

/// A sign-in in progress: where it goes, and where `Esc` returns to.
#[derive(Debug, Clone)]
pub struct SignInContext {
    pub target: AuthTarget,
    /// The user signing in, as picked in lookup or detail.
    pub username: String,
    /// The account name authenticator apps show: the user's email, else the username.
    pub account: String,
    pub origin: Box<Screen>,
    /// What the tokens are for.
    pub then: AfterSignIn,
    /// The first factor USER_AUTH asks for next (PREFERRED_CHALLENGE), once chosen.
    pub preferred: Option<Factor>,
}

/// What happens once the user is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterSignIn {
    /// Show the tokens' claims.
    ShowTokens,
    /// Send a verification code for this attribute (email, phone_number) and enter it.
    Verify(String),
}

/// Username and password.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub form: Form,
    pub flow: AuthFlow,
    pub account: String,
}

/// NEW_PASSWORD_REQUIRED: the new password, twice, then one field for each attribute the pool
/// requires that the user lacks.
#[derive(Debug, Clone)]
pub struct NewPassword {
    pub session: AuthSession,
    pub form: Form,
    /// The names of the required attributes, in the order of their fields.
    pub required: Vec<String>,
}

/// The fields before the required attributes: the new password and again.
const PASSWORD_FIELDS: usize = 2;

impl NewPassword {
    pub fn new(session: AuthSession, required: Vec<String>) -> Self {
        let mut form = Form::new(&[("New password", true), ("Again", true)]);
        for name in &required {
            form.push(name, false);
        }
        Self {
            session,
            form,
            required,
        }
    }

    /// The required attributes as typed, or the first reason they cannot be sent; a value is
    /// checked against the pool's schema when the pool names the attribute.
    fn attributes(&self, pool: Option<&PoolInfo>) -> Result<Vec<Attribute>, String> {
        self.required
            .iter()
            .zip(PASSWORD_FIELDS..)
            .map(|(name, i)| {
                let value = self.form.value(i).trim();
                if value.is_empty() {
                    return Err(format!("The pool requires {name}: type it."));
                }
                let schema = pool.and_then(|p| p.attribute(name));
                if let Some(p) = schema.and_then(|a| value_problem(&a, value)) {
                    return Err(format!("The value of {p}."));
                }
                Ok(Attribute {
                    name: name.clone(),
                    value: value.to_owned(),
                })
            })
            .collect()
    }
}

/// A code from a second factor: TOTP, SMS or email.
#[derive(Debug, Clone)]
pub struct MfaCode {
    pub session: AuthSession,
    pub kind: MfaKind,
    pub destination: Option<String>,
    pub form: Form,
    pub tries: u32,
    /// The secret enrolled earlier in this session, for the demo authenticator.
    pub demo_secret: Option<TotpSecret>,
    pub authenticator: bool,
}

/// SELECT_MFA_TYPE.
#[derive(Debug, Clone)]
pub struct SelectMfa {
    pub session: AuthSession,
    pub options: Vec<MfaKind>,
    pub selected: usize,
}

/// TOTP enrolment: the secret as QR and text, then the first code.
#[derive(Debug, Clone)]
pub struct Enrol {
    pub with: EnrolWith,
    pub issuer: String,
    pub account: String,
    /// `None` until AssociateSoftwareToken answers.
    pub secret: Option<TotpSecret>,
    /// The otpauth URI; it holds the secret.
    pub uri: Sensitive,
    pub qr: Option<Qr>,
    /// Code, then device name.
    pub form: Form,
    pub full_screen: bool,
    /// Show the code computed here from the secret (for demos without a phone).
    pub authenticator: bool,
    pub tries: u32,
}

/// The signed-in user's tokens, shown as claims only.
#[derive(Debug, Clone)]
pub struct TokensView {
    pub tokens: Tokens,
    pub id: Option<Claims>,
    pub access: Option<Claims>,
}

/// Where a sign-in is.
#[derive(Debug, Clone)]
pub enum Step {
    /// Username and password.
    SignIn(SignIn),
    /// NEW_PASSWORD_REQUIRED.
    NewPassword(NewPassword),
    /// An MFA code: SOFTWARE_TOKEN_MFA, SMS_MFA or EMAIL_OTP.
    MfaCode(MfaCode),
    /// SELECT_MFA_TYPE.
    SelectMfa(SelectMfa),
    /// USER_AUTH's SELECT_CHALLENGE: how to sign in.
    SelectChallenge(SelectChallenge),
    /// A first-factor code (EMAIL_OTP, SMS_OTP) or a CUSTOM_CHALLENGE answer.
    Answer(Box<ChallengeAnswer>),
    /// TOTP enrolment with the QR.
    Enrol(Box<Enrol>),
    /// The signed-in user's tokens.
    Tokens(Box<TokensView>),
}

/// A sign-in as a user, at one of its steps.
#[derive(Debug, Clone)]
pub struct SignInFlow {
    pub auth: SignInContext,
    pub step: Step,
}

/// The step of the sign-in `screen` is, if it is one.
pub fn step_of(screen: &Screen) -> Option<&Step> {
    screen.module_as::<SignInFlow>().map(|f| &f.step)
}

/// The step of the sign-in `screen` is, to change, if it is one.
pub fn step_mut(screen: &mut Screen) -> Option<&mut Step> {
    screen.module_as_mut::<SignInFlow>().map(|f| &mut f.step)
}

/// The sign-in form of a new sign-in.
fn sign_in_form(username: &str, flow: AuthFlow, account: &str) -> Step {
    Step::SignIn(SignIn {
        form: Form::new(&[("Username", false), ("Password", true)]).with_value(0, username),
        flow,
        account: account.to_owned(),
    })
}

impl SignInFlow {
    /// The sign-in form for `username` (`account` is what authenticators will show), through
    /// the pool's app client; `Esc` returns to `origin`.
    pub fn open(
        username: &str,
        account: &str,
        then: AfterSignIn,
        origin: Box<Screen>,
        ctx: &mut Ctx,
    ) -> Next {
        let client = match super::app_client(ctx.pool, ctx.keymap) {
            Ok(client) => client,
            Err(why) => {
                ctx.refuse(why);
                return Next::Stay;
            }
        };
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return Next::Stay;
        };
        // The first flow the app client allows, in cognitui's order of preference.
        let flow = client.sign_in_flows()[0];
        Next::Open(Box::new(Self {
            auth: SignInContext {
                target: AuthTarget {
                    pool_id,
                    client,
                    flow,
                    device: None,
                },
                username: username.to_owned(),
                account: account.to_owned(),
                origin,
                then,
                preferred: None,
            },
            step: sign_in_form(username, flow, account),
        }))
    }

    /// Back where the sign-in started.
    fn leave(&self) -> Next {
        Next::Show(self.auth.origin.clone())
    }
}

const ENROL_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "verify"),
    (Command::FullScreen, "full screen"),
    (Command::Invert, "invert"),
    (Command::Authenticator, "demo code"),
    (Command::CopySecret, "copy secret"),
    (Command::CopyUri, "copy URI"),
    (Command::Back, "cancel"),
];

const TOKENS_HINTS: &[(Command, &str)] = &[
    (Command::EnrolTotp, "set up TOTP"),
    (Command::RememberDevice, "remember device"),
    (Command::CopyAccessToken, "copy access"),
    (Command::CopyIdToken, "copy ID"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

const MENU_HINTS: &[(Command, &str)] = &[
    (Command::Open, "choose"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

/// The sign-in form's hints: the password can be shown, and the flow changed.
const SIGN_IN_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::NextField, "next field"),
    (Command::Reveal, "show password"),
    (Command::ToggleFlow, "flow"),
    (Command::Back, "cancel"),
    (Command::Help, "help"),
];

/// A new password's hints: the password can be shown.
const NEW_PASSWORD_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::NextField, "next field"),
    (Command::Reveal, "show password"),
    (Command::Back, "cancel"),
    (Command::Help, "help"),
];

impl ScreenModule for SignInFlow {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("sign in", Some(&self.auth.username))
    }

    fn context(&self) -> Context {
        match &self.step {
            Step::SignIn(_) | Step::NewPassword(_) | Step::MfaCode(_) | Step::Answer(_) => {
                Context::Form
            }
            Step::SelectMfa(_) | Step::SelectChallenge(_) => Context::Menu,
            Step::Enrol(_) => Context::Enrol,
            Step::Tokens(_) => Context::Tokens,
        }
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        match &self.step {
            Step::SignIn(_) => SIGN_IN_HINTS,
            Step::NewPassword(_) => NEW_PASSWORD_HINTS,
            Step::MfaCode(_) | Step::Answer(_) => FORM_HINTS,
            Step::SelectMfa(_) | Step::SelectChallenge(_) => MENU_HINTS,
            Step::Enrol(_) => ENROL_HINTS,
            Step::Tokens(_) => TOKENS_HINTS,
        }
    }

    fn offers(&self, command: Command, shown: &Shown) -> bool {
        match (&self.step, command) {
            (Step::Tokens(t), Command::RememberDevice) => {
                device_offered(t).is_some_and(|d| !shown.devices.iter().any(|r| r.key == d.key))
            }
            _ => true,
        }
    }

    fn wheel_rows(&self) -> usize {
        // The wheel moves a menu's choice; on a form it does nothing.
        match &self.step {
            Step::SelectMfa(_) | Step::SelectChallenge(_) => 1,
            _ => 0,
        }
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        self.key_command(command, ctx)
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        match &mut self.step {
            Step::SignIn(s) => Some(&mut s.form),
            Step::NewPassword(s) => Some(&mut s.form),
            Step::MfaCode(s) => Some(&mut s.form),
            Step::Answer(a) => Some(&mut a.form),
            Step::Enrol(e) => Some(&mut e.form),
            Step::SelectMfa(_) | Step::SelectChallenge(_) | Step::Tokens(_) => None,
        }
    }

    fn on_outcome(&mut self, action: &Action, outcome: Outcome, ctx: &mut Ctx) -> Next {
        self.answered(action, outcome, ctx)
    }

    fn on_failure(&mut self, action: &Action, error: &CognitoError, ctx: &mut Ctx) -> Next {
        self.refused(action, error, ctx);
        Next::Stay
    }

    fn work_in_progress(&self) -> Option<&'static str> {
        match &self.step {
            Step::NewPassword(n) => n.form.unsent(),
            _ => None,
        }
    }

    fn returns_to(&self) -> Option<&Screen> {
        Some(&self.auth.origin)
    }

    fn on_user_read(&mut self, username: &str, detail: &UserDetail) {
        if let Screen::Module(m) = self.auth.origin.as_mut() {
            m.on_user_read(username, detail);
        }
    }

    fn whole_terminal(&self) -> bool {
        matches!(&self.step, Step::Enrol(e) if e.full_screen)
    }

    fn extent(&self, area: Rect, shown: &Shown) -> Option<Extent> {
        let theme = Theme::no_color();
        match &self.step {
            Step::Tokens(t) => Some(view::tokens_extent(self, shown, area, t, &theme)),
            Step::Enrol(e) if !e.full_screen => Some(view::notes_extent(shown, area, e, &theme)),
            _ => None,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
    }
}

/// The device the tokens screen offers to remember: the one the sign-in offered.
pub fn device_offered(t: &TokensView) -> Option<&crate::cognito::device::NewDevice> {
    match &t.tokens.device {
        Some(crate::cognito::device::DeviceAtSignIn::New(device)) => Some(device),
        _ => None,
    }
}
