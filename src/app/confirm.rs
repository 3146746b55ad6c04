//! The one confirmation path. Every action that changes the pool (`Action::mutates`) stops
//! here first: the confirmation (`crate::screens::confirm`) says what it does and to whom, what
//! follows, its AWS CLI equivalent; Enter there sends it, Esc goes back to the screen it was
//! asked from with everything as it was. The safety rules refuse before anything opens.

use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::keys::Command;
use crate::screens::confirm::{ConfirmChange, ConfirmNext};

impl App {
    /// Opens the confirmation of `change`, unless the safety rules refuse it: then the refusal
    /// is said at once and nothing opens.
    pub(super) fn confirm(&mut self, change: Action) -> Vec<Request> {
        if let Some(refusal) = self.options.safety.refusal(&change) {
            self.status = Some(Status::Error(refusal));
            return Vec::new();
        }
        let warnings = self.warnings(&change);
        let back = Box::new(std::mem::replace(&mut self.screen, Screen::Lookup));
        self.screen = Screen::Confirm(Box::new(ConfirmChange::new(change, warnings, back)));
        Vec::new()
    }

    /// What the diagnosis knows against `change` for its user, as shown on screen now.
    fn warnings(&self, change: &Action) -> Vec<String> {
        let Some(user) = change.username().and_then(|u| self.shown_user(u).user) else {
            return Vec::new();
        };
        let facts = self
            .pool
            .as_ref()
            .map(|p| p.facts.clone())
            .unwrap_or_default();
        crate::diagnosis::warnings(change, &user, &facts)
    }

    /// A key on the confirmation: Enter sends the change as it shows it, Esc goes back.
    pub(super) fn confirm_command(&mut self, command: Command) -> Vec<Request> {
        let metadata = self.pool_metadata().clone();
        let Screen::Confirm(c) = &mut self.screen else {
            return Vec::new();
        };
        match c.on_command(command, &metadata, &mut self.status) {
            ConfirmNext::Stay => Vec::new(),
            ConfirmNext::Metadata(kept) => {
                if let Some(pool_id) = self.pool_id() {
                    self.options.client_metadata.insert(pool_id, kept);
                }
                Vec::new()
            }
            next @ (ConfirmNext::Send | ConfirmNext::Back) => {
                let Screen::Confirm(c) = std::mem::replace(&mut self.screen, Screen::Lookup) else {
                    return Vec::new();
                };
                let ConfirmChange { change, back, .. } = *c;
                self.screen = *back;
                if next == ConfirmNext::Send {
                    self.send(change)
                } else {
                    Vec::new()
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::app::test_support::app;

    use super::*;
    use crate::action::samples::every_action;
    use crate::cognito::admin::AdminCall;
    use crate::screens::audit::AuditView;

    #[test]
    fn no_change_is_sent_without_its_confirm_step() {
        for change in every_action().into_iter().filter(Action::mutates) {
            let mut app = app();
            let label = change.label();
            assert!(
                app.request(change.clone()).is_empty(),
                "{label} was sent at once"
            );
            let Screen::Confirm(c) = &mut app.screen else {
                panic!("{label} opened no confirmation");
            };
            assert_eq!(c.change, change);
            assert!(!c.notes.is_empty(), "{label} says nothing");
            if let (Some(form), Some(username)) = (&mut c.typed, change.username()) {
                form.set(0, username);
            }
            let sent = app.confirm_command(Command::Submit);
            assert_eq!(sent.len(), 1, "{label}: Enter sends it once");
            assert_eq!(sent[0].action, change);
        }
    }

    #[test]
    fn reads_are_sent_at_once() {
        for read in every_action().into_iter().filter(|a| !a.mutates()) {
            assert_eq!(app().request(read.clone()).len(), 1, "{}", read.label());
        }
    }

    #[test]
    fn esc_sends_nothing_and_goes_back() {
        for change in every_action().into_iter().filter(Action::mutates) {
            let mut app = app();
            app.screen = Screen::Module(Box::<AuditView>::default());
            let _ = app.request(change);
            assert!(app.confirm_command(Command::Back).is_empty());
            assert!(app.module_as::<AuditView>().is_some());
            assert!(app.in_flight.is_empty());
        }
    }

    #[test]
    fn a_deletion_needs_the_username_typed() {
        let mut app = app();
        let _ = app.request(Action::Admin {
            pool_id: "p".into(),
            username: "ann".into(),
            calls: vec![AdminCall::Delete],
        });
        assert!(app.confirm_command(Command::Submit).is_empty());
        assert!(matches!(app.status, Some(Status::Error(_))));
        assert!(matches!(app.screen, Screen::Confirm(_)));
    }
}
