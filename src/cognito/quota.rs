//! Cognito's request quotas, held per category: every call cognitui puts on the wire takes a
//! turn from its category's lane, paced never above the configured rate nor the category's
//! default quota; when Cognito answers TooManyRequests the lane's rate is halved at once, and it
//! grows back slowly at first (staying near the limit it met) and then faster, to the full rate
//! [`RECOVERY`] after the last throttled answer. A run
//! so settles just under the real limit instead of sending at the same rate while retries pile
//! up, and after throttling ends it is back at full rate within seconds.
//!
//! The categories and their default quotas (requests a second, per account and Region, shared
//! with every other client of the account) are AWS's, from "Quotas in Amazon Cognito",
//! <https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html> ("Amazon Cognito
//! user pools API operation categories and request rate quotas"). Which operation is in which
//! category follows that table for the operations cognitui calls; an operation placed in the
//! wrong category would only wait in another lane, and one it does not list waits in the
//! lane with the lowest quota.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// Read calls a second in each category unless configured: under every read category's
/// quota but the pool's own reads (15 and 20), leaving the production app its headroom.
pub const DEFAULT_READ_RATE: u32 = 20;
/// Changes a second in each category unless configured (a bulk run's steps among them).
pub const DEFAULT_BULK_RATE: u32 = 5;

/// How long a lane takes to grow back to its full rate after its last cut.
pub const RECOVERY: Duration = Duration::from_secs(8);
/// The lowest share of its full rate a lane is cut to.
const FLOOR: f64 = 1.0 / 16.0;
/// The turns a lane saves up, as a share of a second at its rate (at least one): a user's page
/// sends its two reads of a category at once, and no second ever carries much more than the
/// rate.
const BURST: f64 = 0.1;
/// Throttled answers within this long of a cut are the same burst: the rate is cut once.
const ONE_BURST: Duration = Duration::from_millis(500);

/// A quota category of the user pools API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr)]
pub enum Category {
    UserAuthentication,
    UserCreation,
    UserFederation,
    UserAccountRecovery,
    UserRead,
    UserUpdate,
    UserResourceRead,
    UserResourceUpdate,
    UserList,
    UserPoolRead,
    UserPoolUpdate,
    UserPoolResourceRead,
    UserPoolResourceUpdate,
    UserPoolClientRead,
    UserPoolClientUpdate,
    UserToken,
}

impl Category {
    /// The category of the operation `name` (as in `X-Amz-Target`, without the service
    /// prefix). An operation the table does not list counts as a read of the pool, the
    /// category with the lowest quota.
    pub fn of(name: &str) -> Self {
        match name {
            "InitiateAuth"
            | "AdminInitiateAuth"
            | "RespondToAuthChallenge"
            | "AdminRespondToAuthChallenge" => Self::UserAuthentication,
            "SignUp" | "ConfirmSignUp" | "AdminCreateUser" | "AdminConfirmSignUp" => {
                Self::UserCreation
            }
            "ChangePassword"
            | "ConfirmForgotPassword"
            | "ForgotPassword"
            | "AdminResetUserPassword"
            | "AdminSetUserPassword" => Self::UserAccountRecovery,
            "AdminGetUser" | "GetUser" | "AdminGetUserAuthFactors" | "GetUserAuthFactors" => {
                Self::UserRead
            }
            "AdminDeleteUser"
            | "AdminDeleteUserAttributes"
            | "AdminDisableProviderForUser"
            | "AdminDisableUser"
            | "AdminEnableUser"
            | "AdminLinkProviderForUser"
            | "AdminSetUserMFAPreference"
            | "AdminSetUserSettings"
            | "AdminUpdateUserAttributes"
            | "AdminUserGlobalSignOut"
            | "AdminDeleteSoftwareToken"
            | "DeleteUser"
            | "DeleteUserAttributes"
            | "GlobalSignOut"
            | "ResendConfirmationCode"
            | "SetUserMFAPreference"
            | "SetUserSettings"
            | "UpdateUserAttributes"
            | "VerifyUserAttribute"
            | "GetUserAttributeVerificationCode" => Self::UserUpdate,
            "AdminGetDevice"
            | "AdminListDevices"
            | "AdminListGroupsForUser"
            | "AdminListUserAuthEvents"
            | "GetDevice"
            | "ListDevices"
            | "ListWebAuthnCredentials" => Self::UserResourceRead,
            "AdminAddUserToGroup"
            | "AdminForgetDevice"
            | "AdminRemoveUserFromGroup"
            | "AdminUpdateAuthEventFeedback"
            | "AdminUpdateDeviceStatus"
            | "AssociateSoftwareToken"
            | "ConfirmDevice"
            | "ForgetDevice"
            | "UpdateAuthEventFeedback"
            | "UpdateDeviceStatus"
            | "VerifySoftwareToken"
            | "StartWebAuthnRegistration"
            | "CompleteWebAuthnRegistration"
            | "DeleteWebAuthnCredential" => Self::UserResourceUpdate,
            "ListUsers" | "ListUsersInGroup" => Self::UserList,
            "CreateUserPool" | "UpdateUserPool" | "DeleteUserPool" | "SetUserPoolMfaConfig" => {
                Self::UserPoolUpdate
            }
            "DescribeIdentityProvider"
            | "DescribeResourceServer"
            | "DescribeUserImportJob"
            | "DescribeUserPoolDomain"
            | "GetCSVHeader"
            | "GetGroup"
            | "GetIdentityProviderByIdentifier"
            | "GetSigningCertificate"
            | "GetUICustomization"
            | "ListGroups"
            | "ListIdentityProviders"
            | "ListResourceServers"
            | "ListUserImportJobs" => Self::UserPoolResourceRead,
            "CreateGroup"
            | "DeleteGroup"
            | "UpdateGroup"
            | "CreateUserImportJob"
            | "StartUserImportJob"
            | "StopUserImportJob"
            | "CreateIdentityProvider"
            | "UpdateIdentityProvider"
            | "DeleteIdentityProvider" => Self::UserPoolResourceUpdate,
            "DescribeUserPoolClient" | "ListUserPoolClients" => Self::UserPoolClientRead,
            "CreateUserPoolClient" | "UpdateUserPoolClient" | "DeleteUserPoolClient" => {
                Self::UserPoolClientUpdate
            }
            "RevokeToken" | "GetTokensFromRefreshToken" => Self::UserToken,
            _ => Self::UserPoolRead,
        }
    }

    /// The category's default quota, in requests a second.
    pub fn default_quota(self) -> u32 {
        match self {
            Self::UserAuthentication | Self::UserRead | Self::UserToken => 120,
            Self::UserCreation | Self::UserResourceRead => 50,
            Self::UserAccountRecovery | Self::UserList => 30,
            Self::UserFederation | Self::UserUpdate | Self::UserResourceUpdate => 25,
            Self::UserPoolResourceRead => 20,
            Self::UserPoolRead
            | Self::UserPoolUpdate
            | Self::UserPoolResourceUpdate
            | Self::UserPoolClientRead
            | Self::UserPoolClientUpdate => 15,
        }
    }

    /// Whether its operations change the pool (paced at the bulk rate) rather than read it
    /// or sign in (paced at the read rate).
    pub fn changes(self) -> bool {
        matches!(
            self,
            Self::UserCreation
                | Self::UserAccountRecovery
                | Self::UserUpdate
                | Self::UserResourceUpdate
                | Self::UserPoolUpdate
                | Self::UserPoolResourceUpdate
                | Self::UserPoolClientUpdate
        )
    }

    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// One category's pace: a token bucket of a tenth of a second's worth at the current rate,
/// which throttled answers cut and time grows back.
#[derive(Debug, Clone)]
struct Lane {
    /// The full rate (0: not paced at all).
    cap: f64,
    rate: f64,
    /// Turns available (negative: already promised to calls waiting), as of `at`.
    tokens: f64,
    at: Instant,
    /// When the rate was last cut, and to what.
    cut: Option<(Instant, f64)>,
}

impl Lane {
    fn new(cap: u32, now: Instant) -> Self {
        let cap = f64::from(cap);
        Self {
            cap,
            rate: cap,
            tokens: (cap * BURST).max(1.0),
            at: now,
            cut: None,
        }
    }

    /// How long the next call waits for its turn; the turn is taken now.
    fn take(&mut self, now: Instant) -> Duration {
        if self.cap == 0.0 {
            return Duration::ZERO;
        }
        self.catch_up(now);
        self.tokens -= 1.0;
        if self.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-self.tokens / self.rate)
        }
    }

    /// Cognito answered TooManyRequests: the rate is halved (once a burst), and the turns
    /// saved up are spent.
    fn throttled(&mut self, now: Instant) {
        if self.cap == 0.0 || self.cut.is_some_and(|(t, _)| now - t < ONE_BURST) {
            return;
        }
        self.catch_up(now);
        self.rate = (self.rate / 2.0).max(self.cap * FLOOR);
        self.tokens = self.tokens.min(0.0);
        self.cut = Some((now, self.rate));
    }

    /// The turns earned since `at`, and the rate grown back since the last cut: slowly at
    /// first, near the rate that was throttled, then faster, to the full rate [`RECOVERY`]
    /// after the cut (the cube of the time, as TCP's CUBIC grows its window).
    fn catch_up(&mut self, now: Instant) {
        let elapsed = (now - self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min((self.rate * BURST).max(1.0));
        if let Some((cut_at, cut_to)) = self.cut {
            let share = ((now - cut_at).as_secs_f64() / RECOVERY.as_secs_f64()).min(1.0);
            self.rate = (cut_to + (self.cap - cut_to) * share.powi(3)).min(self.cap);
        }
        self.at = now;
    }
}

/// A category sent below its full rate because Cognito throttled it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slowed {
    pub category: Category,
    /// Requests a second sent now.
    pub rate: f64,
    /// The full rate it grows back to.
    pub cap: f64,
}

/// Every category's lane, shared by every call of a client (and its clones).
#[derive(Debug)]
pub struct Quotas {
    lanes: Mutex<Vec<(Category, Lane)>>,
}

impl Quotas {
    /// Lanes at `read_rate` for the categories that read and `change_rate` for those that
    /// change, each never above its category's default quota (0: that kind is not paced).
    pub fn new(read_rate: u32, change_rate: u32) -> Self {
        use strum::IntoEnumIterator;
        let quotas = Self {
            lanes: Mutex::new(
                Category::iter()
                    .map(|c| (c, Lane::new(0, Instant::now())))
                    .collect(),
            ),
        };
        quotas.set_read_rate(read_rate);
        quotas.set_change_rate(change_rate);
        quotas
    }

    /// The categories that read go at most `rate` a second each (0: not paced).
    pub fn set_read_rate(&self, rate: u32) {
        self.set_rate(rate, false);
    }

    /// The categories that change go at most `rate` a second each (0: not paced).
    pub fn set_change_rate(&self, rate: u32) {
        self.set_rate(rate, true);
    }

    fn set_rate(&self, rate: u32, changes: bool) {
        let now = Instant::now();
        let mut lanes = self.lanes.lock().unwrap_or_else(PoisonError::into_inner);
        for (category, lane) in lanes.iter_mut().filter(|(c, _)| c.changes() == changes) {
            let cap = if rate == 0 {
                0
            } else {
                rate.min(category.default_quota())
            };
            *lane = Lane::new(cap, now);
        }
    }

    fn with_lane<T>(&self, category: Category, f: impl FnOnce(&mut Lane) -> T) -> T {
        let mut lanes = self.lanes.lock().unwrap_or_else(PoisonError::into_inner);
        let lane = lanes
            .iter_mut()
            .find(|(c, _)| *c == category)
            .map(|(_, lane)| lane)
            .expect("every category has a lane");
        f(lane)
    }

    /// How long a call of `category` waits for its turn; the turn is taken now.
    pub fn take(&self, category: Category) -> Duration {
        self.with_lane(category, |lane| lane.take(Instant::now()))
    }

    /// Cognito answered a call of `category` with TooManyRequests.
    pub fn throttled(&self, category: Category) {
        tracing::info!(category = category.name(), "throttled; rate cut");
        self.with_lane(category, |lane| lane.throttled(Instant::now()));
    }

    /// The categories sent below their full rate now, slowest share first.
    pub fn slowed(&self) -> Vec<Slowed> {
        let now = Instant::now();
        let mut lanes = self.lanes.lock().unwrap_or_else(PoisonError::into_inner);
        let mut slowed: Vec<Slowed> = lanes
            .iter_mut()
            .filter_map(|(category, lane)| {
                lane.catch_up(now);
                (lane.rate < lane.cap).then_some(Slowed {
                    category: *category,
                    rate: lane.rate,
                    cap: lane.cap,
                })
            })
            .collect();
        slowed.sort_by(|a, b| (a.rate / a.cap).total_cmp(&(b.rate / b.cap)));
        slowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_fall_in_their_categories_and_rates_stay_under_the_quota() {
        assert_eq!(Category::of("ListUsers"), Category::UserList);
        assert_eq!(Category::of("AdminGetUser"), Category::UserRead);
        assert_eq!(Category::of("AdminCreateUser"), Category::UserCreation);
        assert_eq!(Category::of("AdminDisableUser"), Category::UserUpdate);
        assert_eq!(
            Category::of("AdminAddUserToGroup"),
            Category::UserResourceUpdate
        );
        assert_eq!(Category::of("SomethingNew"), Category::UserPoolRead);
        assert_eq!(Category::UserCreation.default_quota(), 50);
        let quotas = Quotas::new(1000, 5);
        let caps: Vec<(Category, f64)> = quotas
            .lanes
            .lock()
            .expect("lanes")
            .iter()
            .map(|(c, l)| (*c, l.cap))
            .collect();
        assert!(caps.contains(&(Category::UserList, 30.0)), "{caps:?}");
        assert!(caps.contains(&(Category::UserUpdate, 5.0)), "{caps:?}");
        assert!(caps.contains(&(Category::UserCreation, 5.0)), "{caps:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_of_a_tenth_of_a_second_goes_at_once_then_calls_are_spaced() {
        let now = Instant::now();
        let mut lane = Lane::new(40, now);
        let waits: Vec<Duration> = (0..7).map(|_| lane.take(now)).collect();
        assert_eq!(&waits[..4], &[Duration::ZERO; 4]);
        assert_eq!(waits[4], Duration::from_millis(25));
        assert_eq!(waits[6], Duration::from_millis(75));
        // However long it was idle, it saves up no more than that.
        let later = now + Duration::from_mins(1);
        let waits: Vec<Duration> = (0..5).map(|_| lane.take(later)).collect();
        assert_eq!(&waits[..4], &[Duration::ZERO; 4]);
        assert_eq!(waits[4], Duration::from_millis(25));
        // A slow lane still lets one call go at once.
        let mut slow = Lane::new(2, now);
        assert_eq!(slow.take(now), Duration::ZERO);
        assert_eq!(slow.take(now), Duration::from_millis(500));
    }

    #[tokio::test(start_paused = true)]
    async fn a_throttled_answer_halves_the_rate_once_a_burst_and_it_grows_back_within_recovery() {
        let start = Instant::now();
        let mut lane = Lane::new(20, start);
        lane.throttled(start);
        lane.throttled(start + Duration::from_millis(100));
        assert!((lane.rate - 10.0).abs() < 1e-9, "{}", lane.rate);
        for i in 1..=10 {
            lane.throttled(start + Duration::from_millis(600) * i);
        }
        assert!((lane.rate - 20.0 * FLOOR).abs() < 0.5, "{}", lane.rate);
        // The saved-up turns went with the cut: the next call waits.
        assert!(lane.take(start + Duration::from_secs(6)) > Duration::ZERO);
        let last_cut = start + Duration::from_secs(6);
        lane.catch_up(last_cut + RECOVERY);
        assert!((lane.rate - 20.0).abs() < 1e-9, "{}", lane.rate);
    }

    #[tokio::test(start_paused = true)]
    async fn a_lane_of_rate_zero_is_not_paced() {
        let quotas = Quotas::new(0, 0);
        for _ in 0..1000 {
            assert_eq!(quotas.take(Category::UserList), Duration::ZERO);
        }
        quotas.throttled(Category::UserList);
        assert!(quotas.slowed().is_empty());
    }

    #[tokio::test(start_paused = true)]
    async fn slowed_names_the_throttled_categories_until_they_are_back() {
        let quotas = Quotas::new(20, 5);
        quotas.throttled(Category::UserList);
        let slowed = quotas.slowed();
        assert_eq!(slowed.len(), 1);
        assert_eq!(slowed[0].category, Category::UserList);
        assert!((slowed[0].rate - 10.0).abs() < 1e-9);
        tokio::time::advance(RECOVERY).await;
        assert!(quotas.slowed().is_empty());
    }
}
