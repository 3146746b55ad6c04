//! Backoff when Cognito answers TooManyRequests to a call cognitui sends again itself (a bulk
//! step: the SDK never retries changes), and reads sent again when their answer was lost.

use std::time::Duration;

use super::error::CognitoError;

/// Tries after the first when Cognito throttles; the waits double from `FIRST_BACKOFF`.
pub const MAX_RETRIES: u32 = 4;
/// The first wait after TooManyRequests.
pub const FIRST_BACKOFF: Duration = Duration::from_millis(500);

/// Runs `call`, waiting and trying again while Cognito answers TooManyRequests.
pub async fn with_backoff<T, F, Fut>(call: F) -> Result<T, CognitoError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, CognitoError>>,
{
    again_while(call, |e| matches!(e, CognitoError::TooManyRequests)).await
}

/// Runs the read `call`, trying again (after the same waits) while Cognito throttles it or its
/// answer is lost (a 5xx, a timeout, an answer cut short): a read changes nothing, so sending
/// it again is safe. Only for reads: a change whose answer is lost is settled by reading.
pub async fn read_again<T, F, Fut>(call: F) -> Result<T, CognitoError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, CognitoError>>,
{
    again_while(call, |e| {
        matches!(e, CognitoError::TooManyRequests) || e.answer_may_be_lost()
    })
    .await
}

/// Runs `call`, waiting (doubling from `FIRST_BACKOFF`) and trying again while it fails with
/// an error `again` takes, at most `MAX_RETRIES` times.
async fn again_while<T, F, Fut>(
    mut call: F,
    again: impl Fn(&CognitoError) -> bool,
) -> Result<T, CognitoError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, CognitoError>>,
{
    let mut wait = FIRST_BACKOFF;
    for _ in 0..MAX_RETRIES {
        match call().await {
            Err(e) if again(&e) => {
                tracing::info!(wait_ms = wait.as_millis(), error = ?e, "backing off, then again");
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

    use tokio::time::Instant;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn backoff_doubles_then_gives_up() {
        let tries = AtomicU32::new(0);
        let start = Instant::now();
        let result: Result<(), _> = with_backoff(|| async {
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
        let result: Result<(), _> = with_backoff(|| async {
            tries.fetch_add(1, Ordering::SeqCst);
            Err(CognitoError::UserNotFound)
        })
        .await;
        assert_eq!(result, Err(CognitoError::UserNotFound));
        assert_eq!(tries.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn a_read_whose_answer_was_lost_is_read_again_but_a_refusal_is_not() {
        let tries = AtomicU32::new(0);
        let result = read_again(|| async {
            match tries.fetch_add(1, Ordering::SeqCst) {
                0 => Err(CognitoError::ServerError(500)),
                1 => Err(CognitoError::TooManyRequests),
                n => Ok(n),
            }
        })
        .await;
        assert_eq!(result, Ok(2));
        let refused: Result<(), _> = read_again(|| async { Err(CognitoError::UserNotFound) }).await;
        assert_eq!(refused, Err(CognitoError::UserNotFound));
    }
}
