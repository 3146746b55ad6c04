//! The configuration file as written: its schema, read with the place of every problem (key
//! path and line), and its keybinding overrides checked.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::ConfigError;
use super::Origin;
use super::theme_choice::ThemeChoice;
use crate::keys::{Command, Context, Key, KeyTable};

/// The file's schema. Every key is documented in `config.toml.example`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConfigFile {
    pub(super) default_pool: Option<String>,
    pub(super) request_timeout_secs: Option<u64>,
    pub(super) bulk_rate_per_second: Option<u32>,
    pub(super) read_rate_per_second: Option<u32>,
    pub(super) search_debounce_ms: Option<u64>,
    /// `auto`, `dark` or `light`; a non-empty `NO_COLOR` overrides it.
    pub(super) theme: Option<ThemeChoice>,
    /// The user table's columns, in order; a pool's own list replaces it.
    pub(super) columns: Option<Vec<String>>,
    /// `false` leaves the mouse to the terminal.
    pub(super) mouse: Option<bool>,
    #[serde(default)]
    pub(super) pools: BTreeMap<String, PoolConfig>,
    /// Keybinding overrides as written, with where each is, so that a problem names its key
    /// path and line.
    #[serde(default)]
    pub(super) keys: RawKeys,
    /// `keys`, checked.
    #[serde(skip)]
    pub(super) key_table: KeyTable,
}

/// `[keys.CONTEXT] command = ["key", ...]`, names still unchecked, with their places in the file.
pub(super) type RawKeys =
    BTreeMap<String, toml::Spanned<BTreeMap<String, Vec<toml::Spanned<String>>>>>;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PoolConfig {
    pub(super) region: Option<String>,
    pub(super) user_pool_id: Option<String>,
    pub(super) client_id: Option<String>,
    pub(super) client_secret: Option<String>,
    pub(super) aws_profile: Option<String>,
    pub(super) endpoint_url: Option<String>,
    pub(super) totp_issuer: Option<String>,
    #[serde(default)]
    pub(super) read_only: bool,
    #[serde(default)]
    pub(super) protected_users: Vec<String>,
    pub(super) columns: Option<Vec<String>>,
    /// Sent to the pool's Lambda triggers as ClientMetadata on every call that takes it.
    #[serde(default)]
    pub(super) client_metadata: BTreeMap<String, String>,
}

pub(super) fn parse(text: &str, path: &Path) -> Result<ConfigFile, ConfigError> {
    let deserializer = toml::Deserializer::parse(text).map_err(|e| ConfigError {
        origin: Origin::File(path.to_owned()),
        key: String::new(),
        problem: one_line(&e.to_string()),
    })?;
    let mut file: ConfigFile = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let inner = e.inner();
        let line = inner.span().map(|span| line_of(text, span.start));
        // Map keys that are enums (keybinding contexts and commands) have no name in the path.
        let key = e.path().to_string();
        let key = key.split(".?").next().unwrap_or_default();
        // A value read with its place in the file (`toml::Spanned`) adds a segment of its own.
        let key = key
            .split('.')
            .filter(|segment| !segment.starts_with("$__"))
            .collect::<Vec<_>>()
            .join(".");
        ConfigError {
            origin: Origin::File(path.to_owned()),
            key,
            problem: match line {
                Some(line) => format!("{} (line {line})", one_line(inner.message())),
                None => one_line(inner.message()),
            },
        }
    })?;
    file.key_table = key_table(&file.keys, text).map_err(|(key, problem)| ConfigError {
        origin: Origin::File(path.to_owned()),
        key,
        problem,
    })?;
    Ok(file)
}

/// The line (from 1) of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// Checks the keybinding overrides: every context, command and key must exist. A problem
/// names the key path (`keys.lookup.search`) and says the line.
fn key_table(raw: &RawKeys, text: &str) -> Result<KeyTable, (String, String)> {
    use serde::de::IntoDeserializer;
    use serde::de::value::Error as ValueError;

    let mut table = KeyTable::new();
    for (context_name, commands) in raw {
        let path = format!("keys.{context_name}");
        let at = |offset: usize| format!("(line {})", line_of(text, offset));
        let context = Context::deserialize(IntoDeserializer::<ValueError>::into_deserializer(
            context_name.as_str(),
        ))
        .map_err(|e| (path.clone(), format!("{e} {}", at(commands.span().start))))?;
        let entry = table.entry(context).or_default();
        for (command_name, keys) in commands.get_ref() {
            let path = format!("{path}.{command_name}");
            let first = keys
                .first()
                .map_or(commands.span().start, |k| k.span().start);
            let command = Command::deserialize(IntoDeserializer::<ValueError>::into_deserializer(
                command_name.as_str(),
            ))
            .map_err(|e| (path.clone(), format!("{e} {}", at(first))))?;
            for key in keys {
                Key::parse(key.get_ref()).map_err(|problem| {
                    (path.clone(), format!("{problem} {}", at(key.span().start)))
                })?;
            }
            entry.insert(command, keys.iter().map(|k| k.get_ref().clone()).collect());
        }
    }
    Ok(table)
}

fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
