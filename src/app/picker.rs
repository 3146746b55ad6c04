//! The pool picker: user pools, then the chosen pool's app clients.

use crate::cognito::model::{ClientSummary, PoolSummary};

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
