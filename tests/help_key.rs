//! `?` and F1: F1 opens help on every screen; `?` opens it everywhere except where it is text
//! (a password field, a text field that already has something typed, the search and refine
//! fields). In an empty text field and in a code field (digits only) `?` is help.

mod common;
mod ui_support;

use cognitui::app::App;
use cognitui::screens::sign_up::SignUp;
use crossterm::event::KeyCode;
use ui_support as ui;

const SIZE: (u16, u16) = (80, 24);

fn focused_value(app: &mut App) -> String {
    let screen = format!("{:?}", app.screen());
    let form = app
        .form_mut()
        .unwrap_or_else(|| panic!("no form: {screen}"));
    form.value(form.focus).to_owned()
}

#[test]
fn question_mark_is_typed_into_a_password_field() {
    let mut app = ui::sign_in(SIZE);
    ui::send(&mut app, "?");
    assert!(!app.show_help());
    assert_eq!(focused_value(&mut app), "Secret-123?");
    // Even as the first character of a password.
    let mut app = ui::new_password(SIZE);
    assert_eq!(focused_value(&mut app), "", "the empty 'Again' field");
    ui::send(&mut app, "?x");
    assert!(!app.show_help());
    assert_eq!(focused_value(&mut app), "?x");
}

#[test]
fn question_mark_is_help_in_an_empty_text_field_and_text_once_typed() {
    let mut app = ui::lookup(SIZE, 3);
    ui::send(&mut app, "n");
    assert!(app.module_as::<SignUp>().is_some());
    ui::send(&mut app, "?");
    assert!(app.show_help(), "an empty username field: ? is help");
    let text = ui::draw(&app, SIZE, &cognitui::ui::Theme::default());
    assert!(text.contains("F1 ?  show this help"), "{text}");
    ui::press(&mut app, KeyCode::Esc);
    assert!(!app.show_help());
    assert_eq!(focused_value(&mut app), "", "nothing was typed");
    ui::send(&mut app, "who?");
    assert!(!app.show_help());
    assert_eq!(focused_value(&mut app), "who?");
}

#[test]
fn question_mark_is_help_in_a_code_field() {
    let mut app = ui::code_entry(SIZE);
    ui::send(&mut app, "?");
    assert!(app.show_help());
    assert_eq!(focused_value(&mut app), "12345");
}

#[test]
fn f1_opens_help_everywhere() {
    let screens: [fn() -> App; 9] = [
        || ui::group_form(SIZE),
        || ui::sign_in(SIZE),
        || ui::code_entry(SIZE),
        || ui::confirmation(SIZE),
        || ui::export(SIZE),
        || ui::bulk_preview(SIZE),
        || ui::audit(SIZE, true),
        || ui::preview(SIZE),
        || ui::enrolment(SIZE),
    ];
    for build in screens {
        let mut app = build();
        let before = format!("{:?}", app.screen());
        ui::press(&mut app, KeyCode::F(1));
        assert!(app.show_help(), "{before}");
        ui::press(&mut app, KeyCode::F(1));
        assert!(!app.show_help(), "F1 closes it again");
    }
    // In the search field too, where ? is typed.
    let mut app = ui::lookup(SIZE, 3);
    ui::send(&mut app, "/a?");
    assert!(!app.show_help());
    assert_eq!(app.lookup().query.value(), "a?");
    ui::press(&mut app, KeyCode::F(1));
    assert!(app.show_help());
}

#[test]
fn question_mark_is_help_on_screens_without_a_field() {
    let screens: [fn() -> App; 9] = [
        || ui::groups(SIZE, 3),
        || ui::members(SIZE),
        || ui::overview(SIZE, 0),
        || ui::confirmation(SIZE),
        || ui::bulk_preview(SIZE),
        || ui::audit(SIZE, false),
        || ui::preview(SIZE),
        || ui::tokens(SIZE),
        || ui::list(SIZE, "g"),
    ];
    for build in screens {
        let mut app = build();
        ui::send(&mut app, "?");
        assert!(app.show_help(), "{:?}", app.screen());
    }
}
