//! The day, week or month a reflection looks back on, in the user's zone and with their week start.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::DayOfWeek;
use crate::when::When;
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    Day,
    Week,
    Month,
}

impl FromStr for PeriodKind {
    type Err = Error;

    fn from_str(input: &str) -> Result<PeriodKind> {
        match input.trim().to_ascii_lowercase().as_str() {
            "day" => Ok(PeriodKind::Day),
            "week" => Ok(PeriodKind::Week),
            "month" => Ok(PeriodKind::Month),
            _ => Err(Error::invalid(
                "period",
                format!("{input:?} is not one of day, week, month"),
            )),
        }
    }
}

/// A run of whole local days, first to last inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Period {
    pub kind: PeriodKind,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    /// The period of `kind` that holds `day`; weeks begin on `week_start`.
    pub fn containing(kind: PeriodKind, day: NaiveDate, week_start: DayOfWeek) -> Period {
        let (first, last) = match kind {
            PeriodKind::Day => (day, day),
            PeriodKind::Week => {
                let back = (7 + day.weekday().num_days_from_monday() - week_start.weekday().num_days_from_monday()) % 7;
                // At the calendar's very ends a week is cut short rather than overflowing.
                let first = day.checked_sub_days(Days::new(back.into())).unwrap_or(NaiveDate::MIN);
                (first, first.checked_add_days(Days::new(6)).unwrap_or(NaiveDate::MAX))
            }
            PeriodKind::Month => {
                let first = day.with_day(1).unwrap_or(day);
                let last = first
                    .checked_add_months(Months::new(1))
                    .and_then(|next| next.pred_opt())
                    .unwrap_or(day);
                (first, last)
            }
        };
        Period { kind, first, last }
    }

    /// The period a review of `kind` looks back on when it is written on `today`: the one under
    /// way, or, in a week's first two days or a month's first week, the one that just ended (a
    /// Monday-morning or first-of-the-month review is about what came before).
    pub fn to_review(kind: PeriodKind, today: NaiveDate, week_start: DayOfWeek) -> Period {
        let current = Period::containing(kind, today, week_start);
        let just_begun = match kind {
            PeriodKind::Day => false,
            PeriodKind::Week => current
                .first
                .checked_add_days(Days::new(2))
                .is_some_and(|third| today < third),
            PeriodKind::Month => today.day() <= 7,
        };
        match current.first.pred_opt() {
            Some(before) if just_begun => Period::containing(kind, before, week_start),
            _ => current,
        }
    }

    /// The instant the first day starts, in `zone`.
    pub fn start<Tz: TimeZone>(&self, zone: &Tz) -> Result<DateTime<FixedOffset>> {
        When::Day(self.first).start(zone, "")
    }

    /// The instant after the last day ends, in `zone`.
    pub fn end_exclusive<Tz: TimeZone>(&self, zone: &Tz) -> Result<DateTime<FixedOffset>> {
        When::Day(self.last).end_exclusive(zone, "")
    }

    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        self.first.iter_days().take_while({
            let last = self.last;
            move |day| *day <= last
        })
    }
}

impl fmt::Display for Period {
    /// "Wednesday 8 January 2025", "6–12 January 2025", "30 December 2024 – 5 January 2025", "January 2025".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (first, last) = (self.first, self.last);
        match self.kind {
            PeriodKind::Day => write!(f, "{}", first.format("%A %-d %B %Y")),
            PeriodKind::Month => write!(f, "{}", first.format("%B %Y")),
            PeriodKind::Week if first.year() != last.year() => {
                write!(f, "{} – {}", first.format("%-d %B %Y"), last.format("%-d %B %Y"))
            }
            PeriodKind::Week if first.month() != last.month() => {
                write!(f, "{} – {}", first.format("%-d %B"), last.format("%-d %B %Y"))
            }
            PeriodKind::Week => write!(f, "{}–{}", first.format("%-d"), last.format("%-d %B %Y")),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Berlin;

    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn weeks_start_on_the_chosen_day() {
        // 2025-01-08 is a Wednesday.
        let monday = Period::containing(PeriodKind::Week, day("2025-01-08"), DayOfWeek::Monday);
        assert_eq!((monday.first, monday.last), (day("2025-01-06"), day("2025-01-12")));
        let sunday = Period::containing(PeriodKind::Week, day("2025-01-08"), DayOfWeek::Sunday);
        assert_eq!((sunday.first, sunday.last), (day("2025-01-05"), day("2025-01-11")));
        let on_start = Period::containing(PeriodKind::Week, day("2025-01-06"), DayOfWeek::Monday);
        assert_eq!(on_start.first, day("2025-01-06"));
        let on_end = Period::containing(PeriodKind::Week, day("2025-01-12"), DayOfWeek::Monday);
        assert_eq!(on_end, monday);
        assert_eq!(monday.days().count(), 7);
        assert_eq!(monday.to_string(), "6–12 January 2025");
        let new_year = Period::containing(PeriodKind::Week, day("2025-01-01"), DayOfWeek::Monday);
        assert_eq!(new_year.to_string(), "30 December 2024 – 5 January 2025");
    }

    #[test]
    fn a_review_early_in_a_period_looks_back_on_the_one_before() {
        let week = |today: &str, start| Period::to_review(PeriodKind::Week, day(today), start).first.to_string();
        // 2025-01-06 is a Monday.
        assert_eq!(week("2025-01-06", DayOfWeek::Monday), "2024-12-30");
        assert_eq!(week("2025-01-07", DayOfWeek::Monday), "2024-12-30");
        assert_eq!(week("2025-01-08", DayOfWeek::Monday), "2025-01-06");
        assert_eq!(week("2025-01-12", DayOfWeek::Monday), "2025-01-06");
        assert_eq!(week("2025-01-06", DayOfWeek::Sunday), "2024-12-29");
        let month = |today: &str| Period::to_review(PeriodKind::Month, day(today), DayOfWeek::Monday).to_string();
        assert_eq!(month("2025-02-01"), "January 2025");
        assert_eq!(month("2025-02-07"), "January 2025");
        assert_eq!(month("2025-02-08"), "February 2025");
        assert_eq!(
            Period::to_review(PeriodKind::Day, day("2025-02-01"), DayOfWeek::Monday).first,
            day("2025-02-01")
        );
    }

    #[test]
    fn months_run_from_the_first_to_the_last_day() {
        let february = Period::containing(PeriodKind::Month, day("2024-02-14"), DayOfWeek::Monday);
        assert_eq!((february.first, february.last), (day("2024-02-01"), day("2024-02-29")));
        let december = Period::containing(PeriodKind::Month, day("2025-12-31"), DayOfWeek::Monday);
        assert_eq!((december.first, december.last), (day("2025-12-01"), day("2025-12-31")));
        assert_eq!(december.to_string(), "December 2025");
    }

    #[test]
    fn a_period_is_measured_in_local_days_across_clock_changes() {
        let week = Period::containing(PeriodKind::Week, day("2025-03-30"), DayOfWeek::Monday);
        let berlin = week.end_exclusive(&Berlin).unwrap() - week.start(&Berlin).unwrap();
        assert_eq!(berlin, chrono::Duration::hours(7 * 24 - 1));
        assert_eq!(week.start(&Berlin).unwrap().to_rfc3339(), "2025-03-24T00:00:00+01:00");
        assert_eq!(
            week.end_exclusive(&Berlin).unwrap().to_rfc3339(),
            "2025-03-31T00:00:00+02:00"
        );
        let november = Period::containing(PeriodKind::Month, day("2025-11-02"), DayOfWeek::Monday);
        let new_york = november.end_exclusive(&New_York).unwrap() - november.start(&New_York).unwrap();
        assert_eq!(new_york, chrono::Duration::hours(30 * 24 + 1));
    }

    #[test]
    fn periods_at_the_ends_of_the_calendar_are_cut_short_not_overflowing() {
        for day in [NaiveDate::MIN, NaiveDate::MAX] {
            for kind in [PeriodKind::Day, PeriodKind::Week, PeriodKind::Month] {
                for week_start in [DayOfWeek::Monday, DayOfWeek::Sunday] {
                    let period = Period::to_review(kind, day, week_start);
                    assert!(period.first <= day && day <= period.last, "{kind:?} {period:?}");
                }
            }
        }
    }
}
