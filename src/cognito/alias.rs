//! Alias conflicts: Cognito refuses AdminCreateUser or ConfirmSignUp with AliasExistsException
//! when the email or phone number is another user's sign-in alias. Who holds it is found with
//! ListUsers (exact match), so that the agent can decide whether to move it
//! (`ForceAliasCreation`).

use super::Cognito;
use super::error::CognitoError;
use super::filter::{Match, SearchAttribute, filter};
use super::model::{Attribute, User};

type Result<T> = std::result::Result<T, CognitoError>;

/// The attributes that can be sign-in aliases and so conflict.
const ALIAS_ATTRIBUTES: [SearchAttribute; 2] =
    [SearchAttribute::Email, SearchAttribute::PhoneNumber];

/// The user who holds one of the values as an alias, and which value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasHolder {
    /// The email or phone number they hold.
    pub alias: Attribute,
    pub user: User,
}

impl AliasHolder {
    /// "the email ann@example.com", for sentences.
    pub fn what(&self) -> String {
        let kind = if self.alias.name == "email" {
            "email"
        } else {
            "phone number"
        };
        format!("the {kind} {}", self.alias.value)
    }
}

/// The email and phone number among `attributes`: the values that can conflict.
pub fn alias_values(attributes: &[Attribute]) -> Vec<Attribute> {
    attributes
        .iter()
        .filter(|a| {
            ALIAS_ATTRIBUTES
                .iter()
                .any(|s| s.api_name() == a.name && !a.value.is_empty())
        })
        .cloned()
        .collect()
}

impl Cognito {
    /// Who other than `username` holds one of `values` (an email or phone number); with no
    /// values, those of `username` as AdminGetUser reads them. `None` when nobody else does.
    pub async fn alias_holder(
        &self,
        pool_id: &str,
        username: &str,
        values: &[Attribute],
    ) -> Result<Option<AliasHolder>> {
        let values = if values.is_empty() {
            alias_values(&self.get_user(pool_id, username).await?.user.attributes)
        } else {
            values.to_vec()
        };
        for alias in values {
            let Some(attribute) = ALIAS_ATTRIBUTES
                .into_iter()
                .find(|s| s.api_name() == alias.name)
            else {
                continue;
            };
            let page = self
                .list_users(
                    pool_id,
                    Some(&filter(attribute, Match::Exact, &alias.value)),
                    None,
                )
                .await?;
            if let Some(user) = page
                .users
                .into_iter()
                .find(|u| !u.username.eq_ignore_ascii_case(username))
            {
                return Ok(Some(AliasHolder { alias, user }));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_email_and_phone_can_conflict() {
        let a = |n: &str, v: &str| Attribute {
            name: n.into(),
            value: v.into(),
        };
        let found = alias_values(&[
            a("email", "ann@example.com"),
            a("email_verified", "true"),
            a("name", "Ann"),
            a("phone_number", ""),
        ]);
        assert_eq!(found, vec![a("email", "ann@example.com")]);
        let holder = AliasHolder {
            alias: a("phone_number", "+15550100"),
            user: User {
                username: "bob".into(),
                attributes: Vec::new(),
                status: super::super::model::UserStatus::Confirmed,
                enabled: true,
                created: None,
                modified: None,
            },
        };
        assert_eq!(holder.what(), "the phone number +15550100");
    }
}
