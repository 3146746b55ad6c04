//! Wiring: the Cognito client, the worker, the event channel and the draw loop. The `run` loop
//! is the only place that awaits.

use std::io;

use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, SdkConfig};
use aws_sdk_cognitoidentityprovider::config::Region;
use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::action::Request;
use std::sync::Arc;

use crate::app::{App, Safety};
use crate::audit::AuditLog;
use crate::cognito::model::Sensitive;
use crate::cognito::{Cognito, spawn_worker};
use crate::config::{PoolChoice, Settings};
use crate::event::{Event, spawn_terminal_events};
use crate::keys::Keymap;
use crate::ui::{self, Theme};

/// Builds the SDK configuration from the standard AWS chain (environment, profiles, SSO), with the
/// region, profile and endpoint the settings name. Fails before the terminal is touched when no
/// region can be found.
pub async fn sdk_config(settings: &Settings) -> Result<SdkConfig, String> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest()).timeout_config(
        TimeoutConfig::builder()
            .operation_timeout(settings.request_timeout)
            .connect_timeout(std::time::Duration::from_secs(5))
            .build(),
    );
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &settings.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(url) = &settings.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let config = loader.load().await;
    if config.region().is_none() {
        return Err(
            "no AWS region: pass --region, set region in the pool's config, or set AWS_REGION"
                .into(),
        );
    }
    Ok(config)
}

/// Where requests go, for the header.
pub fn target_label(settings: &Settings) -> String {
    match (&settings.endpoint_url, &settings.region) {
        (Some(url), _) => url.clone(),
        (None, Some(region)) => format!("AWS {region}"),
        (None, None) => "AWS".to_owned(),
    }
}

/// Where copied text goes.
#[derive(Debug)]
pub enum Clipboard {
    /// The terminal's clipboard, through an OSC 52 escape sequence.
    Terminal,
    /// Kept here, for headless runs and tests.
    Memory(Vec<Sensitive>),
}

/// A running app: state, terminal, and the channels to the worker. Tests drive it headless.
pub struct Session<B: Backend> {
    pub app: App,
    pub terminal: Terminal<B>,
    pub clipboard: Clipboard,
    theme: Theme,
    events: UnboundedReceiver<Event>,
    events_tx: UnboundedSender<Event>,
    worker: UnboundedSender<Request>,
}

impl<B: Backend> Session<B> {
    /// Starts the worker and sends the first requests (open `choice`, or list pools); changes
    /// are not audited.
    pub fn start(
        terminal: Terminal<B>,
        cognito: Cognito,
        keymap: Keymap,
        target: String,
        choice: Option<PoolChoice>,
    ) -> io::Result<Self> {
        Self::start_audited(
            terminal,
            cognito,
            keymap,
            target,
            choice,
            Arc::new(AuditLog::disabled()),
        )
    }

    /// Like [`Session::start`], writing every change to `audit`.
    pub fn start_audited(
        terminal: Terminal<B>,
        cognito: Cognito,
        keymap: Keymap,
        target: String,
        choice: Option<PoolChoice>,
        audit: Arc<AuditLog>,
    ) -> io::Result<Self> {
        let size = terminal
            .size()
            .map_err(|e| io::Error::other(e.to_string()))?;
        let (events_tx, events) = unbounded_channel();
        let worker = spawn_worker(cognito, audit, events_tx.clone());
        let mut app = App::new(keymap, target, (size.width, size.height), Utc::now());
        let first = app.start(choice);
        let session = Self {
            app,
            terminal,
            clipboard: Clipboard::Memory(Vec::new()),
            theme: Theme::default(),
            events,
            events_tx,
            worker,
        };
        session.send(first);
        Ok(session)
    }

    /// A sender for events (keys, ticks) into this session.
    pub fn events(&self) -> UnboundedSender<Event> {
        self.events_tx.clone()
    }

    /// Applies one event and sends the requests it produces.
    pub fn handle(&mut self, event: Event) {
        let requests = self.app.update(event);
        self.send(requests);
        for text in self.app.clipboard.drain(..) {
            match &mut self.clipboard {
                Clipboard::Terminal => copy_osc52(&text),
                Clipboard::Memory(kept) => kept.push(text),
            }
        }
    }

    fn send(&self, requests: Vec<Request>) {
        for request in requests {
            // The worker lives as long as the session; a send can only fail during shutdown.
            let _ = self.worker.send(request);
        }
    }

    /// Waits for the next event and applies it. `false` once there will be no more.
    pub async fn next(&mut self) -> bool {
        match self.events.recv().await {
            Some(event) => {
                self.handle(event);
                true
            }
            None => false,
        }
    }

    pub fn draw(&mut self) -> io::Result<()> {
        let (app, theme) = (&self.app, &self.theme);
        self.terminal
            .draw(|frame| ui::render(frame, app, theme))
            .map(|_| ())
            .map_err(|e| io::Error::other(e.to_string()))
    }

    /// Draws after every event until the user quits.
    pub async fn run(mut self) -> io::Result<()> {
        loop {
            self.draw()?;
            if self.app.should_quit || !self.next().await {
                return Ok(());
            }
        }
    }
}

/// Runs the app on the real terminal against the AWS chain's credentials and region.
pub async fn run_terminal(settings: Settings) -> color_eyre::Result<()> {
    let config = sdk_config(&settings)
        .await
        .map_err(|e| color_eyre::eyre::eyre!(e))?;
    let identity = caller_identity(&settings, &config).await;
    let client = aws_sdk_cognitoidentityprovider::Client::new(&config);
    let audit = AuditLog::new(AuditLog::default_path("audit.jsonl"), identity);
    run_with_client(&settings, client, audit).await
}

/// Runs the app on the real terminal with `client`, restoring the terminal afterwards (and on
/// panic: `ratatui::init` installs the hook).
pub async fn run_with_client(
    settings: &Settings,
    client: aws_sdk_cognitoidentityprovider::Client,
    audit: AuditLog,
) -> color_eyre::Result<()> {
    let audit = Arc::new(audit);
    let terminal = ratatui::init();
    let result = async {
        let mut session = Session::start_audited(
            terminal,
            Cognito::new(&client).with_bulk_rate(settings.bulk_rate),
            settings.keymap.clone(),
            target_label(settings),
            settings.pool.clone(),
            audit,
        )?;
        session.app.bulk_rate = settings.bulk_rate;
        session.app.totp_issuer.clone_from(&settings.totp_issuer);
        session.app.safety = Safety {
            read_only: settings.read_only,
            protected_users: settings.protected_users.clone(),
        };
        session.clipboard = Clipboard::Terminal;
        spawn_terminal_events(session.events());
        session.run().await
    }
    .await;
    ratatui::restore();
    Ok(result?)
}

/// Who is making changes, for the audit log: the STS caller ARN (GetCallerIdentity with the
/// same credentials, region and endpoint as Cognito), else the AWS profile's name.
async fn caller_identity(settings: &Settings, config: &SdkConfig) -> String {
    let fallback = format!(
        "profile {}",
        settings
            .profile
            .clone()
            .or_else(|| std::env::var("AWS_PROFILE").ok())
            .unwrap_or_else(|| "default".into())
    );
    let sts = aws_sdk_sts::Client::new(config);
    let call = sts.get_caller_identity().send();
    match tokio::time::timeout(std::time::Duration::from_secs(5), call).await {
        Ok(Ok(out)) => out.arn().map_or(fallback, ToOwned::to_owned),
        _ => fallback,
    }
}

/// Puts `text` on the terminal's clipboard with OSC 52 (terminals may ask or refuse).
fn copy_osc52(text: &Sensitive) {
    use std::io::Write as _;

    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.expose());
    let mut out = std::io::stdout();
    // Nothing useful to do if the terminal is gone.
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}
