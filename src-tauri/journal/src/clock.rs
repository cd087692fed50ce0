//! Times of day and days of the week as people type them, read the same way by every front end.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// A day of the week, spelled out in JSON so files and the UI read it plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DayOfWeek {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl DayOfWeek {
    const ALL: [DayOfWeek; 7] = [
        DayOfWeek::Monday,
        DayOfWeek::Tuesday,
        DayOfWeek::Wednesday,
        DayOfWeek::Thursday,
        DayOfWeek::Friday,
        DayOfWeek::Saturday,
        DayOfWeek::Sunday,
    ];

    pub fn weekday(self) -> Weekday {
        match self {
            DayOfWeek::Monday => Weekday::Mon,
            DayOfWeek::Tuesday => Weekday::Tue,
            DayOfWeek::Wednesday => Weekday::Wed,
            DayOfWeek::Thursday => Weekday::Thu,
            DayOfWeek::Friday => Weekday::Fri,
            DayOfWeek::Saturday => Weekday::Sat,
            DayOfWeek::Sunday => Weekday::Sun,
        }
    }

    pub fn from_weekday(weekday: Weekday) -> DayOfWeek {
        DayOfWeek::ALL[weekday.num_days_from_monday() as usize]
    }

    pub fn name(self) -> &'static str {
        match self {
            DayOfWeek::Monday => "Monday",
            DayOfWeek::Tuesday => "Tuesday",
            DayOfWeek::Wednesday => "Wednesday",
            DayOfWeek::Thursday => "Thursday",
            DayOfWeek::Friday => "Friday",
            DayOfWeek::Saturday => "Saturday",
            DayOfWeek::Sunday => "Sunday",
        }
    }
}

impl fmt::Display for DayOfWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for DayOfWeek {
    type Err = Error;

    /// Reads a day's name or any start of it of three letters or more: `fri`, `Friday`, `thurs`.
    fn from_str(input: &str) -> Result<DayOfWeek> {
        let typed = input.trim().to_ascii_lowercase();
        DayOfWeek::ALL
            .into_iter()
            .find(|day| typed.len() >= 3 && day.name().to_ascii_lowercase().starts_with(&typed))
            .ok_or_else(|| Error::invalid("day", format!("{input:?} is not a day of the week (mon … sun)")))
    }
}

/// Reads a 24-hour time of day, `HH:MM` (`9:05` and `09:05` alike).
pub fn parse_time(field: &'static str, input: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(input.trim(), "%H:%M").map_err(|_| {
        Error::invalid(
            field,
            format!("{input:?} is not a time of day; write it as HH:MM, e.g. 09:00"),
        )
    })
}

/// The `HH:MM` spelling of a time of day, as it is stored and shown.
pub fn format_time(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// Serialises a time of day as `HH:MM` (use with `#[serde(with = "crate::clock::hhmm")]`).
pub(crate) mod hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer, de};

    pub fn serialize<S: Serializer>(time: &NaiveTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format_time(*time))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::parse_time("time", &text).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_days_by_any_start_of_three_letters() {
        assert_eq!("fri".parse::<DayOfWeek>().unwrap(), DayOfWeek::Friday);
        assert_eq!(" Thurs ".parse::<DayOfWeek>().unwrap(), DayOfWeek::Thursday);
        assert_eq!("SUNDAY".parse::<DayOfWeek>().unwrap(), DayOfWeek::Sunday);
        for bad in ["", "t", "fr", "funday", "7"] {
            let message = bad.parse::<DayOfWeek>().unwrap_err().to_string();
            assert!(message.contains(&format!("{bad:?}")), "{message}");
        }
        assert_eq!(DayOfWeek::from_weekday(Weekday::Wed), DayOfWeek::Wednesday);
    }

    #[test]
    fn reads_times_of_day_and_refuses_the_rest() {
        assert_eq!(format_time(parse_time("time", "9:05").unwrap()), "09:05");
        assert_eq!(format_time(parse_time("time", "23:59").unwrap()), "23:59");
        for bad in ["24:00", "9", "09:60", "noon", "", "09:00:00"] {
            assert!(parse_time("time", bad).is_err(), "{bad}");
        }
    }
}
