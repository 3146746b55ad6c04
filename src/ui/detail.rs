//! The detail screen: diagnosis, account facts, MFA, groups and every attribute.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table};

use super::{Theme, date};
use crate::app::{App, Detail};
use crate::cognito::model::DEFAULT_TEMPORARY_PASSWORD_DAYS;
use crate::diagnosis::diagnose;

pub fn render(frame: &mut Frame, area: Rect, app: &App, detail: &Detail, theme: &Theme) {
    let protected = if app.safety.is_protected(&detail.username) {
        " PROTECTED: never deleted or disabled "
    } else {
        ""
    };
    let title = Line::from(vec![
        Span::styled(format!(" User {} ", detail.username), theme.title),
        Span::styled(protected, theme.title.add_modifier(Modifier::REVERSED)),
    ]);
    let Some(d) = &detail.detail else {
        frame.render_widget(
            Paragraph::new(super::not_loaded(app))
                .style(theme.dim)
                .block(Block::bordered().title(title)),
            area,
        );
        return;
    };
    let user = &d.user;
    let days = app
        .pool
        .as_ref()
        .map_or(DEFAULT_TEMPORARY_PASSWORD_DAYS, |p| {
            p.temporary_password_validity_days
        });
    let diagnosis = diagnose(user, app.now, days);
    let label = |s: &'static str| Span::styled(format!("{s:<16}"), theme.dim);
    let mfa_enabled = if d.mfa_enabled.is_empty() {
        "none".to_owned()
    } else {
        d.mfa_enabled.join(", ")
    };
    let groups = if d.groups.is_empty() {
        "none".to_owned()
    } else {
        d.groups.join(", ")
    };
    let facts = vec![
        Line::styled(
            format!(" {}", diagnosis.text),
            theme.severity(diagnosis.severity),
        ),
        Line::default(),
        Line::from(vec![
            label(" Status"),
            Span::styled(user.status.as_api(), theme.status(&user.status, true)),
        ]),
        Line::from(vec![
            label(" Enabled"),
            if user.enabled {
                Span::styled("yes", theme.ok)
            } else {
                Span::styled("no", theme.bad)
            },
        ]),
        Line::from(vec![
            label(" Sub"),
            Span::raw(user.attribute("sub").unwrap_or("—")),
        ]),
        Line::from(vec![label(" Created"), Span::raw(date(user.created))]),
        Line::from(vec![label(" Modified"), Span::raw(date(user.modified))]),
        Line::from(vec![
            label(" MFA preferred"),
            Span::raw(d.preferred_mfa.as_deref().unwrap_or("none")),
        ]),
        Line::from(vec![label(" MFA enabled"), Span::raw(mfa_enabled)]),
        Line::from(vec![label(" Groups"), Span::raw(groups)]),
    ];
    let facts_height = u16::try_from(facts.len() + 2).unwrap_or(u16::MAX);
    let [top, attrs] =
        Layout::vertical([Constraint::Length(facts_height), Constraint::Min(3)]).areas(area);
    frame.render_widget(
        Paragraph::new(facts).block(Block::bordered().title(title)),
        top,
    );

    let rows = user
        .attributes
        .iter()
        .skip(usize::from(detail.scroll))
        .map(|a| Row::new([a.name.as_str(), a.value.as_str()]));
    let table = Table::new(rows, [Constraint::Length(28), Constraint::Fill(1)])
        .header(Row::new(["Attribute", "Value"]).style(theme.title))
        .block(Block::bordered().title(Line::styled(
            format!(" Attributes ({}) ", user.attributes.len()),
            theme.title,
        )));
    frame.render_widget(table, attrs);
}
