//! The signed-in user's passkeys: name, attachment, relying party and when each was created.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Row, Table, TableState};

use super::PasskeyList;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::date;
use crate::ui::widgets::{framed, not_loaded, render_message};

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, p: &PasskeyList, theme: &Theme) {
    let title = format!(" Passkeys of {} (ListWebAuthnCredentials) ", p.username);
    let message = match &p.passkeys {
        None => Some(not_loaded(shown)),
        Some(Err(why)) => Some(why.clone()),
        Some(Ok(list)) if list.is_empty() => Some(format!(
            "{} has no passkey registered: they add one from the app's sign-in (WebAuthn).",
            p.username
        )),
        Some(Ok(_)) => None,
    };
    if let Some(text) = message {
        render_message(frame, area, text, framed(title, theme));
        return;
    }
    let Some(Ok(list)) = &p.passkeys else {
        return;
    };
    let rows = list.iter().map(|k| {
        Row::new(vec![
            k.name.clone(),
            k.attachment.clone().unwrap_or_else(|| "—".into()),
            k.relying_party.clone(),
            date(k.created),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(15),
            Constraint::Fill(1),
            Constraint::Length(16),
        ],
    )
    .header(
        Row::new(["Passkey", "Attachment", "Relying party", "Created (UTC)"]).style(theme.title),
    )
    .row_highlight_style(theme.selected)
    .highlight_symbol("› ")
    .block(framed(title, theme));
    let mut state = TableState::default().with_selected(Some(p.selected));
    frame.render_stateful_widget(table, area, &mut state);
}
