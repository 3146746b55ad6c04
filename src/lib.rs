//! cognitui: a terminal UI for Amazon Cognito user pools.

pub mod action;
pub mod app;
pub mod audit;
pub mod audited;
pub mod aws_profiles;
pub mod aws_setup;
pub mod claims;
pub mod cli;
pub mod cognito;
pub mod config;
pub mod dev;
pub mod diagnosis;
pub mod event;
pub mod export;
pub mod import;
pub mod keys;
pub mod logging;
pub mod password;
pub mod private_files;
pub mod qr;
pub mod sentence;
pub mod session;
pub mod terminal;
pub mod totp;
pub mod ui;
pub mod validate;
