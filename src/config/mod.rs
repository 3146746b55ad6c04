//! Configuration: `config.toml` (platform config directory or `--config`), layered under the
//! command-line flags, validated before the terminal is touched.

mod checks;
pub mod columns;
mod file;
mod task;
pub mod theme_choice;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

use self::checks::{check_file, check_pool, region_of_pool};
use self::columns::Column;
use self::file::{ConfigFile, PoolConfig, parse};
pub use self::task::Task;
use self::theme_choice::ThemeChoice;
use crate::cognito::metadata::ClientMetadata;
use crate::cognito::sensitive::Sensitive;
use crate::keys::Keymap;

/// Environment variable that can hold the app client secret.
pub const CLIENT_SECRET_ENV: &str = "COGNITUI_CLIENT_SECRET";

const DEFAULT_TIMEOUT_SECS: u64 = 20;
/// How long typing in the search field pauses before ListUsers is called, unless configured.
pub const DEFAULT_SEARCH_DEBOUNCE_MS: u64 = 250;
/// cognitui: a terminal UI for Amazon Cognito user pools.
#[derive(Debug, Default, Clone, Parser)]
#[command(version, about)]
pub struct Cli {
    /// Configuration file (default: the platform config directory's cognitui/config.toml).
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,
    /// A pool named in the configuration file.
    #[arg(long, value_name = "NAME", global = true)]
    pub pool: Option<String>,
    /// User pool id, e.g. eu-west-1_AbC123 (overrides the configured pool's).
    #[arg(long, value_name = "ID", global = true)]
    pub user_pool_id: Option<String>,
    /// App client id (overrides the configured pool's).
    #[arg(long, value_name = "ID", global = true)]
    pub client_id: Option<String>,
    /// AWS region (default: the pool's, or the AWS configuration's).
    #[arg(long, global = true)]
    pub region: Option<String>,
    /// AWS profile for credentials.
    #[arg(long, global = true)]
    pub profile: Option<String>,
    /// Send Cognito requests to this endpoint instead of AWS (e.g. a local emulator).
    #[arg(long, value_name = "URL", global = true)]
    pub endpoint_url: Option<String>,
    /// Refuse every action that changes the pool.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Read calls a second in each quota category (overrides `read_rate_per_second`; 0: no cap).
    #[arg(long, value_name = "N", global = true)]
    pub read_rate: Option<u32>,
    /// Instead of the UI: print shell completions or the man page, or examine the pool.
    #[command(subcommand)]
    pub task: Option<Task>,
}

/// Where the configuration problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    Flag,
}

/// A configuration problem: where, which key, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub origin: Origin,
    pub key: String,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.origin {
            Origin::File(path) if self.key.is_empty() => {
                write!(f, "config file {}: {}", path.display(), self.problem)
            }
            Origin::File(path) => write!(
                f,
                "config file {}: key '{}': {}",
                path.display(),
                self.key,
                self.problem
            ),
            Origin::Flag => write!(f, "{}: {}", self.key, self.problem),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The pool and app client to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolChoice {
    pub user_pool_id: String,
    pub client_id: Option<String>,
    pub client_secret: Option<Sensitive>,
}

/// Everything the program needs, resolved from defaults, file and flags.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The configured name of the pool, when one was chosen by name.
    pub pool_name: Option<String>,
    /// The pool to open; `None` shows the pool picker.
    pub pool: Option<PoolChoice>,
    pub region: Option<String>,
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
    pub totp_issuer: Option<String>,
    pub read_only: bool,
    /// Users that cannot be deleted or disabled.
    pub protected_users: Vec<String>,
    /// What the calls that take ClientMetadata send to each configured pool's Lambda
    /// triggers, by pool id.
    pub client_metadata: BTreeMap<String, ClientMetadata>,
    /// Changes a second in each quota category (a bulk run's steps among them).
    pub bulk_rate: u32,
    /// Read calls a second in each quota category (0: no cap).
    pub read_rate: u32,
    /// How long typing in the search field pauses before ListUsers is called (zero: at once).
    pub search_debounce: Duration,
    /// The colours: `auto` (the default), `dark` or `light` (`NO_COLOR` turns colour off).
    pub theme: ThemeChoice,
    pub request_timeout: Duration,
    pub keymap: Keymap,
    /// The user table's columns, in order: the pool's `columns`, else the file's, else the
    /// defaults.
    pub columns: Vec<Column>,
    /// Whether the mouse is captured (clicks and the wheel); on unless `mouse = false`.
    pub mouse: bool,
    /// The configured pools a search of every pool covers: those reached with the same
    /// profile and endpoint as the session.
    pub configured_pools: Vec<crate::cognito::everywhere::PoolRef>,
}

impl Settings {
    /// Settings from the flags alone, ignoring any configuration file (the demo uses this so
    /// that it never touches a configured real pool).
    pub fn from_flags(cli: &Cli) -> Result<Self, ConfigError> {
        resolve(&ConfigFile::default(), &Origin::Flag, cli, None)
    }

    /// Loads the file (when there is one) and applies the flags.
    pub fn load(cli: &Cli, secret_from_env: Option<String>) -> Result<Self, ConfigError> {
        let (path, explicit) = match &cli.config {
            Some(p) => (Some(p.clone()), true),
            None => (default_path(), false),
        };
        let (file, origin) = match path {
            Some(path) if path.exists() || explicit => {
                let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
                    origin: Origin::File(path.clone()),
                    key: String::new(),
                    problem: format!("cannot be read ({e})"),
                })?;
                (parse(&text, &path)?, Origin::File(path))
            }
            _ => (ConfigFile::default(), Origin::File(PathBuf::from("(none)"))),
        };
        let mut settings = resolve(&file, &origin, cli, secret_from_env)?;
        settings.configured_pools = configured_pools(
            &file,
            settings.profile.as_ref(),
            settings.endpoint_url.as_ref(),
        );
        Ok(settings)
    }
}

/// The default location of the configuration file.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "cognitui").map(|d| d.config_dir().join("config.toml"))
}

/// Read calls a second: the flag's, else the file's, else the default.
fn read_rate(file: &ConfigFile, cli: &Cli) -> u32 {
    cli.read_rate
        .or(file.read_rate_per_second)
        .unwrap_or(crate::cognito::DEFAULT_READ_RATE)
}

/// The configured pools a session on `profile` and `endpoint_url` reaches: a search of every
/// pool covers them.
fn configured_pools(
    file: &ConfigFile,
    profile: Option<&String>,
    endpoint_url: Option<&String>,
) -> Vec<crate::cognito::everywhere::PoolRef> {
    file.pools
        .iter()
        .filter(|(_, p)| p.aws_profile.is_none() || p.aws_profile.as_ref() == profile)
        .filter(|(_, p)| p.endpoint_url.is_none() || p.endpoint_url.as_ref() == endpoint_url)
        .filter_map(|(name, p)| {
            let id = p.user_pool_id.clone()?;
            Some(crate::cognito::everywhere::PoolRef {
                name: name.clone(),
                region: p.region.clone().or_else(|| region_of_pool(&id)),
                id,
            })
        })
        .collect()
}

/// Each configured pool's ClientMetadata by its id, and the chosen pool's (`chosen`) under the
/// id it opens with.
fn client_metadata(
    file: &ConfigFile,
    opened: Option<&str>,
    chosen: ClientMetadata,
) -> BTreeMap<String, ClientMetadata> {
    let mut by_pool: BTreeMap<_, _> = file
        .pools
        .values()
        .filter(|p| !p.client_metadata.is_empty())
        .filter_map(|p| Some((p.user_pool_id.clone()?, p.client_metadata.clone())))
        .collect();
    if let Some(id) = opened
        && !chosen.is_empty()
    {
        by_pool.insert(id.to_owned(), chosen);
    }
    by_pool
}

fn resolve(
    file: &ConfigFile,
    origin: &Origin,
    cli: &Cli,
    secret_from_env: Option<String>,
) -> Result<Settings, ConfigError> {
    let file_err = |key: String, problem: String| ConfigError {
        origin: origin.clone(),
        key,
        problem,
    };
    let flag_err = |key: &str, problem: String| ConfigError {
        origin: Origin::Flag,
        key: key.to_owned(),
        problem,
    };

    let elsewhere = endpoint_elsewhere(cli);
    check_file(file, elsewhere).map_err(|(key, problem)| file_err(key, problem))?;
    let keymap =
        Keymap::new(&file.key_table).map_err(|problem| file_err("keys".into(), problem))?;

    let pool_name = match &cli.pool {
        Some(name) if !file.pools.contains_key(name) => {
            let known: Vec<&str> = file.pools.keys().map(String::as_str).collect();
            return Err(flag_err(
                "--pool",
                format!(
                    "no pool named '{name}' in the configuration (known: {})",
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                ),
            ));
        }
        Some(name) => Some(name.clone()),
        // An explicit pool id on the command line stands alone.
        None if cli.user_pool_id.is_some() => None,
        None => file.default_pool.clone(),
    };
    let pool = pool_name
        .as_ref()
        .and_then(|n| file.pools.get(n))
        .cloned()
        .unwrap_or_default();

    let flags = PoolConfig {
        region: cli.region.clone(),
        user_pool_id: cli.user_pool_id.clone(),
        client_id: cli.client_id.clone(),
        endpoint_url: cli.endpoint_url.clone(),
        ..PoolConfig::default()
    };
    check_pool(&flags, elsewhere || pool.endpoint_url.is_some())
        .map_err(|(key, problem)| flag_err(&format!("--{}", key.replace('_', "-")), problem))?;

    let user_pool_id = cli.user_pool_id.clone().or(pool.user_pool_id);
    let region = cli
        .region
        .clone()
        .or(pool.region)
        .or_else(|| user_pool_id.as_deref().and_then(region_of_pool));
    let client_secret = secret_from_env
        .filter(|s| !s.is_empty())
        .or(pool.client_secret)
        .map(Sensitive::new);
    let client_id = cli.client_id.clone().or(pool.client_id);
    let client_metadata = client_metadata(file, user_pool_id.as_deref(), pool.client_metadata);
    if client_id.is_some() && user_pool_id.is_none() {
        return Err(flag_err(
            "--client-id",
            "needs a user pool: add --user-pool-id or --pool".into(),
        ));
    }
    // Every list was checked with the file; the chosen pool's replaces the file's.
    let columns = match pool.columns.as_ref().or(file.columns.as_ref()) {
        Some(names) => Column::parse_list(names).map_err(|p| file_err("columns".into(), p))?,
        None => Column::defaults(),
    };
    Ok(Settings {
        configured_pools: Vec::new(),
        pool: user_pool_id.map(|user_pool_id| PoolChoice {
            user_pool_id,
            client_id,
            client_secret,
        }),
        pool_name,
        region,
        profile: cli.profile.clone().or(pool.aws_profile),
        endpoint_url: cli.endpoint_url.clone().or(pool.endpoint_url),
        totp_issuer: pool.totp_issuer,
        read_only: cli.read_only || pool.read_only,
        protected_users: pool.protected_users,
        client_metadata,
        bulk_rate: file
            .bulk_rate_per_second
            .unwrap_or(crate::cognito::DEFAULT_BULK_RATE),
        read_rate: read_rate(file, cli),
        request_timeout: Duration::from_secs(
            file.request_timeout_secs.unwrap_or(DEFAULT_TIMEOUT_SECS),
        ),
        search_debounce: Duration::from_millis(
            file.search_debounce_ms
                .unwrap_or(DEFAULT_SEARCH_DEBOUNCE_MS),
        ),
        theme: file.theme.unwrap_or_default(),
        keymap,
        columns,
        mouse: file.mouse.unwrap_or(true),
    })
}

/// Whether Cognito requests go to an endpoint of their own, whatever a pool says:
/// `--endpoint-url`, `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` or `AWS_ENDPOINT_URL`.
fn endpoint_elsewhere(cli: &Cli) -> bool {
    cli.endpoint_url.is_some()
        || [
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            "AWS_ENDPOINT_URL",
        ]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str, cli: &Cli) -> Result<Settings, ConfigError> {
        let path = PathBuf::from("test.toml");
        resolve(&parse(text, &path)?, &Origin::File(path), cli, None)
    }

    #[test]
    fn default_pool_is_used_and_flags_override() {
        let text = r#"
            default_pool = "prod"
            [pools.prod]
            user_pool_id = "eu-west-1_Prod1"
            client_id = "abc123"
            aws_profile = "admin"
        "#;
        let s = load(text, &Cli::default()).expect("valid");
        assert_eq!(s.region.as_deref(), Some("eu-west-1"));
        assert_eq!(s.profile.as_deref(), Some("admin"));
        let pool = s.pool.expect("pool chosen");
        assert_eq!(pool.user_pool_id, "eu-west-1_Prod1");
        assert_eq!(pool.client_id.as_deref(), Some("abc123"));

        let cli = Cli {
            client_id: Some("other9".into()),
            profile: Some("me".into()),
            ..Cli::default()
        };
        let s = load(text, &cli).expect("valid");
        assert_eq!(s.pool.and_then(|p| p.client_id).as_deref(), Some("other9"));
        assert_eq!(s.profile.as_deref(), Some("me"));
    }

    #[test]
    fn no_pool_means_picker() {
        let s = load("", &Cli::default()).expect("empty is valid");
        assert!(s.pool.is_none());
    }

    #[test]
    fn secret_from_env_wins() {
        let path = PathBuf::from("t.toml");
        let file = parse(
            "default_pool = \"a\"\n[pools.a]\nuser_pool_id = \"us-east-1_X\"\nclient_id = \"c\"\nclient_secret = \"file\"",
            &path,
        )
        .expect("parses");
        let s = resolve(
            &file,
            &Origin::File(path),
            &Cli::default(),
            Some("env".into()),
        )
        .expect("valid");
        assert_eq!(
            s.pool
                .and_then(|p| p.client_secret)
                .map(|c| c.expose().to_owned()),
            Some("env".to_owned())
        );
    }

    #[test]
    fn bad_flags_are_named() {
        let cli = Cli {
            user_pool_id: Some("bogus".into()),
            ..Cli::default()
        };
        let e = load("", &cli).expect_err("bad id");
        assert_eq!(e.key, "--user-pool-id");
        assert!(
            e.to_string()
                .starts_with("--user-pool-id: 'bogus' is not a user pool id")
        );

        let cli = Cli {
            pool: Some("nope".into()),
            ..Cli::default()
        };
        let e = load("", &cli).expect_err("unknown pool");
        assert_eq!(
            e.to_string(),
            "--pool: no pool named 'nope' in the configuration (known: none)"
        );
    }
}
