//! The pool picker.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

use super::Picker;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::form;
use crate::ui::widgets::render_not_loaded;

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, picker: &Picker, theme: &Theme) {
    let (title, items): (String, Option<Vec<ListItem>>) = match picker {
        Picker::Profiles { profiles, form, .. } => {
            let [list, field] =
                Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
            form::render(frame, field, form, true, theme);
            render_list(
                frame,
                list,
                shown,
                " Choose an AWS profile (↑↓), type the region, Enter connects ",
                profiles.as_ref().map(|profiles| {
                    let current = shown
                        .cli_target
                        .profile
                        .as_deref()
                        .unwrap_or("default chain");
                    std::iter::once(ListItem::new(format!(
                        "(the credentials in use: {current})"
                    )))
                    .chain(profiles.iter().map(|p| {
                        let region = p.region.as_deref().unwrap_or("(no region set)");
                        ListItem::new(format!("{:<32} {region}", p.name))
                    }))
                    .collect()
                }),
                picker.selected(),
                "",
                theme,
            );
            return;
        }
        Picker::Pools { pools, .. } => (
            format!(" Choose a user pool · {} ", where_from(shown)),
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
    let empty = format!(
        "No user pools in this region. Press {} to change the AWS profile or region.",
        shown.key_name(
            crate::keys::Context::Picker,
            crate::keys::Command::SwitchProfile
        )
    );
    render_list(
        frame,
        area,
        shown,
        &title,
        items,
        picker.selected(),
        &empty,
        theme,
    );
}

/// The profile and region the pools come from.
fn where_from(shown: &Shown) -> String {
    let profile = shown
        .cli_target
        .profile
        .as_deref()
        .unwrap_or("default profile");
    let region = shown
        .cli_target
        .region
        .as_deref()
        .unwrap_or("default region");
    format!("{profile} · {region}")
}

#[allow(clippy::too_many_arguments)] // one list, drawn the same way for every step
fn render_list(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown,
    title: &str,
    items: Option<Vec<ListItem>>,
    selected: usize,
    empty: &str,
    theme: &Theme,
) {
    let block = Block::bordered().title(Line::styled(title.to_owned(), theme.title));
    let Some(items) = items else {
        render_not_loaded(frame, area, shown, block, theme);
        return;
    };
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(empty.to_owned())
                .wrap(ratatui::widgets::Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected)
        .highlight_symbol("› ");
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut state);
}
