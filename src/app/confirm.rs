//! The one confirmation path. Every action that changes the pool (`Action::mutates`) stops
//! here first: one sentence of what it does and to whom, what follows, its AWS CLI equivalent;
//! Enter sends it, Esc goes back to the screen it was asked from with everything as it was.
//! The safety rules refuse before anything opens.

use super::form::Form;
use super::{App, Screen, Status};
use crate::action::{Action, Request};
use crate::cognito::admin::AdminCall;
use crate::cognito::auth::{Answer, EnrolWith};
use crate::cognito::groups::{GroupChange, GroupSize, GroupSpec};
use crate::keys::Command;
use crate::sentence::capitalised;

/// A change waiting for the agent's go-ahead.
#[derive(Debug, Clone)]
pub struct ConfirmChange {
    /// The change, exactly as it will be sent.
    pub change: Action,
    /// What the change does and what follows, one sentence a line.
    pub notes: Vec<String>,
    /// For deletion: the username, typed again.
    pub typed: Option<Form>,
    /// The ClientMetadata being edited, while it is.
    pub metadata: Option<Form>,
    /// The screen the change was asked from: shown again on Enter (with the spinner) or Esc.
    pub back: Box<Screen>,
}

impl App {
    /// Opens the confirmation of `change`, unless the safety rules refuse it: then the refusal
    /// is said at once and nothing opens.
    pub(super) fn confirm(&mut self, change: Action) -> Vec<Request> {
        if let Some(refusal) = self.options.safety.refusal(&change) {
            self.status = Some(Status::Error(refusal));
            return Vec::new();
        }
        let typed = deletes(&change).then(|| Form::new(&[("Username", false)]));
        let mut notes = notes(&change);
        notes.extend(self.warnings(&change));
        let back = Box::new(std::mem::replace(&mut self.screen, Screen::Lookup));
        self.screen = Screen::Confirm(Box::new(ConfirmChange {
            change,
            notes,
            typed,
            metadata: None,
            back,
        }));
        Vec::new()
    }

    /// What the diagnosis knows against `change` for its user, as shown on screen now.
    fn warnings(&self, change: &Action) -> Vec<String> {
        let Some(user) = change.username().and_then(|u| self.shown_user(u).user) else {
            return Vec::new();
        };
        let facts = self
            .pool
            .as_ref()
            .map(|p| p.facts.clone())
            .unwrap_or_default();
        crate::diagnosis::warnings(change, &user, &facts)
    }

    /// Keys on the confirmation: Enter sends, Esc goes back.
    pub(super) fn confirm_command(&mut self, command: Command) -> Vec<Request> {
        let Screen::Confirm(c) = &self.screen else {
            return Vec::new();
        };
        if c.metadata.is_some() {
            self.metadata_command(command);
            return Vec::new();
        }
        match command {
            Command::ClientMetadata if c.change.takes_client_metadata() => {
                let text = crate::cognito::metadata::show(self.pool_metadata());
                if let Screen::Confirm(c) = &mut self.screen {
                    c.metadata = Some(
                        Form::new(&[("ClientMetadata (key=value, …)", false)]).with_value(0, &text),
                    );
                }
                Vec::new()
            }
            Command::ClientMetadata => {
                self.status = Some(Status::Info(
                    "This change makes no call that takes ClientMetadata.".into(),
                ));
                Vec::new()
            }
            Command::Submit => {
                if let (Some(form), Some(username)) = (&c.typed, c.change.username())
                    && form.value(0).trim() != username
                {
                    self.status = Some(Status::Error(format!(
                        "Type the username '{username}' exactly to confirm the deletion."
                    )));
                    return Vec::new();
                }
                let Screen::Confirm(c) = std::mem::replace(&mut self.screen, Screen::Lookup) else {
                    return Vec::new();
                };
                let ConfirmChange { change, back, .. } = *c;
                self.screen = *back;
                self.send(change)
            }
            Command::Back => {
                let Screen::Confirm(c) = std::mem::replace(&mut self.screen, Screen::Lookup) else {
                    return Vec::new();
                };
                self.screen = *c.back;
                self.status = Some(Status::Info("Cancelled: nothing was sent.".into()));
                Vec::new()
            }
            _ => {
                self.form_command(command);
                Vec::new()
            }
        }
    }
}

impl App {
    /// Keys while the ClientMetadata is edited on a confirmation: Enter keeps what was typed
    /// (when it reads as pairs), Esc leaves it as it was; neither sends anything.
    fn metadata_command(&mut self, command: Command) {
        let Screen::Confirm(c) = &mut self.screen else {
            return;
        };
        match command {
            Command::Submit => {
                let text = c
                    .metadata
                    .as_ref()
                    .map(|f| f.value(0).to_owned())
                    .unwrap_or_default();
                match crate::cognito::metadata::parse(&text) {
                    Ok(metadata) => {
                        c.metadata = None;
                        self.status = Some(Status::Info(if metadata.is_empty() {
                            "No ClientMetadata will be sent.".into()
                        } else {
                            format!(
                                "ClientMetadata for this pool for the rest of this session: {}.",
                                crate::cognito::metadata::show(&metadata)
                            )
                        }));
                        if let Some(pool_id) = self.pool_id() {
                            self.options.client_metadata.insert(pool_id, metadata);
                        }
                    }
                    Err(problem) => self.status = Some(Status::Error(problem)),
                }
            }
            Command::Back => {
                c.metadata = None;
                self.status = Some(Status::Info("ClientMetadata left as it was.".into()));
            }
            _ => self.form_command(command),
        }
    }

    /// Moving between fields and revealing secrets, on the confirmation's field.
    fn form_command(&mut self, command: Command) {
        if let Some(form) = self.form_mut() {
            form.on_command(command);
        }
    }
}

/// Whether the change deletes a user, which asks for the username to be typed.
fn deletes(change: &Action) -> bool {
    matches!(change, Action::Admin { calls, .. } if calls.contains(&AdminCall::Delete))
}

/// The sentences the confirmation shows: what the change does to whom, then what follows.
pub fn notes(change: &Action) -> Vec<String> {
    let who = change.username().unwrap_or("the signed-in user").to_owned();
    match change {
        Action::Admin { .. } | Action::BulkStep { .. } => {
            let calls = calls_of(change);
            let what: Vec<String> = calls.iter().map(AdminCall::doing).collect();
            let mut notes = vec![format!("{who}: {}.", capitalised(&what.join(", then ")))];
            notes.extend(calls.iter().flat_map(|c| consequences(c, &who, &calls)));
            notes
        }
        Action::SignUp {
            client, attributes, ..
        } => {
            let mut notes = vec![format!(
                "Sign {who} up through the app client {}, as the app would.",
                client.name
            )];
            if !attributes.is_empty() {
                let names: Vec<&str> = attributes.iter().map(|a| a.name.as_str()).collect();
                notes.push(format!("With {}.", names.join(", ")));
            }
            notes.push(
                "Cognito then sends them a confirmation code, unless a trigger confirms them."
                    .into(),
            );
            notes
        }
        Action::ConfirmSignUp { force_alias, .. } => {
            let mut notes = vec![
                format!("Confirm {who}'s sign-up with the code they read out."),
                "A wrong code changes nothing; Cognito limits how many tries a user gets.".into(),
            ];
            notes.extend(force_alias.then(|| force_alias_note(&who)));
            notes
        }
        Action::ResendCode { .. } => vec![
            format!("Send {who} a new sign-up code; the code sent before stops working."),
            "Cognito limits how many codes a user gets in a while.".into(),
        ],
        Action::ForgotPassword { .. } => vec![
            format!(
                "Send {who} a password reset code by their verified email or phone (ForgotPassword), as the app's 'forgot password' does."
            ),
            "A code sent before stops working; their current password keeps working until the new one is set.".into(),
        ],
        Action::ConfirmForgotPassword { .. } => vec![
            format!("Set {who}'s new password with the reset code they read out (ConfirmForgotPassword)."),
            format!("{who} signs in with the new password from now on; a wrong code changes nothing."),
        ],
        Action::AttributeCode { attribute, .. } => vec![format!(
            "Send {who} a code to verify their {attribute}, as the signed-in user."
        )],
        Action::VerifyAttribute { attribute, .. } => vec![format!(
            "Verify {who}'s {attribute} with the code they read out."
        )],
        Action::Invite { invitation, .. } => invite_notes(&who, invitation),
        Action::AdminSetMfa {
            totp, sms, email, ..
        } => super::mfa::set_mfa_notes(&who, *totp, *sms, *email),
        Action::DeletePasskey { name, .. } => vec![
            format!("Delete {who}'s passkey '{name}' (DeleteWebAuthnCredential), as the signed-in user."),
            format!("{who} can no longer sign in with it; their other passkeys and their password keep working."),
        ],
        Action::AssociateTotp { with, .. } => vec![
            format!("Get a new TOTP secret for {who} (AssociateSoftwareToken): the QR shows next."),
            enrol_note(with),
        ],
        Action::VerifyTotp { with, .. } => vec![
            format!("Check {who}'s first authenticator code (VerifySoftwareToken)."),
            enrol_note(with),
        ],
        Action::RememberDevice { .. } => vec![
            format!(
                "Remember this terminal as a device for {who} (ConfirmDevice, named '{}'), with their access token.",
                crate::cognito::device::DEVICE_NAME
            ),
            "When the pool lets users opt in, UpdateDeviceStatus then marks it remembered, as part of this change.".into(),
            format!("The pool may then skip MFA when {who} signs in here again during this run; the device shows on their page (d) and can be forgotten there (x)."),
            "cognitui keeps the device's password in memory only: it is gone when cognitui quits.".into(),
        ],
        Action::StartImportJob { job, .. } => super::lifecycle::jobs::job_notes(job),
        Action::StopImportJob { job, .. } => super::lifecycle::jobs::stop_notes(job),
        Action::PreferTotp { .. } => vec![format!(
            "Make TOTP {who}'s enabled, preferred MFA (SetUserMFAPreference)."
        )],
        Action::Respond {
            answer: Answer::NewPassword { .. },
            ..
        } => vec![
            format!("Set {who}'s own password and finish the first sign-in."),
            format!("{who} becomes CONFIRMED; the temporary password stops working."),
        ],
        Action::Group { change, .. } => group_notes(change),
        other => vec![format!("{who}: {}.", other.label())],
    }
}

/// What an invitation (or a resent one) does.
fn invite_notes(who: &str, invitation: &crate::cognito::invite::Invitation) -> Vec<String> {
    let delivery = invitation.delivery.label();
    if invitation.resend {
        return vec![format!(
            "Send {who} a new temporary password by {delivery}; the old one stops working."
        )];
    }
    let mut notes = vec![
        format!("Invite {who}: the user is created as FORCE_CHANGE_PASSWORD."),
        format!("The temporary password goes by {delivery}."),
    ];
    notes.extend(invitation.force_alias.then(|| force_alias_note(who)));
    notes
}

/// What `ForceAliasCreation` does.
fn force_alias_note(who: &str) -> String {
    format!(
        "ForceAliasCreation: a verified email or phone number another user holds as a sign-in alias moves to {who}."
    )
}

/// What a change to a group does, and what follows.
fn group_notes(change: &GroupChange) -> Vec<String> {
    let name = change.group();
    let precedence = |spec: &GroupSpec| {
        spec.precedence
            .map_or_else(|| "no precedence".to_owned(), |p| format!("precedence {p}"))
    };
    let description = |spec: &GroupSpec| {
        if spec.description.is_empty() {
            "no description".to_owned()
        } else {
            format!("the description '{}'", spec.description)
        }
    };
    match change {
        GroupChange::Create(spec) => vec![
            format!(
                "Create the group {name} (CreateGroup), with {} and {}.",
                description(spec),
                precedence(spec)
            ),
            "It has no members yet: add users from their page (g), or mark them in the table and press b on the group.".into(),
        ],
        GroupChange::Update(spec) => vec![
            format!(
                "Give the group {name} {} and {} (UpdateGroup).",
                description(spec),
                precedence(spec)
            ),
            "Its members stay. When a user is in several groups, the one with the lowest precedence decides the IAM role in their tokens.".into(),
        ],
        GroupChange::Delete { members, .. } => vec![
            format!("Delete the group {name} (DeleteGroup): this cannot be undone."),
            match members {
                Some(GroupSize::Exactly(0)) => "It has no members.".to_owned(),
                Some(GroupSize::Exactly(1)) => "Its 1 member loses the group; the user stays.".to_owned(),
                Some(GroupSize::Exactly(n)) => format!("Its {n} members lose the group; the users stay."),
                Some(GroupSize::AtLeast(n)) => format!("Its more than {n} members lose the group; the users stay."),
                None => "How many members it has is not known yet; they lose the group, the users stay.".to_owned(),
            },
            "Tokens already issued still name the group until they expire.".into(),
        ],
    }
}

fn calls_of(change: &Action) -> Vec<AdminCall> {
    match change {
        Action::Admin { calls, .. } => calls.clone(),
        Action::BulkStep { call, .. } => vec![call.clone()],
        _ => Vec::new(),
    }
}

fn enrol_note(with: &EnrolWith) -> String {
    match with {
        EnrolWith::Session(_) => {
            "Once the code is verified, the sign-in finishes and TOTP becomes the preferred MFA."
                .into()
        }
        EnrolWith::AccessToken(_) => {
            "Once the code is verified, TOTP becomes the user's preferred MFA.".into()
        }
    }
}

/// Whether the calls mark the email verified.
fn marks_email_verified(calls: &[AdminCall]) -> bool {
    calls.iter().any(|c| {
        matches!(c, AdminCall::SetAttributes(set)
            if set.iter().any(|a| a.name == "email_verified" && a.value == "true"))
    })
}

/// What follows an admin call, for the agent to weigh before Enter (`with`: the calls of the
/// same change).
fn consequences(call: &AdminCall, who: &str, with: &[AdminCall]) -> Vec<String> {
    match call {
        AdminCall::Disable => vec![
            format!("{who} cannot sign in, and the access tokens already issued are revoked."),
            "Enable them again at any time; nothing else about them changes.".into(),
        ],
        AdminCall::Enable => vec![format!("{who} will be able to sign in again.")],
        AdminCall::Delete => vec![
            format!("{who} and everything about them is deleted for good: this cannot be undone."),
            "Type the username to confirm.".into(),
        ],
        AdminCall::ResetPassword => vec![
            "Cognito sends the user a code by their verified email or phone; without one, the reset fails (mark one verified first).".into(),
            format!("{who} becomes RESET_REQUIRED: at the next sign-in they must use 'forgot password' with the code and choose a new password."),
        ],
        AdminCall::GlobalSignOut => vec![
            format!("Every refresh token of {who} is revoked, on every device."),
            "Access and ID tokens already issued stay valid until they expire (up to an hour by default).".into(),
        ],
        AdminCall::EventFeedback { valid: true, .. } => vec![format!(
            "Threat protection learns that this sign-in was {who}: sign-ins like it score a lower risk."
        )],
        AdminCall::EventFeedback { .. } => vec![format!(
            "Threat protection learns that this sign-in was not {who}: sign-ins like it score a higher risk, and the pool's account-takeover actions apply to them."
        )],
        AdminCall::LinkIdentity { provider, user_id } => vec![
            format!("From now on, signing in with {provider} as {user_id} signs in as {who}, with {who}'s attributes and groups."),
            format!("Cognito refuses it if that {provider} identity already signed in on its own (it is a user of the pool then): delete that user first."),
        ],
        AdminCall::UnlinkIdentity { provider, user_id } => vec![format!(
            "Signing in with {provider} as {user_id} no longer signs in as {who}; a new sign-in with it makes a user of its own."
        )],
        AdminCall::DeleteSoftwareToken => vec![
            format!("{who}'s authenticator app (TOTP) is forgotten: its codes stop working and TOTP MFA is off for them."),
            format!("At {who}'s next sign-in a pool that requires MFA asks them to set up a new authenticator (MFA_SETUP); otherwise they enrol again from the tokens screen."),
        ],
        AdminCall::ConfirmSignUp if marks_email_verified(with) => Vec::new(),
        AdminCall::ConfirmSignUp => vec![
            "The email is not marked verified by this: mark it too, or 'forgot password' will fail.".into(),
        ],
        AdminCall::ResendInvitation(d) => vec![format!(
            "A new temporary password goes by {}; the old one stops working.",
            d.label()
        )],
        AdminCall::SetPassword {
            permanent: true, ..
        } => vec![format!("{who} becomes CONFIRMED and signs in with this password.")],
        AdminCall::SetPassword { .. } => vec![format!(
            "{who} becomes FORCE_CHANGE_PASSWORD and must choose a new password at sign-in."
        )],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::app::test_support::app;

    use super::*;
    use crate::action::samples::every_action;
    use crate::screens::audit::AuditView;

    #[test]
    fn no_change_is_sent_without_its_confirm_step() {
        for change in every_action().into_iter().filter(Action::mutates) {
            let mut app = app();
            let label = change.label();
            assert!(
                app.request(change.clone()).is_empty(),
                "{label} was sent at once"
            );
            let Screen::Confirm(c) = &mut app.screen else {
                panic!("{label} opened no confirmation");
            };
            assert_eq!(c.change, change);
            assert!(!c.notes.is_empty(), "{label} says nothing");
            if let (Some(form), Some(username)) = (&mut c.typed, change.username()) {
                form.set(0, username);
            }
            let sent = app.confirm_command(Command::Submit);
            assert_eq!(sent.len(), 1, "{label}: Enter sends it once");
            assert_eq!(sent[0].action, change);
        }
    }

    #[test]
    fn reads_are_sent_at_once() {
        for read in every_action().into_iter().filter(|a| !a.mutates()) {
            assert_eq!(app().request(read.clone()).len(), 1, "{}", read.label());
        }
    }

    #[test]
    fn esc_sends_nothing_and_goes_back() {
        for change in every_action().into_iter().filter(Action::mutates) {
            let mut app = app();
            app.screen = Screen::Module(Box::<AuditView>::default());
            let _ = app.request(change);
            assert!(app.confirm_command(Command::Back).is_empty());
            assert!(app.module_as::<AuditView>().is_some());
            assert!(app.in_flight.is_empty());
        }
    }

    #[test]
    fn a_deletion_needs_the_username_typed() {
        let mut app = app();
        let _ = app.request(Action::Admin {
            pool_id: "p".into(),
            username: "ann".into(),
            calls: vec![AdminCall::Delete],
        });
        assert!(app.confirm_command(Command::Submit).is_empty());
        assert!(matches!(app.status, Some(Status::Error(_))));
        assert!(matches!(app.screen, Screen::Confirm(_)));
    }
}
