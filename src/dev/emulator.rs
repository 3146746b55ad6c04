//! The local Cognito emulator: moto server, pinned and installed by `scripts/install-emulator`
//! into the git-ignored `.venv/`, on a loopback port, stopped when dropped or when this process
//! ends (it exits when its standard input closes).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_sdk_cognitoidentityprovider::config::timeout::TimeoutConfig;
use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};

/// One install at a time within this process.
static INSTALL: Mutex<()> = Mutex::new(());

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A running emulator.
#[derive(Debug)]
pub struct Emulator {
    child: Child,
    port: u16,
}

impl Emulator {
    /// Installs the emulator if needed and starts it on a free port.
    pub fn start() -> Result<Self, String> {
        Self::start_on(0)
    }

    /// Installs the emulator if needed and starts it on `port` (0: a free one).
    pub fn start_on(port: u16) -> Result<Self, String> {
        install()?;
        let mut child = Command::new(python())
            .arg(root().join("scripts/emulator.py"))
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the emulator: {e}"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or("the emulator has no standard output")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the emulator's port: {e}"))?;
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| {
                format!("the emulator did not start (it said {line:?}); is port {port} free?")
            })?;
        Ok(Self { child, port })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL to point the SDK at.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Freezes the emulator: connections are accepted but never answered.
    pub fn pause(&self) {
        self.signal("-STOP");
    }

    /// Lets a paused emulator answer again.
    pub fn resume(&self) {
        self.signal("-CONT");
    }

    fn signal(&self, signal: &str) {
        let _ = Command::new("kill")
            .arg(signal)
            .arg(self.child.id().to_string())
            .status();
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        // SIGKILL ends a paused emulator too, without letting it answer what it holds.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn python() -> PathBuf {
    root().join(".venv/bin/python")
}

/// Runs `scripts/install-emulator` (a no-op once installed); its error says what to install.
fn install() -> Result<(), String> {
    let _guard = INSTALL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let out = Command::new("bash")
        .arg(root().join("scripts/install-emulator"))
        .output()
        .map_err(|e| format!("cannot run scripts/install-emulator: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "installing the Cognito emulator failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// An SDK client for the emulator: static dummy credentials, us-east-1, no retries (the
/// emulator answers unimplemented operations with HTTP 500, which would be retried), and
/// `timeout` per operation.
pub fn emulator_client(endpoint: &str, timeout: Duration) -> Client {
    let config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .credentials_provider(Credentials::new("test", "test", None, None, "emulator"))
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .retry_config(RetryConfig::disabled())
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(timeout)
                .connect_timeout(Duration::from_secs(2))
                .build(),
        )
        .build();
    Client::from_conf(config)
}
