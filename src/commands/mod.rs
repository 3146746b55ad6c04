//! The commands that run without a terminal: they take the same options as the UI, share its
//! code (the sharded load, the findings), print their progress to stderr and never prompt.

pub mod backup;
pub mod compare;
pub mod doctor;
pub mod restore;

use crate::aws_setup::sdk_config;
use crate::cognito::Cognito;
use crate::config::Settings;

/// The Cognito client of `settings`: the standard AWS chain, its endpoint, its read rate, and
/// its change rate (`bulk_rate_per_second`: a restore's creates, disables and memberships go
/// at it, each category never above its quota).
///
/// # Errors
/// The AWS configuration cannot be loaded, as a sentence.
pub async fn connect(settings: &Settings) -> Result<Cognito, String> {
    let config = sdk_config(settings).await?;
    Ok(
        Cognito::new(&aws_sdk_cognitoidentityprovider::Client::new(&config))
            .with_read_rate(settings.read_rate)
            .with_bulk_rate(settings.bulk_rate),
    )
}
