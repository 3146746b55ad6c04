//! The AWS CLI equivalent of the screen shown, and the copy key that puts it on the clipboard.

use super::{App, Screen, Status};
use crate::cognito::sensitive::Sensitive;

impl App {
    /// Puts the AWS CLI equivalent of the screen's action on the clipboard, and shows it.
    pub(super) fn copy_cli(&mut self) {
        let lines = self.cli_lines();
        let Some(first) = lines.first().cloned() else {
            self.status = Some(Status::Info(
                "This screen has no AWS CLI equivalent.".into(),
            ));
            return;
        };
        let more = match lines.len() {
            1 => String::new(),
            n => format!(" (+{} more lines)", n - 1),
        };
        self.clipboard.push(Sensitive::new(lines.join("\n")));
        self.status = Some(Status::Info(format!("Copied (OSC 52): {first}{more}")));
    }

    /// The AWS CLI commands equivalent to the action on screen, secrets elided, with the
    /// `--region`, `--profile` and `--endpoint-url` cognitui was started with.
    pub fn cli_lines(&self) -> Vec<String> {
        self.shown().cli(&self.screen_cli())
    }

    fn screen_cli(&self) -> Vec<String> {
        match &self.screen {
            Screen::Confirm(c) => c.cli(),
            Screen::Module(m) => m.cli(&self.shown()),
            Screen::Lookup => Vec::new(),
        }
    }
}
