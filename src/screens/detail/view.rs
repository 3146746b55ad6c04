//! The detail screen: diagnosis, account facts, MFA, groups and every attribute.
//!
//! Sentences and values wrap. On a wide screen (120 columns or more) the facts and the
//! attributes stand side by side; otherwise the facts are above the attributes, or, when the
//! screen is too short for both, everything is one page. What does not fit scrolls (arrows,
//! PgUp/PgDn, Home/End), and the frame's bottom border says which rows show.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Detail;
use crate::app::Extent;
use crate::cognito::model::{DEFAULT_TEMPORARY_PASSWORD_DAYS, PoolFacts, User};
use crate::diagnosis::diagnose;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::date;
use crate::ui::text::{position, wrap, wrap_lines};
use crate::ui::widgets::render_not_loaded;

/// Widest attribute name column.
const NAME: usize = 28;

/// Columns from which the facts and the attributes stand side by side.
const WIDE: u16 = 120;

/// The title, and the facts (the diagnosis first) once the user is loaded.
fn content<'a>(
    shown: &'a Shown,
    detail: &'a Detail,
    theme: &Theme,
) -> (Line<'a>, Option<(&'a User, Vec<Line<'a>>)>) {
    let protected = if shown.safety.is_protected(&detail.username) {
        " PROTECTED: never deleted or disabled "
    } else {
        ""
    };
    let title = Line::from(vec![
        Span::styled(format!(" User {} ", detail.username), theme.title),
        Span::styled(protected, theme.title.add_modifier(Modifier::REVERSED)),
    ]);
    let Some(d) = &detail.detail else {
        return (title, None);
    };
    let user = &d.user;
    let (days, facts) = shown.pool.map_or_else(
        || (DEFAULT_TEMPORARY_PASSWORD_DAYS, PoolFacts::default()),
        |p| (p.temporary_password_validity_days, p.facts.clone()),
    );
    let diagnosis = diagnose(user, shown.now, days, &facts);
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
    // The pool's MFA configuration and the user's sign-in factors, once read with the user.
    let pool_mfa = shown.mfa.pool(shown.pool_id).map(|p| {
        Line::from(vec![
            label(" Pool MFA"),
            Span::raw(crate::ui::mfa::pool_mfa_text(p)),
        ])
    });
    let factors = shown
        .mfa
        .user(&detail.username)
        .map(|m| Line::from(vec![label(" Sign-in with"), Span::raw(m.factors_line())]));
    let mut facts = vec![
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
    ];
    facts.extend(pool_mfa);
    facts.extend(factors);
    facts.push(Line::from(vec![label(" Groups"), Span::raw(groups)]));
    facts.extend(identity_lines(user, &label));
    (title, Some((user, facts)))
}

/// The identities an external provider linked to the user, one line each: "Google (Google),
/// user 1234, linked 2026-01-01 00:00". Nothing for a user without any.
fn identity_lines<'a>(user: &User, label: &impl Fn(&'static str) -> Span<'a>) -> Vec<Line<'a>> {
    let Some(linked) = crate::identities::linked(user) else {
        return vec![Line::from(vec![
            label(" Linked to"),
            Span::raw("the identities attribute is not Cognito's JSON: see it below"),
        ])];
    };
    linked
        .into_iter()
        .enumerate()
        .map(|(i, id)| {
            let since = id
                .since
                .map(|t| format!(", linked {}", date(Some(t))))
                .unwrap_or_default();
            Line::from(vec![
                label(if i == 0 { " Linked to" } else { "" }),
                Span::raw(format!(
                    "{} ({}), user {}{since}",
                    id.provider, id.kind, id.user_id
                )),
            ])
        })
        .collect()
}

/// Every attribute, `width` columns wide: the name, then the value wrapped beside it (a name
/// too long for its column stands on a row of its own).
fn attribute_rows(user: &User, width: usize, theme: &Theme) -> (Line<'static>, Vec<Line<'static>>) {
    let name_width = user
        .attributes
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(9, NAME - 2)
        .min(width / 3)
        + 2;
    let value_width = width.saturating_sub(name_width + 1).max(1);
    let header = Line::styled(format!(" {:<name_width$}Value", "Attribute"), theme.title);
    let mut rows = Vec::new();
    for a in &user.attributes {
        let mut values = wrap(&a.value, value_width).into_iter();
        if a.name.chars().count() >= name_width {
            rows.push(Line::styled(format!(" {}", a.name), theme.dim));
        } else {
            let first = values.next().unwrap_or_default();
            rows.push(Line::from(vec![
                Span::styled(format!(" {:<name_width$}", a.name), theme.dim),
                Span::raw(first),
            ]));
        }
        rows.extend(values.map(|v| Line::raw(format!(" {:name_width$}{v}", ""))));
    }
    (header, rows)
}

/// Where everything goes.
struct Plan<'a> {
    /// The facts in a frame of their own, when they have one.
    facts: Option<(Rect, Vec<Line<'a>>)>,
    /// The scrolled frame: the attributes (with their header row), or everything.
    area: Rect,
    header: Option<Line<'static>>,
    rows: Vec<Line<'a>>,
    visible: usize,
}

fn plan<'a>(area: Rect, facts: &[Line<'a>], user: &User, theme: &Theme) -> Plan<'a> {
    let inside = |r: Rect| usize::from(r.width.saturating_sub(2)).max(1);
    if area.width >= WIDE {
        let [left, right] = Layout::horizontal([
            Constraint::Length((area.width * 2 / 5).clamp(50, 72)),
            Constraint::Fill(1),
        ])
        .areas(area);
        let wrapped = wrap_lines(facts, inside(left));
        if wrapped.len() + 2 <= usize::from(left.height) {
            let (header, rows) = attribute_rows(user, inside(right), theme);
            return Plan {
                facts: Some((left, wrapped)),
                area: right,
                header: Some(header),
                rows,
                visible: usize::from(right.height.saturating_sub(3)),
            };
        }
    }
    let wrapped = wrap_lines(facts, inside(area));
    let (header, attributes) = attribute_rows(user, inside(area), theme);
    let facts_height = wrapped.len() + 2;
    // The attributes get a frame of their own when it shows three rows at least.
    if facts_height + 6 <= usize::from(area.height) {
        let [top, bottom] = Layout::vertical([
            Constraint::Length(u16::try_from(facts_height).unwrap_or(u16::MAX)),
            Constraint::Min(0),
        ])
        .areas(area);
        return Plan {
            facts: Some((top, wrapped)),
            area: bottom,
            header: Some(header),
            rows: attributes,
            visible: usize::from(bottom.height.saturating_sub(3)),
        };
    }
    let mut rows = wrapped;
    rows.push(Line::default());
    rows.push(Line::styled(
        format!(" Attributes ({})", user.attributes.len()),
        theme.title,
    ));
    rows.push(header);
    rows.extend(attributes);
    Plan {
        facts: None,
        area,
        header: None,
        rows,
        visible: usize::from(area.height.saturating_sub(2)),
    }
}

/// How much of the scrolled part shows in `area`.
pub(super) fn extent(shown: &Shown, area: Rect, detail: &Detail, theme: &Theme) -> Extent {
    let (_, loaded) = content(shown, detail, theme);
    let Some((user, facts)) = loaded else {
        return Extent {
            total: 0,
            visible: 0,
        };
    };
    let p = plan(area, &facts, user, theme);
    Extent {
        total: p.rows.len(),
        visible: p.visible,
    }
}

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, detail: &Detail, theme: &Theme) {
    let (title, loaded) = content(shown, detail, theme);
    let Some((user, facts)) = loaded else {
        render_not_loaded(frame, area, shown, Block::bordered().title(title), theme);
        return;
    };
    let p = plan(area, &facts, user, theme);
    let total = p.rows.len();
    let offset = shown.offset.min(total.saturating_sub(p.visible));
    let mut block = Block::bordered();
    block = match p.facts {
        Some((facts_area, wrapped)) => {
            frame.render_widget(
                Paragraph::new(wrapped).block(Block::bordered().title(title)),
                facts_area,
            );
            block.title(Line::styled(
                format!(" Attributes ({}) ", user.attributes.len()),
                theme.title,
            ))
        }
        None => block.title(title),
    };
    if let Some(at) = position(offset, p.visible, total, " rows") {
        block = block.title_bottom(Line::styled(at, theme.title));
    }
    let inner = block.inner(p.area);
    frame.render_widget(block, p.area);
    let mut rows: Vec<Line> = p.header.into_iter().collect();
    rows.extend(p.rows.into_iter().skip(offset).take(p.visible));
    frame.render_widget(Paragraph::new(rows), inner);
}
