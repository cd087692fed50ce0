//! The streak: how many days in a row, up to today, the user has logged at least one win.

use chrono::{DateTime, NaiveDate, TimeZone};

use crate::when::When;
use crate::{Result, Store};

impl Store {
    /// Consecutive days ending today (or yesterday, while today has no win yet) with a win, the
    /// days read in `now`'s zone. Costs one index look-up a day of the streak, however long the
    /// journal.
    pub fn win_streak<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<u32> {
        let zone = now.timezone();
        let has_win = |day: NaiveDate| -> Result<bool> {
            let mut statement = self.conn.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM entries WHERE deleted_at IS NULL AND kind = 'win' \
                 AND occurred_at >= ?1 AND occurred_at < ?2)",
            )?;
            let start = When::Day(day).start(&zone, "")?.timestamp_millis();
            let end = When::Day(day).end_exclusive(&zone, "")?.timestamp_millis();
            Ok(statement.query_row([start, end], |row| row.get(0))?)
        };
        let today = now.date_naive();
        // No win yet today: a streak that ran through yesterday is still alive.
        let mut day = if has_win(today)? { Some(today) } else { today.pred_opt() };
        let mut streak = 0;
        while let Some(current) = day {
            if !has_win(current)? {
                break;
            }
            streak += 1;
            day = current.pred_opt();
        }
        Ok(streak)
    }
}
