//! The report of the marked users end to end against the emulator: each user's MFA and groups
//! read (AdminGetUser, AdminListGroupsForUser), shown as columns of the table that sort and
//! refine; the emulator lacks AdminListUserAuthEvents, so after the first user the last
//! sign-ins are not asked for again and the report says why. With aws-smithy-mocks: the last
//! successful sign-in among a user's events.

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use aws_smithy_mocks::mock;
use cognitui::config::columns::Column;
use cognitui::screens::report::{COLUMNS, Report, values};
use common::journey::{confirmed, group, open, pool, prefer_sms, press, type_text};
use common::settle;
use common::wire::{json, mocked};
use crossterm::event::KeyCode;

#[tokio::test]
async fn the_report_reads_mfa_and_groups_into_the_tables_columns() {
    let p = pool(false).await;
    for name in ["rep.ann", "rep.bob", "rep.cy"] {
        confirmed(&p, name, &[("phone_number", "+15550100001")]).await;
    }
    group(&p, "staff").await;
    p.client
        .admin_add_user_to_group()
        .user_pool_id(&p.id)
        .username("rep.ann")
        .group_name("staff")
        .send()
        .await
        .expect("member");
    prefer_sms(&p, "rep.ann").await;
    let mut s = open(&p).await;
    type_text(&mut s, "L");
    settle(&mut s, "every user", |a| {
        a.lookup().complete() && a.in_flight().is_empty()
    })
    .await;
    type_text(&mut s, "*");
    type_text(&mut s, "U");
    assert!(
        s.app.module_as::<Report>().is_some(),
        "{:?}",
        s.app.status()
    );
    settle(&mut s, "the report", |a| {
        a.module_as::<Report>().is_some_and(Report::finished) && a.in_flight().is_empty()
    })
    .await;
    let r = s.app.module_as::<Report>().expect("the report");
    assert_eq!(r.read.len(), 3, "{:?}", r.failed);
    assert!(
        r.no_sign_ins
            .as_deref()
            .is_some_and(|why| why.contains("the first user's could not be")),
        "the emulator lacks AdminListUserAuthEvents: {:?}",
        r.no_sign_ins
    );
    let screen = common::screen(&mut s);
    assert!(
        screen.contains("3 users read: 2 without MFA, 2 in no group."),
        "{screen}"
    );
    for column in COLUMNS {
        assert_eq!(
            s.app
                .options()
                .columns
                .contains(&Column::Attribute(column.into())),
            column != "report:last_sign_in",
            "{column}: a column of the table only if it was read"
        );
    }
    let ann = s.app.lookup().user("rep.ann").expect("ann's row");
    assert_eq!(ann.attribute("report:mfa"), Some("sms"));
    assert_eq!(ann.attribute("report:preferred_mfa"), Some("sms"));
    assert_eq!(ann.attribute("report:groups"), Some("staff"));
    let bob = s.app.lookup().user("rep.bob").expect("bob's row");
    assert_eq!(bob.attribute("report:mfa"), Some("none"));
    assert_eq!(bob.attribute("report:groups"), Some("none"));

    // Back in the table, the refine works on them.
    press(&mut s, KeyCode::Esc);
    type_text(&mut s, "f");
    type_text(&mut s, "report:mfa=sms");
    assert_eq!(s.app.lookup().view.len(), 1, "only ann has SMS MFA");
}

#[tokio::test]
async fn the_last_sign_in_is_the_latest_successful_one() {
    let user = mock!(Client::admin_get_user).then_http_response(|| {
        json(
            200,
            r#"{"Username":"ann","UserStatus":"CONFIRMED","Enabled":true,"UserAttributes":[],"UserMFASettingList":["SOFTWARE_TOKEN_MFA"],"PreferredMfaSetting":"SOFTWARE_TOKEN_MFA"}"#,
        )
    });
    let groups = mock!(Client::admin_list_groups_for_user)
        .then_http_response(|| json(200, r#"{"Groups":[{"GroupName":"admins"}]}"#));
    // Newest first, as Cognito lists them: a failed sign-in, then the last good one.
    let events = mock!(Client::admin_list_user_auth_events).then_http_response(|| {
        json(
            200,
            r#"{"AuthEvents":[
                {"EventId":"e3","EventType":"SignIn","CreationDate":1.7651E9,"EventResponse":"Fail"},
                {"EventId":"e2","EventType":"SignIn","CreationDate":1.7650E9,"EventResponse":"Pass"},
                {"EventId":"e1","EventType":"SignIn","CreationDate":1.7640E9,"EventResponse":"Pass"}
            ]}"#,
        )
    });
    let cognito = mocked(&[&user, &groups, &events]);
    let report = cognito
        .report_user("eu-west-1_Rep", "ann", true)
        .await
        .expect("a report");
    let row: Vec<(String, String)> = values(&report)
        .into_iter()
        .map(|a| (a.name, a.value))
        .collect();
    assert_eq!(
        row,
        [
            ("report:mfa".to_owned(), "totp".to_owned()),
            ("report:preferred_mfa".to_owned(), "totp".to_owned()),
            ("report:groups".to_owned(), "admins".to_owned()),
            (
                "report:last_sign_in".to_owned(),
                "2025-12-06T05:46:40Z".to_owned()
            ),
        ]
    );
    assert_eq!(events.num_calls(), 1);
}

#[test]
fn ctrl_r_reads_again_the_users_that_could_not_be_read_and_only_them() {
    use cognitui::action::{Action, Outcome};
    use cognitui::cognito::CognitoError;
    use cognitui::cognito::model::{UserDetail, UserStatus};
    use cognitui::cognito::report::UserReport;
    use common::{answer, app_on_pool, ctrl, fake_pool, fake_user, key};
    let users = vec![
        fake_user("ann", UserStatus::Confirmed, true, &[]),
        fake_user("bob", UserStatus::Confirmed, true, &[]),
    ];
    let mut app = app_on_pool((80, 24), fake_pool("eu-west-1_Rep", None), users.clone());
    let first = app.update(key(KeyCode::Char('U')));
    let [one] = &first[..] else {
        panic!("the first user alone, to learn whether sign-ins can be read: {first:?}")
    };
    let report = |i: usize| {
        Outcome::Reported(Ok(Box::new(UserReport {
            detail: UserDetail {
                user: users[i].clone(),
                preferred_mfa: None,
                mfa_enabled: Vec::new(),
                groups: Vec::new(),
            },
            last_sign_in: Some(Ok(None)),
        })))
    };
    let rest = answer(&mut app, one, report(0));
    let [two] = &rest[..] else {
        panic!("then the others: {rest:?}")
    };
    assert!(
        answer(
            &mut app,
            two,
            Outcome::Reported(Err(CognitoError::TooManyRequests))
        )
        .is_empty()
    );
    let r = app.module_as::<Report>().expect("the report");
    assert_eq!((r.read.len(), r.failed.len()), (1, 1));
    let again = app.update(ctrl('r'));
    assert!(
        matches!(&again[..], [req] if matches!(&req.action, Action::ReportUser { username, .. } if username == "bob")),
        "only bob again: {again:?}"
    );
    answer(&mut app, &again[0], report(1));
    let r = app.module_as::<Report>().expect("the report");
    assert_eq!((r.read.len(), r.failed.len()), (2, 0));
    assert!(r.finished());
    insta::assert_snapshot!("report_done_80x24", common::ui_text(&app));
}

#[test]
fn esc_while_reading_stops_the_report_and_what_was_asked_finishes() {
    use cognitui::action::Outcome;
    use cognitui::cognito::model::{UserDetail, UserStatus};
    use cognitui::cognito::report::UserReport;
    use common::{answer, app_on_pool, fake_pool, fake_user, key};
    let users = vec![
        fake_user("ann", UserStatus::Confirmed, true, &[]),
        fake_user("bob", UserStatus::Confirmed, true, &[]),
    ];
    let mut app = app_on_pool((80, 24), fake_pool("eu-west-1_Rep", None), users.clone());
    let first = app.update(key(KeyCode::Char('U')));
    assert_eq!(first.len(), 1);
    assert!(app.update(key(KeyCode::Esc)).is_empty());
    assert!(
        format!("{:?}", app.status()).contains("Stopping"),
        "the report stops, nothing is abandoned: {:?}",
        app.status()
    );
    assert_eq!(app.in_flight().len(), 1, "the read asked for finishes");
    let more = answer(
        &mut app,
        &first[0],
        Outcome::Reported(Ok(Box::new(UserReport {
            detail: UserDetail {
                user: users[0].clone(),
                preferred_mfa: None,
                mfa_enabled: Vec::new(),
                groups: Vec::new(),
            },
            last_sign_in: None,
        }))),
    );
    assert!(more.is_empty(), "no more are asked for: {more:?}");
    let r = app.module_as::<Report>().expect("the report");
    assert!(r.finished());
    assert_eq!(r.read.len(), 1);
}
