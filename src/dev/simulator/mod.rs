//! A quota-true Cognito simulator for benchmarks and scale tests (never used by the `cognitui`
//! binary): a loopback HTTP server that answers ListUsers (filters on `sub`, `username`,
//! `email` and status, prefix and exact, with pagination), AdminGetUser, DescribeUserPool and
//! the admin changes for a synthetic pool of any size ([`SimPool`]), holding each quota
//! category to its default quota (TooManyRequests above it, as Cognito answers), with a latency
//! spread around a mean and faults at a given rate: an HTTP 500 before the work is done, or the
//! connection reset after it is done (the answer lost).
//!
//! With [`SimConfig::empty`] the pool starts empty instead and keeps what is created in it
//! ([`created`]): users (AdminCreateUser), groups (CreateGroup) and memberships, read back by
//! ListUsers, AdminGetUser, ListGroups and ListUsersInGroup, each change counted by user. It
//! runs user import jobs too ([`import_jobs`]): their file is PUT to the simulator itself, as
//! to the job's pre-signed S3 URL, and each row makes a user.

mod created;
mod import_jobs;
mod pool;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

use crate::cognito::quota::Category;
use created::CreatedPool;
use import_jobs::ImportJobs;
pub use pool::SimPool;

/// The simulated pool's id.
pub const POOL_ID: &str = "us-east-1_Simulated";

/// How the simulator behaves.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Users in the synthetic pool (none when `empty`).
    pub users: u32,
    /// The pool starts empty and keeps what is created in it, instead of the synthetic one.
    pub empty: bool,
    /// The mean time an answer takes.
    pub latency: Duration,
    /// How far an answer's time spreads around the mean, as a share of it (0.25: ±25%).
    pub jitter: f64,
    /// The share of requests answered with an HTTP 500 (nothing done) or whose connection is
    /// reset once the work is done (half each).
    pub fault_rate: f64,
    /// Every fault is a reset once the work is done (no 500).
    pub resets_only: bool,
}

/// What the simulator saw.
#[derive(Debug, Clone, Default)]
pub struct SimStats {
    /// Requests received, by operation (throttled and faulted ones included).
    pub sent: HashMap<String, usize>,
    /// Requests answered, by operation.
    pub answered: HashMap<String, usize>,
    /// Requests refused with TooManyRequests, by category.
    pub throttled: HashMap<&'static str, usize>,
    /// Requests answered with a fault.
    pub faults: usize,
    /// In the synthetic pool: changes applied, by user (a change whose answer was lost
    /// included).
    pub changed: HashMap<String, usize>,
    /// In the empty pool: each change applied (an operation, `AdminCreateUser RESEND` apart;
    /// a user an import job made under `StartUserImportJob`), by user or group, how many times
    /// (a change whose answer was lost included; a request refused, as an AdminCreateUser of a
    /// user there, is not applied).
    pub applied: HashMap<&'static str, HashMap<String, usize>>,
    /// In the empty pool: the invitations AdminCreateUser sent, by medium (`EMAIL`, `SMS`).
    pub messages: HashMap<&'static str, usize>,
    /// When each ListUsers request arrived, since the simulator started.
    pub list_users_at: Vec<Duration>,
}

/// One category's quota as Cognito holds it: a bucket of one second's worth.
#[derive(Debug)]
struct Bucket {
    rate: f64,
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn take(&mut self, now: Instant) -> bool {
        self.tokens =
            (self.tokens + (now - self.at).as_secs_f64() * self.rate).min(self.rate.max(1.0));
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

struct Shared {
    config: SimConfig,
    /// Where the simulator is reached (`http://127.0.0.1:PORT`).
    endpoint: String,
    pool: Mutex<SimPool>,
    created: Mutex<CreatedPool>,
    jobs: Mutex<ImportJobs>,
    buckets: Mutex<HashMap<&'static str, Bucket>>,
    stats: Mutex<SimStats>,
    started: Instant,
    requests: AtomicU64,
}

/// A running simulator; it stops with the runtime it was started on.
pub struct Simulator {
    endpoint: String,
    shared: Arc<Shared>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Simulator {
    /// Starts a simulator on a free loopback port.
    pub async fn start(config: SimConfig) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let endpoint = format!("http://{}", listener.local_addr()?);
        let shared = Arc::new(Shared {
            pool: Mutex::new(SimPool::new(if config.empty { 0 } else { config.users })),
            created: Mutex::new(CreatedPool::default()),
            jobs: Mutex::new(ImportJobs::default()),
            endpoint: endpoint.clone(),
            config,
            buckets: Mutex::new(HashMap::new()),
            stats: Mutex::new(SimStats::default()),
            started: Instant::now(),
            requests: AtomicU64::new(0),
        });
        let serving = Arc::clone(&shared);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let shared = Arc::clone(&serving);
                tokio::spawn(async move {
                    let _ = serve(stream, &shared).await;
                });
            }
        });
        Ok(Self { endpoint, shared })
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// From now on `category` is held to `rate` requests a second (a quota lowered for a
    /// while, or raised back).
    pub fn set_quota(&self, category: Category, rate: f64) {
        lock(&self.shared.buckets).insert(
            category.name(),
            Bucket {
                rate,
                tokens: rate,
                at: Instant::now(),
            },
        );
    }

    /// What the simulator saw so far.
    pub fn stats(&self) -> SimStats {
        lock(&self.shared.stats).clone()
    }
}

/// Answers the requests of one connection, kept alive, until it closes.
async fn serve(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    while let Some(request) = read_request(&mut stream).await? {
        let Request {
            method,
            path,
            target,
            body,
        } = request;
        if target.is_empty() {
            // Not Cognito's API: an import job's file PUT to its pre-signed URL.
            let id = path.strip_prefix("/import/").unwrap_or_default();
            let id = id.split('?').next().unwrap_or_default();
            let status = if method == "PUT" {
                lock(&shared.jobs).upload(id, body)
            } else {
                405
            };
            let reason = match status {
                200 => "OK",
                403 => "Forbidden",
                404 => "Not Found",
                _ => "Method Not Allowed",
            };
            let head = format!("HTTP/1.1 {status} {reason}\r\ncontent-length: 0\r\n\r\n");
            stream.write_all(head.as_bytes()).await?;
            continue;
        }
        let n = shared.requests.fetch_add(1, Ordering::Relaxed);
        let operation = target.rsplit('.').next().unwrap_or_default().to_owned();
        let category = Category::of(&operation);
        let now = Instant::now();
        {
            let mut stats = lock(&shared.stats);
            *stats.sent.entry(operation.clone()).or_default() += 1;
            if operation == "ListUsers" {
                stats.list_users_at.push(now - shared.started);
            }
        }
        let admitted = lock(&shared.buckets)
            .entry(category.name())
            .or_insert_with(|| Bucket {
                rate: f64::from(category.default_quota()),
                tokens: f64::from(category.default_quota()),
                at: now,
            })
            .take(now);
        let spread = fraction(pool::mix(n));
        let wait = shared
            .config
            .latency
            .mul_f64((1.0 - shared.config.jitter + 2.0 * shared.config.jitter * spread).max(0.0));
        tokio::time::sleep(wait).await;
        if !admitted {
            *lock(&shared.stats)
                .throttled
                .entry(category.name())
                .or_default() += 1;
            let error = error("TooManyRequestsException", "Too many requests");
            stream.write_all(&error).await?;
            continue;
        }
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        if fraction(pool::mix(n ^ 0xFA17)) < shared.config.fault_rate {
            lock(&shared.stats).faults += 1;
            if shared.config.resets_only || n.is_multiple_of(2) {
                // The work is done, then the connection is reset: the answer is lost.
                respond(&operation, &body, shared);
                return Ok(());
            }
            let failed = answer(
                500,
                "InternalErrorException",
                &json!({"message": "simulated"}),
            );
            stream.write_all(&failed).await?;
            continue;
        }
        let response = respond(&operation, &body, shared);
        *lock(&shared.stats).answered.entry(operation).or_default() += 1;
        stream.write_all(&response).await?;
    }
    Ok(())
}

/// A number in [0, 1) from a hash.
fn fraction(hash: u64) -> f64 {
    // The top 53 bits make an exact f64 fraction.
    #[allow(clippy::cast_precision_loss)]
    let share = (hash >> 11) as f64 / (1u64 << 53) as f64;
    share
}

/// The answer to `operation` with request `body`.
fn respond(operation: &str, body: &Value, shared: &Shared) -> Vec<u8> {
    match operation {
        "DescribeUserPool" => {
            let users = if shared.config.empty {
                lock(&shared.created).users()
            } else {
                lock(&shared.pool).users() as usize
            };
            ok(&json!({"UserPool": {
                "Id": POOL_ID,
                "Name": if shared.config.empty { "simulated (empty)" } else { "simulated" },
                "EstimatedNumberOfUsers": users,
                "MfaConfiguration": "OFF",
            }}))
        }
        "GetUserPoolMfaConfig" => ok(&json!({"MfaConfiguration": "OFF"})),
        // The simulated pool has no app clients.
        "ListUserPoolClients" => ok(&json!({"UserPoolClients": []})),
        _ if shared.config.empty => respond_created(operation, body, shared),
        _ => respond_synthetic(operation, body, shared),
    }
}

/// The answer of the empty pool, which keeps what is created in it.
fn respond_created(operation: &str, body: &Value, shared: &Shared) -> Vec<u8> {
    let done = if import_jobs::answers(operation) {
        let mut jobs = lock(&shared.jobs);
        jobs.answer(
            operation,
            body,
            &mut lock(&shared.created),
            &shared.endpoint,
        )
    } else {
        lock(&shared.created).answer(operation, body)
    };
    match done {
        Ok(done) => {
            let mut stats = lock(&shared.stats);
            for (what, whom) in done.applied {
                *stats
                    .applied
                    .entry(what)
                    .or_default()
                    .entry(whom)
                    .or_default() += 1;
            }
            for medium in done.messages {
                *stats.messages.entry(medium).or_default() += 1;
            }
            ok(&done.body)
        }
        Err((code, message)) => error(code, &message),
    }
}

/// The answer of the synthetic pool.
fn respond_synthetic(operation: &str, body: &Value, shared: &Shared) -> Vec<u8> {
    let mut pool = lock(&shared.pool);
    match operation {
        "ListUsers" => {
            let from = body["PaginationToken"]
                .as_str()
                .and_then(|t| t.parse().ok())
                .unwrap_or(0);
            let limit = body["Limit"]
                .as_u64()
                .map_or(60, |l| usize::try_from(l).unwrap_or(60));
            match pool.page(body["Filter"].as_str(), from, limit) {
                Some((users, next)) => {
                    let users: Vec<Value> = users.into_iter().map(|i| pool.user(i)).collect();
                    let mut out = json!({ "Users": users });
                    if let Some(next) = next {
                        out["PaginationToken"] = json!(next.to_string());
                    }
                    ok(&out)
                }
                None => error(
                    "InvalidParameterException",
                    "The simulator does not know this filter.",
                ),
            }
        }
        // The synthetic pool has no groups.
        "ListGroups" => ok(&json!({"Groups": []})),
        _ => {
            let Some(i) = body["Username"].as_str().and_then(|u| pool.find(u)) else {
                return error("UserNotFoundException", "User does not exist.");
            };
            if operation == "AdminGetUser" {
                let mut user = pool.user(i);
                user["UserAttributes"] = user["Attributes"].take();
                return ok(&user);
            }
            pool.change(operation, i, body);
            if Category::of(operation).changes() {
                let name = body["Username"].as_str().unwrap_or_default().to_owned();
                *lock(&shared.stats).changed.entry(name).or_default() += 1;
            }
            ok(&json!({}))
        }
    }
}

fn ok(body: &Value) -> Vec<u8> {
    answer(200, "", body)
}

fn error(code: &str, message: &str) -> Vec<u8> {
    answer(400, code, &json!({"__type": code, "message": message}))
}

fn answer(status: u16, error_type: &str, body: &Value) -> Vec<u8> {
    let body = body.to_string();
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        _ => "Internal Server Error",
    };
    let error_type = if error_type.is_empty() {
        String::new()
    } else {
        format!("x-amzn-errortype: {error_type}:\r\n")
    };
    format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/x-amz-json-1.1\r\n{error_type}content-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// One request: its path, its `X-Amz-Target` (empty for a request not to Cognito's API, as an
/// import job's upload) and its body.
struct Request {
    method: String,
    path: String,
    target: String,
    body: Vec<u8>,
}

/// Reads one request; `None` once the connection closes.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Request>> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = memchr::memmem::find(&data, b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(None);
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let header = |name: &str| {
        head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    };
    let length: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(None);
        }
        data.extend_from_slice(&buf[..n]);
    }
    let mut line = head.split_whitespace();
    let method = line.next().unwrap_or_default().to_owned();
    let path = line.next().unwrap_or_default().to_owned();
    Ok(Some(Request {
        method,
        path,
        target: header("x-amz-target").unwrap_or_default(),
        body: data[head_end..head_end + length].to_vec(),
    }))
}
