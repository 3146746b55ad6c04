//! What the configuration and the command line set for a session, beside the state the
//! session builds up as it runs.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use super::Safety;
use crate::cli::CliTarget;
use crate::cognito::everywhere::PoolRef;
use crate::cognito::metadata::ClientMetadata;
use crate::config::Settings;
use crate::config::columns::Column;

/// A session's settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Bulk requests a second (the worker's pace), for the preview.
    pub bulk_rate: u32,
    /// How long typing in the search field must pause before ListUsers is called; zero calls
    /// it at every change.
    pub search_debounce: Duration,
    /// The issuer authenticator apps show (the pool's name when not configured).
    pub totp_issuer: Option<String>,
    /// `--region`, `--profile` and `--endpoint-url` for the AWS CLI equivalents.
    pub cli_target: CliTarget,
    /// Read-only mode and protected users.
    pub safety: Safety,
    /// What the calls that take ClientMetadata send to each pool's Lambda triggers, by pool
    /// id: the pools' `client_metadata` settings, as edited on a confirmation. A pool without
    /// an entry gets none.
    pub client_metadata: BTreeMap<String, ClientMetadata>,
    /// The user table's columns, in order (the `columns` setting).
    pub columns: Vec<Column>,
    /// The configured pools a search of every pool covers.
    pub configured_pools: Vec<PoolRef>,
    /// Whether mouse events are taken (`mouse = false` in the configuration ignores them).
    pub mouse: bool,
    /// Where a relative export or import file name is taken from: the working directory at
    /// start.
    pub export_dir: PathBuf,
    /// Where a file name starting with `~` is taken from: the home directory, if there is one.
    pub home_dir: Option<PathBuf>,
}

impl Options {
    /// The settings `settings` gives; the directories are the process's.
    pub fn from_settings(settings: &Settings) -> Self {
        Self {
            bulk_rate: settings.bulk_rate,
            search_debounce: settings.search_debounce,
            totp_issuer: settings.totp_issuer.clone(),
            cli_target: CliTarget {
                region: settings.region.clone(),
                profile: settings.profile.clone(),
                endpoint_url: settings.endpoint_url.clone(),
            },
            safety: Safety {
                read_only: settings.read_only,
                protected_users: settings.protected_users.clone(),
            },
            client_metadata: settings.client_metadata.clone(),
            columns: settings.columns.clone(),
            configured_pools: settings.configured_pools.clone(),
            mouse: settings.mouse,
            ..Self::default()
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            bulk_rate: crate::cognito::DEFAULT_BULK_RATE,
            search_debounce: Duration::ZERO,
            totp_issuer: None,
            cli_target: CliTarget::default(),
            safety: Safety::default(),
            client_metadata: BTreeMap::new(),
            columns: Column::defaults(),
            configured_pools: Vec::new(),
            mouse: true,
            export_dir: std::env::current_dir().unwrap_or_default(),
            home_dir: directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()),
        }
    }
}
