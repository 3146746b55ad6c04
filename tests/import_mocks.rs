//! Cognito's import-job API (which the emulator lacks) with AWS's exact shapes, through
//! aws-smithy-mocks: GetCSVHeader; CreateUserImportJob, the upload to the job's pre-signed URL
//! (a loopback HTTP server here, checking the method, the encryption header and the file) and
//! StartUserImportJob; DescribeUserImportJob's progress; and their refusals, each a sentence:
//! a role Cognito may not use, the pool's limit of jobs, an upload S3 refuses (the job is not
//! started), a job not ready to start.

mod common;

use std::sync::{Arc, Mutex};

use aws_sdk_cognitoidentityprovider::Client;
use aws_smithy_mocks::mock;
use cognitui::cognito::CognitoError;
use cognitui::cognito::import::NewImportJob;
use common::proxy::read_message;
use common::wire::{aws_error, json, mocked};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

const POOL: &str = "eu-west-1_Imp0rt";
const ROLE: &str = "arn:aws:iam::123456789012:role/CognitoImportLogs";
const CSV: &str = "email,cognito:mfa_enabled,cognito:username\nann@example.com,false,ann\n";

fn new_job() -> NewImportJob {
    NewImportJob {
        name: "cognitui-20260304-120000".into(),
        role_arn: ROLE.into(),
        csv: CSV.into(),
        usernames: vec!["ann".into()],
    }
}

/// A UserImportJob as Cognito describes it.
fn job_json(status: &str, url: &str, imported: i64, skipped: i64, failed: i64) -> String {
    format!(
        r#"{{"UserImportJob":{{"JobName":"cognitui-20260304-120000","JobId":"import-Xb12CdEf","UserPoolId":"{POOL}","PreSignedUrl":"{url}","CreationDate":1.772625600E9,"Status":"{status}","CloudWatchLogsRoleArn":"{ROLE}","ImportedUsers":{imported},"SkippedUsers":{skipped},"FailedUsers":{failed}{}}}}}"#,
        if status == "Succeeded" {
            r#","CompletionMessage":"Import Job Completed Successfully.""#
        } else {
            ""
        }
    )
}

/// What the loopback "S3" received: the request head and body.
type Received = Arc<Mutex<Vec<String>>>;

/// A loopback server answering every request with `status`; what it receives is kept.
async fn s3(status: u16) -> (String, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!(
        "http://{}/import/eu-west-1_Imp0rt/import-Xb12CdEf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc",
        listener.local_addr().expect("addr")
    );
    let received: Received = Arc::default();
    let kept = Arc::clone(&received);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            if let Ok(Some(message)) = read_message(&mut stream).await {
                kept.lock()
                    .expect("kept")
                    .push(String::from_utf8_lossy(&message).into_owned());
                let answer = format!(
                    "HTTP/1.1 {status} Status\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                );
                let _ = stream.write_all(answer.as_bytes()).await;
            }
        }
    });
    (url, received)
}

#[tokio::test]
async fn get_csv_header_gives_the_columns_in_order() {
    let header = mock!(Client::get_csv_header).then_http_response(|| {
        json(
            200,
            &format!(
                r#"{{"UserPoolId":"{POOL}","CSVHeader":["name","given_name","family_name","middle_name","nickname","preferred_username","profile","picture","website","email","email_verified","gender","birthdate","zoneinfo","locale","phone_number","phone_number_verified","address","updated_at","cognito:mfa_enabled","cognito:username"]}}"#
            ),
        )
    });
    let columns = mocked(&[&header]).csv_header(POOL).await.expect("header");
    assert_eq!(columns.len(), 21);
    assert_eq!(columns[0], "name");
    assert_eq!(columns[20], "cognito:username");
}

#[tokio::test]
async fn the_job_is_created_its_file_uploaded_encrypted_then_started() {
    let (url, received) = s3(200).await;
    let created_url = url.clone();
    let create = mock!(Client::create_user_import_job)
        .match_requests(|r| {
            r.user_pool_id() == Some(POOL)
                && r.cloud_watch_logs_role_arn() == Some(ROLE)
                && r.job_name() == Some("cognitui-20260304-120000")
        })
        .then_http_response(move || json(200, &job_json("Created", &created_url, 0, 0, 0)));
    let started_url = url.clone();
    let start = mock!(Client::start_user_import_job)
        .match_requests(|r| r.job_id() == Some("import-Xb12CdEf"))
        .then_http_response(move || json(200, &job_json("Pending", &started_url, 0, 0, 0)));
    let job = mocked(&[&create, &start])
        .start_import_job(POOL, &new_job())
        .await
        .expect("started");
    assert_eq!(job.status, "Pending");
    assert_eq!(job.id, "import-Xb12CdEf");
    assert!(!job.finished());
    assert_eq!((create.num_calls(), start.num_calls()), (1, 1));
    let received = received.lock().expect("received");
    assert_eq!(received.len(), 1, "one upload");
    let upload = &received[0];
    assert!(
        upload.starts_with("PUT /import/eu-west-1_Imp0rt/import-Xb12CdEf?X-Amz-Algorithm"),
        "{upload}"
    );
    assert!(
        upload
            .to_lowercase()
            .contains("x-amz-server-side-encryption: aws:kms"),
        "{upload}"
    );
    assert!(
        upload.ends_with(CSV),
        "the file as the job needs it: {upload}"
    );
}

#[tokio::test]
async fn describe_user_import_job_gives_the_progress_until_the_end() {
    let progress = mock!(Client::describe_user_import_job)
        .match_requests(|r| r.job_id() == Some("import-Xb12CdEf"))
        .sequence()
        .http_response(|| json(200, &job_json("InProgress", "https://s3", 1, 0, 0)))
        .http_response(|| json(200, &job_json("Succeeded", "https://s3", 2, 1, 0)))
        .build();
    let cognito = mocked(&[&progress]);
    let first = cognito
        .describe_import_job(POOL, "import-Xb12CdEf")
        .await
        .expect("first");
    assert_eq!((first.status.as_str(), first.imported), ("InProgress", 1));
    assert!(!first.finished());
    let last = cognito
        .describe_import_job(POOL, "import-Xb12CdEf")
        .await
        .expect("last");
    assert_eq!((last.imported, last.skipped, last.failed), (2, 1, 0));
    assert!(last.finished());
    assert_eq!(
        last.message.as_deref(),
        Some("Import Job Completed Successfully.")
    );
}

async fn create_refused(code: &'static str, message: &'static str) -> CognitoError {
    let create =
        mock!(Client::create_user_import_job).then_http_response(move || aws_error(code, message));
    let start = mock!(Client::start_user_import_job)
        .then_http_response(|| json(200, &job_json("Pending", "https://s3", 0, 0, 0)));
    let error = mocked(&[&create, &start])
        .start_import_job(POOL, &new_job())
        .await
        .expect_err("refused");
    assert_eq!(start.num_calls(), 0, "nothing is started");
    error
}

#[tokio::test]
async fn a_role_cognito_may_not_use_is_a_sentence_about_the_role() {
    let error = create_refused(
        "NotAuthorizedException",
        "User: arn:aws:iam::123456789012:user/desk is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/CognitoImportLogs",
    )
    .await;
    assert!(
        matches!(error, CognitoError::ImportRoleRefused(_)),
        "{error:?}"
    );
    let sentence = error.to_string();
    assert!(
        sentence.starts_with("Cognito cannot use that CloudWatch Logs role for the import job: User: arn:aws:iam::123456789012:user/desk is not authorized to perform: iam:PassRole"),
        "{sentence}"
    );
    assert!(sentence.contains("iam:PassRole)."), "{sentence}");

    let error = create_refused(
        "InvalidParameterException",
        "1 validation error detected: Value 'arn:aws:iam::123456789012:role/Missing' at 'cloudWatchLogsRoleArn' failed to satisfy constraint: role does not exist",
    )
    .await;
    assert!(
        matches!(error, CognitoError::ImportRoleRefused(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_pools_limit_of_import_jobs_is_not_a_users_attempt_limit() {
    let error = create_refused(
        "LimitExceededException",
        "The number of import jobs in the pool has reached the limit.",
    )
    .await;
    assert_eq!(error, CognitoError::ImportJobLimit);
    assert!(
        error
            .to_string()
            .starts_with("Cognito's limit of import jobs is reached for this pool")
    );
}

#[tokio::test]
async fn an_upload_s3_refuses_leaves_the_job_unstarted() {
    let (url, received) = s3(403).await;
    let create = mock!(Client::create_user_import_job)
        .then_http_response(move || json(200, &job_json("Created", &url, 0, 0, 0)));
    let start = mock!(Client::start_user_import_job)
        .then_http_response(|| json(200, &job_json("Pending", "https://s3", 0, 0, 0)));
    let error = mocked(&[&create, &start])
        .start_import_job(POOL, &new_job())
        .await
        .expect_err("refused");
    assert_eq!(
        error,
        CognitoError::UploadFailed("S3 answered HTTP 403".into())
    );
    assert!(
        error
            .to_string()
            .contains("the job was created but not started"),
        "{error}"
    );
    assert_eq!(received.lock().expect("received").len(), 1);
    assert_eq!(start.num_calls(), 0);
}

#[tokio::test]
async fn a_job_not_ready_to_start_says_so() {
    let (url, _received) = s3(200).await;
    let create = mock!(Client::create_user_import_job)
        .then_http_response(move || json(200, &job_json("Created", &url, 0, 0, 0)));
    let start = mock!(Client::start_user_import_job).then_http_response(|| {
        aws_error(
            "PreconditionNotMetException",
            "Import job is not in a state that can be started",
        )
    });
    let error = mocked(&[&create, &start])
        .start_import_job(POOL, &new_job())
        .await
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        "The import job is not ready for this: Import job is not in a state that can be started."
    );
}

#[tokio::test]
async fn a_progress_read_refused_for_the_caller_is_a_sentence() {
    let progress = mock!(Client::describe_user_import_job).then_http_response(|| {
        aws_error(
            "NotAuthorizedException",
            "User is not authorized to perform: cognito-idp:DescribeUserImportJob",
        )
    });
    let error = mocked(&[&progress])
        .describe_import_job(POOL, "import-Xb12CdEf")
        .await
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        "Cognito refused the request: User is not authorized to perform: cognito-idp:DescribeUserImportJob"
    );
}
