//! The demo pool: a password policy, optional TOTP MFA, two app clients (one with a secret),
//! groups, a custom attribute, and users in every state.

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeDataType, AttributeType, MessageActionType, NumberAttributeConstraintsType,
    PasswordPolicyType, SchemaAttributeType, SoftwareTokenMfaConfigType,
    StringAttributeConstraintsType, UserPoolMfaType, UserPoolPolicyType,
};
use futures::{StreamExt, TryStreamExt};

/// Password every seeded user has (the demo pool's policy accepts it).
pub const DEMO_PASSWORD: &str = "Demo-Passw0rd!";

/// What the demo seeding created.
#[derive(Debug, Clone)]
pub struct DemoPool {
    pub pool_id: String,
    /// App client without a secret.
    pub client_id: String,
    /// App client with a secret.
    pub secret_client_id: String,
}

type Result<T> = std::result::Result<T, String>;

fn err(what: &str) -> impl Fn(aws_sdk_cognitoidentityprovider::Error) -> String + '_ {
    move |e| format!("{what}: {e}")
}

/// Creates a pool with a password policy, TOTP MFA optional and custom attributes: `tier`
/// (text, 1-10 characters), `seats` (number, 0-1000) and `employee_id` (immutable).
pub async fn create_pool(client: &Client, name: &str) -> Result<String> {
    create_pool_with_mfa(client, name, UserPoolMfaType::Optional).await
}

/// Like [`create_pool`], with the given MFA setting (`On` makes new users enrol TOTP).
pub async fn create_pool_with_mfa(
    client: &Client,
    name: &str,
    mfa: UserPoolMfaType,
) -> Result<String> {
    let out = client
        .create_user_pool()
        .pool_name(name)
        .policies(
            UserPoolPolicyType::builder()
                .password_policy(
                    PasswordPolicyType::builder()
                        .minimum_length(10)
                        .require_uppercase(true)
                        .require_lowercase(true)
                        .require_numbers(true)
                        .require_symbols(true)
                        .temporary_password_validity_days(7)
                        .build(),
                )
                .build(),
        )
        .schema(
            SchemaAttributeType::builder()
                .name("tier")
                .attribute_data_type(AttributeDataType::String)
                .mutable(true)
                .string_attribute_constraints(
                    StringAttributeConstraintsType::builder()
                        .min_length("1")
                        .max_length("10")
                        .build(),
                )
                .build(),
        )
        .schema(
            SchemaAttributeType::builder()
                .name("seats")
                .attribute_data_type(AttributeDataType::Number)
                .mutable(true)
                .number_attribute_constraints(
                    NumberAttributeConstraintsType::builder()
                        .min_value("0")
                        .max_value("1000")
                        .build(),
                )
                .build(),
        )
        .schema(
            SchemaAttributeType::builder()
                .name("employee_id")
                .attribute_data_type(AttributeDataType::String)
                .mutable(false)
                .build(),
        )
        .auto_verified_attributes(
            aws_sdk_cognitoidentityprovider::types::VerifiedAttributeType::Email,
        )
        .send()
        .await
        .map_err(|e| err("CreateUserPool")(e.into()))?;
    let id = out
        .user_pool()
        .and_then(|p| p.id())
        .ok_or("CreateUserPool returned no id")?
        .to_owned();
    client
        .set_user_pool_mfa_config()
        .user_pool_id(&id)
        .software_token_mfa_configuration(
            SoftwareTokenMfaConfigType::builder().enabled(true).build(),
        )
        .mfa_configuration(mfa)
        .send()
        .await
        .map_err(|e| err("SetUserPoolMfaConfig")(e.into()))?;
    Ok(id)
}

/// Creates an app client allowing the admin and user password flows, with a secret if asked.
pub async fn create_client(
    client: &Client,
    pool_id: &str,
    name: &str,
    secret: bool,
) -> Result<String> {
    let out = client
        .create_user_pool_client()
        .user_pool_id(pool_id)
        .client_name(name)
        .generate_secret(secret)
        .explicit_auth_flows(aws_sdk_cognitoidentityprovider::types::ExplicitAuthFlowsType::AllowAdminUserPasswordAuth)
        .explicit_auth_flows(aws_sdk_cognitoidentityprovider::types::ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(aws_sdk_cognitoidentityprovider::types::ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await
        .map_err(|e| err("CreateUserPoolClient")(e.into()))?;
    out.user_pool_client()
        .and_then(|c| c.client_id())
        .map(ToOwned::to_owned)
        .ok_or_else(|| "CreateUserPoolClient returned no id".to_owned())
}

fn attr(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .unwrap_or_else(|_| unreachable!("name is set"))
}

/// The state a seeded user ends in.
#[derive(Debug, Clone, Copy)]
enum Seeded {
    Unconfirmed,
    Confirmed { email_verified: bool },
    ForceChangePassword,
    ResetRequired,
    Disabled,
}

const FIRST: [&str; 10] = [
    "ann", "bob", "chen", "dara", "emil", "fatima", "goro", "hana", "ivan", "jun",
];
const LAST: [&str; 10] = [
    "smith", "garcia", "tanaka", "muller", "okafor", "silva", "kim", "novak", "ali", "berg",
];
const TIERS: [&str; 3] = ["free", "pro", "enterprise"];
const GROUPS: [&str; 3] = ["admins", "support", "beta"];

/// Seeds the demo pool: about 200 users across every state, some in groups.
pub async fn seed_demo(client: &Client) -> Result<DemoPool> {
    let pool_id = create_pool(client, "cognitui-demo").await?;
    let client_id = create_client(client, &pool_id, "demo-web", false).await?;
    let secret_client_id = create_client(client, &pool_id, "demo-backend", true).await?;
    for group in GROUPS {
        client
            .create_group()
            .user_pool_id(&pool_id)
            .group_name(group)
            .send()
            .await
            .map_err(|e| err("CreateGroup")(e.into()))?;
    }
    let demo = DemoPool {
        pool_id,
        client_id,
        secret_client_id,
    };
    futures::stream::iter(0..200)
        .map(|i| seed_user(client, &demo, i))
        .buffer_unordered(8)
        .try_collect::<Vec<()>>()
        .await?;
    Ok(demo)
}

async fn seed_user(client: &Client, demo: &DemoPool, i: usize) -> Result<()> {
    let first = FIRST[i % FIRST.len()];
    let last = LAST[(i / FIRST.len()) % LAST.len()];
    let username = format!("{first}.{last}{}", i / 100);
    let email = format!("{username}@example.com");
    let state = match i % 8 {
        0 | 1 => Seeded::Unconfirmed,
        2 | 3 => Seeded::Confirmed {
            email_verified: true,
        },
        4 => Seeded::Confirmed {
            email_verified: false,
        },
        5 => Seeded::ForceChangePassword,
        6 => Seeded::ResetRequired,
        _ => Seeded::Disabled,
    };
    let attributes = vec![
        attr("email", &email),
        attr("given_name", &crate::sentence::capitalised(first)),
        attr("family_name", &crate::sentence::capitalised(last)),
        attr(
            "name",
            &format!(
                "{} {}",
                crate::sentence::capitalised(first),
                crate::sentence::capitalised(last)
            ),
        ),
        attr("phone_number", &format!("+1555{i:07}")),
        attr("custom:tier", TIERS[i % TIERS.len()]),
    ];
    let pool = demo.pool_id.as_str();
    if let Seeded::ForceChangePassword = state {
        client
            .admin_create_user()
            .user_pool_id(pool)
            .username(&username)
            .temporary_password(DEMO_PASSWORD)
            .message_action(MessageActionType::Suppress)
            .set_user_attributes(Some(attributes))
            .send()
            .await
            .map_err(|e| err("AdminCreateUser")(e.into()))?;
    } else {
        client
            .sign_up()
            .client_id(&demo.client_id)
            .username(&username)
            .password(DEMO_PASSWORD)
            .set_user_attributes(Some(attributes))
            .send()
            .await
            .map_err(|e| err("SignUp")(e.into()))?;
    }
    settle(client, pool, &username, state).await?;
    if i.is_multiple_of(5) {
        client
            .admin_add_user_to_group()
            .user_pool_id(pool)
            .username(&username)
            .group_name(GROUPS[(i / 5) % GROUPS.len()])
            .send()
            .await
            .map_err(|e| err("AdminAddUserToGroup")(e.into()))?;
    }
    Ok(())
}

/// Moves a signed-up user to its seeded state.
async fn settle(client: &Client, pool: &str, username: &str, state: Seeded) -> Result<()> {
    if !matches!(state, Seeded::Unconfirmed | Seeded::ForceChangePassword) {
        client
            .admin_confirm_sign_up()
            .user_pool_id(pool)
            .username(username)
            .send()
            .await
            .map_err(|e| err("AdminConfirmSignUp")(e.into()))?;
        let verified = !matches!(
            state,
            Seeded::Confirmed {
                email_verified: false
            }
        );
        client
            .admin_update_user_attributes()
            .user_pool_id(pool)
            .username(username)
            .user_attributes(attr(
                "email_verified",
                if verified { "true" } else { "false" },
            ))
            .send()
            .await
            .map_err(|e| err("AdminUpdateUserAttributes")(e.into()))?;
    }
    match state {
        Seeded::ResetRequired => {
            client
                .admin_reset_user_password()
                .user_pool_id(pool)
                .username(username)
                .send()
                .await
                .map_err(|e| err("AdminResetUserPassword")(e.into()))?;
        }
        Seeded::Disabled => {
            client
                .admin_disable_user()
                .user_pool_id(pool)
                .username(username)
                .send()
                .await
                .map_err(|e| err("AdminDisableUser")(e.into()))?;
        }
        _ => {}
    }
    Ok(())
}

/// Adds `count` confirmed users named `{prefix}{n:05}` with emails, `parallel` requests at a time
/// (for pagination tests and the load benchmark).
pub async fn add_users(client: &Client, pool_id: &str, prefix: &str, count: usize) -> Result<()> {
    futures::stream::iter(0..count)
        .map(|n| async move {
            let username = format!("{prefix}{n:05}");
            client
                .admin_create_user()
                .user_pool_id(pool_id)
                .username(&username)
                .message_action(MessageActionType::Suppress)
                .user_attributes(attr("email", &format!("{username}@example.com")))
                .send()
                .await
                .map(|_| ())
                .map_err(|e| err("AdminCreateUser")(e.into()))
        })
        .buffer_unordered(8)
        .try_collect::<Vec<()>>()
        .await?;
    Ok(())
}
