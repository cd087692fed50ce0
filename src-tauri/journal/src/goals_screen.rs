//! Goals as the Goals screen draws them: each metric's chart as the points its line can show rather
//! than every measurement, and a fingerprint per goal so that the window is sent only the goals that
//! changed since it last read them.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hasher};
use std::io;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use serde::Serialize;
use ts_rs::TS;

use crate::goals::{Goal, GoalStatus, Measurement, Metric, Milestone};
use crate::markdown::to_safe_html;
use crate::progress::PaceStatus;
use crate::{Entry, Error, Result, Store};

/// A chart is 220 pixels wide: one point per two pixels is all its line can show.
pub const CHART_POINTS: usize = 110;

/// A milestone row lists this many of its linked entries, and counts the rest.
pub const SHOWN_LINKED: usize = 5;

/// One point of a chart: when the value was measured (milliseconds since the Unix epoch) and the
/// value, exactly as measured.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct ChartPoint(pub i64, pub f64);

/// What a metric's chart draws of its measurements.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChartLine {
    /// Oldest first, at most [`CHART_POINTS`] + 1: every `step`-th measurement from the first, the
    /// step being the smallest that keeps them within [`CHART_POINTS`], and always the latest.
    pub points: Vec<ChartPoint>,
    /// The lowest and highest values of every measurement, drawn or not: the chart's scale takes
    /// them in.
    pub lowest: f64,
    pub highest: f64,
}

/// A milestone as its row on the Goals screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScreenMilestone {
    pub id: String,
    pub goal_id: String,
    pub title: String,
    pub started_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    /// `None` for a done-check.
    pub metric: Option<Metric>,
    pub done_at: Option<DateTime<FixedOffset>>,
    /// The value measured last (by when it was measured).
    pub latest: Option<f64>,
    /// From 0 to 1.
    pub progress: f64,
    pub pace: PaceStatus,
    /// Where the pace line says progress should be now, to the whole percent the bar marks it at:
    /// exact, it would differ at every read, and so would the goal's fingerprint.
    pub expected: Option<f64>,
    pub measurement_count: usize,
    /// `None` until something is measured.
    pub chart: Option<ChartLine>,
    /// The newest [`SHOWN_LINKED`] entries linked to it, newest first.
    pub linked: Vec<Entry>,
    pub linked_count: usize,
}

/// A goal as its card on the Goals screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScreenGoal {
    pub id: String,
    pub title: String,
    /// Markdown, as written (the card's editor starts from it).
    pub why: Option<String>,
    /// Sanitised HTML of `why`.
    pub why_html: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub status: GoalStatus,
    /// The mean of its milestones' progress, from 0 to 1.
    pub progress: f64,
    pub milestones: Vec<ScreenMilestone>,
}

/// One goal of the Goals screen, in the screen's order.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GoalUpdate {
    pub id: String,
    /// Changes whenever anything the card shows changes, and with the day.
    pub fingerprint: String,
    /// `None` when the window said it holds this fingerprint: what it shows is still true.
    pub goal: Option<ScreenGoal>,
}

impl Store {
    /// Every live goal in the Goals screen's order (as [`Store::goals`]), leaving out the ones whose
    /// fingerprint is in `known`.
    pub fn goals_screen<Tz: TimeZone>(&self, known: &HashSet<String>, now: &DateTime<Tz>) -> Result<Vec<GoalUpdate>> {
        let today = now.date_naive();
        self.goals(now)?
            .into_iter()
            .map(|goal| {
                let goal = ScreenGoal::from(goal);
                let fingerprint = fingerprint(&goal, today)?;
                Ok(GoalUpdate {
                    id: goal.id.clone(),
                    goal: (!known.contains(&fingerprint)).then_some(goal),
                    fingerprint,
                })
            })
            .collect()
    }
}

/// A hash of the goal as sent and of the day it was read on: the chart's time axis and the pace
/// move with the day even when nothing is logged.
fn fingerprint(goal: &ScreenGoal, today: NaiveDate) -> Result<String> {
    struct HashWriter(DefaultHasher);
    impl io::Write for HashWriter {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut writer = HashWriter(DefaultHasher::new());
    serde_json::to_writer(&mut writer, &(today, goal)).map_err(|e| Error::invalid("goal", e.to_string()))?;
    Ok(format!("{:016x}", writer.0.finish()))
}

impl From<Goal> for ScreenGoal {
    fn from(goal: Goal) -> Self {
        ScreenGoal {
            why_html: goal.why.as_deref().map(to_safe_html),
            id: goal.id,
            title: goal.title,
            why: goal.why,
            due_on: goal.due_on,
            status: goal.status,
            progress: goal.progress,
            milestones: goal.milestones.into_iter().map(ScreenMilestone::from).collect(),
        }
    }
}

impl From<Milestone> for ScreenMilestone {
    fn from(milestone: Milestone) -> Self {
        let linked_count = milestone.linked.len();
        let mut linked = milestone.linked;
        linked.truncate(SHOWN_LINKED);
        ScreenMilestone {
            id: milestone.id,
            goal_id: milestone.goal_id,
            title: milestone.title,
            started_on: milestone.started_on,
            due_on: milestone.due_on,
            metric: milestone.metric,
            done_at: milestone.done_at,
            latest: milestone.latest,
            progress: milestone.progress,
            pace: milestone.pace,
            expected: milestone.expected.map(|expected| (expected * 100.0).round() / 100.0),
            measurement_count: milestone.measurements.len(),
            chart: chart_line(&milestone.measurements),
            linked,
            linked_count,
        }
    }
}

/// The points a chart draws of `measurements` (oldest first), or `None` when there are none.
pub fn chart_line(measurements: &[Measurement]) -> Option<ChartLine> {
    let latest = measurements.last()?;
    let step = measurements.len().div_ceil(CHART_POINTS);
    let point = |m: &Measurement| ChartPoint(m.measured_at.timestamp_millis(), m.value);
    let mut points: Vec<ChartPoint> = measurements.iter().step_by(step).map(point).collect();
    if !(measurements.len() - 1).is_multiple_of(step) {
        points.push(point(latest));
    }
    let values = measurements.iter().map(|m| m.value);
    Some(ChartLine {
        points,
        lowest: values.clone().fold(f64::INFINITY, f64::min),
        highest: values.fold(f64::NEG_INFINITY, f64::max),
    })
}

#[cfg(test)]
mod tests;
