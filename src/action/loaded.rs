//! The loaded users as an action carries them to the worker: one shared copy.

use std::sync::Arc;

use crate::store::UserStore;

/// The users loaded in the table, as a copy handed to the worker. Two are the same only if
/// they are one copy.
#[derive(Clone)]
pub struct Loaded(pub Arc<UserStore>);

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Loaded {}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Loaded({} users)", self.0.len())
    }
}
