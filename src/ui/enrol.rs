//! TOTP enrolment: the otpauth QR (black on white, quiet zone included), the secret in groups of
//! four, the optional demo authenticator, and the code field. Full-screen mode gives the QR the
//! whole terminal, and says what size it needs when even that is too small.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, form};
use crate::app::{App, Enrol};
use crate::qr::Qr;
use crate::totp::seconds_left;

/// Draws the QR centred in `area`, or says what size it needs.
fn render_qr(frame: &mut Frame, area: Rect, qr: &Qr) -> bool {
    let (w, h) = qr.size();
    if w > area.width || h > area.height {
        return false;
    }
    let [row] = Layout::vertical([Constraint::Length(h)])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(w)])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(qr, cell);
    true
}

fn too_small(qr: &Qr, area: Rect) -> String {
    let (w, h) = qr.size();
    format!(
        "The QR needs {w}x{h} characters; this space is {}x{}. Press F5 for full screen, enlarge the terminal or make the font smaller.",
        area.width, area.height
    )
}

/// The full-screen QR, over the whole terminal.
pub fn full_screen(frame: &mut Frame, e: &Enrol, theme: &Theme) {
    let area = frame.area();
    let Some(qr) = &e.qr else {
        frame.render_widget(Paragraph::new("Waiting for the secret…"), area);
        return;
    };
    if !render_qr(frame, area, qr) {
        let (w, h) = qr.size();
        let text = format!(
            "Terminal too small for the QR: it needs at least {w} columns x {h} rows, this terminal is {}x{}. Enlarge the window or reduce the font size. F5 leaves full screen.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .style(theme.warn),
            area,
        );
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, e: &Enrol, theme: &Theme) {
    let block = Block::bordered().title(Line::styled(
        format!(" Set up an authenticator app for {} ", e.account),
        theme.title,
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(secret) = &e.secret else {
        frame.render_widget(
            Paragraph::new("Getting a secret from Cognito…").style(theme.dim),
            inner,
        );
        return;
    };
    let qr_width = e.qr.as_ref().map_or(0, |q| q.size().0);
    let [left, right] =
        Layout::horizontal([Constraint::Length(qr_width + 2), Constraint::Min(30)]).areas(inner);
    match &e.qr {
        Some(qr) if render_qr(frame, left, qr) => {}
        Some(qr) => frame.render_widget(
            Paragraph::new(too_small(qr, left))
                .wrap(Wrap { trim: true })
                .style(theme.warn),
            left,
        ),
        None => frame.render_widget(Paragraph::new("The URI is too long for a QR code."), left),
    }

    let mut lines = vec![
        Line::from(vec![
            Span::styled("Issuer   ", theme.dim),
            Span::raw(e.issuer.clone()),
        ]),
        Line::from(vec![
            Span::styled("Account  ", theme.dim),
            Span::raw(e.account.clone()),
        ]),
        Line::from(vec![
            Span::styled("Secret   ", theme.dim),
            Span::styled(secret.grouped(), theme.title),
        ]),
        Line::styled(
            "Scan the QR, or type the secret into the app (time-based, 6 digits, 30 s).",
            theme.dim,
        ),
        Line::default(),
    ];
    if e.authenticator {
        let now = u64::try_from(app.now.timestamp()).unwrap_or_default();
        lines.push(Line::styled(
            "DEMO AUTHENTICATOR — computed on this computer from the secret, not a phone",
            theme.warn,
        ));
        lines.push(Line::from(vec![
            Span::styled(format!("  {}  ", secret.code_at(now)), theme.title),
            Span::styled(format!("changes in {} s", seconds_left(now)), theme.dim),
        ]));
        lines.push(Line::default());
    }
    if e.tries > 0 {
        lines.push(Line::styled(
            format!("Tries so far: {}", e.tries),
            theme.dim,
        ));
    }
    // Wrapped height, so that the demo code is never cut off in a narrow terminal.
    let width = usize::from(right.width.max(1));
    let notes_height: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let notes_height = u16::try_from(notes_height).unwrap_or(u16::MAX);
    let [notes, fields] =
        Layout::vertical([Constraint::Length(notes_height), Constraint::Min(2)]).areas(right);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), notes);
    form::render(frame, fields, &e.form, !app.show_help, theme);
}
