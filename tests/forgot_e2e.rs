//! Forgot password end to end on the emulator (moto 5.2.5 implements ForgotPassword and
//! ConfirmForgotPassword): `F` on a CONFIRMED user with a verified email, the confirmation,
//! the masked destination, the code and the new password twice, confirmed; the user is read
//! again (CONFIRMED) and signs in with the new password only.
//!
//! How the emulator checks codes: ForgotPassword makes a code `moto-confirmation-code:NNNNNN`
//! and returns it in the `x-moto-forgot-password-confirmation-code` header (AWS sends it by email
//! or SMS). ConfirmForgotPassword checks only codes with that prefix (a different one is
//! refused with ExpiredCodeException) and accepts any other code. Both are tested: a code read
//! from the header through an SDK interceptor, a wrong code of the emulator's form, and a code
//! the emulator does not check.

mod common;

use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::interceptors::BeforeDeserializationInterceptorContextRef;
use aws_sdk_cognitoidentityprovider::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_cognitoidentityprovider::types::AuthFlowType;
use cognitui::app::Status;
use cognitui::config::PoolChoice;
use cognitui::screens::forgot::ForgotForm;
use common::journey::{
    PASSWORD, Pool, confirmed, detail_loaded, get, open_user, pool, press, type_text,
};
use common::settle;
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;

const NEW_PASSWORD: &str = "Reset-Passw0rd!";

/// The reset code the emulator put in its response header, like the user's inbox.
#[derive(Debug, Clone, Default)]
struct Inbox(Arc<Mutex<Option<String>>>);

impl Inbox {
    fn code(&self) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Intercept for Inbox {
    fn name(&self) -> &'static str {
        "Inbox"
    }

    fn read_before_deserialization(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        if let Some(code) = context
            .response()
            .headers()
            .get("x-moto-forgot-password-confirmation-code")
            .filter(|c| !c.is_empty())
        {
            *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(code.to_owned());
        }
        Ok(())
    }
}

async fn signs_in(p: &Pool, username: &str, password: &str) -> bool {
    p.client
        .admin_initiate_auth()
        .user_pool_id(&p.id)
        .client_id(&p.app_client)
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", username)
        .auth_parameters("PASSWORD", password)
        .send()
        .await
        .is_ok()
}

/// A session on `p` through `client`, the pool and the list loaded, the table focused.
async fn open_with(p: &Pool, client: &Client) -> cognitui::session::Session<TestBackend> {
    let mut s = common::session_for(
        client,
        Some(PoolChoice {
            user_pool_id: p.id.clone(),
            client_id: Some(p.app_client.clone()),
            client_secret: None,
        }),
    );
    settle(&mut s, "pool and users", |a| {
        a.pool().is_some() && a.in_flight().is_empty()
    })
    .await;
    press(&mut s, KeyCode::Esc);
    s
}

fn status(s: &cognitui::session::Session<TestBackend>) -> String {
    match s.app.status() {
        Some(Status::Error(t) | Status::Info(t)) => t.clone(),
        None => String::new(),
    }
}

/// `F` on the user's page, confirmed: the forgot screen once the code went out.
async fn send_code(s: &mut cognitui::session::Session<TestBackend>) {
    press(s, KeyCode::Char('F'));
    assert!(s.app.in_flight().is_empty(), "asked first");
    common::journey::confirm(s);
    // The code went out, and the user (shown in the table) was read again.
    settle(s, "the reset code", |a| {
        a.in_flight().is_empty()
            && (a.module_as::<ForgotForm>().is_some_and(|f| f.sent) || a.status().is_some())
    })
    .await;
    assert!(
        s.app.module_as::<ForgotForm>().is_some_and(|f| f.sent),
        "{:?}",
        s.app.status()
    );
}

/// Types the code and the new password twice, Enter, confirmed; waits for the answer.
async fn set_password(s: &mut cognitui::session::Session<TestBackend>, code: &str) {
    type_text(s, code);
    press(s, KeyCode::Tab);
    type_text(s, NEW_PASSWORD);
    press(s, KeyCode::Tab);
    type_text(s, NEW_PASSWORD);
    press(s, KeyCode::Enter);
    assert!(s.app.in_flight().is_empty(), "asked first");
    common::journey::confirm(s);
    settle(s, "ConfirmForgotPassword", |a| {
        a.in_flight().is_empty() && a.status().is_some()
    })
    .await;
}

#[tokio::test]
async fn forgot_password_with_the_code_from_the_emulators_inbox() {
    let p = pool(false).await;
    confirmed(&p, "fay.forgot", &[]).await;
    let inbox = Inbox::default();
    let client = Client::from_conf(
        p.client
            .config()
            .to_builder()
            .interceptor(inbox.clone())
            .build(),
    );
    let mut s = open_with(&p, &client).await;
    open_user(&mut s, "fay.forgot").await;
    send_code(&mut s).await;
    // The emulator's default account recovery is a verified phone number, and it makes one up
    // for a user without: AWS would say `by email to f***@e***` here.
    assert_eq!(
        status(&s),
        "Cognito sent fay.forgot a reset code by SMS to +*******9934."
    );
    let shown = common::screen(&mut s);
    assert!(
        shown.contains("Reset code sent by SMS to +*******9934"),
        "{shown}"
    );
    let code = inbox.code().expect("the emulator's code");

    // A wrong code of the emulator's form is refused; the form keeps what was typed.
    let wrong = if code.ends_with('0') {
        "moto-confirmation-code:111111"
    } else {
        "moto-confirmation-code:000000"
    };
    set_password(&mut s, wrong).await;
    assert_eq!(
        status(&s),
        "That reset code has expired or a newer one was sent: F4 sends a new one."
    );
    assert!(
        s.app
            .module_as::<ForgotForm>()
            .is_some_and(|f| f.tries == 1)
    );
    assert!(
        signs_in(&p, "fay.forgot", PASSWORD).await,
        "nothing changed"
    );

    // The code from the inbox sets the password; the user is read again.
    for field in (0..3).rev() {
        for e in common::backspaces(40) {
            s.handle(e);
        }
        if field > 0 {
            press(&mut s, KeyCode::BackTab);
        }
    }
    assert!(
        s.app
            .module_as::<ForgotForm>()
            .is_some_and(|f| f.form.focus == 0 && f.form.value(0).is_empty())
    );
    set_password(&mut s, &code).await;
    detail_loaded(&mut s).await;
    assert_eq!(
        common::journey::detail_status(&s).as_deref(),
        Some("CONFIRMED")
    );
    assert!(signs_in(&p, "fay.forgot", NEW_PASSWORD).await);
    assert!(!signs_in(&p, "fay.forgot", PASSWORD).await);
}

#[tokio::test]
async fn forgot_password_with_a_client_secret_ends_confirmed() {
    let p = pool(true).await;
    confirmed(&p, "sam.secret", &[]).await;
    let mut s = common::journey::open(&p).await;
    open_user(&mut s, "sam.secret").await;
    send_code(&mut s).await;
    // The emulator does not check codes of its own form only: any other code is accepted.
    set_password(&mut s, "123456").await;
    assert_eq!(
        status(&s),
        "sam.secret's new password is set: they sign in with it from now on."
    );
    detail_loaded(&mut s).await;
    assert!(common::screen(&mut s).contains("CONFIRMED"));
    let user = get(&p, "sam.secret").await;
    assert_eq!(
        user.user_status()
            .map(aws_sdk_cognitoidentityprovider::types::UserStatusType::as_str),
        Some("CONFIRMED")
    );
    assert!(signs_in(&p, "sam.secret", NEW_PASSWORD).await);
}
