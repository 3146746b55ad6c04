//! The AWS CLI equivalent of every change, for the confirmation step and the copy key. Secrets
//! (passwords, codes, tokens, sessions, SECRET_HASH) are always elided.

use std::fmt::Write as _;

use crate::action::Action;
use crate::cognito::auth::{Answer, AuthTarget, EnrolWith};
use crate::cognito::flows::AuthFlow;
use crate::cognito::model::{AppClient, Attribute};
use crate::cognito::shell::{attribute_pairs, quote};

/// The options that say where a command goes: `--region`, `--profile` and `--endpoint-url`,
/// whenever cognitui was started with them, so that a pasted command acts on the same pool.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CliTarget {
    pub region: Option<String>,
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
}

impl CliTarget {
    /// `line` with the target options appended, if it is an AWS CLI command.
    pub fn apply(&self, line: &str) -> String {
        if !line.starts_with("aws ") {
            return line.to_owned();
        }
        let mut out = line.to_owned();
        for (flag, value) in [
            ("--region", &self.region),
            ("--profile", &self.profile),
            ("--endpoint-url", &self.endpoint_url),
        ] {
            if let Some(value) = value {
                let _ = write!(out, " {flag} {}", quote(value));
            }
        }
        out
    }
}

/// ConfirmSignUp on the AWS CLI; the code is elided.
fn confirm_sign_up_cli(client: &AppClient, username: &str, force_alias: bool) -> String {
    format!(
        "aws cognito-idp confirm-sign-up --client-id {} --username {} --confirmation-code '<code>'{}{}",
        quote(&client.id),
        quote(username),
        secret_hash(client),
        if force_alias {
            " --force-alias-creation"
        } else {
            ""
        }
    )
}

/// The AWS CLI commands equivalent to `action`. Reads have none.
pub fn action_cli(action: &Action) -> Vec<String> {
    match action {
        Action::Admin {
            pool_id,
            username,
            calls,
        }
        | Action::BulkStep {
            pool_id,
            username,
            calls,
        } => calls.iter().map(|c| c.cli(pool_id, username)).collect(),
        Action::Invite {
            pool_id,
            invitation,
        } => vec![invitation.cli(pool_id)],
        Action::StartImportJob { pool_id, job } => job.cli(pool_id),
        Action::StopImportJob { pool_id, job } => vec![job.stop_cli(pool_id)],
        Action::Group { pool_id, change } => vec![change.cli(pool_id)],
        Action::SignUp {
            client,
            username,
            attributes,
            ..
        } => vec![sign_up_cli(client, username, attributes)],
        Action::ConfirmSignUp {
            client,
            username,
            force_alias,
            ..
        } => vec![confirm_sign_up_cli(client, username, *force_alias)],
        Action::ResendCode { client, username } => vec![format!(
            "aws cognito-idp resend-confirmation-code --client-id {} --username {}{}",
            quote(&client.id),
            quote(username),
            secret_hash(client)
        )],
        Action::ForgotPassword { .. } | Action::ConfirmForgotPassword { .. } => {
            vec![forgot_cli(action)]
        }
        Action::AttributeCode { attribute, .. } => vec![format!(
            "aws cognito-idp get-user-attribute-verification-code --access-token '<elided>' --attribute-name {}",
            quote(attribute)
        )],
        Action::VerifyAttribute { attribute, .. } => vec![format!(
            "aws cognito-idp verify-user-attribute --access-token '<elided>' --attribute-name {} --code '<code>'",
            quote(attribute)
        )],
        Action::DeletePasskey { credential_id, .. } => vec![format!(
            "aws cognito-idp delete-web-authn-credential --access-token '<elided>' --credential-id {}",
            quote(credential_id)
        )],
        Action::AssociateTotp { with, .. } => vec![format!(
            "aws cognito-idp associate-software-token {}",
            authorised_by(with)
        )],
        Action::VerifyTotp {
            with, device_name, ..
        } => {
            let mut cli = format!(
                "aws cognito-idp verify-software-token {} --user-code '<code>'",
                authorised_by(with)
            );
            if !device_name.is_empty() {
                let _ = write!(cli, " --friendly-device-name {}", quote(device_name));
            }
            vec![cli]
        }
        Action::RememberDevice { offer, .. } => vec![format!(
            "aws cognito-idp confirm-device --access-token '<elided>' --device-key {} --device-name {} --device-secret-verifier-config PasswordVerifier='<verifier>',Salt='<salt>'",
            quote(&offer.device.key),
            quote(crate::cognito::device::DEVICE_NAME)
        )],
        Action::PreferTotp { .. } => vec![
            "aws cognito-idp set-user-mfa-preference --access-token '<elided>' --software-token-mfa-settings Enabled=true,PreferredMfa=true".to_owned(),
        ],
        Action::Respond {
            target,
            session,
            answer: Answer::NewPassword { .. },
        } => vec![new_password_cli(target, &session.username)],
        _ => Vec::new(),
    }
}

/// ForgotPassword or ConfirmForgotPassword; the code and the new password elided.
fn forgot_cli(action: &Action) -> String {
    let (command, client, username, rest) = match action {
        Action::ForgotPassword { client, username } => ("forgot-password", client, username, ""),
        Action::ConfirmForgotPassword {
            client, username, ..
        } => (
            "confirm-forgot-password",
            client,
            username,
            " --confirmation-code '<code>' --password '<elided>'",
        ),
        _ => return String::new(),
    };
    format!(
        "aws cognito-idp {command} --client-id {} --username {}{rest}{}",
        quote(&client.id),
        quote(username),
        secret_hash(client)
    )
}

fn sign_up_cli(client: &AppClient, username: &str, attributes: &[Attribute]) -> String {
    let mut cli = format!(
        "aws cognito-idp sign-up --client-id {} --username {} --password '<elided>'{}",
        quote(&client.id),
        quote(username),
        secret_hash(client)
    );
    if !attributes.is_empty() {
        cli.push_str(" --user-attributes ");
        cli.push_str(&attribute_pairs(attributes));
    }
    cli
}

/// Answering NEW_PASSWORD_REQUIRED, as admin or as the app.
fn new_password_cli(target: &AuthTarget, username: &str) -> String {
    let hash = if target.client.secret.is_some() {
        ",SECRET_HASH='<elided>'"
    } else {
        ""
    };
    let (command, pool) = match target.flow {
        AuthFlow::Admin => (
            "admin-respond-to-auth-challenge",
            format!(" --user-pool-id {}", quote(&target.pool_id)),
        ),
        AuthFlow::User | AuthFlow::Srp | AuthFlow::Choice | AuthFlow::Custom => {
            ("respond-to-auth-challenge", String::new())
        }
    };
    format!(
        "aws cognito-idp {command}{pool} --client-id {} --challenge-name NEW_PASSWORD_REQUIRED --session '<elided>' --challenge-responses USERNAME={},NEW_PASSWORD='<elided>'{hash}",
        quote(&target.client.id),
        quote(username)
    )
}

fn secret_hash(client: &AppClient) -> &'static str {
    if client.secret.is_some() {
        " --secret-hash '<elided>'"
    } else {
        ""
    }
}

fn authorised_by(with: &EnrolWith) -> &'static str {
    match with {
        EnrolWith::Session(_) => "--session '<elided>'",
        EnrolWith::AccessToken(_) => "--access-token '<elided>'",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::samples::every_action;

    #[test]
    fn every_change_has_a_cli_equivalent_and_no_read_has_one() {
        for action in every_action() {
            let lines = action_cli(&action);
            // A restore's thousands of calls are `cognitui restore`, not one AWS CLI line.
            if action.mutates() && !matches!(action, Action::Restore { .. }) {
                assert!(!lines.is_empty(), "{} has no CLI line", action.label());
                // An import job's file goes to a pre-signed S3 URL, which only an HTTP PUT takes.
                assert!(
                    lines
                        .iter()
                        .all(|l| l.starts_with("aws cognito-idp ") || l.starts_with("curl "))
                );
            } else {
                assert!(lines.is_empty(), "{} is a read", action.label());
            }
        }
    }

    #[test]
    fn secrets_never_reach_a_cli_line() {
        // The samples carry "x" as every password, code, token and session.
        for action in every_action() {
            for line in action_cli(&action) {
                assert!(
                    !line.contains("'x'")
                        && !line.contains("=x,")
                        && !line.contains(" x ")
                        && !line.ends_with(" x")
                        && !line.ends_with("=x"),
                    "{line}"
                );
            }
        }
    }

    #[test]
    fn the_target_options_follow_every_command() {
        let target = CliTarget {
            region: Some("eu-west-1".into()),
            profile: Some("desk".into()),
            endpoint_url: Some("http://127.0.0.1:5000".into()),
        };
        assert_eq!(
            target.apply("aws cognito-idp admin-disable-user --user-pool-id p --username ann"),
            "aws cognito-idp admin-disable-user --user-pool-id p --username ann --region eu-west-1 --profile desk --endpoint-url http://127.0.0.1:5000"
        );
        assert_eq!(target.apply("… and 3 more"), "… and 3 more");
        assert_eq!(CliTarget::default().apply("aws x"), "aws x");
    }
}
