//! End to end against the emulator: each single-user admin action from the detail screen, sent
//! from its confirmation and checked through the API afterwards; protected users refused at the
//! key; the CLI equivalent on screen.

mod common;

use aws_sdk_cognitoidentityprovider::types::UserStatusType;
use cognitui::app::{Safety, Screen, Status};
use cognitui::screens::detail::Detail;
use cognitui::screens::set_password::SetPasswordForm;
use cognitui::screens::user_list::UserList;
use common::journey::{
    PASSWORD, confirm, detail_loaded, get, group, groups_of, open, open_user, pool, press,
    signed_up, status, type_text,
};
use common::settle;
use crossterm::event::KeyCode;

#[tokio::test]
async fn disable_then_enable() {
    let p = pool(false).await;
    signed_up(&p, "switch", &[("email", "switch@example.com")]).await;
    let mut s = open(&p).await;
    open_user(&mut s, "switch").await;
    type_text(&mut s, "t");
    let screen = common::screen(&mut s);
    assert!(
        screen.contains("aws cognito-idp admin-disable-user --user-pool-id"),
        "{screen}"
    );
    assert!(
        get(&p, "switch").await.enabled(),
        "nothing is sent before Enter"
    );
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert_eq!(status(&s), "switch: disabled the user.");
    assert!(!get(&p, "switch").await.enabled());
    type_text(&mut s, "t");
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert!(get(&p, "switch").await.enabled());
}

#[tokio::test]
async fn delete_needs_the_username_typed() {
    let p = pool(false).await;
    signed_up(&p, "leaver", &[("email", "leaver@example.com")]).await;
    let mut s = open(&p).await;
    open_user(&mut s, "leaver").await;
    type_text(&mut s, "D");
    assert!(matches!(s.app.screen(), Screen::Confirm(_)));
    type_text(&mut s, "leave");
    press(&mut s, KeyCode::Enter);
    assert!(
        status(&s).starts_with("Type the username 'leaver' exactly"),
        "{}",
        status(&s)
    );
    assert!(s.app.in_flight().is_empty());
    assert!(matches!(s.app.screen(), Screen::Confirm(_)), "still asking");
    type_text(&mut s, "r"); // dismisses the error and types on
    assert_eq!(s.app.status(), None);
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "the deletion", |a| {
        a.in_flight().is_empty() && a.status().is_some()
    })
    .await;
    assert!(
        status(&s).starts_with("leaver: deleted the user."),
        "{}",
        status(&s)
    );
    let gone = p
        .client
        .admin_get_user()
        .user_pool_id(&p.id)
        .username("leaver")
        .send()
        .await;
    assert!(gone.is_err(), "the user is deleted");
}

#[tokio::test]
async fn protected_users_are_never_deleted_or_disabled() {
    let p = pool(false).await;
    signed_up(&p, "root", &[("email", "root@example.com")]).await;
    let mut s = open(&p).await;
    s.app.options_mut().safety = Safety {
        read_only: false,
        protected_users: vec!["ROOT".into()],
    };
    open_user(&mut s, "root").await;
    // Refused at the key: no confirmation opens, no request is built.
    type_text(&mut s, "D");
    assert!(
        status(&s).starts_with("root is a protected user"),
        "{}",
        status(&s)
    );
    assert!(s.app.module_as::<Detail>().is_some(), "nothing opens");
    assert!(s.app.in_flight().is_empty(), "no request was built");
    type_text(&mut s, "t");
    assert!(
        status(&s).starts_with("root is a protected user"),
        "{}",
        status(&s)
    );
    assert!(s.app.module_as::<Detail>().is_some(), "nothing opens");
    assert!(s.app.in_flight().is_empty(), "no request was built");
    let user = get(&p, "root").await;
    assert!(user.enabled());
}

#[tokio::test]
async fn reset_set_password_and_global_sign_out() {
    let p = pool(false).await;
    signed_up(
        &p,
        "locked",
        &[("email", "locked@example.com"), ("email_verified", "true")],
    )
    .await;
    p.client
        .admin_confirm_sign_up()
        .user_pool_id(&p.id)
        .username("locked")
        .send()
        .await
        .expect("confirm");
    let mut s = open(&p).await;
    open_user(&mut s, "locked").await;

    type_text(&mut s, "P");
    assert!(common::screen(&mut s).contains("RESET_REQUIRED"));
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert_eq!(status(&s), "locked: reset the password.");
    assert_eq!(
        get(&p, "locked").await.user_status(),
        Some(&UserStatusType::ResetRequired)
    );

    // A temporary password: FORCE_CHANGE_PASSWORD; a permanent one: CONFIRMED.
    type_text(&mut s, "w");
    type_text(&mut s, "short");
    press(&mut s, KeyCode::Enter);
    assert!(
        status(&s).starts_with("The password needs at least 10"),
        "{}",
        status(&s)
    );
    assert!(
        s.app.module_as::<SetPasswordForm>().is_some(),
        "the form stays"
    );
    // The first Backspace dismisses the error and deletes a character.
    for _ in 0..5 {
        press(&mut s, KeyCode::Backspace);
    }
    type_text(&mut s, "Temp-Passw0rd!");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "Temp-Passw0rd!");
    press(&mut s, KeyCode::F(5));
    press(&mut s, KeyCode::Enter);
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert_eq!(status(&s), "locked: set a temporary password.");
    assert_eq!(
        get(&p, "locked").await.user_status(),
        Some(&UserStatusType::ForceChangePassword)
    );
    type_text(&mut s, "w");
    type_text(&mut s, PASSWORD);
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, PASSWORD);
    press(&mut s, KeyCode::Enter);
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert_eq!(
        get(&p, "locked").await.user_status(),
        Some(&UserStatusType::Confirmed)
    );

    // Global sign-out: the refresh token stops working.
    let tokens = p
        .client
        .admin_initiate_auth()
        .user_pool_id(&p.id)
        .client_id(&p.app_client)
        .auth_flow(aws_sdk_cognitoidentityprovider::types::AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", "locked")
        .auth_parameters("PASSWORD", PASSWORD)
        .send()
        .await
        .expect("sign in");
    let refresh = tokens
        .authentication_result()
        .and_then(|r| r.refresh_token())
        .expect("refresh token")
        .to_owned();
    type_text(&mut s, "O");
    assert!(common::screen(&mut s).contains("stay valid until they expire"));
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert_eq!(status(&s), "locked: signed the user out everywhere.");
    let refreshed = p
        .client
        .admin_initiate_auth()
        .user_pool_id(&p.id)
        .client_id(&p.app_client)
        .auth_flow(aws_sdk_cognitoidentityprovider::types::AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", refresh)
        .send()
        .await;
    assert!(refreshed.is_err(), "the refresh token is revoked");
}

#[tokio::test]
async fn groups_add_and_remove() {
    let p = pool(false).await;
    for g in ["admins", "support"] {
        group(&p, g).await;
    }
    signed_up(&p, "member", &[("email", "member@example.com")]).await;
    let mut s = open(&p).await;
    open_user(&mut s, "member").await;
    type_text(&mut s, "g");
    settle(&mut s, "the groups", |a| {
        a.module_as::<UserList>().is_some_and(|l| l.kind.is_some())
    })
    .await;
    assert!(common::screen(&mut s).contains("support"));
    press(&mut s, KeyCode::Down);
    press(&mut s, KeyCode::Enter); // add to "support"
    let screen = common::screen(&mut s);
    assert!(
        screen.contains("member: Adding the user to support."),
        "{screen}"
    );
    assert!(
        groups_of(&p, "member").await.is_empty(),
        "nothing is sent before Enter"
    );
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert_eq!(status(&s), "member: added the user to support.");
    assert_eq!(groups_of(&p, "member").await, ["support"]);
    type_text(&mut s, "g");
    settle(&mut s, "the groups", |a| {
        a.module_as::<UserList>().is_some_and(|l| l.kind.is_some())
    })
    .await;
    press(&mut s, KeyCode::Down);
    press(&mut s, KeyCode::Enter); // remove from "support"
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert!(groups_of(&p, "member").await.is_empty());
    assert!(matches!(s.app.status(), Some(Status::Info(_))));
}
