//! Checks of typed attribute values, made before anything is sent: email and phone formats,
//! and the type and limits the pool's schema sets. Each problem is a sentence fragment that
//! names the attribute.

use crate::cognito::model::{AttributeKind, SchemaAttribute};

/// Cognito's limit for string attributes without their own.
const MAX_STRING: usize = 2048;

/// Attributes that the app never lets an agent type: identifiers and Cognito's own.
pub fn read_only_reason(name: &str) -> Option<&'static str> {
    if name == "sub" || name.starts_with("cognito:") || name.starts_with("dev:") {
        Some("is Cognito's own and cannot be changed")
    } else {
        None
    }
}

/// The longest username Cognito takes.
pub const MAX_USERNAME: usize = 128;

/// What is wrong with `username` for Cognito, as a sentence, or `None`. Cognito takes letters,
/// marks, symbols, numbers and punctuation only: no whitespace of any kind (spaces, tabs, line
/// breaks, no-break and other Unicode spaces) and no invisible control or format characters;
/// 128 characters at most.
pub fn username_problem(username: &str) -> Option<String> {
    if username.is_empty() {
        return Some("Type the username.".into());
    }
    if let Some((i, c)) = username
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_whitespace() || c.is_control() || is_format(*c))
    {
        let what = match c {
            ' ' => "a space".to_owned(),
            '\t' => "a tab".to_owned(),
            '\n' | '\r' => "a line break".to_owned(),
            '\u{a0}' => "a no-break space (U+00A0)".to_owned(),
            c if c.is_whitespace() => format!("a whitespace character (U+{:04X})", u32::from(c)),
            c => format!("an invisible character (U+{:04X})", u32::from(c)),
        };
        return Some(format!(
            "A username cannot contain spaces or other whitespace: this one has {what} at position {}.",
            i + 1
        ));
    }
    let len = username.chars().count();
    (len > MAX_USERNAME).then(|| {
        format!("A username takes at most {MAX_USERNAME} characters (this one has {len}).")
    })
}

/// Invisible format characters (zero-width spaces and joiners, the byte order mark) that
/// Cognito's username pattern does not take.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}')
}

/// Whether `email` looks like an address Cognito accepts.
pub fn email_problem(email: &str) -> Option<String> {
    let ok = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !email.chars().any(char::is_whitespace);
    (!ok).then(|| format!("email '{email}' is not an address like name@example.com"))
}

/// Whether `phone` is in E.164 form: `+`, country code, number, 15 digits at most.
pub fn phone_problem(phone: &str) -> Option<String> {
    let digits = phone.strip_prefix('+').unwrap_or("");
    let ok = (2..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0');
    (!ok).then(|| {
        format!("phone number '{phone}' must be in E.164 form: + then country code and number, e.g. +447700900123")
    })
}

/// The first problem with `value` for `attr`, or `None` when it may be sent.
pub fn value_problem(attr: &SchemaAttribute, value: &str) -> Option<String> {
    let name = &attr.name;
    match name.as_str() {
        "email" => return email_problem(value),
        "phone_number" => return phone_problem(value),
        _ => {}
    }
    match attr.kind {
        AttributeKind::Boolean => {
            (value != "true" && value != "false").then(|| format!("{name} must be true or false"))
        }
        AttributeKind::Number => match value.parse::<i64>() {
            Err(_) => Some(format!("{name} must be a whole number")),
            Ok(n) if attr.min_value.is_some_and(|min| n < min) => Some(format!(
                "{name} must be at least {}",
                attr.min_value.unwrap_or_default()
            )),
            Ok(n) if attr.max_value.is_some_and(|max| n > max) => Some(format!(
                "{name} must be at most {}",
                attr.max_value.unwrap_or_default()
            )),
            Ok(_) => None,
        },
        AttributeKind::String | AttributeKind::DateTime => {
            let len = value.chars().count();
            let max = attr.max_length.unwrap_or(MAX_STRING);
            match attr.min_length {
                Some(min) if len < min => Some(format!("{name} needs at least {min} characters")),
                _ if len > max => Some(format!(
                    "{name} takes at most {max} characters (this has {len})"
                )),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::standard_attribute;

    #[test]
    fn emails() {
        assert_eq!(email_problem("ann@example.com"), None);
        for bad in [
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "a n@x.com",
            "a@.com",
        ] {
            assert!(email_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn usernames_have_no_whitespace_of_any_kind() {
        for good in ["ann", "ann.smith+1@example.com", "Zoë-Ōkafor_2", "用户"] {
            assert_eq!(username_problem(good), None, "{good}");
        }
        assert_eq!(
            username_problem("ann smith").as_deref(),
            Some(
                "A username cannot contain spaces or other whitespace: this one has a space at position 4."
            )
        );
        for bad in [
            "ann\tsmith",
            "ann\nsmith",
            "ann\u{a0}smith",
            "ann\u{2003}smith",
            "ann\u{3000}smith",
            "ann\u{200b}smith",
            "ann\u{feff}",
        ] {
            let problem = username_problem(bad).unwrap_or_default();
            assert!(
                problem.starts_with("A username cannot contain spaces"),
                "{bad:?}: {problem}"
            );
        }
        assert!(username_problem(&"a".repeat(128)).is_none());
        assert_eq!(
            username_problem(&"a".repeat(129)).as_deref(),
            Some("A username takes at most 128 characters (this one has 129).")
        );
        assert_eq!(username_problem("").as_deref(), Some("Type the username."));
    }

    #[test]
    fn phones_are_e164() {
        assert_eq!(phone_problem("+447700900123"), None);
        for bad in [
            "07700900123",
            "+0123",
            "+44 7700",
            "+1",
            "+1234567890123456",
        ] {
            assert!(phone_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn schema_types_and_limits() {
        let mut tier = SchemaAttribute::text("custom:tier");
        tier.max_length = Some(5);
        tier.min_length = Some(2);
        assert_eq!(value_problem(&tier, "gold"), None);
        assert_eq!(
            value_problem(&tier, "platinum").as_deref(),
            Some("custom:tier takes at most 5 characters (this has 8)")
        );
        assert_eq!(
            value_problem(&tier, "x").as_deref(),
            Some("custom:tier needs at least 2 characters")
        );
        let mut seats = SchemaAttribute::text("custom:seats");
        seats.kind = AttributeKind::Number;
        seats.max_value = Some(100);
        assert_eq!(value_problem(&seats, "12"), None);
        assert_eq!(
            value_problem(&seats, "many").as_deref(),
            Some("custom:seats must be a whole number")
        );
        assert_eq!(
            value_problem(&seats, "101").as_deref(),
            Some("custom:seats must be at most 100")
        );
        let verified = standard_attribute("email_verified").expect("standard");
        assert_eq!(
            value_problem(&verified, "yes").as_deref(),
            Some("email_verified must be true or false")
        );
        assert!(!standard_attribute("sub").expect("standard").mutable);
        assert!(standard_attribute("custom:tier").is_none());
    }
}
