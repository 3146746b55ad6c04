//! Finding a user in every pool: one ListUsers with the same filter in each pool of the current
//! region and each configured pool, a few at a time (the read cap paces them all), each pool's
//! first page of matches.

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::Region;
use futures::StreamExt;

use super::model::UserStatus;
use super::{Cognito, CognitoError, PAGE_SIZE};

/// Pools searched at once.
const POOLS_AT_ONCE: usize = 4;

/// A pool to search: its id, a name to show, and its region when it is not the client's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolRef {
    pub id: String,
    pub name: String,
    pub region: Option<String>,
}

/// A user found in a pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub pool: PoolRef,
    pub username: String,
    pub email: Option<String>,
    pub status: UserStatus,
    pub enabled: bool,
}

/// What a search of every pool found, and the pools it could not search, each with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub searched: usize,
    pub hits: Vec<Hit>,
    /// Pools whose first page had more matches than it holds.
    pub more: Vec<PoolRef>,
    pub failures: Vec<(PoolRef, String)>,
}

impl Cognito {
    /// Searches `pools`, and with `region_pools` every pool of the client's region too, for
    /// users matching `filter` (a ListUsers filter).
    pub async fn find_everywhere(
        &self,
        pools: Vec<PoolRef>,
        region_pools: bool,
        filter: &str,
    ) -> Result<Found, CognitoError> {
        let mut all = pools;
        if region_pools {
            for p in self.list_pools().await? {
                if !all.iter().any(|known| known.id == p.id) {
                    all.push(PoolRef {
                        id: p.id,
                        name: p.name,
                        region: None,
                    });
                }
            }
        }
        let searched = all.len();
        let results: Vec<_> = futures::stream::iter(all)
            .map(|pool| async move {
                let page = self
                    .client_for(&pool)
                    .list_users()
                    .user_pool_id(&pool.id)
                    .filter(filter)
                    .limit(PAGE_SIZE)
                    .send()
                    .await;
                (pool, page)
            })
            .buffer_unordered(POOLS_AT_ONCE)
            .collect()
            .await;
        let mut found = Found {
            searched,
            ..Found::default()
        };
        for (pool, page) in results {
            match page {
                Ok(out) => {
                    if out.pagination_token().is_some_and(|t| !t.is_empty()) {
                        found.more.push(pool.clone());
                    }
                    found.hits.extend(out.users().iter().map(|u| {
                        let user = super::sdk::user_from_sdk(u);
                        Hit {
                            pool: pool.clone(),
                            email: user.email().map(ToOwned::to_owned),
                            status: user.status,
                            enabled: user.enabled,
                            username: user.username,
                        }
                    }));
                }
                Err(e) => found
                    .failures
                    .push((pool, CognitoError::from(e).to_string())),
            }
        }
        found
            .hits
            .sort_by(|a, b| (&a.pool.name, &a.username).cmp(&(&b.pool.name, &b.username)));
        Ok(found)
    }

    /// The read client, in `pool`'s region when it names another one.
    fn client_for(&self, pool: &PoolRef) -> Client {
        match &pool.region {
            Some(region) if self.client.config().region().map(Region::as_ref) != Some(region) => {
                Client::from_conf(
                    self.client
                        .config()
                        .to_builder()
                        .region(Region::new(region.clone()))
                        .build(),
                )
            }
            _ => self.client.clone(),
        }
    }
}
