//! Shell words for the AWS CLI commands shown beside changes.

use super::model::Attribute;

/// Quotes a shell word when it needs it.
pub fn quote(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@+:/=".contains(c))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// `Name=email,Value=ann@example.com ...` for the CLI.
pub fn attribute_pairs(attributes: &[Attribute]) -> String {
    attributes
        .iter()
        .map(|a| format!("Name={},Value={}", a.name, quote(&a.value)))
        .collect::<Vec<_>>()
        .join(" ")
}
