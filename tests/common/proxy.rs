//! A loopback HTTP proxy that puts faults between cognitui and the emulator: it forwards every
//! request, counts requests per Cognito operation and how many are in flight at once, and for a
//! chosen operation (or every one, `*`) delays the answer or drops it (closes the connection
//! after the emulator has done the work), or answers it itself with an error as AWS sends it
//! (the emulator never sees that request). It keeps every request's JSON body by operation, so
//! a test can see what went on the wire. The benchmarks use it to add latency.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What happens to the answer of one operation.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// The emulator does the work, then the connection is closed without an answer, once.
    DropAnswerOnce,
    /// The answer is held back this long.
    Delay(Duration),
    /// Every such request is held and never forwarded: the client waits until it is stopped
    /// (an interruption), and nothing of it reaches the pool.
    Hold,
    /// The proxy answers the first request itself with this AWS error (HTTP 400, `__type` and
    /// `message`), without forwarding it.
    RefuseOnce {
        code: &'static str,
        message: &'static str,
    },
}

/// A running proxy; it stops with the test's runtime.
pub struct Proxy {
    pub endpoint: String,
    counts: Arc<Mutex<HashMap<String, usize>>>,
    bodies: Arc<Bodies>,
    load: Arc<Load>,
}

/// Every request's body, by operation.
type Bodies = Mutex<HashMap<String, Vec<String>>>;

/// Requests in flight now, and the most there have been.
#[derive(Debug, Default)]
struct Load {
    now: AtomicUsize,
    peak: AtomicUsize,
}

impl Proxy {
    /// Starts forwarding to `upstream` (host:port), with `fault` on `operation` (such as
    /// `AdminCreateUser`, or `*` for every operation).
    pub async fn start(upstream: &str, operation: &str, fault: Fault) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let endpoint = format!("http://{}", listener.local_addr().expect("addr"));
        let counts = Arc::new(Mutex::new(HashMap::new()));
        let bodies = Arc::new(Bodies::default());
        let load = Arc::new(Load::default());
        let rule = Arc::new(Mutex::new(Some((operation.to_owned(), fault))));
        let (upstream, shared, shared_bodies, shared_load) = (
            upstream.to_owned(),
            Arc::clone(&counts),
            Arc::clone(&bodies),
            Arc::clone(&load),
        );
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let seen = Seen {
                    counts: Arc::clone(&shared),
                    bodies: Arc::clone(&shared_bodies),
                    load: Arc::clone(&shared_load),
                };
                let (upstream, rule) = (upstream.clone(), Arc::clone(&rule));
                tokio::spawn(async move {
                    let _ = serve(client, &upstream, &seen, &rule).await;
                });
            }
        });
        Self {
            endpoint,
            counts,
            bodies,
            load,
        }
    }

    /// The most requests that were in flight at once since the last call; starts counting again.
    pub fn take_peak(&self) -> usize {
        self.load.peak.swap(0, Ordering::SeqCst)
    }

    /// How many requests for `operation` reached the proxy.
    pub fn count(&self, operation: &str) -> usize {
        self.counts
            .lock()
            .expect("counts")
            .get(operation)
            .copied()
            .unwrap_or(0)
    }

    /// The JSON bodies of the requests for `operation`, in the order they came.
    pub fn bodies(&self, operation: &str) -> Vec<String> {
        self.bodies
            .lock()
            .expect("bodies")
            .get(operation)
            .cloned()
            .unwrap_or_default()
    }
}

/// What the proxy keeps of the requests it sees.
struct Seen {
    counts: Arc<Mutex<HashMap<String, usize>>>,
    bodies: Arc<Bodies>,
    load: Arc<Load>,
}

type Rule = Mutex<Option<(String, Fault)>>;

async fn serve(
    mut client: TcpStream,
    upstream: &str,
    seen: &Seen,
    rule: &Rule,
) -> std::io::Result<()> {
    let (counts, load) = (&seen.counts, &seen.load);
    let mut server = TcpStream::connect(upstream).await?;
    loop {
        let Some(request) = read_message(&mut client).await? else {
            return Ok(());
        };
        let operation = header(&request, "x-amz-target")
            .and_then(|t| t.rsplit('.').next().map(ToOwned::to_owned))
            .unwrap_or_default();
        *counts
            .lock()
            .expect("counts")
            .entry(operation.clone())
            .or_default() += 1;
        let body_start = find(&request, b"\r\n\r\n").map_or(request.len(), |i| i + 4);
        seen.bodies
            .lock()
            .expect("bodies")
            .entry(operation.clone())
            .or_default()
            .push(String::from_utf8_lossy(&request[body_start..]).into_owned());
        let now = load.now.fetch_add(1, Ordering::SeqCst) + 1;
        load.peak.fetch_max(now, Ordering::SeqCst);
        let answered = answer(&mut client, &mut server, &request, &operation, rule).await;
        load.now.fetch_sub(1, Ordering::SeqCst);
        if !answered? {
            return Ok(());
        }
    }
}

/// Forwards one request and its answer, with the fault the rule says; `false` when the
/// connection ends.
async fn answer(
    client: &mut TcpStream,
    server: &mut TcpStream,
    request: &[u8],
    operation: &str,
    rule: &Rule,
) -> std::io::Result<bool> {
    let fault = {
        let mut rule = rule.lock().expect("rule");
        match rule.as_ref() {
            Some((op, fault)) if op == operation || op == "*" => {
                let fault = *fault;
                if !matches!(fault, Fault::Delay(_) | Fault::Hold) {
                    *rule = None;
                }
                Some(fault)
            }
            _ => None,
        }
    };
    if let Some(Fault::Hold) = fault {
        return std::future::pending().await;
    }
    if let Some(Fault::RefuseOnce { code, message }) = fault {
        let body = format!(r#"{{"__type":"{code}","message":"{message}"}}"#);
        let head = format!(
            "HTTP/1.1 400 Bad Request\r\ncontent-type: application/x-amz-json-1.1\r\nx-amzn-errortype: {code}\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        client.write_all(head.as_bytes()).await?;
        client.write_all(body.as_bytes()).await?;
        return Ok(true);
    }
    server.write_all(request).await?;
    let Some(response) = read_message(server).await? else {
        return Ok(false);
    };
    match fault {
        Some(Fault::DropAnswerOnce) => return Ok(false), // the connection closes unanswered
        Some(Fault::Delay(d)) => tokio::time::sleep(d).await,
        Some(Fault::RefuseOnce { .. } | Fault::Hold) | None => {}
    }
    client.write_all(&response).await?;
    Ok(true)
}

/// Reads one HTTP/1.1 message (head and a Content-Length body); `None` at end of stream.
pub async fn read_message(stream: &mut TcpStream) -> std::io::Result<Option<Vec<u8>>> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = find(&data, b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(None);
        }
        data.extend_from_slice(&buf[..n]);
    };
    let length = header(&data[..head_end], "content-length")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
    }
    Ok(Some(data))
}

fn find(data: &[u8], needle: &[u8]) -> Option<usize> {
    data.windows(needle.len()).position(|w| w == needle)
}

fn header(message: &[u8], name: &str) -> Option<String> {
    let end = find(message, b"\r\n\r\n").unwrap_or(message.len());
    String::from_utf8_lossy(&message[..end])
        .lines()
        .find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
}
