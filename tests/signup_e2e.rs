//! End to end against the emulator: sign-up -> code -> CONFIRMED, a taken username in each
//! state, a secret-bearing client, the password policy, invite -> NEW_PASSWORD_REQUIRED ->
//! CONFIRMED, resent invitations, admin confirm + mark verified, and every attribute edit,
//! each checked through AdminGetUser.

mod common;

use aws_sdk_cognitoidentityprovider::types::UserStatusType;
use cognitui::app::Status;
use cognitui::screens::attributes::AttributeEditor;
use cognitui::screens::code::CodeEntry;
use cognitui::screens::detail::Detail;
use cognitui::screens::invite::InviteForm;
use cognitui::screens::sign_in::{Step, step_of};
use cognitui::screens::sign_up::SignUp;
use cognitui::screens::sign_up::{Existing, ExistingChoice};
use cognitui::session::Session;
use common::journey::{
    PASSWORD, confirm, detail_loaded, detail_status, get, invited, open, open_user, pool, press,
    signed_up, status, type_text, value,
};
use common::{backspaces, settle};
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;

/// From the lookup, opens the sign-up form and fills username, password and email.
fn fill_sign_up(s: &mut Session<TestBackend>, username: &str, password: &str) {
    type_text(s, "n");
    assert!(s.app.module_as::<SignUp>().is_some(), "{}", status(s));
    type_text(s, username);
    press(s, KeyCode::Tab);
    type_text(s, password);
    press(s, KeyCode::Tab);
    type_text(s, &format!("{username}@example.com"));
}

#[tokio::test]
async fn sign_up_shows_unconfirmed_then_the_code_confirms() {
    let p = pool(false).await;
    let mut s = open(&p).await;
    fill_sign_up(&mut s, "newbie", PASSWORD);
    press(&mut s, KeyCode::Enter);
    assert!(s.app.in_flight().is_empty(), "asked first");
    confirm(&mut s);
    settle(&mut s, "code entry", |a| {
        a.module_as::<CodeEntry>().is_some()
    })
    .await;
    assert!(
        status(&s).contains("Cognito sent a code by SMS"),
        "{}",
        status(&s)
    );
    // Back to the user: UNCONFIRMED.
    press(&mut s, KeyCode::Esc);
    detail_loaded(&mut s).await;
    assert_eq!(detail_status(&s).as_deref(), Some("UNCONFIRMED"));
    // The code the caller reads out.
    type_text(&mut s, "c");
    assert!(s.app.module_as::<CodeEntry>().is_some());
    type_text(&mut s, "123456");
    press(&mut s, KeyCode::Enter);
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert_eq!(detail_status(&s).as_deref(), Some("CONFIRMED"));
    assert!(
        status(&s).contains("confirmed their sign-up"),
        "{}",
        status(&s)
    );
    let user = get(&p, "newbie").await;
    assert_eq!(user.user_status(), Some(&UserStatusType::Confirmed));
    assert_eq!(value(&user, "email").as_deref(), Some("newbie@example.com"));
}

#[tokio::test]
async fn a_client_with_a_secret_signs_up() {
    let p = pool(true).await;
    let mut s = open(&p).await;
    let client = s
        .app
        .pool()
        .as_ref()
        .and_then(|p| p.client.clone())
        .expect("client");
    assert!(
        client.secret.is_some(),
        "the secret is read with DescribeUserPoolClient"
    );
    fill_sign_up(&mut s, "secretive", PASSWORD);
    press(&mut s, KeyCode::Enter);
    confirm(&mut s);
    settle(&mut s, "code entry", |a| {
        a.module_as::<CodeEntry>().is_some()
    })
    .await;
    let user = get(&p, "secretive").await;
    assert_eq!(user.user_status(), Some(&UserStatusType::Unconfirmed));
}

#[tokio::test]
async fn the_password_policy_refuses_before_sending_and_names_the_rule() {
    let p = pool(false).await;
    let mut s = open(&p).await;
    fill_sign_up(&mut s, "weak", "Short-1a");
    press(&mut s, KeyCode::Enter);
    assert_eq!(
        s.app.status(),
        Some(&Status::Error(
            "The password needs at least 10 characters.".into()
        ))
    );
    assert!(s.app.in_flight().is_empty(), "nothing was sent");
    assert!(
        s.app
            .module_as::<SignUp>()
            .is_some_and(|f| f.form.value(1) == "Short-1a"),
        "refused before any confirmation"
    );
    let gone = p
        .client
        .admin_get_user()
        .user_pool_id(&p.id)
        .username("weak")
        .send()
        .await;
    assert!(gone.is_err(), "the user was not created");
    // The emulator enforces the policy too; its refusal becomes a sentence.
    let cognito = cognitui::cognito::Cognito::new(&p.client);
    let info = s.app.pool().expect("pool");
    let err = cognito
        .sign_up(
            info.client.as_ref().expect("client"),
            "weak",
            &cognitui::cognito::sensitive::Sensitive::new("short".into()),
            &[],
        )
        .await
        .expect_err("weak password");
    assert!(
        err.to_string()
            .starts_with("The password does not meet the pool's policy"),
        "{err}"
    );
}

#[tokio::test]
async fn a_taken_username_is_looked_up_and_acted_on_by_status() {
    let p = pool(false).await;
    signed_up(&p, "waiting", &[("email", "waiting@example.com")]).await;
    signed_up(&p, "done", &[("email", "done@example.com")]).await;
    p.client
        .admin_confirm_sign_up()
        .user_pool_id(&p.id)
        .username("done")
        .send()
        .await
        .expect("confirm");
    invited(&p, "guest", "Temp-Passw0rd!").await;
    let mut s = open(&p).await;

    // CONFIRMED: say so, offer to open the user; going back keeps the form.
    fill_sign_up(&mut s, "done", PASSWORD);
    press(&mut s, KeyCode::Enter);
    confirm(&mut s);
    settle(&mut s, "the taken username", |a| {
        a.module_as::<Existing>().is_some()
    })
    .await;
    let Some(e) = s.app.module_as::<Existing>() else {
        unreachable!()
    };
    assert_eq!(
        e.choices,
        vec![ExistingChoice::OpenUser, ExistingChoice::BackToForm]
    );
    assert!(common::screen(&mut s).contains("already signed up and is confirmed"));
    press(&mut s, KeyCode::Esc);
    assert!(
        s.app
            .module_as::<SignUp>()
            .is_some_and(|f| f.form.value(0) == "done" && f.form.value(1) == PASSWORD),
        "the form keeps what was typed"
    );
    press(&mut s, KeyCode::Esc);

    // FORCE_CHANGE_PASSWORD: an invited user; the invitation can be resent.
    fill_sign_up(&mut s, "guest", PASSWORD);
    press(&mut s, KeyCode::Enter);
    confirm(&mut s);
    settle(&mut s, "the taken username", |a| {
        a.module_as::<Existing>().is_some()
    })
    .await;
    let Some(e) = s.app.module_as::<Existing>() else {
        unreachable!()
    };
    assert_eq!(e.choices[0], ExistingChoice::ResendInvitation);
    assert!(common::screen(&mut s).contains("is an invited user"));
    press(&mut s, KeyCode::Esc);
    press(&mut s, KeyCode::Esc);

    // UNCONFIRMED: go to code entry and confirm.
    fill_sign_up(&mut s, "waiting", PASSWORD);
    press(&mut s, KeyCode::Enter);
    confirm(&mut s);
    settle(&mut s, "the taken username", |a| {
        a.module_as::<Existing>().is_some()
    })
    .await;
    let Some(e) = s.app.module_as::<Existing>() else {
        unreachable!()
    };
    assert_eq!(
        e.choices[..2],
        [
            ExistingChoice::ResendAndEnterCode,
            ExistingChoice::EnterCode
        ]
    );
    press(&mut s, KeyCode::Down);
    press(&mut s, KeyCode::Enter);
    assert!(s.app.module_as::<CodeEntry>().is_some());
    type_text(&mut s, "424242");
    press(&mut s, KeyCode::Enter);
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert_eq!(
        get(&p, "waiting").await.user_status(),
        Some(&UserStatusType::Confirmed)
    );
}

#[tokio::test]
async fn invite_then_the_new_password_confirms() {
    let p = pool(false).await;
    let mut s = open(&p).await;
    type_text(&mut s, "N");
    type_text(&mut s, "invitee");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "invitee@example.com");
    let Some(i) = s.app.module_as::<InviteForm>() else {
        panic!("invite form: {}", status(&s))
    };
    let temporary = i.form.value(3).to_owned();
    assert!(temporary.len() >= 12, "a generated password is filled in");
    press(&mut s, KeyCode::Enter);
    assert!(
        !common::screen(&mut s).contains(&temporary),
        "the confirmation does not show the temporary password"
    );
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert_eq!(detail_status(&s).as_deref(), Some("FORCE_CHANGE_PASSWORD"));
    assert!(status(&s).starts_with("Invited invitee"), "{}", status(&s));
    let user = get(&p, "invitee").await;
    assert_eq!(value(&user, "email_verified").as_deref(), Some("true"));

    // Sign in with the temporary password, choose a new one.
    type_text(&mut s, "i");
    type_text(&mut s, &temporary);
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "NEW_PASSWORD_REQUIRED", |a| {
        matches!(step_of(a.screen()), Some(Step::NewPassword(_)))
    })
    .await;
    type_text(&mut s, "Chosen-Passw0rd!");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "Chosen-Passw0rd!");
    press(&mut s, KeyCode::Enter);
    confirm(&mut s);
    settle(&mut s, "tokens", |a| {
        matches!(step_of(a.screen()), Some(Step::Tokens(_)))
    })
    .await;
    assert_eq!(
        get(&p, "invitee").await.user_status(),
        Some(&UserStatusType::Confirmed)
    );
}

#[tokio::test]
async fn an_invitation_is_resent_to_an_invited_user_only() {
    let p = pool(false).await;
    invited(&p, "late", "Temp-Passw0rd!").await;
    signed_up(&p, "other", &[("email", "other@example.com")]).await;
    let mut s = open(&p).await;
    open_user(&mut s, "other").await;
    type_text(&mut s, "R");
    assert!(
        status(&s).starts_with("Only invited users"),
        "{}",
        status(&s)
    );
    assert!(s.app.in_flight().is_empty());
    assert!(s.app.module_as::<Detail>().is_some(), "nothing to confirm");
    let mut s = open(&p).await;
    open_user(&mut s, "late").await;
    type_text(&mut s, "R");
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert!(
        status(&s).starts_with("late: resent the invitation by email"),
        "{}",
        status(&s)
    );
    assert_eq!(
        get(&p, "late").await.user_status(),
        Some(&UserStatusType::ForceChangePassword)
    );
}

#[tokio::test]
async fn admin_confirm_and_mark_the_email_verified() {
    let p = pool(false).await;
    signed_up(&p, "caller", &[("email", "caller@example.com")]).await;
    let mut s = open(&p).await;
    open_user(&mut s, "caller").await;
    type_text(&mut s, "A");
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert_eq!(
        s.app.status(),
        Some(&Status::Info(
            "caller: confirmed the sign-up and marked the email verified.".into()
        ))
    );
    assert_eq!(detail_status(&s).as_deref(), Some("CONFIRMED"));
    let user = get(&p, "caller").await;
    assert_eq!(user.user_status(), Some(&UserStatusType::Confirmed));
    assert_eq!(value(&user, "email_verified").as_deref(), Some("true"));
}

/// Moves the editor's selection to attribute `name`.
fn select(s: &mut Session<TestBackend>, name: &str) {
    for _ in 0..30 {
        press(s, KeyCode::Up);
    }
    for _ in 0..30 {
        if let Some(e) = s.app.module_as::<AttributeEditor>()
            && e.rows.get(e.selected).is_some_and(|r| r.name == name)
        {
            return;
        }
        press(s, KeyCode::Down);
    }
    panic!("no attribute {name} in the editor");
}

#[tokio::test]
async fn every_attribute_edit_reaches_cognito() {
    let p = pool(false).await;
    signed_up(
        &p,
        "edited",
        &[
            ("email", "old@example.com"),
            ("name", "Ann"),
            ("custom:tier", "gold"),
        ],
    )
    .await;
    let mut s = open(&p).await;
    open_user(&mut s, "edited").await;
    type_text(&mut s, "e");
    assert!(s.app.module_as::<AttributeEditor>().is_some());

    // Cognito's own attributes are read-only.
    select(&mut s, "sub");
    press(&mut s, KeyCode::Enter);
    assert!(status(&s).contains("cannot be changed"), "{}", status(&s));
    // The next key (the selection moving on) dismisses the sentence.

    // Change a value; a value over the schema's limit is refused and kept as typed.
    select(&mut s, "custom:tier");
    press(&mut s, KeyCode::Enter);
    for event in backspaces(10) {
        s.handle(event);
    }
    type_text(&mut s, "platinum-plus");
    press(&mut s, KeyCode::Enter);
    assert!(
        status(&s).contains("takes at most 10 characters"),
        "{}",
        status(&s)
    );
    press(&mut s, KeyCode::Backspace); // dismisses the error (and deletes a character)
    assert_eq!(s.app.status(), None);
    for event in backspaces(20) {
        s.handle(event);
    }
    type_text(&mut s, "platinum");
    press(&mut s, KeyCode::Enter);

    // Change the email, mark it verified, delete the name, add a number attribute.
    select(&mut s, "email");
    press(&mut s, KeyCode::Enter);
    for event in backspaces(20) {
        s.handle(event);
    }
    type_text(&mut s, "new@example.com");
    press(&mut s, KeyCode::Enter);
    select(&mut s, "name");
    type_text(&mut s, "d");
    type_text(&mut s, "a");
    type_text(&mut s, "seats");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "12");
    press(&mut s, KeyCode::Enter);
    // email_verified does not exist yet: add it as true.
    type_text(&mut s, "a");
    type_text(&mut s, "email_verified");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "true");
    press(&mut s, KeyCode::Enter);

    type_text(&mut s, "p");
    let Some(e) = s.app.module_as::<AttributeEditor>() else {
        unreachable!()
    };
    let mut names: Vec<String> = e.preview().into_iter().map(|l| l.name).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "custom:seats",
            "custom:tier",
            "email",
            "email_verified",
            "name"
        ]
    );
    assert_eq!(
        value(&get(&p, "edited").await, "email").as_deref(),
        Some("old@example.com"),
        "nothing is sent before the preview is accepted"
    );
    press(&mut s, KeyCode::Enter);
    assert!(s.app.in_flight().is_empty(), "asked first");
    confirm(&mut s);
    detail_loaded(&mut s).await;
    assert!(
        matches!(s.app.status(), Some(Status::Info(t)) if t.contains("set email") && t.contains("deleted name")),
        "{:?}",
        s.app.status()
    );
    let user = get(&p, "edited").await;
    assert_eq!(value(&user, "email").as_deref(), Some("new@example.com"));
    assert_eq!(value(&user, "email_verified").as_deref(), Some("true"));
    assert_eq!(value(&user, "custom:tier").as_deref(), Some("platinum"));
    assert_eq!(value(&user, "custom:seats").as_deref(), Some("12"));
    assert_eq!(value(&user, "name"), None);
}

#[tokio::test]
async fn changing_the_email_keeps_email_verified_in_the_same_call() {
    let p = pool(false).await;
    signed_up(
        &p,
        "mover",
        &[("email", "before@example.com"), ("email_verified", "true")],
    )
    .await;
    let mut s = open(&p).await;
    open_user(&mut s, "mover").await;
    type_text(&mut s, "e");
    select(&mut s, "email");
    press(&mut s, KeyCode::Enter);
    for event in backspaces(30) {
        s.handle(event);
    }
    type_text(&mut s, "after@example.com");
    press(&mut s, KeyCode::Enter);
    type_text(&mut s, "p");
    let Some(e) = s.app.module_as::<AttributeEditor>() else {
        unreachable!()
    };
    let calls = e.calls();
    assert_eq!(calls.len(), 1, "one AdminUpdateUserAttributes call");
    let preview = e.preview();
    assert_eq!(preview[1].name, "email_verified");
    assert_eq!(preview[1].new.as_deref(), Some("true"));
    assert!(preview[1].note.is_some());
    press(&mut s, KeyCode::Enter);
    confirm(&mut s);
    detail_loaded(&mut s).await;
    let user = get(&p, "mover").await;
    assert_eq!(value(&user, "email").as_deref(), Some("after@example.com"));
    assert_eq!(value(&user, "email_verified").as_deref(), Some("true"));
}
