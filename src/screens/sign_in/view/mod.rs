//! The sign-in's drawing: each step its own screen.

mod auth;
mod challenge;
mod enrol;

use ratatui::Frame;
use ratatui::layout::Rect;

pub(super) use self::auth::tokens_extent;
pub(super) use self::enrol::notes_extent;
use super::{SignInFlow, Step};
use crate::screens::Shown;
use crate::theme::Theme;

/// Draws the step the sign-in is at in `area` (the whole terminal for the full-screen QR).
pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    flow: &SignInFlow,
    theme: &Theme,
) {
    match &flow.step {
        Step::SignIn(s) => auth::sign_in(frame, area, shown, flow, s, theme),
        Step::NewPassword(s) => auth::new_password(frame, area, shown, s, theme),
        Step::MfaCode(s) => auth::mfa_code(frame, area, shown, s, theme),
        Step::SelectMfa(s) => auth::select_mfa(frame, area, s, theme),
        Step::SelectChallenge(s) => challenge::select_challenge(frame, area, s, theme),
        Step::Answer(a) => challenge::answer(frame, area, shown, a, theme),
        Step::Tokens(t) => auth::tokens(frame, area, shown, flow, t, theme),
        Step::Enrol(e) if e.full_screen => enrol::full_screen(frame, area, e, theme),
        Step::Enrol(e) => enrol::render(frame, area, shown, e, theme),
    }
}
