//! Cognito's user import jobs: the header their CSV must have (GetCSVHeader), a job made
//! (CreateUserImportJob), its file uploaded to the job's pre-signed URL, the job started
//! (StartUserImportJob), and its progress (DescribeUserImportJob); the pool's jobs
//! (ListUserImportJobs) and stopping one (StopUserImportJob).

use std::time::Duration;

use aws_sdk_cognitoidentityprovider::types::UserImportJobType;
use aws_smithy_runtime_api::client::http::HttpConnector;
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_types::body::SdkBody;
use chrono::{DateTime, Utc};

use super::Cognito;
use super::error::CognitoError;
use super::sdk::to_chrono;
use super::shell::quote;

type Result<T> = std::result::Result<T, CognitoError>;

/// ListUserImportJobs returns at most this many jobs a page.
const IMPORT_JOBS_PAGE: i32 = 60;

/// How long the upload of the job's file may take.
const UPLOAD_TIMEOUT: Duration = Duration::from_mins(2);

/// An import job to make and start: its name, the CloudWatch Logs role it writes with, and
/// its file (in GetCSVHeader's column order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImportJob {
    pub name: String,
    pub role_arn: String,
    pub csv: String,
    /// The usernames in the file, for the confirmation and the audit log.
    pub usernames: Vec<String>,
}

impl NewImportJob {
    /// The AWS CLI equivalent: make the job, upload the file, start the job.
    pub fn cli(&self, pool_id: &str) -> Vec<String> {
        vec![
            format!(
                "aws cognito-idp create-user-import-job --user-pool-id {} --job-name {} --cloud-watch-logs-role-arn {}",
                quote(pool_id),
                quote(&self.name),
                quote(&self.role_arn)
            ),
            "curl --upload-file users.csv -H 'x-amz-server-side-encryption: aws:kms' '<PreSignedUrl>'"
                .to_owned(),
            format!(
                "aws cognito-idp start-user-import-job --user-pool-id {} --job-id '<JobId>'",
                quote(pool_id)
            ),
        ]
    }
}

/// An import job as DescribeUserImportJob tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportJob {
    pub id: String,
    pub name: String,
    /// Created, Pending, InProgress, Stopping, Stopped, Failed, Expired or Succeeded.
    pub status: String,
    pub imported: i64,
    pub skipped: i64,
    pub failed: i64,
    pub message: Option<String>,
    pub created: Option<DateTime<Utc>>,
    pub started: Option<DateTime<Utc>>,
    pub completed: Option<DateTime<Utc>>,
}

impl ImportJob {
    /// Whether the job has ended: nothing more to wait for.
    pub fn finished(&self) -> bool {
        matches!(
            self.status.as_str(),
            "Succeeded" | "Failed" | "Stopped" | "Expired"
        )
    }

    /// Whether StopUserImportJob applies: the job is Pending or InProgress.
    pub fn stoppable(&self) -> bool {
        matches!(self.status.as_str(), "Pending" | "InProgress")
    }

    /// Where Cognito logs the job's results, a line per user: the CloudWatch log group
    /// `/aws/cognito/userpools/POOL_ID/POOL_NAME`, log stream `JOB_ID/JOB_NAME`.
    pub fn log(&self, pool_id: &str, pool_name: &str) -> String {
        format!(
            "/aws/cognito/userpools/{pool_id}/{pool_name}, stream {}/{}",
            self.id, self.name
        )
    }

    /// The equivalent AWS CLI command that stops the job.
    pub fn stop_cli(&self, pool_id: &str) -> String {
        format!(
            "aws cognito-idp stop-user-import-job --user-pool-id {} --job-id {}",
            quote(pool_id),
            quote(&self.id)
        )
    }

    fn from_sdk(job: &UserImportJobType) -> Self {
        Self {
            id: job.job_id().unwrap_or_default().to_owned(),
            name: job.job_name().unwrap_or_default().to_owned(),
            status: job
                .status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            imported: job.imported_users(),
            skipped: job.skipped_users(),
            failed: job.failed_users(),
            message: job.completion_message().map(ToOwned::to_owned),
            created: job.creation_date().and_then(to_chrono),
            started: job.start_date().and_then(to_chrono),
            completed: job.completion_date().and_then(to_chrono),
        }
    }
}

/// The job an answer carries, or that Cognito sent none.
fn job_of(job: Option<&UserImportJobType>, operation: &str) -> Result<UserImportJobType> {
    job.cloned().ok_or_else(|| CognitoError::Other {
        code: operation.into(),
        message: "Cognito returned no import job".into(),
    })
}

impl Cognito {
    /// The columns an import job's CSV must have, in order (GetCSVHeader).
    pub async fn csv_header(&self, pool_id: &str) -> Result<Vec<String>> {
        let out = self
            .client
            .get_csv_header()
            .user_pool_id(pool_id)
            .send()
            .await?;
        Ok(out.csv_header().to_vec())
    }

    /// Makes the job, uploads its file and starts it; the job as StartUserImportJob left it.
    /// Each call is sent once: a job whose upload failed stays in Cognito, created and unused
    /// (it expires), and the error says so.
    pub async fn start_import_job(&self, pool_id: &str, job: &NewImportJob) -> Result<ImportJob> {
        let created = self
            .changes
            .create_user_import_job()
            .user_pool_id(pool_id)
            .job_name(&job.name)
            .cloud_watch_logs_role_arn(&job.role_arn)
            .send()
            .await?;
        let created = job_of(created.user_import_job(), "CreateUserImportJob")?;
        let url = created.pre_signed_url().unwrap_or_default();
        upload(url, &job.csv).await?;
        let started = self
            .changes
            .start_user_import_job()
            .user_pool_id(pool_id)
            .job_id(created.job_id().unwrap_or_default())
            .send()
            .await?;
        Ok(ImportJob::from_sdk(&job_of(
            started.user_import_job(),
            "StartUserImportJob",
        )?))
    }

    /// Every import job of the pool, newest first (ListUserImportJobs, every page).
    pub async fn list_import_jobs(&self, pool_id: &str) -> Result<Vec<ImportJob>> {
        let mut jobs = Vec::new();
        let mut token = None;
        loop {
            let out = self
                .client
                .list_user_import_jobs()
                .user_pool_id(pool_id)
                .max_results(IMPORT_JOBS_PAGE)
                .set_pagination_token(token)
                .send()
                .await?;
            jobs.extend(out.user_import_jobs().iter().map(ImportJob::from_sdk));
            token = out
                .pagination_token()
                .filter(|t| !t.is_empty())
                .map(ToOwned::to_owned);
            if token.is_none() {
                break;
            }
        }
        jobs.sort_by_key(|j| std::cmp::Reverse(j.created));
        Ok(jobs)
    }

    /// StopUserImportJob: the job as Cognito left it (Stopping, then Stopped).
    pub async fn stop_import_job(&self, pool_id: &str, job_id: &str) -> Result<ImportJob> {
        let out = self
            .changes
            .stop_user_import_job()
            .user_pool_id(pool_id)
            .job_id(job_id)
            .send()
            .await?;
        Ok(ImportJob::from_sdk(&job_of(
            out.user_import_job(),
            "StopUserImportJob",
        )?))
    }

    /// Where an import job is (DescribeUserImportJob).
    pub async fn describe_import_job(&self, pool_id: &str, job_id: &str) -> Result<ImportJob> {
        let out = self
            .client
            .describe_user_import_job()
            .user_pool_id(pool_id)
            .job_id(job_id)
            .send()
            .await?;
        Ok(ImportJob::from_sdk(&job_of(
            out.user_import_job(),
            "DescribeUserImportJob",
        )?))
    }
}

/// PUTs `csv` to the job's pre-signed S3 URL with the server-side encryption header the URL was
/// signed for. The connector is the one the SDK itself is built on (`aws-smithy-http-client`:
/// hyper with rustls, the proxy from the environment), so no second HTTP stack enters the tree;
/// it takes `http://` too, which the tests' loopback server uses.
async fn upload(url: &str, csv: &str) -> Result<()> {
    use aws_smithy_http_client::proxy::ProxyConfig;
    use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
    let failed = |why: String| CognitoError::UploadFailed(why);
    let mut request = HttpRequest::new(SdkBody::from(csv.to_owned()));
    request
        .set_method("PUT")
        .map_err(|e| failed(e.to_string()))?;
    request
        .set_uri(url)
        .map_err(|e| failed(format!("the URL is not one: {e}")))?;
    let headers = request.headers_mut();
    headers.insert("x-amz-server-side-encryption", "aws:kms");
    headers.insert("content-type", "text/csv");
    headers.insert("content-length", csv.len().to_string());
    let mut connector = aws_smithy_http_client::ConnectorBuilder::default()
        .tls_provider(Provider::Rustls(CryptoMode::AwsLc));
    connector.set_proxy_config(Some(ProxyConfig::from_env()));
    let answer = tokio::time::timeout(UPLOAD_TIMEOUT, connector.build().call(request))
        .await
        .map_err(|_| failed("no answer in time".into()))?
        .map_err(|e| failed(format!("the connection failed: {e}")))?;
    let status = answer.status().as_u16();
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(failed(format!("S3 answered HTTP {status}")))
    }
}
