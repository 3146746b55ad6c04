//! The Cognito operations cognitui calls, each named by its SDK error type with the way the
//! call is made: what a refusal means depends on both (see `refusals`).

use aws_sdk_cognitoidentityprovider::operation as op;

/// How a call is made, which decides what some refusals mean (a NotAuthorized is the AWS
/// identity's, the sign-in's, a remembered device's or the user's access token's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Signed with the AWS identity's credentials: the admin and pool calls.
    Iam,
    /// The app client alone, for a user who is not signed in: sign-up, codes, passwords.
    App,
    /// A sign-in: its start, or a challenge answered with its session (MFA setup included).
    SignIn,
    /// A challenge of the remembered device answered at sign-in.
    Device,
    /// The signed-in user's access token.
    AccessToken,
}

/// The error type of a Cognito operation: which operation it is, and how cognitui makes it
/// unless the caller says otherwise.
pub trait Call {
    /// The operation's name, as Cognito's API and IAM (`cognito-idp:NAME`) spell it.
    const OPERATION: &'static str;
    /// How cognitui makes the call.
    const VIA: Via;
}

macro_rules! calls {
    ($($module:ident::$error:ident => $name:literal, $via:ident;)*) => {
        $(impl Call for op::$module::$error {
            const OPERATION: &'static str = $name;
            const VIA: Via = Via::$via;
        })*
    };
}

calls! {
    admin_add_user_to_group::AdminAddUserToGroupError => "AdminAddUserToGroup", Iam;
    admin_confirm_sign_up::AdminConfirmSignUpError => "AdminConfirmSignUp", Iam;
    admin_create_user::AdminCreateUserError => "AdminCreateUser", Iam;
    admin_delete_software_token::AdminDeleteSoftwareTokenError => "AdminDeleteSoftwareToken", Iam;
    admin_delete_user::AdminDeleteUserError => "AdminDeleteUser", Iam;
    admin_delete_user_attributes::AdminDeleteUserAttributesError => "AdminDeleteUserAttributes", Iam;
    admin_disable_provider_for_user::AdminDisableProviderForUserError => "AdminDisableProviderForUser", Iam;
    admin_disable_user::AdminDisableUserError => "AdminDisableUser", Iam;
    admin_enable_user::AdminEnableUserError => "AdminEnableUser", Iam;
    admin_forget_device::AdminForgetDeviceError => "AdminForgetDevice", Iam;
    admin_get_user::AdminGetUserError => "AdminGetUser", Iam;
    admin_get_user_auth_factors::AdminGetUserAuthFactorsError => "AdminGetUserAuthFactors", Iam;
    admin_initiate_auth::AdminInitiateAuthError => "AdminInitiateAuth", SignIn;
    admin_link_provider_for_user::AdminLinkProviderForUserError => "AdminLinkProviderForUser", Iam;
    admin_list_devices::AdminListDevicesError => "AdminListDevices", Iam;
    admin_list_groups_for_user::AdminListGroupsForUserError => "AdminListGroupsForUser", Iam;
    admin_list_user_auth_events::AdminListUserAuthEventsError => "AdminListUserAuthEvents", Iam;
    admin_remove_user_from_group::AdminRemoveUserFromGroupError => "AdminRemoveUserFromGroup", Iam;
    admin_reset_user_password::AdminResetUserPasswordError => "AdminResetUserPassword", Iam;
    admin_respond_to_auth_challenge::AdminRespondToAuthChallengeError => "AdminRespondToAuthChallenge", SignIn;
    admin_set_user_mfa_preference::AdminSetUserMFAPreferenceError => "AdminSetUserMFAPreference", Iam;
    admin_set_user_password::AdminSetUserPasswordError => "AdminSetUserPassword", Iam;
    admin_update_auth_event_feedback::AdminUpdateAuthEventFeedbackError => "AdminUpdateAuthEventFeedback", Iam;
    admin_update_user_attributes::AdminUpdateUserAttributesError => "AdminUpdateUserAttributes", Iam;
    admin_user_global_sign_out::AdminUserGlobalSignOutError => "AdminUserGlobalSignOut", Iam;
    associate_software_token::AssociateSoftwareTokenError => "AssociateSoftwareToken", SignIn;
    confirm_device::ConfirmDeviceError => "ConfirmDevice", AccessToken;
    confirm_forgot_password::ConfirmForgotPasswordError => "ConfirmForgotPassword", App;
    confirm_sign_up::ConfirmSignUpError => "ConfirmSignUp", App;
    create_group::CreateGroupError => "CreateGroup", Iam;
    create_user_import_job::CreateUserImportJobError => "CreateUserImportJob", Iam;
    create_user_pool::CreateUserPoolError => "CreateUserPool", Iam;
    create_user_pool_client::CreateUserPoolClientError => "CreateUserPoolClient", Iam;
    delete_group::DeleteGroupError => "DeleteGroup", Iam;
    delete_web_authn_credential::DeleteWebAuthnCredentialError => "DeleteWebAuthnCredential", AccessToken;
    describe_risk_configuration::DescribeRiskConfigurationError => "DescribeRiskConfiguration", Iam;
    describe_user_import_job::DescribeUserImportJobError => "DescribeUserImportJob", Iam;
    describe_user_pool::DescribeUserPoolError => "DescribeUserPool", Iam;
    describe_user_pool_client::DescribeUserPoolClientError => "DescribeUserPoolClient", Iam;
    describe_user_pool_domain::DescribeUserPoolDomainError => "DescribeUserPoolDomain", Iam;
    forgot_password::ForgotPasswordError => "ForgotPassword", App;
    get_csv_header::GetCSVHeaderError => "GetCSVHeader", Iam;
    get_log_delivery_configuration::GetLogDeliveryConfigurationError => "GetLogDeliveryConfiguration", Iam;
    get_user_attribute_verification_code::GetUserAttributeVerificationCodeError => "GetUserAttributeVerificationCode", AccessToken;
    get_user_pool_mfa_config::GetUserPoolMfaConfigError => "GetUserPoolMfaConfig", Iam;
    initiate_auth::InitiateAuthError => "InitiateAuth", SignIn;
    list_groups::ListGroupsError => "ListGroups", Iam;
    list_identity_providers::ListIdentityProvidersError => "ListIdentityProviders", Iam;
    list_user_import_jobs::ListUserImportJobsError => "ListUserImportJobs", Iam;
    list_user_pool_clients::ListUserPoolClientsError => "ListUserPoolClients", Iam;
    list_user_pools::ListUserPoolsError => "ListUserPools", Iam;
    list_users::ListUsersError => "ListUsers", Iam;
    list_users_in_group::ListUsersInGroupError => "ListUsersInGroup", Iam;
    list_web_authn_credentials::ListWebAuthnCredentialsError => "ListWebAuthnCredentials", AccessToken;
    resend_confirmation_code::ResendConfirmationCodeError => "ResendConfirmationCode", App;
    respond_to_auth_challenge::RespondToAuthChallengeError => "RespondToAuthChallenge", SignIn;
    set_user_mfa_preference::SetUserMFAPreferenceError => "SetUserMFAPreference", AccessToken;
    set_user_pool_mfa_config::SetUserPoolMfaConfigError => "SetUserPoolMfaConfig", Iam;
    sign_up::SignUpError => "SignUp", App;
    start_user_import_job::StartUserImportJobError => "StartUserImportJob", Iam;
    stop_user_import_job::StopUserImportJobError => "StopUserImportJob", Iam;
    update_device_status::UpdateDeviceStatusError => "UpdateDeviceStatus", AccessToken;
    update_group::UpdateGroupError => "UpdateGroup", Iam;
    verify_software_token::VerifySoftwareTokenError => "VerifySoftwareToken", SignIn;
    verify_user_attribute::VerifyUserAttributeError => "VerifyUserAttribute", AccessToken;
}
