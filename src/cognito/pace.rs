//! Pacing for bulk work: requests spaced to a rate per second, and backoff when Cognito
//! answers TooManyRequests.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

use super::error::CognitoError;

/// Tries after the first when Cognito throttles; the waits double from `FIRST_BACKOFF`.
pub const MAX_RETRIES: u32 = 4;
/// The first wait after TooManyRequests.
pub const FIRST_BACKOFF: Duration = Duration::from_millis(500);

/// Hands out send times at most `rate` a second, shared by every bulk request.
#[derive(Debug)]
pub struct Pacer {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl Pacer {
    pub fn new(rate_per_second: u32) -> Self {
        Self {
            interval: Duration::from_secs(1) / rate_per_second.max(1),
            next: Mutex::new(None),
        }
    }

    /// Waits for this request's turn.
    pub async fn wait(&self) {
        let slot = {
            let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
            let now = Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + self.interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// Runs `call`, waiting and trying again while Cognito answers TooManyRequests.
pub async fn with_backoff<F, Fut>(mut call: F) -> Result<(), CognitoError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(), CognitoError>>,
{
    let mut wait = FIRST_BACKOFF;
    for _ in 0..MAX_RETRIES {
        match call().await {
            Err(CognitoError::TooManyRequests) => {
                tracing::info!(wait_ms = wait.as_millis(), "throttled; backing off");
                tokio::time::sleep(wait).await;
                wait *= 2;
            }
            other => return other,
        }
    }
    call().await
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn pacing_spaces_requests() {
        let pacer = Pacer::new(10);
        let start = Instant::now();
        for _ in 0..5 {
            pacer.wait().await;
        }
        assert_eq!(start.elapsed(), Duration::from_millis(400));
    }

    #[tokio::test(start_paused = true)]
    async fn backoff_doubles_then_gives_up() {
        let tries = AtomicU32::new(0);
        let start = Instant::now();
        let result = with_backoff(|| async {
            tries.fetch_add(1, Ordering::SeqCst);
            Err(CognitoError::TooManyRequests)
        })
        .await;
        assert_eq!(result, Err(CognitoError::TooManyRequests));
        assert_eq!(tries.load(Ordering::SeqCst), MAX_RETRIES + 1);
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(500 + 1000 + 2000 + 4000)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn other_errors_are_not_retried() {
        let tries = AtomicU32::new(0);
        let result = with_backoff(|| async {
            tries.fetch_add(1, Ordering::SeqCst);
            Err(CognitoError::UserNotFound)
        })
        .await;
        assert_eq!(result, Err(CognitoError::UserNotFound));
        assert_eq!(tries.load(Ordering::SeqCst), 1);
    }
}
