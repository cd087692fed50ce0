//! Streaks: the one way runs of days (or weeks) with a win are counted, for Today, the reviews and
//! the insights alike.

use chrono::{DateTime, Days, NaiveDate, TimeZone};
use rusqlite::Connection;

use crate::insights::day_counts;
use crate::period::{Period, PeriodKind};
use crate::{Result, Store};

/// The first day an entry can lie on (years before 1 are refused).
const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

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
    /// days read in `now`'s zone. Costs a few aggregates over the days of the streak (see
    /// [`WinDaysBack`]), however long the journal.
    pub fn win_streak<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<u32> {
        let zone = now.timezone();
        let today = now.date_naive();
        let mut days = WinDaysBack::new(&self.conn, &zone, today);
        current_run(today, true, |day| days.has_win(day))
    }
}

/// Whether each day from `newest` back holds a live win, read as a run asks for one day after
/// another: the days are counted a stretch at a time (8 days, then 16, … up to 256), each stretch
/// one aggregate that costs about what a look-up of a single day did.
pub(crate) struct WinDaysBack<'a, Tz: TimeZone> {
    conn: &'a Connection,
    zone: &'a Tz,
    newest: NaiveDate,
    /// `marks[i]`: whether the day `i` days before `newest` holds a win.
    marks: Vec<bool>,
}

impl<'a, Tz: TimeZone> WinDaysBack<'a, Tz> {
    pub(crate) fn new(conn: &'a Connection, zone: &'a Tz, newest: NaiveDate) -> Self {
        WinDaysBack {
            conn,
            zone,
            newest,
            marks: Vec::new(),
        }
    }

    pub(crate) fn has_win(&mut self, day: NaiveDate) -> Result<bool> {
        let Ok(back) = usize::try_from((self.newest - day).num_days()) else {
            return Ok(false);
        };
        while self.marks.len() <= back {
            // Entries lie in the years 1 to 9999: no day before the first holds one.
            let Some(last) = self
                .newest
                .checked_sub_days(Days::new(self.marks.len() as u64))
                .filter(|last| *last >= FIRST_DAY)
            else {
                return Ok(false);
            };
            let stretch = self.marks.len().clamp(8, 256) as u64;
            let first = last
                .checked_sub_days(Days::new(stretch - 1))
                .map_or(FIRST_DAY, |first| first.max(FIRST_DAY));
            let period = Period {
                kind: PeriodKind::Day,
                first,
                last,
            };
            let counts = day_counts(self.conn, &period, self.zone)?;
            self.marks.extend(counts.iter().rev().map(|count| count.wins > 0));
        }
        Ok(self.marks[back])
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
