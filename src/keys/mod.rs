//! Keybindings: the defaults in `assets/keybindings.toml`, merged with the user's overrides.

mod describe;

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

const DEFAULTS: &str = include_str!("../../assets/keybindings.toml");

/// What a key can ask for. These names are what the configuration file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Quit,
    Help,
    Back,
    Retry,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Search,
    Refine,
    NextAttribute,
    ToggleExact,
    CycleStatus,
    Sort,
    ReverseSort,
    LoadAll,
    Refresh,
    SwitchProfile,
    FindEverywhere,
    CycleScope,
    SwitchPool,
    SignIn,
    MfaSettings,
    Submit,
    NextField,
    PrevField,
    Reveal,
    ToggleFlow,
    FullScreen,
    Invert,
    Authenticator,
    CopySecret,
    CopyUri,
    EnrolTotp,
    RememberDevice,
    CopyAccessToken,
    CopyIdToken,
    SignUp,
    Invite,
    EnterCode,
    ResendCode,
    AdminConfirm,
    ConfirmAndVerify,
    EditAttributes,
    VerifyAsUser,
    ResendInvite,
    Toggle,
    DeleteAttribute,
    AddAttribute,
    Undo,
    Preview,
    GeneratePassword,
    CycleDelivery,
    ToggleVerified,
    ToggleEnabled,
    DeleteUser,
    ResetPassword,
    SetPassword,
    GlobalSignOut,
    Groups,
    Devices,
    AuthEvents,
    CopyCli,
    Forget,
    /// Mark the selected sign-in event as the user's.
    EventValid,
    /// Mark the selected sign-in event as not the user's.
    EventInvalid,
    AuditLog,
    /// Edit the ClientMetadata sent to the pool's Lambda triggers.
    ClientMetadata,
    /// Link an external identity to the user (AdminLinkProviderForUser).
    LinkIdentity,
    /// Unlink an external identity (AdminDisableProviderForUser).
    UnlinkIdentity,
    /// The pool's import jobs.
    ImportJobs,
    /// Stop the selected import job.
    StopJob,
    Mark,
    MarkAll,
    ClearMarks,
    Bulk,
    Cleanup,
    Export,
    Import,
    ImportJob,
    ForgotPassword,
    Passkeys,
    DeletePasskey,
    PoolGroups,
    PoolOverview,
    /// The pool doctor: the users in a known trap, by finding.
    PoolDoctor,
    /// Back the pool up to a file.
    Backup,
    /// Restore a backup into the pool.
    Restore,
    /// Compare the pool with another pool or a backup.
    Compare,
    /// Carry on a backup cut short.
    Resume,
    /// A restore's choice for the backup's UNCONFIRMED users: skip or create them.
    Unconfirmed,
    MarkList,
    Report,
    CreateOrUpdate,
    CreateGroup,
    EditGroup,
    DeleteGroup,
}

/// Where a key is pressed; each has its own bindings, then falls back to `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Global,
    Lookup,
    Search,
    Refine,
    Detail,
    Picker,
    Help,
    /// A form of text fields (sign-in, new password, codes).
    Form,
    /// TOTP enrolment: the QR and the code field.
    Enrol,
    /// The signed-in user's tokens.
    Tokens,
    /// A list of choices (MFA type, admin MFA settings, an existing username's options).
    Menu,
    /// Entering a confirmation or verification code, with resend.
    Code,
    /// The invitation form.
    Invite,
    /// The attribute editor.
    Attributes,
    /// A preview of changes, before they are sent.
    Preview,
    /// Confirming one admin change (and typing the username to delete).
    Confirm,
    /// Setting a password as admin.
    Password,
    /// Groups, devices or sign-in events of a user.
    List,
    /// The audit log.
    Audit,
    /// A bulk run: preview, progress, summary.
    Bulk,
    /// Exporting users to a file (other keys type the file name).
    Export,
    /// Importing users from a CSV file: the form, the preview, the job's progress.
    Import,
    /// Forgot password: the reset code and the new password, twice.
    Forgot,
    /// The signed-in user's passkeys.
    Passkeys,
    /// The pool's groups.
    Groups,
    /// The pool's import jobs.
    ImportJobs,
    /// A group's members.
    Members,
    /// The pool's overview.
    Overview,
    /// The pool doctor's findings.
    Doctor,
    /// Backing the pool up (other keys type the file name).
    Backup,
    /// Restoring a backup: the file, the plan, the progress (other keys type the file name).
    Restore,
    /// Comparing the pool with another (other keys type the pool id or file name).
    Compare,
}

/// A key with its modifiers, as written in the configuration (`ctrl-r`, `G`, `pageup`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn from_event(event: &KeyEvent) -> Self {
        Self {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// The key event the terminal sends for this key.
    pub fn event(self) -> KeyEvent {
        let mut modifiers = KeyModifiers::NONE;
        if self.ctrl {
            modifiers |= KeyModifiers::CONTROL;
        }
        if self.alt {
            modifiers |= KeyModifiers::ALT;
        }
        KeyEvent::new(self.code, modifiers)
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let mut rest = text;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                Ok(n @ 1..=12) => KeyCode::F(n),
                _ => return Err(format!("'{text}' is not a key")),
            },
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap_or(' ')),
            _ => return Err(format!("'{text}' is not a key")),
        };
        Ok(Self { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.ctrl || self.alt => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            other => write!(f, "{other}"),
        }
    }
}

/// Keys as written in TOML: context -> command -> keys.
pub type KeyTable = BTreeMap<Context, BTreeMap<Command, Vec<String>>>;

/// The resolved keybindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Context, Vec<(Command, Vec<Key>)>>,
}

impl Keymap {
    /// The defaults merged with `overrides`: a command an override names gets exactly its keys.
    pub fn new(overrides: &KeyTable) -> Result<Self, String> {
        let mut table: KeyTable = toml::from_str(DEFAULTS)
            .map_err(|e| format!("built-in keybindings are invalid: {e}"))?;
        for (context, commands) in overrides {
            let entry = table.entry(*context).or_default();
            for (command, keys) in commands {
                entry.insert(*command, keys.clone());
            }
        }
        let mut bindings = BTreeMap::new();
        for (context, commands) in table {
            let mut list = Vec::new();
            for (command, keys) in commands {
                let keys = keys
                    .iter()
                    .map(|k| Key::parse(k))
                    .collect::<Result<Vec<_>, _>>()?;
                list.push((command, keys));
            }
            bindings.insert(context, list);
        }
        Ok(Self { bindings })
    }

    /// The command `event` means in `context`, falling back to the global bindings.
    pub fn command(&self, context: Context, event: &KeyEvent) -> Option<Command> {
        let key = Key::from_event(event);
        self.lookup(context, key)
            .or_else(|| self.lookup(Context::Global, key))
    }

    fn lookup(&self, context: Context, key: Key) -> Option<Command> {
        self.bindings
            .get(&context)?
            .iter()
            .find_map(|(command, keys)| keys.contains(&key).then_some(*command))
    }

    /// The first key bound to `command` in `context` (or globally), for hints.
    pub fn key_for(&self, context: Context, command: Command) -> Option<Key> {
        [context, Context::Global]
            .iter()
            .filter_map(|c| self.bindings.get(c))
            .flatten()
            .find(|(c, _)| *c == command)
            .and_then(|(_, keys)| keys.first().copied())
    }

    /// Every key bound in any context, once each, as the terminal sends it.
    pub fn every_key(&self) -> Vec<KeyEvent> {
        let mut keys: Vec<Key> = self
            .bindings
            .values()
            .flatten()
            .flat_map(|(_, keys)| keys.iter().copied())
            .collect();
        keys.sort_by_key(ToString::to_string);
        keys.dedup();
        keys.into_iter().map(Key::event).collect()
    }

    /// The bindings of `context` then the global ones, for the help overlay.
    pub fn help(&self, context: Context) -> Vec<(String, Command)> {
        [context, Context::Global]
            .iter()
            .filter_map(|c| self.bindings.get(c))
            .flatten()
            .map(|(command, keys)| {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                (keys.join(" "), *command)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn parses_keys() {
        assert_eq!(
            Key::parse("ctrl-r"),
            Ok(Key {
                code: KeyCode::Char('r'),
                ctrl: true,
                alt: false
            })
        );
        assert_eq!(Key::parse("f1").map(|k| k.code), Ok(KeyCode::F(1)));
        assert_eq!(Key::parse("G").map(|k| k.code), Ok(KeyCode::Char('G')));
        assert_eq!(Key::parse("-").map(|k| k.code), Ok(KeyCode::Char('-')));
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
    }

    #[test]
    fn defaults_resolve_with_global_fallback() {
        let keys = Keymap::new(&KeyTable::new()).expect("defaults parse");
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(keys.command(Context::Lookup, &enter), Some(Command::Open));
        let ctrl_r = press(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(keys.command(Context::Detail, &ctrl_r), Some(Command::Retry));
        let shift_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            keys.command(Context::Lookup, &shift_g),
            Some(Command::PoolGroups)
        );
        let end = press(KeyCode::End, KeyModifiers::NONE);
        assert_eq!(keys.command(Context::Lookup, &end), Some(Command::Bottom));
        let plain_q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(keys.command(Context::Search, &plain_q), None);
    }

    #[test]
    fn overrides_replace_a_commands_keys() {
        let overrides: KeyTable =
            toml::from_str("[lookup]\nload_all = [\"ctrl-l\"]").expect("valid toml");
        let keys = Keymap::new(&overrides).expect("valid");
        let big_l = press(KeyCode::Char('L'), KeyModifiers::SHIFT);
        assert_eq!(keys.command(Context::Lookup, &big_l), None);
        let ctrl_l = press(KeyCode::Char('l'), KeyModifiers::CONTROL);
        assert_eq!(
            keys.command(Context::Lookup, &ctrl_l),
            Some(Command::LoadAll)
        );
    }

    #[test]
    fn bad_key_in_override_is_reported() {
        let overrides: KeyTable = toml::from_str("[lookup]\nquit = [\"meta-q\"]").expect("toml");
        assert_eq!(
            Keymap::new(&overrides).err(),
            Some("'meta-q' is not a key".to_owned())
        );
    }
}
