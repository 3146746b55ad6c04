//! CSV import: the header row matched to the pool's attributes, every row checked as an
//! invitation is checked (username rules, the schema's types and lengths, email and phone
//! formats, required attributes, how the invitation is delivered, usernames twice in the file),
//! and the rows that pass written again in the column order of Cognito's import job
//! (GetCSVHeader).

use std::collections::HashMap;

use crate::cognito::admin::AdminCall;

use crate::cognito::invite::{Delivery, delivery_problem};
use crate::cognito::model::standard_attribute;
use crate::cognito::model::{Attribute, SchemaAttribute};
use crate::validate::{read_only_reason, username_problem, value_problem};

/// The username column of GetCSVHeader's header.
const COGNITO_USERNAME: &str = "cognito:username";
/// GetCSVHeader's MFA column: the import job needs it, an invitation cannot set it.
const COGNITO_MFA: &str = "cognito:mfa_enabled";

/// What one column of the file is used for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnUse {
    /// The username (`username` or `cognito:username`).
    Username,
    /// One of the pool's attributes, with its schema.
    Attribute(SchemaAttribute),
    /// A column the import knows and leaves out, with why.
    Ignored(String),
    /// Not an attribute of this pool: named in the preview, never sent.
    Unknown,
}

/// A column of the file's header, as named there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportColumn {
    pub name: String,
    pub used: ColumnUse,
}

/// One row of the file: its line, the user it stands for, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// The line of the file (the header is line 1).
    pub line: usize,
    pub username: String,
    /// The non-empty cells of matched attributes, by their schema name.
    pub attributes: Vec<Attribute>,
    /// Sentences: what keeps the row from being used at all.
    pub problems: Vec<String>,
    /// Sentences: what keeps the row from inviting a new user (the pool's required attributes,
    /// the delivery); an existing user can be updated from it all the same.
    pub invitation_problems: Vec<String>,
}

impl ImportRow {
    /// Whether the row invites its user.
    pub fn passes(&self) -> bool {
        self.problems.is_empty() && self.invitation_problems.is_empty()
    }

    /// Every sentence against the row, as an invitation.
    pub fn all_problems(&self) -> Vec<String> {
        self.problems
            .iter()
            .chain(&self.invitation_problems)
            .cloned()
            .collect()
    }

    /// The row's AdminCreateUser: its attributes (`email_verified` and `phone_number_verified`
    /// as the file gives them), invited by `delivery` with Cognito's own temporary password.
    pub fn create_call(&self, delivery: Delivery) -> AdminCall {
        AdminCall::CreateUser {
            attributes: self.attributes.clone(),
            delivery,
        }
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }
}

/// A file read and checked against the pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFile {
    pub columns: Vec<ImportColumn>,
    pub rows: Vec<ImportRow>,
}

impl ImportFile {
    /// Reads `text` (CSV with a header row) and checks every row against `schema` for an
    /// invitation delivered by `delivery`. Usernames are told apart by case only when the pool
    /// does. An unreadable file or header is a sentence.
    pub fn parse(
        text: &str,
        schema: &[SchemaAttribute],
        case_sensitive: bool,
        delivery: Delivery,
    ) -> Result<Self, String> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| format!("The file is not CSV cognitui can read: {e}."))?
            .clone();
        let columns: Vec<ImportColumn> = header
            .iter()
            .map(|name| ImportColumn {
                name: name.to_owned(),
                used: column_use(name, schema),
            })
            .collect();
        if !columns.iter().any(|c| c.used == ColumnUse::Username) {
            return Err(
                "The header row has no username column: name one 'username' (or 'cognito:username', as GetCSVHeader does)."
                    .into(),
            );
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record =
                record.map_err(|e| format!("The file is not CSV cognitui can read: {e}."))?;
            let line = record.position().map_or(rows.len() + 2, |p| {
                usize::try_from(p.line()).unwrap_or(usize::MAX)
            });
            rows.push(row(&columns, &record, line, schema, delivery));
        }
        if rows.is_empty() {
            return Err("The file has a header row but no users.".into());
        }
        mark_duplicates(&mut rows, case_sensitive);
        Ok(Self { columns, rows })
    }

    pub fn passing(&self) -> impl Iterator<Item = &ImportRow> {
        self.rows.iter().filter(|r| r.passes())
    }

    pub fn failing(&self) -> impl Iterator<Item = &ImportRow> {
        self.rows.iter().filter(|r| !r.passes())
    }

    /// Sentences about the columns: those left out and why, those that are not the pool's.
    pub fn column_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        for c in &self.columns {
            if let ColumnUse::Ignored(why) = &c.used {
                notes.push(format!("Column '{}' is ignored: {why}", c.name));
            }
        }
        let unknown: Vec<&str> = self
            .columns
            .iter()
            .filter(|c| c.used == ColumnUse::Unknown)
            .map(|c| c.name.as_str())
            .collect();
        if !unknown.is_empty() {
            notes.push(format!(
                "Not attributes of this pool, so not imported: {}.",
                unknown.join(", ")
            ));
        }
        notes
    }
}

/// What the column named `name` is, matched case-insensitively to the pool's attributes.
fn column_use(name: &str, schema: &[SchemaAttribute]) -> ColumnUse {
    let lower = name.trim().to_lowercase();
    if lower == "username" || lower == COGNITO_USERNAME {
        return ColumnUse::Username;
    }
    if lower == COGNITO_MFA {
        return ColumnUse::Ignored(
            "MFA cannot be set by an invitation or an import; set it for each user afterwards (m on their page)."
                .into(),
        );
    }
    let attribute = schema
        .iter()
        .find(|a| a.name.to_lowercase() == lower)
        .cloned()
        .or_else(|| standard_attribute(&lower));
    match attribute {
        Some(a) => match read_only_reason(&a.name) {
            Some(why) => ColumnUse::Ignored(format!("{} {why}.", a.name)),
            None => ColumnUse::Attribute(a),
        },
        None => ColumnUse::Unknown,
    }
}

/// One record, checked.
fn row(
    columns: &[ImportColumn],
    record: &csv::StringRecord,
    line: usize,
    schema: &[SchemaAttribute],
    delivery: Delivery,
) -> ImportRow {
    let mut username = String::new();
    let mut attributes = Vec::new();
    let mut problems = Vec::new();
    let mut invitation_problems = Vec::new();
    if record.len() != columns.len() {
        problems.push(format!(
            "It has {} cells, the header {}.",
            record.len(),
            columns.len()
        ));
    }
    for (column, cell) in columns.iter().zip(record.iter()) {
        match &column.used {
            ColumnUse::Username => cell.clone_into(&mut username),
            ColumnUse::Attribute(a) if !cell.is_empty() => {
                if let Some(p) = value_problem(a, cell) {
                    problems.push(format!("The {p}."));
                }
                attributes.push(Attribute {
                    name: a.name.clone(),
                    value: cell.to_owned(),
                });
            }
            _ => {}
        }
    }
    if let Some(p) = username_problem(&username) {
        problems.insert(0, p);
    }
    for a in schema.iter().filter(|a| a.required) {
        if !attributes.iter().any(|b| b.name == a.name) {
            invitation_problems.push(format!("The pool requires {}: the row has none.", a.name));
        }
    }
    let has = |name| attributes.iter().any(|a: &Attribute| a.name == name);
    invitation_problems.extend(delivery_problem(
        delivery,
        has("email"),
        has("phone_number"),
    ));
    ImportRow {
        line,
        username,
        attributes,
        problems,
        invitation_problems,
    }
}

/// A username the file has twice fails on every line after its first.
fn mark_duplicates(rows: &mut [ImportRow], case_sensitive: bool) {
    let mut first: HashMap<String, usize> = HashMap::new();
    for row in rows.iter_mut().filter(|r| !r.username.is_empty()) {
        let key = if case_sensitive {
            row.username.clone()
        } else {
            row.username.to_lowercase()
        };
        match first.get(&key) {
            Some(line) => row.problems.push(format!(
                "The username is on line {line} already: each user once."
            )),
            None => {
                first.insert(key, row.line);
            }
        }
    }
}

/// The CSV an import job takes: `header` as GetCSVHeader returned it, a row for each of
/// `rows`. `cognito:mfa_enabled` and the `_verified` flags are `false` unless the row says
/// otherwise, as the job requires a value there.
pub fn job_csv<'a>(
    header: &[String],
    rows: impl IntoIterator<Item = &'a ImportRow>,
) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let broken = |e: csv::Error| format!("The import job's file could not be made: {e}.");
    writer.write_record(header).map_err(broken)?;
    for row in rows {
        let cells = header.iter().map(|column| match column.as_str() {
            COGNITO_USERNAME => row.username.as_str(),
            COGNITO_MFA => "false",
            name => row.value(name).unwrap_or(match name {
                "email_verified" | "phone_number_verified" => "false",
                _ => "",
            }),
        });
        writer.write_record(cells).map_err(broken)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| broken(e.into_error().into()))?;
    String::from_utf8(bytes).map_err(|e| format!("The import job's file is not text: {e}."))
}

/// What is wrong with `arn` as the IAM role an import job writes its CloudWatch logs with.
pub fn role_arn_problem(arn: &str) -> Option<String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let ok = matches!(
        parts.as_slice(),
        ["arn", partition, "iam", "", account, resource]
            if partition.starts_with("aws")
                && account.len() == 12
                && account.chars().all(|c| c.is_ascii_digit())
                && resource.strip_prefix("role/").is_some_and(|name| {
                    !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-/".contains(c))
                })
    );
    (!ok).then(|| {
        if arn.is_empty() {
            "An import job needs the IAM role it writes CloudWatch logs with: type its ARN (arn:aws:iam::123456789012:role/NAME).".to_owned()
        } else {
            format!("'{arn}' is not an IAM role ARN: it looks like arn:aws:iam::123456789012:role/NAME.")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::AttributeKind;

    fn schema() -> Vec<SchemaAttribute> {
        let mut email = SchemaAttribute::text("email");
        email.required = true;
        let mut tier = SchemaAttribute::text("custom:tier");
        tier.max_length = Some(10);
        let mut seats = SchemaAttribute::text("custom:seats");
        seats.kind = AttributeKind::Number;
        seats.max_value = Some(1000);
        let mut verified = SchemaAttribute::text("email_verified");
        verified.kind = AttributeKind::Boolean;
        vec![email, tier, seats, verified, SchemaAttribute::text("name")]
    }

    fn parse(text: &str) -> ImportFile {
        ImportFile::parse(text, &schema(), true, Delivery::Email).expect("parsed")
    }

    #[test]
    fn header_names_match_the_schema_case_insensitively() {
        let file = parse(
            "Username,EMAIL,Custom:Tier,given_name,shoe_size\nann,ann@example.com,gold,Ann,9\n",
        );
        let uses: Vec<&ColumnUse> = file.columns.iter().map(|c| &c.used).collect();
        assert_eq!(uses[0], &ColumnUse::Username);
        assert!(matches!(uses[1], ColumnUse::Attribute(a) if a.name == "email"));
        assert!(matches!(uses[2], ColumnUse::Attribute(a) if a.name == "custom:tier"));
        // A standard attribute the pool's schema does not list is still the pool's.
        assert!(matches!(uses[3], ColumnUse::Attribute(a) if a.name == "given_name"));
        assert_eq!(uses[4], &ColumnUse::Unknown);
        assert_eq!(
            file.column_notes(),
            ["Not attributes of this pool, so not imported: shoe_size."]
        );
        assert_eq!(
            file.rows[0].attributes,
            [
                Attribute {
                    name: "email".into(),
                    value: "ann@example.com".into()
                },
                Attribute {
                    name: "custom:tier".into(),
                    value: "gold".into()
                },
                Attribute {
                    name: "given_name".into(),
                    value: "Ann".into()
                },
            ]
        );
    }

    #[test]
    fn get_csv_headers_header_is_taken_as_it_is() {
        let header = "name,given_name,family_name,middle_name,nickname,preferred_username,profile,picture,website,email,email_verified,gender,birthdate,zoneinfo,locale,phone_number,phone_number_verified,address,updated_at,cognito:mfa_enabled,cognito:username";
        let file = parse(&format!(
            "{header}\nAnn,,,,,,,,,ann@example.com,true,,,,,,,,,false,ann\n"
        ));
        assert!(file.columns.iter().all(|c| c.used != ColumnUse::Unknown));
        let row = &file.rows[0];
        assert!(row.passes(), "{:?}", row.problems);
        assert_eq!(row.username, "ann");
        assert_eq!(row.value("email_verified"), Some("true"));
        assert_eq!(file.column_notes().len(), 1);
        assert!(file.column_notes()[0].starts_with("Column 'cognito:mfa_enabled' is ignored"));
    }

    #[test]
    fn every_row_is_checked_and_says_why_it_fails() {
        let file = parse(concat!(
            "username,email,custom:tier,custom:seats,email_verified\n",
            "ann,ann@example.com,gold,5,true\n",
            "bob smith,bob@example.com,,,\n",
            "cat,not-an-email,,,\n",
            "dan,,,,\n",
            "eve,eve@example.com,platinum-plus,many,yes\n",
            "ann,ann2@example.com,,,\n",
            "fay,fay@example.com\n",
        ));
        let problems: Vec<(usize, Vec<String>)> = file
            .rows
            .iter()
            .map(|r| (r.line, r.all_problems()))
            .collect();
        assert_eq!(problems[0], (2, vec![]));
        assert_eq!(
            problems[1].1,
            [
                "A username cannot contain spaces or other whitespace: this one has a space at position 4."
            ]
        );
        assert_eq!(
            problems[2].1,
            ["The email 'not-an-email' is not an address like name@example.com."]
        );
        assert_eq!(
            problems[3].1,
            [
                "The pool requires email: the row has none.",
                "Delivery by email needs the email address: type it, or change the delivery."
            ]
        );
        assert_eq!(
            problems[4].1,
            [
                "The custom:tier takes at most 10 characters (this has 13).",
                "The custom:seats must be a whole number.",
                "The email_verified must be true or false."
            ]
        );
        assert_eq!(
            problems[5].1,
            ["The username is on line 2 already: each user once."]
        );
        assert_eq!(
            problems[6],
            (8, vec!["It has 2 cells, the header 5.".to_owned()])
        );
        assert_eq!(file.passing().count(), 1);
        assert_eq!(file.failing().count(), 6);
    }

    #[test]
    fn usernames_differing_in_case_are_one_user_in_a_pool_that_ignores_case() {
        let text = "username,email\nAnn,a@example.com\nann,b@example.com\n";
        let sensitive = ImportFile::parse(text, &schema(), true, Delivery::Email).expect("ok");
        assert_eq!(sensitive.passing().count(), 2);
        let ignoring = ImportFile::parse(text, &schema(), false, Delivery::Email).expect("ok");
        assert_eq!(ignoring.passing().count(), 1);
    }

    #[test]
    fn a_file_without_usernames_or_rows_is_a_sentence() {
        let no_user = ImportFile::parse("email\na@example.com\n", &schema(), true, Delivery::Email);
        assert!(
            no_user
                .unwrap_err()
                .starts_with("The header row has no username column")
        );
        let empty = ImportFile::parse("username,email\n", &schema(), true, Delivery::Email);
        assert_eq!(
            empty.unwrap_err(),
            "The file has a header row but no users."
        );
    }

    #[test]
    fn the_job_file_follows_get_csv_headers_order() {
        let file = parse("email,username,name\nann@example.com,ann,\"Ann, Smith\"\n");
        let header: Vec<String> = [
            "name",
            "email",
            "email_verified",
            "phone_number_verified",
            "cognito:mfa_enabled",
            "cognito:username",
        ]
        .map(String::from)
        .to_vec();
        let csv = job_csv(&header, file.passing()).expect("csv");
        assert_eq!(
            csv,
            "name,email,email_verified,phone_number_verified,cognito:mfa_enabled,cognito:username\n\"Ann, Smith\",ann@example.com,false,false,false,ann\n"
        );
    }

    #[test]
    fn role_arns() {
        assert_eq!(
            role_arn_problem("arn:aws:iam::123456789012:role/CognitoImport"),
            None
        );
        assert_eq!(
            role_arn_problem("arn:aws-cn:iam::123456789012:role/service-role/Import_1"),
            None
        );
        for bad in [
            "CognitoImport",
            "arn:aws:iam::12345:role/x",
            "arn:aws:iam::123456789012:user/x",
            "arn:aws:s3:::bucket",
            "arn:aws:iam::123456789012:role/",
        ] {
            assert!(role_arn_problem(bad).is_some(), "{bad}");
        }
        assert!(role_arn_problem("").is_some_and(|p| p.starts_with("An import job needs")));
    }
}
