//! The sentences a confirmation shows: what the change does and to whom, then what follows
//! from it.

use crate::action::Action;
use crate::cognito::admin::AdminCall;
use crate::cognito::auth::{Answer, EnrolWith};
use crate::cognito::groups::{GroupChange, GroupSize, GroupSpec};
use crate::cognito::import::{ImportJob, NewImportJob};
use crate::cognito::mfa::{MfaFactor, MfaPreference};
use crate::sentence::capitalised;

/// The sentences the confirmation shows: what the change does to whom, then what follows.
pub fn notes(change: &Action) -> Vec<String> {
    let who = change.username().unwrap_or("the signed-in user").to_owned();
    match change {
        Action::Admin { .. } | Action::BulkStep { .. } => {
            let calls = calls_of(change);
            let what: Vec<String> = calls.iter().map(AdminCall::doing).collect();
            let mut notes = vec![format!("{who}: {}.", capitalised(&what.join(", then ")))];
            notes.extend(calls.iter().flat_map(|c| consequences(c, &who, &calls)));
            if calls.contains(&AdminCall::Delete) {
                notes.push("Type the username to confirm.".into());
            }
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
        Action::StartImportJob { job, .. } => job_notes(job),
        Action::StopImportJob { job, .. } => stop_notes(job),
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
        Action::Admin { calls, .. } | Action::BulkStep { calls, .. } => calls.clone(),
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
        AdminCall::SetMfa(preference) => mfa_consequences(who, *preference),
        AdminCall::ForgetDevices => vec![
            format!("Every device {who} remembered is forgotten: their next sign-in on each asks for MFA again where the pool asks it of new devices."),
            "Their tokens and passwords keep working.".into(),
        ],
        _ => Vec::new(),
    }
}

/// What a bulk run's `calls` do to each user, for its preview: the same sentences as a
/// confirmation's, about "each user".
pub fn bulk_notes(calls: &[AdminCall]) -> Vec<String> {
    calls
        .iter()
        .flat_map(|c| consequences(c, "each user", calls))
        .map(|sentence| capitalised(&sentence))
        .collect()
}

/// What each factor set takes and means.
fn mfa_consequences(who: &str, preference: MfaPreference) -> Vec<String> {
    let mut notes = Vec::new();
    for (factor, setting) in preference.settings() {
        notes.push(match (factor, setting.enabled) {
            (MfaFactor::Totp, true) => format!(
                "Only works once {who} has verified an authenticator app; otherwise Cognito refuses it (sign in as them and enrol first)."
            ),
            (MfaFactor::Sms, true) => format!(
                "Codes go by SMS to {who}'s phone_number, which must be verified; the pool needs SMS set up (its SMS role)."
            ),
            (MfaFactor::Email, true) => format!(
                "Codes go to {who}'s email, which must be verified; the pool needs email MFA, on the Essentials or Plus plan."
            ),
            (f, false) => format!(
                "{who} is no longer asked for {} codes; where the pool requires MFA they need another factor.",
                f.label()
            ),
        });
        if setting.preferred {
            notes.push(format!(
                "Cognito asks {who} for this factor first at sign-in."
            ));
        }
    }
    notes
}

/// What stopping `job` does, for its confirmation.
fn stop_notes(job: &ImportJob) -> Vec<String> {
    vec![
        format!(
            "Stop the import job {} ({}), now {} with {} imported (StopUserImportJob).",
            job.name, job.id, job.status, job.imported
        ),
        "Users already imported stay in the pool; the rest of the file is not imported. A stopped job cannot be started again.".into(),
    ]
}

/// What the confirmation of an import job says.
fn job_notes(job: &NewImportJob) -> Vec<String> {
    vec![
        format!(
            "Import {} with a Cognito import job named '{}': CreateUserImportJob, the file uploaded to the job's pre-signed URL, then StartUserImportJob.",
            crate::sentence::count(job.usernames.len(), "user"),
            job.name
        ),
        format!(
            "The job writes its logs to CloudWatch through the role {}.",
            job.role_arn
        ),
        "Cognito sends no invitation: imported users are RESET_REQUIRED and choose their password through 'forgot password' at their first sign-in.".into(),
        "Cognito skips a user who exists already; the progress shows while the import screen is open.".into(),
    ]
}
