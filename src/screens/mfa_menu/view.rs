//! The admin MFA menu, with the user's and the pool's MFA as read with their page.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::MfaMenu;
use crate::app::MFA_CHOICES;
use crate::theme::Theme;
use crate::ui::mfa::pool_mfa_text;
use crate::ui::widgets::framed;

/// What is known of the user's MFA and the pool's, one line each.
fn state_lines(m: &MfaMenu, theme: &Theme) -> Vec<Line<'static>> {
    let label = |s: &'static str| Span::styled(format!(" {s:<17}"), theme.dim);
    let mut lines = Vec::new();
    if let Some(user) = &m.user {
        let (preferred, enabled) = match &user.factors {
            Ok(f) => (f.preferred_mfa.clone(), f.mfa_enabled.clone()),
            Err(_) => (user.preferred.clone(), user.enabled.clone()),
        };
        let enabled = if enabled.is_empty() {
            "none".to_owned()
        } else {
            enabled.join(", ")
        };
        lines.push(Line::from(vec![label("MFA enabled"), Span::raw(enabled)]));
        lines.push(Line::from(vec![
            label("MFA preferred"),
            Span::raw(preferred.unwrap_or_else(|| "none".to_owned())),
        ]));
        lines.push(Line::from(vec![
            label("Sign-in factors"),
            Span::raw(user.factors_line()),
        ]));
    }
    if let Some(pool) = &m.pool {
        lines.push(Line::from(vec![
            label("Pool MFA"),
            Span::raw(pool_mfa_text(pool)),
        ]));
    }
    lines
}

pub(super) fn render(frame: &mut Frame, area: Rect, m: &MfaMenu, theme: &Theme) {
    let block = framed(format!(" MFA settings of {} (admin) ", m.username), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut state = state_lines(m, theme);
    if !state.is_empty() {
        state.push(Line::default());
    }
    let height = u16::try_from(state.len()).unwrap_or(u16::MAX);
    let [top, list] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(state), top);
    let items: Vec<ListItem> = MFA_CHOICES.iter().map(|c| ListItem::new(c.label)).collect();
    let widget = List::new(items)
        .highlight_style(theme.selected)
        .highlight_symbol("› ");
    let mut list_state = ListState::default().with_selected(Some(m.selected));
    frame.render_stateful_widget(widget, list, &mut list_state);
}
