//! TOTP enrolment: the otpauth QR (black on white, quiet zone included), the secret in groups of
//! four, the optional demo authenticator, and the code field. Full-screen mode gives the QR the
//! whole terminal, and says what size it needs when even that is too small.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::super::Enrol;
use crate::app::Extent;
use crate::qr::Qr;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::totp::seconds_left;
use crate::ui::form;
use crate::ui::text::{position, wrap_lines};

/// Columns the notes and the code field need beside the QR.
const NOTES: u16 = 30;

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
        "The QR needs {w}x{h} characters beside these notes; this space is {}x{}. Press F5 to show it full screen, enlarge the terminal or make the font smaller.",
        area.width, area.height
    )
}

/// The full-screen QR, over the whole terminal.
pub(super) fn full_screen(frame: &mut Frame, area: Rect, e: &Enrol, theme: &Theme) {
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

/// Where the enrolment screen's parts go.
struct Plan {
    /// The QR's column, when it stands beside the notes.
    qr: Option<Rect>,
    /// The notes, wrapped, and their area (they scroll with PgUp/PgDn when it is short).
    notes: (Rect, Vec<Line<'static>>),
    fields: Rect,
}

fn plan(shown: &Shown, inner: Rect, e: &Enrol, theme: &Theme) -> Option<Plan> {
    let secret = e.secret.as_ref()?;
    // The QR stands beside the notes when both fit; otherwise the notes take the width and
    // say how to see the QR (full screen), with the secret to type instead.
    let (qr_width, qr_height) = e.qr.as_ref().map_or((0, 0), Qr::size);
    let beside = e.qr.is_some() && qr_width + 2 + NOTES <= inner.width && qr_height <= inner.height;
    let (qr, right) = if beside {
        let [left, right] =
            Layout::horizontal([Constraint::Length(qr_width + 2), Constraint::Min(NOTES)])
                .areas(inner);
        (Some(left), right)
    } else {
        (None, inner)
    };
    let mut lines = Vec::new();
    match &e.qr {
        Some(qr) if !beside => lines.push(Line::styled(too_small(qr, inner), theme.warn)),
        None => lines.push(Line::styled(
            "The URI is too long for a QR code: type the secret instead.",
            theme.warn,
        )),
        Some(_) => {}
    }
    lines.extend([
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
    ]);
    if e.authenticator {
        let now = u64::try_from(shown.now.timestamp()).unwrap_or_default();
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
    // Wrapped before drawing, so that the demo code is never cut off in a narrow terminal;
    // the code field keeps its rows whatever the notes need.
    let lines = wrap_lines(&lines, usize::from(right.width.max(1)));
    let fields_height = u16::try_from(e.form.fields.len()).unwrap_or(2).max(2);
    let notes_height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .min(right.height.saturating_sub(fields_height));
    let [notes, fields] =
        Layout::vertical([Constraint::Length(notes_height), Constraint::Min(2)]).areas(right);
    Some(Plan {
        qr,
        notes: (notes, lines),
        fields,
    })
}

fn frame_of(e: &Enrol, theme: &Theme) -> Block<'static> {
    Block::bordered().title(Line::styled(
        format!(" Set up an authenticator app for {} ", e.account),
        theme.title,
    ))
}

/// How much of the notes shows (PgUp/PgDn scroll them when the screen is short).
pub(in crate::screens::sign_in) fn notes_extent(
    shown: &Shown,
    area: Rect,
    e: &Enrol,
    theme: &Theme,
) -> Extent {
    match plan(shown, frame_of(e, theme).inner(area), e, theme) {
        Some(p) => {
            let (total, height) = (p.notes.1.len(), usize::from(p.notes.0.height));
            Extent {
                total,
                // A row goes to the position when the notes are cut.
                visible: if total > height && height > 1 {
                    height - 1
                } else {
                    height
                },
            }
        }
        None => Extent {
            total: 0,
            visible: 0,
        },
    }
}

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, e: &Enrol, theme: &Theme) {
    let block = frame_of(e, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(p) = plan(shown, inner, e, theme) else {
        frame.render_widget(
            Paragraph::new("Getting a secret from Cognito…").style(theme.dim),
            inner,
        );
        return;
    };
    if let (Some(left), Some(qr)) = (p.qr, &e.qr) {
        render_qr(frame, left, qr);
    }
    let (notes, lines) = p.notes;
    let visible = usize::from(notes.height);
    let total = lines.len();
    // Cut notes end with where they are, on their last row.
    let room = if total > visible && visible > 1 {
        visible - 1
    } else {
        visible
    };
    let offset = shown.offset.min(total.saturating_sub(room));
    let mut rows: Vec<Line> = lines.into_iter().skip(offset).take(room).collect();
    if room < visible
        && let Some(at) = position(offset, room, total, " rows")
    {
        rows.push(Line::styled(at, theme.title));
    }
    frame.render_widget(Paragraph::new(rows), notes);
    form::render(frame, p.fields, &e.form, shown.focused, theme);
}
