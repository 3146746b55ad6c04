//! The few words the spinner shows for each action in flight.

use super::Action;
use crate::cognito::groups::GroupChange;

impl Action {
    /// A few words for the spinner while the action is in flight.
    pub fn label(&self) -> &'static str {
        match self {
            Self::ListPools => "Listing user pools",
            Self::ListProfiles => "Reading the AWS profiles",
            Self::FindEverywhere { .. } => "Searching every pool",
            Self::ListClients { .. } => "Listing app clients",
            Self::OpenPool { .. } => "Reading the pool",
            Self::ListUsers { .. } => "Loading users",
            Self::GetUser { .. } => "Loading the user",
            Self::SignIn { .. } => "Signing in",
            Self::Respond { .. } => "Answering the challenge",
            Self::AssociateTotp { .. } => "Getting a TOTP secret",
            Self::VerifyTotp { .. } => "Verifying the code",
            Self::PreferTotp { .. } => "Making TOTP preferred",
            Self::RememberDevice { .. } => "Remembering this terminal as a device",
            Self::SignUp { .. } => "Signing up",
            Self::ConfirmSignUp { .. } => "Confirming with the code",
            Self::ResendCode { .. } | Self::AttributeCode { .. } => "Sending a code",
            Self::VerifyAttribute { .. } => "Verifying with the code",
            Self::ForgotPassword { .. } => "Sending a password reset code",
            Self::ConfirmForgotPassword { .. } => "Setting the new password with the code",
            Self::Admin { .. } => "Changing the user",
            Self::Invite { .. } => "Inviting",
            Self::ListGroups { .. } => "Listing groups",
            Self::CountMembers { .. } => "Counting group members",
            Self::GroupMembers { .. } => "Loading the group's members",
            Self::Group { change, .. } => match change {
                GroupChange::Create(_) => "Creating the group",
                GroupChange::Update(_) => "Updating the group",
                GroupChange::Delete { .. } => "Deleting the group",
            },
            Self::Overview { .. } => "Reading the pool's settings",
            Self::ListDevices { .. } => "Listing devices",
            Self::AuthEvents { .. } => "Reading sign-in events",
            Self::ReportUser { .. } => "Reading users for the report",
            Self::Examine { .. } => "Examining the users",
            Self::ListPasskeys { .. } => "Listing passkeys",
            Self::DeletePasskey { .. } => "Deleting the passkey",
            Self::ReadAudit => "Reading the audit log",
            Self::UserGroups { .. } => "Reading groups for the export",
            Self::WriteExport { .. } => "Writing the export",
            Self::ReadImport { .. } => "Reading the file",
            Self::CsvHeader { .. } => "Reading the import job's columns",
            Self::StartImportJob { .. } => "Starting the import job",
            Self::DescribeImportJob { .. } => "Checking the import job",
            Self::ListImportJobs { .. } => "Listing the import jobs",
            Self::StopImportJob { .. } => "Stopping the import job",
            Self::AliasHolder { .. } => "Finding who holds that email or phone",
            Self::BulkStep { .. } => "Working through the selection",
            Self::Backup { .. } => "Backing the pool up",
            Self::Compare { .. } => "Comparing",
            Self::PlanRestore { .. } => "Reading the backup and the pool",
            Self::Restore { .. } => "Restoring",
        }
    }
}
