//! Time zones for files that name them (Day One's `timeZone`): an entry keeps the wall-clock time
//! and offset it was written with, so it leaves with a zone whose clock shows that time at that
//! moment — also in half- and quarter-hour zones and on either side of a DST change.

use chrono::{DateTime, FixedOffset, Offset, TimeZone};
use chrono_tz::{TZ_VARIANTS, Tz};

/// Zones people live in whose offsets are not whole hours, tried before the full list so that a
/// common offset gets its common name (`Asia/Kolkata`, not an old alias).
const FRACTIONAL_ZONES: [Tz; 12] = [
    Tz::Asia__Kolkata,
    Tz::Asia__Kathmandu,
    Tz::America__St_Johns,
    Tz::Australia__Adelaide,
    Tz::Australia__Darwin,
    Tz::Australia__Lord_Howe,
    Tz::Australia__Eucla,
    Tz::Asia__Tehran,
    Tz::Asia__Kabul,
    Tz::Asia__Yangon,
    Tz::Pacific__Chatham,
    Tz::Pacific__Marquesas,
];

/// A zone name whose offset at `at` is `at`'s own: `Etc/GMT-1` for one hour east of UTC (the
/// `Etc` names count the other way), a named zone for the others; failing that, the nearest hour.
pub(super) fn zone_name(at: &DateTime<FixedOffset>) -> String {
    let seconds = at.offset().local_minus_utc();
    if seconds % 3600 == 0 {
        return etc_name(seconds / 3600);
    }
    let utc = at.naive_utc();
    let same_offset = |zone: &Tz| zone.offset_from_utc_datetime(&utc).fix().local_minus_utc() == seconds;
    FRACTIONAL_ZONES
        .iter()
        .chain(TZ_VARIANTS.iter())
        .find(|zone| same_offset(zone))
        .map(|zone| zone.name().to_owned())
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
        let zone: Tz = zone_name(&at).parse().unwrap();
        (zone.name().to_owned(), at.with_timezone(&zone).to_rfc3339())
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
