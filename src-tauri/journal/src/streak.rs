//! The streak: how many days in a row, up to today, the user has logged at least one win.

use chrono::{Days, NaiveDate};

use crate::{Result, Store};

impl Store {
    /// Consecutive days ending today (or yesterday, while today has no win yet) with a win, each
    /// day read in the UTC offset its entries were written in.
    pub fn win_streak(&self, today: NaiveDate) -> Result<u32> {
        let mut statement = self.conn.prepare_cached(
            "SELECT DISTINCT date(occurred_at / 1000 + utc_offset, 'unixepoch') AS day FROM entries \
             WHERE deleted_at IS NULL AND kind = 'win' ORDER BY day DESC",
        )?;
        let mut days = statement.query_map([], |row| row.get::<_, String>(0))?;
        let mut expected = today;
        let mut streak = 0;
        while let Some(day) = days.next().transpose()? {
            let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
                continue;
            };
            if day > today {
                continue;
            }
            if streak == 0 && day < expected {
                // No win yet today: a streak that ran through yesterday is still alive.
                expected = today.checked_sub_days(Days::new(1)).unwrap_or(today);
            }
            if day != expected {
                break;
            }
            streak += 1;
            expected = day.pred_opt().unwrap_or(day);
        }
        Ok(streak)
    }
}
