//! Goals and their measurable milestones, as the front ends see them and as `--json` prints them.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::progress::{Direction, PaceStatus};
use crate::{Entry, Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum GoalStatus {
    Active,
    Done,
    Dropped,
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 3] = [GoalStatus::Active, GoalStatus::Done, GoalStatus::Dropped];

    pub fn as_str(self) -> &'static str {
        match self {
            GoalStatus::Active => "active",
            GoalStatus::Done => "done",
            GoalStatus::Dropped => "dropped",
        }
    }
}

impl fmt::Display for GoalStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for GoalStatus {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        GoalStatus::ALL
            .into_iter()
            .find(|status| status.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| Error::invalid("status", format!("{s:?} is not one of active, done, dropped")))
    }
}

/// A goal to be written, optionally broken down into milestones in the same transaction.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct NewGoal {
    pub title: String,
    /// Markdown: why this goal matters.
    pub why: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub milestones: Vec<NewMilestone>,
}

/// A milestone to be written: a done-check, or a metric when `baseline` and `target` are given.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct NewMilestone {
    pub title: String,
    /// The day the pace line starts; `None` means today.
    pub started_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub unit: Option<String>,
}

/// A measurement to be logged; `measured_at: None` means now.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(optional_fields)]
pub struct NewMeasurement {
    pub value: f64,
    #[serde(default)]
    pub measured_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub note: Option<String>,
    /// The user confirmed a value far past the target or far the wrong way (see
    /// [`crate::progress::unlikely_value`]); without it such a value is refused.
    #[serde(default)]
    pub confirmed: bool,
}

impl NewMeasurement {
    pub fn new(value: f64) -> Self {
        NewMeasurement {
            value,
            measured_at: None,
            note: None,
            confirmed: false,
        }
    }
}

/// A stored goal with every live milestone, each with its progress worked out for "now".
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Goal {
    pub id: String,
    pub title: String,
    pub why: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub status: GoalStatus,
    /// The mean of its milestones' progress, from 0 to 1.
    pub progress: f64,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub milestones: Vec<Milestone>,
}

/// What a metric milestone measures: from `baseline` towards `target`, in `unit`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Metric {
    pub baseline: f64,
    pub target: f64,
    /// May be empty (a count).
    pub unit: String,
    /// Up when the target is above the baseline, down when below.
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Milestone {
    pub id: String,
    pub goal_id: String,
    pub title: String,
    pub started_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    /// `None` for a done-check.
    pub metric: Option<Metric>,
    /// When the target was first reached or the check ticked; it is celebrated once.
    pub done_at: Option<DateTime<FixedOffset>>,
    /// The value measured last (by when it was measured).
    pub latest: Option<f64>,
    /// How far the latest value has come from baseline to target (a check: 0 or 1), from 0 to 1.
    pub progress: f64,
    pub pace: PaceStatus,
    /// Where a straight line from start to due date says progress should be now.
    pub expected: Option<f64>,
    /// Oldest first.
    pub measurements: Vec<Measurement>,
    /// Entries linked to this milestone, newest first.
    pub linked: Vec<Entry>,
    pub created_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Measurement {
    pub id: String,
    pub value: f64,
    pub measured_at: DateTime<FixedOffset>,
    pub note: Option<String>,
}

/// A milestone after a measurement or a tick, and the win written if this reached it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Progressed {
    pub milestone: Milestone,
    pub celebration: Option<Entry>,
    /// The measurement just logged, so it can be corrected or taken back; `None` for a tick.
    pub measurement_id: Option<String>,
}

/// Corrections to a goal: every `Some` field is replaced, every `None` left as it is.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct GoalChanges {
    pub title: Option<String>,
    /// `Some(None)` clears it (in JSON: `null`; leaving it out keeps it).
    #[serde(deserialize_with = "crate::model::present")]
    #[ts(optional, type = "string | null")]
    pub why: Option<Option<String>>,
    #[serde(deserialize_with = "crate::model::present")]
    #[ts(optional, type = "string | null")]
    pub due_on: Option<Option<NaiveDate>>,
}

/// Corrections to a milestone. A metric's baseline, target and unit can change, but a metric
/// stays a metric and a done-check a done-check.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct MilestoneChanges {
    pub title: Option<String>,
    pub started_on: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::model::present")]
    #[ts(optional, type = "string | null")]
    pub due_on: Option<Option<NaiveDate>>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub unit: Option<String>,
}

/// Corrections to a measurement, as [`NewMeasurement`] would have had them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct MeasurementChanges {
    pub value: Option<f64>,
    pub measured_at: Option<DateTime<FixedOffset>>,
    #[serde(deserialize_with = "crate::model::present")]
    #[ts(optional, type = "string | null")]
    pub note: Option<Option<String>>,
    /// As [`NewMeasurement::confirmed`], for the new value.
    pub confirmed: bool,
}

/// Reads a number someone typed, refusing anything that is not a finite decimal number.
pub fn parse_number(field: &'static str, input: &str) -> Result<f64> {
    input
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
        .ok_or_else(|| Error::invalid(field, format!("{input:?} is not a number")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_finite_decimals() {
        assert_eq!(parse_number("value", " 38.5 ").unwrap(), 38.5);
        assert_eq!(parse_number("value", "-2").unwrap(), -2.0);
        for bad in ["", "abc", "NaN", "inf", "38 min", "3,5"] {
            let message = parse_number("value", bad).unwrap_err().to_string();
            assert_eq!(message, format!("value: {bad:?} is not a number"));
        }
    }

    #[test]
    fn statuses_read_as_typed() {
        assert_eq!("Dropped".parse::<GoalStatus>().unwrap(), GoalStatus::Dropped);
        assert!("finished".parse::<GoalStatus>().is_err());
    }
}
