//! Whom the screens that work on users take from the table: the marked users, or else the
//! rows shown, and a sentence saying which.

use std::fmt::Write as _;

use super::Lookup;
use crate::cognito::model::User;
use crate::sentence::count;

impl Lookup {
    /// The marked users, or else every row shown, and what they are ("3 marked users", "120
    /// users shown", saying when more match on the server).
    ///
    /// Marked users the table has not loaded (marked from a list) are not among them: the
    /// sentence says how many are left out.
    pub fn marked_or_shown(&self) -> (Vec<User>, String) {
        if self.marked.is_empty() {
            let users: Vec<User> = self.view.iter().map(|&i| self.users.get(i)).collect();
            let scope = self.shown_scope(users.len());
            return (users, scope);
        }
        let users: Vec<User> = (0..self.users.len())
            .filter(|&i| self.marked.contains(self.users.username(i)))
            .map(|i| self.users.get(i))
            .collect();
        let mut scope = count(users.len(), "marked user");
        let unloaded = self.marked.len().saturating_sub(users.len());
        if unloaded > 0 {
            let _ = write!(
                scope,
                " ({} not loaded in the table left out)",
                count(unloaded, "marked user")
            );
        }
        (users, scope)
    }

    /// The usernames of the marked users, loaded or not, or else of the rows shown, and what
    /// they are: for work that reads each user from Cognito.
    pub fn marked_or_shown_names(&self) -> (Vec<String>, String) {
        if self.marked.is_empty() {
            let names: Vec<String> = self
                .view
                .iter()
                .map(|&i| self.users.username(i).to_owned())
                .collect();
            let scope = self.shown_scope(names.len());
            return (names, scope);
        }
        let scope = count(self.marked.len(), "marked user");
        (self.marked.iter().cloned().collect(), scope)
    }

    /// "120 users shown", saying when more match on the server.
    fn shown_scope(&self, shown: usize) -> String {
        let scope = format!("{} shown", count(shown, "user"));
        if self.complete() {
            scope
        } else {
            format!("{scope} (more match on the server: load them all with L first)")
        }
    }
}
