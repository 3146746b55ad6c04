//! What each command does, in the words of the help overlay, and which commands lead to a
//! change of the pool.

use super::Command;

impl Command {
    /// The line the help overlay shows for the command.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Quit => "quit",
            Self::Help => "show this help",
            Self::Back => "abandon the pending call, or go back",
            Self::Retry => "retry the call that failed",
            Self::Up => "move up",
            Self::Down => "move down",
            Self::PageUp => "page up",
            Self::PageDown => "page down",
            Self::Top => "go to the first row",
            Self::Bottom => "go to the last loaded row",
            Self::Open => "open / choose",
            Self::Search => "type a search (server-side filter)",
            Self::Refine => "refine loaded rows (text or attr=value)",
            Self::NextAttribute => "search on the next attribute",
            Self::ToggleExact => "toggle prefix / exact match",
            Self::CycleStatus => "quick filter by status",
            Self::MarkList => "mark the users of a list (usernames, emails, phones, subs)",
            Self::Report => "report MFA, groups and last sign-in of the marked (or shown) users",
            Self::CreateOrUpdate => {
                "create the new users and update the existing ones from the file"
            }
            Self::Sort => "sort by the next column (the last: as loaded)",
            Self::ReverseSort => "reverse the sort",
            Self::LoadAll => "load every matching user",
            Self::Refresh => "reload",
            Self::SwitchProfile => "change the AWS profile and region",
            Self::FindEverywhere => "find a user in every pool",
            Self::CycleScope => "search the region's pools, the configured ones, or both",
            Self::SwitchPool => "choose another pool",
            Self::SignIn => "sign in as this user",
            Self::MfaSettings => "MFA settings (admin)",
            Self::Submit => "send",
            Self::NextField => "next field",
            Self::PrevField => "previous field",
            Self::Reveal => "show / hide the password",
            Self::ToggleFlow => "next sign-in flow the app client allows",
            Self::FullScreen => "full-screen QR",
            Self::Invert => "invert the QR colours",
            Self::Authenticator => "demo authenticator (code computed here)",
            Self::CopySecret => "copy the secret (OSC 52)",
            Self::CopyUri => "copy the otpauth URI (OSC 52)",
            Self::EnrolTotp => "set up an authenticator app (TOTP)",
            Self::RememberDevice => "remember this terminal as the user's device (ConfirmDevice)",
            Self::CopyAccessToken => "copy the access token (OSC 52)",
            Self::CopyIdToken => "copy the ID token (OSC 52)",
            Self::SignUp => "sign up a new user (as the app would)",
            Self::Invite => "invite a new user (admin)",
            Self::EnterCode => "enter the confirmation code the user has",
            Self::ResendCode => "send a new confirmation code",
            Self::AdminConfirm => "confirm as admin",
            Self::ConfirmAndVerify => "confirm as admin and mark the email verified",
            Self::EditAttributes => "edit attributes",
            Self::VerifyAsUser => "verify email/phone as the user (needs their password)",
            Self::ResendInvite => "resend the invitation (new temporary password)",
            Self::Toggle => "toggle true / false",
            Self::DeleteAttribute => "delete / keep the attribute",
            Self::AddAttribute => "add an attribute",
            Self::Undo => "undo the change to this attribute",
            Self::Preview => "preview the changes before sending",
            Self::GeneratePassword => "generate a temporary password",
            Self::CycleDelivery => "change how the invitation is delivered",
            Self::ToggleVerified => "mark email/phone verified or not",
            Self::ToggleEnabled => "disable / enable the user",
            Self::DeleteUser => "delete the user (type the username to confirm)",
            Self::ResetPassword => "reset the password (AdminResetUserPassword)",
            Self::SetPassword => "set a password, permanent or temporary",
            Self::GlobalSignOut => "sign the user out everywhere",
            Self::Groups => "groups: add or remove the user",
            Self::Devices => "remembered devices",
            Self::AuthEvents => "sign-in events (threat protection)",
            Self::CopyCli => "copy the equivalent AWS CLI command (OSC 52)",
            Self::Forget => "forget the device",
            Self::EventValid => "mark the sign-in event valid (it was the user)",
            Self::EventInvalid => "mark the sign-in event invalid (it was not the user)",
            Self::AuditLog => "the audit log of changes",
            Self::Mark => "mark / unmark the user for bulk work",
            Self::MarkAll => "mark every row shown",
            Self::ClearMarks => "unmark everyone",
            Self::Bulk => "act on the marked users (bulk)",
            Self::Cleanup => "clean up stale UNCONFIRMED users",
            Self::Export => "export the marked users (or the rows shown) to CSV or JSON",
            Self::Import => "import users from a CSV file (invitations or an import job)",
            Self::ImportJob => "import the rows that pass with a Cognito import job instead",
            Self::ForgotPassword => "forgot password: send a reset code, then set the password",
            Self::Passkeys => "the signed-in user's passkeys",
            Self::DeletePasskey => "delete the passkey (DeleteWebAuthnCredential)",
            Self::PoolGroups => "the pool's groups and their members",
            Self::PoolOverview => "the pool's settings and app clients",
            Self::CreateGroup => "create a group (CreateGroup)",
            Self::EditGroup => "edit the group's description and precedence (UpdateGroup)",
            Self::DeleteGroup => "delete the group (DeleteGroup)",
            Self::ClientMetadata => "edit the ClientMetadata sent to the Lambda triggers",
            Self::LinkIdentity => "link an external identity (AdminLinkProviderForUser)",
            Self::UnlinkIdentity => "unlink an external identity (AdminDisableProviderForUser)",
            Self::StopJob => "stop the selected import job (StopUserImportJob)",
            pool_work => pool_work.describe_pool_work(),
        }
    }

    /// The lines of the keys that work on the whole pool.
    fn describe_pool_work(self) -> &'static str {
        match self {
            Self::PoolDoctor => "the pool doctor: users in known traps",
            Self::ImportJobs => "the pool's import jobs (ListUserImportJobs)",
            Self::Backup => "back the pool up to a file",
            Self::Restore => "restore a backup into this pool",
            Self::Compare => "compare with another pool or a backup",
            Self::Resume => "carry on the backup the file holds",
            Self::Unconfirmed => "skip or create UNCONFIRMED users",
            other => unreachable!("{other:?} is described by describe"),
        }
    }

    /// Whether the key opens or makes a change to the pool (read-only mode refuses these
    /// before anything opens).
    pub fn leads_to_change(self) -> bool {
        matches!(
            self,
            Self::SignUp
                | Self::Invite
                | Self::EnterCode
                | Self::ResendCode
                | Self::AdminConfirm
                | Self::ConfirmAndVerify
                | Self::EditAttributes
                | Self::VerifyAsUser
                | Self::ResendInvite
                | Self::ToggleEnabled
                | Self::DeleteUser
                | Self::ResetPassword
                | Self::SetPassword
                | Self::GlobalSignOut
                | Self::MfaSettings
                | Self::EnrolTotp
                | Self::RememberDevice
                | Self::Forget
                | Self::EventValid
                | Self::EventInvalid
                | Self::Bulk
                | Self::Cleanup
                | Self::Restore
                | Self::Import
                | Self::ImportJob
                | Self::ForgotPassword
                | Self::DeletePasskey
                | Self::CreateGroup
                | Self::EditGroup
                | Self::DeleteGroup
                | Self::LinkIdentity
                | Self::UnlinkIdentity
                | Self::StopJob
        )
    }
}
