//! Reading goals whole: goals, milestones, measurements and linked entries in four queries however
//! many there are, with each milestone's progress and pace worked out for "now".

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Store;
use super::row::{ENTRY_COLUMNS, entry_from_row, instant_at, offset_at};
use crate::error::Record;
use crate::goals::{Goal, GoalStatus, Measurement, Metric, Milestone};
use crate::progress::{Direction, Schedule, metric_progress};
use crate::{Entry, Error, Result};

/// Which goals to read.
#[derive(Clone, Copy)]
pub(super) enum Scope<'a> {
    Every,
    Goal(&'a str),
    Milestone(&'a str),
}

/// How much of each milestone to read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Detail {
    /// Every measurement and linked entry, as the Goals screen shows them.
    Full,
    /// Only the latest measurement, and no linked entries: enough for progress and pace, and one
    /// index look-up a milestone however many measurements it has.
    Glance,
}

/// A milestone as stored, before its measurements and links are joined to it.
pub(super) struct MilestoneRow {
    pub(super) id: String,
    pub(super) goal_id: String,
    pub(super) title: String,
    pub(super) started_on: NaiveDate,
    pub(super) due_on: Option<NaiveDate>,
    pub(super) metric: Option<Metric>,
    pub(super) done_at: Option<DateTime<FixedOffset>>,
    pub(super) created_at: DateTime<FixedOffset>,
}

pub(super) const MILESTONE_COLUMNS: &str = "m.id, m.goal_id, m.title, m.started_on, m.due_on, m.baseline, m.target, m.unit, m.done_at, m.utc_offset, \
     m.created_at";

impl MilestoneRow {
    pub(super) fn read(row: &Row<'_>) -> rusqlite::Result<MilestoneRow> {
        let offset = offset_at(row, 9)?;
        let baseline: Option<f64> = row.get(5)?;
        let target: Option<f64> = row.get(6)?;
        let unit: Option<String> = row.get(7)?;
        let metric = match (baseline, target) {
            (Some(baseline), Some(target)) => Some(Metric {
                baseline,
                target,
                unit: unit.unwrap_or_default(),
                // The schema refuses a target equal to its baseline.
                direction: Direction::of(baseline, target).unwrap_or(Direction::Up),
            }),
            _ => None,
        };
        Ok(MilestoneRow {
            id: row.get(0)?,
            goal_id: row.get(1)?,
            title: row.get(2)?,
            started_on: row.get(3)?,
            due_on: row.get(4)?,
            metric,
            done_at: row
                .get::<_, Option<i64>>(8)?
                .map(|millis| instant_at(millis, offset, 8))
                .transpose()?,
            created_at: instant_at(row.get(10)?, offset, 10)?,
        })
    }

    fn into_milestone<Tz: TimeZone>(
        self,
        measurements: Vec<Measurement>,
        linked: Vec<Entry>,
        now: &DateTime<Tz>,
    ) -> Result<Milestone> {
        let latest = measurements.last().map(|m| m.value);
        let done = self.done_at.is_some();
        let progress = match &self.metric {
            Some(metric) => metric_progress(metric.baseline, metric.target, latest),
            None if done => 1.0,
            None => 0.0,
        };
        let schedule = Schedule {
            started_on: self.started_on,
            due_on: self.due_on,
            is_check: self.metric.is_none(),
        };
        let pace = schedule.pace(progress, done, now)?;
        Ok(Milestone {
            id: self.id,
            goal_id: self.goal_id,
            title: self.title,
            started_on: self.started_on,
            due_on: self.due_on,
            metric: self.metric,
            done_at: self.done_at,
            latest,
            progress,
            pace: pace.status,
            expected: pace.expected,
            measurements,
            linked,
            created_at: self.created_at,
        })
    }
}

impl Store {
    /// Every live goal with its milestones: active ones first, then done, then dropped.
    pub fn goals<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<Vec<Goal>> {
        self.read_goals(Scope::Every, Detail::Full, now)
    }

    /// Every live goal with its milestones' progress and pace, each milestone carrying only its
    /// latest measurement and no linked entries.
    pub(crate) fn goals_at_a_glance<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<Vec<Goal>> {
        self.read_goals(Scope::Every, Detail::Glance, now)
    }

    /// One live goal with its milestones.
    pub fn goal<Tz: TimeZone>(&self, id: &str, now: &DateTime<Tz>) -> Result<Goal> {
        live_row(&self.conn, Record::Goal, id)?;
        self.read_goals(Scope::Goal(id), Detail::Full, now)?
            .pop()
            .ok_or_else(|| Error::not_found(Record::Goal, id))
    }

    /// One live milestone of a live goal.
    pub fn milestone<Tz: TimeZone>(&self, id: &str, now: &DateTime<Tz>) -> Result<Milestone> {
        live_row(&self.conn, Record::Milestone, id)?;
        self.read_goals(Scope::Milestone(id), Detail::Full, now)?
            .pop()
            .and_then(|mut goal| goal.milestones.pop())
            .ok_or_else(|| Error::not_found(Record::Milestone, id))
    }

    pub(super) fn read_goals<Tz: TimeZone>(
        &self,
        scope: Scope<'_>,
        detail: Detail,
        now: &DateTime<Tz>,
    ) -> Result<Vec<Goal>> {
        let (goal_id, milestone_id) = match scope {
            Scope::Every => (None, None),
            Scope::Goal(id) => (Some(id), None),
            Scope::Milestone(id) => (None, Some(id)),
        };
        // Every query below reads the live milestones of live goals within the scope as `m`.
        let in_scope = "m.deleted_at IS NULL AND (?1 IS NULL OR m.goal_id = ?1) AND (?2 IS NULL OR m.id = ?2) \
                        AND m.goal_id IN (SELECT id FROM goals WHERE deleted_at IS NULL)";

        let mut measurements: HashMap<String, Vec<Measurement>> = HashMap::new();
        let mut statement = self.conn.prepare_cached(&match detail {
            Detail::Full => format!(
                "SELECT ms.milestone_id, ms.id, ms.value, ms.measured_at, ms.utc_offset, ms.note \
                 FROM measurements ms JOIN milestones m ON m.id = ms.milestone_id \
                 WHERE ms.deleted_at IS NULL AND {in_scope} ORDER BY ms.milestone_id, ms.measured_at, ms.seq"
            ),
            Detail::Glance => format!(
                "SELECT ms.milestone_id, ms.id, ms.value, ms.measured_at, ms.utc_offset, ms.note \
                 FROM milestones m JOIN measurements ms ON ms.seq = (SELECT p.seq FROM measurements p \
                    WHERE p.milestone_id = m.id AND p.deleted_at IS NULL \
                    ORDER BY p.measured_at DESC, p.seq DESC LIMIT 1) \
                 WHERE {in_scope}"
            ),
        })?;
        let mut rows = statement.query(params![goal_id, milestone_id])?;
        while let Some(row) = rows.next()? {
            let offset = offset_at(row, 4)?;
            let measurement = Measurement {
                id: row.get(1)?,
                value: row.get(2)?,
                measured_at: instant_at(row.get(3)?, offset, 3)?,
                note: row.get(5)?,
            };
            measurements.entry(row.get(0)?).or_default().push(measurement);
        }

        let mut linked: HashMap<String, Vec<Entry>> = HashMap::new();
        if detail == Detail::Full {
            let mut statement = self.conn.prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM entries e JOIN milestones m ON m.id = e.milestone_id \
                 WHERE e.deleted_at IS NULL AND {in_scope} ORDER BY e.occurred_at DESC, e.id DESC"
            ))?;
            let mut rows = statement.query(params![goal_id, milestone_id])?;
            while let Some(row) = rows.next()? {
                let entry = entry_from_row(row)?;
                if let Some(milestone_id) = entry.milestone_id.clone() {
                    linked.entry(milestone_id).or_default().push(entry);
                }
            }
        }

        let mut milestones: HashMap<String, Vec<Milestone>> = HashMap::new();
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {MILESTONE_COLUMNS} FROM milestones m WHERE {in_scope} ORDER BY m.seq"
        ))?;
        let rows: Vec<MilestoneRow> = statement
            .query_map(params![goal_id, milestone_id], MilestoneRow::read)?
            .collect::<rusqlite::Result<_>>()?;
        for row in rows {
            let own_measurements = measurements.remove(&row.id).unwrap_or_default();
            let own_links = linked.remove(&row.id).unwrap_or_default();
            let goal = row.goal_id.clone();
            milestones
                .entry(goal)
                .or_default()
                .push(row.into_milestone(own_measurements, own_links, now)?);
        }

        let mut statement = self.conn.prepare_cached(
            "SELECT g.id, g.title, g.why, g.due_on, g.status, g.utc_offset, g.created_at, g.updated_at FROM goals g \
             WHERE g.deleted_at IS NULL AND (?1 IS NULL OR g.id = ?1) \
             AND (?2 IS NULL OR g.id = (SELECT goal_id FROM milestones WHERE id = ?2)) \
             ORDER BY CASE g.status WHEN 'active' THEN 0 WHEN 'done' THEN 1 ELSE 2 END, g.seq",
        )?;
        let mut rows = statement.query(params![goal_id, milestone_id])?;
        let mut goals = Vec::new();
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let offset = offset_at(row, 5)?;
            let status: String = row.get(4)?;
            let own_milestones = milestones.remove(&id).unwrap_or_default();
            let progress = if own_milestones.is_empty() {
                0.0
            } else {
                own_milestones.iter().map(|m| m.progress).sum::<f64>() / own_milestones.len() as f64
            };
            goals.push(Goal {
                id,
                title: row.get(1)?,
                why: row.get(2)?,
                due_on: row.get(3)?,
                status: status.parse::<GoalStatus>()?,
                progress,
                created_at: instant_at(row.get(6)?, offset, 6)?,
                updated_at: instant_at(row.get(7)?, offset, 7)?,
                milestones: own_milestones,
            });
        }
        Ok(goals)
    }
}

/// Fails unless `id` names a live `record`: not found, or deleted.
pub(super) fn live_row(conn: &Connection, record: Record, id: &str) -> Result<()> {
    let deleted: Option<bool> = conn
        .prepare_cached(&format!(
            "SELECT deleted_at IS NOT NULL FROM {} WHERE id = ?1",
            record.table()
        ))?
        .query_row([id], |row| row.get(0))
        .optional()?;
    match deleted {
        Some(false) => Ok(()),
        Some(true) => Err(Error::Deleted {
            record,
            id: id.to_owned(),
        }),
        None => Err(Error::not_found(record, id)),
    }
}
