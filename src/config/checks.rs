//! Checks of the configured values before anything is used: pool ids, regions, app client ids,
//! endpoints, column lists and limits. A problem names its key.

use super::columns::Column;
use super::file::{ConfigFile, PoolConfig};

/// The longest pause that may be configured.
const MAX_SEARCH_DEBOUNCE_MS: u64 = 5000;
/// The highest read rate the file may ask for; `--read-rate` may go higher (or 0, no cap).
const MAX_READ_RATE: u32 = 1000;

/// Checks the file's own values and every pool's; the error names the key.
pub(super) fn check_file(file: &ConfigFile, elsewhere: bool) -> Result<(), (String, String)> {
    for (name, pool) in &file.pools {
        check_pool(pool, elsewhere)
            .map_err(|(key, problem)| (format!("pools.{name}.{key}"), problem))?;
    }
    if let Some(name) = &file.default_pool
        && !file.pools.contains_key(name)
    {
        return Err((
            "default_pool".into(),
            format!("names pool '{name}', but there is no [pools.{name}] section"),
        ));
    }
    if file
        .search_debounce_ms
        .is_some_and(|ms| ms > MAX_SEARCH_DEBOUNCE_MS)
    {
        return Err((
            "search_debounce_ms".into(),
            format!("must be at most {MAX_SEARCH_DEBOUNCE_MS} (0 searches at every key)"),
        ));
    }
    if let Some(names) = &file.columns {
        Column::parse_list(names).map_err(|problem| ("columns".to_owned(), problem))?;
    }
    for (name, pool) in &file.pools {
        if let Some(names) = &pool.columns {
            Column::parse_list(names)
                .map_err(|problem| (format!("pools.{name}.columns"), problem))?;
        }
    }
    if file.request_timeout_secs == Some(0) {
        return Err(("request_timeout_secs".into(), "must be at least 1".into()));
    }
    if file
        .bulk_rate_per_second
        .is_some_and(|r| !(1..=100).contains(&r))
    {
        return Err((
            "bulk_rate_per_second".into(),
            "must be between 1 and 100".into(),
        ));
    }
    if file.read_rate_per_second.is_some_and(|r| r > MAX_READ_RATE) {
        return Err((
            "read_rate_per_second".into(),
            format!("must be at most {MAX_READ_RATE} (0: no cap)"),
        ));
    }
    Ok(())
}

/// Checks one pool's values; the error names the key. With an endpoint of its own (`endpoint`
/// or the pool's `endpoint_url`: an emulator) a pool id need not be REGION_ID: any id Cognito's
/// API accepts passes (`local_6r5o1nkV`).
pub(super) fn check_pool(pool: &PoolConfig, endpoint: bool) -> Result<(), (&'static str, String)> {
    let endpoint = endpoint || pool.endpoint_url.is_some();
    if let Some(region) = &pool.region
        && !is_region(region)
    {
        return Err((
            "region",
            format!("'{region}' is not an AWS region (e.g. eu-west-1)"),
        ));
    }
    if let Some(id) = &pool.user_pool_id {
        check_pool_id(id, pool.region.as_deref(), endpoint)
            .map_err(|problem| ("user_pool_id", problem))?;
    }
    if let Some(id) = &pool.client_id
        && (id.is_empty() || id.len() > 128 || !id.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Err((
            "client_id",
            format!("'{id}' is not an app client id (letters and digits only)"),
        ));
    }
    if let Some(url) = &pool.endpoint_url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        return Err((
            "endpoint_url",
            format!("'{url}' must start with http:// or https://"),
        ));
    }
    Ok(())
}

/// A pool id: REGION_ID in the pool's region; with an endpoint of its own, any id Cognito's API
/// accepts.
fn check_pool_id(id: &str, region: Option<&str>, endpoint: bool) -> Result<(), String> {
    match region_of_pool(id) {
        Some(pool_region) => match region.filter(|r| *r != pool_region) {
            Some(region) => Err(format!(
                "'{id}' is a pool in {pool_region}, but the region is {region}"
            )),
            None => Ok(()),
        },
        None if endpoint && accepted_pool_id(id) => Ok(()),
        None if endpoint => Err(format!(
            "'{id}' is not a user pool id (expected NAME_ID, e.g. local_6r5o1nkV or eu-west-1_AbC123)"
        )),
        None => Err(format!(
            "'{id}' is not a user pool id (expected REGION_ID, e.g. eu-west-1_AbC123)"
        )),
    }
}

/// What Cognito's API accepts as a UserPoolId: `[\w-]+_[0-9a-zA-Z]+`, at most 55 characters.
fn accepted_pool_id(id: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    id.len() <= 55
        && id.rsplit_once('_').is_some_and(|(name, rest)| {
            !name.is_empty()
                && name.chars().all(word)
                && !rest.is_empty()
                && rest.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

fn is_region(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| !p.is_empty())
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_lowercase()))
        && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
}

/// The region a pool id belongs to: `eu-west-1_AbC` -> `eu-west-1`.
pub(super) fn region_of_pool(id: &str) -> Option<String> {
    let (region, rest) = id.split_once('_')?;
    (is_region(region) && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| region.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_and_pool_ids() {
        assert!(is_region("eu-west-1"));
        assert!(is_region("us-gov-west-1"));
        assert!(!is_region("euwest1"));
        assert!(!is_region("EU-west-1"));
        assert_eq!(
            region_of_pool("eu-west-1_AbC123").as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(region_of_pool("eu-west-1_"), None);
        assert_eq!(region_of_pool("nope"), None);
    }
}
