//! The status line: the sentence of the last result, the call in flight with its progress, or
//! the key hints of the screen (those that do something for the user shown).

use ratatui::text::{Line, Span};

use super::Theme;
use crate::app::{App, BulkPhase, ImportPhase, Screen, Status};
use crate::keys::{Command, Context};

const SPINNER: [&str; 8] = ["⣾", "⣽", "⣻", "⢿", "⡿", "⣟", "⣯", "⣷"];

/// The status row: the sentence of the last result, the call in flight, or key hints.
pub(super) fn status_line(app: &App, theme: &Theme) -> Line<'static> {
    match &app.status {
        Some(Status::Error(text)) => {
            let retry = app
                .keymap
                .key_for(Context::Global, Command::Retry)
                .filter(|_| app.can_retry())
                .map(|k| format!("{k} retries · "))
                .unwrap_or_default();
            Line::from(vec![
                Span::styled(format!(" {text} "), theme.error),
                Span::styled(format!("  ({retry}any key dismisses)"), theme.dim),
            ])
        }
        Some(Status::Info(text)) => Line::from(Span::styled(format!(" {text} "), theme.info)),
        None => match app.busy() {
            Some(label) => {
                let spin = SPINNER[app.spinner % SPINNER.len()];
                let progress = load_progress(&app.lookup);
                let hint = if app.abandonable() {
                    "  Esc abandons"
                } else {
                    ""
                };
                Line::from(vec![
                    Span::styled(format!(" {spin} {label}{progress}…"), theme.warn),
                    Span::styled(hint, theme.dim),
                ])
            }
            None => Line::from(
                hint_items(app, theme)
                    .into_iter()
                    .flat_map(|(_, spans)| spans)
                    .collect::<Vec<_>>(),
            ),
        },
    }
}

const LOOKUP_HINTS: &[(Command, &str)] = &[
    (Command::Open, "open"),
    (Command::SignIn, "sign in"),
    (Command::SignUp, "sign up"),
    (Command::Invite, "invite"),
    (Command::Mark, "mark"),
    (Command::Bulk, "bulk"),
    (Command::Export, "export"),
    (Command::AuditLog, "audit log"),
    (Command::Search, "search"),
    (Command::NextAttribute, "attribute"),
    (Command::CycleStatus, "status"),
    (Command::Refine, "refine"),
    (Command::LoadAll, "load all"),
    (Command::Import, "import"),
    (Command::PoolGroups, "groups"),
    (Command::PoolOverview, "pool"),
    (Command::Help, "help"),
    (Command::Quit, "quit"),
];

const SEARCH_HINTS: &[(Command, &str)] = &[
    (Command::Open, "open"),
    (Command::NextAttribute, "attribute"),
    (Command::ToggleExact, "exact"),
    (Command::CycleStatus, "status"),
    (Command::Back, "table"),
    (Command::Help, "help"),
];

const REFINE_HINTS: &[(Command, &str)] = &[(Command::Back, "done"), (Command::Help, "help")];

const CONFIRM_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::CopyCli, "copy CLI"),
    (Command::ClientMetadata, "ClientMetadata"),
    (Command::Back, "cancel"),
];

const PASSWORD_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "set"),
    (Command::NextField, "next field"),
    (Command::Reveal, "show password"),
    (Command::Toggle, "permanent/temporary"),
    (Command::Back, "cancel"),
];

const EXPORT_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "export"),
    (Command::Toggle, "groups"),
    (Command::Back, "cancel / back"),
];

const IMPORT_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "read / invite"),
    (Command::ImportJob, "import job"),
    (Command::CycleDelivery, "delivery"),
    (Command::NextField, "next field"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

const BULK_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "start"),
    (Command::CopyCli, "copy CLI"),
    (Command::Retry, "retry failures"),
    (Command::Back, "stop / back"),
];

const AUDIT_HINTS: &[(Command, &str)] = &[
    (Command::Open, "open entry"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

const LIST_HINTS: &[(Command, &str)] = &[
    (Command::Open, "add/remove group"),
    (Command::Forget, "forget device"),
    (Command::EventValid, "valid"),
    (Command::EventInvalid, "invalid"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

const DETAIL_HINTS: &[(Command, &str)] = &[
    (Command::Back, "back"),
    // The fixes the diagnosis line names come first (offered only when it names them).
    (Command::ToggleEnabled, "enable"),
    (Command::SetPassword, "set password"),
    (Command::ResendCode, "resend code"),
    (Command::EnterCode, "enter code"),
    (Command::AdminConfirm, "confirm"),
    (Command::ConfirmAndVerify, "confirm + email verified"),
    (Command::ResendInvite, "resend invitation"),
    (Command::VerifyAsUser, "verify as user"),
    (Command::EditAttributes, "edit"),
    (Command::SignIn, "sign in as user"),
    (Command::MfaSettings, "MFA"),
    (Command::Help, "help"),
];

const PICKER_HINTS: &[(Command, &str)] = &[
    (Command::Open, "choose"),
    (Command::Back, "back"),
    (Command::Refresh, "reload"),
    (Command::SwitchProfile, "profile/region"),
    (Command::Help, "help"),
    (Command::Quit, "quit"),
];

const FORM_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::NextField, "next field"),
    (Command::Reveal, "show password"),
    (Command::ToggleFlow, "flow"),
    (Command::CopyCli, "CLI"),
    (Command::Back, "cancel"),
    (Command::Help, "help"),
];

const CODE_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send code"),
    (Command::ResendCode, "resend"),
    (Command::AdminConfirm, "admin instead"),
    (Command::CopyCli, "CLI"),
    (Command::Back, "back to user"),
    (Command::Help, "help"),
];

const FORGOT_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "set password"),
    (Command::NextField, "next field"),
    (Command::Reveal, "show password"),
    (Command::ResendCode, "resend"),
    (Command::CopyCli, "CLI"),
    (Command::Back, "back to user"),
    (Command::Help, "help"),
];

const INVITE_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "invite"),
    (Command::NextField, "next field"),
    (Command::Reveal, "show password"),
    (Command::GeneratePassword, "new password"),
    (Command::CycleDelivery, "delivery"),
    (Command::ToggleVerified, "verified"),
    (Command::CopyCli, "CLI"),
    (Command::Back, "cancel"),
];

const ATTRIBUTES_HINTS: &[(Command, &str)] = &[
    (Command::Open, "edit"),
    (Command::Toggle, "true/false"),
    (Command::AddAttribute, "add"),
    (Command::DeleteAttribute, "delete"),
    (Command::Undo, "undo"),
    (Command::Preview, "preview"),
    (Command::Back, "back"),
];

const PREVIEW_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::CopyCli, "copy CLI"),
    (Command::Back, "keep editing"),
    (Command::Help, "help"),
];

const ENROL_HINTS: &[(Command, &str)] = &[
    (Command::Submit, "verify"),
    (Command::FullScreen, "full screen"),
    (Command::Invert, "invert"),
    (Command::Authenticator, "demo code"),
    (Command::CopySecret, "copy secret"),
    (Command::CopyUri, "copy URI"),
    (Command::Back, "cancel"),
];

const TOKENS_HINTS: &[(Command, &str)] = &[
    (Command::EnrolTotp, "set up TOTP"),
    (Command::RememberDevice, "remember device"),
    (Command::CopyAccessToken, "copy access"),
    (Command::CopyIdToken, "copy ID"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

const MENU_HINTS: &[(Command, &str)] = &[
    (Command::Open, "choose"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

const PASSKEYS_HINTS: &[(Command, &str)] = &[
    (Command::DeletePasskey, "delete"),
    (Command::Refresh, "reload"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

const GROUPS_HINTS: &[(Command, &str)] = &[
    (Command::Open, "members"),
    (Command::CreateGroup, "create"),
    (Command::EditGroup, "edit"),
    (Command::DeleteGroup, "delete"),
    (Command::Bulk, "add marked users"),
    (Command::Refresh, "reload"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

const IMPORT_JOBS_HINTS: &[(Command, &str)] = &[
    (Command::StopJob, "stop job"),
    (Command::Refresh, "reload"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

const MEMBERS_HINTS: &[(Command, &str)] = &[
    (Command::Open, "open user"),
    (Command::Refresh, "reload"),
    (Command::Back, "back to groups"),
    (Command::Help, "help"),
];

const OVERVIEW_HINTS: &[(Command, &str)] = &[
    (Command::Refresh, "reload"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];

const HELP_HINTS: &[(Command, &str)] = &[(Command::Back, "close")];

/// The few keys worth showing on each screen; `?` lists them all.
fn hint_commands(context: Context) -> &'static [(Command, &'static str)] {
    match context {
        Context::Lookup => LOOKUP_HINTS,
        Context::Search => SEARCH_HINTS,
        Context::Refine => REFINE_HINTS,
        Context::Detail => DETAIL_HINTS,
        Context::Picker => PICKER_HINTS,
        Context::Form => FORM_HINTS,
        Context::Code => CODE_HINTS,
        Context::Forgot => FORGOT_HINTS,
        Context::Invite => INVITE_HINTS,
        Context::Attributes => ATTRIBUTES_HINTS,
        Context::Preview => PREVIEW_HINTS,
        Context::Confirm => CONFIRM_HINTS,
        Context::Password => PASSWORD_HINTS,
        Context::List => LIST_HINTS,
        Context::Audit => AUDIT_HINTS,
        Context::Bulk => BULK_HINTS,
        Context::Export => EXPORT_HINTS,
        Context::Import => IMPORT_HINTS,
        Context::Enrol => ENROL_HINTS,
        Context::Tokens => TOKENS_HINTS,
        Context::Menu => MENU_HINTS,
        Context::Passkeys => PASSKEYS_HINTS,
        Context::Groups => GROUPS_HINTS,
        Context::ImportJobs => IMPORT_JOBS_HINTS,
        Context::Members => MEMBERS_HINTS,
        Context::Overview => OVERVIEW_HINTS,
        Context::Help | Context::Global => HELP_HINTS,
    }
}

/// Whether a key of a confirmation or of the import jobs does something there.
fn offered_here(app: &App, command: Command) -> bool {
    match (&app.screen, command) {
        (Screen::Confirm(c), Command::ClientMetadata) => c.change.takes_client_metadata(),
        (Screen::ImportJobs(v), Command::StopJob) => v
            .selected_job()
            .is_some_and(crate::cognito::import::ImportJob::stoppable),
        _ => false,
    }
}

/// Whether a hinted command does something on the current screen, for the user shown.
fn offered(app: &App, command: Command) -> bool {
    use crate::cognito::model::UserStatus;
    let user = match &app.screen {
        Screen::Detail(d) => d.detail.as_ref().map(|d| &d.user),
        _ => None,
    };
    let status = |s: UserStatus| user.is_some_and(|u| u.status == s);
    let unverified_email = user.is_some_and(|u| u.email().is_some() && !u.email_verified());
    if let Screen::Import(run) = &app.screen {
        return match command {
            Command::Submit | Command::CycleDelivery => {
                matches!(run.phase, ImportPhase::Form | ImportPhase::Preview)
            }
            Command::NextField => run.phase == ImportPhase::Form,
            Command::ImportJob => run.phase == ImportPhase::Preview,
            _ => true,
        };
    }
    match command {
        Command::ToggleFlow => matches!(app.screen, Screen::SignIn(_)),
        Command::RememberDevice => matches!(
            &app.screen,
            Screen::Tokens(t) if App::device_offered(t).is_some_and(|d| !app.remembers(&d.key))
        ),
        Command::Reveal => matches!(
            app.screen,
            Screen::SignIn(_)
                | Screen::NewPassword(_)
                | Screen::SignUp(_)
                | Screen::Invite(_)
                | Screen::SetPassword(_)
                | Screen::Forgot(_)
        ),
        Command::ResendCode if matches!(app.screen, Screen::Forgot(_)) => {
            app.forgot_resend_wait().is_none()
        }
        Command::ResendCode | Command::EnterCode | Command::AdminConfirm if user.is_some() => {
            status(UserStatus::Unconfirmed)
        }
        Command::ConfirmAndVerify if user.is_some() => {
            status(UserStatus::Unconfirmed) || unverified_email
        }
        Command::ResendCode if app.resend_wait().is_some() => false,
        Command::ResendInvite => status(UserStatus::ForceChangePassword),
        // Hinted on a user's page only as the fix its diagnosis names: a disabled user is
        // enabled, compromised credentials are replaced.
        Command::ToggleEnabled if user.is_some() => user.is_some_and(|u| !u.enabled),
        Command::SetPassword if user.is_some() => status(UserStatus::Compromised),
        Command::Submit | Command::CopyCli | Command::Retry
            if matches!(app.screen, Screen::Bulk(_)) =>
        {
            let Screen::Bulk(run) = &app.screen else {
                return false;
            };
            match command {
                Command::Retry => run.phase == BulkPhase::Done && !run.failed.is_empty(),
                _ => run.phase == BulkPhase::Preview,
            }
        }
        Command::Open | Command::Forget | Command::EventValid | Command::EventInvalid
            if matches!(app.screen, Screen::List(_)) =>
        {
            let Screen::List(l) = &app.screen else {
                return false;
            };
            match (&l.kind, command) {
                (Some(crate::app::ListKind::Groups(_)), Command::Open) => true,
                (Some(crate::app::ListKind::Devices(d)), Command::Forget) => !d.is_empty(),
                (
                    Some(crate::app::ListKind::Events(e)),
                    Command::EventValid | Command::EventInvalid,
                ) => !e.is_empty(),
                _ => false,
            }
        }
        Command::VerifyAsUser => {
            status(UserStatus::Confirmed)
                && (unverified_email
                    || user.is_some_and(|u| {
                        u.attribute("phone_number").is_some() && !u.phone_verified()
                    }))
        }
        Command::CopyCli => !app.cli_lines().is_empty(),
        Command::ClientMetadata | Command::StopJob => offered_here(app, command),
        Command::Open | Command::EditGroup | Command::DeleteGroup | Command::Bulk
            if matches!(app.screen, Screen::Groups(_)) =>
        {
            let Screen::Groups(v) = &app.screen else {
                return false;
            };
            v.selected_group().is_some()
                && (command != Command::Bulk || !app.lookup.marked.is_empty())
        }
        Command::Open if matches!(app.screen, Screen::Audit { .. }) => app.view.opened.is_none(),
        Command::DeletePasskey => matches!(
            &app.screen,
            Screen::Passkeys(p) if matches!(&p.passkeys, Some(Ok(list)) if !list.is_empty())
        ),
        _ => true,
    }
}

/// The hints of the screen, each its key and label; the help key is always among them.
pub(super) fn hint_items(app: &App, theme: &Theme) -> Vec<(Command, Vec<Span<'static>>)> {
    let context = app.context();
    let mut items = Vec::new();
    let listed = hint_commands(context);
    let help = (!listed.iter().any(|(c, _)| *c == Command::Help) && context != Context::Help)
        .then_some((Command::Help, "help"));
    for (command, label) in listed
        .iter()
        .copied()
        .chain(help)
        .filter(|(c, _)| offered(app, *c))
    {
        if let Some(key) = app.keymap.key_for(context, command) {
            let label = match (command, &app.screen) {
                (Command::ConfirmAndVerify, Screen::Detail(d))
                    if d.detail.as_ref().is_some_and(|d| {
                        d.user.status != crate::cognito::model::UserStatus::Unconfirmed
                    }) =>
                {
                    "mark email verified"
                }
                _ => label,
            };
            // A key the safety rules refuse is marked, not hidden: it says why when pressed.
            let mark = if app.refused(command).is_some() {
                "✗"
            } else {
                ""
            };
            items.push((
                command,
                vec![
                    Span::styled(format!("{mark}{key}"), theme.key),
                    Span::styled(format!(" {label}  "), theme.dim),
                ],
            ));
        }
    }
    items
}

/// How far a load of every user has come: the users, and for a sharded load a bar, the pace and
/// the time left.
fn load_progress(lookup: &crate::app::Lookup) -> String {
    let users = lookup.users.len();
    if let Some(load) = &lookup.sharded {
        let now = tokio::time::Instant::now();
        let rate = load.rate(now);
        let (bar, of) = match load.expected {
            Some(expected) if expected > 0 => {
                let loaded = u32::try_from(users).unwrap_or(u32::MAX);
                let share = (f64::from(loaded) / f64::from(expected)).min(1.0);
                // Ten cells; the share is between 0 and 1, so the cast cannot truncate.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let filled = (share * 10.0).round() as usize;
                (
                    format!(" {}{}", "█".repeat(filled), "░".repeat(10 - filled)),
                    format!(" of ~{expected}"),
                )
            }
            _ => (String::new(), String::new()),
        };
        let eta = load
            .eta(users, now)
            .map(|t| format!(", about {} s left", t.as_secs() + 1))
            .unwrap_or_default();
        return format!("{bar} {users}{of} users, {rate:.0}/s{eta}");
    }
    if lookup.load_all {
        format!(
            " — {}, {}",
            crate::sentence::count(users, "user"),
            crate::sentence::count(lookup.pages, "page")
        )
    } else {
        String::new()
    }
}
