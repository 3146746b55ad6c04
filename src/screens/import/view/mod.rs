//! The import screen: the file name (with the absolute path it stands for), the delivery and
//! the import job's role; then the preview of the file's rows, those that fail listed with why
//! (scrolled with the arrows, PgUp/PgDn, Home/End, the frame saying which rows show), what
//! Enter and the job key do and the AWS CLI; then an import job's progress.

mod update;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{ImportPhase, ImportRun, JOB_POLL, key};
use crate::app::Extent;
use crate::cognito::import::ImportJob;
use crate::keys::Command;
use crate::screens::Shown;
use crate::theme::Theme;
use crate::ui::text::{wrap_line, wrap_lines};
use crate::ui::widgets::{TextAroundList, form_screen, framed, progress, text_around_list};

const TITLE: &str = " Import users from CSV ";

pub(super) fn render(frame: &mut Frame, area: Rect, shown: &Shown, run: &ImportRun, theme: &Theme) {
    match run.phase {
        ImportPhase::Form => form(frame, area, shown, run, theme),
        ImportPhase::Job => job(frame, area, shown, run, theme),
        ImportPhase::Reading
        | ImportPhase::Header
        | ImportPhase::Preview
        | ImportPhase::Checking
        | ImportPhase::Plan => {
            preview(frame, area, shown, run, theme);
        }
    }
}

fn form(frame: &mut Frame, area: Rect, shown: &Shown, run: &ImportRun, theme: &Theme) {
    let notes = vec![
        Line::raw(
            "A CSV file with a header row: username (or cognito:username) and the pool's attributes by name; GetCSVHeader's header works as it is.",
        ),
        Line::styled(
            format!(
                "Invitations by {} ({} changes). The role is needed only for a Cognito import job ({} on the preview).",
                run.delivery.label(),
                key(shown, Command::CycleDelivery),
                key(shown, Command::ImportJob),
            ),
            theme.dim,
        ),
        Line::from(vec![
            Span::styled("Reads ", theme.dim),
            Span::styled(run.target(&shown.dirs).display().to_string(), theme.title),
        ]),
    ];
    form_screen(frame, area, shown, TITLE.into(), notes, &run.form, theme);
}

/// A preview's parts: the lines above the list, the list's title and rows, the lines below.
type Parts = (
    Vec<Line<'static>>,
    String,
    Vec<Line<'static>>,
    Vec<Line<'static>>,
);

/// The preview's parts.
fn parts(shown: &Shown, run: &ImportRun, width: usize, theme: &Theme) -> Parts {
    let mut above = vec![Line::styled(
        format!(" {}", run.path.display()),
        theme.title,
    )];
    let Some(file) = run
        .file
        .as_ref()
        .filter(|_| run.phase != ImportPhase::Reading)
    else {
        above.push(Line::raw(" Reading the file…"));
        return (above, String::new(), Vec::new(), Vec::new());
    };
    let (passing, failing) = (file.passing().count(), file.failing().count());
    above.push(Line::from(vec![
        Span::raw(format!(" {} rows: ", file.rows.len())),
        Span::styled(format!("{passing} pass"), theme.ok),
        Span::raw(", "),
        Span::styled(format!("{failing} fail"), theme.bad),
        Span::raw(" and are left out."),
    ]));
    above.extend(
        file.column_notes()
            .into_iter()
            .map(|n| Line::styled(format!(" {n}"), theme.warn)),
    );
    let rows: Vec<Line<'static>> = file
        .failing()
        .flat_map(|r| {
            let who = if r.username.is_empty() {
                "(no username)"
            } else {
                &r.username
            };
            wrap_line(
                &Line::styled(
                    format!(" line {} {who}: {}", r.line, r.all_problems().join(" ")),
                    theme.bad,
                ),
                width.saturating_sub(2),
            )
        })
        .collect();
    let mut below = vec![Line::raw(format!(
        " {} invites the {passing} users that pass by {} (AdminCreateUser, at most {} a second, with backoff); {} makes one Cognito import job of them instead; {} creates the new users and updates the others (shown old → new first); {} delivery; {} back to the file.",
        key(shown, Command::Submit),
        run.delivery.label(),
        shown.bulk_rate,
        key(shown, Command::ImportJob),
        key(shown, Command::CreateOrUpdate),
        key(shown, Command::CycleDelivery),
        key(shown, Command::Back),
    ))];
    if run.phase == ImportPhase::Header {
        below.push(Line::styled(
            " Reading the columns the import job needs (GetCSVHeader)…",
            theme.warn,
        ));
    }
    let first = file.passing().next();
    if let (Some(row), Some(pool_id)) = (first, shown.pool_id) {
        below.push(Line::styled(
            " The first invitation with the AWS CLI:",
            theme.dim,
        ));
        let cli = row.create_call(run.delivery).cli(pool_id, &row.username);
        below.push(Line::styled(
            format!("   {}", shown.cli_target.apply(&cli)),
            theme.key,
        ));
    }
    (above, format!(" {failing} rows fail "), rows, below)
}

/// Where the preview's parts go.
struct Plan {
    above: (Rect, Vec<Line<'static>>),
    list: (Rect, String, Vec<Line<'static>>),
    below: (Rect, Vec<Line<'static>>),
}

fn plan(shown: &Shown, area: Rect, run: &ImportRun, theme: &Theme) -> Plan {
    let inner = framed(String::new(), theme).inner(area);
    let width = usize::from(inner.width.max(1));
    let (above, title, list, below) = match &run.update {
        Some(plan) => update::parts(shown, run, plan, width, theme),
        None => parts(shown, run, width, theme),
    };
    let above = wrap_lines(&above, width);
    let mut below = wrap_lines(&below, width);
    // The failing rows keep their room; the CLI gives way.
    let [top, middle, bottom] =
        crate::ui::layout::around_list(inner, above.len(), list.len(), &mut below);
    Plan {
        above: (top, above),
        list: (middle, title, list),
        below: (bottom, below),
    }
}

/// How much of the failing rows shows.
pub(super) fn extent(shown: &Shown, area: Rect, run: &ImportRun, theme: &Theme) -> Extent {
    let p = plan(shown, area, run, theme);
    Extent {
        total: p.list.2.len(),
        visible: usize::from(p.list.0.height.saturating_sub(2)),
    }
}

fn preview(frame: &mut Frame, area: Rect, shown: &Shown, run: &ImportRun, theme: &Theme) {
    frame.render_widget(framed(TITLE.into(), theme), area);
    let p = plan(shown, area, run, theme);
    text_around_list(
        frame,
        TextAroundList {
            above: p.above,
            list: p.list,
            below: p.below,
        },
        shown.offset,
        theme,
    );
}

fn job(frame: &mut Frame, area: Rect, shown: &Shown, run: &ImportRun, theme: &Theme) {
    let block = framed(TITLE.into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [gauge, text] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let total = run.passing().len();
    let Some(job) = &run.job else {
        return;
    };
    let done = usize::try_from(job.imported + job.skipped + job.failed).unwrap_or(0);
    let label = format!("{done} of {total} users");
    progress(frame, gauge, (done, total), label, theme);
    frame.render_widget(
        Paragraph::new(job_lines(shown, job, theme)).wrap(Wrap { trim: false }),
        text,
    );
}

fn job_lines(shown: &Shown, job: &ImportJob, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::default(),
        Line::from(vec![
            Span::styled(format!(" Import job {} ", job.name), theme.title),
            Span::raw(format!("({}): ", job.id)),
            Span::styled(job.status.clone(), theme.title),
        ]),
        Line::from(vec![
            Span::styled(format!(" {} imported", job.imported), theme.ok),
            Span::raw(format!(", {} skipped (they exist), ", job.skipped)),
            Span::styled(format!("{} failed", job.failed), theme.bad),
            Span::raw("."),
        ]),
    ];
    if let Some(message) = &job.message {
        lines.push(Line::raw(format!(" {message}")));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        if job.finished() {
            format!(
                " The job has ended; its log is in CloudWatch Logs. {} goes back.",
                key(shown, Command::Back)
            )
        } else {
            format!(
                " Checked every {} s while this screen shows (DescribeUserImportJob); {} leaves it, and the job goes on in Cognito.",
                JOB_POLL.num_seconds(),
                key(shown, Command::Back)
            )
        },
        theme.dim,
    ));
    lines.push(Line::styled(
        " Imported users are RESET_REQUIRED: they choose a password through 'forgot password'.",
        theme.dim,
    ));
    lines
}
