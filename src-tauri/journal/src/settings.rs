//! The user's choices that shape the rhythm: when a week starts, when to stay quiet, how long
//! before a setback's follow-up.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::DayOfWeek;
use crate::schedule::QuietHours;
use crate::{Error, Result};

/// Follow-ups come between a day and a quarter after the setback.
const FOLLOWUP_DAYS: std::ops::RangeInclusive<u32> = 1..=90;
/// A week keeps the weekly streak with between one and seven days with a win.
const WEEKLY_STREAK_DAYS: std::ops::RangeInclusive<u32> = 1..=7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub week_start: DayOfWeek,
    pub quiet_hours: Option<QuietHours>,
    /// Days after a setback to ask whether its adjustment worked.
    pub followup_days: u32,
    /// Days with a win that keep a week in the weekly streak (so a weekend off does not break it).
    /// Settings saved before it existed read as the default.
    #[serde(default = "default_weekly_streak_days")]
    pub weekly_streak_days: u32,
}

fn default_weekly_streak_days() -> u32 {
    3
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            week_start: DayOfWeek::Monday,
            quiet_hours: None,
            followup_days: 7,
            weekly_streak_days: default_weekly_streak_days(),
        }
    }
}

impl Settings {
    pub(crate) fn checked(self) -> Result<Settings> {
        if !FOLLOWUP_DAYS.contains(&self.followup_days) {
            return Err(Error::invalid(
                "followup_days",
                format!(
                    "{} is not between {} and {} days",
                    self.followup_days,
                    FOLLOWUP_DAYS.start(),
                    FOLLOWUP_DAYS.end()
                ),
            ));
        }
        if !WEEKLY_STREAK_DAYS.contains(&self.weekly_streak_days) {
            return Err(Error::invalid(
                "weekly_streak_days",
                format!(
                    "{} is not between {} and {} days",
                    self.weekly_streak_days,
                    WEEKLY_STREAK_DAYS.start(),
                    WEEKLY_STREAK_DAYS.end()
                ),
            ));
        }
        if let Some(quiet) = self.quiet_hours
            && quiet.from == quiet.until
        {
            return Err(Error::invalid(
                "quiet_hours",
                "quiet hours must end at another time than they start",
            ));
        }
        Ok(self)
    }
}
