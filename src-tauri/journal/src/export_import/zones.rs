//! Time zones for files that name them (Day One's `timeZone`): an entry keeps the wall-clock time
//! and offset it was written with, so it leaves with a zone whose clock shows that time at that
//! moment — also in half- and quarter-hour zones and on either side of a DST change.
//!
//! The zones come from IANA's database as jiff carries it: one block of bytes read only when a
//! file names a zone. (chrono-tz's tables were some 35,000 pointers that every `wins` process
//! relocated at start, whether it read a zone or not.)

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, Utc};
use jiff::Timestamp;
use jiff::tz::{TimeZone, TimeZoneDatabase};

/// Zones people live in whose offsets are not whole hours, tried before the full list so that a
/// common offset gets its common name (`Asia/Kolkata`, not an old alias).
const FRACTIONAL_ZONES: [&str; 12] = [
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Australia/Adelaide",
    "Australia/Darwin",
    "Australia/Lord_Howe",
    "Australia/Eucla",
    "Asia/Tehran",
    "Asia/Kabul",
    "Asia/Yangon",
    "Pacific/Chatham",
    "Pacific/Marquesas",
];

/// The zones built into Small Wins, never the system's: a file reads the same on every machine,
/// also on one with no time zone data installed.
fn database() -> &'static TimeZoneDatabase {
    static DATABASE: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DATABASE.get_or_init(TimeZoneDatabase::bundled)
}

/// The zone with the IANA name `name` (`Asia/Kolkata`, `Etc/GMT-1`, `UTC`), if there is one.
pub(super) fn zone(name: &str) -> Option<TimeZone> {
    database().get(name).ok()
}

/// The moment `at` as the clock in `zone` showed it; `None` outside the years the zones cover.
pub(super) fn in_zone(at: &DateTime<Utc>, zone: &TimeZone) -> Option<DateTime<FixedOffset>> {
    let offset = offset_at(zone, at)?;
    Some(at.with_timezone(&FixedOffset::east_opt(offset)?))
}

/// `zone`'s offset from UTC at `at`, in seconds.
fn offset_at(zone: &TimeZone, at: &DateTime<Utc>) -> Option<i32> {
    let moment = Timestamp::from_second(at.timestamp()).ok()?;
    Some(zone.to_offset(moment).seconds())
}

/// A zone name whose offset at `at` is `at`'s own: `Etc/GMT-1` for one hour east of UTC (the
/// `Etc` names count the other way), a named zone for the others; failing that, the nearest hour.
pub(super) fn zone_name(at: &DateTime<FixedOffset>) -> String {
    let seconds = at.offset().local_minus_utc();
    if seconds % 3600 == 0 {
        return etc_name(seconds / 3600);
    }
    let utc = at.with_timezone(&Utc);
    let same_offset = |name: &str| zone(name).and_then(|zone| offset_at(&zone, &utc)) == Some(seconds);
    let every_zone = database().available();
    FRACTIONAL_ZONES
        .iter()
        .map(|name| (*name).to_owned())
        .chain(every_zone.map(|name| name.as_str().to_owned()))
        .find(|name| same_offset(name))
        .unwrap_or_else(|| etc_name((f64::from(seconds) / 3600.0).round() as i32))
}

fn etc_name(hours: i32) -> String {
    match hours {
        0 => "UTC".to_owned(),
        east if east > 0 => format!("Etc/GMT-{east}"),
        west => format!("Etc/GMT+{}", -west),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local_time_in_named_zone(stamp: &str) -> (String, String) {
        let at = DateTime::parse_from_rfc3339(stamp).unwrap();
        let name = zone_name(&at);
        let local = in_zone(&at.with_timezone(&Utc), &zone(&name).unwrap()).unwrap();
        (name, local.to_rfc3339())
    }

    #[test]
    fn half_and_quarter_hour_offsets_keep_their_wall_time() {
        for stamp in [
            "2024-01-15T09:00:00+05:30",
            "2024-01-16T22:45:00+05:45",
            "2024-06-30T23:00:00-02:30",
            "2024-12-30T23:00:00-03:30",
            "2024-07-01T08:00:00+09:30",
            "2024-01-01T08:00:00+10:30",
            "2024-03-01T12:00:00+13:45",
        ] {
            assert_eq!(local_time_in_named_zone(stamp).1, stamp, "{stamp}");
        }
    }

    #[test]
    fn whole_hours_use_etc_names_counted_the_other_way() {
        assert_eq!(local_time_in_named_zone("2024-03-31T03:30:00+02:00").0, "Etc/GMT-2");
        assert_eq!(local_time_in_named_zone("2024-03-31T01:30:00-05:00").0, "Etc/GMT+5");
        assert_eq!(local_time_in_named_zone("2024-03-31T01:30:00+00:00").0, "UTC");
    }
}
