//! TOTP secrets as Cognito hands them out: normalised for the otpauth URI and decoded leniently
//! (lower case, short secrets and stray trailing bits are accepted, as authenticator apps and
//! the emulator accept them), plus the current code for the demo authenticator and tests.

use data_encoding::{BASE32_NOPAD, Encoding};
use totp_rs::{Algorithm, Builder};

use crate::cognito::sensitive::Sensitive;

/// Seconds per TOTP code.
pub const STEP: u64 = 30;

/// A TOTP secret in canonical form: upper-case base32, no spaces, no padding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpSecret(Sensitive);

impl TotpSecret {
    /// Normalises `raw` (case, spaces, `=` padding); `None` if it is not base32.
    pub fn parse(raw: &str) -> Option<Self> {
        let canonical: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '=')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let valid = !canonical.is_empty() && lenient().decode(canonical.as_bytes()).is_ok();
        valid.then(|| Self(Sensitive::new(canonical)))
    }

    /// The canonical base32 text, for the otpauth URI.
    pub fn base32(&self) -> &str {
        self.0.expose()
    }

    /// The secret in groups of four characters, for typing into an authenticator.
    pub fn grouped(&self) -> String {
        self.base32()
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The 6-digit code for Unix time `now` (SHA1, 30 s).
    pub fn code_at(&self, now: u64) -> String {
        let key = lenient()
            .decode(self.base32().as_bytes())
            .unwrap_or_default();
        Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(6)
            .with_step_duration(STEP)
            .with_secret(key)
            // Cognito's secrets are 160 bits, the emulator's 56: both must work.
            .build_noncompliant()
            .generate(now)
            .to_string()
    }
}

/// Seconds until the code valid at `now` changes.
pub fn seconds_left(now: u64) -> u64 {
    STEP - now % STEP
}

/// Base32 that ignores non-zero trailing bits, like Python's `b32decode` and authenticator apps.
fn lenient() -> Encoding {
    let mut spec = BASE32_NOPAD.specification();
    spec.check_trailing_bits = false;
    spec.encoding().unwrap_or_else(|_| BASE32_NOPAD.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_spaces_and_padding() {
        let s = TotpSecret::parse("asdf asdf asdf==").expect("base32");
        assert_eq!(s.base32(), "ASDFASDFASDF");
        assert_eq!(s.grouped(), "ASDF ASDF ASDF");
        assert!(TotpSecret::parse("not base32!").is_none());
        assert!(TotpSecret::parse("").is_none());
    }

    #[test]
    fn rfc_6238_vector() {
        // RFC 6238 appendix B, SHA1: key "12345678901234567890", T = 59 -> 94287082 (8 digits);
        // the 6-digit code is its last six digits.
        let secret =
            TotpSecret::parse(&BASE32_NOPAD.encode(b"12345678901234567890")).expect("base32");
        assert_eq!(secret.code_at(59), "287082");
        assert_eq!(secret.code_at(1_111_111_109), "081804");
    }

    #[test]
    fn short_emulator_secret_gives_a_code() {
        let secret = TotpSecret::parse("asdfasdfasdf").expect("base32");
        let code = secret.code_at(1_700_000_000);
        assert_eq!(code.len(), 6);
        assert!(code.chars().all(|c| c.is_ascii_digit()));
    }

    #[test]
    fn countdown() {
        assert_eq!(seconds_left(60), 30);
        assert_eq!(seconds_left(89), 1);
    }
}
