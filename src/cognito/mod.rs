//! The only module that touches the AWS SDK: client wrapper, domain types, error mapping,
//! SECRET_HASH and the worker task.

mod client;
mod error;
pub mod filter;
pub mod model;
mod secret_hash;
mod worker;

pub use client::{Cognito, PAGE_SIZE};
pub use error::CognitoError;
pub use secret_hash::secret_hash;
pub use worker::spawn_worker;
