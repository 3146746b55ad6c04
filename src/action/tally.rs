//! The progress of a long piece of work the worker runs (a backup, a comparison, a restore):
//! the work writes its progress lines as a command without a terminal writes them to stderr,
//! and the screen that asked draws the last one.

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

/// The last whole line of progress written, shared between the work and its screen.
#[derive(Debug, Clone, Default)]
pub struct Tally(Arc<Mutex<Lines>>);

#[derive(Debug, Default)]
struct Lines {
    last: String,
    partial: Vec<u8>,
}

impl Tally {
    /// The last whole line written, without the command's name ("cognitui backup: ").
    pub fn line(&self) -> String {
        let lines = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let last = lines.last.as_str();
        match last
            .strip_prefix("cognitui ")
            .and_then(|l| l.split_once(": "))
        {
            Some((_, said)) => said.to_owned(),
            None => last.to_owned(),
        }
    }
}

/// Two tallies are the same tally, not two with the same line.
impl PartialEq for Tally {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Tally {}

impl Write for Tally {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut lines = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        lines.partial.extend_from_slice(buf);
        if let Some(end) = lines.partial.iter().rposition(|b| *b == b'\n') {
            let whole: Vec<u8> = lines.partial.drain(..=end).collect();
            let text = String::from_utf8_lossy(&whole);
            if let Some(last) = text.lines().rfind(|l| !l.trim().is_empty()) {
                last.trim().clone_into(&mut lines.last);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_whole_line_shows_without_the_command() {
        let tally = Tally::default();
        let mut work = tally.clone();
        write!(
            work,
            "cognitui backup: 1,000 users written\ncognitui backup: 2,0"
        )
        .unwrap();
        assert_eq!(tally.line(), "1,000 users written");
        writeln!(work, "00 users written, 350 users/s").unwrap();
        assert_eq!(tally.line(), "2,000 users written, 350 users/s");
        assert_eq!(tally, work);
        assert_ne!(tally, Tally::default());
    }
}
