//! `wins review`, `wins remind`, `wins followup` and `wins settings`: the reflection rhythm in a
//! terminal.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Local};
use journal::clock::format_time;
use journal::period::PeriodKind;
use journal::when::When;
use journal::{NewReminder, Record, Reminder, Settings, Store};

use crate::args::{FollowupCommand, RemindCommand};
use crate::error::{CliError, Result};
use crate::output::{BOLD, DIM, Output, printable};
use crate::remind_run;

pub fn review(
    path: &Path,
    period: &str,
    date: Option<&str>,
    save: bool,
    json: bool,
    now: &DateTime<Local>,
    out: &mut Output,
) -> Result<()> {
    let kind: PeriodKind = period.parse()?;
    let day = date.map(|date| When::parse_day(date, now)).transpose()?;
    let mut store = Store::open(path)?;
    let day = match day {
        Some(day) => day,
        None => store.review_day(kind, now)?,
    };
    let review = store.review(kind, day, now)?;
    if json {
        return out.json(&review);
    }
    if !save {
        return out.line(&printable(review.markdown.trim_end()));
    }
    let written = edit_in_editor(&review.markdown)?;
    if written.trim() == review.markdown.trim() || written.trim().is_empty() {
        eprintln!("Nothing written, so nothing was saved.");
        return Ok(());
    }
    let entry = store.save_reflection(kind, written, now)?;
    out.line(&format!(
        "Saved {} {:?}.",
        store.short_id(Record::Entry, &entry.id)?,
        entry.title()
    ))
}

/// Opens `text` in the user's `$VISUAL` or `$EDITOR` (run by the shell, so it may carry flags)
/// and returns what they saved.
fn edit_in_editor(text: &str) -> Result<String> {
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .find(|value| !value.is_empty())
        .ok_or(CliError::Usage(
            "--save opens your editor: set $EDITOR, e.g. EDITOR=nano",
        ))?;
    let failed = |what: String| CliError::Editor(format!("{what}; the review was not saved"));
    // A folder of its own (0700, random name), so no one else can read the review or plant a
    // symlink where the file will be; the file in it is created new (0600).
    let mut folder = tempfile::Builder::new();
    folder.prefix("small-wins-review-");
    #[cfg(unix)]
    folder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let folder = folder
        .tempdir()
        .map_err(|e| failed(format!("cannot make a private temporary folder: {e}")))?;
    let file = folder.path().join("review.md");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(&file)
        .and_then(|mut created| created.write_all(text.as_bytes()))
        .map_err(|e| failed(format!("cannot write {}: {e}", file.display())))?;
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{} \"$1\"", editor.to_string_lossy()))
        .arg("sh")
        .arg(&file)
        .status();
    let written = std::fs::read_to_string(&file);
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => return Err(failed(format!("the editor exited with {status}"))),
        Err(e) => return Err(failed(format!("cannot start the editor: {e}"))),
    }
    written.map_err(|e| failed(format!("cannot read {}: {e}", file.display())))
}

/// `journal_named`: the journal was given with --db or $SMALL_WINS_DB, so the timer names it too.
pub fn remind(
    command: RemindCommand,
    path: &Path,
    journal_named: bool,
    now: &DateTime<Local>,
    out: &mut Output,
) -> Result<()> {
    match command {
        RemindCommand::Add {
            kind,
            time,
            day,
            quiet_when_done,
            always,
            json,
        } => {
            let draft = NewReminder {
                kind: kind.parse()?,
                time,
                day,
                quiet_when_done: (quiet_when_done || always).then_some(!always),
            };
            let store = Store::open(path)?;
            let reminder = store.add_reminder(draft, now)?;
            if json {
                out.json(&reminder)
            } else {
                reminder_line(&store, &reminder, out)
            }
        }
        RemindCommand::List { json } => {
            let store = Store::open(path)?;
            let reminders = store.reminders()?;
            if json {
                return out.json(&reminders);
            }
            if reminders.is_empty() && out.is_terminal() {
                eprintln!("No reminders yet. Add one:  wins remind add weekly --day fri --time 16:00");
            }
            reminders
                .iter()
                .try_for_each(|reminder| reminder_line(&store, reminder, out))
        }
        RemindCommand::Rm { id } => {
            let store = Store::open(path)?;
            let reminder = store.remove_reminder(&store.resolve_id(Record::Reminder, &id)?, now)?;
            let short_id = store.short_id(Record::Reminder, &reminder.id)?;
            out.line(&format!(
                "Deleted the reminder {:?}. Undo with: wins remind restore {short_id}",
                reminder.description
            ))
        }
        RemindCommand::Restore { id } => {
            let store = Store::open(path)?;
            let reminder = store.restore_reminder(&store.resolve_id(Record::Reminder, &id)?, now)?;
            reminder_line(&store, &reminder, out)
        }
        RemindCommand::Run { json } => remind_run::run(path, json, now, out),
        RemindCommand::Deliver => remind_run::deliver(),
        RemindCommand::Install => remind_run::install(journal_named.then_some(path), out),
        RemindCommand::Uninstall => remind_run::uninstall(out),
        RemindCommand::Pause { id } => set_paused(path, &id, true, now, out),
        RemindCommand::Resume { id } => set_paused(path, &id, false, now, out),
        RemindCommand::Snooze { id, duration } => {
            let snooze = duration.parse()?;
            let store = Store::open(path)?;
            let reminder = store.snooze_reminder(&store.resolve_id(Record::Reminder, &id)?, snooze, now)?;
            reminder_line(&store, &reminder, out)
        }
    }
}

fn set_paused(path: &Path, id: &str, paused: bool, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    let store = Store::open(path)?;
    let reminder = store.set_reminder_paused(&store.resolve_id(Record::Reminder, id)?, paused, now)?;
    reminder_line(&store, &reminder, out)
}

/// `0193a1b2  Weekly review every Friday at 16:00  next Fri 10 Jan 16:00`
fn reminder_line(store: &Store, reminder: &Reminder, out: &mut Output) -> Result<()> {
    let mut state = if reminder.paused {
        "paused".to_owned()
    } else {
        format!(
            "next {}",
            reminder.next_due_at.with_timezone(&Local).format("%a %-d %b %H:%M")
        )
    };
    if !reminder.quiet_when_done {
        state.push_str(", even when done");
    }
    let line = format!(
        "{}  {}  {}",
        out.paint(DIM, &store.short_id(Record::Reminder, &reminder.id)?),
        out.paint(BOLD, &reminder.description),
        out.paint(DIM, &state)
    );
    out.line(&line)
}

pub fn followup(command: FollowupCommand, path: &Path, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    match command {
        FollowupCommand::List { json } => {
            let store = Store::open(path)?;
            let waiting = store.followups_due(now)?;
            if json {
                return out.json(&waiting);
            }
            if waiting.is_empty() && out.is_terminal() {
                eprintln!("No setback is waiting for its follow-up.");
            }
            for followup in &waiting {
                let setback = &followup.setback;
                let adjust = setback.adjust.as_deref().unwrap_or("(no adjustment noted)");
                let line = format!(
                    "{}  {}  {}",
                    out.paint(DIM, &store.short_id(Record::Entry, &setback.id)?),
                    out.paint(BOLD, setback.title()),
                    out.paint(DIM, &format!("adjusting: {adjust}"))
                );
                out.line(&line)?;
            }
            Ok(())
        }
        FollowupCommand::Answer {
            setback_id,
            worked,
            note,
            json,
        } => {
            let worked = worked.parse()?;
            let store = Store::open(path)?;
            let id = store.resolve_id(Record::Entry, &setback_id)?;
            let answer = store.answer_followup(&id, worked, note, now)?;
            if json {
                out.json(&answer)
            } else {
                out.line(&format!("Noted: the adjustment worked: {}.", answer.worked.as_str()))
            }
        }
    }
}

pub fn settings(
    path: &Path,
    week_start: Option<String>,
    quiet: Option<String>,
    followup_days: Option<u32>,
    weekly_streak_days: Option<u32>,
    json: bool,
    out: &mut Output,
) -> Result<()> {
    let week_start = week_start.map(|day| day.parse()).transpose()?;
    let quiet_hours = match quiet.as_deref().map(str::trim) {
        None => None,
        Some("off") => Some(None),
        Some(span) => Some(Some(span.parse()?)),
    };
    let store = Store::open(path)?;
    let current = store.settings()?;
    let wanted = Settings {
        week_start: week_start.unwrap_or(current.week_start),
        quiet_hours: quiet_hours.unwrap_or(current.quiet_hours),
        followup_days: followup_days.unwrap_or(current.followup_days),
        weekly_streak_days: weekly_streak_days.unwrap_or(current.weekly_streak_days),
    };
    let settings = if wanted == current {
        current
    } else {
        store.save_settings(wanted)?
    };
    if json {
        return out.json(&settings);
    }
    let quiet = settings.quiet_hours.map_or_else(
        || "off".to_owned(),
        |quiet| format!("{}-{}", format_time(quiet.from), format_time(quiet.until)),
    );
    out.line(&format!("week starts on  {}", settings.week_start))?;
    out.line(&format!("quiet hours     {quiet}"))?;
    out.line(&format!("follow up after {} days", settings.followup_days))?;
    out.line(&format!(
        "weekly streak   {} days with a win a week",
        settings.weekly_streak_days
    ))
}
