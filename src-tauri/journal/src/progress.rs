//! How far a milestone has come and whether it is on pace: arithmetic over values and local days,
//! kept apart from the store so it is tested on its own.

use chrono::{DateTime, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Result;
use crate::when::When;

/// Which way a metric improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher is better: the target is above the baseline.
    Up,
    /// Lower is better: the target is below the baseline.
    Down,
}

impl Direction {
    /// `None` when target and baseline are equal: such a milestone could never move.
    pub fn of(baseline: f64, target: f64) -> Option<Direction> {
        if target > baseline {
            Some(Direction::Up)
        } else if target < baseline {
            Some(Direction::Down)
        } else {
            None
        }
    }
}

/// Where a milestone stands against the straight line from its start to its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaceStatus {
    /// Target reached or check ticked.
    Done,
    Ahead,
    OnPace,
    Behind,
    /// Past its due date and not done.
    Overdue,
    /// No due date, so no pace to keep.
    Unscheduled,
}

impl PaceStatus {
    /// The status in words, as a review lists it.
    pub fn label(self) -> &'static str {
        match self {
            PaceStatus::Done => "reached",
            PaceStatus::Ahead => "ahead of pace",
            PaceStatus::OnPace => "on pace",
            PaceStatus::Behind => "behind pace",
            PaceStatus::Overdue => "overdue",
            PaceStatus::Unscheduled => "no due date",
        }
    }
}

/// How close to the pace line still counts as on it, as a fraction of the whole way.
const ON_PACE_MARGIN: f64 = 0.05;

/// How far `latest` has moved from `baseline` toward `target`, from 0 (none, or the wrong way) to
/// 1 (there, or beyond).
pub fn metric_progress(baseline: f64, target: f64, latest: Option<f64>) -> f64 {
    match latest {
        Some(value) if target != baseline => ((value - baseline) / (target - baseline)).clamp(0.0, 1.0),
        _ => 0.0,
    }
}

/// How far past the target, or the wrong way past the baseline, a value may go before it is taken
/// for a slip of the keyboard (30 typed for 3): as a multiple of the way from baseline to target.
const LIKELY_OVERSHOOT: f64 = 1.0;

/// Why `value` is unlikely for a metric from `baseline` to `target`, if it is: far past the target
/// or far the wrong way. Such a value is logged only once confirmed.
pub fn unlikely_value(baseline: f64, target: f64, value: f64) -> Option<&'static str> {
    if target == baseline {
        return None;
    }
    let moved = (value - baseline) / (target - baseline);
    if moved > 1.0 + LIKELY_OVERSHOOT {
        Some("far past the target")
    } else if moved < -LIKELY_OVERSHOOT {
        Some("far the wrong way")
    } else {
        None
    }
}

/// A milestone's pace: its status and, when it has a due date, the progress expected by now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    pub status: PaceStatus,
    pub expected: Option<f64>,
}

/// What the milestone needs to know about itself to be paced.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub started_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    /// A check has no partial progress: it is on pace until it is due.
    pub is_check: bool,
}

impl Schedule {
    /// Paces `progress` against a line from the start of `started_on` to the end of `due_on`, both
    /// local days in `now`'s zone.
    pub fn pace<Tz: TimeZone>(self, progress: f64, done: bool, now: &DateTime<Tz>) -> Result<Pace> {
        let Some(due_on) = self.due_on else {
            let status = if done {
                PaceStatus::Done
            } else {
                PaceStatus::Unscheduled
            };
            return Ok(Pace { status, expected: None });
        };
        let zone = now.timezone();
        let start = When::Day(self.started_on).start(&zone, "")?;
        let end = When::Day(due_on).end_exclusive(&zone, "")?;
        let elapsed = (now.fixed_offset() - start).num_milliseconds() as f64;
        let span = (end - start).num_milliseconds().max(1) as f64;
        let expected = (elapsed / span).clamp(0.0, 1.0);
        let status = if done {
            PaceStatus::Done
        } else if now.fixed_offset() >= end {
            PaceStatus::Overdue
        } else if self.is_check {
            PaceStatus::OnPace
        } else if progress >= expected + ON_PACE_MARGIN {
            PaceStatus::Ahead
        } else if progress < expected - ON_PACE_MARGIN {
            PaceStatus::Behind
        } else {
            PaceStatus::OnPace
        };
        Ok(Pace {
            status,
            expected: Some(expected),
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::FixedOffset;

    use super::*;

    #[test]
    fn a_value_far_past_the_target_or_far_the_wrong_way_is_unlikely() {
        // 0 → 6 reviews: 30 is a slip for 3; 12 (twice the way) is still believable.
        assert_eq!(unlikely_value(0.0, 6.0, 30.0), Some("far past the target"));
        assert_eq!(unlikely_value(0.0, 6.0, 12.0), None);
        assert_eq!(unlikely_value(0.0, 6.0, 3.0), None);
        // 60 → 100 %: 3 is far the wrong way; 30 is a bad week.
        assert_eq!(unlikely_value(60.0, 100.0, 3.0), Some("far the wrong way"));
        assert_eq!(unlikely_value(60.0, 100.0, 30.0), None);
        // Lower is better: 41 → 35 minutes.
        assert_eq!(unlikely_value(41.0, 35.0, 3.5), Some("far past the target"));
        assert_eq!(unlikely_value(41.0, 35.0, 50.0), Some("far the wrong way"));
        assert_eq!(unlikely_value(41.0, 35.0, 38.0), None);
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// Noon on `date` in a zone one hour east of UTC.
    fn noon(date: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("{date}T12:00:00+01:00")).unwrap()
    }

    fn metric(started_on: &str, due_on: &str) -> Schedule {
        Schedule {
            started_on: day(started_on),
            due_on: Some(day(due_on)),
            is_check: false,
        }
    }

    #[test]
    fn progress_moves_toward_the_target_in_either_direction() {
        // The seed's example: response time from 41 down to 35 minutes, now 38.
        assert_eq!(metric_progress(41.0, 35.0, Some(38.0)), 0.5);
        assert_eq!(metric_progress(10.0, 20.0, Some(15.0)), 0.5);
        assert_eq!(metric_progress(10.0, 20.0, Some(12.5)), 0.25);
        assert_eq!(Direction::of(41.0, 35.0), Some(Direction::Down));
        assert_eq!(Direction::of(10.0, 20.0), Some(Direction::Up));
        assert_eq!(Direction::of(5.0, 5.0), None);
    }

    #[test]
    fn progress_is_clamped_and_zero_without_measurements() {
        assert_eq!(metric_progress(41.0, 35.0, None), 0.0);
        // Worse than the baseline counts as no progress, beyond the target as all of it.
        assert_eq!(metric_progress(41.0, 35.0, Some(45.0)), 0.0);
        assert_eq!(metric_progress(41.0, 35.0, Some(30.0)), 1.0);
        assert_eq!(metric_progress(10.0, 20.0, Some(5.0)), 0.0);
        assert_eq!(metric_progress(10.0, 20.0, Some(25.0)), 1.0);
    }

    #[test]
    fn pace_compares_progress_with_a_straight_line_to_the_due_date() {
        // 30 days from Jan 1 to the end of Jan 30; noon of Jan 16 is 15.5 days in: 0.5167 expected.
        let schedule = metric("2025-01-01", "2025-01-30");
        let now = noon("2025-01-16");
        let pace = |progress| schedule.pace(progress, false, &now).unwrap();
        let expected = pace(0.5).expected.unwrap();
        assert!((expected - 15.5 / 30.0).abs() < 1e-9, "{expected}");
        assert_eq!(pace(0.5).status, PaceStatus::OnPace);
        assert_eq!(pace(0.8).status, PaceStatus::Ahead);
        assert_eq!(pace(0.2).status, PaceStatus::Behind);
        assert_eq!(pace(0.0).status, PaceStatus::Behind);
    }

    #[test]
    fn pace_before_the_start_expects_nothing() {
        let pace = metric("2025-02-01", "2025-02-28")
            .pace(0.0, false, &noon("2025-01-20"))
            .unwrap();
        assert_eq!(pace.expected, Some(0.0));
        assert_eq!(pace.status, PaceStatus::OnPace);
    }

    #[test]
    fn past_due_and_not_done_is_overdue_and_done_is_done() {
        let schedule = metric("2025-01-01", "2025-01-30");
        let late = noon("2025-02-03");
        let overdue = schedule.pace(0.9, false, &late).unwrap();
        assert_eq!(overdue.status, PaceStatus::Overdue);
        assert_eq!(overdue.expected, Some(1.0));
        assert_eq!(schedule.pace(1.0, true, &late).unwrap().status, PaceStatus::Done);
        // The due day itself still counts: it ends at the next local midnight.
        let last_evening = DateTime::parse_from_rfc3339("2025-01-30T23:30:00+01:00").unwrap();
        assert_eq!(
            schedule.pace(0.9, false, &last_evening).unwrap().status,
            PaceStatus::Behind
        );
    }

    #[test]
    fn a_check_is_on_pace_until_it_is_due_and_nothing_is_paced_without_a_due_date() {
        let check = Schedule {
            is_check: true,
            ..metric("2025-01-01", "2025-01-30")
        };
        assert_eq!(
            check.pace(0.0, false, &noon("2025-01-29")).unwrap().status,
            PaceStatus::OnPace
        );
        assert_eq!(
            check.pace(0.0, false, &noon("2025-01-31")).unwrap().status,
            PaceStatus::Overdue
        );
        let open_ended = Schedule {
            due_on: None,
            ..metric("2025-01-01", "2025-01-30")
        };
        let pace = open_ended.pace(0.3, false, &noon("2025-06-01")).unwrap();
        assert_eq!((pace.status, pace.expected), (PaceStatus::Unscheduled, None));
        assert_eq!(
            open_ended.pace(1.0, true, &noon("2025-06-01")).unwrap().status,
            PaceStatus::Done
        );
    }

    #[test]
    fn days_are_local_across_a_clock_change() {
        // Berlin springs forward on 2025-03-30: that day is 23 hours long, and the line still ends at
        // local midnight.
        let berlin = chrono_tz::Europe::Berlin;
        let schedule = metric("2025-03-30", "2025-03-30");
        let half = berlin.with_ymd_and_hms(2025, 3, 30, 12, 30, 0).unwrap();
        let expected = schedule.pace(0.0, false, &half).unwrap().expected.unwrap();
        assert!((expected - 11.5 / 23.0).abs() < 1e-9, "{expected}");
    }
}
