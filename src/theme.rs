//! Colours and styles, passed to every render function.
//!
//! No text is painted in a fixed grey: help text and labels use the terminal's own foreground
//! (dimmed where that is safe), so they stay readable on dark and light backgrounds alike. Each
//! palette's colours are chosen for its background; `NO_COLOR` (<https://no-color.org>) gives a
//! theme without any colour, where selection and focus are reverse video, bold and underline.

use crate::cognito::model::UserStatus;
use crate::config::theme_choice::ThemeChoice;
use crate::diagnosis::Severity;
use ratatui::style::{Color, Modifier, Style};

/// Which palette a theme was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    Dark,
    Light,
    /// Background unknown: mid-tone colours that read on dark and light backgrounds.
    Either,
    /// `NO_COLOR`: modifiers only.
    NoColor,
}

/// The palette.
#[derive(Debug, Clone)]
pub struct Theme {
    pub palette: Palette,
    pub header: Style,
    pub title: Style,
    /// The selected row of a list or table, across the whole row.
    pub selected: Style,
    /// Help text, hints and labels: the terminal's foreground, dimmed where that is safe.
    pub dim: Style,
    pub key: Style,
    pub error: Style,
    pub info: Style,
    pub ok: Style,
    pub warn: Style,
    pub bad: Style,
    /// The READ-ONLY badge in the header.
    pub badge: Style,
    /// The value of the form field that has the keyboard.
    pub focus: Style,
}

impl Default for Theme {
    /// The dark palette, as cognitui always had (tests use it).
    fn default() -> Self {
        Self::dark()
    }
}

/// Styles every palette shares: modifiers only, never a colour the background could swallow.
fn base(palette: Palette) -> Theme {
    Theme {
        palette,
        header: Style::new().fg(Color::Black).bg(Color::Cyan),
        title: Style::new().add_modifier(Modifier::BOLD),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        dim: Style::new().add_modifier(Modifier::DIM),
        key: Style::new().add_modifier(Modifier::BOLD),
        // A colour pair (foreground and background both set) reads on any terminal.
        error: Style::new().fg(Color::White).bg(Color::Red),
        info: Style::new().fg(Color::Black).bg(Color::Yellow),
        ok: Style::new(),
        warn: Style::new(),
        bad: Style::new(),
        badge: Style::new().fg(Color::Black).bg(Color::Yellow).bold(),
        focus: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    }
}

impl Theme {
    /// Bright ANSI colours for a dark background.
    pub fn dark() -> Self {
        Self {
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            bad: Style::new().fg(Color::LightRed),
            ..base(Palette::Dark)
        }
    }

    /// Deep colours of the 256-colour cube (its fixed part, which colour schemes leave alone)
    /// for a light background.
    pub fn light() -> Self {
        Self {
            key: Style::new()
                .fg(Color::Indexed(25))
                .add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Indexed(22)),
            warn: Style::new().fg(Color::Indexed(94)),
            bad: Style::new().fg(Color::Indexed(124)),
            ..base(Palette::Light)
        }
    }

    /// Mid-tone colours of the 256-colour cube, each with a contrast of at least 4:1 on black
    /// and on white, for when the background is not known.
    pub fn either() -> Self {
        Self {
            key: Style::new()
                .fg(Color::Indexed(31))
                .add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Indexed(28)),
            warn: Style::new().fg(Color::Indexed(130)),
            bad: Style::new().fg(Color::Indexed(160)),
            ..base(Palette::Either)
        }
    }

    /// `NO_COLOR`: no colour at all. Selection is reverse video, focus bold and underlined,
    /// warnings bold; status lines are reversed so that they still stand out.
    pub fn no_color() -> Self {
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Self {
            palette: Palette::NoColor,
            header: reversed,
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: reversed.add_modifier(Modifier::BOLD),
            dim: Style::new(),
            key: Style::new().add_modifier(Modifier::BOLD),
            error: reversed.add_modifier(Modifier::BOLD),
            info: reversed,
            ok: Style::new(),
            warn: Style::new().add_modifier(Modifier::BOLD),
            bad: Style::new().add_modifier(Modifier::BOLD),
            badge: reversed.add_modifier(Modifier::BOLD),
            focus: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }

    /// The theme for `choice`, `NO_COLOR` and `COLORFGBG` as this process sees them.
    pub fn from_env(choice: ThemeChoice) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let colorfgbg = std::env::var("COLORFGBG").ok();
        Self::choose(choice, no_color, colorfgbg.as_deref())
    }

    /// The theme for `choice`: `no_color` (any non-empty `NO_COLOR`, per no-color.org) wins
    /// over everything; `auto` reads the background from `colorfgbg` (`COLORFGBG`, e.g. `15;0`).
    pub fn choose(choice: ThemeChoice, no_color: bool, colorfgbg: Option<&str>) -> Self {
        if no_color {
            return Self::no_color();
        }
        match choice {
            ThemeChoice::Dark => Self::dark(),
            ThemeChoice::Light => Self::light(),
            ThemeChoice::Auto => match colorfgbg.and_then(dark_background) {
                Some(true) => Self::dark(),
                Some(false) => Self::light(),
                None => Self::either(),
            },
        }
    }

    /// The badge colour of a user status.
    pub fn status(&self, status: &UserStatus, enabled: bool) -> Style {
        if !enabled {
            return self.bad;
        }
        match status {
            UserStatus::Confirmed | UserStatus::ExternalProvider => self.ok,
            UserStatus::Unconfirmed
            | UserStatus::ForceChangePassword
            | UserStatus::ResetRequired => self.warn,
            _ => self.bad,
        }
    }

    pub fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Ok => self.ok,
            Severity::Attention => self.warn,
            Severity::Blocked => self.bad,
        }
        .add_modifier(Modifier::BOLD)
    }
}

/// Whether `COLORFGBG`'s background (its last field, an ANSI colour number) is dark; `None`
/// when it does not say (`default`, or not a number).
fn dark_background(colorfgbg: &str) -> Option<bool> {
    let bg: u8 = colorfgbg.rsplit(';').next()?.trim().parse().ok()?;
    match bg {
        0..=6 | 8 => Some(true),
        7 | 9..=15 => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_and_has_no_colour() {
        for choice in [ThemeChoice::Auto, ThemeChoice::Dark, ThemeChoice::Light] {
            let t = Theme::choose(choice, true, Some("0;15"));
            assert_eq!(t.palette, Palette::NoColor);
            for style in [
                t.header, t.title, t.selected, t.dim, t.key, t.error, t.info, t.ok, t.warn, t.bad,
                t.badge, t.focus,
            ] {
                assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
            }
            assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
            assert!(t.focus.add_modifier.contains(Modifier::UNDERLINED));
        }
    }

    #[test]
    fn auto_follows_colorfgbg() {
        let palette = |hint| Theme::choose(ThemeChoice::Auto, false, hint).palette;
        assert_eq!(palette(Some("15;0")), Palette::Dark);
        assert_eq!(palette(Some("0;default;15")), Palette::Light);
        assert_eq!(palette(Some("12;8")), Palette::Dark);
        assert_eq!(palette(Some("0;7")), Palette::Light);
        assert_eq!(palette(Some("15;default")), Palette::Either);
        assert_eq!(palette(None), Palette::Either);
        let chosen = Theme::choose(ThemeChoice::Light, false, Some("15;0"));
        assert_eq!(chosen.palette, Palette::Light);
    }

    #[test]
    fn no_palette_paints_text_grey_or_in_the_background_colours() {
        for t in [Theme::dark(), Theme::light(), Theme::either()] {
            // Text styles without a background of their own: never a fixed grey, black or white.
            for style in [
                t.title, t.selected, t.dim, t.key, t.ok, t.warn, t.bad, t.focus,
            ] {
                assert!(style.bg.is_none());
                assert!(
                    !matches!(
                        style.fg,
                        Some(
                            Color::DarkGray
                                | Color::Gray
                                | Color::Indexed(8)
                                | Color::Black
                                | Color::White
                        )
                    ),
                    "{:?}: {style:?}",
                    t.palette
                );
            }
        }
    }
}
