//! The pool picker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

use super::Theme;
use crate::app::{App, Picker};

pub fn render(frame: &mut Frame, area: Rect, app: &App, picker: &Picker, theme: &Theme) {
    let (title, items): (String, Option<Vec<ListItem>>) = match picker {
        Picker::Pools { pools, .. } => (
            " Choose a user pool ".to_owned(),
            pools.as_ref().map(|pools| {
                pools
                    .iter()
                    .map(|p| ListItem::new(format!("{:<40} {}", p.name, p.id)))
                    .collect()
            }),
        ),
        Picker::Clients { pool, clients, .. } => (
            format!(" Choose an app client of {} ", pool.name),
            clients.as_ref().map(|clients| {
                std::iter::once(ListItem::new(
                    "(no app client: admin operations only)".to_owned(),
                ))
                .chain(
                    clients
                        .iter()
                        .map(|c| ListItem::new(format!("{:<40} {}", c.name, c.id))),
                )
                .collect()
            }),
        ),
    };
    let block = Block::bordered().title(Line::styled(title, theme.title));
    let Some(items) = items else {
        frame.render_widget(
            Paragraph::new(super::not_loaded(app))
                .style(theme.dim)
                .block(block),
            area,
        );
        return;
    };
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(
                "No user pools in this region. Pass --region or --profile to look elsewhere.",
            )
            .block(block),
            area,
        );
        return;
    }
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected)
        .highlight_symbol("› ");
    let mut state = ListState::default().with_selected(Some(picker.selected()));
    frame.render_stateful_widget(list, area, &mut state);
}
