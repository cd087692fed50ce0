//! One way to read an entry out of a row, shared by every query that returns entries.

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::Row;
use rusqlite::types::Type;

use crate::model::Entry;

/// An entry's own columns over `entries AS e`, without its tags and people; as a macro so that
/// [`ENTRY_COLUMNS`] can be made of it at compile time.
macro_rules! own_columns {
    () => {
        "e.id, e.kind, e.text, e.lesson, e.adjust, e.occurred_at, e.utc_offset, e.mood, e.starred, \
         e.created_at, e.updated_at, e.milestone_id, e.shareable"
    };
}

/// The columns [`entry_without_names`] reads, for a query over `entries AS e`.
pub(crate) const ENTRY_OWN_COLUMNS: &str = own_columns!();

/// The columns [`entry_from_row`] reads, for a query over `entries AS e`: the entry's own, then
/// its tags and its people as JSON arrays.
pub(crate) const ENTRY_COLUMNS: &str = concat!(
    own_columns!(),
    ", (SELECT json_group_array(t.name ORDER BY t.key) FROM entry_tags et JOIN tags t ON t.id = et.tag_id \
     WHERE et.entry_id = e.id), \
     (SELECT json_group_array(p.name ORDER BY p.key) FROM entry_people ep JOIN people p ON p.id = ep.person_id \
     WHERE ep.entry_id = e.id)"
);

/// How many columns [`ENTRY_OWN_COLUMNS`] holds.
const OWN_COLUMN_COUNT: usize = 13;
/// How many columns [`ENTRY_COLUMNS`] holds, so a query can put more after them.
pub(crate) const ENTRY_COLUMN_COUNT: usize = OWN_COLUMN_COUNT + 2;

pub(crate) fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
    let names = |index: usize| -> rusqlite::Result<Vec<String>> {
        let json: String = row.get(index)?;
        serde_json::from_str(&json).map_err(|e| conversion_error(index, e))
    };
    Ok(Entry {
        tags: names(OWN_COLUMN_COUNT)?,
        people: names(OWN_COLUMN_COUNT + 1)?,
        ..entry_without_names(row)?
    })
}

/// An entry from [`ENTRY_OWN_COLUMNS`], with no tags or people: for a reader that fetches those
/// for many entries at once.
pub(crate) fn entry_without_names(row: &Row<'_>) -> rusqlite::Result<Entry> {
    let offset = offset_at(row, 6)?;
    let instant = |index: usize| instant_at(row.get(index)?, offset, index);
    let kind: String = row.get(1)?;
    Ok(Entry {
        id: row.get(0)?,
        kind: kind.parse().map_err(|e| conversion_error(1, e))?,
        text: row.get(2)?,
        lesson: row.get(3)?,
        adjust: row.get(4)?,
        occurred_at: instant(5)?,
        mood: row.get(7)?,
        starred: row.get(8)?,
        created_at: instant(9)?,
        updated_at: instant(10)?,
        tags: Vec::new(),
        milestone_id: row.get(11)?,
        people: Vec::new(),
        shareable: row.get(12)?,
    })
}

/// Reads a UTC offset in seconds, as every table stores the offset an instant was written in.
pub(crate) fn offset_at(row: &Row<'_>, index: usize) -> rusqlite::Result<FixedOffset> {
    let seconds: i32 = row.get(index)?;
    FixedOffset::east_opt(seconds)
        .ok_or_else(|| conversion_error(index, format!("UTC offset {seconds}s is out of range")))
}

/// An instant stored as milliseconds since the Unix epoch, shown at `offset`.
pub(crate) fn instant_at(millis: i64, offset: FixedOffset, index: usize) -> rusqlite::Result<DateTime<FixedOffset>> {
    DateTime::from_timestamp_millis(millis)
        .map(|utc| utc.with_timezone(&offset))
        .ok_or_else(|| conversion_error(index, format!("time {millis} is out of range")))
}

/// An instant stored as milliseconds since the Unix epoch, in UTC.
pub(crate) fn utc_at(millis: i64, index: usize) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(millis)
        .ok_or_else(|| conversion_error(index, format!("time {millis} is out of range")))
}

pub(crate) fn conversion_error(
    index: usize,
    error: impl Into<Box<dyn std::error::Error + Send + Sync>>,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, Type::Text, error.into())
}
