//! A hit of the search of every pool, opened: its pool on its user, in the pool's region.

use super::{App, AwsTarget, Status};
use crate::action::Request;
use crate::cognito::everywhere::Hit;
use crate::config::PoolChoice;

impl App {
    /// Opens the pool of `hit` on its user; a pool of another region first makes a client there.
    pub(super) fn open_hit(&mut self, hit: Hit) -> Vec<Request> {
        // The pool open now keeps its app client: only the user's page opens.
        if self.pool_id().as_deref() == Some(hit.pool.id.as_str()) {
            return self.open_user(hit.username);
        }
        let choice = PoolChoice {
            user_pool_id: hit.pool.id.clone(),
            client_id: None,
            client_secret: None,
        };
        match hit.pool.region {
            Some(region) if self.options.cli_target.region.as_deref() != Some(region.as_str()) => {
                if self.refuse_retarget() {
                    return Vec::new();
                }
                self.pending_open = Some((choice, hit.username));
                self.retarget = Some(AwsTarget {
                    profile: self.options.cli_target.profile.clone(),
                    region,
                });
                self.status = Some(Status::Info("Connecting to the pool's region…".into()));
                Vec::new()
            }
            _ => self.open_pool_on(choice, hit.username),
        }
    }

    /// Opens pool `choice` with the page of `username` on top.
    pub(super) fn open_pool_on(&mut self, choice: PoolChoice, username: String) -> Vec<Request> {
        let mut requests = self.open_pool(choice);
        requests.extend(self.open_user(username));
        requests
    }
}
