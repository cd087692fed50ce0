//! The HTML digest's year grid and weekly chart as inline SVG: drawn from the same insights as the
//! window and `wins insights`, with no script, and a text equivalent for each.

use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{DateTime, Days, NaiveDate, TimeZone};

use crate::{Entry, Insights, Result, Store};

const CELL: usize = 11;
const GAP: usize = 2;
/// A digest draws at most this many days: the last year and a week of the period.
const MOST_DAYS: u64 = 371;

/// The insights of the local days `entries` (oldest first) span, at most the last 53 weeks of them.
pub(super) fn insights_for<Tz: TimeZone>(
    store: &Store,
    entries: &[Entry],
    now: &DateTime<Tz>,
) -> Result<Option<Insights>> {
    let zone = now.timezone();
    let day = |entry: &Entry| entry.occurred_at.with_timezone(&zone).date_naive();
    let (Some(first), Some(last)) = (entries.first().map(day), entries.last().map(day)) else {
        return Ok(None);
    };
    let earliest = last.checked_sub_days(Days::new(MOST_DAYS - 1)).unwrap_or(first);
    Ok(Some(store.insights(first.max(earliest), last, now)?))
}

/// The grid (a column a week, shaded by wins, setbacks apart) and the wins and setbacks per week.
pub(super) fn write(insights: &Insights, out: &mut impl Write) -> io::Result<()> {
    let wins: u32 = insights.days.iter().map(|day| day.wins).sum();
    let setbacks: u32 = insights.days.iter().map(|day| day.setbacks).sum();
    let with_wins = insights.days.iter().filter(|day| day.wins > 0).count();
    let Some(first) = insights.days.first().map(|day| day.day) else {
        return Ok(());
    };
    writeln!(out, "<h2>Wins per day</h2>")?;
    let columns = insights.days.len().div_ceil(7) + 1;
    let offset = days_from_week_start(first, insights);
    let mut grid = String::new();
    for (index, day) in insights.days.iter().enumerate() {
        let slot = index + offset;
        let fill = match day.wins {
            0 if day.setbacks > 0 => "#e0a35a",
            0 => "#eef1ef",
            1 => "#9fd3b7",
            2..=3 => "#4fa57c",
            _ => "#237a52",
        };
        let _ = write!(
            grid,
            "<rect x=\"{}\" y=\"{}\" width=\"{CELL}\" height=\"{CELL}\" fill=\"{fill}\"><title>{}: {} wins, {} setbacks</title></rect>",
            (slot / 7) * (CELL + GAP),
            (slot % 7) * (CELL + GAP),
            day.day,
            day.wins,
            day.setbacks
        );
    }
    writeln!(
        out,
        "<svg role=\"img\" aria-label=\"{wins} wins and {setbacks} setbacks; a win on {with_wins} of {} days\" \
         width=\"{}\" height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">{grid}</svg>",
        insights.days.len(),
        columns * (CELL + GAP),
        7 * (CELL + GAP)
    )?;
    writeln!(out, "<h2>Wins and setbacks per week</h2>")?;
    let most = insights
        .weeks
        .iter()
        .map(|week| week.wins + week.setbacks)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = 80.0;
    let mut bars = String::new();
    for (index, week) in insights.weeks.iter().enumerate() {
        let scale = |count: u32| f64::from(count) / f64::from(most) * height;
        let x = index * (CELL + GAP);
        let _ = write!(
            bars,
            "<rect x=\"{x}\" y=\"{:.1}\" width=\"{CELL}\" height=\"{:.1}\" fill=\"#237a52\"/>\
             <rect x=\"{x}\" y=\"{:.1}\" width=\"{CELL}\" height=\"{:.1}\" fill=\"#a15c07\"/>",
            height - scale(week.wins),
            scale(week.wins),
            height - scale(week.wins) - scale(week.setbacks),
            scale(week.setbacks)
        );
    }
    let best = insights
        .streak
        .best_week
        .map(|best| format!("; the best week, from {}, had {} wins", best.first, best.wins))
        .unwrap_or_default();
    writeln!(
        out,
        "<svg role=\"img\" aria-label=\"{} weeks{best}\" width=\"{}\" height=\"{height}\" \
         xmlns=\"http://www.w3.org/2000/svg\">{bars}</svg>",
        insights.weeks.len(),
        insights.weeks.len() * (CELL + GAP)
    )?;
    writeln!(
        out,
        "<p>Longest run of days with a win: {}; weeks in a row with enough wins: {}.</p>",
        insights.streak.longest, insights.streak.weekly
    )
}

/// How far into its week the first day falls, so every column is one week.
fn days_from_week_start(first: NaiveDate, insights: &Insights) -> usize {
    insights
        .weeks
        .first()
        .map_or(0, |week| (first - week.first).num_days().max(0) as usize)
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use crate::export_import::{ExportFormat, export};
    use crate::{Filter, Kind, NewEntry};

    use super::*;

    #[test]
    fn the_digest_draws_the_grid_and_the_weeks_as_inline_svg_with_words() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("journal.sqlite3")).unwrap();
        let entry = |kind, text: &str, at: &str| NewEntry {
            occurred_at: Some(DateTime::parse_from_rfc3339(at).unwrap()),
            ..NewEntry::new(kind, text)
        };
        let now = DateTime::parse_from_rfc3339("2025-01-10T12:00:00+01:00").unwrap();
        store
            .add_many(
                [
                    entry(Kind::Win, "one", "2025-01-06T09:00:00+01:00"),
                    entry(Kind::Win, "two", "2025-01-06T23:30:00+01:00"),
                    entry(Kind::Setback, "three", "2025-01-08T10:00:00+01:00"),
                ],
                &now,
            )
            .unwrap();
        let path = dir.path().join("digest.html");
        export(&store, ExportFormat::Html, &path, &Filter::default(), &now).unwrap();
        let html = std::fs::read_to_string(path).unwrap();
        assert!(!html.to_lowercase().contains("<script"));
        for expected in [
            "<h2>Wins per day</h2>",
            "aria-label=\"2 wins and 1 setbacks; a win on 1 of 3 days\"",
            "<title>2025-01-06: 2 wins, 0 setbacks</title>",
            "<title>2025-01-08: 0 wins, 1 setbacks</title>",
            "<h2>Wins and setbacks per week</h2>",
            "aria-label=\"1 weeks; the best week, from 2025-01-06, had 2 wins\"",
        ] {
            assert!(html.contains(expected), "{expected:?} is missing from\n{html}");
        }
    }
}
