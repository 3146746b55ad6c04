//! The screens, one module each: its state, its keys, its answers, its hints and its drawing
//! (a folder whose `view.rs` draws it). A screen is handed a narrow context ([`Ctx`] for keys
//! and answers, [`Shown`] for drawing), never the application state.

pub mod attributes;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod bulk_menu;
pub mod cleanup;
pub mod code;
pub mod compare;
pub mod confirm;
mod ctx;
pub mod detail;
pub mod doctor;
pub mod everywhere;
pub mod export;
pub mod forgot;
pub mod group_form;
pub mod groups;
pub mod identity_form;
pub mod import;
pub mod import_jobs;
pub mod invite;
mod list;
mod lookups;
pub mod mark_list;
pub mod members;
pub mod mfa_menu;
mod module;
pub mod overview;
pub mod passkeys;
pub mod picker;
pub mod report;
pub mod restore;
pub mod set_password;
pub mod sign_in;
pub mod sign_up;
pub mod user_list;
pub mod users;

pub use self::module::{
    Ctx, Dirs, Effect, Next, Pauses, Reads, ScreenModule, Shown, Status, app_client,
};
