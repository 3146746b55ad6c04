//! Marking users from a pasted list end to end against the emulator: a username, an email, a
//! phone number and a `sub`, each looked up exactly, are marked (loaded in the table or not);
//! an email and a username nobody has are listed with why; and the marks are the bulk menu's.

mod common;

use cognitui::event::Event;
use cognitui::screens::bulk_menu::BulkMenu;
use cognitui::screens::mark_list::{MarkList, MarkPhase};
use common::journey::{confirmed, get, open, pool, press, type_text};
use common::settle;
use crossterm::event::KeyCode;

#[tokio::test]
async fn a_pasted_list_marks_the_users_found_and_lists_the_rest_with_why() {
    let p = pool(false).await;
    confirmed(&p, "ann", &[]).await;
    confirmed(&p, "bob", &[]).await;
    confirmed(&p, "cy", &[("phone_number", "+15550100003")]).await;
    confirmed(&p, "dee", &[]).await;
    confirmed(&p, "eve", &[]).await;
    let dee = get(&p, "dee").await;
    let sub = dee
        .user_attributes()
        .iter()
        .find(|a| a.name() == "sub")
        .and_then(|a| a.value())
        .expect("a sub")
        .to_owned();
    let mut s = open(&p).await;
    type_text(&mut s, "M");
    assert!(
        s.app.module_as::<MarkList>().is_some(),
        "{:?}",
        s.app.status()
    );
    let list =
        format!("ann\r\nbob@example.com, +15550100003\n{sub}\nnobody@example.com\nghost\nann\n");
    s.handle(Event::Paste(list));
    assert!(
        common::screen(&mut s).contains("6 entries read so far."),
        "line breaks separate entries; ann once"
    );
    assert!(
        s.app.in_flight().is_empty(),
        "nothing looked up before Enter"
    );
    press(&mut s, KeyCode::Enter);
    settle(&mut s, "every look-up", |a| {
        a.module_as::<MarkList>()
            .is_some_and(|m| m.phase == MarkPhase::Done)
            && a.in_flight().is_empty()
    })
    .await;
    let m = s.app.module_as::<MarkList>().expect("the list");
    assert_eq!(m.counts(), [4, 2, 0, 0]);
    let marked: Vec<&str> = s.app.lookup().marked.iter().map(String::as_str).collect();
    assert_eq!(marked, ["ann", "bob", "cy", "dee"]);
    let screen = common::screen(&mut s);
    assert!(
        screen.contains("Done: 4 users marked; 2 found no user"),
        "{screen}"
    );
    assert!(
        screen.contains("nobody@example.com: no user has this email"),
        "{screen}"
    );
    assert!(
        screen.contains("ghost: no user has this username"),
        "{screen}"
    );

    // Back in the table, the bulk menu acts on them.
    press(&mut s, KeyCode::Esc);
    type_text(&mut s, "b");
    assert!(
        s.app.module_as::<BulkMenu>().is_some(),
        "{:?}",
        s.app.status()
    );
    assert!(
        common::screen(&mut s).contains("Do what to the 4 marked users?"),
        "the marks are the bulk menu's"
    );
}

#[test]
fn esc_while_looking_up_stops_and_the_look_ups_sent_finish() {
    use cognitui::cognito::model::UserStatus;
    use common::{app_on_pool, fake_pool, fake_user, key, typed};
    let users = vec![fake_user("ann", UserStatus::Confirmed, true, &[])];
    let mut app = app_on_pool((80, 24), fake_pool("eu-west-1_Mark", None), users);
    app.update(key(KeyCode::Char('M')));
    for event in typed("ann bob cy dee eve") {
        app.update(event);
    }
    let sent = app.update(key(KeyCode::Enter));
    assert_eq!(sent.len(), 4, "four at a time");
    assert!(app.update(key(KeyCode::Esc)).is_empty());
    assert!(
        format!("{:?}", app.status()).contains("Stopping"),
        "{:?}",
        app.status()
    );
    assert_eq!(
        app.in_flight().len(),
        4,
        "nothing abandoned: their answers are counted"
    );
}

#[test]
fn the_list_screen_and_its_result_at_80x24() {
    use cognitui::action::{Action, Outcome};
    use cognitui::cognito::model::{UserStatus, UsersPage};
    use common::{answer, app_on_pool, fake_pool, fake_user, key, typed, ui_text};
    let ann = fake_user(
        "ann",
        UserStatus::Confirmed,
        true,
        &[("email", "ann@example.com")],
    );
    let mut app = app_on_pool(
        (80, 24),
        fake_pool("eu-west-1_Mark", None),
        vec![ann.clone()],
    );
    app.update(key(KeyCode::Char('M')));
    for event in typed("ann, ghost nobody@example.com") {
        app.update(event);
    }
    insta::assert_snapshot!("mark_list_form", ui_text(&app));
    let sent = app.update(key(KeyCode::Enter));
    for request in &sent {
        let Action::ListUsers {
            filter: Some(f), ..
        } = &request.action
        else {
            panic!("{request:?}")
        };
        let users = if f.contains("\"ann\"") {
            vec![ann.clone()]
        } else {
            Vec::new()
        };
        answer(
            &mut app,
            request,
            Outcome::Users(Ok(UsersPage {
                users,
                next_token: None,
            })),
        );
    }
    insta::assert_snapshot!("mark_list_done", ui_text(&app));
}
