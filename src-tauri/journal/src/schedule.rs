//! When a reminder next fires: pure calendar arithmetic in the user's zone, exact across clock changes.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{DayOfWeek, parse_time};
use crate::when::local_instant;

/// The days a rule fires on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    Daily,
    Weekly(DayOfWeek),
    /// On this day of each month; in shorter months, on their last day.
    Monthly(u32),
}

/// A repeating local time: "Fridays at 16:00".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub repeat: Repeat,
    pub at: NaiveTime,
}

/// A rule looks this far ahead for its next day; a monthly rule finds one within 31 days.
const LOOKAHEAD_DAYS: u32 = 62;

impl Rule {
    /// The first time this rule fires strictly after `after`, read in `after`'s zone.
    ///
    /// On a spring-forward day a time inside the gap fires once, when the gap ends; on a
    /// fall-back day a time that happens twice fires once, the first time.
    pub fn next_after<Tz: TimeZone>(&self, after: &DateTime<Tz>) -> DateTime<Utc> {
        let zone = after.timezone();
        let mut day = after.date_naive();
        for _ in 0..LOOKAHEAD_DAYS {
            if self.falls_on(day)
                && let Ok(instant) = local_instant(&zone, day.and_time(self.at), "")
                && instant > *after
            {
                return instant.to_utc();
            }
            day = day + Days::new(1);
        }
        unreachable!("every rule falls on some day within {LOOKAHEAD_DAYS} days")
    }

    fn falls_on(&self, day: NaiveDate) -> bool {
        match self.repeat {
            Repeat::Daily => true,
            Repeat::Weekly(weekday) => day.weekday() == weekday.weekday(),
            Repeat::Monthly(month_day) => day.day() == month_day.min(last_day_of_month(day)),
        }
    }
}

fn last_day_of_month(day: NaiveDate) -> u32 {
    (28..=31)
        .rev()
        .find(|&candidate| day.with_day(candidate).is_some())
        .unwrap_or(28)
}

/// Local hours in which no reminder is shown; ones due then wait for the end. May span midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuietHours {
    #[serde(with = "crate::clock::hhmm")]
    #[ts(type = "string")]
    pub from: NaiveTime,
    #[serde(with = "crate::clock::hhmm")]
    #[ts(type = "string")]
    pub until: NaiveTime,
}

impl std::str::FromStr for QuietHours {
    type Err = crate::Error;

    /// Reads `HH:MM-HH:MM`, such as `22:00-07:00`.
    fn from_str(input: &str) -> crate::Result<QuietHours> {
        let (from, until) = input.split_once('-').ok_or_else(|| {
            crate::Error::invalid(
                "quiet",
                format!("{input:?} is not a span of hours; write it as 22:00-07:00"),
            )
        })?;
        Ok(QuietHours {
            from: parse_time("quiet", from)?,
            until: parse_time("quiet", until)?,
        })
    }
}

impl QuietHours {
    pub fn contains(&self, time: NaiveTime) -> bool {
        if self.from <= self.until {
            self.from <= time && time < self.until
        } else {
            time >= self.from || time < self.until
        }
    }

    /// `instant` itself when it is outside these hours, else the instant they end.
    pub fn defer<Tz: TimeZone>(&self, instant: DateTime<Utc>, zone: &Tz) -> DateTime<Utc> {
        let local = instant.with_timezone(zone);
        if !self.contains(local.time()) {
            return instant;
        }
        let end = Rule {
            repeat: Repeat::Daily,
            at: self.until,
        };
        end.next_after(&local)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Berlin;
    use chrono_tz::Tz;

    use super::*;

    fn time(text: &str) -> NaiveTime {
        NaiveTime::parse_from_str(text, "%H:%M").unwrap()
    }

    fn daily(at: &str) -> Rule {
        Rule {
            repeat: Repeat::Daily,
            at: time(at),
        }
    }

    fn local(zone: Tz, text: &str) -> DateTime<Tz> {
        zone.from_local_datetime(&chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap())
            .earliest()
            .unwrap()
    }

    /// Every firing from `from` to `to`, each one found from the one before, as the runner does.
    fn firings(rule: &Rule, zone: Tz, from: &str, to: &str) -> Vec<String> {
        let (mut at, end) = (local(zone, from), local(zone, to));
        let mut seen = Vec::new();
        loop {
            at = rule.next_after(&at).with_timezone(&zone);
            if at >= end {
                return seen;
            }
            seen.push(at.to_rfc3339());
        }
    }

    #[test]
    fn a_daily_time_in_the_spring_forward_gap_fires_once_when_the_gap_ends() {
        assert_eq!(
            firings(&daily("02:30"), Berlin, "2025-03-29 12:00", "2025-03-31 12:00"),
            ["2025-03-30T03:00:00+02:00", "2025-03-31T02:30:00+02:00"]
        );
        assert_eq!(
            firings(&daily("02:30"), New_York, "2025-03-08 12:00", "2025-03-10 12:00"),
            ["2025-03-09T03:00:00-04:00", "2025-03-10T02:30:00-04:00"]
        );
    }

    #[test]
    fn a_daily_time_that_happens_twice_on_the_fall_back_night_fires_once() {
        assert_eq!(
            firings(&daily("01:30"), New_York, "2025-11-01 12:00", "2025-11-03 12:00"),
            ["2025-11-02T01:30:00-04:00", "2025-11-03T01:30:00-05:00"]
        );
        assert_eq!(
            firings(&daily("02:30"), Berlin, "2025-10-25 12:00", "2025-10-27 12:00"),
            ["2025-10-26T02:30:00+02:00", "2025-10-27T02:30:00+01:00"]
        );
        // Woken during the repeated hour, after the first 01:30 fired: the next one is tomorrow's.
        let second_pass =
            New_York.from_utc_datetime(&local(New_York, "2025-11-02 01:30").naive_utc()) + Duration::minutes(61);
        assert_eq!(second_pass.to_rfc3339(), "2025-11-02T01:31:00-05:00");
        assert_eq!(
            daily("01:30")
                .next_after(&second_pass)
                .with_timezone(&New_York)
                .to_rfc3339(),
            "2025-11-03T01:30:00-05:00"
        );
    }

    #[test]
    fn a_daily_reminder_keeps_its_wall_clock_time_across_the_change() {
        let nine = firings(&daily("09:00"), Berlin, "2025-03-29 10:00", "2025-04-01 00:00");
        assert_eq!(nine, ["2025-03-30T09:00:00+02:00", "2025-03-31T09:00:00+02:00"]);
        let gap = local(Berlin, "2025-03-31 09:00") - local(Berlin, "2025-03-30 09:00");
        assert_eq!(gap, Duration::hours(24));
        let across = local(Berlin, "2025-03-30 09:00") - local(Berlin, "2025-03-29 09:00");
        assert_eq!(across, Duration::hours(23));
    }

    #[test]
    fn weekly_rules_fire_on_their_day_and_not_twice_at_the_same_minute() {
        let friday = Rule {
            repeat: Repeat::Weekly(DayOfWeek::Friday),
            at: time("16:00"),
        };
        // 2025-01-08 is a Wednesday.
        assert_eq!(
            firings(&friday, Berlin, "2025-01-08 12:00", "2025-01-25 00:00"),
            [
                "2025-01-10T16:00:00+01:00",
                "2025-01-17T16:00:00+01:00",
                "2025-01-24T16:00:00+01:00"
            ]
        );
        let at_the_minute = local(Berlin, "2025-01-10 16:00");
        assert_eq!(
            friday.next_after(&at_the_minute).with_timezone(&Berlin).to_rfc3339(),
            "2025-01-17T16:00:00+01:00"
        );
    }

    #[test]
    fn monthly_rules_fall_back_to_the_last_day_of_short_months() {
        let on_31st = Rule {
            repeat: Repeat::Monthly(31),
            at: time("10:00"),
        };
        assert_eq!(
            firings(&on_31st, New_York, "2025-01-15 00:00", "2025-05-01 00:00"),
            [
                "2025-01-31T10:00:00-05:00",
                "2025-02-28T10:00:00-05:00",
                "2025-03-31T10:00:00-04:00",
                "2025-04-30T10:00:00-04:00"
            ]
        );
        let leap = Rule {
            repeat: Repeat::Monthly(30),
            at: time("10:00"),
        };
        assert_eq!(
            leap.next_after(&local(Berlin, "2024-02-01 00:00"))
                .with_timezone(&Berlin)
                .to_rfc3339(),
            "2024-02-29T10:00:00+01:00"
        );
    }

    #[test]
    fn quiet_hours_hold_a_reminder_until_they_end_even_across_midnight() {
        let night = QuietHours {
            from: time("22:00"),
            until: time("07:00"),
        };
        assert!(night.contains(time("23:30")) && night.contains(time("06:59")));
        assert!(!night.contains(time("07:00")) && !night.contains(time("21:59")));
        let late = local(Berlin, "2025-01-08 23:15").to_utc();
        assert_eq!(
            night.defer(late, &Berlin).with_timezone(&Berlin).to_rfc3339(),
            "2025-01-09T07:00:00+01:00"
        );
        let early = local(Berlin, "2025-01-09 05:00").to_utc();
        assert_eq!(
            night.defer(early, &Berlin).with_timezone(&Berlin).to_rfc3339(),
            "2025-01-09T07:00:00+01:00"
        );
        let noon = local(Berlin, "2025-01-09 12:00").to_utc();
        assert_eq!(night.defer(noon, &Berlin), noon);
        let lunch = QuietHours {
            from: time("12:00"),
            until: time("13:00"),
        };
        assert_eq!(
            lunch.defer(noon, &Berlin).with_timezone(&Berlin).to_rfc3339(),
            "2025-01-09T13:00:00+01:00"
        );
    }
}
