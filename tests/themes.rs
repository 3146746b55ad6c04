//! Readable in any terminal: the QR decodes in every theme (NO_COLOR and light included), the
//! NO_COLOR theme paints no colour at all yet shows the selection and the focused field with
//! modifiers and a marker, and no palette paints text in a colour its background swallows.

mod common;
mod ui_support;

use cognitui::app::App;
use cognitui::config::theme_choice::ThemeChoice;
use cognitui::ui::Theme;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use ui_support as ui;

const SIZE: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 45);

/// This URI's QR is 49x25 with its quiet zone: a terminal a row taller than 80x24 holds it
/// full screen.
const FULL: (u16, u16) = (80, 25);

/// Pixels per module in the image the decoder reads.
const SCALE: usize = 4;

/// The NO_COLOR theme, as `NO_COLOR=1` makes it whatever the configuration says.
fn no_color() -> Theme {
    Theme::choose(ThemeChoice::Light, true, Some("0;15"))
}

fn is_qr(cell: &Cell) -> bool {
    cell.symbol() == "▀"
        && matches!(cell.fg, Color::Black | Color::White)
        && matches!(cell.bg, Color::Black | Color::White)
}

/// Finds the QR in a drawn screen (the cells painted black and white with half blocks) and
/// decodes it: each cell is two modules, the upper half block's foreground over its background.
fn scan(buffer: &Buffer) -> String {
    let cells: Vec<(u16, u16)> = (0..buffer.area.height)
        .flat_map(|y| (0..buffer.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| is_qr(&buffer[(x, y)]))
        .collect();
    assert!(!cells.is_empty(), "no QR drawn");
    let x0 = cells.iter().map(|c| c.0).min().expect("cells");
    let x1 = cells.iter().map(|c| c.0).max().expect("cells");
    let y0 = cells.iter().map(|c| c.1).min().expect("cells");
    let y1 = cells.iter().map(|c| c.1).max().expect("cells");
    let (w, h) = (usize::from(x1 - x0 + 1), usize::from(y1 - y0 + 1) * 2);
    let luma = |c: Color| if c == Color::Black { 0u8 } else { 255 };
    let mut modules = vec![0u8; w * h];
    for y in y0..=y1 {
        for x in x0..=x1 {
            let cell = &buffer[(x, y)];
            assert!(is_qr(cell), "a hole in the QR at {x},{y}: {cell:?}");
            assert!(cell.modifier.is_empty(), "no modifier on the QR: {cell:?}");
            let (col, row) = (usize::from(x - x0), usize::from(y - y0) * 2);
            modules[row * w + col] = luma(cell.fg);
            modules[(row + 1) * w + col] = luma(cell.bg);
        }
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w * SCALE, h * SCALE, |x, y| {
        modules[(y / SCALE) * w + x / SCALE]
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR code found");
    grids[0].decode().expect("decodes").1
}

#[test]
fn the_qr_decodes_with_no_color() {
    let app = ui::enrolment(LARGE);
    assert_eq!(
        scan(&ui::buffer(&app, LARGE, &no_color())),
        ui::enrolment_uri()
    );
}

#[test]
fn the_qr_decodes_in_the_light_theme() {
    let app = ui::enrolment(LARGE);
    assert_eq!(
        scan(&ui::buffer(&app, LARGE, &Theme::light())),
        ui::enrolment_uri()
    );
}

#[test]
fn the_full_screen_qr_decodes_in_every_theme() {
    let mut app = ui::enrolment(FULL);
    let Some(cognitui::screens::sign_in::Step::Enrol(e)) =
        cognitui::screens::sign_in::step_mut(app.screen_mut())
    else {
        panic!("enrolment")
    };
    e.full_screen = true;
    for theme in [no_color(), Theme::light(), Theme::dark(), Theme::either()] {
        assert_eq!(scan(&ui::buffer(&app, FULL, &theme)), ui::enrolment_uri());
    }
}

/// Every screen the tests build, at 80x24.
fn screens() -> Vec<(&'static str, App)> {
    vec![
        ("picker", ui::picker(SIZE)),
        ("lookup", ui::lookup(SIZE, 30)),
        ("detail", ui::detail(SIZE)),
        ("help", ui::with_help(ui::detail(SIZE))),
        ("sign in", ui::sign_in(SIZE)),
        ("new password", ui::new_password(SIZE)),
        ("mfa code", ui::mfa_code(SIZE)),
        ("select mfa", ui::select_mfa(SIZE)),
        ("tokens", ui::tokens(SIZE)),
        ("mfa menu", ui::mfa_menu(SIZE)),
        ("sign up", ui::sign_up(SIZE)),
        ("taken", ui::taken(SIZE)),
        ("code", ui::code_entry(SIZE)),
        ("invite", ui::invite(SIZE)),
        ("editor", ui::editor(SIZE)),
        ("preview", ui::preview(SIZE)),
        ("confirmation", ui::confirmation(SIZE)),
        ("set password", ui::set_password(SIZE)),
        ("groups", ui::list(SIZE, "g")),
        ("devices", ui::list(SIZE, "d")),
        ("events", ui::list(SIZE, "h")),
        ("bulk menu", ui::bulk_menu(SIZE)),
        ("bulk preview", ui::bulk_preview(SIZE)),
        ("bulk summary", ui::bulk_summary(SIZE)),
        ("cleanup", ui::cleanup(SIZE, true)),
        ("export", ui::export(SIZE)),
        ("audit", ui::audit(SIZE, false)),
        ("audit entry", ui::audit(SIZE, true)),
    ]
}

#[test]
fn no_color_paints_no_colour_on_any_screen() {
    let mut screens = screens();
    screens.push(("enrolment", ui::enrolment(LARGE)));
    for (name, app) in screens {
        let size = if name == "enrolment" { LARGE } else { SIZE };
        let buffer = ui::buffer(&app, size, &no_color());
        for (i, cell) in buffer.content().iter().enumerate() {
            if is_qr(cell) {
                continue; // the QR's black and white are its data
            }
            assert!(
                cell.fg == Color::Reset && cell.bg == Color::Reset,
                "{name}: cell {i} is coloured: {cell:?}"
            );
        }
    }
}

/// In `buffer`, the row holding the selection marker `›` is reversed from the marker to the
/// frame's right edge: the whole row, not only its first columns.
fn assert_whole_row_selected(name: &str, buffer: &Buffer, needle: &str) {
    let y = ui::row_of(buffer, needle).unwrap_or_else(|| panic!("{name}: no row with {needle}"));
    let text = ui::row_text(buffer, y);
    let chars: Vec<char> = text.chars().collect();
    let start = chars.iter().position(|&c| c == '›').expect("marker");
    let end = chars.iter().rposition(|&c| c == '│').unwrap_or(chars.len());
    for x in start..end {
        let cell = &buffer[(u16::try_from(x).expect("x"), y)];
        assert!(
            cell.modifier.contains(Modifier::REVERSED),
            "{name}: column {x} of the selected row is not reversed: {text}"
        );
    }
    // Its neighbours are not.
    let other = &buffer[(u16::try_from(start).expect("x"), y + 1)];
    assert!(!other.modifier.contains(Modifier::REVERSED), "{name}");
}

/// A screen's name, how to make it, and the text its selected row starts with.
type Screen = (&'static str, fn() -> App, &'static str);

#[test]
fn the_selected_row_is_reversed_across_the_whole_row_in_every_theme() {
    for theme in [no_color(), Theme::light(), Theme::dark(), Theme::either()] {
        let screens: [Screen; 6] = [
            ("picker", || ui::picker(SIZE), "› pool-1"),
            ("groups", || ui::list(SIZE, "g"), "› group-00"),
            ("audit", || ui::audit(SIZE, false), "› 2026-03-04 11:59"),
            ("bulk menu", || ui::bulk_menu(SIZE), "› Confirm"),
            ("lookup", || ui::lookup(SIZE, 30), "› user000"),
            ("editor", || ui::editor(SIZE), "› custom:tier"),
        ];
        for (name, app, needle) in screens {
            assert_whole_row_selected(name, &ui::buffer(&app(), SIZE, &theme), needle);
        }
    }
}

#[test]
fn the_focused_field_has_a_marker_and_is_underlined_in_no_color() {
    let app = ui::sign_in(SIZE);
    let buffer = ui::buffer(&app, SIZE, &no_color());
    let focused = ui::row_of(&buffer, "› Password").expect("the focused field is marked");
    let other = ui::row_of(&buffer, "  Username").expect("the other field is not");
    let text = ui::row_text(&buffer, focused);
    let value = text
        .find('•')
        .map(|b| text[..b].chars().count())
        .expect("dots");
    // The value and the room after it are underlined (the field's extent), the label bold.
    for x in value..value + 20 {
        let cell = &buffer[(u16::try_from(x).expect("x"), focused)];
        assert!(cell.modifier.contains(Modifier::UNDERLINED), "{x}: {text}");
    }
    let label = &buffer[(3, focused)];
    assert!(label.modifier.contains(Modifier::BOLD), "{label:?}");
    for x in 1..40 {
        let cell = &buffer[(x, other)];
        assert!(!cell.modifier.contains(Modifier::UNDERLINED), "{x}");
    }
    insta::assert_snapshot!(format!(
        "{}\n{}",
        ui::draw(&app, SIZE, &no_color()),
        modifier_map(&buffer)
    ));
}

/// The screen's modifiers, one letter a cell: `R` reversed, `U` underlined, `B` bold, `D` dim,
/// `.` none (the strongest shown), for snapshots that see what NO_COLOR shows instead of colour.
fn modifier_map(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| {
                    let m = buffer[(x, y)].modifier;
                    if m.contains(Modifier::REVERSED) {
                        'R'
                    } else if m.contains(Modifier::UNDERLINED) {
                        'U'
                    } else if m.contains(Modifier::BOLD) {
                        'B'
                    } else if m.contains(Modifier::DIM) {
                        'D'
                    } else {
                        '.'
                    }
                })
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn no_color_snapshots_keep_every_marker() {
    // The text of a NO_COLOR screen is the text of the coloured one: nothing is said by colour
    // alone (✓ ✗ marks, the › marker, words).
    for (name, app) in [
        ("lookup", ui::lookup(SIZE, 30)),
        ("audit", ui::audit(SIZE, false)),
        ("detail", ui::detail(SIZE)),
    ] {
        let plain = ui::draw(&app, SIZE, &no_color());
        assert_eq!(plain, ui::draw(&app, SIZE, &Theme::default()), "{name}");
        let map = modifier_map(&ui::buffer(&app, SIZE, &no_color()));
        insta::assert_snapshot!(format!("no_color_{name}"), format!("{plain}\n{map}"));
    }
}

/// Text colours that vanish (or nearly) on a light background.
fn faint_on_light(c: Color) -> bool {
    matches!(
        c,
        Color::White
            | Color::Gray
            | Color::DarkGray
            | Color::Yellow
            | Color::LightYellow
            | Color::LightCyan
            | Color::LightGreen
            | Color::Cyan
            | Color::Indexed(7 | 8 | 15)
    )
}

/// Text colours that vanish (or nearly) on a dark background.
fn faint_on_dark(c: Color) -> bool {
    matches!(
        c,
        Color::Black | Color::DarkGray | Color::Blue | Color::Indexed(0 | 8 | 16 | 17 | 18)
    )
}

#[test]
fn no_text_vanishes_on_its_background() {
    for (name, app) in screens() {
        for (theme, faint) in [
            (Theme::light(), faint_on_light as fn(Color) -> bool),
            (Theme::dark(), faint_on_dark),
            (Theme::either(), faint_on_light),
            (Theme::either(), faint_on_dark),
        ] {
            let buffer = ui::buffer(&app, SIZE, &theme);
            for cell in buffer.content() {
                // Text on the terminal's own background (a colour pair is readable as set).
                if cell.bg == Color::Reset && cell.symbol() != " " {
                    assert!(
                        !faint(cell.fg),
                        "{name} in {:?}: {:?} text: {cell:?}",
                        theme.palette,
                        cell.fg
                    );
                }
            }
        }
    }
}

/// `theme = "auto" | "dark" | "light"` in config.toml; anything else names the key and line.
#[test]
fn the_theme_is_configured() {
    use cognitui::config::{Cli, Settings};
    let load = |text: &str| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).expect("write");
        let cli = Cli {
            config: Some(path),
            ..Cli::default()
        };
        Settings::load(&cli, None).map_err(|e| e.to_string())
    };
    assert_eq!(load("").expect("empty").theme, ThemeChoice::Auto);
    for (text, choice) in [
        ("theme = \"auto\"\n", ThemeChoice::Auto),
        ("theme = \"dark\"\n", ThemeChoice::Dark),
        ("theme = \"light\"\n", ThemeChoice::Light),
    ] {
        assert_eq!(load(text).expect("valid").theme, choice);
    }
    let e = load("\ntheme = \"solarized\"\n").expect_err("refused");
    assert!(e.contains("key 'theme'"), "{e}");
    assert!(e.contains("auto") && e.contains("light"), "{e}");
    assert!(e.contains("(line 2)"), "{e}");
    // NO_COLOR wins over the configured theme.
    let settings = load("theme = \"light\"\n").expect("valid");
    assert_eq!(
        Theme::choose(settings.theme, true, None).palette,
        cognitui::ui::Palette::NoColor
    );
}
