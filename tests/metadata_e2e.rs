//! ClientMetadata end to end: the pool's pairs are shown on a change's confirmation and in its
//! AWS CLI line, edited there, and seen on the wire, through a loopback proxy in front of the
//! emulator, on every call that takes ClientMetadata and on no other.

mod common;

use std::time::Duration;

use cognitui::app::Screen;
use cognitui::cognito::metadata::parse;
use cognitui::dev::emulator_client;
use common::journey::{Pool, detail_loaded, open, pool, press, type_text};
use common::proxy::{Fault, Proxy};
use common::{emulator, screen};
use crossterm::event::KeyCode;

/// The `ClientMetadata` member of each request for `operation` the proxy saw.
fn sent_metadata(proxy: &Proxy, operation: &str) -> Vec<Option<serde_json::Value>> {
    proxy
        .bodies(operation)
        .iter()
        .map(|body| {
            let json: serde_json::Value = serde_json::from_str(body).expect("a JSON body");
            json.get("ClientMetadata").cloned()
        })
        .collect()
}

#[tokio::test]
async fn client_metadata_is_confirmed_edited_and_sent_only_where_it_is_taken() {
    let p = pool(false).await;
    let upstream = format!("127.0.0.1:{}", emulator().port());
    let proxy = Proxy::start(&upstream, "none", Fault::Delay(Duration::ZERO)).await;
    let through = Pool {
        client: emulator_client(&proxy.endpoint, Duration::from_secs(10)),
        id: p.id.clone(),
        app_client: p.app_client.clone(),
    };
    let mut s = open(&through).await;
    s.app
        .options_mut()
        .client_metadata
        .insert(p.id.clone(), parse("source=cognitui").expect("pairs"));

    // An invitation (AdminCreateUser takes ClientMetadata): shown before it is sent.
    type_text(&mut s, "N");
    type_text(&mut s, "meta.user");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "meta.user@example.com");
    press(&mut s, KeyCode::Enter);
    assert!(matches!(s.app.screen(), Screen::Confirm(_)));
    let shown = screen(&mut s);
    assert!(
        shown.contains("ClientMetadata for the pool's Lambda triggers: source=cognitui"),
        "{shown}"
    );
    assert!(
        shown.contains("--client-metadata source=cognitui"),
        "{shown}"
    );

    // F4 edits it on the confirmation; Enter keeps the edit and sends nothing.
    press(&mut s, KeyCode::F(4));
    type_text(&mut s, ", ticket=SUP-7");
    press(&mut s, KeyCode::Enter);
    assert!(matches!(s.app.screen(), Screen::Confirm(c) if c.metadata.is_none()));
    assert_eq!(proxy.count("AdminCreateUser"), 0, "editing sends nothing");
    let shown = screen(&mut s);
    assert!(shown.contains("source=cognitui, ticket=SUP-7"), "{shown}");
    assert!(
        shown.contains("--client-metadata 'source=cognitui,ticket=SUP-7'"),
        "{shown}"
    );

    press(&mut s, KeyCode::Enter);
    detail_loaded(&mut s).await;
    let expected = serde_json::json!({"source": "cognitui", "ticket": "SUP-7"});
    assert_eq!(
        sent_metadata(&proxy, "AdminCreateUser"),
        vec![Some(expected.clone())]
    );

    // Resetting the password (AdminResetUserPassword takes it) sends the edited pairs too.
    type_text(&mut s, "P");
    press(&mut s, KeyCode::Enter);
    common::settle(&mut s, "the reset's answer", |a| {
        proxy.count("AdminResetUserPassword") == 1 && a.in_flight().is_empty()
    })
    .await;
    assert_eq!(
        sent_metadata(&proxy, "AdminResetUserPassword"),
        vec![Some(expected)]
    );

    // Disabling (AdminDisableUser takes none): its confirmation neither shows nor sends it.
    detail_loaded(&mut s).await;
    type_text(&mut s, "t");
    let shown = screen(&mut s);
    assert!(!shown.contains("ClientMetadata"), "{shown}");
    assert!(!shown.contains("--client-metadata"), "{shown}");
    press(&mut s, KeyCode::Enter);
    common::settle(&mut s, "the disable's answer", |_| {
        proxy.count("AdminDisableUser") == 1
    })
    .await;
    assert_eq!(sent_metadata(&proxy, "AdminDisableUser"), vec![None]);
    assert!(
        sent_metadata(&proxy, "AdminGetUser")
            .iter()
            .all(Option::is_none),
        "reads never carry it"
    );
}
