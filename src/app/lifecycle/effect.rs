//! What each change is expected to leave behind, and what a read of the user afterwards says
//! about it: the pure half of the change lifecycle. A change whose answer was lost is settled
//! by comparing its expected effects with the user as read again.

use crate::action::Action;
use crate::cognito::CognitoError;
use crate::cognito::admin::AdminCall;
use crate::cognito::auth::{Answer, MfaSetting};
use crate::cognito::groups::GroupChange;
use crate::cognito::model::{User, UserDetail, UserStatus};

/// One thing a change is expected to leave behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The user exists (a creation).
    Exists,
    /// The user is gone (a deletion).
    Gone,
    /// The user is enabled (`true`) or disabled.
    Enabled(bool),
    /// The user's status is this.
    Status(UserStatus),
    /// The status a new password leads to; the password itself cannot be read back.
    PasswordStatus(UserStatus),
    /// The attribute has this value.
    Attribute { name: String, value: String },
    /// The user has no such attribute.
    NoAttribute(String),
    /// The user is a member of the group (`true`) or not.
    Member { group: String, member: bool },
    /// The MFA method (`SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`) is enabled or not.
    MfaEnabled { method: &'static str, enabled: bool },
    /// The MFA method is the preferred one.
    MfaPreferred(&'static str),
    /// Nothing a read of the user shows: how an agent checks instead.
    Unseen(&'static str),
    /// A change to a group, checked by reading the pool's groups.
    Group(GroupChange),
    /// The external identity is linked to the user (`true`) or not.
    Linked {
        provider: String,
        user_id: String,
        linked: bool,
    },
    /// An import job started or stopped, checked by reading the pool's import jobs.
    ImportJob,
}

/// What a change whose answer was lost turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The user as read shows the change.
    Applied,
    /// The user as read shows the change was not made.
    NotApplied,
    /// Nothing read can tell: how to check.
    Unknown(String),
}

/// The effects `change` is expected to have once applied.
pub fn expected(change: &Action) -> Vec<Effect> {
    match change {
        Action::Admin { calls, .. } | Action::BulkStep { calls, .. } => {
            calls.iter().flat_map(effects_of).collect()
        }
        Action::Invite { invitation, .. } if invitation.resend => vec![Effect::Unseen(
            "a new temporary password may have been sent: ask them whether it arrived (the old one stops working once it has)",
        )],
        Action::Invite { .. } | Action::SignUp { .. } => vec![Effect::Exists],
        Action::ConfirmSignUp { .. } => vec![Effect::Status(UserStatus::Confirmed)],
        Action::VerifyAttribute { attribute, .. } => vec![Effect::Attribute {
            name: format!("{attribute}_verified"),
            value: "true".into(),
        }],
        Action::ResendCode { .. }
        | Action::AttributeCode { .. }
        | Action::ForgotPassword { .. } => {
            vec![Effect::Unseen(
                "a code may have been sent: ask them whether it arrived before sending another (each new code replaces the last)",
            )]
        }
        Action::ConfirmForgotPassword { .. } => vec![Effect::Unseen(
            "the password cannot be read back: sign in as them with the new password to check",
        )],
        Action::Respond {
            answer: Answer::NewPassword { .. },
            ..
        } => vec![Effect::PasswordStatus(UserStatus::Confirmed)],
        Action::PreferTotp { .. } => vec![Effect::MfaPreferred("SOFTWARE_TOKEN_MFA")],
        Action::AssociateTotp { .. } | Action::VerifyTotp { .. } => vec![Effect::Unseen(
            "an enrolment in progress cannot be read back: start the enrolment again",
        )],
        Action::RememberDevice { .. } => vec![Effect::Unseen(
            "list their devices (d on their page) to see whether this terminal is remembered",
        )],
        Action::DeletePasskey { .. } => vec![Effect::Unseen(
            "list their passkeys again to see whether it is gone",
        )],
        Action::StartImportJob { .. } | Action::StopImportJob { .. } => vec![Effect::ImportJob],
        Action::Group { change, .. } => vec![Effect::Group(change.clone())],
        // Reads change nothing: nothing to expect; a restore settles its own lost answers,
        // call by call.
        Action::Restore { .. }
        | Action::Backup { .. }
        | Action::Compare { .. }
        | Action::PlanRestore { .. }
        | Action::Respond { .. }
        | Action::ListPools
        | Action::ListProfiles
        | Action::FindEverywhere { .. }
        | Action::ListClients { .. }
        | Action::OpenPool { .. }
        | Action::ListUsers { .. }
        | Action::GetUser { .. }
        | Action::SignIn { .. }
        | Action::ListGroups { .. }
        | Action::CountMembers { .. }
        | Action::GroupMembers { .. }
        | Action::Overview { .. }
        | Action::ListDevices { .. }
        | Action::AuthEvents { .. }
        | Action::ReportUser { .. }
        | Action::Examine { .. }
        | Action::ListPasskeys { .. }
        | Action::ReadAudit
        | Action::UserGroups { .. }
        | Action::WriteExport { .. }
        | Action::ReadImport { .. }
        | Action::CsvHeader { .. }
        | Action::DescribeImportJob { .. }
        | Action::AliasHolder { .. }
        | Action::ListImportJobs { .. } => Vec::new(),
    }
}

/// The effects of one admin call.
pub fn effects_of(call: &AdminCall) -> Vec<Effect> {
    match call {
        AdminCall::ConfirmSignUp => vec![Effect::Status(UserStatus::Confirmed)],
        AdminCall::SetAttributes(set) => set
            .iter()
            .map(|a| Effect::Attribute {
                name: a.name.clone(),
                value: a.value.clone(),
            })
            .collect(),
        AdminCall::DeleteAttributes(names) => {
            names.iter().cloned().map(Effect::NoAttribute).collect()
        }
        AdminCall::Enable => vec![Effect::Enabled(true)],
        AdminCall::Disable => vec![Effect::Enabled(false)],
        AdminCall::Delete => vec![Effect::Gone],
        AdminCall::ResetPassword => vec![Effect::PasswordStatus(UserStatus::ResetRequired)],
        AdminCall::SetPassword { permanent, .. } => vec![Effect::PasswordStatus(if *permanent {
            UserStatus::Confirmed
        } else {
            UserStatus::ForceChangePassword
        })],
        AdminCall::GlobalSignOut => vec![Effect::Unseen(
            "signing out cannot be read back; sending it again does no harm",
        )],
        AdminCall::AddToGroup(group) => vec![Effect::Member {
            group: group.clone(),
            member: true,
        }],
        AdminCall::RemoveFromGroup(group) => vec![Effect::Member {
            group: group.clone(),
            member: false,
        }],
        AdminCall::EventFeedback { .. } => vec![Effect::Unseen(
            "read their sign-in events again (h on their page) to see the feedback",
        )],
        AdminCall::LinkIdentity { provider, user_id } => vec![Effect::Linked {
            provider: provider.clone(),
            user_id: user_id.clone(),
            linked: true,
        }],
        AdminCall::UnlinkIdentity { provider, user_id } => vec![Effect::Linked {
            provider: provider.clone(),
            user_id: user_id.clone(),
            linked: false,
        }],
        AdminCall::ForgetDevice(_) => vec![Effect::Unseen(
            "list their devices (d on their page) to see whether it is still remembered",
        )],
        AdminCall::ResendInvitation(_) => vec![Effect::Unseen(
            "a new temporary password may have been sent: ask them whether it arrived (the old one stops working once it has)",
        )],
        AdminCall::DeleteSoftwareToken => vec![Effect::MfaEnabled {
            method: "SOFTWARE_TOKEN_MFA",
            enabled: false,
        }],
        AdminCall::CreateUser { .. } => vec![Effect::Exists],
        AdminCall::ForgetDevices => vec![Effect::Unseen(
            "list their devices (d on their page) to see whether any is still remembered",
        )],
        AdminCall::SetMfa(preference) => preference
            .settings()
            .into_iter()
            .flat_map(|(factor, setting)| mfa_effects(factor.method(), setting))
            .collect(),
    }
}

fn mfa_effects(method: &'static str, setting: MfaSetting) -> Vec<Effect> {
    let mut effects = vec![Effect::MfaEnabled {
        method,
        enabled: setting.enabled,
    }];
    if setting.preferred {
        effects.push(Effect::MfaPreferred(method));
    }
    effects
}

/// What was known of the user before the change: each part only when something on screen
/// showed it (their page shows everything; the table only the user; the MFA menu their MFA).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Before {
    pub user: Option<User>,
    pub groups: Option<Vec<String>>,
    /// The preferred MFA method and the enabled ones.
    pub mfa: Option<(Option<String>, Vec<String>)>,
}

impl Before {
    /// Everything a user's page shows.
    pub fn page(detail: &UserDetail) -> Self {
        Self {
            user: Some(detail.user.clone()),
            groups: Some(detail.groups.clone()),
            mfa: Some((detail.preferred_mfa.clone(), detail.mfa_enabled.clone())),
        }
    }
}

/// What one effect's check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    /// The read shows it, and it was not so before (or the state before is not known).
    Holds,
    /// The read shows it was not made.
    Contradicted,
    /// The read cannot tell.
    Unseen,
}

/// Settles `effects` against the user as read again (`None`: not found), given the user as
/// they were before the change when known. An effect that already held before is no evidence.
pub fn settle(effects: &[Effect], before: &Before, after: Option<&UserDetail>) -> Verdict {
    let mut hints = Vec::new();
    let mut holds = false;
    for effect in effects {
        match seen(effect, before, after, &mut hints) {
            Seen::Contradicted => return Verdict::NotApplied,
            Seen::Holds => holds = true,
            Seen::Unseen => {}
        }
    }
    if holds {
        return Verdict::Applied;
    }
    hints.dedup();
    Verdict::Unknown(if hints.is_empty() {
        "read the user again before you send it again".into()
    } else {
        hints.join("; ")
    })
}

fn seen(
    effect: &Effect,
    before: &Before,
    after: Option<&UserDetail>,
    hints: &mut Vec<String>,
) -> Seen {
    let mut check = |shows: bool, showed: Option<bool>| match (shows, showed) {
        (false, _) => Seen::Contradicted,
        (true, Some(true)) => {
            hints.push("they were already so before, so the read cannot tell".into());
            Seen::Unseen
        }
        (true, _) => Seen::Holds,
    };
    let groups = before.groups.as_ref();
    let mfa = before.mfa.as_ref();
    let before = before.user.as_ref();
    let user = after.map(|d| &d.user);
    match (effect, after) {
        (Effect::Exists, found) => check(found.is_some(), None),
        (Effect::Gone, found) => check(found.is_none(), None),
        (Effect::Group(_) | Effect::ImportJob, _) => Seen::Unseen,
        (Effect::Unseen(how), _) => {
            hints.push((*how).to_owned());
            Seen::Unseen
        }
        // Every other effect needs the user to be there.
        (_, None) => Seen::Contradicted,
        (Effect::Enabled(on), Some(d)) => {
            check(d.user.enabled == *on, before.map(|b| b.enabled == *on))
        }
        (Effect::Status(status), Some(d)) => check(
            d.user.status == *status,
            before.map(|b| b.status == *status),
        ),
        (Effect::PasswordStatus(status), Some(d)) => {
            if d.user.status != *status {
                return Seen::Contradicted;
            }
            if before.is_some_and(|b| b.status != *status) {
                return Seen::Holds;
            }
            // The status was already so (or is not known): only the password could tell.
            hints
                .push("the password cannot be read back (sign in as them with it to check)".into());
            Seen::Unseen
        }
        (Effect::Attribute { name, value }, Some(d)) => check(
            d.user.attribute(name) == Some(value),
            before.map(|b| b.attribute(name) == Some(value)),
        ),
        (Effect::NoAttribute(name), Some(_)) => check(
            user.and_then(|u| u.attribute(name)).is_none(),
            before.map(|b| b.attribute(name).is_none()),
        ),
        (Effect::Member { group, member }, Some(d)) => check(
            d.groups.contains(group) == *member,
            groups.map(|g| g.contains(group) == *member),
        ),
        (
            Effect::Linked {
                provider,
                user_id,
                linked,
            },
            Some(d),
        ) => {
            let has = |u: &User| {
                crate::identities::linked(u).is_some_and(|ids| {
                    ids.iter()
                        .any(|i| i.provider == *provider && i.user_id == *user_id)
                }) == *linked
            };
            check(has(&d.user), before.map(has))
        }
        (Effect::MfaEnabled { method, enabled }, Some(d)) => {
            let on = |list: &[String]| list.iter().any(|m| m == method) == *enabled;
            check(on(&d.mfa_enabled), mfa.map(|(_, list)| on(list)))
        }
        (Effect::MfaPreferred(method), Some(d)) => {
            let preferred = |p: &Option<String>| p.as_deref() == Some(*method);
            check(preferred(&d.preferred_mfa), mfa.map(|(p, _)| preferred(p)))
        }
    }
}

/// Why the answer of a change is not known, as a sentence: "The connection dropped before
/// Cognito's answer came."
pub fn lost_reason(error: &CognitoError) -> String {
    match error {
        CognitoError::Timeout => "Cognito did not answer in time.".into(),
        CognitoError::Unreachable => "The connection dropped before Cognito's answer came.".into(),
        CognitoError::ServerError(status) => format!(
            "Cognito answered HTTP {status} without saying what it did; this endpoint may not support the operation."
        ),
        CognitoError::InternalError => {
            "Cognito reported an internal error without saying what it did.".into()
        }
        CognitoError::AnswerCut(status) => {
            format!("Cognito's answer (HTTP {status}) was cut off on the way.")
        }
        CognitoError::UnreadableResponse(status) => {
            format!("Cognito's answer (HTTP {status}) could not be read.")
        }
        other => format!("Its answer was not clear: {other}"),
    }
}
