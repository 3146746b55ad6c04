//! Export of users to CSV or JSON: attributes, status, enabled, dates, and groups if asked.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;

use crate::cognito::model::User;

/// The file format, from the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    /// `.csv` or `.json`; anything else is refused with a sentence.
    pub fn from_path(path: &Path) -> Result<Self, String> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(Self::Csv),
            Some("json") => Ok(Self::Json),
            _ => Err(format!(
                "Name the file .csv or .json (got '{}').",
                path.display()
            )),
        }
    }
}

/// One exported user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    pub user: User,
    /// `None` when groups were not asked for.
    pub groups: Option<Vec<String>>,
}

#[derive(Serialize)]
struct JsonUser<'a> {
    username: &'a str,
    status: &'a str,
    enabled: bool,
    created: Option<String>,
    modified: Option<String>,
    attributes: std::collections::BTreeMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<&'a Vec<String>>,
}

fn time(t: Option<chrono::DateTime<chrono::Utc>>) -> Option<String> {
    t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// The rows as JSON: an array of users.
///
/// # Errors
/// Only if serialisation fails, which plain strings cannot make it do.
pub fn to_json(rows: &[ExportRow]) -> Result<String, String> {
    let users: Vec<JsonUser> = rows
        .iter()
        .map(|r| JsonUser {
            username: &r.user.username,
            status: r.user.status.as_api(),
            enabled: r.user.enabled,
            created: time(r.user.created),
            modified: time(r.user.modified),
            attributes: r
                .user
                .attributes
                .iter()
                .map(|a| (a.name.as_str(), a.value.as_str()))
                .collect(),
            groups: r.groups.as_ref(),
        })
        .collect();
    serde_json::to_string_pretty(&users).map_err(|e| e.to_string())
}

/// The rows as CSV: fixed columns, then `groups` (`;`-separated) if asked, then one column per
/// attribute any user has, sorted by name.
///
/// # Errors
/// Only if writing to memory fails.
pub fn to_csv(rows: &[ExportRow]) -> Result<String, String> {
    let names: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r.user.attributes.iter().map(|a| a.name.as_str()))
        .collect();
    let with_groups = rows.iter().any(|r| r.groups.is_some());
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["username", "status", "enabled", "created", "modified"];
    if with_groups {
        header.push("groups");
    }
    header.extend(names.iter().copied());
    out.write_record(&header).map_err(|e| e.to_string())?;
    for r in rows {
        let u = &r.user;
        let mut record = vec![
            u.username.clone(),
            u.status.as_api().to_owned(),
            u.enabled.to_string(),
            time(u.created).unwrap_or_default(),
            time(u.modified).unwrap_or_default(),
        ];
        if with_groups {
            record.push(r.groups.as_ref().map(|g| g.join(";")).unwrap_or_default());
        }
        record.extend(
            names
                .iter()
                .map(|n| u.attribute(n).unwrap_or_default().to_owned()),
        );
        out.write_record(&record).map_err(|e| e.to_string())?;
    }
    let bytes = out.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// Writes the rows to `path` in `format`; how many were written.
///
/// # Errors
/// A sentence naming the file when it cannot be written.
pub fn write(path: &Path, format: ExportFormat, rows: &[ExportRow]) -> Result<usize, String> {
    let text = match format {
        ExportFormat::Csv => to_csv(rows)?,
        ExportFormat::Json => to_json(rows)?,
    };
    std::fs::write(path, text).map_err(|e| format!("Cannot write {}: {e}", path.display()))?;
    Ok(rows.len())
}
