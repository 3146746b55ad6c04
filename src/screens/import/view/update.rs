//! The plan of a create or update from the file: while the users are read, how far; then the
//! counts, every row that does something (a new user, or each attribute old → new), the rows
//! that cannot be applied and why, and what Enter does.

use ratatui::text::{Line, Span};

use super::super::{ImportPhase, ImportRun, Update, key};
use super::Parts;
use crate::import_update::RowPlan;
use crate::keys::Command;
use crate::screens::Shown;
use crate::sentence::count;
use crate::theme::Theme;
use crate::ui::text::wrap_line;

/// The plan's parts: the lines above the list, the list's title and rows, the lines below.
pub(super) fn parts(
    shown: &Shown,
    run: &ImportRun,
    update: &Update,
    width: usize,
    theme: &Theme,
) -> Parts {
    let mut above = vec![Line::styled(
        format!(" {}", run.path.display()),
        theme.title,
    )];
    let (Some(file), ImportPhase::Plan) = (&run.file, run.phase) else {
        let (read, of) = update.progress();
        above.push(Line::raw(format!(
            " Reading the users of the file's rows (ListUsers by username): {read} of {of}… {} stops.",
            key(shown, Command::Back)
        )));
        return (above, String::new(), Vec::new(), Vec::new());
    };
    let rows = |f: fn(&RowPlan) -> bool| update.plans.iter().filter(|p| f(p)).count();
    let (new, updated) = (
        rows(|p| matches!(p, RowPlan::Create(_))),
        rows(|p| matches!(p, RowPlan::Update(_))),
    );
    let (same, refused) = (
        rows(|p| *p == RowPlan::Unchanged),
        rows(|p| matches!(p, RowPlan::Refused(_))),
    );
    above.push(Line::from(vec![
        Span::raw(format!(" {} rows: ", file.rows.len())),
        Span::styled(
            format!("{}, {updated} to update", count(new, "new user")),
            theme.ok,
        ),
        Span::raw(format!(", {same} unchanged (skipped), ")),
        Span::styled(format!("{refused} cannot be applied"), theme.bad),
        Span::raw("."),
    ]));
    let rows: Vec<Line<'static>> = file
        .rows
        .iter()
        .zip(&update.plans)
        .filter_map(|(row, plan)| {
            let (text, style) = match plan {
                RowPlan::Create(_) => (
                    format!("new user, invited by {}", run.delivery.label()),
                    theme.ok,
                ),
                RowPlan::Update(changes) => (
                    changes
                        .iter()
                        .map(|c| {
                            format!(
                                "{} {} → {}",
                                c.name,
                                c.old
                                    .as_deref()
                                    .map_or("(none)".into(), |v| format!("'{v}'")),
                                format_args!("'{}'", c.new)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                    theme.warn,
                ),
                RowPlan::Unchanged => return None,
                RowPlan::Refused(why) => (why.clone(), theme.bad),
            };
            let line = Line::styled(
                format!(" line {} {}: {text}", row.line, row.username),
                style,
            );
            Some(wrap_line(&line, width.saturating_sub(2)))
        })
        .flatten()
        .collect();
    let contacts = update.plans.iter().any(|p| {
        matches!(p, RowPlan::Update(changes) if changes.iter().any(|c| c.name == "email" || c.name == "phone_number"))
    });
    let mut below = Vec::new();
    if contacts {
        below.push(Line::styled(
            " A changed email or phone number is unverified until the user enters the code Cognito sends, unless the file sets its _verified column to true.",
            theme.warn,
        ));
    }
    below.push(Line::raw(format!(
        " {} creates {} and updates {} (AdminCreateUser, AdminUpdateUserAttributes, at most {} a second); {} back to the preview.",
        key(shown, Command::Submit),
        count(new, "new user"),
        count(updated, "user"),
        shown.bulk_rate,
        key(shown, Command::Back),
    )));
    (
        above,
        format!(" {} to apply, {refused} refused ", new + updated),
        rows,
        below,
    )
}
