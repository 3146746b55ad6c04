//! The pool's password policy, checked as the password is typed so that the rule that fails is
//! named before anything is sent.

/// The rules of a pool's password policy, as Cognito states them.
#[allow(clippy::struct_excessive_bools)] // one flag per rule of the AWS policy
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// Characters of generated passwords: no look-alikes (0/O, 1/l/I), symbols that survive
/// being read out on the phone.
const GEN_UPPER: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const GEN_LOWER: &str = "abcdefghijkmnopqrstuvwxyz";
const GEN_DIGITS: &str = "23456789";
const GEN_SYMBOLS: &str = "!@#%+=-";

/// Generated passwords are at least this long.
const GEN_MIN_LENGTH: usize = 12;

impl PasswordPolicy {
    /// A random password that meets the policy (for invitations' temporary passwords), from
    /// the operating system's random source.
    ///
    /// # Errors
    /// When the operating system gives no random bytes.
    pub fn generate(&self) -> Result<String, getrandom::Error> {
        let length = self.min_length.max(GEN_MIN_LENGTH);
        let all = format!("{GEN_UPPER}{GEN_LOWER}{GEN_DIGITS}{GEN_SYMBOLS}");
        let mut bytes = vec![0u8; length * 2];
        getrandom::fill(&mut bytes)?;
        let pick = |set: &str, b: u8| {
            let chars: Vec<char> = set.chars().collect();
            chars[usize::from(b) % chars.len()]
        };
        // One of each class first, then any; then shuffle with the second half of the bytes.
        let mut chars: Vec<char> = [GEN_UPPER, GEN_LOWER, GEN_DIGITS, GEN_SYMBOLS]
            .iter()
            .zip(&bytes)
            .map(|(set, b)| pick(set, *b))
            .collect();
        chars.extend(bytes[4..length].iter().map(|b| pick(&all, *b)));
        for (i, b) in (1..chars.len()).rev().zip(&bytes[length..]) {
            chars.swap(i, usize::from(*b) % (i + 1));
        }
        Ok(chars.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_meet_the_policy() {
        let strict = PasswordPolicy {
            min_length: 20,
            ..PasswordPolicy::default()
        };
        for policy in [PasswordPolicy::default(), strict] {
            for _ in 0..200 {
                let p = policy.generate().expect("random bytes");
                assert_eq!(policy.first_problem(&p), None, "{p}");
            }
        }
        let a = PasswordPolicy::default().generate().expect("random bytes");
        let b = PasswordPolicy::default().generate().expect("random bytes");
        assert_ne!(a, b);
    }

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
