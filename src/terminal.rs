//! The terminal a session runs on: whether there is one, taking it over and giving it back, and
//! its clipboard.

use std::io;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};

use crate::cognito::sensitive::Sensitive;

/// What cognitui says, and all it does, when it is not run in a terminal.
pub const NO_TERMINAL: &str = "cognitui needs an interactive terminal: run it in a terminal, with neither its input nor its output redirected.";

/// Whether standard input and output are both a terminal (the TUI needs both).
pub fn interactive() -> bool {
    use std::io::IsTerminal as _;
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Takes the terminal over (raw mode, alternate screen) and turns bracketed paste on, so that
/// a paste arrives as one event, and mouse capture unless `mouse` is off. `ratatui::init`
/// installs a panic hook that restores the terminal; the hook added here first turns bracketed
/// paste and mouse capture off again.
pub(crate) fn init_terminal(mouse: bool) -> ratatui::DefaultTerminal {
    // crossterm drops every colour when NO_COLOR is set. cognitui honours NO_COLOR in its theme
    // (no colour in any text), so the only colours left are the QR's black and white, which are
    // its data: they must reach the terminal or the code does not scan.
    crossterm::style::force_color_output(true);
    let terminal = ratatui::init();
    // A terminal without bracketed paste delivers a paste as keys; nothing else to do then.
    let _ = crossterm::execute!(io::stdout(), EnableBracketedPaste);
    // Likewise a terminal without mouse reporting: the keys do everything the mouse does.
    if mouse {
        let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    }
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        restore(info);
    }));
    terminal
}

/// Gives the terminal back as it was: mouse capture and bracketed paste off, then raw mode and
/// the alternate screen.
pub(crate) fn restore_terminal() {
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

/// Puts `text` on the terminal's clipboard with OSC 52 (terminals may ask or refuse).
pub(crate) fn copy_osc52(text: &Sensitive) {
    use std::io::Write as _;

    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.expose());
    let mut out = std::io::stdout();
    // Nothing useful to do if the terminal is gone.
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}
