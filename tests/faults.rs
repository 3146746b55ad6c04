//! Faults: the emulator unreachable at start, stopped mid-request, and hanging. Each time the
//! status line says what happened, keys keep working, Esc abandons, and a retry works once the
//! emulator is back. Each test runs its own emulator so that stopping it harms no other test.

mod common;

use std::net::TcpListener;
use std::time::Duration;

use cognitui::app::Status;
use cognitui::dev::{Emulator, create_pool, emulator_client};
use cognitui::event::Event;
use cognitui::screens::picker::Picker;
use common::{ctrl, key, screen, session, settle};
use crossterm::event::KeyCode;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn error_text(app: &cognitui::app::App) -> Option<&str> {
    match app.status() {
        Some(Status::Error(text)) => Some(text),
        _ => None,
    }
}

fn pools_listed(app: &cognitui::app::App) -> usize {
    match app.module_as::<Picker>() {
        Some(Picker::Pools { pools: Some(p), .. }) => p.len(),
        _ => 0,
    }
}

#[tokio::test]
async fn unreachable_at_start_then_retry_once_it_is_up() {
    let port = free_port();
    let endpoint = format!("http://127.0.0.1:{port}");
    let mut s = session(&emulator_client(&endpoint, Duration::from_secs(5)), None);
    settle(&mut s, "connection error", |a| error_text(a).is_some()).await;
    assert_eq!(
        error_text(&s.app),
        Some(
            "Cannot reach Cognito: nothing accepts connections at the endpoint (connection refused); check --endpoint-url and that the emulator or proxy there is running."
        )
    );
    let text = screen(&mut s);
    assert!(text.contains("Cannot reach Cognito"), "{text}");

    // The app keeps running: the next key acknowledges, then help opens and closes.
    s.handle(key(KeyCode::Char('x')));
    assert_eq!(s.app.status(), None);
    s.handle(key(KeyCode::Char('?')));
    assert!(s.app.show_help());
    s.handle(key(KeyCode::Esc));
    assert!(!s.app.show_help());

    let emulator = Emulator::start_on(port).expect("emulator on the same port");
    let client = emulator_client(&emulator.endpoint(), Duration::from_secs(5));
    create_pool(&client, "came-back").await.expect("pool");
    s.handle(ctrl('r'));
    settle(&mut s, "pools after retry", |a| pools_listed(a) == 1).await;
    assert!(screen(&mut s).contains("came-back"));
}

#[tokio::test]
async fn stopped_mid_request_then_retry_once_it_is_back() {
    let emulator = Emulator::start().expect("emulator");
    let port = emulator.port();
    let client = emulator_client(&emulator.endpoint(), Duration::from_secs(10));
    create_pool(&client, "first").await.expect("pool");
    let mut s = session(&client, None);
    settle(&mut s, "pools", |a| pools_listed(a) == 1).await;

    // Freeze it, ask again, and stop it while the request is in flight.
    emulator.pause();
    s.handle(key(KeyCode::Char('r')));
    assert_eq!(s.app.busy(), Some("Listing user pools"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(emulator);
    settle(&mut s, "error after stop", |a| error_text(a).is_some()).await;
    assert!(
        error_text(&s.app).is_some_and(|t| t.starts_with("Cannot reach Cognito")),
        "{:?}",
        s.app.status()
    );

    let emulator = Emulator::start_on(port).expect("emulator back on the same port");
    let client = emulator_client(&emulator.endpoint(), Duration::from_secs(5));
    create_pool(&client, "second").await.expect("pool");
    create_pool(&client, "third").await.expect("pool");
    s.handle(ctrl('r'));
    settle(&mut s, "pools after retry", |a| pools_listed(a) == 2).await;
}

#[tokio::test]
async fn hanging_keeps_keys_working_esc_abandons_and_timeout_is_explained() {
    let emulator = Emulator::start().expect("emulator");
    let client = emulator_client(&emulator.endpoint(), Duration::from_secs(3));
    let pool = create_pool(&client, "hang").await.expect("pool");
    let mut s = session(&client, Some(&pool));
    settle(&mut s, "first page", |a| {
        a.in_flight().is_empty() && a.lookup().pages == 1
    })
    .await;

    emulator.pause();
    s.handle(key(KeyCode::Esc)); // to the table
    s.handle(key(KeyCode::Char('r')));
    assert_eq!(s.app.busy(), Some("Loading users"));

    // The spinner turns and keys work while the call hangs.
    let before = s.app.spinner();
    for _ in 0..3 {
        s.handle(Event::Tick(common::now()));
    }
    assert_eq!(s.app.spinner(), before + 3);
    let text = screen(&mut s);
    assert!(
        text.contains("Loading users…") && text.contains("Esc abandons"),
        "{text}"
    );
    s.handle(key(KeyCode::Char('?')));
    assert!(s.app.show_help());
    s.handle(key(KeyCode::Esc));

    // Esc abandons the pending call, and keeps it for Ctrl-R.
    s.handle(key(KeyCode::Esc));
    assert_eq!(s.app.busy(), None);
    assert_eq!(
        s.app.status(),
        Some(&Status::Info("Abandoned: Ctrl-R resumes it.".into()))
    );
    assert!(s.app.can_retry());

    // Left alone, the call times out with its own sentence.
    s.handle(key(KeyCode::Char('r')));
    settle(&mut s, "timeout", |a| error_text(a).is_some()).await;
    assert_eq!(
        error_text(&s.app),
        Some("Cognito did not answer in time: check the network, or try again later.")
    );

    emulator.resume();
    s.handle(ctrl('r'));
    settle(&mut s, "retry after resume", |a| {
        a.in_flight().is_empty() && a.lookup().pages == 1 && a.status().is_none()
    })
    .await;
}
