//! `wins remind` and `wins settings`: the Settings screen in a terminal — reminder rules, the
//! reminder timer, and the journal's settings.

use std::path::Path;

use chrono::{DateTime, Local};
use journal::clock::format_time;
use journal::{NewReminder, Record, Reminder, Settings, Store};

use crate::args::RemindCommand;
use crate::error::Result;
use crate::output::{BOLD, DIM, Output};
use crate::remind_run;

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
            let store = crate::unlock::open(path)?;
            let reminder = store.add_reminder(draft, now)?;
            if json {
                out.json(&reminder)
            } else {
                reminder_line(&store, &reminder, out)
            }
        }
        RemindCommand::List { json } => {
            let store = crate::unlock::open(path)?;
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
            let store = crate::unlock::open(path)?;
            let reminder = store.remove_reminder(&store.resolve_id(Record::Reminder, &id)?, now)?;
            let short_id = store.short_id(Record::Reminder, &reminder.id)?;
            out.line(&format!(
                "Deleted the reminder {:?}. Undo with: wins remind restore {short_id}",
                reminder.description
            ))
        }
        RemindCommand::Restore { id } => {
            let store = crate::unlock::open(path)?;
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
            let store = crate::unlock::open(path)?;
            let reminder = store.snooze_reminder(&store.resolve_id(Record::Reminder, &id)?, snooze, now)?;
            reminder_line(&store, &reminder, out)
        }
    }
}

fn set_paused(path: &Path, id: &str, paused: bool, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    let store = crate::unlock::open(path)?;
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
    let store = crate::unlock::open(path)?;
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
