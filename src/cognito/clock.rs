//! Remembers how far this computer's clock is from Cognito's, read from each response's `Date`
//! header, for the TOTP clock-skew hint.

use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_cognitoidentityprovider::config::interceptors::BeforeDeserializationInterceptorContextRef;
use aws_sdk_cognitoidentityprovider::config::{ConfigBag, Intercept, RuntimeComponents};
use chrono::{DateTime, Utc};

/// The latest known skew, shared by every request of a client.
#[derive(Debug, Clone, Default)]
pub struct ServerClock {
    skew_secs: Arc<Mutex<Option<i64>>>,
}

impl ServerClock {
    /// Seconds the server's clock is ahead of this computer's (negative: behind), from the
    /// latest response that had a `Date` header.
    pub fn skew_secs(&self) -> Option<i64> {
        *self
            .skew_secs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn record(&self, date: &str) {
        if let Ok(server) = DateTime::parse_from_rfc2822(date) {
            let skew = server.with_timezone(&Utc).timestamp() - Utc::now().timestamp();
            *self
                .skew_secs
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(skew);
        }
    }
}

impl Intercept for ServerClock {
    fn name(&self) -> &'static str {
        "ServerClock"
    }

    fn read_before_deserialization(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        if let Some(date) = context.response().headers().get("date") {
            self.record(date);
        }
        Ok(())
    }
}

/// A hint when the clocks differ by more than a few seconds; TOTP codes change every 30 s.
pub fn skew_hint(skew_secs: Option<i64>) -> Option<String> {
    let skew = skew_secs?;
    (skew.abs() >= 10).then(|| {
        let (side, secs) = if skew > 0 {
            ("behind", skew)
        } else {
            ("ahead of", -skew)
        };
        format!(
            "This computer's clock is {secs} s {side} Cognito's: codes computed here may be refused; \
             check the phone's clock too."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_the_date_header() {
        let clock = ServerClock::default();
        clock.record(&Utc::now().to_rfc2822());
        assert!(clock.skew_secs().is_some_and(|s| s.abs() <= 1));
        clock.record("not a date");
        assert!(clock.skew_secs().is_some());
    }

    #[test]
    fn hint_only_for_real_skew() {
        assert_eq!(skew_hint(None), None);
        assert_eq!(skew_hint(Some(3)), None);
        assert!(skew_hint(Some(45)).is_some_and(|h| h.contains("45 s behind")));
        assert!(skew_hint(Some(-60)).is_some_and(|h| h.contains("60 s ahead of")));
    }
}
