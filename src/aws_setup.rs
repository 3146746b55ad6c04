//! The AWS side of a session: the SDK configuration from the standard chain, where requests go,
//! and who the caller is for the audit log.

use std::sync::Arc;

use aws_config::environment::EnvironmentVariableRegionProvider;
use aws_config::imds::region::ImdsRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, SdkConfig};
use aws_sdk_cognitoidentityprovider::config::Region;

use crate::audit::AuditLog;
use crate::config::Settings;

/// Builds the SDK configuration from the standard AWS chain (environment, profiles, SSO), with the
/// region, profile and endpoint the settings name. The region comes from the settings,
/// `AWS_REGION` or the profile, and only when none of them has one from the instance metadata
/// service (as on EC2, where it answers at once; elsewhere that is the error path anyway), so a
/// normal start never waits on the network here; credentials are resolved by the first call. Fails before the terminal is touched when no
/// region can be found. Reads are retried in the SDK's standard mode; the pace of every call is
/// held per quota category under the SDK (`cognito::quota`).
pub async fn sdk_config(settings: &Settings) -> Result<SdkConfig, String> {
    let region = if let Some(region) = &settings.region {
        Some(Region::new(region.clone()))
    } else {
        let mut profile = ProfileFileRegionProvider::builder();
        if let Some(name) = &settings.profile {
            profile = profile.profile_name(name);
        }
        RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new())
            .or_else(profile.build())
            .or_else(ImdsRegionProvider::builder().build())
            .region()
            .await
    };
    let Some(region) = region else {
        return Err(
            "no AWS region: pass --region, set region in the pool's config, or set AWS_REGION"
                .into(),
        );
    };
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(region)
        // Standard retries: the rate is adapted per quota category under the SDK
        // (`cognito::quota`), where a throttled ListUsers slows the user list and no other call.
        .retry_config(RetryConfig::standard())
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(settings.request_timeout)
                .connect_timeout(std::time::Duration::from_secs(5))
                .build(),
        );
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &settings.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    Ok(loader.load().await)
}

/// Where requests go, for the header.
pub fn target_label(settings: &Settings) -> String {
    match (&settings.endpoint_url, &settings.region) {
        (Some(url), _) => url.clone(),
        (None, Some(region)) => format!("AWS {region}"),
        (None, None) => "AWS".to_owned(),
    }
}

/// Who is making changes until STS says: the AWS profile's name.
pub(crate) fn profile_identity(settings: &Settings) -> String {
    format!(
        "profile {}",
        settings
            .profile
            .clone()
            .or_else(|| std::env::var("AWS_PROFILE").ok())
            .unwrap_or_else(|| "default".into())
    )
}

/// Asks STS (GetCallerIdentity, with the same credentials, region and endpoint as Cognito) who
/// the caller is, in the background, and records changes as that ARN once it answers. Without
/// an answer the profile name stays.
pub(crate) fn spawn_caller_identity(audit: Arc<AuditLog>, config: &SdkConfig) {
    let sts = aws_sdk_sts::Client::new(config);
    tokio::spawn(async move {
        let call = sts.get_caller_identity().send();
        match tokio::time::timeout(std::time::Duration::from_secs(30), call).await {
            Ok(Ok(out)) => {
                if let Some(arn) = out.arn() {
                    audit.set_identity(arn.to_owned());
                }
            }
            Ok(Err(e)) => {
                tracing::info!(error = %e, "STS GetCallerIdentity failed: the audit log names the profile");
            }
            Err(_) => {
                tracing::info!(
                    "STS GetCallerIdentity did not answer: the audit log names the profile"
                );
            }
        }
    });
}
