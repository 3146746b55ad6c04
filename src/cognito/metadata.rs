//! ClientMetadata: key-value pairs Cognito hands to the pool's Lambda triggers (pre sign-up,
//! custom message, pre token generation, …) on the calls that take it. A pool's metadata comes
//! from its `client_metadata` setting and can be edited before a change is sent; it is sent on
//! every call that accepts it and shown with the change and its AWS CLI line.

use std::collections::{BTreeMap, HashMap};

use super::shell::quote;

/// The pairs, ordered by key so that what is shown is stable.
pub type ClientMetadata = BTreeMap<String, String>;

/// The AWS CLI subcommands whose operation takes `--client-metadata`, as the Cognito API model
/// lists them (AdminConfirmSignUp, AdminCreateUser, AdminInitiateAuth, AdminResetUserPassword,
/// AdminRespondToAuthChallenge, AdminUpdateUserAttributes, ConfirmForgotPassword,
/// ConfirmSignUp, ForgotPassword, GetUserAttributeVerificationCode, InitiateAuth,
/// ResendConfirmationCode, RespondToAuthChallenge, SignUp, UpdateUserAttributes).
const CLI_COMMANDS: &[&str] = &[
    "admin-confirm-sign-up",
    "admin-create-user",
    "admin-initiate-auth",
    "admin-reset-user-password",
    "admin-respond-to-auth-challenge",
    "admin-update-user-attributes",
    "confirm-forgot-password",
    "confirm-sign-up",
    "forgot-password",
    "get-user-attribute-verification-code",
    "initiate-auth",
    "resend-confirmation-code",
    "respond-to-auth-challenge",
    "sign-up",
    "update-user-attributes",
];

/// The pairs as the SDK takes them; `None` when there are none, so nothing is sent.
pub(super) fn sdk(metadata: &ClientMetadata) -> Option<HashMap<String, String>> {
    (!metadata.is_empty()).then(|| metadata.clone().into_iter().collect())
}

/// `key=value, key=value`, for the screen and the editor.
pub fn show(metadata: &ClientMetadata) -> String {
    metadata
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads what [`show`] writes: pairs separated by commas, a key and its value by the first
/// `=`. Empty text is no metadata.
pub fn parse(text: &str) -> Result<ClientMetadata, String> {
    let mut metadata = ClientMetadata::new();
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(format!(
                "'{pair}' has no '=': write each pair as key=value, separated by commas."
            ));
        };
        let key = key.trim();
        if key.is_empty() {
            return Err(format!("'{pair}' has no key before the '='."));
        }
        if metadata
            .insert(key.to_owned(), value.trim().to_owned())
            .is_some()
        {
            return Err(format!("The key '{key}' is given twice."));
        }
    }
    Ok(metadata)
}

/// `line` (an AWS CLI command) with `--client-metadata` added when its operation takes it and
/// there is metadata to send.
pub fn with_cli_flag(line: &str, metadata: &ClientMetadata) -> String {
    let subcommand = line
        .strip_prefix("aws cognito-idp ")
        .and_then(|rest| rest.split_whitespace().next());
    if metadata.is_empty() || !subcommand.is_some_and(|s| CLI_COMMANDS.contains(&s)) {
        return line.to_owned();
    }
    let pairs: Vec<String> = metadata.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{line} --client-metadata {}", quote(&pairs.join(",")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_what_show_writes() {
        let metadata = parse(" source = cognitui, ticket=SUP-12 ,,").expect("parses");
        assert_eq!(show(&metadata), "source=cognitui, ticket=SUP-12");
        assert_eq!(parse(&show(&metadata)), Ok(metadata));
        assert_eq!(parse("  "), Ok(ClientMetadata::new()));
        assert_eq!(parse("a=b=c").expect("parses")["a"], "b=c");
    }

    #[test]
    fn parse_names_what_is_wrong() {
        assert!(parse("source").unwrap_err().contains("'source' has no '='"));
        assert!(parse("=x").unwrap_err().contains("no key"));
        assert!(
            parse("a=1, a=2")
                .unwrap_err()
                .contains("'a' is given twice")
        );
    }

    #[test]
    fn the_cli_flag_goes_only_on_operations_that_take_it() {
        let metadata = parse("source=cognitui, note=Ann's ticket").expect("parses");
        assert_eq!(
            with_cli_flag(
                "aws cognito-idp admin-create-user --user-pool-id p --username ann",
                &metadata
            ),
            r"aws cognito-idp admin-create-user --user-pool-id p --username ann --client-metadata 'note=Ann'\''s ticket,source=cognitui'"
        );
        let disable = "aws cognito-idp admin-disable-user --user-pool-id p --username ann";
        assert_eq!(with_cli_flag(disable, &metadata), disable);
        let create = "aws cognito-idp admin-create-user --user-pool-id p --username ann";
        assert_eq!(with_cli_flag(create, &ClientMetadata::new()), create);
        assert_eq!(sdk(&ClientMetadata::new()), None);
        assert_eq!(sdk(&metadata).map(|m| m.len()), Some(2));
    }
}
