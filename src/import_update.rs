//! Create or update from a CSV file: each row of the file against its user as read. A user the
//! pool lacks is created (the row must pass as an invitation); an existing one gets the
//! attributes whose value differs, each shown old → new; one the file would not change is
//! skipped; a row that cannot be applied says why.

use crate::cognito::admin::AdminCall;
use crate::cognito::invite::Delivery;
use crate::cognito::model::{SchemaAttribute, User, standard_attribute};
use crate::import::ImportRow;

/// One attribute an update changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub name: String,
    /// Its value now, if the user has one.
    pub old: Option<String>,
    pub new: String,
}

/// What the file does to one row's user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowPlan {
    /// A new user, invited (AdminCreateUser).
    Create(AdminCall),
    /// These attributes change (AdminUpdateUserAttributes).
    Update(Vec<Change>),
    /// The user has every value of the row already.
    Unchanged,
    /// The row cannot be applied: why.
    Refused(String),
}

impl RowPlan {
    /// The call the run makes for the row, if any.
    pub fn call(&self) -> Option<AdminCall> {
        match self {
            Self::Create(call) => Some(call.clone()),
            Self::Update(changes) => Some(AdminCall::SetAttributes(
                changes
                    .iter()
                    .map(|c| crate::cognito::model::Attribute {
                        name: c.name.clone(),
                        value: c.new.clone(),
                    })
                    .collect(),
            )),
            Self::Unchanged | Self::Refused(_) => None,
        }
    }
}

/// What `row` does to its user, `existing` as read (`None`: the pool has no such user).
pub fn plan_row(
    row: &ImportRow,
    existing: Option<&User>,
    schema: &[SchemaAttribute],
    delivery: Delivery,
) -> RowPlan {
    if !row.problems.is_empty() {
        return RowPlan::Refused(row.problems.join(" "));
    }
    let Some(user) = existing else {
        return if row.invitation_problems.is_empty() {
            RowPlan::Create(row.create_call(delivery))
        } else {
            RowPlan::Refused(format!("A new user: {}", row.invitation_problems.join(" ")))
        };
    };
    let mut changes = Vec::new();
    for a in &row.attributes {
        let old = user.attribute(&a.name);
        if old == Some(a.value.as_str()) {
            continue;
        }
        let mutable = schema
            .iter()
            .find(|s| s.name == a.name)
            .cloned()
            .or_else(|| standard_attribute(&a.name))
            .is_none_or(|s| s.mutable);
        if !mutable {
            return RowPlan::Refused(format!(
                "{} cannot change once set (the pool's schema makes it immutable): the user has {}, the file {}.",
                a.name,
                old.map_or_else(|| "none".to_owned(), |v| format!("'{v}'")),
                format_args!("'{}'", a.value)
            ));
        }
        changes.push(Change {
            name: a.name.clone(),
            old: old.map(ToOwned::to_owned),
            new: a.value.clone(),
        });
    }
    if changes.is_empty() {
        RowPlan::Unchanged
    } else {
        RowPlan::Update(changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::model::{Attribute, UserStatus};

    fn row(attributes: &[(&str, &str)]) -> ImportRow {
        ImportRow {
            line: 2,
            username: "ann".into(),
            attributes: attributes
                .iter()
                .map(|(n, v)| Attribute {
                    name: (*n).into(),
                    value: (*v).into(),
                })
                .collect(),
            problems: Vec::new(),
            invitation_problems: Vec::new(),
        }
    }

    fn ann() -> User {
        User {
            username: "ann".into(),
            attributes: vec![
                Attribute {
                    name: "email".into(),
                    value: "ann@example.com".into(),
                },
                Attribute {
                    name: "custom:tier".into(),
                    value: "free".into(),
                },
            ],
            status: UserStatus::Confirmed,
            enabled: true,
            created: None,
            modified: None,
        }
    }

    fn schema() -> Vec<SchemaAttribute> {
        let mut plan = SchemaAttribute::text("custom:plan");
        plan.mutable = false;
        vec![SchemaAttribute::text("custom:tier"), plan]
    }

    #[test]
    fn an_existing_user_gets_only_what_differs_old_to_new() {
        let plan = plan_row(
            &row(&[("email", "ann@example.com"), ("custom:tier", "pro")]),
            Some(&ann()),
            &schema(),
            Delivery::Email,
        );
        assert_eq!(
            plan,
            RowPlan::Update(vec![Change {
                name: "custom:tier".into(),
                old: Some("free".into()),
                new: "pro".into(),
            }])
        );
        assert_eq!(
            plan.call(),
            Some(AdminCall::SetAttributes(vec![Attribute {
                name: "custom:tier".into(),
                value: "pro".into()
            }]))
        );
        let same = row(&[("custom:tier", "free")]);
        assert_eq!(
            plan_row(&same, Some(&ann()), &schema(), Delivery::Email),
            RowPlan::Unchanged
        );
    }

    #[test]
    fn immutable_differences_and_rows_unfit_for_an_invitation_are_refused_with_why() {
        let plan = plan_row(
            &row(&[("custom:plan", "gold")]),
            Some(&ann()),
            &schema(),
            Delivery::Email,
        );
        let RowPlan::Refused(why) = plan else {
            panic!("{plan:?}")
        };
        assert!(why.contains("custom:plan cannot change"), "{why}");
        let mut no_email = row(&[("custom:tier", "pro")]);
        no_email.invitation_problems = vec!["Email delivery needs an email.".into()];
        assert_eq!(
            plan_row(&no_email, Some(&ann()), &schema(), Delivery::Email),
            RowPlan::Update(vec![Change {
                name: "custom:tier".into(),
                old: Some("free".into()),
                new: "pro".into()
            }]),
            "an update needs no invitation"
        );
        assert_eq!(
            plan_row(&no_email, None, &schema(), Delivery::Email),
            RowPlan::Refused("A new user: Email delivery needs an email.".into())
        );
        let created = plan_row(
            &row(&[("email", "ann@example.com")]),
            None,
            &schema(),
            Delivery::Email,
        );
        assert!(matches!(
            created,
            RowPlan::Create(AdminCall::CreateUser { .. })
        ));
    }
}
