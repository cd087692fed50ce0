//! Turns what was typed into the journal's own types, reading dates in the local time zone.

use chrono::{DateTime, Local};
use journal::when::When;
use journal::{EntryChanges, Filter, Kind, NewEntry, NewGoal, NewMeasurement, NewMilestone, parse_number};

use crate::args::{EntryFields, FilterArgs, MilestonePlan};

pub fn new_entry(text: String, fields: EntryFields, now: &DateTime<Local>) -> journal::Result<NewEntry> {
    Ok(NewEntry {
        kind: kind_chosen(&fields).unwrap_or(Kind::Win),
        text,
        tags: fields.tag,
        occurred_at: fields.at.as_deref().map(|at| When::occurred_at(at, now)).transpose()?,
        mood: fields.mood,
        starred: fields.star,
        lesson: fields.lesson,
        adjust: fields.adjust,
        // An id as typed; `main` resolves it once the journal is open.
        milestone_id: fields.milestone,
        people: fields.credit,
        shareable: fields.share,
    })
}

/// The flags of `edit` that `add` does not have.
pub struct EditOnly {
    pub win: bool,
    pub untag: Vec<String>,
    pub unstar: bool,
    pub no_mood: bool,
    pub no_milestone: bool,
    pub uncredit: Vec<String>,
}

pub fn entry_changes(
    text: Option<String>,
    fields: EntryFields,
    edit: EditOnly,
    now: &DateTime<Local>,
) -> journal::Result<EntryChanges> {
    Ok(EntryChanges {
        kind: if edit.win {
            Some(Kind::Win)
        } else {
            kind_chosen(&fields)
        },
        text,
        add_tags: fields.tag,
        remove_tags: edit.untag,
        occurred_at: fields.at.as_deref().map(|at| When::occurred_at(at, now)).transpose()?,
        mood: if edit.no_mood {
            Some(None)
        } else {
            fields.mood.map(Some)
        },
        starred: match (fields.star, edit.unstar) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        lesson: fields.lesson,
        adjust: fields.adjust,
        milestone_id: if edit.no_milestone {
            Some(None)
        } else {
            fields.milestone.map(Some)
        },
        add_people: fields.credit,
        remove_people: edit.uncredit,
        shareable: match (fields.share, fields.no_share) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
    })
}

pub fn filter(args: FilterArgs, now: &DateTime<Local>) -> journal::Result<Filter> {
    let zone = now.timezone();
    Ok(Filter {
        kind: args.kind.as_deref().map(str::parse).transpose()?,
        tags: args.tag,
        starred_only: args.starred,
        since: args
            .since
            .as_deref()
            .map(|s| When::parse(s, now)?.start(&zone, s))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|s| When::parse(s, now)?.end_exclusive(&zone, s))
            .transpose()?,
        text: None,
        person: args.person,
    })
}

/// A goal from `wins goal add`.
pub fn new_goal(
    title: String,
    why: Option<String>,
    due: Option<&str>,
    now: &DateTime<Local>,
) -> journal::Result<NewGoal> {
    Ok(NewGoal {
        title,
        why,
        due_on: due.map(|due| When::parse_day(due, now)).transpose()?,
        milestones: Vec::new(),
    })
}

/// A milestone from `wins milestone add`: a metric when a baseline and a target are given.
pub fn new_milestone(title: String, plan: MilestonePlan, now: &DateTime<Local>) -> journal::Result<NewMilestone> {
    let number = |field, input: Option<String>| input.map(|text| parse_number(field, &text)).transpose();
    Ok(NewMilestone {
        title,
        started_on: plan
            .start
            .as_deref()
            .map(|start| When::parse_day(start, now))
            .transpose()?,
        due_on: plan.due.as_deref().map(|due| When::parse_day(due, now)).transpose()?,
        baseline: number("baseline", plan.baseline)?,
        target: number("target", plan.target)?,
        unit: plan.unit,
    })
}

/// A measurement from `wins measure`.
pub fn new_measurement(
    value: &str,
    at: Option<&str>,
    note: Option<String>,
    now: &DateTime<Local>,
) -> journal::Result<NewMeasurement> {
    Ok(NewMeasurement {
        value: parse_number("value", value)?,
        measured_at: at.map(|at| When::occurred_at(at, now)).transpose()?,
        note,
        confirmed: false,
    })
}

fn kind_chosen(fields: &EntryFields) -> Option<Kind> {
    if fields.setback {
        Some(Kind::Setback)
    } else if fields.note {
        Some(Kind::Note)
    } else {
        None
    }
}
