//! The pool's password policy, checked as the password is typed so that the rule that fails is
//! named before anything is sent.

/// The rules of a pool's password policy, as Cognito states them.
#[allow(clippy::struct_excessive_bools)] // one flag per rule of the AWS policy
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub min_length: usize,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
}

impl Default for PasswordPolicy {
    /// Cognito's default policy.
    fn default() -> Self {
        Self {
            min_length: 8,
            require_uppercase: true,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: true,
        }
    }
}

/// Cognito's special characters.
const SYMBOLS: &str = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

impl PasswordPolicy {
    /// The first rule `password` breaks, as a sentence; `None` when it meets the policy.
    pub fn first_problem(&self, password: &str) -> Option<String> {
        let has = |f: fn(char) -> bool| password.chars().any(f);
        if password.chars().count() < self.min_length {
            return Some(format!("needs at least {} characters", self.min_length));
        }
        if self.require_uppercase && !has(char::is_uppercase) {
            return Some("needs an upper-case letter".into());
        }
        if self.require_lowercase && !has(char::is_lowercase) {
            return Some("needs a lower-case letter".into());
        }
        if self.require_numbers && !has(|c| c.is_ascii_digit()) {
            return Some("needs a number".into());
        }
        if self.require_symbols && !has(|c| SYMBOLS.contains(c)) {
            return Some("needs a symbol such as ! @ # $ %".into());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_failing_rule() {
        let p = PasswordPolicy {
            min_length: 10,
            ..PasswordPolicy::default()
        };
        assert_eq!(
            p.first_problem("Short1!").as_deref(),
            Some("needs at least 10 characters")
        );
        assert_eq!(
            p.first_problem("lowercase1!x").as_deref(),
            Some("needs an upper-case letter")
        );
        assert_eq!(
            p.first_problem("UPPERCASE1!X").as_deref(),
            Some("needs a lower-case letter")
        );
        assert_eq!(
            p.first_problem("NoNumbers!!x").as_deref(),
            Some("needs a number")
        );
        assert_eq!(
            p.first_problem("NoSymbols123").as_deref(),
            Some("needs a symbol such as ! @ # $ %")
        );
        assert_eq!(p.first_problem("Good-Passw0rd"), None);
    }

    #[test]
    fn relaxed_policy() {
        let p = PasswordPolicy {
            min_length: 6,
            require_uppercase: false,
            require_lowercase: false,
            require_numbers: false,
            require_symbols: false,
        };
        assert_eq!(p.first_problem("abcdef"), None);
    }
}
