//! Streaks: the one way runs of days (or weeks) with a win are counted, for Today, the reviews and
//! the insights alike.

use chrono::{DateTime, NaiveDate, TimeZone};

use crate::when::When;
use crate::{Result, Store};

/// Consecutive days ending on `last` with a win. When `last` is today, a today without a win *yet*
/// does not break the run: it is counted from the day before.
pub(crate) fn current_run(
    last: NaiveDate,
    is_today: bool,
    mut has_win: impl FnMut(NaiveDate) -> Result<bool>,
) -> Result<u32> {
    let mut day = if !is_today || has_win(last)? {
        Some(last)
    } else {
        last.pred_opt()
    };
    let mut run = 0;
    while let Some(current) = day {
        if !has_win(current)? {
            break;
        }
        run += 1;
        day = current.pred_opt();
    }
    Ok(run)
}

/// The longest run of `true` in `marks`, in order: days with a win, or weeks with enough of them.
pub(crate) fn longest_run(marks: impl IntoIterator<Item = bool>) -> u32 {
    let (mut longest, mut run) = (0, 0);
    for mark in marks {
        run = if mark { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// The run of `true` at the end of `marks`; an unfinished last one that is `false` does not break
/// it (a week under way that has not reached its days yet, like a today without a win yet).
pub(crate) fn trailing_run(marks: &[bool], last_is_unfinished: bool) -> u32 {
    let counted = match marks.split_last() {
        Some((false, before)) if last_is_unfinished => before,
        _ => marks,
    };
    counted.iter().rev().take_while(|mark| **mark).count() as u32
}

impl Store {
    /// Consecutive days ending today (or yesterday, while today has no win yet) with a win, the
    /// days read in `now`'s zone. Costs one index look-up a day of the streak, however long the
    /// journal.
    pub fn win_streak<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<u32> {
        current_run(now.date_naive(), true, |day| self.has_win_on(day, &now.timezone()))
    }

    /// Whether the local `day` in `zone` holds a live win: one index look-up.
    pub(crate) fn has_win_on<Tz: TimeZone>(&self, day: NaiveDate, zone: &Tz) -> Result<bool> {
        let mut statement = self.conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM entries WHERE deleted_at IS NULL AND kind = 'win' \
             AND occurred_at >= ?1 AND occurred_at < ?2)",
        )?;
        let start = When::Day(day).start(zone, "")?.timestamp_millis();
        let end = When::Day(day).end_exclusive(zone, "")?.timestamp_millis();
        Ok(statement.query_row([start, end], |row| row.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_counted_from_the_end_and_at_their_longest() {
        assert_eq!(longest_run([true, true, false, true, true, true, false]), 3);
        assert_eq!(longest_run([]), 0);
        assert_eq!(trailing_run(&[true, false, true, true], false), 2);
        assert_eq!(
            trailing_run(&[true, true, false], true),
            2,
            "an unfinished week does not break it"
        );
        assert_eq!(trailing_run(&[true, true, false], false), 0);
        assert_eq!(trailing_run(&[], true), 0);
    }

    #[test]
    fn a_today_without_a_win_yet_keeps_the_run_but_a_past_day_does_not() {
        let day = |text: &str| text.parse::<NaiveDate>().unwrap();
        let wins = [day("2025-01-08"), day("2025-01-09")];
        let has_win = |d: NaiveDate| Ok(wins.contains(&d));
        assert_eq!(current_run(day("2025-01-10"), true, has_win).unwrap(), 2);
        assert_eq!(current_run(day("2025-01-10"), false, has_win).unwrap(), 0);
        assert_eq!(current_run(day("2025-01-09"), false, has_win).unwrap(), 2);
    }
}
