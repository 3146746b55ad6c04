//! The empty pool's user import jobs, as Cognito runs them: the columns their file must have
//! (GetCSVHeader), a job made with a pre-signed URL pointing at the simulator itself
//! (CreateUserImportJob), its file PUT there ([`ImportJobs::upload`]), the job started
//! (StartUserImportJob), and its progress (DescribeUserImportJob, ListUserImportJobs).
//!
//! A job runs at once when it starts: each row of its file makes a user in the empty pool
//! ([`CreatedPool::import`]: RESET_REQUIRED, a new `sub`), a username there already failing.
//! Its progress is shown as a client polling would see it: Pending in StartUserImportJob's
//! answer, InProgress on the first DescribeUserImportJob, then Succeeded (or Failed) with the
//! counts and a CompletionDate.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::POOL_ID;
use super::created::{CreatedPool, Done, Refusal, page, refused, window};
use super::pool::mix;
use crate::cognito::model::STANDARD_ATTRIBUTES;

/// GetCSVHeader's columns, in Cognito's order: the standard attributes but `sub`, then the
/// import's own. The simulated pool's schema has no custom attribute (DescribeUserPool tells
/// none), so no `custom:` column follows.
fn csv_header() -> Vec<&'static str> {
    STANDARD_ATTRIBUTES[1..]
        .iter()
        .copied()
        .chain([MFA_ENABLED, USERNAME])
        .collect()
}

const USERNAME: &str = "cognito:username";
const MFA_ENABLED: &str = "cognito:mfa_enabled";

/// Whether `operation` is one of the import jobs' (answered by [`ImportJobs::answer`]).
pub fn answers(operation: &str) -> bool {
    matches!(
        operation,
        "GetCSVHeader"
            | "CreateUserImportJob"
            | "StartUserImportJob"
            | "DescribeUserImportJob"
            | "ListUserImportJobs"
    )
}

/// How a job ended, decided when it ran, shown once its progress gets there.
#[derive(Debug)]
struct Outcome {
    status: &'static str,
    imported: usize,
    failed: usize,
    message: String,
}

#[derive(Debug)]
struct Job {
    id: String,
    name: String,
    role_arn: String,
    url: String,
    created: f64,
    started: Option<f64>,
    completed: Option<f64>,
    /// The file uploaded to the job's pre-signed URL.
    csv: Option<Vec<u8>>,
    /// Created, Pending, InProgress, then the outcome's.
    status: &'static str,
    outcome: Option<Outcome>,
}

impl Job {
    fn json(&self) -> Value {
        let shown = self.outcome.as_ref().filter(|o| o.status == self.status);
        let mut out = json!({
            "JobName": self.name,
            "JobId": self.id,
            "UserPoolId": POOL_ID,
            "PreSignedUrl": self.url,
            "CreationDate": self.created,
            "Status": self.status,
            "CloudWatchLogsRoleArn": self.role_arn,
            "ImportedUsers": shown.map_or(0, |o| o.imported),
            "SkippedUsers": 0,
            "FailedUsers": shown.map_or(0, |o| o.failed),
        });
        if let Some(at) = self.started {
            out["StartDate"] = json!(at);
        }
        if let Some(at) = self.completed {
            out["CompletionDate"] = json!(at);
        }
        if let Some(o) = shown {
            out["CompletionMessage"] = json!(o.message);
        }
        out
    }
}

/// The import jobs of the empty pool, in the order they were made.
#[derive(Debug, Default)]
pub struct ImportJobs {
    jobs: Vec<Job>,
}

/// Now, as seconds since the epoch to the millisecond (as Cognito writes its dates).
fn now() -> f64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    (since.as_secs_f64() * 1000.0).round() / 1000.0
}

/// A job id as Cognito writes them: `import-` and ten letters or digits.
fn job_id(seed: u64) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut hash = mix(seed ^ 0x1A7B_0B5E);
    let mut id = String::from("import-");
    for _ in 0..10 {
        id.push(char::from(DIGITS[usize::try_from(hash % 62).unwrap_or(0)]));
        hash /= 62;
    }
    id
}

fn no_job() -> Refusal {
    refused("ResourceNotFoundException", "Import job not found.")
}

impl ImportJobs {
    /// The answer to the import job `operation` with request `body`, the users a started job
    /// made kept in `pool`; `endpoint` is where the simulator is reached, which the
    /// pre-signed URLs point at.
    ///
    /// # Errors
    /// What Cognito would refuse: a job not there, a job started twice or with no file.
    pub fn answer(
        &mut self,
        operation: &str,
        body: &Value,
        pool: &mut CreatedPool,
        endpoint: &str,
    ) -> Result<Done, Refusal> {
        match operation {
            "GetCSVHeader" => Ok(Done::read(json!({
                "UserPoolId": POOL_ID,
                "CSVHeader": csv_header(),
            }))),
            "CreateUserImportJob" => {
                let name = body["JobName"].as_str().unwrap_or_default();
                let role_arn = body["CloudWatchLogsRoleArn"].as_str().unwrap_or_default();
                if name.is_empty() || role_arn.is_empty() {
                    return Err(refused(
                        "InvalidParameterException",
                        "JobName and CloudWatchLogsRoleArn are required.",
                    ));
                }
                let id = job_id(u64::try_from(self.jobs.len()).unwrap_or(0));
                let job = Job {
                    url: format!("{endpoint}/import/{id}?X-Amz-Algorithm=AWS4-HMAC-SHA256"),
                    id,
                    name: name.to_owned(),
                    role_arn: role_arn.to_owned(),
                    created: now(),
                    started: None,
                    completed: None,
                    csv: None,
                    status: "Created",
                    outcome: None,
                };
                let out = json!({ "UserImportJob": job.json() });
                self.jobs.push(job);
                Ok(Done::read(out))
            }
            "StartUserImportJob" => {
                let job = self.find(body)?;
                if job.status != "Created" {
                    return Err(refused(
                        "PreconditionNotMetException",
                        &format!("The import job is {}, not Created.", job.status),
                    ));
                }
                let Some(csv) = job.csv.take() else {
                    return Err(refused(
                        "PreconditionNotMetException",
                        "No file was uploaded to the import job's pre-signed URL.",
                    ));
                };
                let (outcome, made) = run(&csv, pool);
                job.status = "Pending";
                job.started = Some(now());
                job.outcome = Some(outcome);
                let mut done = Done::read(json!({ "UserImportJob": job.json() }));
                done.applied = made
                    .into_iter()
                    .map(|u| ("StartUserImportJob", u))
                    .collect();
                Ok(done)
            }
            "DescribeUserImportJob" => {
                let job = self.find(body)?;
                match (job.status, &job.outcome) {
                    ("Pending", _) => job.status = "InProgress",
                    ("InProgress", Some(outcome)) => {
                        job.status = outcome.status;
                        job.completed = Some(now());
                    }
                    _ => {}
                }
                Ok(Done::read(json!({ "UserImportJob": job.json() })))
            }
            _ => {
                let (from, _) = window(body, "PaginationToken");
                let limit = body["MaxResults"]
                    .as_u64()
                    .and_then(|l| usize::try_from(l).ok())
                    .unwrap_or(60)
                    .clamp(1, 60);
                let jobs = self.jobs.iter().map(Job::json).collect();
                Ok(Done::read(page(
                    jobs,
                    from,
                    limit,
                    "UserImportJobs",
                    "PaginationToken",
                )))
            }
        }
    }

    /// A file PUT to job `id`'s pre-signed URL: the HTTP status S3 answers (200 kept, 403 for a
    /// job started already, 404 for no such job).
    pub fn upload(&mut self, id: &str, csv: Vec<u8>) -> u16 {
        match self.jobs.iter_mut().find(|j| j.id == id) {
            Some(job) if job.status == "Created" => {
                job.csv = Some(csv);
                200
            }
            Some(_) => 403,
            None => 404,
        }
    }

    fn find(&mut self, body: &Value) -> Result<&mut Job, Refusal> {
        let id = body["JobId"].as_str().ok_or_else(no_job)?;
        self.jobs.iter_mut().find(|j| j.id == id).ok_or_else(no_job)
    }
}

/// Runs a job's file: the first line its header (columns of GetCSVHeader's, in any order,
/// `cognito:username` among them), then a user a line, made in `pool` with the row's cells
/// that are set (not `cognito:username` or `cognito:mfa_enabled`). How it ended, and the
/// users made.
fn run(csv: &[u8], pool: &mut CreatedPool) -> (Outcome, Vec<String>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv);
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(header)) => header.iter().map(|c| c.trim().to_owned()).collect(),
        _ => Vec::new(),
    };
    let columns = csv_header();
    let known = header.iter().all(|c| columns.contains(&c.as_str()));
    let Some(at) = header.iter().position(|c| c == USERNAME).filter(|_| known) else {
        let outcome = Outcome {
            status: "Failed",
            imported: 0,
            failed: 0,
            message: "The header in the CSV file does not match the pool's (GetCSVHeader)."
                .to_owned(),
        };
        return (outcome, Vec::new());
    };
    let mut made = Vec::new();
    let mut failed = 0;
    for record in records {
        let Ok(record) = record else {
            failed += 1;
            continue;
        };
        let username = record.get(at).unwrap_or_default();
        let attributes: Vec<(String, String)> = header
            .iter()
            .zip(record.iter())
            .filter(|(column, cell)| {
                !cell.is_empty() && *column != USERNAME && *column != MFA_ENABLED
            })
            .map(|(column, cell)| (column.clone(), cell.to_owned()))
            .collect();
        if !username.is_empty() && pool.import(username, attributes) {
            made.push(username.to_owned());
        } else {
            failed += 1;
        }
    }
    let outcome = Outcome {
        status: "Succeeded",
        imported: made.len(),
        failed,
        message: "Import Job Completed Successfully.".to_owned(),
    };
    (outcome, made)
}
