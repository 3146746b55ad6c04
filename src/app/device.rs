//! Remembered devices: the tokens screen offers to remember this terminal when the pool tracks
//! devices (through the confirmation), later sign-ins of that user on that client use it, and
//! it is forgotten when Cognito or an admin forgets it. Kept in memory only, for this run.

use super::auth::TokensView;
use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::cognito::auth::AuthTarget;
use crate::cognito::device::{DeviceAtSignIn, DeviceOffer, NewDevice, RememberedDevice};

impl App {
    /// The device remembered for `username` on the sign-in target's pool and client, if any.
    pub(super) fn remembered_device(
        &self,
        target: &AuthTarget,
        username: &str,
    ) -> Option<Box<RememberedDevice>> {
        self.devices
            .iter()
            .find(|d| d.serves(&target.pool_id, &target.client.id, username))
            .map(|d| Box::new(d.clone()))
    }

    /// Whether the device with `key` is remembered.
    pub fn remembers(&self, key: &str) -> bool {
        self.devices.iter().any(|d| d.key == key)
    }

    /// The user the tokens belong to (their access token's `username`), else the user the
    /// sign-in was for.
    pub fn signed_in_user(&self, t: &TokensView) -> String {
        let fallback = self.auth.as_ref().map_or("", |a| a.username.as_str());
        crate::claims::username_of(t.tokens.access.expose(), fallback)
    }

    /// The device the tokens screen offers to remember: the one the sign-in offered, while it
    /// is not remembered yet.
    pub fn device_offered(t: &TokensView) -> Option<&NewDevice> {
        match &t.tokens.device {
            Some(DeviceAtSignIn::New(device)) => Some(device),
            _ => None,
        }
    }

    /// `r` on the tokens screen: remembering the offered device goes to its confirmation.
    pub(super) fn ask_to_remember_device(&mut self) -> Vec<Request> {
        let (Screen::Tokens(t), Some(ctx)) = (&self.screen, &self.auth) else {
            return Vec::new();
        };
        let Some(device) = Self::device_offered(t).filter(|d| !self.remembers(&d.key)) else {
            self.status = Some(Status::Info(
                "This sign-in offered no new device to remember (the pool does not track devices, or this terminal is remembered already).".into(),
            ));
            return Vec::new();
        };
        let action = Action::RememberDevice {
            offer: DeviceOffer {
                pool_id: ctx.target.pool_id.clone(),
                client_id: ctx.target.client.id.clone(),
                username: self.signed_in_user(t),
                device: device.clone(),
            },
            access_token: t.tokens.access.clone(),
        };
        self.request(action)
    }

    /// DEVICE_SRP_AUTH reached the app: cognitui remembers no device for `username`.
    pub(super) fn no_remembered_device(&mut self, username: &str) {
        self.status = Some(Status::Error(format!(
            "Cognito asks for a remembered device (DEVICE_SRP_AUTH), but cognitui remembers none for {username} in this run: forget the user's devices on their page (d, then x), then sign in again."
        )));
    }

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
    /// admin (AdminForgetDevice). A sign-in in progress stops sending it.
    pub(super) fn forget_device(&mut self, key: &str) {
        self.devices.retain(|d| d.key != key);
        if let Some(ctx) = &mut self.auth
            && ctx.target.device.as_ref().is_some_and(|d| d.key == key)
        {
            ctx.target.device = None;
        }
    }
}
