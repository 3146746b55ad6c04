//! The user table (`crate::screens::users`) as the application holds it: its context built
//! from the application's fields, the pages it asks for sent (a new search stopping the pages
//! of the one before), and the screens its keys open.

use super::{App, Screen};
use crate::action::{Action, Request};
use crate::keys::Command;
use crate::screens::Next;
use crate::screens::audit::AuditView;
use crate::screens::backup::BackupView;
use crate::screens::bulk_menu::BulkMenu;
use crate::screens::cleanup::Cleanup;
use crate::screens::compare::CompareView;
use crate::screens::doctor::Doctor;
use crate::screens::everywhere::Everywhere;
use crate::screens::export::ExportRun;
use crate::screens::groups::GroupsView;
use crate::screens::import::ImportRun;
use crate::screens::import_jobs::ImportJobsView;
use crate::screens::invite::InviteForm;
use crate::screens::mark_list::MarkList;
use crate::screens::overview::OverviewView;
use crate::screens::picker::Picker;
use crate::screens::report::Report;
use crate::screens::restore::RestoreView;
use crate::screens::sign_in::{AfterSignIn, SignInFlow};
use crate::screens::sign_up::SignUp;
use crate::screens::users::{Lookup, TableCtx, TableEffect, TableNext};

impl App {
    /// Runs `f` on the user table, then does what it asked for.
    pub(super) fn with_table(
        &mut self,
        f: impl FnOnce(&mut Lookup, &mut TableCtx) -> TableNext,
    ) -> Vec<Request> {
        let rows = self.table_rows();
        let mut ctx = TableCtx::new(
            self.choice.as_ref().map(|c| c.user_pool_id.as_str()),
            self.pool.as_ref(),
            (&self.keymap, &self.options.columns),
            (rows, self.options.search_debounce),
            &self.in_flight,
            &mut self.status,
        );
        let next = f(&mut self.lookup, &mut ctx);
        self.lookup.order_if_loaded();
        let effects = ctx.into_effects();
        let mut requests = Vec::new();
        for effect in effects {
            match effect {
                TableEffect::CancelSearches => self.cancel_searches(),
                TableEffect::ForgetFailedSearches => {
                    self.forget_failed_reads(|a| matches!(a, Action::ListUsers { .. }));
                }
                TableEffect::Page(page) => {
                    let sent = self.request(page);
                    self.lookup.users_request = sent.first().map(|r| r.id);
                    requests.extend(sent);
                }
                TableEffect::ShardPage(page) => requests.extend(self.request(page)),
            }
        }
        requests.extend(match next {
            TableNext::Stay => Vec::new(),
            TableNext::User(username) => self.open_user(username),
            TableNext::Open(command) => self.open_from_table(command),
        });
        requests
    }

    /// Runs `f` on the user table, which stays on screen, then does what it asked for.
    pub(super) fn on_table(&mut self, f: impl FnOnce(&mut Lookup, &mut TableCtx)) -> Vec<Request> {
        self.with_table(|table, ctx| {
            f(table, ctx);
            TableNext::Stay
        })
    }

    /// A key on the user table.
    pub(super) fn table_command(&mut self, command: Command) -> Vec<Request> {
        self.with_table(|table, ctx| table.on_command(command, ctx))
    }

    /// Stops every ListUsers call still running: their pages are not wanted any more.
    fn cancel_searches(&mut self) {
        let superseded: Vec<_> = self
            .in_flight
            .iter()
            .filter(|(_, a)| matches!(a, Action::ListUsers { .. }))
            .map(|(id, _)| *id)
            .chain(self.lookup.users_request.take())
            .collect();
        for id in superseded {
            self.in_flight.remove(&id);
            if !self.cancelled.contains(&id) {
                self.cancelled.push(id);
            }
        }
    }

    /// The screen a key of the user table opens: the pool picker, a form, a tool.
    fn open_from_table(&mut self, command: Command) -> Vec<Request> {
        match command {
            Command::SwitchPool => self.open_module(Picker::pools),
            Command::SignIn => {
                let Some(user) = self.lookup.selected_user() else {
                    return Vec::new();
                };
                let account = user.email().unwrap_or(&user.username).to_owned();
                let origin = Box::new(Screen::Lookup);
                self.open_module(|ctx| {
                    SignInFlow::open(
                        &user.username,
                        &account,
                        AfterSignIn::ShowTokens,
                        origin,
                        ctx,
                    )
                })
            }
            Command::SignUp => self.open_module(SignUp::open),
            Command::Bulk => self.open_module(BulkMenu::open),
            Command::Cleanup => self.open_module(|_| Cleanup::open()),
            Command::FindEverywhere => {
                let pools = self.options.configured_pools.clone();
                self.open_module(|_| Everywhere::open(pools))
            }
            Command::Export => {
                let (users, scope) = self.lookup.marked_or_shown();
                self.open_module(|_| ExportRun::open(users, scope))
            }
            Command::Import => self.open_module(ImportRun::open),
            Command::PoolGroups => self.open_module(|ctx| Next::Open(GroupsView::open(ctx))),
            Command::ImportJobs => self.open_module(|ctx| Next::Open(ImportJobsView::open(ctx))),
            Command::PoolOverview => self.open_module(OverviewView::open),
            Command::PoolDoctor => self.open_module(Doctor::open),
            Command::Backup => self.open_module(BackupView::open),
            Command::Restore => self.open_module(|_| RestoreView::open()),
            Command::Compare => self.open_module(|_| CompareView::open()),
            Command::MarkList => self.open_module(|_| MarkList::open()),
            Command::Report => {
                let (users, scope) = self.lookup.marked_or_shown_names();
                self.open_module(|ctx| Report::open(users, scope, ctx))
            }
            Command::AuditLog => self.open_module(AuditView::open),
            Command::Invite => self.open_module(InviteForm::open),
            _ => Vec::new(),
        }
    }

    /// When the app next has something to do without an event (the table's search once typing
    /// has paused, a shard's page after its backoff). The run loop sleeps until then and calls
    /// [`App::on_deadline`].
    pub fn next_deadline(&self) -> Option<tokio::time::Instant> {
        self.lookup.next_deadline()
    }

    /// Time has reached `now`: the table does what is due.
    pub fn on_deadline(&mut self, now: tokio::time::Instant) -> Vec<Request> {
        self.on_table(|table, ctx| {
            table.on_deadline(now, ctx);
        })
    }

    /// Searches again from the first page (a pool just opened).
    pub(super) fn search(&mut self) -> Vec<Request> {
        self.on_table(|table, ctx| {
            table.search(ctx);
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::action::{Action, RequestId};
    use crate::app::Status;
    use crate::app::test_support::app;
    use crate::cognito::admin::AdminCall;
    use crate::keys::Command;

    #[test]
    fn esc_with_a_change_on_its_way_stops_the_pool_load_too() {
        let mut app = app();
        app.screen = super::Screen::Lookup;
        let pages = app.table_command(Command::LoadAll);
        assert!(pages.len() > 1, "the shards' first pages");
        assert!(app.lookup.sharded_loading());
        let change = Action::Admin {
            pool_id: "p".into(),
            username: "ann".into(),
            calls: vec![AdminCall::Disable],
        };
        app.in_flight.insert(RequestId(999), change);

        app.abandon();
        assert!(!app.lookup.sharded_loading(), "the load is stopped");
        assert!(
            app.in_flight.is_empty(),
            "its pages stopped, the change left"
        );
        let Some(Status::Info(said)) = &app.status else {
            panic!("{:?}", app.status);
        };
        assert!(
            said.starts_with("Left 'disabling the user' for ann"),
            "{said}"
        );
        let again = app.table_command(Command::LoadAll);
        assert_eq!(
            again.len(),
            pages.len(),
            "L asks for the stopped pages again"
        );
    }
}
