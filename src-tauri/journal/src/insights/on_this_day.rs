//! On this day: the wins and setbacks of one week, one month and each year ago, so past progress
//! and old lessons come back on their own.

use chrono::{DateTime, Days, Months, NaiveDate, TimeZone};
use serde::Serialize;
use ts_rs::TS;

use crate::period::{Period, PeriodKind};
use crate::store::row::{ENTRY_COLUMN_COUNT, ENTRY_COLUMNS, entry_from_row};
use crate::{Entry, Result, Store};

/// The most entries one day back shows.
const PER_DAY: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OnThisDay {
    pub day: NaiveDate,
    /// Only the days back that hold a win or a setback: nearest first.
    pub lookbacks: Vec<Lookback>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Lookback {
    /// "1 week ago", "1 month ago", "1 year ago", "3 years ago".
    pub label: String,
    pub day: NaiveDate,
    /// Its wins and setbacks (with their lessons), oldest first.
    pub entries: Vec<Entry>,
}

impl OnThisDay {
    pub fn is_empty(&self) -> bool {
        self.lookbacks.is_empty()
    }
}

impl Store {
    /// The entries of `day` one week, one month and each year ago, in `now`'s zone: one query.
    pub fn on_this_day<Tz: TimeZone>(&self, day: NaiveDate, now: &DateTime<Tz>) -> Result<OnThisDay> {
        let zone = now.timezone();
        let oldest: Option<i64> = self.conn.query_row(
            "SELECT min(occurred_at) FROM entries WHERE deleted_at IS NULL",
            [],
            |row| row.get(0),
        )?;
        let Some(oldest) = oldest.and_then(DateTime::from_timestamp_millis) else {
            return Ok(OnThisDay {
                day,
                lookbacks: Vec::new(),
            });
        };
        let oldest_day = oldest.with_timezone(&zone).date_naive();
        let mut back: Vec<(String, NaiveDate)> = Vec::new();
        back.extend(
            day.checked_sub_days(Days::new(7))
                .map(|on| ("1 week ago".to_owned(), on)),
        );
        back.extend(
            day.checked_sub_months(Months::new(1))
                .map(|on| ("1 month ago".to_owned(), on)),
        );
        // A 29 February comes back on the 28th in other years.
        for years in 1.. {
            let Some(on) = day.checked_sub_months(Months::new(12 * years)) else {
                break;
            };
            if on < oldest_day {
                break;
            }
            let label = if years == 1 {
                "1 year ago".to_owned()
            } else {
                format!("{years} years ago")
            };
            back.push((label, on));
        }
        back.retain(|(_, on)| *on >= oldest_day);
        let mut bounds = Vec::with_capacity(back.len());
        for (_, on) in &back {
            let period = Period::containing(PeriodKind::Day, *on, crate::clock::DayOfWeek::Monday);
            bounds.push([
                period.start(&zone)?.timestamp_millis(),
                period.end_exclusive(&zone)?.timestamp_millis(),
            ]);
        }
        let bounds = serde_json::to_string(&bounds).map_err(|e| crate::Error::invalid("day", e.to_string()))?;
        // Each day's first entries are picked from the index before any is read whole.
        let mut statement = self.conn.prepare_cached(&format!(
            "WITH bounds AS (SELECT key AS slot, value ->> 0 AS start, value ->> 1 AS stop FROM json_each(?1)), \
             picked AS (SELECT b.slot, e.seq, row_number() OVER (PARTITION BY b.slot ORDER BY e.occurred_at, e.id) AS n \
                 FROM bounds b JOIN entries e ON e.occurred_at >= b.start AND e.occurred_at < b.stop \
                 WHERE e.deleted_at IS NULL AND e.kind IN ('win', 'setback')) \
             SELECT {ENTRY_COLUMNS}, p.slot FROM picked p JOIN entries e ON e.seq = p.seq \
             WHERE p.n <= {PER_DAY} ORDER BY p.slot, e.occurred_at, e.id"
        ))?;
        let mut found: Vec<Vec<Entry>> = vec![Vec::new(); back.len()];
        let mut rows = statement.query([bounds])?;
        while let Some(row) = rows.next()? {
            let slot: usize = row.get(ENTRY_COLUMN_COUNT)?;
            if let Some(entries) = found.get_mut(slot) {
                entries.push(entry_from_row(row)?);
            }
        }
        let lookbacks = back
            .into_iter()
            .zip(found)
            .filter(|(_, entries)| !entries.is_empty())
            .map(|((label, day), entries)| Lookback { label, day, entries })
            .collect();
        Ok(OnThisDay { day, lookbacks })
    }
}
