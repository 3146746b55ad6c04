//! The restore screen: the backup file and the two choices, the reading's progress, the plan
//! (what it cannot do included) before anything is sent, the restore's progress, then what
//! was done and what was not.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{RestorePhase, RestoreView};
use crate::app::Extent;
use crate::keys::{Command, Context};
use crate::restore::apply::{Done, Planned};
use crate::restore::{Passwords, Unconfirmed};
use crate::screens::Shown;
use crate::sentence::{count, stopped};
use crate::theme::Theme;
use crate::ui::page;
use crate::ui::widgets::{form_screen, framed, render_message};

const TITLE: &str = " Restore a backup ";

fn passwords(p: Passwords) -> &'static str {
    match p {
        Passwords::Suppress => {
            "created with no message (FORCE_CHANGE_PASSWORD: resend their invitation when they should sign in)"
        }
        Passwords::Invite => "invited: Cognito sends each a temporary password by email or SMS",
        Passwords::ImportJob => {
            "imported by a Cognito import job with the role in the second field: they arrive RESET_REQUIRED and reset their password with a code at their first sign-in"
        }
    }
}

/// The plan, its header and the key that carries it out.
fn plan_lines(shown: &Shown, planned: &Planned, theme: &Theme) -> Vec<Line<'static>> {
    let key = |command| shown.key_name(Context::Restore, command);
    let plan = &planned.plan;
    let mut lines = vec![
        Line::styled(
            format!(
                "Restoring {} into {} ({}).",
                planned.from.display(),
                planned.pool.name,
                planned.pool.id
            ),
            theme.title,
        ),
        Line::styled("Nothing has been sent yet.", theme.title),
    ];
    // What happens to the users it creates, only when it creates some.
    if !plan.create.is_empty() {
        lines.push(Line::raw(format!(
            "Passwords cannot be copied: users are {}.",
            passwords(plan.passwords)
        )));
        lines.push(Line::raw(format!(
            "New subs go to {}.",
            planned.sub_map.display()
        )));
    }
    lines.push(Line::raw(""));
    lines.extend(plan.text().lines().map(|l| Line::raw(l.to_owned())));
    lines.push(Line::raw(""));
    if plan.is_empty() {
        lines.push(Line::styled(
            format!(
                "Nothing to do: the pool holds what the backup can restore. {} goes back.",
                key(Command::Back)
            ),
            theme.ok,
        ));
        return lines;
    }
    let also: Vec<String> = [
        ("updates", plan.update.len()),
        ("disables", plan.disable.len()),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(verb, n)| format!(", {verb} {}", count(*n, "user")))
    .collect();
    let also = also.concat();
    lines.push(Line::styled(
        format!(
            "{} creates {}, {} and {}{also}; {} goes back.",
            key(Command::Submit),
            count(plan.groups.len(), "group"),
            count(plan.create.len(), "user"),
            count(plan.members.len(), "membership"),
            key(Command::Back)
        ),
        theme.warn,
    ));
    lines
}

fn done_lines(shown: &Shown, planned: &Planned, done: &Done, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(done.summary(&planned.sub_map), theme.ok)];
    let not_done: Vec<&String> = done.unknown.iter().chain(&done.failed).collect();
    if !not_done.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Not done ({}):", not_done.len()),
            theme.warn,
        ));
        lines.extend(not_done.into_iter().map(|l| Line::raw(format!("  {l}"))));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Every call is in the audit log. {} goes back.",
            shown.key_name(Context::Restore, Command::Back)
        ),
        theme.dim,
    ));
    lines
}

fn lines(shown: &Shown, r: &RestoreView, theme: &Theme) -> Vec<Line<'static>> {
    match &r.phase {
        RestorePhase::Plan(planned) => plan_lines(shown, planned, theme),
        RestorePhase::Done(planned, done) => done_lines(shown, planned, done, theme),
        _ => Vec::new(),
    }
}

pub(super) fn extent(area: Rect, shown: &Shown, r: &RestoreView, theme: &Theme) -> Extent {
    page::extent(area, &lines(shown, r, theme))
}

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, r: &RestoreView, theme: &Theme) {
    let key = |command| shown.key_name(Context::Restore, command);
    match &r.phase {
        RestorePhase::Form => {
            let pool = shown
                .pool
                .map_or_else(String::new, |p| format!(" ({})", p.name));
            let unconfirmed = match r.choices.unconfirmed {
                Unconfirmed::Skip => "skipped",
                Unconfirmed::Create => "created like the others",
            };
            let notes = vec![
                Line::raw(format!(
                    "Restores a backup made by cognitui into this pool{pool}: the groups, users and memberships it lacks. The plan shows first; nothing is sent before you confirm it."
                )),
                Line::from(vec![
                    Span::styled("Passwords: ", theme.dim),
                    Span::raw(format!(
                        "users are {} ({} changes).",
                        passwords(r.choices.passwords),
                        key(Command::CycleDelivery)
                    )),
                ]),
                Line::from(vec![
                    Span::styled("Users that exist with other attributes: ", theme.dim),
                    Span::raw(format!(
                        "{} ({} changes).",
                        if r.choices.update_existing {
                            "updated to the backup's (an immutable one stays)"
                        } else {
                            "left as they are"
                        },
                        key(Command::Toggle)
                    )),
                ]),
                Line::from(vec![
                    Span::styled("UNCONFIRMED users: ", theme.dim),
                    Span::raw(format!(
                        "{unconfirmed} ({} changes).",
                        key(Command::Unconfirmed)
                    )),
                ]),
            ];
            form_screen(frame, area, shown, TITLE.into(), notes, &r.form, theme);
        }
        RestorePhase::Plan(_) | RestorePhase::Done(..) => {
            let lines = lines(shown, r, theme);
            page::render(frame, area, (TITLE.into(), &lines, shown.offset), theme);
        }
        RestorePhase::Planning | RestorePhase::Restoring(_) | RestorePhase::Failed(_) => {
            let tally = r.tally.line();
            let lines = match &r.phase {
                RestorePhase::Failed(e) => vec![
                    Line::styled(format!(" The restore stopped: {}", stopped(e)), theme.warn),
                    Line::raw(""),
                    Line::styled(
                        format!(
                            " What was sent is in the audit log; restoring again carries on. {} goes back to the form.",
                            key(Command::Back)
                        ),
                        theme.dim,
                    ),
                ],
                RestorePhase::Restoring(planned) => vec![
                    Line::raw(format!(
                        " Restoring {} into {}…",
                        planned.from.display(),
                        planned.pool.name
                    )),
                    Line::styled(format!(" {tally}"), theme.ok),
                    Line::raw(""),
                    Line::styled(
                        " It goes on until every step is sent; what it did shows here then.",
                        theme.dim,
                    ),
                ],
                _ => vec![
                    Line::raw(
                        " Reading the backup and every user, group and membership of the pool…",
                    ),
                    Line::styled(format!(" {tally}"), theme.ok),
                    Line::raw(""),
                    Line::styled(
                        format!(" {} stops (nothing is sent).", key(Command::Back)),
                        theme.dim,
                    ),
                ],
            };
            let mut text = vec![Line::raw("")];
            text.extend(lines);
            render_message(frame, area, text, framed(TITLE.into(), theme));
        }
    }
}
