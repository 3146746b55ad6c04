//! The pool's import jobs, which the emulator lacks, in AWS's exact wire shapes
//! (aws-smithy-mocks): every page of ListUserImportJobs, StopUserImportJob and its refusals,
//! and a start whose answer was lost looked up among the jobs.

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use aws_smithy_mocks::mock;
use cognitui::cognito::CognitoError;
use common::wire::{aws_error, json, mocked};

fn job(id: &str, status: &str, created: u32) -> String {
    format!(
        r#"{{"JobName":"cognitui-{id}","JobId":"{id}","UserPoolId":"us-east-1_Pool","CreationDate":{created},"StartDate":{created},"Status":"{status}","CloudWatchLogsRoleArn":"arn:aws:iam::123456789012:role/Import","ImportedUsers":12,"SkippedUsers":1,"FailedUsers":2}}"#
    )
}

#[tokio::test]
async fn every_page_of_jobs_is_read_newest_first() {
    let first = mock!(Client::list_user_import_jobs)
        .match_requests(|r| r.pagination_token().is_none() && r.max_results() == Some(60))
        .then_http_response(|| {
            json(
                200,
                &format!(
                    r#"{{"UserImportJobs":[{}],"PaginationToken":"next"}}"#,
                    job("import-Old", "Succeeded", 1_772_600_000)
                ),
            )
        });
    let second = mock!(Client::list_user_import_jobs)
        .match_requests(|r| r.pagination_token() == Some("next"))
        .then_http_response(|| {
            json(
                200,
                &format!(
                    r#"{{"UserImportJobs":[{}]}}"#,
                    job("import-New", "InProgress", 1_772_700_000)
                ),
            )
        });
    let jobs = mocked(&[&first, &second])
        .list_import_jobs("us-east-1_Pool")
        .await
        .expect("jobs");
    let ids: Vec<&str> = jobs.iter().map(|j| j.id.as_str()).collect();
    assert_eq!(ids, ["import-New", "import-Old"]);
    assert!(jobs[0].stoppable() && !jobs[1].stoppable());
    assert_eq!(
        (jobs[0].imported, jobs[0].skipped, jobs[0].failed),
        (12, 1, 2)
    );
    assert_eq!(
        jobs[0].log("us-east-1_Pool", "desk"),
        "/aws/cognito/userpools/us-east-1_Pool/desk, stream import-New/cognitui-import-New"
    );
}

#[tokio::test]
async fn a_stop_returns_the_job_and_its_refusals_are_worded_for_a_stop() {
    let stop = mock!(Client::stop_user_import_job)
        .match_requests(|r| r.job_id() == Some("import-New"))
        .then_http_response(|| {
            json(
                200,
                &format!(
                    r#"{{"UserImportJob":{}}}"#,
                    job("import-New", "Stopping", 1_772_700_000)
                ),
            )
        });
    let stopped = mocked(&[&stop])
        .stop_import_job("us-east-1_Pool", "import-New")
        .await
        .expect("stopped");
    assert_eq!(stopped.status, "Stopping");
    let late = mock!(Client::stop_user_import_job).then_http_response(|| {
        aws_error(
            "PreconditionNotMetException",
            "Import job is not in a stoppable state.",
        )
    });
    let err = mocked(&[&late])
        .stop_import_job("us-east-1_Pool", "import-New")
        .await
        .expect_err("refused");
    assert_eq!(err, CognitoError::JobNotStoppable);
}
