//! `wins goal`, `wins milestone`, `wins measure` and `wins check`: goals and milestones in a terminal,
//! with progress bars that read the same whichever way a metric improves.

use std::path::Path;

use chrono::{DateTime, Local};
use journal::{Goal, GoalStatus, Milestone, Progressed, Record, Store};

use crate::args::{GoalCommand, MilestoneCommand};
use crate::corrections;
use crate::error::Result;
use crate::input;
use crate::output::{BOLD, DIM, Output, printable};

/// How many characters a progress bar is wide.
const BAR_WIDTH: usize = 10;
/// How many of a milestone's newest measurements `goal show` lists.
const SHOWN_MEASUREMENTS: usize = 5;

pub fn goal(command: GoalCommand, path: &Path, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    match command {
        GoalCommand::Add { title, why, due, json } => {
            let draft = input::new_goal(title, why, due.as_deref(), now)?;
            let goal = crate::unlock::open(path)?.add_goal(draft, now)?;
            if json { out.json(&goal) } else { out.line(&goal.id) }
        }
        GoalCommand::List { json } => {
            let store = crate::unlock::open(path)?;
            let goals = store.goals(now)?;
            if json {
                return out.json(&goals);
            }
            if goals.is_empty() && out.is_terminal() {
                eprintln!("No goals yet. Add one:  wins goal add \"Answer the team faster\" --due 2026-03-31");
            }
            for goal in &goals {
                goal_line(&store, goal, out)?;
                for milestone in &goal.milestones {
                    milestone_line(&store, milestone, out)?;
                }
            }
            Ok(())
        }
        GoalCommand::Show { goal_id, json } => {
            let store = crate::unlock::open(path)?;
            let goal = store.goal(&store.resolve_id(Record::Goal, &goal_id)?, now)?;
            if json {
                out.json(&goal)
            } else {
                goal_block(&store, &goal, out)
            }
        }
        GoalCommand::Done { goal_id } => set_status(path, &goal_id, GoalStatus::Done, now, out),
        GoalCommand::Drop { goal_id } => set_status(path, &goal_id, GoalStatus::Dropped, now, out),
        GoalCommand::Correct(correction) => corrections::goal(correction, path, now, out),
    }
}

pub fn milestone(command: MilestoneCommand, path: &Path, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    match command {
        MilestoneCommand::Add {
            goal_id,
            title,
            plan,
            json,
        } => {
            let draft = input::new_milestone(title, plan, now)?;
            let mut store = crate::unlock::open(path)?;
            let milestone = store.add_milestone(&store.resolve_id(Record::Goal, &goal_id)?, draft, now)?;
            if json {
                out.json(&milestone)
            } else {
                out.line(&milestone.id)
            }
        }
        MilestoneCommand::Correct(correction) => corrections::milestone(correction, path, now, out),
    }
}

/// What `measure` and `check` print: where the milestone stands now, and the win if it was reached.
pub fn progressed(store: &Store, progressed: &Progressed, json: bool, out: &mut Output) -> Result<()> {
    if json {
        return out.json(progressed);
    }
    let milestone = &progressed.milestone;
    out.line(&format!(
        "{}: {} ({})",
        printable(&milestone.title),
        standing(milestone),
        milestone.pace.label()
    ))?;
    if let Some(win) = &progressed.celebration {
        let line = format!(
            "Milestone reached! Logged a win: {} {:?}",
            store.short_id(Record::Entry, &win.id)?,
            win.title()
        );
        out.line(&out.paint(BOLD, &line))?;
    }
    Ok(())
}

fn set_status(path: &Path, goal_id: &str, status: GoalStatus, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    let mut store = crate::unlock::open(path)?;
    let goal = store.set_goal_status(&store.resolve_id(Record::Goal, goal_id)?, status, now)?;
    let short_id = store.short_id(Record::Goal, &goal.id)?;
    out.line(&format!("Goal {short_id} {:?} is {status}.", goal.title))
}

fn goal_line(store: &Store, goal: &Goal, out: &mut Output) -> Result<()> {
    let due = goal.due_on.map(|due| format!("  due {due}")).unwrap_or_default();
    let line = format!(
        "{}  {:<7}  {}  {}{}",
        out.paint(DIM, &store.short_id(Record::Goal, &goal.id)?),
        goal.status.as_str(),
        percent(goal.progress),
        out.paint(BOLD, &goal.title),
        out.paint(DIM, &due),
    );
    out.line(&line)
}

fn milestone_line(store: &Store, milestone: &Milestone, out: &mut Output) -> Result<()> {
    let due = milestone.due_on.map(|due| format!(", due {due}")).unwrap_or_default();
    let line = format!(
        "  {}  {}  {}  {}  {}",
        out.paint(DIM, &store.short_id(Record::Milestone, &milestone.id)?),
        bar(milestone.progress),
        printable(&milestone.title),
        standing(milestone),
        out.paint(DIM, &format!("{}{due}", milestone.pace.label())),
    );
    out.line(&line)
}

fn goal_block(store: &Store, goal: &Goal, out: &mut Output) -> Result<()> {
    out.line(&out.paint(BOLD, &goal.title))?;
    if let Some(why) = &goal.why {
        out.line(&printable(why))?;
    }
    out.line("")?;
    let mut fields = vec![
        ("id", goal.id.clone()),
        ("status", goal.status.to_string()),
        ("progress", percent(goal.progress)),
    ];
    if let Some(due) = goal.due_on {
        fields.push(("due", due.to_string()));
    }
    for (name, value) in fields {
        out.line(&format!("{}  {value}", out.paint(DIM, &format!("{name:<8}"))))?;
    }
    for milestone in &goal.milestones {
        out.line("")?;
        milestone_line(store, milestone, out)?;
        let newest = milestone.measurements.iter().rev().take(SHOWN_MEASUREMENTS);
        for measurement in newest {
            let note = measurement
                .note
                .as_deref()
                .map(|n| format!("  {}", printable(n)))
                .unwrap_or_default();
            let when = measurement
                .measured_at
                .with_timezone(&Local)
                .format("%a %Y-%m-%d %H:%M");
            out.line(&format!(
                "      {}  {}  {}{note}",
                out.paint(DIM, &store.short_id(Record::Measurement, &measurement.id)?),
                out.paint(DIM, &when.to_string()),
                with_unit(milestone, measurement.value)
            ))?;
        }
        for entry in &milestone.linked {
            out.line(&format!(
                "      {} {}",
                out.paint(DIM, "moved by"),
                printable(entry.title())
            ))?;
        }
    }
    Ok(())
}

/// "38 min, 50% of the way from 41 to 35 min", or "done" / "to do" for a check.
fn standing(milestone: &Milestone) -> String {
    match (&milestone.metric, milestone.latest) {
        (Some(metric), latest) => {
            let now = latest.map_or_else(|| "not measured yet".to_owned(), |value| with_unit(milestone, value));
            format!(
                "{now}, {} of the way from {} to {}",
                percent(milestone.progress),
                metric.baseline,
                with_unit(milestone, metric.target)
            )
        }
        (None, _) if milestone.done_at.is_some() => "done".to_owned(),
        (None, _) => "to do".to_owned(),
    }
}

fn with_unit(milestone: &Milestone, value: f64) -> String {
    match milestone.metric.as_ref().map(|metric| metric.unit.as_str()) {
        Some(unit) if !unit.is_empty() => format!("{value} {}", printable(unit)),
        _ => value.to_string(),
    }
}

fn percent(fraction: f64) -> String {
    format!("{:>3.0}%", fraction * 100.0)
}

fn bar(fraction: f64) -> String {
    let filled = (fraction * BAR_WIDTH as f64).round() as usize;
    format!("[{}{}]", "█".repeat(filled), "·".repeat(BAR_WIDTH - filled))
}
