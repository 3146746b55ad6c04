//! The user table's drawing: search line, user table (only the visible rows are built), info
//! line.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};
use tui_input::Input;

use super::{Focus, Lookup};
use crate::cognito::filter::Match;
use crate::cognito::model::{DEFAULT_TEMPORARY_PASSWORD_DAYS, User, UserStatus};
use crate::config::columns::Column;
use crate::keys::{Command, Context};
use crate::screens::Shown;
use crate::store::Sort;
use crate::theme::Theme;
use crate::ui::date;

impl Lookup {
    /// Draws the table in `area`.
    pub fn draw(&self, frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
        let [search, table, info] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        render_search(frame, search, self, shown, theme);
        render_table(frame, table, self, shown, theme);
        render_info(frame, info, self, shown, theme);
    }
}

fn render_search(frame: &mut Frame, area: Rect, l: &Lookup, shown: &Shown, theme: &Theme) {
    let op = match l.how {
        Match::Prefix => "^=",
        Match::Exact => "=",
    };
    let label = format!(" Search {} {op} ", l.attribute);
    let field_style = |focused: bool| if focused { theme.title } else { theme.dim };
    let mut spans = vec![
        Span::styled(label.clone(), theme.key),
        Span::styled(
            field_text(&l.query, l.focus == Focus::Search),
            field_style(l.focus == Focus::Search),
        ),
    ];
    let status = l.status_filter.map_or("all", |s| s.label());
    spans.push(Span::styled("  Status: ", theme.key));
    spans.push(Span::raw(status));
    let refine_label = "  Refine: ";
    spans.push(Span::styled(refine_label, theme.key));
    spans.push(Span::styled(
        field_text(&l.refine, l.focus == Focus::Refine),
        field_style(l.focus == Focus::Refine),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);

    // Put the terminal cursor inside the focused field.
    let (input, start) = match l.focus {
        Focus::Search => (&l.query, width(&label)),
        Focus::Refine => {
            let before = width(&label)
                + width(&field_text(&l.query, false))
                + width("  Status: ")
                + width(status)
                + width(refine_label);
            (&l.refine, before)
        }
        Focus::Table => return,
    };
    if !shown.focused {
        return;
    }
    let x = area.x + start + u16::try_from(input.visual_cursor()).unwrap_or(u16::MAX);
    if x < area.right() {
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

fn field_text(input: &Input, focused: bool) -> String {
    if input.value().is_empty() && !focused {
        "—".to_owned()
    } else {
        input.value().to_owned()
    }
}

fn width(text: &str) -> u16 {
    u16::try_from(text.chars().count()).unwrap_or(u16::MAX)
}

fn render_table(frame: &mut Frame, area: Rect, l: &Lookup, shown: &Shown, theme: &Theme) {
    let block = Block::new().borders(Borders::TOP | Borders::BOTTOM);
    if l.view.is_empty() && l.complete() {
        let text = if l.users.is_empty() {
            "No users match this search."
        } else {
            "No loaded user matches the refine or status filter."
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim).block(block), area);
        return;
    }
    // Only the rows on screen are built, so 100,000 loaded users cost no more than 20; the
    // columns are as wide as what these rows show.
    let on_screen = shown_rows(l, shown, area.height);
    let plan = plan_columns(shown.columns, l.sort.as_ref(), &on_screen, area.width);
    let enabled_shown = plan.columns.iter().any(|c| *c.column == Column::Enabled);
    let rows = on_screen
        .iter()
        .map(|r| user_row(r, &plan, enabled_shown, theme));
    let header = Row::new(plan.columns.iter().map(Planned::header)).style(theme.title);
    let widths: Vec<Constraint> = plan
        .columns
        .iter()
        .map(|c| Constraint::Length(c.width))
        .collect();
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(plan.spacing)
        .flex(Flex::Start)
        .row_highlight_style(theme.selected)
        .highlight_symbol(HIGHLIGHT)
        .highlight_spacing(HighlightSpacing::Always);
    let start = l.first_shown(usize::from(area.height.saturating_sub(3)));
    let mut state = TableState::default()
        .with_selected((!l.view.is_empty()).then(|| l.selected.saturating_sub(start)));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The selected row's mark; every row keeps its width free.
const HIGHLIGHT: &str = "› ";
/// The mark of a user marked for bulk work, before the username.
const MARKED: &str = "● ";
/// The widest an attribute column grows (a `sub` is 36 characters).
const MAX_ATTRIBUTE_WIDTH: u16 = 40;
/// The most spaces between two columns when the table has room to spare.
const MAX_SPACING: u16 = 3;

/// A user on screen, with what the table needs to know about them.
struct OnScreen {
    user: User,
    marked: bool,
    invitation_expired: bool,
}

/// The users on the screen rows of a table `height` rows high (borders and titles included).
fn shown_rows(l: &Lookup, shown: &Shown, height: u16) -> Vec<OnScreen> {
    let rows_on_screen = usize::from(height.saturating_sub(3));
    let start = l.first_shown(rows_on_screen);
    let end = (start + rows_on_screen).min(l.view.len());
    let validity_days = shown.pool.map_or(DEFAULT_TEMPORARY_PASSWORD_DAYS, |p| {
        p.temporary_password_validity_days
    });
    l.view[start..end]
        .iter()
        .map(|&u| {
            let user = l.users.get(u);
            OnScreen {
                marked: l.marked.contains(&user.username),
                invitation_expired: user.invitation_expired(shown.now, validity_days),
                user,
            }
        })
        .collect()
}

/// The status as the table shows it, short and in full: an invitation past the pool's validity
/// shows as expired instead of its status.
fn status_label(row: &OnScreen) -> (&str, &str) {
    if row.invitation_expired {
        return ("EXPIRED", "INVITATION EXPIRED");
    }
    let full = row.user.status.as_api();
    let short = match row.user.status {
        UserStatus::Unconfirmed => "UNCONF",
        UserStatus::ForceChangePassword => "FORCE_CHG",
        UserStatus::ResetRequired => "RESET_REQ",
        UserStatus::Compromised => "COMPROM",
        UserStatus::ExternalProvider => "EXTERNAL",
        _ => full,
    };
    (short, full)
}

/// One column as planned: its width, and whether it is drawn in full (the status unabridged,
/// the dates with their time).
struct Planned<'a> {
    column: &'a Column,
    width: u16,
    full: bool,
    /// The sort's arrow, on the column the table is sorted by.
    arrow: Option<&'static str>,
}

impl Planned<'_> {
    fn header(&self) -> String {
        let title = self.title();
        self.arrow
            .map_or(title.clone(), |arrow| format!("{title} {arrow}"))
    }

    fn title(&self) -> String {
        match (self.column, self.full) {
            (Column::Username, _) => "Username".into(),
            (Column::Email, _) => "Email".into(),
            (Column::Status, _) => "Status".into(),
            (Column::Enabled, _) => "Enabled".into(),
            (Column::Created, false) => "Created".into(),
            (Column::Created, true) => "Created (UTC)".into(),
            (Column::Modified, false) => "Modified".into(),
            (Column::Modified, true) => "Modified (UTC)".into(),
            (Column::Attribute(name), _) => attribute_title(name).into(),
        }
    }
}

/// An attribute column's title: its name without `custom:` or `report:`.
fn attribute_title(name: &str) -> &str {
    ["custom:", "report:"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(name)
}

/// The columns that fit, in the configured order, and the spaces between them.
struct Plan<'a> {
    columns: Vec<Planned<'a>>,
    spacing: u16,
}

fn text_width(text: &str) -> u16 {
    u16::try_from(Line::raw(text).width()).unwrap_or(u16::MAX)
}

/// How wide a column is short and in full, for the rows shown; `mark` more for its title when
/// the table is sorted by it.
fn column_widths(column: &Column, mark: u16, rows: &[OnScreen]) -> (u16, u16) {
    const DAY: u16 = 10; // 2026-01-31
    const DAY_AND_TIME: u16 = 16; // 2026-01-31 14:05
    let text_width = |header: &str| text_width(header) + mark;
    let widest = |header: &str, cell: &dyn Fn(&OnScreen) -> u16| {
        rows.iter().map(cell).fold(text_width(header), u16::max)
    };
    match column {
        Column::Username => {
            let w = widest("Username", &|r| {
                text_width(&r.user.username) + if r.marked { text_width(MARKED) } else { 0 }
            });
            (w, w)
        }
        Column::Email => {
            // The address, a space and the verified mark.
            let w = widest("Email", &|r| {
                r.user.email().map_or(1, |e| text_width(e) + 2)
            });
            (w, w)
        }
        Column::Status => (
            widest("Status", &|r| text_width(status_label(r).0)),
            widest("Status", &|r| text_width(status_label(r).1)),
        ),
        Column::Enabled => (text_width("Enabled"), text_width("Enabled")),
        Column::Created => (
            DAY.max(text_width("Created")),
            DAY_AND_TIME.max(text_width("Created (UTC)")),
        ),
        Column::Modified => (
            DAY.max(text_width("Modified")),
            DAY_AND_TIME.max(text_width("Modified (UTC)")),
        ),
        Column::Attribute(name) => {
            let header = attribute_title(name);
            let w = widest(header, &|r| r.user.attribute(name).map_or(1, text_width))
                .min(MAX_ATTRIBUTE_WIDTH);
            (w, w)
        }
    }
}

/// Which columns fit in `width` and how wide each is. Username and email get their whole width
/// first, then the status (short), whether the user is enabled, then every other column in the
/// configured order as it fits; what room is left then shows the status in full and the dates
/// with their time, and spreads the columns apart a little.
fn plan_columns<'a>(
    columns: &'a [Column],
    sorted_by: Option<&Sort>,
    rows: &[OnScreen],
    width: u16,
) -> Plan<'a> {
    let available = width.saturating_sub(text_width(HIGHLIGHT));
    let arrow_of = |c: &Column| sorted_by.filter(|s| s.column == *c).map(Sort::arrow);
    let widths: Vec<(u16, u16)> = columns
        .iter()
        .map(|c| column_widths(c, arrow_of(c).map_or(0, |a| 1 + text_width(a)), rows))
        .collect();
    let rank = |c: &Column| match c {
        Column::Username | Column::Email => 0,
        Column::Status => 1,
        Column::Enabled => 2,
        _ => 3,
    };
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&i| rank(&columns[i])); // stable: the configured order within a rank
    let mut placed: Vec<Option<(u16, bool)>> = vec![None; columns.len()];
    let used = |placed: &[Option<(u16, bool)>]| -> u16 {
        let (sum, count) = placed
            .iter()
            .flatten()
            .fold((0u16, 0u16), |(s, n), (w, _)| (s.saturating_add(*w), n + 1));
        sum.saturating_add(count.saturating_sub(1))
    };
    for &i in &order {
        let gap = u16::from(placed.iter().any(Option::is_some));
        let room = available.saturating_sub(used(&placed)).saturating_sub(gap);
        let short = widths[i].0;
        if short <= room {
            placed[i] = Some((short, false));
        } else if rank(&columns[i]) == 0 && room > 0 {
            // Too narrow even for these: they take what there is, cut.
            placed[i] = Some((room, false));
        }
    }
    // Then the full forms: the status first, then the dates, in the configured order.
    let upgrades = order
        .iter()
        .copied()
        .filter(|&i| matches!(columns[i], Column::Status))
        .chain(
            order
                .iter()
                .copied()
                .filter(|&i| matches!(columns[i], Column::Created | Column::Modified)),
        );
    for i in upgrades.collect::<Vec<_>>() {
        let Some((short, _)) = placed[i] else {
            continue;
        };
        let (_, full) = widths[i];
        let extra = full.saturating_sub(short);
        if used(&placed).saturating_add(extra) <= available {
            placed[i] = Some((full, true));
        }
    }
    let count = u16::try_from(placed.iter().flatten().count()).unwrap_or(u16::MAX);
    let gaps = count.saturating_sub(1).max(1);
    let slack = available.saturating_sub(used(&placed));
    let spacing = 1 + (slack / gaps).min(MAX_SPACING - 1);
    Plan {
        columns: columns
            .iter()
            .zip(placed)
            .filter_map(|(column, p)| {
                p.map(|(width, full)| Planned {
                    column,
                    width,
                    full,
                    arrow: arrow_of(column),
                })
            })
            .collect(),
        spacing,
    }
}

impl Lookup {
    /// The status abbreviations the table shows in a body area `area` (none when it has room for
    /// the full words), with what each stands for, for the help's legend.
    pub fn status_legend(&self, area: Rect, shown: &Shown) -> Vec<(&'static str, &'static str)> {
        const LEGEND: [(&str, &str); 6] = [
            ("UNCONF", "UNCONFIRMED"),
            ("FORCE_CHG", "FORCE_CHANGE_PASSWORD"),
            ("RESET_REQ", "RESET_REQUIRED"),
            ("EXPIRED", "INVITATION EXPIRED (temporary password too old)"),
            ("COMPROM", "COMPROMISED"),
            ("EXTERNAL", "EXTERNAL_PROVIDER"),
        ];
        // The table's rows: the body less the search and info lines.
        let on_screen = shown_rows(self, shown, area.height.saturating_sub(2));
        let plan = plan_columns(shown.columns, self.sort.as_ref(), &on_screen, area.width);
        if !plan
            .columns
            .iter()
            .any(|c| *c.column == Column::Status && !c.full)
        {
            return Vec::new();
        }
        LEGEND
            .into_iter()
            .filter(|(short, _)| on_screen.iter().any(|r| status_label(r).0 == *short))
            .collect()
    }
}

/// One user, in the planned columns.
fn user_row<'a>(row: &'a OnScreen, plan: &Plan, enabled_shown: bool, theme: &Theme) -> Row<'a> {
    let user = &row.user;
    let cells = plan.columns.iter().map(|planned| match planned.column {
        Column::Username if row.marked => Cell::from(Line::from(vec![
            Span::styled(MARKED, theme.warn),
            Span::raw(user.username.as_str()),
        ])),
        Column::Username => Cell::from(user.username.as_str()),
        Column::Email => Cell::from(match user.email() {
            Some(e) if user.email_verified() => {
                Line::from(vec![Span::raw(e), Span::styled(" ✓", theme.ok)])
            }
            Some(e) => Line::from(vec![Span::raw(e), Span::styled(" ✗", theme.bad)]),
            None => Line::from(Span::styled("—", theme.dim)),
        }),
        Column::Status => {
            let (short, full) = status_label(row);
            let text = if planned.full { full } else { short };
            // Without the Enabled column a disabled user's status says so by its colour and,
            // for terminals without colour (NO_COLOR), struck through.
            let style = if row.invitation_expired {
                theme.bad
            } else {
                theme.status(&user.status, user.enabled || enabled_shown)
            };
            let style = if user.enabled || enabled_shown {
                style
            } else {
                style.add_modifier(ratatui::style::Modifier::CROSSED_OUT)
            };
            Cell::from(Span::styled(text, style))
        }
        Column::Enabled => Cell::from(if user.enabled {
            Span::styled("yes", theme.ok)
        } else {
            Span::styled("no", theme.bad)
        }),
        Column::Created => Cell::from(when(user.created, planned.full)),
        Column::Modified => Cell::from(when(user.modified, planned.full)),
        Column::Attribute(name) => Cell::from(match user.attribute(name) {
            Some(value) => Span::raw(value),
            None => Span::styled("—", theme.dim),
        }),
    });
    Row::new(cells.collect::<Vec<_>>())
}

/// A date in UTC: the day, or the day and the time in full.
fn when(t: Option<DateTime<Utc>>, full: bool) -> String {
    match t {
        Some(t) if !full => t.format("%Y-%m-%d").to_string(),
        t => date(t),
    }
}

fn render_info(frame: &mut Frame, area: Rect, l: &Lookup, shown: &Shown, theme: &Theme) {
    let count = if l.view.len() == l.users.len() {
        crate::sentence::count(l.users.len(), "user")
    } else {
        format!("{} of {} loaded users", l.view.len(), l.users.len())
    };
    let sharded = l.sharded.as_ref().map(|load| {
        if load.paused {
            let key = shown.key_name(Context::Lookup, Command::LoadAll);
            format!("stopped ({key} goes on)")
        } else if load.finished() {
            let key = shown.key_name(Context::Global, Command::Retry);
            format!("some parts failed ({key} loads them)")
        } else {
            "loading the whole pool".to_owned()
        }
    });
    let more = if l.complete() {
        "all loaded"
    } else if let Some(sharded) = &sharded {
        sharded
    } else if l.pages == 0 && shown.users_loading {
        "loading"
    } else if l.pages == 0 {
        "not loaded"
    } else {
        "more on the server (L loads all)"
    };
    let position = if l.view.is_empty() {
        String::new()
    } else {
        format!(" · row {}", l.selected + 1)
    };
    let pages = if l.pages == 1 { "page" } else { "pages" };
    let text = match &l.only {
        Some(only) => format!(
            " {}: {} of {} loaded users (Esc shows all){position}",
            only.label,
            l.view.len(),
            l.users.len()
        ),
        None => format!(" {count} · {} {pages} · {more}{position}", l.pages),
    };
    frame.render_widget(Paragraph::new(text).style(theme.dim), area);
}
