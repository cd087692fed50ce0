//! Times of day and days of the week as people type them, read the same way by every front end.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveTime, SecondsFormat, Weekday};
use serde::{Deserialize, Serialize, Serializer};
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

/// Serialises an instant exactly as chrono's own `Serialize` does (RFC 3339, `Z` for UTC, a fraction
/// only when there is one), but formatted whole before serde sees it: chrono hands serde_json the
/// text a character at a time, each escaped and buffered on its own, which took a fifth of a
/// 100,000-entry JSON export. Use with `#[serde(serialize_with = "crate::clock::rfc3339")]`.
pub(crate) fn rfc3339<S: Serializer>(instant: &DateTime<FixedOffset>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&instant.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[derive(Serialize)]
    struct Ours(#[serde(serialize_with = "rfc3339")] DateTime<FixedOffset>);

    proptest! {
        #[test]
        fn an_instant_is_written_as_chrono_writes_it(
            millis in -62_000_000_000_000i64..250_000_000_000_000,
            offset_minutes in -1439i32..=1439,
            whole_seconds in any::<bool>(),
        ) {
            let millis = if whole_seconds { millis / 1000 * 1000 } else { millis };
            let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
            let instant = DateTime::from_timestamp_millis(millis).unwrap().with_timezone(&offset);
            prop_assert_eq!(serde_json::to_string(&Ours(instant)).unwrap(), serde_json::to_string(&instant).unwrap());
        }
    }

    #[test]
    fn an_instant_in_utc_ends_in_z_and_shows_milliseconds_only_when_there_are_some() {
        let written = |text: &str| serde_json::to_string(&Ours(DateTime::parse_from_rfc3339(text).unwrap())).unwrap();
        assert_eq!(written("2025-01-06T09:30:00+00:00"), "\"2025-01-06T09:30:00Z\"");
        assert_eq!(
            written("2025-01-06T09:30:00.120-05:30"),
            "\"2025-01-06T09:30:00.120-05:30\""
        );
    }

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
