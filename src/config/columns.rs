//! The user table's columns: which ones, in what order (the `columns` setting), and how each is
//! named in the configuration.

use std::fmt;

/// One column of the user table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Column {
    Username,
    /// The email, with a mark saying whether it is verified.
    Email,
    /// The status, abbreviated when the table is narrow.
    Status,
    Enabled,
    Created,
    Modified,
    /// Any other attribute of the user: a standard one (`phone_number`) or a custom one
    /// (`custom:tier`).
    Attribute(String),
}

/// The longest custom attribute name Cognito takes (without `custom:`).
const MAX_CUSTOM_NAME: usize = 20;

impl Column {
    /// The columns shown unless the configuration says otherwise.
    pub fn defaults() -> Vec<Self> {
        vec![
            Self::Username,
            Self::Email,
            Self::Status,
            Self::Enabled,
            Self::Created,
            Self::Modified,
        ]
    }

    /// The column a configuration entry names: `username`, `email`, `status`, `enabled`,
    /// `created`, `modified`, a standard attribute or `custom:NAME`.
    pub fn parse(name: &str) -> Result<Self, String> {
        Ok(match name {
            "username" => Self::Username,
            "email" => Self::Email,
            "status" => Self::Status,
            "enabled" => Self::Enabled,
            "created" => Self::Created,
            "modified" => Self::Modified,
            _ => {
                if let Some(custom) = name.strip_prefix("custom:") {
                    let fine = !custom.is_empty()
                        && custom.chars().count() <= MAX_CUSTOM_NAME
                        && !custom.chars().any(|c| c.is_whitespace() || c.is_control());
                    if !fine {
                        return Err(format!(
                            "'{name}' is not a custom attribute (custom:NAME, NAME 1-{MAX_CUSTOM_NAME} characters without spaces)"
                        ));
                    }
                } else if crate::cognito::model::standard_attribute(name).is_none() {
                    return Err(format!(
                        "unknown column '{name}' (expected username, email, status, enabled, created, modified, a standard attribute such as phone_number, or custom:NAME)"
                    ));
                }
                Self::Attribute(name.to_owned())
            }
        })
    }

    /// The columns a configured list names, in its order; the problem names the bad entry.
    pub fn parse_list(names: &[String]) -> Result<Vec<Self>, String> {
        if names.is_empty() {
            return Err(
                "names no column: list at least one, e.g. [\"username\", \"email\"]".into(),
            );
        }
        let mut columns: Vec<Self> = Vec::with_capacity(names.len());
        for name in names {
            let column = Self::parse(name)?;
            if columns.contains(&column) {
                return Err(format!("'{name}' is listed twice"));
            }
            columns.push(column);
        }
        Ok(columns)
    }

    /// The name the configuration uses for it.
    pub fn name(&self) -> &str {
        match self {
            Self::Username => "username",
            Self::Email => "email",
            Self::Status => "status",
            Self::Enabled => "enabled",
            Self::Created => "created",
            Self::Modified => "modified",
            Self::Attribute(name) => name,
        }
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_bad_ones_are_named() {
        for column in Column::defaults() {
            assert_eq!(Column::parse(column.name()), Ok(column));
        }
        assert_eq!(
            Column::parse("custom:tier"),
            Ok(Column::Attribute("custom:tier".into()))
        );
        assert_eq!(
            Column::parse("phone_number"),
            Ok(Column::Attribute("phone_number".into()))
        );
        assert!(Column::parse("emial").unwrap_err().contains("'emial'"));
        assert!(Column::parse("custom:").unwrap_err().contains("'custom:'"));
        assert!(Column::parse("custom:a b").is_err());
        assert!(Column::parse(&format!("custom:{}", "x".repeat(21))).is_err());
        let twice = Column::parse_list(&["email".into(), "email".into()]);
        assert_eq!(twice, Err("'email' is listed twice".into()));
        assert!(Column::parse_list(&[]).is_err());
    }
}
