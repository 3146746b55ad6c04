//! Pasted text (bracketed paste): one edit of the field that has the keyboard, on one line,
//! cut at what the field can hold, with a sentence saying what was changed.

use super::{App, Screen, Status};
use crate::action::Request;
use crate::paste::{Limit, MAX_CODE, MAX_PASSWORD, MAX_TEXT, paste_into};
use crate::validate::MAX_USERNAME;

impl App {
    /// Text was pasted: it goes into the focused field as one edit (one search at most). On a
    /// screen without a field it is ignored.
    pub(super) fn on_paste(&mut self, text: &str) -> Vec<Request> {
        if self.show_help {
            return Vec::new();
        }
        if let Screen::Lookup = self.screen {
            if !self.lookup.typing() {
                return Vec::new();
            }
            // Like a typed character, the paste acknowledges an error and still goes in.
            self.status = None;
            return self.on_table(|table, ctx| {
                table.paste(text, ctx);
            });
        }
        let Some(limit) = self.form_limit() else {
            return Vec::new();
        };
        self.status = None;
        let Some(field) = self
            .form_mut()
            .and_then(|form| form.fields.get_mut(form.focus))
        else {
            return Vec::new();
        };
        let used = field.input.value().chars().count();
        if let (_, Some(sentence)) = paste_into(&mut field.input, text, &limit, used) {
            self.status = Some(Status::Info(sentence));
        }
        Vec::new()
    }

    /// What the form field that has the keyboard holds, if there is one.
    fn form_limit(&mut self) -> Option<Limit> {
        if let Screen::Module(m) = &self.screen
            && let Some(limit) = m.paste_limit(self.pool.as_ref())
        {
            return Some(limit);
        }
        let (label, secret) = {
            let form = self.form_mut()?;
            let field = form.fields.get(form.focus)?;
            (field.label.clone(), field.secret)
        };
        Some(self.field_limit(&label, secret))
    }

    /// What a form field holds, from its label and the pool's schema.
    fn field_limit(&self, label: &str, secret: bool) -> Limit {
        if secret {
            return Limit::chars(MAX_PASSWORD, "a password");
        }
        let attribute = match label {
            "Username" => return Limit::chars(MAX_USERNAME, "a username"),
            "Code" => return Limit::digits(MAX_CODE, "a code"),
            "Email" => "email",
            "Phone (E.164)" => "phone_number",
            other => other.trim_end_matches(" *"),
        };
        match self.pool.as_ref().and_then(|p| {
            p.schema
                .iter()
                .find(|a| a.name == attribute)
                .cloned()
                .or_else(|| crate::cognito::model::standard_attribute(attribute))
        }) {
            // An attribute value's limit: the schema's length, else Cognito's 2048.
            Some(schema) => Limit::chars(schema.max_length.unwrap_or(MAX_TEXT), attribute),
            None => Limit::chars(MAX_TEXT, "this field"),
        }
    }
}
