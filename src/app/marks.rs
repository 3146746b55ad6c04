//! Marking users in the table: one, every row shown, none. Bulk work and the export act on the
//! marked users.

use super::{App, Status};
use crate::keys::Command;

impl App {
    /// Keys that mark users in the table: one, every row shown, none.
    pub(super) fn mark_command(&mut self, command: Command) {
        let l = &mut self.lookup;
        match command {
            Command::Mark => {
                if let Some(name) = l.selected_user().map(|u| u.username.clone())
                    && !l.marked.remove(&name)
                {
                    l.marked.insert(name);
                }
            }
            Command::MarkAll => {
                let names: Vec<String> = l
                    .view
                    .iter()
                    .map(|&i| l.users.username(i).to_owned())
                    .collect();
                l.marked.extend(names);
                let more = if l.complete() {
                    String::new()
                } else {
                    " More users match on the server: load them all (L), then mark again.".into()
                };
                self.status = Some(Status::Info(format!(
                    "{} marked.{more}",
                    crate::sentence::count(self.lookup.marked.len(), "user")
                )));
            }
            Command::ClearMarks => l.marked.clear(),
            _ => {}
        }
    }
}
