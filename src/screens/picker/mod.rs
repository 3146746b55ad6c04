//! The pool picker: user pools, then the chosen pool's app clients; and the AWS profile and
//! region it lists them from, changed without a restart.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::everywhere::Everywhere;
use super::module::{Ctx, FORM_HINTS, Next, ScreenModule, Shown};
use crate::action::{Action, Outcome};
use crate::app::{AwsTarget, Form};
use crate::aws_profiles::AwsProfile;
use crate::cognito::model::{ClientSummary, PoolSummary};
use crate::config::PoolChoice;
use crate::keys::{Command, Context};
use crate::theme::Theme;

const HINTS: &[(Command, &str)] = &[
    (Command::Open, "choose"),
    (Command::Back, "back"),
    (Command::Refresh, "reload"),
    (Command::SwitchProfile, "profile/region"),
    (Command::Help, "help"),
    (Command::Quit, "quit"),
];

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
    /// The pools of the region, read now.
    pub fn pools(ctx: &mut Ctx) -> Next {
        ctx.request(Action::ListPools);
        Next::Open(Box::new(Self::Pools {
            pools: None,
            selected: 0,
        }))
    }

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

impl Picker {
    /// The profile step: up and down choose the profile, typing edits the region, Enter
    /// changes to them, Esc goes back to the pools.
    fn profiles_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        match command {
            Command::NextField | Command::Down => self.move_selection(1),
            Command::PrevField | Command::Up => self.move_selection(-1),
            Command::Submit | Command::Open => {
                self.switch_profile(ctx);
                return Next::Stay;
            }
            Command::Back => return Self::pools(ctx),
            _ => return Next::Stay,
        }
        self.fill_region();
        Next::Stay
    }

    /// The region field takes the chosen profile's region, when its config names one.
    fn fill_region(&mut self) {
        if let Self::Profiles {
            profiles: Some(profiles),
            selected,
            form,
        } = self
            && let Some(region) = selected
                .checked_sub(1)
                .and_then(|i| profiles.get(i))
                .and_then(|p| p.region.as_deref())
        {
            *form = Form::new(&[("Region", false)]).with_value(0, region);
        }
    }

    /// Asks for a client of the chosen profile and the typed region.
    fn switch_profile(&self, ctx: &mut Ctx) {
        let Self::Profiles {
            profiles,
            selected,
            form,
        } = self
        else {
            return;
        };
        let region = form.value(0).trim().to_owned();
        if !is_region(&region) {
            return ctx.refuse(
                "Type an AWS region such as eu-west-1 (letters, digits and dashes).".into(),
            );
        }
        let profile = match selected.checked_sub(1) {
            None => ctx.cli_target.profile.clone(),
            Some(i) => profiles
                .as_ref()
                .and_then(|p| p.get(i))
                .map(|p| p.name.clone()),
        };
        ctx.retarget(AwsTarget { profile, region });
    }

    /// Enter on a pool lists its app clients; on an app client (or none) the pool opens.
    fn pick(&self, ctx: &mut Ctx) -> Next {
        match self {
            Self::Pools {
                pools: Some(pools),
                selected,
            } => {
                let Some(pool) = pools.get(*selected).cloned() else {
                    return Next::Stay;
                };
                ctx.request(Action::ListClients {
                    pool_id: pool.id.clone(),
                });
                Next::Open(Box::new(Self::Clients {
                    pool,
                    clients: None,
                    selected: 0,
                }))
            }
            Self::Clients {
                pool,
                clients: Some(clients),
                selected,
            } => {
                let client_id = selected
                    .checked_sub(1)
                    .and_then(|i| clients.get(i))
                    .map(|c| c.id.clone());
                Next::Pool(PoolChoice {
                    user_pool_id: pool.id.clone(),
                    client_id,
                    client_secret: None,
                })
            }
            _ => Next::Stay,
        }
    }
}

impl ScreenModule for Picker {
    fn key(&self) -> (&'static str, Option<&str>) {
        ("picker", None)
    }

    fn context(&self) -> Context {
        match self {
            Self::Profiles { .. } => Context::Form,
            Self::Pools { .. } | Self::Clients { .. } => Context::Picker,
        }
    }

    fn hints(&self) -> &'static [(Command, &'static str)] {
        match self {
            Self::Profiles { .. } => FORM_HINTS,
            Self::Pools { .. } | Self::Clients { .. } => HINTS,
        }
    }

    fn on_command(&mut self, command: Command, ctx: &mut Ctx) -> Next {
        if matches!(self, Self::Profiles { .. }) {
            return self.profiles_command(command, ctx);
        }
        match command {
            Command::Up => self.move_selection(-1),
            Command::Down => self.move_selection(1),
            Command::Back if matches!(self, Self::Clients { .. }) => return Self::pools(ctx),
            Command::Back if ctx.pool_id.is_some() => return Next::Users,
            Command::Refresh => ctx.request(match self {
                Self::Pools { .. } => Action::ListPools,
                Self::Clients { pool, .. } => Action::ListClients {
                    pool_id: pool.id.clone(),
                },
                Self::Profiles { .. } => Action::ListProfiles,
            }),
            Command::Open => return self.pick(ctx),
            Command::FindEverywhere => return Everywhere::open(ctx.configured.to_vec()),
            Command::SwitchProfile => {
                ctx.request(Action::ListProfiles);
                return Next::Open(Box::new(Self::Profiles {
                    profiles: None,
                    selected: 0,
                    form: Form::new(&[("Region", false)])
                        .with_value(0, ctx.cli_target.region.as_deref().unwrap_or_default()),
                }));
            }
            _ => {}
        }
        Next::Stay
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        match self {
            Self::Profiles { form, .. } => Some(form),
            Self::Pools { .. } | Self::Clients { .. } => None,
        }
    }

    /// The pools, profiles or app clients asked for.
    fn on_outcome(&mut self, action: &Action, outcome: Outcome, _ctx: &mut Ctx) -> Next {
        match (self, action, outcome) {
            (Self::Pools { pools: slot, .. }, Action::ListPools, Outcome::Pools(Ok(pools))) => {
                *slot = Some(pools);
            }
            (
                Self::Profiles { profiles, .. },
                Action::ListProfiles,
                Outcome::Profiles(Ok(found)),
            ) => *profiles = Some(found),
            (
                Self::Clients {
                    pool: PoolSummary { id, .. },
                    clients: slot,
                    ..
                },
                Action::ListClients { pool_id },
                Outcome::Clients(Ok(clients)),
            ) if id == pool_id => *slot = Some(clients),
            _ => {}
        }
        Next::Stay
    }

    fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        view::render(frame, area, shown, self, theme);
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
