//! The user table's order: sorted by a column (`S`, `R`) or as Cognito listed the users.

use super::Lookup;
use crate::store::Sort;

impl Lookup {
    /// The table sorted by `sort` (or as loaded, for `None`), the selected user staying
    /// selected.
    pub fn sort_by(&mut self, sort: Option<Sort>) {
        self.sort = sort;
        self.order_view();
    }

    /// Sorts in the rows added while every user was loading, once the load has ended.
    pub fn order_if_loaded(&mut self) {
        if self.unsorted && !self.load_all && !self.sharded_loading() {
            self.order_view();
        }
    }

    /// Puts every loaded row, and so the rows shown, in the table's order; the selected user
    /// stays selected.
    pub(super) fn order_view(&mut self) {
        let selected = self.view.get(self.selected).copied();
        self.order.clear();
        match &self.sort {
            Some(sort) => {
                self.order.extend(0..self.users.len());
                sort.apply(&self.users, &mut self.order);
                let mut shown = vec![false; self.users.len()];
                for &i in &self.view {
                    shown[i] = true;
                }
                self.view = self.order.iter().copied().filter(|&i| shown[i]).collect();
            }
            None => self.view.sort_unstable(),
        }
        self.unsorted = false;
        if let Some(i) = selected {
            self.selected = self.view.iter().position(|&r| r == i).unwrap_or(0);
        }
    }
}
