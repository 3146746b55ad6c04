//! The only module that touches the AWS SDK: client wrapper, domain types, error mapping,
//! SECRET_HASH and the worker task.

pub mod admin;
pub mod auth;
pub mod calls;
mod client;
mod clock;
pub mod device;
mod endpoint;
mod enrol;
mod error;
mod error_codes;
pub mod everywhere;
pub mod filter;
pub mod flows;
mod forgot;
pub mod groups;
pub mod import;
pub mod invite;
pub mod lists;
pub mod mfa;
pub mod model;
mod optional;
pub mod overview;
mod pace;
pub mod pool_settings;
mod read_rate;
mod refusals;
mod remember;
mod retry;
mod sdk;
mod secret_hash;
pub mod sensitive;
pub mod shell;
mod signin;
pub mod signup;
pub mod srp;
mod step;
mod worker;

pub use client::{Cognito, DEFAULT_BULK_RATE, PAGE_SIZE};
pub use clock::skew_hint;
pub use endpoint::Server;
pub use error::CognitoError;
pub use pace::{FIRST_BACKOFF, MAX_RETRIES};
pub use read_rate::DEFAULT_READ_RATE;
pub use secret_hash::secret_hash;
pub use worker::{Worker, spawn_worker};
