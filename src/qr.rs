//! The otpauth URI and the QR widget that shows it in a terminal.
//!
//! Scanners want dark modules on a light background with a quiet zone of four modules, so
//! every cell is painted black on white explicitly (never the terminal's theme) and each cell
//! holds two modules with an upper half block.
//!
//! This holds in every theme, `NO_COLOR` included. The NO_COLOR convention (no-color.org) asks
//! programs not to add colour to their text output; the QR's black and white are not decoration
//! added to text but the code's data, and a code drawn in the terminal's own colours (light on
//! dark, or reversed) does not scan. So the widget sets the foreground and background of every
//! cell it draws, and clears any modifier (a reversed selection style) it would inherit.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use qrcode::{Color as Module, EcLevel, QrCode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

use crate::totp::TotpSecret;

/// Modules of light border around the code.
pub const QUIET_ZONE: usize = 4;

/// Characters left as they are in a URI component (RFC 3986 unreserved).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER`, each part percent-encoded on its
/// own (so a `:` inside the issuer or account cannot be taken for the separator).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &TotpSecret) -> String {
    let issuer = utf8_percent_encode(issuer, COMPONENT).to_string();
    let account = utf8_percent_encode(account, COMPONENT).to_string();
    format!(
        "otpauth://totp/{issuer}:{account}?secret={}&issuer={issuer}",
        secret.base32()
    )
}

/// A QR code ready to draw.
#[derive(Debug, Clone)]
pub struct Qr {
    modules: Vec<bool>,
    width: usize,
    /// Light modules dark and dark modules light, for scanners that prefer it.
    pub invert: bool,
}

impl Qr {
    /// Encodes `text` (error correction L: the smallest code, which a screen shows without damage); `None` if it is too long for a QR code.
    pub fn new(text: &str) -> Option<Self> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
        let width = code.width();
        let modules = code
            .to_colors()
            .into_iter()
            .map(|m| m == Module::Dark)
            .collect();
        Some(Self {
            modules,
            width,
            invert: false,
        })
    }

    /// Columns and rows the widget needs, quiet zone included.
    pub fn size(&self) -> (u16, u16) {
        let side = self.width + 2 * QUIET_ZONE;
        let cols = u16::try_from(side).unwrap_or(u16::MAX);
        let rows = u16::try_from(side.div_ceil(2)).unwrap_or(u16::MAX);
        (cols, rows)
    }

    /// Whether module (x, y) is dark; coordinates include the quiet zone.
    fn dark(&self, x: usize, y: usize) -> bool {
        let inside = |v: usize| v >= QUIET_ZONE && v < QUIET_ZONE + self.width;
        inside(x) && inside(y) && self.modules[(y - QUIET_ZONE) * self.width + (x - QUIET_ZONE)]
    }

    fn color(&self, dark: bool) -> Color {
        if dark == self.invert {
            Color::White
        } else {
            Color::Black
        }
    }
}

impl Widget for &Qr {
    /// Draws the code at the top-left of `area`; the caller makes sure it fits (see
    /// [`Qr::size`]); what does not fit is cut.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (cols, rows) = self.size();
        let side = self.width + 2 * QUIET_ZONE;
        for row in 0..rows.min(area.height) {
            for col in 0..cols.min(area.width) {
                let (x, y) = (usize::from(col), usize::from(row) * 2);
                let top = self.dark(x, y);
                // The last row of an odd-sized code has only its upper half.
                let bottom = y + 1 < side && self.dark(x, y + 1);
                let cell = &mut buf[(area.x + col, area.y + row)];
                cell.set_symbol("▀");
                // Style::reset clears every modifier; then both colours are set explicitly.
                cell.set_style(Style::reset().fg(self.color(top)).bg(self.color(bottom)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> TotpSecret {
        TotpSecret::parse("JBSWY3DPEHPK3PXP").expect("base32")
    }

    #[test]
    fn plain_uri() {
        assert_eq!(
            otpauth_uri("Example", "ann@example.com", &secret()),
            "otpauth://totp/Example:ann%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
        );
    }

    #[test]
    fn spaces_colons_and_ampersands_are_encoded_per_part() {
        assert_eq!(
            otpauth_uri("ACME & Co: Prod", "a:b c", &secret()),
            "otpauth://totp/ACME%20%26%20Co%3A%20Prod:a%3Ab%20c?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20%26%20Co%3A%20Prod"
        );
    }

    #[test]
    fn size_includes_the_quiet_zone() {
        let qr = Qr::new("hello").expect("fits");
        // Version 1 is 21 modules: 29 with the quiet zone, 15 rows of half blocks.
        assert_eq!(qr.size(), (29, 15));
    }

    #[test]
    fn paints_black_on_white_explicitly() {
        let qr = Qr::new("hello").expect("fits");
        let (w, h) = qr.size();
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        (&qr).render(buf.area, &mut buf);
        for cell in buf.content() {
            assert_eq!(cell.symbol(), "▀");
            assert!(matches!(cell.fg, Color::Black | Color::White));
            assert!(matches!(cell.bg, Color::Black | Color::White));
        }
        // Drawn over a reversed (selected) area, the code keeps its colours and no modifier.
        let mut styled = Buffer::empty(Rect::new(0, 0, w, h));
        styled.set_style(
            styled.area,
            Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        );
        (&qr).render(styled.area, &mut styled);
        assert_eq!(styled, buf);
        // The quiet zone's first row is all light.
        assert!(
            buf.content()[..usize::from(w)]
                .iter()
                .all(|c| c.fg == Color::White && c.bg == Color::White)
        );
    }
}
