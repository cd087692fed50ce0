//! Correcting goals, milestones and measurements: edits, and deletes that can be undone. A
//! measurement corrected or taken back also corrects whether its milestone is reached.

use chrono::{DateTime, Offset, TimeZone};
use rusqlite::{Transaction, params};

use super::goal_reads::live_row;
use super::milestones::{MilestoneFields, live_milestone_row};
use super::reached::{confirmed_value, settle_reached};
use super::row::{instant_at, offset_at};
use super::{Store, non_empty};
use crate::error::Record;
use crate::goals::{Goal, GoalChanges, MeasurementChanges, Milestone, MilestoneChanges, NewMilestone, Progressed};
use crate::{Error, Result};

impl Store {
    /// Changes a live goal's title, why or due date.
    pub fn edit_goal<Tz: TimeZone>(&mut self, id: &str, changes: GoalChanges, now: &DateTime<Tz>) -> Result<Goal> {
        let goal = self.goal(id, now)?;
        let title = match changes.title {
            Some(title) => non_empty(Some(title)).ok_or_else(|| Error::invalid("title", "a goal needs a title"))?,
            None => goal.title,
        };
        let why = changes.why.map_or(goal.why, non_empty);
        let due_on = changes.due_on.unwrap_or(goal.due_on);
        self.conn.execute(
            "UPDATE goals SET title = ?2, why = ?3, due_on = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, title, why, due_on, now.timestamp_millis()],
        )?;
        self.goal(id, now)
    }

    /// Changes a live milestone; a new baseline or target may reach it or take "reached" back.
    pub fn edit_milestone<Tz: TimeZone>(
        &mut self,
        id: &str,
        changes: MilestoneChanges,
        now: &DateTime<Tz>,
    ) -> Result<Progressed> {
        let tx = self.conn.transaction()?;
        let current = live_milestone_row(&tx, id)?;
        let metric = current.metric.as_ref();
        if metric.is_none() && (changes.baseline.is_some() || changes.target.is_some() || changes.unit.is_some()) {
            return Err(Error::invalid(
                "milestone",
                format!(
                    "{:?} is a done-check: it has no baseline, target or unit",
                    current.title
                ),
            ));
        }
        let draft = NewMilestone {
            title: changes.title.unwrap_or(current.title),
            started_on: Some(changes.started_on.unwrap_or(current.started_on)),
            due_on: changes.due_on.unwrap_or(current.due_on),
            baseline: changes.baseline.or(metric.map(|m| m.baseline)),
            target: changes.target.or(metric.map(|m| m.target)),
            unit: changes.unit.or(metric.map(|m| m.unit.clone())),
        };
        let fields = MilestoneFields::checked(draft, now.date_naive())?;
        let (baseline, target, unit) = fields.metric_columns();
        tx.prepare_cached(
            "UPDATE milestones SET title = ?2, started_on = ?3, due_on = ?4, baseline = ?5, target = ?6, \
             unit = ?7, updated_at = ?8 WHERE id = ?1",
        )?
        .execute(params![
            id,
            fields.title,
            fields.started_on,
            fields.due_on,
            baseline,
            target,
            unit,
            now.timestamp_millis()
        ])?;
        let celebration = settle_reached(&tx, id, now)?;
        tx.commit()?;
        self.progressed(id, celebration, None, now)
    }

    /// Soft-deletes a milestone: it leaves its goal until restored.
    pub fn remove_milestone<Tz: TimeZone>(&mut self, id: &str, now: &DateTime<Tz>) -> Result<Milestone> {
        let milestone = self.milestone(id, now)?;
        self.conn.execute(
            "UPDATE milestones SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now.timestamp_millis()],
        )?;
        Ok(milestone)
    }

    /// Brings a soft-deleted milestone back.
    pub fn restore_milestone<Tz: TimeZone>(&mut self, id: &str, now: &DateTime<Tz>) -> Result<Milestone> {
        let restored = self.conn.execute(
            "UPDATE milestones SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, now.timestamp_millis()],
        )?;
        if restored == 0 {
            live_row(&self.conn, Record::Milestone, id)?;
            return Err(Error::NotDeleted {
                record: Record::Milestone,
                id: id.to_owned(),
            });
        }
        self.milestone(id, now)
    }

    /// Corrects a measurement's value, time or note, and what it means for its milestone.
    pub fn edit_measurement<Tz: TimeZone>(
        &mut self,
        id: &str,
        changes: MeasurementChanges,
        now: &DateTime<Tz>,
    ) -> Result<Progressed> {
        let tx = self.conn.transaction()?;
        live_row(&tx, Record::Measurement, id)?;
        let current = measurement_row(&tx, id)?;
        let milestone = live_milestone_row(&tx, &current.milestone_id)?;
        let value = match changes.value {
            Some(value) if value != current.value => {
                if let Some(metric) = &milestone.metric {
                    confirmed_value(metric, value, changes.confirmed)?;
                }
                value
            }
            _ => current.value,
        };
        let measured_at = changes.measured_at.unwrap_or(current.measured_at);
        let note = changes.note.map_or(current.note, non_empty);
        tx.prepare_cached(
            "UPDATE measurements SET value = ?2, measured_at = ?3, utc_offset = ?4, note = ?5 WHERE id = ?1",
        )?
        .execute(params![
            id,
            value,
            measured_at.timestamp_millis(),
            measured_at.offset().fix().local_minus_utc(),
            note
        ])?;
        let celebration = settle_reached(&tx, &current.milestone_id, now)?;
        tx.commit()?;
        self.progressed(&current.milestone_id, celebration, Some(id.to_owned()), now)
    }

    /// Soft-deletes a measurement; a milestone it alone had reached is no longer reached, and the
    /// win that celebrated it is deleted too, until the measurement is restored.
    pub fn remove_measurement<Tz: TimeZone>(&mut self, id: &str, now: &DateTime<Tz>) -> Result<Progressed> {
        self.set_measurement_deleted(id, true, now)
    }

    /// Brings a soft-deleted measurement back, with the "reached" and win it had brought.
    pub fn restore_measurement<Tz: TimeZone>(&mut self, id: &str, now: &DateTime<Tz>) -> Result<Progressed> {
        self.set_measurement_deleted(id, false, now)
    }

    fn set_measurement_deleted<Tz: TimeZone>(
        &mut self,
        id: &str,
        deleted: bool,
        now: &DateTime<Tz>,
    ) -> Result<Progressed> {
        let tx = self.conn.transaction()?;
        let current = measurement_row(&tx, id)?;
        match (deleted, current.deleted) {
            (true, true) => live_row(&tx, Record::Measurement, id)?,
            (false, false) => {
                return Err(Error::NotDeleted {
                    record: Record::Measurement,
                    id: id.to_owned(),
                });
            }
            _ => {}
        }
        live_milestone_row(&tx, &current.milestone_id)?;
        tx.prepare_cached("UPDATE measurements SET deleted_at = ?2 WHERE id = ?1")?
            .execute(params![id, deleted.then_some(now.timestamp_millis())])?;
        let celebration = settle_reached(&tx, &current.milestone_id, now)?;
        tx.commit()?;
        self.progressed(&current.milestone_id, celebration, Some(id.to_owned()), now)
    }
}

/// A measurement as stored.
struct MeasurementRow {
    milestone_id: String,
    value: f64,
    measured_at: DateTime<chrono::FixedOffset>,
    note: Option<String>,
    deleted: bool,
}

fn measurement_row(tx: &Transaction<'_>, id: &str) -> Result<MeasurementRow> {
    tx.prepare_cached(
        "SELECT milestone_id, value, measured_at, utc_offset, note, deleted_at IS NOT NULL \
         FROM measurements WHERE id = ?1",
    )?
    .query_row([id], |row| {
        Ok(MeasurementRow {
            milestone_id: row.get(0)?,
            value: row.get(1)?,
            measured_at: instant_at(row.get(2)?, offset_at(row, 3)?, 2)?,
            note: row.get(4)?,
            deleted: row.get(5)?,
        })
    })
    .map_err(|error| match error {
        rusqlite::Error::QueryReturnedNoRows => Error::not_found(Record::Measurement, id),
        other => other.into(),
    })
}
