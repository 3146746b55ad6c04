//! Looking users up one value at a time (ListUsers on an exact filter), a few at once and paced
//! by the worker like every read: the entries of a pasted list, the rows of a file.

use std::collections::HashMap;

use super::Ctx;
use crate::action::Action;

/// Look-ups in flight at once; the worker paces them further.
const WINDOW: usize = 4;

/// The look-ups of a list of items, each by its filter (or why it cannot be looked up).
#[derive(Debug, Clone, Default)]
pub struct Lookups {
    filters: Vec<Result<String, String>>,
    /// The items looked up and not answered yet, by their filter.
    waiting: HashMap<String, usize>,
    next: usize,
    in_flight: usize,
    /// No more are sent; those in flight finish.
    pub stopped: bool,
}

impl Lookups {
    pub fn new(filters: Vec<Result<String, String>>) -> Self {
        Self {
            filters,
            ..Self::default()
        }
    }

    /// Keeps a few look-ups in flight until the items run out or the look-ups are stopped.
    /// The items that cannot be looked up, and why, as they are reached.
    pub fn send(&mut self, ctx: &mut Ctx) -> Vec<(usize, String)> {
        let mut refused = Vec::new();
        let Some(pool_id) = ctx.pool_id.map(ToOwned::to_owned) else {
            return refused;
        };
        while !self.stopped && self.in_flight < WINDOW && self.next < self.filters.len() {
            let at = self.next;
            self.next += 1;
            match &self.filters[at] {
                Ok(filter) => {
                    self.in_flight += 1;
                    self.waiting.insert(filter.clone(), at);
                    ctx.request(Action::ListUsers {
                        pool_id: pool_id.clone(),
                        filter: Some(filter.clone()),
                        token: None,
                    });
                }
                Err(why) => refused.push((at, why.clone())),
            }
        }
        refused
    }

    /// The item a look-up with `filter` was for, if it was one of these and not answered yet.
    pub fn answered(&mut self, filter: Option<&String>) -> Option<usize> {
        let at = self.waiting.remove(filter?)?;
        self.in_flight = self.in_flight.saturating_sub(1);
        Some(at)
    }

    /// Whether every look-up sent has answered and no more will be sent.
    pub fn finished(&self) -> bool {
        self.in_flight == 0 && (self.stopped || self.next >= self.filters.len())
    }
}
