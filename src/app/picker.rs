//! The pool picker: user pools, then the chosen pool's app clients; and the AWS profile and
//! region it lists them from, changed without a restart.

use super::{App, Form, Lookup, Screen, Status};
use crate::action::{Action, Outcome, Request};
use crate::aws_profiles::AwsProfile;
use crate::cognito::model::{ClientSummary, PoolSummary};
use crate::config::PoolChoice;
use crate::keys::Command;
use crate::screens::everywhere::Everywhere;

/// An AWS profile (`None`: the SDK's default chain) and region to work in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsTarget {
    pub profile: Option<String>,
    pub region: String,
}

/// The picker's steps.
#[derive(Debug, Clone)]
pub enum Picker {
    /// Choosing a pool; `None` while ListUserPools runs.
    Pools {
        pools: Option<Vec<PoolSummary>>,
        selected: usize,
    },
    /// Choosing an app client of `pool`; `None` while ListUserPoolClients runs.
    Clients {
        pool: PoolSummary,
        clients: Option<Vec<ClientSummary>>,
        selected: usize,
    },
    /// Choosing an AWS profile (`None` while the files are read) and typing the region, which
    /// the chosen profile's own region fills in. The first row keeps the credentials in use.
    Profiles {
        profiles: Option<Vec<AwsProfile>>,
        selected: usize,
        form: Form,
    },
}

impl Picker {
    /// How many rows the current step lists. The client step has an extra first row, "no app
    /// client", for admin-only work.
    pub fn len(&self) -> usize {
        match self {
            Self::Pools { pools, .. } => pools.as_ref().map_or(0, Vec::len),
            Self::Clients { clients, .. } => clients.as_ref().map_or(0, |c| c.len() + 1),
            Self::Profiles { profiles, .. } => profiles.as_ref().map_or(0, |p| p.len() + 1),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn selected(&self) -> usize {
        match self {
            Self::Pools { selected, .. }
            | Self::Clients { selected, .. }
            | Self::Profiles { selected, .. } => *selected,
        }
    }

    pub fn move_selection(&mut self, delta: isize) {
        let last = self.len().saturating_sub(1);
        match self {
            Self::Pools { selected, .. }
            | Self::Clients { selected, .. }
            | Self::Profiles { selected, .. } => {
                *selected = selected.saturating_add_signed(delta).min(last);
            }
        }
    }
}

impl App {
    pub(super) fn picker_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Picker(picker) = &mut self.screen else {
            return Vec::new();
        };
        if matches!(picker, Picker::Profiles { .. }) {
            return self.profiles_command(command);
        }
        match command {
            Command::Up => picker.move_selection(-1),
            Command::Down => picker.move_selection(1),
            Command::Back => {
                if matches!(picker, Picker::Clients { .. }) {
                    self.screen = Screen::Picker(Picker::Pools {
                        pools: None,
                        selected: 0,
                    });
                    return self.request(Action::ListPools);
                }
                if self.choice.is_some() {
                    self.screen = Screen::Lookup;
                }
            }
            Command::Refresh => {
                let action = match picker {
                    Picker::Pools { .. } => Action::ListPools,
                    Picker::Clients { pool, .. } => Action::ListClients {
                        pool_id: pool.id.clone(),
                    },
                    Picker::Profiles { .. } => Action::ListProfiles,
                };
                return self.request(action);
            }
            Command::Open => return self.pick(),
            Command::FindEverywhere => {
                let pools = self.configured_pools.clone();
                return self.open_module(|_| Everywhere::open(pools));
            }
            Command::SwitchProfile => {
                self.screen = Screen::Picker(Picker::Profiles {
                    profiles: None,
                    selected: 0,
                    form: Form::new(&[("Region", false)])
                        .with_value(0, self.cli_target.region.as_deref().unwrap_or_default()),
                });
                return self.request(Action::ListProfiles);
            }
            _ => {}
        }
        Vec::new()
    }

    /// The profile step: up and down choose the profile, typing edits the region, Enter
    /// changes to them, Esc goes back to the pools.
    fn profiles_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Picker(picker @ Picker::Profiles { .. }) = &mut self.screen else {
            return Vec::new();
        };
        match command {
            Command::NextField | Command::Down => picker.move_selection(1),
            Command::PrevField | Command::Up => picker.move_selection(-1),
            Command::Submit | Command::Open => return self.switch_profile(),
            Command::Back => return self.back_to_pools(),
            _ => return Vec::new(),
        }
        self.fill_region();
        Vec::new()
    }

    fn back_to_pools(&mut self) -> Vec<Request> {
        self.screen = Screen::Picker(Picker::Pools {
            pools: None,
            selected: 0,
        });
        self.request(Action::ListPools)
    }

    /// The region field takes the chosen profile's region, when its config names one.
    fn fill_region(&mut self) {
        if let Screen::Picker(Picker::Profiles {
            profiles: Some(profiles),
            selected,
            form,
        }) = &mut self.screen
            && let Some(region) = selected
                .checked_sub(1)
                .and_then(|i| profiles.get(i))
                .and_then(|p| p.region.as_deref())
        {
            *form = Form::new(&[("Region", false)]).with_value(0, region);
        }
    }

    /// Asks the session for a client of the chosen profile and the typed region; not while a
    /// change is on its way, whose answer the new client would never hear.
    fn switch_profile(&mut self) -> Vec<Request> {
        if self.refuse_retarget() {
            return Vec::new();
        }
        let Screen::Picker(Picker::Profiles {
            profiles,
            selected,
            form,
            ..
        }) = &self.screen
        else {
            return Vec::new();
        };
        let region = form.value(0).trim().to_owned();
        if !is_region(&region) {
            self.status = Some(Status::Error(
                "Type an AWS region such as eu-west-1 (letters, digits and dashes).".into(),
            ));
            return Vec::new();
        }
        let profile = match selected.checked_sub(1) {
            None => self.cli_target.profile.clone(),
            Some(i) => profiles
                .as_ref()
                .and_then(|p| p.get(i))
                .map(|p| p.name.clone()),
        };
        self.retarget = Some(AwsTarget { profile, region });
        self.status = Some(Status::Info("Connecting…".into()));
        Vec::new()
    }

    /// Says so and is `true` when a change's answer is still awaited: changing client now
    /// would leave it unreported.
    pub(super) fn refuse_retarget(&mut self) -> bool {
        if !self.change_on_its_way() {
            return false;
        }
        self.status = Some(Status::Error(
            "A change is still on its way to Cognito: wait for its answer, then change the profile or region.".into(),
        ));
        true
    }

    /// The session has a client for `target` now: everything read before is from elsewhere, so
    /// the app starts again on the pool picker there.
    pub fn on_retargeted(&mut self, target: &AwsTarget) -> Vec<Request> {
        self.in_flight.clear();
        self.sent_from.clear();
        self.retry = None;
        self.choice = None;
        self.pool = None;
        self.lookup = Lookup::default();
        self.cli_target.profile.clone_from(&target.profile);
        self.cli_target.region = Some(target.region.clone());
        if self.cli_target.endpoint_url.is_none() {
            self.target = format!("AWS {}", target.region);
        }
        let credentials = target.profile.as_ref().map_or_else(
            || "the default credentials".to_owned(),
            |p| format!("profile {p}"),
        );
        self.status = Some(Status::Info(format!(
            "Now on {credentials}, region {}.",
            target.region
        )));
        match self.pending_open.take() {
            Some((choice, username)) => self.open_pool_on(choice, username),
            None => self.back_to_pools(),
        }
    }

    /// The session could not make a client for the chosen profile and region.
    pub fn retarget_failed(&mut self, why: String) {
        self.pending_open = None;
        self.status = Some(Status::Error(why));
    }

    fn on_profiles(&mut self, found: Vec<AwsProfile>) {
        if let Screen::Picker(Picker::Profiles { profiles, .. }) = &mut self.screen {
            *profiles = Some(found);
        }
    }

    pub(super) fn pick(&mut self) -> Vec<Request> {
        let Screen::Picker(picker) = &self.screen else {
            return Vec::new();
        };
        match picker {
            Picker::Pools {
                pools: Some(pools),
                selected,
            } => {
                let Some(pool) = pools.get(*selected).cloned() else {
                    return Vec::new();
                };
                let action = Action::ListClients {
                    pool_id: pool.id.clone(),
                };
                self.screen = Screen::Picker(Picker::Clients {
                    pool,
                    clients: None,
                    selected: 0,
                });
                self.request(action)
            }
            Picker::Clients {
                pool,
                clients: Some(clients),
                selected,
            } => {
                let client_id = selected
                    .checked_sub(1)
                    .and_then(|i| clients.get(i))
                    .map(|c| c.id.clone());
                let choice = PoolChoice {
                    user_pool_id: pool.id.clone(),
                    client_id,
                    client_secret: None,
                };
                self.open_pool(choice)
            }
            _ => Vec::new(),
        }
    }

    /// The pools, profiles or app clients the picker asked for, or a search of every pool.
    pub(super) fn on_pool_list(&mut self, action: Action, outcome: Outcome) {
        match (action, outcome) {
            (Action::ListPools, Outcome::Pools(Ok(pools))) => self.on_pools(pools),
            (Action::ListProfiles, Outcome::Profiles(Ok(profiles))) => self.on_profiles(profiles),
            (Action::ListClients { pool_id }, Outcome::Clients(Ok(clients))) => {
                self.on_clients(&pool_id, clients);
            }
            _ => {}
        }
    }

    fn on_pools(&mut self, pools: Vec<PoolSummary>) {
        if let Screen::Picker(Picker::Pools { pools: slot, .. }) = &mut self.screen {
            *slot = Some(pools);
        }
    }

    fn on_clients(&mut self, pool_id: &str, clients: Vec<ClientSummary>) {
        if let Screen::Picker(Picker::Clients {
            pool: PoolSummary { id, .. },
            clients: slot,
            ..
        }) = &mut self.screen
            && id == pool_id
        {
            *slot = Some(clients);
        }
    }
}

/// Whether `region` looks like an AWS region name (`eu-west-1`, `us-gov-west-1`).
fn is_region(region: &str) -> bool {
    region.len() >= 9
        && region.contains('-')
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::is_region;

    #[test]
    fn region_names_are_checked_before_a_client_is_made() {
        for ok in ["eu-west-1", "us-gov-west-1", "ap-southeast-2"] {
            assert!(is_region(ok), "{ok}");
        }
        for bad in ["", "eu", "EU-WEST-1", "eu west 1", "eu-west-1;"] {
            assert!(!is_region(bad), "{bad}");
        }
    }
}
