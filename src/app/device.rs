//! Remembered devices, kept in memory only for this run: a device the tokens screen remembered
//! (through its confirmation) replaces any other for that user, and one Cognito or an admin
//! forgot is forgotten here too.

use super::{App, Status};
use crate::cognito::device::RememberedDevice;

impl App {
    /// ConfirmDevice answered: the device is remembered, in place of any other for that user.
    pub(super) fn on_device_remembered(&mut self, device: RememberedDevice) {
        self.status = Some(Status::Info(format!(
            "This terminal is now a remembered device for {}: their next sign-in here proves it, and the pool may skip MFA (until cognitui quits).",
            device.username
        )));
        self.devices
            .retain(|d| !d.serves(&device.pool_id, &device.client_id, &device.username));
        self.devices.push(device);
    }

    /// The device with `key` is forgotten: by Cognito (a refused device challenge) or by an
    /// admin (AdminForgetDevice).
    pub(super) fn forget_device(&mut self, key: &str) {
        self.devices.retain(|d| d.key != key);
    }
}
