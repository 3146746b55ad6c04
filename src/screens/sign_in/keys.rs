//! The keys of every sign-in step: sending the form, a new password or a code, choosing in a
//! menu, the enrolment's QR and secret, and the tokens' copies, TOTP set-up, a remembered
//! device and the passkeys.

use super::{SignInFlow, Step, device_offered, sign_in_form, steps::enrolling_user};
use crate::action::Action;
use crate::app::Screen;
use crate::cognito::auth::{Answer, EnrolWith};
use crate::cognito::device::DeviceOffer;
use crate::cognito::sensitive::Sensitive;
use crate::keys::Command;
use crate::screens::module::{Ctx, Next};
use crate::screens::passkeys::PasskeyList;

impl SignInFlow {
    pub(super) fn key_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::Back => return self.leave(),
            Command::NextField | Command::PrevField | Command::Reveal => {
                if let Some(form) = crate::screens::ScreenModule::form_mut(self) {
                    form.on_command(command);
                }
            }
            Command::ToggleFlow => self.next_flow(ctx),
            Command::Submit => self.submit(ctx),
            Command::Up | Command::Down => {
                let delta = if command == Command::Up { -1 } else { 1 };
                match &mut self.step {
                    Step::SelectMfa(s) => {
                        s.selected = step_index(s.selected, delta, s.options.len());
                    }
                    Step::SelectChallenge(s) => {
                        s.selected = step_index(s.selected, delta, s.available.len());
                    }
                    _ => {}
                }
            }
            Command::Open => self.choose(ctx),
            Command::FullScreen | Command::Invert | Command::Authenticator => {
                match (&mut self.step, command) {
                    (Step::Enrol(e), Command::FullScreen) => e.full_screen = !e.full_screen,
                    (Step::Enrol(e), Command::Invert) => {
                        if let Some(qr) = &mut e.qr {
                            qr.invert = !qr.invert;
                        }
                    }
                    (Step::Enrol(e), _) => e.authenticator = !e.authenticator,
                    (Step::MfaCode(c), Command::Authenticator) if c.demo_secret.is_some() => {
                        c.authenticator = !c.authenticator;
                    }
                    _ => {}
                }
            }
            Command::CopySecret | Command::CopyUri => {
                if let Step::Enrol(e) = &self.step
                    && let Some(secret) = &e.secret
                {
                    let (what, text) = if command == Command::CopySecret {
                        ("the secret", secret.base32().to_owned())
                    } else {
                        ("the otpauth URI", e.uri.expose().to_owned())
                    };
                    ctx.copy(what, Sensitive::new(text));
                }
            }
            Command::CopyAccessToken | Command::CopyIdToken => {
                if let Step::Tokens(t) = &self.step {
                    let (what, token) = if command == Command::CopyAccessToken {
                        ("the access token", t.tokens.access.clone())
                    } else {
                        ("the ID token", t.tokens.id.clone())
                    };
                    ctx.copy(what, token);
                }
            }
            Command::RememberDevice => self.ask_to_remember_device(ctx),
            Command::EnrolTotp => {
                if let Step::Tokens(t) = &self.step {
                    let with = EnrolWith::AccessToken(t.tokens.access.clone());
                    self.start_enrol(with, ctx);
                }
            }
            Command::Passkeys => {
                if let Step::Tokens(t) = &self.step {
                    let access_token = t.tokens.access.clone();
                    let username = self.signed_in_user(t);
                    let back = Box::new(Screen::Module(Box::new(self.clone())));
                    return PasskeyList::open(username, access_token, back, ctx);
                }
            }
            _ => {}
        }
        Next::Stay
    }

    fn submit(&mut self, ctx: &mut Ctx) {
        if let Step::SignIn(s) = &self.step
            && let Some(problem) = self.sign_in_problem(s)
        {
            ctx.refuse(problem.into());
            return;
        }
        if matches!(self.step, Step::Answer(_)) {
            self.submit_answer(ctx);
            return;
        }
        let mut target = self.auth.target.clone();
        let action = match &mut self.step {
            Step::SignIn(s) => {
                let username = s.form.value(0).trim().to_owned();
                target.device = ctx
                    .devices
                    .iter()
                    .find(|d| d.serves(&target.pool_id, &target.client.id, &username))
                    .map(|d| Box::new(d.clone()));
                target.flow = s.flow;
                // The challenges that follow go through the same flow, with the same device.
                self.auth.target.flow = s.flow;
                self.auth.target.device.clone_from(&target.device);
                Action::SignIn {
                    target,
                    username,
                    password: s.form.sensitive(1),
                    preferred: self.auth.preferred,
                }
            }
            Step::NewPassword(s) => {
                let (new, again) = (s.form.value(0).to_owned(), s.form.value(1).to_owned());
                let policy = ctx.pool.map(|p| p.password_policy).unwrap_or_default();
                if let Some(problem) = policy.first_problem(&new) {
                    ctx.refuse(format!("The new password {problem}."));
                    return;
                }
                if new != again {
                    ctx.refuse("The two passwords differ: type the same one twice.".into());
                    return;
                }
                let attributes = match s.attributes(ctx.pool) {
                    Ok(attributes) => attributes,
                    Err(problem) => {
                        ctx.refuse(problem);
                        return;
                    }
                };
                Action::Respond {
                    target,
                    session: s.session.clone(),
                    answer: Answer::NewPassword {
                        password: Sensitive::new(new),
                        attributes,
                    },
                }
            }
            Step::MfaCode(s) => {
                let code = s.form.value(0).trim().to_owned();
                if code.is_empty() {
                    ctx.refuse("Type the code.".into());
                    return;
                }
                s.tries += 1;
                Action::Respond {
                    target,
                    session: s.session.clone(),
                    answer: Answer::Code {
                        kind: s.kind,
                        code: Sensitive::new(code),
                    },
                }
            }
            Step::Enrol(e) => {
                let code = e.form.value(0).trim().to_owned();
                if e.secret.is_none() {
                    return;
                }
                if code.is_empty() {
                    ctx.refuse("Type the 6-digit code the authenticator shows.".into());
                    return;
                }
                Action::VerifyTotp {
                    username: enrolling_user(&e.with, &self.auth),
                    with: e.with.clone(),
                    code: Sensitive::new(code),
                    device_name: e.form.value(1).trim().to_owned(),
                }
            }
            Step::SelectMfa(_) | Step::SelectChallenge(_) | Step::Tokens(_) | Step::Answer(_) => {
                return;
            }
        };
        ctx.request(action);
    }

    fn choose(&mut self, ctx: &mut Ctx) {
        match &self.step {
            Step::SelectChallenge(_) => self.choose_challenge(ctx),
            Step::SelectMfa(s) => {
                if let Some(kind) = s.options.get(s.selected) {
                    ctx.request(Action::Respond {
                        target: self.auth.target.clone(),
                        session: s.session.clone(),
                        answer: Answer::Select(*kind),
                    });
                }
            }
            _ => {}
        }
    }

    /// TOTP enrolment: the secret is asked for (AssociateSoftwareToken, confirmed first), and
    /// the QR shows once it comes.
    pub(super) fn start_enrol(&mut self, with: EnrolWith, ctx: &mut Ctx) {
        let issuer = ctx
            .totp_issuer
            .map(ToOwned::to_owned)
            .or_else(|| ctx.pool.map(|p| p.name.clone()))
            .unwrap_or_else(|| "Cognito".to_owned());
        let username = enrolling_user(&with, &self.auth);
        self.step = Step::Enrol(Box::new(super::Enrol {
            with: with.clone(),
            issuer,
            account: self.auth.account.clone(),
            secret: None,
            uri: Sensitive::new(String::new()),
            qr: None,
            form: crate::app::Form::new(&[("Code", false), ("Device name", false)])
                .with_value(1, "cognitui demo"),
            full_screen: false,
            authenticator: false,
            tries: 0,
        }));
        ctx.request(Action::AssociateTotp { username, with });
    }

    /// `r` on the tokens screen: remembering the offered device goes to its confirmation.
    fn ask_to_remember_device(&self, ctx: &mut Ctx) {
        let Step::Tokens(t) = &self.step else {
            return;
        };
        let offered = device_offered(t).filter(|d| !ctx.devices.iter().any(|r| r.key == d.key));
        let Some(device) = offered else {
            ctx.say("This sign-in offered no new device to remember (the pool does not track devices, or this terminal is remembered already).".into());
            return;
        };
        ctx.request(Action::RememberDevice {
            offer: DeviceOffer {
                pool_id: self.auth.target.pool_id.clone(),
                client_id: self.auth.target.client.id.clone(),
                username: self.signed_in_user(t),
                device: device.clone(),
            },
            access_token: t.tokens.access.clone(),
        });
    }

    /// The user the tokens belong to (their access token's `username`), else the user the
    /// sign-in was for.
    pub(super) fn signed_in_user(&self, t: &super::TokensView) -> String {
        crate::claims::username_of(t.tokens.access.expose(), &self.auth.username)
    }

    /// The sign-in form again, to type the password for `factor`.
    pub(super) fn back_to_sign_in_for(
        &mut self,
        factor: crate::cognito::auth::Factor,
        typed: &str,
        ctx: &mut Ctx,
    ) {
        self.auth.preferred = Some(factor);
        self.step = sign_in_form(
            typed,
            crate::cognito::flows::AuthFlow::Choice,
            &self.auth.account,
        );
        ctx.say(format!(
            "Type the user's password, then Enter: cognitui asks Cognito for {} first.",
            factor.name()
        ));
    }
}

fn step_index(i: usize, delta: isize, len: usize) -> usize {
    i.saturating_add_signed(delta).min(len.saturating_sub(1))
}
