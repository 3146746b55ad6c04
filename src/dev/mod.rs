//! Development aids for the demo, the tests and the benchmarks: the local Cognito emulator,
//! the demo pool, and the quota-true simulator. The `cognitui` binary never uses this module.

mod emulator;
mod seed;
pub mod simulator;

pub use emulator::{Emulator, emulator_client};
pub use seed::{DemoPool, add_users, create_client, create_pool, create_pool_with_mfa, seed_demo};
