//! The devices of pools that track them: the device a sign-in offers, what a sign-in did with
//! devices, and the device cognitui remembers for a user (in memory only, for this run).

use super::sensitive::Sensitive;

/// The name cognitui gives the devices it confirms (ConfirmDevice's DeviceName).
pub const DEVICE_NAME: &str = "cognitui";

/// The device a sign-in's AuthenticationResult offered (NewDeviceMetadata), not confirmed yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub key: String,
    pub group_key: String,
}

/// The device a sign-in offered, with the user and the pool and app client it was offered on:
/// what remembering it needs besides the user's access token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceOffer {
    pub pool_id: String,
    pub client_id: String,
    pub username: String,
    pub device: NewDevice,
}

/// What a sign-in did with devices, when the pool tracks them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceAtSignIn {
    /// Cognito offered this terminal as a new device: it can be remembered.
    New(NewDevice),
    /// The remembered device proved itself (DEVICE_PASSWORD_VERIFIER), so MFA was skipped.
    Remembered,
}

/// A device cognitui confirmed for a user on one app client, with the password that proves it.
/// Kept in memory only; its `Debug` hides the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RememberedDevice {
    pub pool_id: String,
    pub client_id: String,
    pub username: String,
    pub key: String,
    pub group_key: String,
    pub password: Sensitive,
}

impl RememberedDevice {
    /// Whether this is the device to use when `username` signs in to `pool_id` through
    /// `client_id`.
    pub fn serves(&self, pool_id: &str, client_id: &str, username: &str) -> bool {
        self.pool_id == pool_id && self.client_id == client_id && self.username == username
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_device_hides_its_password_and_serves_one_user_on_one_client() {
        let device = RememberedDevice {
            pool_id: "p".into(),
            client_id: "c".into(),
            username: "ann".into(),
            key: "k".into(),
            group_key: "g".into(),
            password: Sensitive::new("device-password".into()),
        };
        assert!(!format!("{device:?}").contains("device-password"));
        assert!(device.serves("p", "c", "ann"));
        assert!(!device.serves("p", "c", "bob"));
        assert!(!device.serves("p", "other", "ann"));
    }
}
