//! Every error the Cognito API model lists for every operation cognitui calls, with the
//! sentence cognitui shows for it from that call. The model is the one botocore ships in the
//! emulator's environment (./scripts/install-emulator pins it); the operations are the SDK
//! calls found in src/. Each row goes through the SDK (the error in AWS's wire shape, parsed by
//! the operation's own deserializer) and cognitui's conversion for that call.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use cognitui::cognito::CognitoError;
use cognitui::cognito::calls::Via;

/// The message every refusal carries here.
const MESSAGE: &str = "Refused by the test.";

/// An error as Cognito sends it: HTTP 400, `x-amzn-errortype`, `__type` and `message`.
fn aws_error(code: &str) -> HttpResponse {
    let mut r = HttpResponse::new(
        StatusCode::try_from(400).expect("status"),
        SdkBody::from(format!(r#"{{"__type":"{code}","message":"{MESSAGE}"}}"#)),
    );
    r.headers_mut()
        .insert("content-type", "application/x-amz-json-1.1");
    r.headers_mut().insert("x-amzn-errortype", code.to_owned());
    r
}

/// The operations cognitui calls, each with its SDK method and the ways cognitui makes it
/// (the first is the way `From` assumes). `refusal` answers one call of an operation with
/// an error code and returns cognitui's error for it.
macro_rules! operations {
    ($($name:literal => $method:ident [$($via:ident),+];)*) => {
        const OPERATIONS: &[(&str, &str, &[Via])] = &[
            $(($name, stringify!($method), &[$(Via::$via),+]),)*
        ];

        async fn refusal(operation: &str, via: Via, code: &str) -> CognitoError {
            let code = code.to_owned();
            match operation {
                $($name => {
                    let rule = mock!(Client::$method).then_http_response(move || aws_error(&code));
                    let client = mock_client!(
                        aws_sdk_cognitoidentityprovider,
                        RuleMode::Sequential,
                        [&rule],
                        |c| c.retry_config(RetryConfig::disabled())
                    );
                    let err = client.$method().send().await.expect_err("the mock refuses");
                    assert_eq!(rule.num_calls(), 1, "{operation}");
                    let made = CognitoError::made_via(&err, via);
                    let default = CognitoError::from(err);
                    if via == OPERATIONS.iter().find(|o| o.0 == operation).unwrap().2[0] {
                        assert_eq!(default, made, "From is the first way of {operation}");
                    }
                    made
                })*
                other => panic!("{other} is not in OPERATIONS"),
            }
        }
    };
}

operations! {
    "AdminAddUserToGroup" => admin_add_user_to_group [Iam];
    "AdminConfirmSignUp" => admin_confirm_sign_up [Iam];
    "AdminCreateUser" => admin_create_user [Iam];
    "AdminDeleteSoftwareToken" => admin_delete_software_token [Iam];
    "AdminDeleteUser" => admin_delete_user [Iam];
    "AdminDeleteUserAttributes" => admin_delete_user_attributes [Iam];
    "AdminDisableProviderForUser" => admin_disable_provider_for_user [Iam];
    "AdminDisableUser" => admin_disable_user [Iam];
    "AdminEnableUser" => admin_enable_user [Iam];
    "AdminForgetDevice" => admin_forget_device [Iam];
    "AdminGetUser" => admin_get_user [Iam];
    "AdminGetUserAuthFactors" => admin_get_user_auth_factors [Iam];
    "AdminInitiateAuth" => admin_initiate_auth [SignIn];
    "AdminLinkProviderForUser" => admin_link_provider_for_user [Iam];
    "AdminListDevices" => admin_list_devices [Iam];
    "AdminListGroupsForUser" => admin_list_groups_for_user [Iam];
    "AdminListUserAuthEvents" => admin_list_user_auth_events [Iam];
    "AdminRemoveUserFromGroup" => admin_remove_user_from_group [Iam];
    "AdminResetUserPassword" => admin_reset_user_password [Iam];
    "AdminRespondToAuthChallenge" => admin_respond_to_auth_challenge [SignIn, Device];
    "AdminSetUserMFAPreference" => admin_set_user_mfa_preference [Iam];
    "AdminSetUserPassword" => admin_set_user_password [Iam];
    "AdminUpdateAuthEventFeedback" => admin_update_auth_event_feedback [Iam];
    "AdminUpdateUserAttributes" => admin_update_user_attributes [Iam];
    "AdminUserGlobalSignOut" => admin_user_global_sign_out [Iam];
    "AssociateSoftwareToken" => associate_software_token [SignIn, AccessToken];
    "ConfirmDevice" => confirm_device [AccessToken];
    "ConfirmForgotPassword" => confirm_forgot_password [App];
    "ConfirmSignUp" => confirm_sign_up [App];
    "CreateGroup" => create_group [Iam];
    "CreateUserImportJob" => create_user_import_job [Iam];
    "CreateUserPool" => create_user_pool [Iam];
    "CreateUserPoolClient" => create_user_pool_client [Iam];
    "DeleteGroup" => delete_group [Iam];
    "DeleteWebAuthnCredential" => delete_web_authn_credential [AccessToken];
    "DescribeRiskConfiguration" => describe_risk_configuration [Iam];
    "DescribeUserImportJob" => describe_user_import_job [Iam];
    "DescribeUserPool" => describe_user_pool [Iam];
    "DescribeUserPoolClient" => describe_user_pool_client [Iam];
    "DescribeUserPoolDomain" => describe_user_pool_domain [Iam];
    "ForgotPassword" => forgot_password [App];
    "GetCSVHeader" => get_csv_header [Iam];
    "GetLogDeliveryConfiguration" => get_log_delivery_configuration [Iam];
    "GetUserAttributeVerificationCode" => get_user_attribute_verification_code [AccessToken];
    "GetUserPoolMfaConfig" => get_user_pool_mfa_config [Iam];
    "InitiateAuth" => initiate_auth [SignIn];
    "ListGroups" => list_groups [Iam];
    "ListIdentityProviders" => list_identity_providers [Iam];
    "ListUserImportJobs" => list_user_import_jobs [Iam];
    "ListUserPoolClients" => list_user_pool_clients [Iam];
    "ListUserPools" => list_user_pools [Iam];
    "ListUsers" => list_users [Iam];
    "ListUsersInGroup" => list_users_in_group [Iam];
    "ListWebAuthnCredentials" => list_web_authn_credentials [AccessToken];
    "ResendConfirmationCode" => resend_confirmation_code [App];
    "RespondToAuthChallenge" => respond_to_auth_challenge [SignIn, Device];
    "SetUserMFAPreference" => set_user_mfa_preference [AccessToken];
    "SetUserPoolMfaConfig" => set_user_pool_mfa_config [Iam];
    "SignUp" => sign_up [App];
    "StartUserImportJob" => start_user_import_job [Iam];
    "StopUserImportJob" => stop_user_import_job [Iam];
    "UpdateDeviceStatus" => update_device_status [AccessToken];
    "UpdateGroup" => update_group [Iam];
    "VerifySoftwareToken" => verify_software_token [SignIn, AccessToken];
    "VerifyUserAttribute" => verify_user_attribute [AccessToken];
}

/// For each call (operation and way) and each error the model lists for it: a distinctive
/// part of the sentence cognitui shows. A section starts with `Operation via Way`.
const TABLE: &str = include_str!("error_table.txt");

/// The model file under .venv, wherever its Python and API version put it.
fn model_path() -> PathBuf {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/lib");
    let found = std::fs::read_dir(&lib)
        .into_iter()
        .flatten()
        .flatten()
        .find_map(|python| {
            let service = python
                .path()
                .join("site-packages/botocore/data/cognito-idp");
            let version = std::fs::read_dir(service).ok()?.flatten().next()?.path();
            ["service-2.json.gz", "service-2.json"]
                .iter()
                .map(|name| version.join(name))
                .find(|p| p.is_file())
        });
    found.unwrap_or_else(|| {
        panic!(
            "The Cognito API model (botocore/data/cognito-idp/*/service-2.json) is not in {}: run ./scripts/install-emulator first, which installs the pinned botocore with the emulator.",
            lib.display()
        )
    })
}

/// Each operation of the model with the errors it lists, in the model's order.
fn model() -> BTreeMap<String, Vec<String>> {
    let path = model_path();
    let bytes = std::fs::read(&path).expect("the model can be read");
    let text = if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_string(&mut text)
            .expect("the model is gzip");
        text
    } else {
        String::from_utf8(bytes).expect("the model is UTF-8")
    };
    let json: serde_json::Value = serde_json::from_str(&text).expect("the model is JSON");
    let operations = json["operations"].as_object().expect("operations");
    operations
        .iter()
        .map(|(name, op)| {
            let mut errors: Vec<String> = Vec::new();
            for e in op["errors"].as_array().into_iter().flatten() {
                let shape = e["shape"].as_str().expect("an error shape").to_owned();
                if !errors.contains(&shape) {
                    errors.push(shape);
                }
            }
            (name.clone(), errors)
        })
        .collect()
}

/// The SDK's method name for an operation: `GetCSVHeader` is `get_csv_header`.
fn snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1);
        if c.is_uppercase()
            && before.is_some_and(|b| {
                b.is_lowercase() || b.is_ascii_digit() || after.is_some_and(|a| a.is_lowercase())
            })
        {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Every Rust source under `dir`, read.
fn sources(dir: &Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).expect("src can be read").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&std::fs::read_to_string(&path).expect("a source"));
        }
    }
}

/// The table's rows: (operation, way) to the error codes' fragments.
fn table() -> BTreeMap<(String, String), BTreeMap<String, String>> {
    let mut rows: BTreeMap<(String, String), BTreeMap<String, String>> = BTreeMap::new();
    let mut call = None;
    for line in TABLE
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        if let Some((code, fragment)) = line.strip_prefix("    ").and_then(|l| l.split_once(" | "))
        {
            let call: &(String, String) = call.as_ref().expect("a row under a call");
            let old = rows
                .entry(call.clone())
                .or_default()
                .insert(code.trim().to_owned(), fragment.trim().to_owned());
            assert!(old.is_none(), "{call:?} {code} is in the table twice");
        } else {
            let (operation, via) = line.split_once(" via ").expect("`Operation via Way`");
            call = Some((operation.to_owned(), via.to_owned()));
        }
    }
    rows
}

fn via_name(via: Via) -> String {
    format!("{via:?}")
}

#[test]
fn the_operations_are_the_calls_in_src() {
    let model = model();
    let mut src = String::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut src);
    let called: BTreeSet<&str> = model
        .keys()
        .filter(|name| src.contains(&format!(".{}()", snake(name))))
        .map(String::as_str)
        .collect();
    let listed: BTreeSet<&str> = OPERATIONS.iter().map(|o| o.0).collect();
    assert_eq!(
        called, listed,
        "the operations src/ calls (left) and OPERATIONS in tests/error_table.rs (right) differ"
    );
    for (name, method, _) in OPERATIONS {
        assert_eq!(snake(name), *method, "the SDK method of {name}");
    }
}

#[tokio::test]
async fn every_error_of_every_call_has_its_sentence() {
    let model = model();
    let table = table();
    let mut missing = String::new();
    let mut wrong = Vec::new();
    let mut rows = 0;
    let mut expected_calls = BTreeSet::new();
    for (operation, _, vias) in OPERATIONS {
        let errors = model
            .get(*operation)
            .unwrap_or_else(|| panic!("{operation} is not in the model"));
        for via in *vias {
            let key = ((*operation).to_owned(), via_name(*via));
            expected_calls.insert(key.clone());
            let section = table.get(&key);
            let mut lacking = String::new();
            for code in errors {
                let sentence = refusal(operation, *via, code).await.to_string();
                if sentence.starts_with("Cognito returned") {
                    wrong.push(format!(
                        "{operation} via {via:?}, {code}: no sentence of its own: {sentence}"
                    ));
                }
                match section.and_then(|s| s.get(code)) {
                    Some(fragment) => {
                        rows += 1;
                        if !sentence.contains(fragment.as_str()) {
                            wrong.push(format!(
                                "{operation} via {via:?}, {code}: expected {fragment:?} in {sentence:?}"
                            ));
                        }
                    }
                    None => writeln!(lacking, "    {code:<42} | {sentence}").expect("a String"),
                }
            }
            if !lacking.is_empty() {
                write!(missing, "{operation} via {via:?}\n{lacking}").expect("a String");
            }
            if let Some(section) = section {
                for code in section.keys().filter(|c| !errors.contains(c)) {
                    wrong.push(format!(
                        "{operation} via {via:?}: the model lists no {code} (remove the row)"
                    ));
                }
            }
        }
    }
    for call in table.keys().filter(|c| !expected_calls.contains(*c)) {
        wrong.push(format!(
            "{} via {}: no such call in OPERATIONS",
            call.0, call.1
        ));
    }
    assert!(
        missing.is_empty(),
        "the model lists errors that tests/error_table.txt lacks (their sentences now, to review):\n{missing}"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(rows > 500, "{rows} rows");
}

#[tokio::test]
async fn access_denied_names_the_call_and_its_iam_action() {
    for (operation, _, vias) in OPERATIONS {
        for via in *vias {
            let sentence = refusal(operation, *via, "AccessDeniedException")
                .await
                .to_string();
            assert!(
                sentence.contains(&format!("may not call {operation}:"))
                    && sentence.contains(&format!("cognito-idp:{operation}."))
                    && sentence.ends_with(MESSAGE),
                "{operation}: {sentence}"
            );
        }
    }
}

#[tokio::test]
async fn expired_credentials_say_how_to_refresh_them() {
    for code in ["ExpiredToken", "ExpiredTokenException"] {
        let e = refusal("ListUserPools", Via::Iam, code).await;
        assert_eq!(e, CognitoError::CredentialsExpired);
        let sentence = e.to_string();
        assert!(
            sentence.starts_with("Your AWS credentials have expired")
                && sentence.contains("aws sso login --profile"),
            "{sentence}"
        );
    }
}
