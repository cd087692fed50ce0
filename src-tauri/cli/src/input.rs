//! Turns what was typed into the journal's own types, reading dates in the local time zone.

use chrono::{DateTime, Local};
use journal::when::When;
use journal::{EntryChanges, Filter, Kind, NewEntry};

use crate::args::{EntryFields, FilterArgs};

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
    })
}

/// The flags of `edit` that `add` does not have.
pub struct EditOnly {
    pub win: bool,
    pub untag: Vec<String>,
    pub unstar: bool,
    pub no_mood: bool,
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
