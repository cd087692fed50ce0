//! The one way entries are counted per local day: a single aggregate over the period's entries,
//! grouped by the local midnights of the user's zone (so a 23- or 25-hour day is one day).

use std::fmt::Write as _;

use chrono::TimeZone;
use rusqlite::Connection;

use super::DayCount;
use crate::Result;
use crate::period::Period;
use crate::when::When;

/// Wins, setbacks, notes and mean mood for every day of `period` in `zone`, first to last.
pub(crate) fn day_counts<Tz: TimeZone>(conn: &Connection, period: &Period, zone: &Tz) -> Result<Vec<DayCount>> {
    // Each day's bounds as UTC milliseconds, worked out with the zone's rules here and handed to
    // SQLite as one JSON array: the query walks the time index once per day.
    let mut bounds = String::from("[");
    let mut counts = Vec::new();
    for (index, day) in period.days().enumerate() {
        let start = When::Day(day).start(zone, "")?.timestamp_millis();
        let end = When::Day(day).end_exclusive(zone, "")?.timestamp_millis();
        let _ = write!(bounds, "{}[{start},{end}]", if index == 0 { "" } else { "," });
        counts.push(DayCount {
            day,
            wins: 0,
            setbacks: 0,
            notes: 0,
            mood: None,
        });
    }
    bounds.push(']');
    let mut statement = conn.prepare_cached(
        "WITH bounds AS (SELECT key AS day, value ->> 0 AS start, value ->> 1 AS stop FROM json_each(?1)) \
         SELECT b.day, sum(e.kind = 'win'), sum(e.kind = 'setback'), sum(e.kind = 'note'), avg(e.mood) \
         FROM bounds b JOIN entries e ON e.occurred_at >= b.start AND e.occurred_at < b.stop \
         WHERE e.deleted_at IS NULL GROUP BY b.day",
    )?;
    let mut rows = statement.query([bounds])?;
    while let Some(row) = rows.next()? {
        let index: usize = row.get(0)?;
        if let Some(count) = counts.get_mut(index) {
            count.wins = row.get(1)?;
            count.setbacks = row.get(2)?;
            count.notes = row.get(3)?;
            count.mood = row.get(4)?;
        }
    }
    Ok(counts)
}
