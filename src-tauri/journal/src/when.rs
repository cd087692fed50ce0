//! Reading the dates and times people type (`2025-01-06`, `yesterday`, RFC 3339) in their own zone.

use chrono::{DateTime, Datelike, Days, FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use crate::{Error, Result};

const OUT_OF_RANGE: &str = "out of range: years 1 to 9999";

const ACCEPTED: &str = "use YYYY-MM-DD, 'YYYY-MM-DD HH:MM', RFC 3339, today, yesterday or now";

/// What a typed date or time names: a whole local day, or one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Day(NaiveDate),
    Instant(DateTime<FixedOffset>),
}

impl When {
    /// Reads `input` relative to `now`, whose zone is the one local dates are read in.
    ///
    /// Dates outside the years 1 to 9999 are refused: SQLite's date functions, the journal's checks
    /// and the formats it exports to all stop there, and chrono stops not far beyond.
    pub fn parse<Tz: TimeZone>(input: &str, now: &DateTime<Tz>) -> Result<When> {
        let when = When::parse_any_year(input, now)?;
        let year = match when {
            When::Day(day) => day.year(),
            When::Instant(instant) => instant.year(),
        };
        if !(1..=9999).contains(&year) {
            return Err(bad(input, OUT_OF_RANGE));
        }
        Ok(when)
    }

    fn parse_any_year<Tz: TimeZone>(input: &str, now: &DateTime<Tz>) -> Result<When> {
        let text = input.trim();
        if text.eq_ignore_ascii_case("now") {
            return Ok(When::Instant(now.fixed_offset()));
        }
        if let Some(day) = named_day(input, now.date_naive()) {
            return day.map(When::Day);
        }
        if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
            return Ok(When::Instant(instant));
        }
        for format in [
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S",
        ] {
            if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
                return Ok(When::Instant(local_instant(&now.timezone(), naive, input)?));
            }
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(When::Day)
            .map_err(|e| bad(input, &e.to_string()))
    }

    /// The local calendar day `input` names (an instant counts as its day in `now`'s zone): what a
    /// due date or a start is.
    pub fn parse_day<Tz: TimeZone>(input: &str, now: &DateTime<Tz>) -> Result<NaiveDate> {
        Ok(match When::parse(input, now)? {
            When::Day(day) => day,
            When::Instant(instant) => instant.with_timezone(&now.timezone()).date_naive(),
        })
    }

    /// The moment an entry logged "at" `input` happened: `today` and `yesterday` keep now's time
    /// of day, a calendar date typed out means its noon.
    pub fn occurred_at<Tz: TimeZone>(input: &str, now: &DateTime<Tz>) -> Result<DateTime<FixedOffset>> {
        let (day, time) = match named_day(input, now.date_naive()) {
            Some(day) => (day?, now.time()),
            None => match When::parse(input, now)? {
                When::Instant(instant) => return Ok(instant),
                When::Day(day) => (day, NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()),
            },
        };
        local_instant(&now.timezone(), day.and_time(time), input)
    }

    /// The first instant this names (a day starts at its local midnight).
    pub fn start<Tz: TimeZone>(self, zone: &Tz, input: &str) -> Result<DateTime<FixedOffset>> {
        match self {
            When::Instant(instant) => Ok(instant),
            When::Day(day) => local_instant(zone, day.and_time(NaiveTime::MIN), input),
        }
    }

    /// The first instant after what this names (a day ends where the next one starts), so that an
    /// `--until` date includes its whole day.
    pub fn end_exclusive<Tz: TimeZone>(self, zone: &Tz, input: &str) -> Result<DateTime<FixedOffset>> {
        match self {
            When::Instant(instant) => Ok(instant + chrono::Duration::milliseconds(1)),
            When::Day(day) => {
                let next = day
                    .checked_add_days(Days::new(1))
                    .ok_or_else(|| bad(input, OUT_OF_RANGE))?;
                local_instant(zone, next.and_time(NaiveTime::MIN), input)
            }
        }
    }
}

/// `today` and `yesterday` as calendar days; `None` for anything else.
fn named_day(input: &str, today: NaiveDate) -> Option<Result<NaiveDate>> {
    match input.trim().to_ascii_lowercase().as_str() {
        "today" => Some(Ok(today)),
        "yesterday" => Some(today.pred_opt().ok_or_else(|| bad(input, OUT_OF_RANGE))),
        _ => None,
    }
}

/// A local wall-clock time as an instant: the earlier one when clocks fall back, and the first
/// valid time after a gap when they spring forward.
pub(crate) fn local_instant<Tz: TimeZone>(
    zone: &Tz,
    naive: NaiveDateTime,
    input: &str,
) -> Result<DateTime<FixedOffset>> {
    let mut candidate = naive;
    // A daylight-saving gap is at most a few hours; walk forward to its end.
    for _ in 0..=4 * 60 {
        // The system zone (chrono's `Local`) may give the two occurrences of a fall-back time in
        // either order, and an instant beside the change that is not this wall-clock time at all:
        // keep the instants that read back as `candidate`, and take the earliest.
        let reads_back =
            |instant: &DateTime<Tz>| zone.from_utc_datetime(&instant.naive_utc()).naive_local() == candidate;
        let first = match zone.from_local_datetime(&candidate) {
            MappedLocalTime::Single(instant) => Some(instant).filter(reads_back),
            MappedLocalTime::Ambiguous(one, other) => [one, other].into_iter().filter(reads_back).min(),
            MappedLocalTime::None => None,
        };
        if let Some(instant) = first {
            return Ok(instant.fixed_offset());
        }
        candidate = candidate
            .checked_add_signed(chrono::Duration::minutes(1))
            .ok_or_else(|| bad(input, OUT_OF_RANGE))?;
    }
    Err(bad(input, "that time does not exist in the local time zone"))
}

fn bad(input: &str, reason: &str) -> Error {
    Error::invalid(
        "date",
        format!("{input:?} is not a date or time ({reason}); {ACCEPTED}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2025-01-08T15:45:00+01:00").unwrap()
    }

    #[test]
    fn reads_words_dates_and_instants() {
        let day = |s| When::parse(s, &now()).unwrap();
        assert_eq!(day("today"), When::Day(NaiveDate::from_ymd_opt(2025, 1, 8).unwrap()));
        assert_eq!(
            day("Yesterday"),
            When::Day(NaiveDate::from_ymd_opt(2025, 1, 7).unwrap())
        );
        assert_eq!(day("now"), When::Instant(now()));
        assert_eq!(
            day("2025-01-06"),
            When::Day(NaiveDate::from_ymd_opt(2025, 1, 6).unwrap())
        );
        let at = "2025-01-06T14:30:00+01:00";
        assert_eq!(
            day("2025-01-06 14:30"),
            When::Instant(DateTime::parse_from_rfc3339(at).unwrap())
        );
        assert_eq!(
            day("2025-01-06T13:30:00Z").start(&zone(), "").unwrap(),
            DateTime::parse_from_rfc3339(at).unwrap()
        );
    }

    #[test]
    fn refuses_impossible_dates_with_the_input_in_the_message() {
        for input in ["2025-13-45", "", "next tuesday", "2025-02-30"] {
            let message = When::parse(input, &now()).unwrap_err().to_string();
            assert!(message.contains(&format!("{input:?}")), "{message}");
        }
    }

    #[test]
    fn a_day_spans_from_its_midnight_to_the_next() {
        let day = When::parse("2025-01-06", &now()).unwrap();
        assert_eq!(
            day.start(&zone(), "").unwrap().to_rfc3339(),
            "2025-01-06T00:00:00+01:00"
        );
        assert_eq!(
            day.end_exclusive(&zone(), "").unwrap().to_rfc3339(),
            "2025-01-07T00:00:00+01:00"
        );
    }

    #[test]
    fn clock_changes_resolve_to_a_real_instant() {
        let berlin = chrono_tz::Europe::Berlin;
        let now = berlin.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
        let at = |s: &str| When::parse(s, &now).unwrap().start(&berlin, s).unwrap().to_rfc3339();
        // 02:30 does not exist on the spring-forward night; 02:30 happens twice on the fall-back one.
        assert_eq!(at("2025-03-30 02:30"), "2025-03-30T03:00:00+02:00");
        assert_eq!(at("2025-10-26 02:30"), "2025-10-26T02:30:00+02:00");
        let new_york = chrono_tz::America::New_York;
        let day = When::parse("2025-03-09", &now).unwrap();
        let length = day.end_exclusive(&new_york, "").unwrap() - day.start(&new_york, "").unwrap();
        assert_eq!(length, chrono::Duration::hours(23));
    }

    #[test]
    fn logging_at_a_day_picks_a_sensible_time() {
        let at = |s| When::occurred_at(s, &now()).unwrap().to_rfc3339();
        assert_eq!(at("yesterday"), "2025-01-07T15:45:00+01:00");
        assert_eq!(at("2025-01-06"), "2025-01-06T12:00:00+01:00");
    }

    #[test]
    fn a_due_date_is_a_local_day() {
        let day = |s| When::parse_day(s, &now()).unwrap().to_string();
        assert_eq!(day("2025-02-01"), "2025-02-01");
        assert_eq!(day("today"), "2025-01-08");
        // 23:30 UTC on the 8th is already the 9th an hour east.
        assert_eq!(day("2025-01-08T23:30:00Z"), "2025-01-09");
    }

    #[test]
    fn dates_beyond_the_years_1_to_9999_are_refused_in_every_zone() {
        let new_york = chrono_tz::America::New_York;
        let west = new_york.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
        for input in [
            "+262142-12-31",
            "+262142-12-31 23:59",
            "-262143-01-01",
            "-262143-01-01 00:00",
            "+10000-01-01",
            "0000-01-01",
            "-0001-06-15",
            "+10000-01-01 00:00",
        ] {
            for error in [When::parse(input, &now()), When::parse(input, &west)].map(Result::unwrap_err) {
                assert!(error.is_usage(), "{input}: {error}");
                assert!(error.to_string().contains("years 1 to 9999"), "{input}: {error}");
            }
        }
    }

    #[test]
    fn the_first_and_last_days_of_the_calendar_are_taken() {
        let new_york = chrono_tz::America::New_York;
        let west = new_york.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
        let last = When::parse("9999-12-31", &west).unwrap();
        assert_eq!(
            last.end_exclusive(&new_york, "").unwrap().to_rfc3339(),
            "+10000-01-01T00:00:00-05:00"
        );
        assert_eq!(
            When::occurred_at("9999-12-31 23:59", &west).unwrap().to_rfc3339(),
            "9999-12-31T23:59:00-05:00"
        );
        assert_eq!(
            When::occurred_at("0001-01-01 00:00", &now()).unwrap().to_rfc3339(),
            "0001-01-01T00:00:00+01:00"
        );
    }

    #[test]
    fn a_time_at_the_end_of_the_calendar_ends_in_an_error_not_a_panic() {
        let gap = NaiveDate::MAX.and_hms_opt(23, 59, 0).unwrap();
        let berlin = chrono_tz::Europe::Berlin;
        for zone in [chrono_tz::America::New_York, berlin] {
            let _ = local_instant(&zone, gap, "the end");
        }
    }
}
