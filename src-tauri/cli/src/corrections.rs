//! `wins goal edit|rm|restore`, `wins milestone edit|rm|restore` and `wins measurement
//! edit|rm|restore`: correcting a slip, and taking it back, from a terminal.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use chrono::{DateTime, Local};
use journal::when::When;
use journal::{ErrorCode, GoalChanges, MeasurementChanges, MilestoneChanges, Record, parse_number};

use crate::args::{GoalCorrection, MeasurementCommand, MilestoneCorrection};
use crate::error::{CliError, Result};
use crate::goals::progressed;
use crate::output::Output;

const NOTHING_TO_CHANGE: &str = "nothing to change: give a flag such as --title (see --help)";

pub fn goal(command: GoalCorrection, path: &Path, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    let mut store = crate::unlock::open(path)?;
    match command {
        GoalCorrection::Edit {
            goal_id,
            title,
            why,
            no_why,
            due,
            no_due,
            json,
        } => {
            let changes = GoalChanges {
                title,
                why: if no_why { Some(None) } else { why.map(Some) },
                due_on: cleared_or_day(due.as_deref(), no_due, now)?,
            };
            if changes == GoalChanges::default() {
                return Err(CliError::Usage(NOTHING_TO_CHANGE));
            }
            let goal = store.edit_goal(&store.resolve_id(Record::Goal, &goal_id)?, changes, now)?;
            if json {
                return out.json(&goal);
            }
            let short_id = store.short_id(Record::Goal, &goal.id)?;
            out.line(&format!("Goal {short_id} {:?} corrected.", goal.title))
        }
        GoalCorrection::Rm { goal_id } => {
            let goal = store.remove_goal(&store.resolve_id(Record::Goal, &goal_id)?, now)?;
            let short_id = store.short_id(Record::Goal, &goal.id)?;
            out.line(&format!(
                "Deleted goal {short_id} {:?}. Undo with: wins goal restore {short_id}",
                goal.title
            ))
        }
        GoalCorrection::Restore { goal_id } => {
            let goal = store.restore_goal(&store.resolve_id(Record::Goal, &goal_id)?, now)?;
            let short_id = store.short_id(Record::Goal, &goal.id)?;
            out.line(&format!("Restored goal {short_id} {:?}.", goal.title))
        }
    }
}

pub fn milestone(command: MilestoneCorrection, path: &Path, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    let mut store = crate::unlock::open(path)?;
    match command {
        MilestoneCorrection::Edit {
            milestone_id,
            title,
            baseline,
            target,
            unit,
            start,
            due,
            no_due,
            json,
        } => {
            let number = |field, input: Option<String>| input.map(|text| parse_number(field, &text)).transpose();
            let changes = MilestoneChanges {
                title,
                started_on: start.as_deref().map(|start| When::parse_day(start, now)).transpose()?,
                due_on: cleared_or_day(due.as_deref(), no_due, now)?,
                baseline: number("baseline", baseline)?,
                target: number("target", target)?,
                unit,
            };
            if changes == MilestoneChanges::default() {
                return Err(CliError::Usage(NOTHING_TO_CHANGE));
            }
            let id = store.resolve_id(Record::Milestone, &milestone_id)?;
            let done = store.edit_milestone(&id, changes, now)?;
            progressed(&store, &done, json, out)
        }
        MilestoneCorrection::Rm { milestone_id } => {
            let milestone = store.remove_milestone(&store.resolve_id(Record::Milestone, &milestone_id)?, now)?;
            let short_id = store.short_id(Record::Milestone, &milestone.id)?;
            out.line(&format!(
                "Deleted milestone {short_id} {:?}. Undo with: wins milestone restore {short_id}",
                milestone.title
            ))
        }
        MilestoneCorrection::Restore { milestone_id } => {
            let milestone = store.restore_milestone(&store.resolve_id(Record::Milestone, &milestone_id)?, now)?;
            let short_id = store.short_id(Record::Milestone, &milestone.id)?;
            out.line(&format!("Restored milestone {short_id} {:?}.", milestone.title))
        }
    }
}

pub fn measurement(command: MeasurementCommand, path: &Path, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    let mut store = crate::unlock::open(path)?;
    match command {
        MeasurementCommand::Edit {
            measurement_id,
            value,
            at,
            note,
            no_note,
            yes,
            json,
        } => {
            let changes = MeasurementChanges {
                value: value.map(|value| parse_number("value", &value)).transpose()?,
                measured_at: at.map(|at| When::occurred_at(&at, now)).transpose()?,
                note: if no_note { Some(None) } else { note.map(Some) },
                confirmed: false,
            };
            if changes == MeasurementChanges::default() {
                return Err(CliError::Usage(
                    "nothing to change: give --value, --at, --note or --no-note",
                ));
            }
            let id = store.resolve_id(Record::Measurement, &measurement_id)?;
            let done = confirming(yes, |confirmed| {
                let changes = MeasurementChanges {
                    confirmed,
                    ..changes.clone()
                };
                store.edit_measurement(&id, changes, now)
            })?;
            progressed(&store, &done, json, out)
        }
        MeasurementCommand::Rm { measurement_id, json } => {
            let id = store.resolve_id(Record::Measurement, &measurement_id)?;
            let done = store.remove_measurement(&id, now)?;
            if json {
                return out.json(&done);
            }
            let short_id = store.short_id(Record::Measurement, &id)?;
            out.line(&format!(
                "Deleted measurement {short_id}. Undo with: wins measurement restore {short_id}"
            ))?;
            progressed(&store, &done, false, out)
        }
        MeasurementCommand::Restore { measurement_id, json } => {
            let id = store.resolve_id(Record::Measurement, &measurement_id)?;
            let done = store.restore_measurement(&id, now)?;
            if json {
                return out.json(&done);
            }
            out.line(&format!(
                "Restored measurement {}.",
                store.short_id(Record::Measurement, &id)?
            ))?;
            progressed(&store, &done, false, out)
        }
    }
}

/// Writes with `write`, confirmed when `yes`. A value the journal finds unlikely (far past the
/// target or far the wrong way) is asked about at a terminal, and refused elsewhere with a line
/// that says how to confirm it.
pub fn confirming<T>(yes: bool, mut write: impl FnMut(bool) -> journal::Result<T>) -> Result<T> {
    match write(yes) {
        Err(error) if error.code() == ErrorCode::NeedsConfirmation => {
            if std::io::stdin().is_terminal() && asked(&error.to_string())? {
                Ok(write(true)?)
            } else {
                Err(CliError::Unconfirmed(error))
            }
        }
        other => Ok(other?),
    }
}

/// Asks on the terminal; true when the answer is yes.
fn asked(question: &str) -> Result<bool> {
    let mut stderr = std::io::stderr();
    write!(stderr, "{question}. Log it? [y/N] ")?;
    stderr.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

/// `Some(None)` to clear a date, `Some(Some(day))` to set it, `None` to leave it.
fn cleared_or_day(
    day: Option<&str>,
    clear: bool,
    now: &DateTime<Local>,
) -> journal::Result<Option<Option<chrono::NaiveDate>>> {
    if clear {
        return Ok(Some(None));
    }
    day.map(|day| When::parse_day(day, now).map(Some)).transpose()
}
