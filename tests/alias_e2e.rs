//! Alias conflicts end to end: Cognito refuses an invitation (AdminCreateUser) or a sign-up's
//! confirmation (ConfirmSignUp) with AliasExistsException, as AWS sends it (the loopback proxy
//! answers it, since the emulator never does); the holder of the email is found on the emulator
//! and named, and the change goes again with ForceAliasCreation only after its confirmation.

mod common;

use std::time::Duration;

use cognitui::action::Action;
use cognitui::app::Screen;
use cognitui::dev::emulator_client;
use cognitui::screens::detail::Detail;
use common::journey::{
    Pool, confirmed, detail_loaded, open, open_user, pool, press, signed_up, type_text,
};
use common::proxy::{Fault, Proxy};
use common::{emulator, screen, settle};
use crossterm::event::KeyCode;

const REFUSAL: Fault = Fault::RefuseOnce {
    code: "AliasExistsException",
    message: "An account with the given email already exists.",
};

/// The pool seen through a proxy that refuses the first `operation` with AliasExistsException.
async fn through_refusing(p: &Pool, operation: &str) -> (Proxy, Pool) {
    let upstream = format!("127.0.0.1:{}", emulator().port());
    let proxy = Proxy::start(&upstream, operation, REFUSAL).await;
    let through = Pool {
        client: emulator_client(&proxy.endpoint, Duration::from_secs(10)),
        id: p.id.clone(),
        app_client: p.app_client.clone(),
    };
    (proxy, through)
}

/// Whether the request body asks for ForceAliasCreation.
fn forces(body: &str) -> bool {
    let json: serde_json::Value = serde_json::from_str(body).expect("JSON");
    json.get("ForceAliasCreation") == Some(&serde_json::Value::Bool(true))
}

/// Waits for the confirmation of `change` sent again with ForceAliasCreation.
async fn forced_confirmation(s: &mut cognitui::session::Session<ratatui::backend::TestBackend>) {
    settle(s, "the holder's lookup", |a| {
        matches!(a.screen(), Screen::Confirm(c) if matches!(
            &c.change,
            Action::Invite { invitation, .. } if invitation.force_alias
        ) || matches!(&c.change, Action::ConfirmSignUp { force_alias: true, .. }))
    })
    .await;
}

#[tokio::test]
async fn an_invitation_refused_for_an_alias_names_the_holder_and_moves_it_once_confirmed() {
    let p = pool(false).await;
    confirmed(
        &p,
        "holder",
        &[("email", "shared@example.com"), ("email_verified", "true")],
    )
    .await;
    let (proxy, through) = through_refusing(&p, "AdminCreateUser").await;
    let mut s = open(&through).await;
    type_text(&mut s, "N");
    type_text(&mut s, "newcomer");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "shared@example.com");
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Enter);
    forced_confirmation(&mut s).await;
    let shown = screen(&mut s);
    assert!(
        shown.contains("the email shared@example.com is already the sign-in alias of holder"),
        "{shown}"
    );
    assert!(
        shown.contains("holder can no longer sign in with it"),
        "{shown}"
    );
    assert!(shown.contains("--force-alias-creation"), "{shown}");
    let lookups = proxy.bodies("ListUsers");
    assert!(
        lookups
            .iter()
            .any(|b| b.contains(r#"email = \"shared@example.com\""#)),
        "{lookups:?}"
    );
    assert_eq!(
        proxy.count("AdminCreateUser"),
        1,
        "nothing sent before Enter"
    );

    press(&mut s, KeyCode::Enter);
    detail_loaded(&mut s).await;
    let sent = proxy.bodies("AdminCreateUser");
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(!forces(&sent[0]) && forces(&sent[1]), "{sent:?}");
    assert!(
        s.app
            .module_as::<Detail>()
            .is_some_and(|d| d.username == "newcomer")
    );
}

#[tokio::test]
async fn a_confirmation_refused_for_an_alias_reads_the_users_email_and_names_the_holder() {
    let p = pool(false).await;
    confirmed(
        &p,
        "first.owner",
        &[("email", "twice@example.com"), ("email_verified", "true")],
    )
    .await;
    signed_up(&p, "late.signup", &[("email", "twice@example.com")]).await;
    let (proxy, through) = through_refusing(&p, "ConfirmSignUp").await;
    let mut s = open(&through).await;
    open_user(&mut s, "late.signup").await;
    type_text(&mut s, "c");
    type_text(&mut s, "123456");
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Enter);
    forced_confirmation(&mut s).await;
    let shown = screen(&mut s);
    assert!(
        shown.contains("the email twice@example.com is already the sign-in alias of first.owner"),
        "{shown}"
    );
    assert_eq!(proxy.count("ConfirmSignUp"), 1, "nothing sent before Enter");

    press(&mut s, KeyCode::Enter);
    settle(&mut s, "the forced confirmation", |_| {
        proxy.count("ConfirmSignUp") == 2
    })
    .await;
    let sent = proxy.bodies("ConfirmSignUp");
    assert!(!forces(&sent[0]) && forces(&sent[1]), "{sent:?}");
}
