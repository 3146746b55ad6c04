//! The confirmation: a change waiting for the agent's go-ahead, with the sentences of what it
//! does and what follows, its AWS CLI equivalent, and for a deletion the username typed again.
//! Its keys, hints and drawing are here; opening it (the safety rules first) and sending what
//! it confirmed are the change lifecycle's (`app/confirm.rs`), the one way a change is sent.

mod notes;
mod view;

use crate::action::Action;
use crate::app::{Form, Screen};
use crate::cli::action_cli;
use crate::cognito::admin::AdminCall;
use crate::cognito::metadata::{self, ClientMetadata};
use crate::keys::Command;
use crate::screens::Status;

pub use self::notes::{bulk_notes, notes};

/// The keys its status line shows.
const HINTS: &[(Command, &str)] = &[
    (Command::Submit, "send"),
    (Command::CopyCli, "copy CLI"),
    (Command::ClientMetadata, "ClientMetadata"),
    (Command::Back, "cancel"),
];

/// A change waiting for the agent's go-ahead.
#[derive(Debug, Clone)]
pub struct ConfirmChange {
    /// The change, exactly as it will be sent.
    pub change: Action,
    /// What the change does and what follows, one sentence a line.
    pub notes: Vec<String>,
    /// For deletion: the username, typed again.
    pub typed: Option<Form>,
    /// The ClientMetadata being edited, while it is.
    pub metadata: Option<Form>,
    /// The screen the change was asked from: shown again on Enter (with the spinner) or Esc.
    pub back: Box<Screen>,
}

/// What a key on the confirmation leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum ConfirmNext {
    /// It stays on screen.
    Stay,
    /// The change is sent, and the screen it was asked from shows again.
    Send,
    /// Nothing is sent, and the screen it was asked from shows again.
    Back,
    /// The pool's ClientMetadata is this for the rest of the session.
    Metadata(ClientMetadata),
}

impl ConfirmChange {
    /// The confirmation of `change`, asked from `back`, with `warnings` after its notes.
    pub fn new(change: Action, warnings: Vec<String>, back: Box<Screen>) -> Self {
        let typed = deletes(&change).then(|| Form::new(&[("Username", false)]));
        let mut notes = notes(&change);
        notes.extend(warnings);
        Self {
            change,
            notes,
            typed,
            metadata: None,
            back,
        }
    }

    /// A key bound to `command` on the confirmation; `pool_metadata` is what the change would
    /// send to the pool's Lambda triggers now.
    pub fn on_command(
        &mut self,
        command: Command,
        pool_metadata: &ClientMetadata,
        status: &mut Option<Status>,
    ) -> ConfirmNext {
        if self.metadata.is_some() {
            return self.metadata_command(command, status);
        }
        match command {
            Command::ClientMetadata if self.change.takes_client_metadata() => {
                let text = metadata::show(pool_metadata);
                self.metadata = Some(
                    Form::new(&[("ClientMetadata (key=value, …)", false)]).with_value(0, &text),
                );
            }
            Command::ClientMetadata => {
                *status = Some(Status::Info(
                    "This change makes no call that takes ClientMetadata.".into(),
                ));
            }
            Command::Submit => {
                if let (Some(form), Some(username)) = (&self.typed, self.change.username())
                    && form.value(0).trim() != username
                {
                    *status = Some(Status::Error(format!(
                        "Type the username '{username}' exactly to confirm the deletion."
                    )));
                    return ConfirmNext::Stay;
                }
                return ConfirmNext::Send;
            }
            Command::Back => {
                *status = Some(Status::Info("Cancelled: nothing was sent.".into()));
                return ConfirmNext::Back;
            }
            _ => self.form_command(command),
        }
        ConfirmNext::Stay
    }

    /// Keys while the ClientMetadata is edited: Enter keeps what was typed (when it reads as
    /// pairs), Esc leaves it as it was; neither sends anything.
    fn metadata_command(&mut self, command: Command, status: &mut Option<Status>) -> ConfirmNext {
        match command {
            Command::Submit => {
                let text = self
                    .metadata
                    .as_ref()
                    .map(|f| f.value(0).to_owned())
                    .unwrap_or_default();
                match metadata::parse(&text) {
                    Ok(kept) => {
                        self.metadata = None;
                        *status = Some(Status::Info(if kept.is_empty() {
                            "No ClientMetadata will be sent.".into()
                        } else {
                            format!(
                                "ClientMetadata for this pool for the rest of this session: {}.",
                                metadata::show(&kept)
                            )
                        }));
                        return ConfirmNext::Metadata(kept);
                    }
                    Err(problem) => *status = Some(Status::Error(problem)),
                }
            }
            Command::Back => {
                self.metadata = None;
                *status = Some(Status::Info("ClientMetadata left as it was.".into()));
            }
            _ => self.form_command(command),
        }
        ConfirmNext::Stay
    }

    /// Moving between fields and revealing secrets, on the confirmation's field.
    fn form_command(&mut self, command: Command) {
        if let Some(form) = self.form_mut() {
            form.on_command(command);
        }
    }

    /// The form typing goes to: the ClientMetadata while it is edited, else the username
    /// typed again for a deletion.
    pub fn form_mut(&mut self) -> Option<&mut Form> {
        self.metadata.as_mut().or(self.typed.as_mut())
    }

    /// The AWS CLI equivalent of the change.
    pub fn cli(&self) -> Vec<String> {
        action_cli(&self.change)
    }

    /// The keys worth showing on the status line.
    pub fn hints(&self) -> &'static [(Command, &'static str)] {
        HINTS
    }

    /// Whether a hinted key does something now: the copy and ClientMetadata keys not while
    /// the ClientMetadata is edited, the ClientMetadata key only for a change that sends it.
    pub fn offers(&self, command: Command) -> bool {
        match command {
            Command::CopyCli => self.metadata.is_none(),
            Command::ClientMetadata => {
                self.metadata.is_none() && self.change.takes_client_metadata()
            }
            _ => true,
        }
    }

    /// The label a hinted key has now: while the ClientMetadata is edited, Enter keeps it and
    /// sends nothing.
    pub fn label(&self, command: Command, label: &'static str) -> &'static str {
        match command {
            Command::Submit if self.metadata.is_some() => "keep it",
            Command::Back if self.metadata.is_some() => "leave it as it was",
            _ => label,
        }
    }
}

/// Whether the change deletes a user, which asks for the username to be typed.
fn deletes(change: &Action) -> bool {
    matches!(change, Action::Admin { calls, .. } if calls.contains(&AdminCall::Delete))
}
