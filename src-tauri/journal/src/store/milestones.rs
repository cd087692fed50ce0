//! Writing milestones: adding one to a goal, logging a measurement and ticking a check.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, TimeZone};
use rusqlite::{Transaction, params};

use super::goal_reads::{MILESTONE_COLUMNS, MilestoneRow, live_row};
use super::ids::{IdSequence, new_id};
use super::reached::{celebrate, confirmed_value, settle_reached};
use super::{Store, non_empty};
use crate::error::Record;
use crate::goals::{Milestone, NewMeasurement, NewMilestone, Progressed};
use crate::progress::Direction;
use crate::{Error, Result};

/// A milestone's fields once checked, ready to be written.
pub(super) struct MilestoneFields {
    pub(super) title: String,
    pub(super) started_on: NaiveDate,
    pub(super) due_on: Option<NaiveDate>,
    /// Baseline, target and unit of a metric; `None` for a done-check.
    metric: Option<(f64, f64, String)>,
}

impl MilestoneFields {
    pub(super) fn checked(draft: NewMilestone, today: NaiveDate) -> Result<MilestoneFields> {
        let title = non_empty(Some(draft.title)).ok_or_else(|| Error::invalid("title", "a milestone needs a title"))?;
        let metric = match (draft.baseline, draft.target) {
            (Some(baseline), Some(target)) => {
                for (field, value) in [("baseline", baseline), ("target", target)] {
                    if !value.is_finite() {
                        return Err(Error::invalid(field, format!("{value} is not a number")));
                    }
                }
                if Direction::of(baseline, target).is_none() {
                    return Err(Error::invalid(
                        "target",
                        format!(
                            "the target {target} equals the baseline; a milestone has to move one way or the other"
                        ),
                    ));
                }
                let unit = draft.unit.map(|unit| unit.trim().to_owned()).unwrap_or_default();
                Some((baseline, target, unit))
            }
            (Some(_), None) => {
                return Err(Error::invalid(
                    "target",
                    "a metric needs a target as well as a baseline",
                ));
            }
            (None, Some(_)) => {
                return Err(Error::invalid(
                    "baseline",
                    "a metric needs a baseline as well as a target",
                ));
            }
            (None, None) if draft.unit.as_deref().is_some_and(|unit| !unit.trim().is_empty()) => {
                return Err(Error::invalid(
                    "unit",
                    "only a metric has a unit: give a baseline and a target too",
                ));
            }
            (None, None) => None,
        };
        let started_on = draft.started_on.unwrap_or(today);
        if let Some(due_on) = draft.due_on
            && due_on < started_on
        {
            return Err(Error::invalid(
                "due",
                format!("{due_on} is before the start, {started_on}"),
            ));
        }
        Ok(MilestoneFields {
            title,
            started_on,
            due_on: draft.due_on,
            metric,
        })
    }

    /// The baseline, target and unit columns: all set for a metric, all empty for a check.
    pub(super) fn metric_columns(&self) -> (Option<f64>, Option<f64>, Option<&str>) {
        match &self.metric {
            Some((baseline, target, unit)) => (Some(*baseline), Some(*target), Some(unit.as_str())),
            None => (None, None, None),
        }
    }
}

/// Checks and writes a milestone of `goal_id` inside `tx`, its id the next of `ids` (one sequence
/// for the milestones a goal is written with, so they keep their order); returns its id.
pub(super) fn insert_milestone<Tz: TimeZone>(
    tx: &Transaction<'_>,
    goal_id: &str,
    draft: NewMilestone,
    ids: &IdSequence,
    now: &DateTime<Tz>,
) -> Result<String> {
    let fields = MilestoneFields::checked(draft, now.date_naive())?;
    let id = ids.next(now);
    let stamps = MilestoneStamps {
        id: &id,
        done_at: None,
        utc_offset: now.offset().fix().local_minus_utc(),
        created_at: now.timestamp_millis(),
        updated_at: now.timestamp_millis(),
    };
    write_milestone(tx, goal_id, &fields, &stamps)?;
    Ok(id)
}

/// Who a milestone row is and when it was written: new now, or kept from an export.
pub(super) struct MilestoneStamps<'a> {
    pub(super) id: &'a str,
    pub(super) done_at: Option<i64>,
    pub(super) utc_offset: i32,
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
}

/// Writes a checked milestone's row.
pub(super) fn write_milestone(
    tx: &Transaction<'_>,
    goal_id: &str,
    fields: &MilestoneFields,
    stamps: &MilestoneStamps<'_>,
) -> Result<()> {
    let (baseline, target, unit) = fields.metric_columns();
    tx.prepare_cached(
        "INSERT INTO milestones (id, goal_id, title, started_on, due_on, baseline, target, unit, done_at, \
         utc_offset, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        stamps.id,
        goal_id,
        fields.title,
        fields.started_on,
        fields.due_on,
        baseline,
        target,
        unit,
        stamps.done_at,
        stamps.utc_offset,
        stamps.created_at,
        stamps.updated_at,
    ])?;
    Ok(())
}

impl Store {
    /// Adds a milestone to a live goal and returns it.
    pub fn add_milestone<Tz: TimeZone>(
        &mut self,
        goal_id: &str,
        draft: NewMilestone,
        now: &DateTime<Tz>,
    ) -> Result<Milestone> {
        let tx = self.conn.transaction()?;
        live_row(&tx, Record::Goal, goal_id)?;
        let id = insert_milestone(&tx, goal_id, draft, &IdSequence::new(), now)?;
        tx.commit()?;
        self.milestone(&id, now)
    }

    /// Logs a value of a metric milestone. The first time the latest value reaches the target, a
    /// win linked to the milestone is written in the same transaction and returned as the
    /// celebration; later measurements never write another.
    pub fn measure<Tz: TimeZone>(
        &mut self,
        milestone_id: &str,
        draft: NewMeasurement,
        now: &DateTime<Tz>,
    ) -> Result<Progressed> {
        let measured_at = draft.measured_at.unwrap_or_else(|| now.fixed_offset());
        let tx = self.conn.transaction()?;
        let milestone = live_milestone_row(&tx, milestone_id)?;
        let Some(metric) = &milestone.metric else {
            return Err(Error::invalid(
                "value",
                format!("{:?} is a done-check: tick it instead of measuring it", milestone.title),
            ));
        };
        confirmed_value(metric, draft.value, draft.confirmed)?;
        let id = new_id(now);
        let note = non_empty(draft.note);
        insert_measurement(
            &tx,
            &id,
            milestone_id,
            draft.value,
            measured_at,
            note,
            now.timestamp_millis(),
        )?;
        let celebration = settle_reached(&tx, milestone_id, now)?;
        tx.commit()?;
        self.progressed(milestone_id, celebration, Some(id), now)
    }

    /// Ticks a done-check milestone; the first tick writes a win linked to it. Ticking it again
    /// changes nothing.
    pub fn check<Tz: TimeZone>(&mut self, milestone_id: &str, now: &DateTime<Tz>) -> Result<Progressed> {
        let tx = self.conn.transaction()?;
        let milestone = live_milestone_row(&tx, milestone_id)?;
        if milestone.metric.is_some() {
            return Err(Error::invalid(
                "milestone",
                format!("{:?} is measured, not ticked: log a value instead", milestone.title),
            ));
        }
        let celebration = match milestone.done_at {
            Some(_) => None,
            None => Some(celebrate(&tx, &milestone, "Done.", now.fixed_offset(), now)?),
        };
        tx.commit()?;
        self.progressed(milestone_id, celebration, None, now)
    }

    pub(super) fn progressed<Tz: TimeZone>(
        &self,
        milestone_id: &str,
        celebration: Option<String>,
        measurement_id: Option<String>,
        now: &DateTime<Tz>,
    ) -> Result<Progressed> {
        Ok(Progressed {
            milestone: self.milestone(milestone_id, now)?,
            celebration: celebration.map(|id| self.get(&id)).transpose()?,
            measurement_id,
        })
    }
}

/// Writes one measurement inside `tx`, without looking at what it means for the milestone.
pub(crate) fn insert_measurement(
    tx: &Transaction<'_>,
    id: &str,
    milestone_id: &str,
    value: f64,
    measured_at: DateTime<FixedOffset>,
    note: Option<String>,
    created_at_millis: i64,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO measurements (id, milestone_id, value, measured_at, utc_offset, note, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        milestone_id,
        value,
        measured_at.timestamp_millis(),
        measured_at.offset().local_minus_utc(),
        note,
        created_at_millis,
    ])?;
    Ok(())
}

pub(super) fn live_milestone_row(tx: &Transaction<'_>, id: &str) -> Result<MilestoneRow> {
    live_row(tx, Record::Milestone, id)?;
    Ok(tx
        .prepare_cached(&format!("SELECT {MILESTONE_COLUMNS} FROM milestones m WHERE m.id = ?1"))?
        .query_row([id], MilestoneRow::read)?)
}
