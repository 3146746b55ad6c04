//! Proof that the terminal QR scans: render the widget into a buffer, turn the buffer into an
//! image (each cell is two modules: the upper half block's foreground over its background), and
//! decode it with a QR decoder. The result must equal the otpauth URI.

use cognitui::qr::{Qr, otpauth_uri};
use cognitui::totp::TotpSecret;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::widgets::Widget;

/// Pixels per module in the image.
const SCALE: usize = 4;

fn luma(color: Color) -> u8 {
    match color {
        Color::Black => 0,
        Color::White => 255,
        other => panic!("cell painted {other:?}: every cell must be black or white"),
    }
}

fn scan(qr: &Qr) -> String {
    let (cols, rows) = qr.size();
    let mut buf = Buffer::empty(Rect::new(0, 0, cols, rows));
    qr.render(buf.area, &mut buf);
    let (w, h) = (usize::from(cols), usize::from(rows) * 2);
    let mut modules = vec![0u8; w * h];
    for row in 0..usize::from(rows) {
        for col in 0..w {
            let cell = &buf[(
                u16::try_from(col).expect("col"),
                u16::try_from(row).expect("row"),
            )];
            assert_eq!(cell.symbol(), "▀");
            // A scanner reading an inverted code sees it as light on dark: undo that here.
            let undo = |l: u8| if qr.invert { 255 - l } else { l };
            modules[(row * 2) * w + col] = undo(luma(cell.fg));
            modules[(row * 2 + 1) * w + col] = undo(luma(cell.bg));
        }
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w * SCALE, h * SCALE, |x, y| {
        modules[(y / SCALE) * w + x / SCALE]
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR code found");
    let (_meta, content) = grids[0].decode().expect("decodes");
    content
}

fn secret() -> TotpSecret {
    TotpSecret::parse("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").expect("base32")
}

#[test]
fn short_uri_scans() {
    let uri = otpauth_uri(
        "A",
        "b",
        &TotpSecret::parse("asdfasdfasdf").expect("base32"),
    );
    assert_eq!(scan(&Qr::new(&uri).expect("fits")), uri);
}

#[test]
fn typical_uri_scans() {
    let uri = otpauth_uri("cognitui-demo", "ann.smith0@example.com", &secret());
    let qr = Qr::new(&uri).expect("fits");
    assert_eq!(scan(&qr), uri);
}

#[test]
fn long_uri_scans() {
    let uri = otpauth_uri(
        "ACME Corporation: Production EU (eu-west-1) & Friends",
        "firstname.lastname+cognito-testing@subdomain.example-company.co.uk",
        &secret(),
    );
    let qr = Qr::new(&uri).expect("fits");
    assert_eq!(scan(&qr), uri);
}

#[test]
fn inverted_code_scans() {
    let uri = otpauth_uri("cognitui-demo", "ann@example.com", &secret());
    let mut qr = Qr::new(&uri).expect("fits");
    qr.invert = true;
    let (cols, rows) = qr.size();
    let mut buf = Buffer::empty(Rect::new(0, 0, cols, rows));
    (&qr).render(buf.area, &mut buf);
    assert_eq!(
        buf[(0, 0)].fg,
        Color::Black,
        "the quiet zone is dark when inverted"
    );
    assert_eq!(scan(&qr), uri);
}
