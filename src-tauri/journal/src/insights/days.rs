//! The one way entries are counted per local day: a single aggregate over the period's entries,
//! grouped by the local midnights of the user's zone (so a 23- or 25-hour day is one day).

use std::fmt::Write as _;

use chrono::TimeZone;
use rusqlite::Connection;

use super::DayCount;
use crate::period::Period;
use crate::when::When;
use crate::{Error, Result};

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
    // A subquery per day rather than a join and GROUP BY: the days come out in order, with no
    // temporary b-tree. A day that starts and ends on whole UTC hours adds up its 23 to 25 rows of
    // the hourly tallies (migration 12); any other (a half- or quarter-hour zone, or a zone's
    // local mean time of long ago) walks its entries along the covering index.
    let mut statement = conn.prepare_cached(
        "WITH bounds AS (SELECT key AS day, value ->> 0 AS start, value ->> 1 AS stop FROM json_each(?1)) \
         SELECT b.day, CASE WHEN b.start % 3600000 = 0 AND b.stop % 3600000 = 0 THEN \
             (SELECT json_array(sum(wins), sum(setbacks), sum(notes), sum(mood_sum) * 1.0 / nullif(sum(moods), 0)) \
              FROM entry_hours WHERE hour >= b.start / 3600000 AND hour < b.stop / 3600000) \
           ELSE \
             (SELECT json_array(sum(kind = 'win'), sum(kind = 'setback'), sum(kind = 'note'), avg(mood)) \
              FROM entries INDEXED BY entries_by_day \
              WHERE deleted_at IS NULL AND occurred_at >= b.start AND occurred_at < b.stop) \
           END \
         FROM bounds b",
    )?;
    let mut rows = statement.query([bounds])?;
    while let Some(row) = rows.next()? {
        let index: usize = row.get(0)?;
        let tallied: String = row.get(1)?;
        // `[wins, setbacks, notes, mood]`; the sums are null on a day without entries.
        let (wins, setbacks, notes, mood): (Option<u32>, Option<u32>, Option<u32>, Option<f64>) =
            serde_json::from_str(&tallied).map_err(|e| Error::invalid("days", e.to_string()))?;
        if let Some(count) = counts.get_mut(index) {
            count.wins = wins.unwrap_or(0);
            count.setbacks = setbacks.unwrap_or(0);
            count.notes = notes.unwrap_or(0);
            count.mood = mood;
        }
    }
    Ok(counts)
}
