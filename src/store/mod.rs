//! The users loaded in the table, compact enough for a million: the store, what the refine
//! looks for in it, and the table's order.

mod dated;
mod needle;
mod search;
mod sorted;
mod users;

pub use self::dated::Dated;
pub use self::needle::Needle;
pub use self::sorted::Sort;
pub use self::users::UserStore;
