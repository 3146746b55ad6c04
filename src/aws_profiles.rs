//! The AWS profiles the pool picker offers: the sections of the AWS config and credentials
//! files (`~/.aws/config`, `~/.aws/credentials`, or where `AWS_CONFIG_FILE` and
//! `AWS_SHARED_CREDENTIALS_FILE` say), read with the AWS SDK's own parser, each with the region
//! its config names.

use aws_runtime::env_config::file::EnvConfigFiles;
use aws_types::os_shim_internal::{Env, Fs};

/// One profile of the AWS configuration files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsProfile {
    pub name: String,
    /// The `region` its config section names.
    pub region: Option<String>,
}

/// The profiles of this computer's AWS configuration files, `default` first, then by name.
/// Files that are missing give none; an unreadable one is a sentence.
pub async fn profiles() -> Result<Vec<AwsProfile>, String> {
    profiles_in(&Fs::real(), &Env::real()).await
}

async fn profiles_in(fs: &Fs, env: &Env) -> Result<Vec<AwsProfile>, String> {
    let set = aws_config::profile::load(fs, env, &EnvConfigFiles::default(), None)
        .await
        .map_err(|e| format!("The AWS configuration files cannot be read: {e}"))?;
    let mut profiles: Vec<AwsProfile> = set
        .profiles()
        .map(|name| AwsProfile {
            name: name.to_owned(),
            region: set
                .get_profile(name)
                .and_then(|p| p.get("region"))
                .map(ToOwned::to_owned),
        })
        .collect();
    profiles.sort_by(|a, b| (a.name != "default", &a.name).cmp(&(b.name != "default", &b.name)));
    Ok(profiles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn profiles_of_both_files_default_first_with_their_regions() {
        let fs = Fs::from_slice(&[
            (
                "/home/a/.aws/config",
                "[profile prod]\nregion = eu-west-1\n[default]\nregion = us-east-1\n[sso-session corp]\nsso_region = eu-west-1\n",
            ),
            (
                "/home/a/.aws/credentials",
                "[staging]\naws_access_key_id = x\naws_secret_access_key = y\n",
            ),
        ]);
        let env = Env::from_slice(&[("HOME", "/home/a")]);
        let found = profiles_in(&fs, &env).await.expect("profiles");
        let named: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|p| (p.name.as_str(), p.region.as_deref()))
            .collect();
        assert_eq!(
            named,
            [
                ("default", Some("us-east-1")),
                ("prod", Some("eu-west-1")),
                ("staging", None)
            ]
        );
    }

    #[tokio::test]
    async fn no_files_no_profiles() {
        let env = Env::from_slice(&[("HOME", "/home/none")]);
        let found = profiles_in(&Fs::from_slice(&[]), &env).await.expect("none");
        assert!(found.is_empty());
    }
}
