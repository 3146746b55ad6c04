//! Wiring: the Cognito client, the worker, the event channel and the draw loop. The `run` loop
//! is the only place that awaits.

use std::io;
use std::sync::Arc;

use aws_config::SdkConfig;
use aws_sdk_cognitoidentityprovider::config::Region;
use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::action::Request;
use crate::app::{App, AwsTarget, Options};
use crate::audit::AuditLog;
use crate::aws_setup::{profile_identity, sdk_config, spawn_caller_identity, target_label};
use crate::cognito::sensitive::Sensitive;
use crate::cognito::{Cognito, Worker, spawn_worker};
use crate::config::{PoolChoice, Settings};
use crate::event::{Event, spawn_terminal_events};
use crate::keys::Keymap;
use crate::terminal::{copy_osc52, init_terminal, restore_terminal};
use crate::ui::{self, Theme};

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
    worker: Worker,
    audit: Arc<AuditLog>,
    /// How the session was opened and the client it works with, so that a change of profile or
    /// region makes a client the same way (`None`: a session on a given client, which cannot
    /// change).
    opened: Option<Box<(Settings, aws_sdk_cognitoidentityprovider::Client)>>,
    /// Whether changes are recorded as the caller STS names (a real AWS session).
    identify: bool,
    retargets: (UnboundedSender<Retargeted>, UnboundedReceiver<Retargeted>),
}

/// A client made for another profile and region (with the configuration STS is asked with), or
/// why it could not be.
type Retargeted = (
    AwsTarget,
    Result<(aws_sdk_cognitoidentityprovider::Client, SdkConfig), String>,
);

/// Events applied before the screen is drawn again: a burst of input (keys typed faster than
/// frames) costs one frame, and a flood of events cannot hold a frame back for long.
const EVENTS_PER_FRAME: usize = 256;

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
        let worker = spawn_worker(cognito, Arc::clone(&audit), events_tx.clone());
        let mut app = App::new(
            keymap,
            target,
            (size.width, size.height),
            Utc::now(),
            &ui::LAYOUT,
        );
        let first = app.start(choice);
        let mut session = Self {
            app,
            terminal,
            clipboard: Clipboard::Memory(Vec::new()),
            theme: Theme::default(),
            events,
            events_tx,
            worker,
            audit,
            opened: None,
            identify: false,
            retargets: unbounded_channel(),
        };
        session.flush(first);
        Ok(session)
    }

    /// Opens the app the way `cognitui` does, with every setting applied, and draws its first
    /// frame at once. The first requests are on their way, but nothing here waits for them.
    /// With `sts`, the caller identity for the audit log is then read in the background (the
    /// profile name is recorded until STS answers).
    pub fn open(
        terminal: Terminal<B>,
        settings: &Settings,
        client: &aws_sdk_cognitoidentityprovider::Client,
        audit: Arc<AuditLog>,
        sts: Option<&SdkConfig>,
    ) -> io::Result<Self> {
        let mut session = Self::start_audited(
            terminal,
            Cognito::new(client)
                .with_bulk_rate(settings.bulk_rate)
                .with_read_rate(settings.read_rate),
            settings.keymap.clone(),
            target_label(settings),
            settings.pool.clone(),
            Arc::clone(&audit),
        )?;
        *session.app.options_mut() = Options::from_settings(settings);
        // The configured theme, unless NO_COLOR says no colour (no-color.org).
        session.theme = Theme::from_env(settings.theme);
        session.opened = Some(Box::new((settings.clone(), client.clone())));
        session.identify = sts.is_some();
        session.draw()?;
        if let Some(config) = sts {
            spawn_caller_identity(audit, config);
        }
        Ok(session)
    }

    /// A sender for events (keys, ticks) into this session.
    pub fn events(&self) -> UnboundedSender<Event> {
        self.events_tx.clone()
    }

    /// Applies one event and sends the requests it produces.
    pub fn handle(&mut self, event: Event) {
        if matches!(event, Event::Tick(_)) {
            self.app.set_slowed(self.worker.slowed());
        }
        let requests = self.app.update(event);
        self.flush(requests);
    }

    /// Tells the worker what the app cancelled, sends `requests`, and copies what the app put
    /// on the clipboard.
    fn flush(&mut self, requests: Vec<Request>) {
        if let Some(target) = self.app.take_retarget() {
            self.retarget(target);
        }
        for id in self.app.take_cancelled() {
            self.worker.cancel(id);
        }
        for request in requests {
            // The worker lives as long as the session; a send can only fail during shutdown.
            let _ = self.worker.send(request);
        }
        for text in self.app.take_clipboard() {
            match &mut self.clipboard {
                Clipboard::Terminal => copy_osc52(&text),
                Clipboard::Memory(kept) => kept.push(text),
            }
        }
    }

    /// Makes a client for `target` the way this session's was made. Another region of the same
    /// profile keeps the client's credentials and settings; another profile is read from the
    /// AWS chain in the background, and the worker changes to it when it is ready.
    fn retarget(&mut self, target: AwsTarget) {
        let Some((settings, client)) = self.opened.as_deref() else {
            self.app.retarget_failed(
                "This session runs on a client it was given: start cognitui with --profile and --region instead.".into(),
            );
            return;
        };
        if target.profile == settings.profile {
            let config = client
                .config()
                .to_builder()
                .region(Region::new(target.region.clone()))
                .build();
            self.use_client(
                &target,
                aws_sdk_cognitoidentityprovider::Client::from_conf(config),
            );
            return;
        }
        let mut settings = settings.clone();
        settings.profile.clone_from(&target.profile);
        settings.region = Some(target.region.clone());
        let done = self.retargets.0.clone();
        tokio::spawn(async move {
            let made = sdk_config(&settings).await.map(|config| {
                (
                    aws_sdk_cognitoidentityprovider::Client::new(&config),
                    config,
                )
            });
            let _ = done.send((target, made));
        });
    }

    /// The client for another profile is ready (or not).
    fn on_retargeted(&mut self, (target, made): Retargeted) {
        match made {
            Ok((client, config)) => {
                let profile = target.profile.as_deref().unwrap_or("default");
                self.audit.set_identity(format!("profile {profile}"));
                if self.identify {
                    spawn_caller_identity(Arc::clone(&self.audit), &config);
                }
                self.use_client(&target, client);
            }
            Err(why) => self.app.retarget_failed(why),
        }
    }

    /// The worker changes to `client`, and the app starts again on its pool picker; answers of
    /// the old worker are not waited for.
    fn use_client(&mut self, target: &AwsTarget, client: aws_sdk_cognitoidentityprovider::Client) {
        let Some((settings, current)) = self.opened.as_deref_mut() else {
            return;
        };
        settings.profile.clone_from(&target.profile);
        settings.region = Some(target.region.clone());
        let cognito = Cognito::new(&client)
            .with_bulk_rate(settings.bulk_rate)
            .with_read_rate(settings.read_rate);
        *current = client;
        self.worker = spawn_worker(cognito, Arc::clone(&self.audit), self.events_tx.clone());
        let requests = self.app.on_retargeted(target);
        self.flush(requests);
    }

    /// Waits for the next event, or for the app's next deadline (a search due once typing
    /// paused), and applies it. `false` once there will be no more events.
    pub async fn next(&mut self) -> bool {
        let deadline = self.app.next_deadline();
        let due = async move {
            match deadline {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            biased;
            event = self.events.recv() => match event {
                Some(event) => {
                    self.handle(event);
                    true
                }
                None => false,
            },
            () = due => {
                let requests = self.app.on_deadline(tokio::time::Instant::now());
                self.flush(requests);
                true
            }
            Some(made) = self.retargets.1.recv() => {
                self.on_retargeted(made);
                true
            }
        }
    }

    pub fn draw(&mut self) -> io::Result<()> {
        let (app, theme) = (&self.app, &self.theme);
        self.terminal
            .draw(|frame| ui::render(frame, app, theme))
            .map(|_| ())
            .map_err(|e| io::Error::other(e.to_string()))
    }

    /// Draws after the events that have arrived until the user quits.
    pub async fn run(mut self) -> io::Result<()> {
        loop {
            self.draw()?;
            if self.app.should_quit() || !self.next().await {
                return Ok(());
            }
            for _ in 1..EVENTS_PER_FRAME {
                if self.app.should_quit() {
                    break;
                }
                match self.events.try_recv() {
                    Ok(event) => self.handle(event),
                    Err(_) => break,
                }
            }
        }
    }
}

/// Runs the app on the real terminal against the AWS chain's credentials and region. The first
/// frame is drawn before anything waits on the network; who the caller is (for the audit log)
/// is asked of STS afterwards, in the background.
pub async fn run_terminal(settings: Settings) -> color_eyre::Result<()> {
    let config = sdk_config(&settings)
        .await
        .map_err(|e| color_eyre::eyre::eyre!(e))?;
    let client = aws_sdk_cognitoidentityprovider::Client::new(&config);
    let audit = AuditLog::new(
        AuditLog::default_path("audit.jsonl"),
        profile_identity(&settings),
    );
    run_on_terminal(&settings, &client, audit, Some(&config)).await
}

/// Runs the app on the real terminal with `client`, restoring the terminal afterwards (and on
/// panic).
pub async fn run_with_client(
    settings: &Settings,
    client: aws_sdk_cognitoidentityprovider::Client,
    audit: AuditLog,
) -> color_eyre::Result<()> {
    run_on_terminal(settings, &client, audit, None).await
}

async fn run_on_terminal(
    settings: &Settings,
    client: &aws_sdk_cognitoidentityprovider::Client,
    audit: AuditLog,
    sts: Option<&SdkConfig>,
) -> color_eyre::Result<()> {
    let terminal = init_terminal(settings.mouse);
    let result = async {
        let mut session = Session::open(terminal, settings, client, Arc::new(audit), sts)?;
        session.clipboard = Clipboard::Terminal;
        spawn_terminal_events(session.events());
        session.run().await
    }
    .await;
    restore_terminal();
    Ok(result?)
}
