//! One way to read an entry out of a row, shared by every query that returns entries.

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::Row;
use rusqlite::types::Type;

use crate::model::Entry;

/// The columns [`entry_from_row`] reads, for a query over `entries AS e`.
pub(crate) const ENTRY_COLUMNS: &str = "e.id, e.kind, e.text, e.lesson, e.adjust, e.occurred_at, \
    e.utc_offset, e.mood, e.starred, e.created_at, e.updated_at, \
    (SELECT json_group_array(t.name ORDER BY t.key) FROM entry_tags et JOIN tags t ON t.id = et.tag_id \
     WHERE et.entry_id = e.id), e.milestone_id, \
    (SELECT json_group_array(p.name ORDER BY p.key) FROM entry_people ep JOIN people p ON p.id = ep.person_id \
     WHERE ep.entry_id = e.id), e.shareable";

/// How many columns [`ENTRY_COLUMNS`] holds, so a query can put more after them.
pub(crate) const ENTRY_COLUMN_COUNT: usize = 15;

pub(crate) fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
    let offset = offset_at(row, 6)?;
    let instant = |index: usize| instant_at(row.get(index)?, offset, index);
    let kind: String = row.get(1)?;
    let tags_json: String = row.get(11)?;
    let people_json: String = row.get(13)?;
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
        tags: serde_json::from_str(&tags_json).map_err(|e| conversion_error(11, e))?,
        milestone_id: row.get(12)?,
        people: serde_json::from_str(&people_json).map_err(|e| conversion_error(13, e))?,
        shareable: row.get(14)?,
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
