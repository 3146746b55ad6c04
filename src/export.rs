//! Export of users to CSV or JSON: attributes, status, enabled, dates, and groups if asked.
//! CSV cells that a spreadsheet would run as a formula are neutralised (OWASP's CSV injection
//! guidance); JSON is exact. An existing file is replaced only when the agent said so. The file
//! is its owner's only (see [`crate::private_files`]).

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

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

/// What writing an export did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The file holds this many users.
    Users(usize),
    /// Nothing was written: the file exists and replacing it was not asked for.
    Exists,
}

/// The file name the agent typed as an absolute path: `~` or `~/...` is taken from `home`,
/// anything else as `resolve` does.
pub fn resolve_typed(base: &Path, home: Option<&Path>, typed: &str) -> PathBuf {
    match (typed.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            resolve(home, rest.trim_start_matches('/'))
        }
        _ => resolve(base, typed),
    }
}

/// `typed` as an absolute path: a relative one is taken from `base` (the working directory).
/// Purely lexical, so that what is shown is exactly what is written: `.` is dropped and `..`
/// removes the component before it.
pub fn resolve(base: &Path, typed: &str) -> PathBuf {
    let mut path = PathBuf::new();
    for component in base.join(typed).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !path.pop() {
                    path.push(component);
                }
            }
            other => path.push(other),
        }
    }
    path
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell a spreadsheet will not run: one starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading single quote. Every other value is unchanged.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
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
/// attribute any user has, sorted by name. Every cell is quoted, and a cell a spreadsheet would
/// run as a formula is [neutralised](neutralise).
///
/// # Errors
/// Only if writing to memory fails.
pub fn to_csv(rows: &[ExportRow]) -> Result<String, String> {
    let names: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r.user.attributes.iter().map(|a| a.name.as_str()))
        .collect();
    let with_groups = rows.iter().any(|r| r.groups.is_some());
    let mut out = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    let mut header = vec!["username", "status", "enabled", "created", "modified"];
    if with_groups {
        header.push("groups");
    }
    header.extend(names.iter().copied());
    out.write_record(header.iter().map(|h| neutralise(h).into_owned()))
        .map_err(|e| e.to_string())?;
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
        out.write_record(record.iter().map(|cell| neutralise(cell).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    let bytes = out.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// Writes the rows to `path` in `format`. Without `replace`, an existing file is left alone
/// and [`Written::Exists`] says so; the check and the creation are one step, so a file that
/// appears meanwhile is not replaced either.
///
/// # Errors
/// A sentence naming the file when it cannot be written.
pub fn write(
    path: &Path,
    format: ExportFormat,
    rows: &[ExportRow],
    replace: bool,
) -> Result<Written, String> {
    let text = match format {
        ExportFormat::Csv => to_csv(rows)?,
        ExportFormat::Json => to_json(rows)?,
    };
    let cannot = |e: std::io::Error| format!("Cannot write {}: {e}", path.display());
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if replace {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = match crate::private_files::open(&mut options, path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(Written::Exists),
        Err(e) => return Err(cannot(e)),
    };
    file.write_all(text.as_bytes()).map_err(cannot)?;
    Ok(Written::Users(rows.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::{Attribute, UserStatus};

    fn row(username: &str, attrs: &[(&str, &str)], groups: Option<&[&str]>) -> ExportRow {
        ExportRow {
            user: User {
                username: username.to_owned(),
                attributes: attrs
                    .iter()
                    .map(|(name, value)| Attribute {
                        name: (*name).to_owned(),
                        value: (*value).to_owned(),
                    })
                    .collect(),
                status: UserStatus::Confirmed,
                enabled: true,
                created: None,
                modified: None,
            },
            groups: groups.map(|g| g.iter().map(|&s| s.to_owned()).collect()),
        }
    }

    /// The CSV parsed back: the header and the records, as the cells hold them.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        reader
            .records()
            .map(|r| r.expect("record").iter().map(ToOwned::to_owned).collect())
            .collect()
    }

    #[test]
    fn each_formula_start_gets_a_leading_quote() {
        for start in ['=', '+', '-', '@', '\t', '\r'] {
            let cell = format!("{start}1+2");
            assert_eq!(neutralise(&cell), format!("'{cell}"), "{start:?}");
        }
        assert_eq!(
            neutralise(r#"=HYPERLINK("http://x","y")"#),
            r#"'=HYPERLINK("http://x","y")"#
        );
    }

    #[test]
    fn safe_cells_stay_unchanged() {
        for cell in [
            "",
            "ann",
            "ann@example.com",
            "gold",
            "42",
            "a=b",
            "x-y",
            " =1",
            "'quoted",
            "2026-03-04T12:00:00Z",
        ] {
            assert!(
                matches!(neutralise(cell), Cow::Borrowed(c) if c == cell),
                "{cell:?} is left alone"
            );
        }
    }

    #[test]
    fn csv_quotes_every_cell_and_neutralises_formulas() {
        let rows = [
            row(
                "ann",
                &[
                    ("custom:tier", r#"=HYPERLINK("http://x","y")"#),
                    ("phone_number", "+15551234567"),
                ],
                Some(&["@admins", "support"]),
            ),
            row("bob", &[("custom:tier", "gold")], Some(&[])),
        ];
        let text = to_csv(&rows).expect("csv");
        assert!(
            text.contains(r#""'=HYPERLINK(""http://x"",""y"")""#),
            "quoted, prefixed, inner quotes doubled: {text}"
        );
        for line in text.lines() {
            assert!(line.starts_with('"') && line.ends_with('"'), "{line}");
        }
        let cells = parse(&text);
        let column = |name: &str| cells[0].iter().position(|h| h == name).expect(name);
        let (tier, phone, groups) = (
            column("custom:tier"),
            column("phone_number"),
            column("groups"),
        );
        assert_eq!(cells[1][tier], r#"'=HYPERLINK("http://x","y")"#);
        assert_eq!(cells[1][phone], "'+15551234567");
        assert_eq!(cells[1][groups], "'@admins;support");
        assert_eq!(cells[2][0], "bob");
        assert_eq!(cells[2][tier], "gold");
        assert_eq!(cells[2][groups], "");
    }

    #[test]
    fn json_stays_exact() {
        let formula = r#"=HYPERLINK("http://x","y")"#;
        let text = to_json(&[row("ann", &[("custom:tier", formula)], None)]).expect("json");
        let users: serde_json::Value = serde_json::from_str(&text).expect("parse");
        assert_eq!(users[0]["attributes"]["custom:tier"], formula);
    }

    #[test]
    fn relative_names_resolve_against_the_working_directory() {
        let base = Path::new("/home/agent/work");
        assert_eq!(
            resolve(base, "users.csv"),
            Path::new("/home/agent/work/users.csv")
        );
        assert_eq!(
            resolve(base, "./out/users.csv"),
            Path::new("/home/agent/work/out/users.csv")
        );
        assert_eq!(
            resolve(base, "../users.csv"),
            Path::new("/home/agent/users.csv")
        );
        assert_eq!(resolve(base, "/tmp/u.json"), Path::new("/tmp/u.json"));
        let home = Some(Path::new("/home/me"));
        assert_eq!(
            resolve_typed(base, home, "~/in/users.csv"),
            Path::new("/home/me/in/users.csv")
        );
        assert_eq!(resolve_typed(base, home, "~"), Path::new("/home/me"));
        assert_eq!(
            resolve_typed(base, home, "~ann/users.csv"),
            base.join("~ann/users.csv")
        );
        assert_eq!(
            resolve_typed(base, None, "~/users.csv"),
            base.join("~/users.csv")
        );
        assert_eq!(resolve(base, "/tmp/../u.json"), Path::new("/u.json"));
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_asked() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("users.json");
        let rows = [row("ann", &[], None)];
        assert_eq!(
            write(&path, ExportFormat::Json, &rows, false),
            Ok(Written::Users(1))
        );
        std::fs::write(&path, "keep me").expect("overwrite");
        assert_eq!(
            write(&path, ExportFormat::Json, &rows, false),
            Ok(Written::Exists)
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "keep me");
        assert_eq!(
            write(&path, ExportFormat::Json, &rows, true),
            Ok(Written::Users(1))
        );
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            text.contains("\"ann\"") && !text.contains("keep me"),
            "{text}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_export_is_its_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let mode = crate::private_files::mode_of;
        let dir = tempfile::tempdir().expect("dir");
        let rows = [row("ann", &[("email", "ann@example.com")], None)];
        let csv = dir.path().join("users.csv");
        assert_eq!(
            write(&csv, ExportFormat::Csv, &rows, false),
            Ok(Written::Users(1))
        );
        assert_eq!(mode(&csv), 0o600);
        // A file replaced, once readable by others, is no longer.
        let json = dir.path().join("users.json");
        std::fs::write(&json, "old").expect("old file");
        std::fs::set_permissions(&json, std::fs::Permissions::from_mode(0o644)).expect("mode");
        assert_eq!(
            write(&json, ExportFormat::Json, &rows, true),
            Ok(Written::Users(1))
        );
        assert_eq!(mode(&json), 0o600);
    }

    #[test]
    fn a_missing_directory_is_a_sentence() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("nowhere").join("users.csv");
        let error = write(&path, ExportFormat::Csv, &[], false).expect_err("no directory");
        assert!(error.starts_with("Cannot write "), "{error}");
        assert!(error.contains("users.csv"), "{error}");
    }
}
