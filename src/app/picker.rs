//! The pool picker: user pools, then the chosen pool's app clients.

use super::{App, Screen};
use crate::action::{Action, Request};
use crate::cognito::model::{ClientSummary, PoolSummary};
use crate::config::PoolChoice;
use crate::keys::Command;

/// The picker's two steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picker {
    /// Choosing a pool; `None` while ListUserPools runs.
    Pools {
        pools: Option<Vec<PoolSummary>>,
        selected: usize,
    },
    /// Choosing an app client of `pool`; `None` while ListUserPoolClients runs.
    Clients {
        pool: PoolSummary,
        clients: Option<Vec<ClientSummary>>,
        selected: usize,
    },
}

impl Picker {
    /// How many rows the current step lists. The client step has an extra first row, "no app
    /// client", for admin-only work.
    pub fn len(&self) -> usize {
        match self {
            Self::Pools { pools, .. } => pools.as_ref().map_or(0, Vec::len),
            Self::Clients { clients, .. } => clients.as_ref().map_or(0, |c| c.len() + 1),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn selected(&self) -> usize {
        match self {
            Self::Pools { selected, .. } | Self::Clients { selected, .. } => *selected,
        }
    }

    pub fn move_selection(&mut self, delta: isize) {
        let last = self.len().saturating_sub(1);
        match self {
            Self::Pools { selected, .. } | Self::Clients { selected, .. } => {
                *selected = selected.saturating_add_signed(delta).min(last);
            }
        }
    }
}

impl App {
    pub(super) fn picker_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Picker(picker) = &mut self.screen else {
            return Vec::new();
        };
        match command {
            Command::Up => picker.move_selection(-1),
            Command::Down => picker.move_selection(1),
            Command::Back => {
                if matches!(picker, Picker::Clients { .. }) {
                    self.screen = Screen::Picker(Picker::Pools {
                        pools: None,
                        selected: 0,
                    });
                    return self.request(Action::ListPools);
                }
                if self.choice.is_some() {
                    self.screen = Screen::Lookup;
                }
            }
            Command::Refresh => {
                let action = match picker {
                    Picker::Pools { .. } => Action::ListPools,
                    Picker::Clients { pool, .. } => Action::ListClients {
                        pool_id: pool.id.clone(),
                    },
                };
                return self.request(action);
            }
            Command::Open => return self.pick(),
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn pick(&mut self) -> Vec<Request> {
        let Screen::Picker(picker) = &self.screen else {
            return Vec::new();
        };
        match picker {
            Picker::Pools {
                pools: Some(pools),
                selected,
            } => {
                let Some(pool) = pools.get(*selected).cloned() else {
                    return Vec::new();
                };
                let action = Action::ListClients {
                    pool_id: pool.id.clone(),
                };
                self.screen = Screen::Picker(Picker::Clients {
                    pool,
                    clients: None,
                    selected: 0,
                });
                self.request(action)
            }
            Picker::Clients {
                pool,
                clients: Some(clients),
                selected,
            } => {
                let client_id = selected
                    .checked_sub(1)
                    .and_then(|i| clients.get(i))
                    .map(|c| c.id.clone());
                let choice = PoolChoice {
                    user_pool_id: pool.id.clone(),
                    client_id,
                    client_secret: None,
                };
                self.open_pool(choice)
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn on_pools(&mut self, pools: Vec<PoolSummary>) {
        if let Screen::Picker(Picker::Pools { pools: slot, .. }) = &mut self.screen {
            *slot = Some(pools);
        }
    }

    pub(super) fn on_clients(&mut self, pool_id: &str, clients: Vec<ClientSummary>) {
        if let Screen::Picker(Picker::Clients {
            pool: PoolSummary { id, .. },
            clients: slot,
            ..
        }) = &mut self.screen
            && id == pool_id
        {
            *slot = Some(clients);
        }
    }
}
