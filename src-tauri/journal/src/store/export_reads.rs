//! Reading everything an export writes: the matching entries with their tags and people, and
//! every goal with its milestones and measurements. A whole-journal export reads each kind of row
//! with one query, instead of a subquery per entry for its tags and another for its people, which
//! took most of a 100,000-entry export's reading time.

use std::collections::HashMap;

use chrono::{DateTime, TimeZone};
use rusqlite::{Connection, params_from_iter};

use super::Store;
use super::listing::FilterSql;
use super::row::{ENTRY_OWN_COLUMNS, conversion_error, entry_without_names, instant_at, offset_at};
use crate::export_import::{Archive, ArchivedGoal, ArchivedMeasurement, ArchivedMilestone, archive};
use crate::{Entry, Filter, Result};

/// Every tag row with its name, each tag's rows together in the order of the tags' keys (the
/// planner walks the `tags.key` index, so no sort), which puts each entry's tags in key order.
const TAGS_IN_KEY_ORDER: &str =
    "SELECT et.entry_id, t.name FROM tags t JOIN entry_tags et ON et.tag_id = t.id ORDER BY t.key";
/// The same for credited people.
const PEOPLE_IN_KEY_ORDER: &str =
    "SELECT ep.entry_id, p.name FROM people p JOIN entry_people ep ON ep.person_id = p.id ORDER BY p.key";

impl Store {
    /// Live entries matching `filter`, oldest first, with their tags and people (each in key
    /// order, as every other read gives them).
    pub fn export_entries(&self, filter: &Filter) -> Result<Vec<Entry>> {
        let Some(sql) = FilterSql::new(self, filter)? else {
            return Ok(Vec::new());
        };
        let (time, id) = sql.order_columns;
        let query = format!(
            "SELECT {ENTRY_OWN_COLUMNS} FROM entries e {} WHERE {} ORDER BY {time}, {id}",
            sql.joins, sql.conditions
        );
        let mut entries: Vec<Entry> = self
            .conn
            .prepare(&query)?
            .query_map(params_from_iter(&sql.params), entry_without_names)?
            .collect::<rusqlite::Result<_>>()?;
        // Where each exported entry is, by its id (borrowed: no copy of 100,000 ids).
        let (tags, people) = {
            let positions: HashMap<&str, usize> = entries
                .iter()
                .enumerate()
                .map(|(position, entry)| (entry.id.as_str(), position))
                .collect();
            (
                names_by_position(&self.conn, TAGS_IN_KEY_ORDER, &positions, entries.len())?,
                names_by_position(&self.conn, PEOPLE_IN_KEY_ORDER, &positions, entries.len())?,
            )
        };
        for ((entry, tags), people) in entries.iter_mut().zip(tags).zip(people) {
            entry.tags = tags;
            entry.people = people;
        }
        Ok(entries)
    }

    /// Every stored field of the live entries matching `filter` and of every live goal.
    pub fn archive<Tz: TimeZone>(&self, filter: &Filter, now: &DateTime<Tz>) -> Result<Archive> {
        let entries = self.export_entries(filter)?;
        Ok(Archive {
            format: archive::FORMAT_NAME.to_owned(),
            version: archive::FORMAT_VERSION,
            exported_at: now.fixed_offset(),
            rhythm: self.archived_rhythm(&entries)?,
            goals: self.archived_goals()?,
            entries,
        })
    }

    /// Goals, milestones and measurements in the order they were made (by time, then id), the same
    /// on every device that syncs the journal; not in this file's row order, which is each
    /// device's own.
    fn archived_goals(&self) -> Result<Vec<ArchivedGoal>> {
        let mut measurements: Vec<(String, ArchivedMeasurement)> = self
            .conn
            .prepare(
                "SELECT milestone_id, id, value, measured_at, utc_offset, note, created_at FROM measurements \
                 WHERE deleted_at IS NULL ORDER BY measured_at, created_at, id",
            )?
            .query_map([], |row| {
                let offset = offset_at(row, 4)?;
                Ok((
                    row.get(0)?,
                    ArchivedMeasurement {
                        id: row.get(1)?,
                        value: row.get(2)?,
                        measured_at: instant_at(row.get(3)?, offset, 3)?,
                        note: row.get(5)?,
                        created_at: instant_at(row.get(6)?, offset, 6)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut milestones: Vec<(String, ArchivedMilestone)> = self
            .conn
            .prepare(
                "SELECT goal_id, id, title, started_on, due_on, baseline, target, unit, done_at, utc_offset, \
                 created_at, updated_at FROM milestones WHERE deleted_at IS NULL ORDER BY created_at, id",
            )?
            .query_map([], |row| {
                let offset = offset_at(row, 9)?;
                Ok((
                    row.get(0)?,
                    ArchivedMilestone {
                        id: row.get(1)?,
                        title: row.get(2)?,
                        started_on: row.get(3)?,
                        due_on: row.get(4)?,
                        baseline: row.get(5)?,
                        target: row.get(6)?,
                        unit: row.get(7)?,
                        done_at: row
                            .get::<_, Option<i64>>(8)?
                            .map(|millis| instant_at(millis, offset, 8))
                            .transpose()?,
                        created_at: instant_at(row.get(10)?, offset, 10)?,
                        updated_at: instant_at(row.get(11)?, offset, 11)?,
                        measurements: Vec::new(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (_, milestone) in &mut milestones {
            milestone.measurements = take_where(&mut measurements, &milestone.id);
        }
        let mut goals: Vec<ArchivedGoal> = self
            .conn
            .prepare(
                "SELECT id, title, why, due_on, status, utc_offset, created_at, updated_at FROM goals \
                 WHERE deleted_at IS NULL ORDER BY created_at, id",
            )?
            .query_map([], |row| {
                let offset = offset_at(row, 5)?;
                let status: String = row.get(4)?;
                Ok(ArchivedGoal {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    why: row.get(2)?,
                    due_on: row.get(3)?,
                    status: status.parse().map_err(|e| conversion_error(4, e))?,
                    created_at: instant_at(row.get(6)?, offset, 6)?,
                    updated_at: instant_at(row.get(7)?, offset, 7)?,
                    milestones: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for goal in &mut goals {
            goal.milestones = take_where(&mut milestones, &goal.id);
        }
        Ok(goals)
    }
}

/// The names `query` reads (entry id, name) of the `count` entries in `positions`, as one list per
/// entry in the order of their places in the export (`positions`' values).
fn names_by_position(
    conn: &Connection,
    query: &str,
    positions: &HashMap<&str, usize>,
    count: usize,
) -> Result<Vec<Vec<String>>> {
    let mut names = vec![Vec::new(); count];
    let mut statement = conn.prepare(query)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let entry_id = row.get_ref(0)?.as_str().map_err(|e| conversion_error(0, e))?;
        if let Some(&position) = positions.get(entry_id) {
            names[position].push(row.get(1)?);
        }
    }
    Ok(names)
}

/// Moves the items belonging to `owner` out of `items`, keeping their order.
fn take_where<T>(items: &mut Vec<(String, T)>, owner: &str) -> Vec<T> {
    let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(items).into_iter().partition(|(id, _)| id == owner);
    *items = rest;
    mine.into_iter().map(|(_, item)| item).collect()
}
