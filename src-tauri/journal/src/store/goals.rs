//! Writing goals: a goal and the milestones it is broken into in one transaction, its status, and
//! soft delete so a removed goal can come back.

use chrono::{DateTime, Offset, TimeZone};
use rusqlite::params;

use super::goal_reads::live_row;
use super::ids::{IdSequence, new_id};
use super::milestones::insert_milestone;
use super::{Store, non_empty};
use crate::error::Record;
use crate::goals::{Goal, GoalStatus, NewGoal};
use crate::{Error, Result};

impl Store {
    /// Writes a goal and its milestones, all or nothing, and returns it as stored.
    pub fn add_goal<Tz: TimeZone>(&mut self, draft: NewGoal, now: &DateTime<Tz>) -> Result<Goal> {
        let title = non_empty(Some(draft.title)).ok_or_else(|| Error::invalid("title", "a goal needs a title"))?;
        let today = now.date_naive();
        if let Some(due_on) = draft.due_on
            && due_on < today
        {
            return Err(Error::invalid("due", format!("{due_on} is before today, {today}")));
        }
        let id = new_id(now);
        let tx = self.conn.transaction()?;
        tx.prepare_cached(
            "INSERT INTO goals (id, title, why, due_on, utc_offset, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )?
        .execute(params![
            id,
            title,
            non_empty(draft.why),
            draft.due_on,
            now.offset().fix().local_minus_utc(),
            now.timestamp_millis(),
        ])?;
        let milestone_ids = IdSequence::new();
        for milestone in draft.milestones {
            insert_milestone(&tx, &id, milestone, &milestone_ids, now)?;
        }
        tx.commit()?;
        self.goal(&id, now)
    }

    /// Marks a goal active, done or dropped.
    pub fn set_goal_status<Tz: TimeZone>(&mut self, id: &str, status: GoalStatus, now: &DateTime<Tz>) -> Result<Goal> {
        live_row(&self.conn, Record::Goal, id)?;
        self.conn.execute(
            "UPDATE goals SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status.as_str(), now.timestamp_millis()],
        )?;
        self.goal(id, now)
    }

    /// Soft-deletes a goal: it and its milestones leave every screen until restored.
    pub fn remove_goal<Tz: TimeZone>(&mut self, id: &str, now: &DateTime<Tz>) -> Result<Goal> {
        let goal = self.goal(id, now)?;
        self.conn.execute(
            "UPDATE goals SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now.timestamp_millis()],
        )?;
        Ok(goal)
    }

    /// Brings a soft-deleted goal back with its milestones.
    pub fn restore_goal<Tz: TimeZone>(&mut self, id: &str, now: &DateTime<Tz>) -> Result<Goal> {
        let restored = self.conn.execute(
            "UPDATE goals SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, now.timestamp_millis()],
        )?;
        if restored == 0 {
            live_row(&self.conn, Record::Goal, id)?;
            return Err(Error::NotDeleted {
                record: Record::Goal,
                id: id.to_owned(),
            });
        }
        self.goal(id, now)
    }
}
