//! Insights: what a period of the journal adds up to — days and weeks with wins, streaks that
//! forgive a weekend, whether adjustments worked, milestones and tags — counted in the user's zone.

mod days;
mod lessons;
mod numbers;
mod on_this_day;

use chrono::{DateTime, Days, NaiveDate, TimeZone};
use serde::Serialize;
use ts_rs::TS;

use crate::period::{Period, PeriodKind};
use crate::streak::{current_run, longest_run, trailing_run};
use crate::{Error, Result, Store};

pub(crate) use days::day_counts;
pub use lessons::Lesson;
pub(crate) use numbers::followups as followup_counts;
pub use numbers::{FollowupCounts, MilestoneInsights, MilestonePace, TagFollowups, TagInsights};
pub use on_this_day::{Lookback, OnThisDay};

/// The most days one insights query covers: ten years of grid.
const MAX_DAYS: u64 = 3_660;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Insights {
    /// Every local day of the period, first to last, with or without entries.
    pub days: Vec<DayCount>,
    /// Every week (from the user's week start) that holds days of the period.
    pub weeks: Vec<WeekCount>,
    pub streak: Streaks,
    pub followups: FollowupCounts,
    pub milestones: MilestoneInsights,
    pub tags: TagInsights,
}

/// What one local day holds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct DayCount {
    pub day: NaiveDate,
    pub wins: u32,
    pub setbacks: u32,
    pub notes: u32,
    /// The mean mood of the day's entries that have one, from 1 to 5.
    pub mood: Option<f64>,
}

/// What one week holds, counting only its days inside the period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct WeekCount {
    /// The week's first day (the user's week start), which may lie before the period.
    pub first: NaiveDate,
    pub wins: u32,
    pub setbacks: u32,
    pub days_with_wins: u32,
    /// The week's days inside the period (7 but at the period's edges).
    pub days: u32,
    /// `days_with_wins / days`, from 0 to 1.
    pub win_day_share: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Streaks {
    /// Days in a row with a win, ending on the period's last day (or today, while today has no
    /// win yet); it may reach back before the period.
    pub current: u32,
    /// The longest run of days with a win inside the period.
    pub longest: u32,
    /// Weeks in a row, up to the period's last, with at least the settings' `weekly_streak_days`
    /// days with a win; a week under way that has not got there yet does not break it.
    pub weekly: u32,
    pub best_week: Option<BestWeek>,
}

/// The week with the most wins (the earliest of equals).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct BestWeek {
    pub first: NaiveDate,
    pub wins: u32,
}

impl Insights {
    /// The period insights show when none is asked for: the 53 weeks ending with the one holding
    /// `today`, from its week start to `today` (a year grid of whole columns).
    pub fn default_period(today: NaiveDate, week_start: crate::clock::DayOfWeek) -> (NaiveDate, NaiveDate) {
        let this_week = Period::containing(PeriodKind::Week, today, week_start);
        (this_week.first - Days::new(52 * 7), today)
    }
}

impl Store {
    /// Insights for the local days `first` to `last` (inclusive) in `now`'s zone, weeks starting on
    /// the settings' day. A handful of aggregate queries, whatever the period holds.
    pub fn insights<Tz: TimeZone>(&self, first: NaiveDate, last: NaiveDate, now: &DateTime<Tz>) -> Result<Insights> {
        if last < first {
            return Err(Error::invalid(
                "period",
                format!("it ends ({last}) before it starts ({first})"),
            ));
        }
        if (last - first).num_days() as u64 >= MAX_DAYS {
            return Err(Error::invalid(
                "period",
                format!("{first} to {last} is more than ten years; ask for a shorter one"),
            ));
        }
        let zone = now.timezone();
        let settings = self.settings()?;
        let period = Period {
            kind: PeriodKind::Day,
            first,
            last,
        };
        let days = day_counts(&self.conn, &period, &zone)?;
        let weeks = weeks_of(&days, settings.week_start);
        let streak = self.streaks(&days, &weeks, settings.weekly_streak_days, now)?;
        let (start, end) = (
            period.start(&zone)?.timestamp_millis(),
            period.end_exclusive(&zone)?.timestamp_millis(),
        );
        let (tags, by_tag) = numbers::tagged(&self.conn, start, end)?;
        Ok(Insights {
            followups: FollowupCounts {
                by_tag,
                ..numbers::followup_totals(&self.conn, start, end)?
            },
            milestones: numbers::milestones(self, start, end, now)?,
            tags,
            days,
            weeks,
            streak,
        })
    }

    fn streaks<Tz: TimeZone>(
        &self,
        days: &[DayCount],
        weeks: &[WeekCount],
        weekly_streak_days: u32,
        now: &DateTime<Tz>,
    ) -> Result<Streaks> {
        let today = now.date_naive();
        let (Some(first), Some(last)) = (days.first().map(|d| d.day), days.last().map(|d| d.day)) else {
            return Ok(Streaks {
                current: 0,
                longest: 0,
                weekly: 0,
                best_week: None,
            });
        };
        let end = last.min(today);
        // Days of the period are read from the counts; a run reaching back before it, one index
        // look-up a day, the way Today counts.
        let current = if end < first {
            0
        } else {
            current_run(end, end == today, |day| {
                if day >= first {
                    Ok(days[(day - first).num_days() as usize].wins > 0)
                } else {
                    self.has_win_on(day, &now.timezone())
                }
            })?
        };
        let marks: Vec<bool> = weeks
            .iter()
            .map(|week| week.days_with_wins >= weekly_streak_days)
            .collect();
        let last_week_unfinished = weeks.last().is_some_and(|week| week.first + Days::new(6) >= today);
        let best_week = weeks
            .iter()
            .filter(|week| week.wins > 0)
            .fold(None::<&WeekCount>, |best, week| match best {
                Some(best) if best.wins >= week.wins => Some(best),
                _ => Some(week),
            })
            .map(|week| BestWeek {
                first: week.first,
                wins: week.wins,
            });
        Ok(Streaks {
            current,
            longest: longest_run(days.iter().map(|day| day.wins > 0)),
            weekly: trailing_run(&marks, last_week_unfinished),
            best_week,
        })
    }
}

/// The days grouped into the weeks holding them.
fn weeks_of(days: &[DayCount], week_start: crate::clock::DayOfWeek) -> Vec<WeekCount> {
    let mut weeks: Vec<WeekCount> = Vec::new();
    for day in days {
        let first = Period::containing(PeriodKind::Week, day.day, week_start).first;
        if weeks.last().is_none_or(|week| week.first != first) {
            weeks.push(WeekCount {
                first,
                wins: 0,
                setbacks: 0,
                days_with_wins: 0,
                days: 0,
                win_day_share: 0.0,
            });
        }
        let Some(week) = weeks.last_mut() else { continue };
        week.wins += day.wins;
        week.setbacks += day.setbacks;
        week.days += 1;
        week.days_with_wins += u32::from(day.wins > 0);
        week.win_day_share = f64::from(week.days_with_wins) / f64::from(week.days);
    }
    weeks
}

#[cfg(test)]
mod tests;
