//! Events into the app, and the terminal event task that produces them.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crossterm::event::{
    Event as TermEvent, EventStream, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind,
};
use futures::StreamExt;
use tokio::sync::mpsc::UnboundedSender;

use crate::action::Response;

/// How often the spinner turns and the clock is read.
pub const TICK: Duration = Duration::from_millis(200);

/// Everything `App::update` reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A key press.
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste): one event however long it is.
    Paste(String),
    /// A click or a turn of the wheel, and when it happened (two clicks make a double click).
    Mouse(MouseEvent, Instant),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
    /// Time passes: turn the spinner, refresh relative dates.
    Tick(DateTime<Utc>),
    /// A Cognito call finished.
    Cognito(Response),
}

impl From<Response> for Event {
    fn from(r: Response) -> Self {
        Self::Cognito(r)
    }
}

/// Reads the terminal and the clock until `tx` closes. The channel is unbounded and this task
/// does nothing but read and forward, so input is never held up by work on the other side.
pub fn spawn_terminal_events(tx: UnboundedSender<Event>) {
    tokio::spawn(async move {
        let mut stream = EventStream::new();
        let mut ticks = tokio::time::interval(TICK);
        loop {
            let event = tokio::select! {
                _ = ticks.tick() => Some(Event::Tick(Utc::now())),
                next = stream.next() => match next {
                    Some(Ok(TermEvent::Key(k))) if k.kind != KeyEventKind::Release => Some(Event::Key(k)),
                    Some(Ok(TermEvent::Resize(w, h))) => Some(Event::Resize(w, h)),
                    Some(Ok(TermEvent::Paste(text))) => Some(Event::Paste(text)),
                    // Clicks and the wheel only: movements and drags would each cost a frame.
                    Some(Ok(TermEvent::Mouse(m))) if matches!(
                        m.kind,
                        MouseEventKind::Down(_) | MouseEventKind::ScrollUp | MouseEventKind::ScrollDown
                    ) => Some(Event::Mouse(m, Instant::now())),
                    Some(Ok(_)) => None,
                    Some(Err(_)) | None => break,
                },
            };
            if let Some(event) = event
                && tx.send(event).is_err()
            {
                break;
            }
        }
    });
}
