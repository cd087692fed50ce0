//! Whether a metric milestone is reached, kept true to its measurements: a value logged, corrected
//! or taken back marks it reached with its one win, or takes both back.

use chrono::{DateTime, FixedOffset, TimeZone};
use rusqlite::{OptionalExtension, Transaction, params};

use super::entries::{Provenance, insert_entry};
use super::goal_reads::{MILESTONE_COLUMNS, MilestoneRow};
use super::ids::new_id;
use super::row::{instant_at, offset_at};
use crate::goals::Metric;
use crate::progress::{metric_progress, unlikely_value};
use crate::{Error, Kind, NewEntry, Result};

/// The tag on the win written when a milestone is reached, so those wins can be listed together.
pub(super) const REACHED_TAG: &str = "milestone";

/// How the win that celebrates a milestone begins; it is found again by this and its milestone.
const REACHED_PREFIX: &str = "Reached milestone: ";

/// Refuses a value far past the target or far the wrong way unless the user confirmed it.
pub(super) fn confirmed_value(metric: &Metric, value: f64, confirmed: bool) -> Result<()> {
    if !value.is_finite() {
        return Err(Error::invalid("value", format!("{value} is not a number")));
    }
    match unlikely_value(metric.baseline, metric.target, value) {
        Some(why) if !confirmed => {
            let unit = unit_suffix(metric);
            Err(Error::Unconfirmed {
                field: "value",
                message: format!(
                    "{value}{unit} is {why} ({}{unit} toward {}{unit}); confirm to log it",
                    metric.baseline, metric.target
                ),
            })
        }
        _ => Ok(()),
    }
}

/// Brings the milestone's "reached" in line with its live measurements, inside `tx`; returns the
/// win's id when it has just been reached.
///
/// As `measure` always did, a milestone becomes reached when its latest value reaches the target,
/// and stays reached while any value did. When none does any more (a slip corrected or deleted),
/// "reached" is taken back and its win deleted with it; reached again with the same value, the
/// same win comes back, so undoing a correction undoes all of it.
pub(super) fn settle_reached<Tz: TimeZone>(
    tx: &Transaction<'_>,
    milestone_id: &str,
    now: &DateTime<Tz>,
) -> Result<Option<String>> {
    let milestone = tx
        .prepare_cached(&format!("SELECT {MILESTONE_COLUMNS} FROM milestones m WHERE m.id = ?1"))?
        .query_row([milestone_id], MilestoneRow::read)?;
    let Some(metric) = &milestone.metric else {
        return Ok(None);
    };
    let values = live_values(tx, milestone_id)?;
    let reaches = |value: f64| metric_progress(metric.baseline, metric.target, Some(value)) >= 1.0;
    match (milestone.done_at, values.last()) {
        (Some(_), _) if values.iter().any(|(value, _)| reaches(*value)) => Ok(None),
        (Some(_), _) => {
            withdraw(tx, milestone_id, now)?;
            Ok(None)
        }
        (None, Some((latest, measured_at))) if reaches(*latest) => {
            let detail = format!(
                "{latest}{unit}, from {}{unit} toward {}{unit}.",
                metric.baseline,
                metric.target,
                unit = unit_suffix(metric)
            );
            celebrate(tx, &milestone, &detail, *measured_at, now).map(Some)
        }
        (None, _) => Ok(None),
    }
}

/// The milestone's live values, oldest first, with when each was measured.
fn live_values(tx: &Transaction<'_>, milestone_id: &str) -> Result<Vec<(f64, DateTime<FixedOffset>)>> {
    let values = tx
        .prepare_cached(
            "SELECT value, measured_at, utc_offset FROM measurements WHERE milestone_id = ?1 \
             AND deleted_at IS NULL ORDER BY measured_at, seq",
        )?
        .query_map([milestone_id], |row| {
            Ok((row.get(0)?, instant_at(row.get(1)?, offset_at(row, 2)?, 1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(values)
}

/// Marks the milestone reached and brings back or writes the win that says so; returns its id.
pub(super) fn celebrate<Tz: TimeZone>(
    tx: &Transaction<'_>,
    milestone: &MilestoneRow,
    detail: &str,
    reached_at: DateTime<FixedOffset>,
    now: &DateTime<Tz>,
) -> Result<String> {
    tx.prepare_cached("UPDATE milestones SET done_at = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![
            milestone.id,
            reached_at.timestamp_millis(),
            now.timestamp_millis()
        ])?;
    let text = format!("{REACHED_PREFIX}{}\n\n{detail}", milestone.title);
    let withdrawn: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM entries WHERE milestone_id = ?1 AND deleted_at IS NOT NULL AND text = ?2 \
             AND occurred_at = ?3 ORDER BY deleted_at DESC LIMIT 1",
        )?
        .query_row(params![milestone.id, text, reached_at.timestamp_millis()], |row| {
            row.get(0)
        })
        .optional()?;
    if let Some(id) = withdrawn {
        tx.prepare_cached("UPDATE entries SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1")?
            .execute(params![id, now.timestamp_millis()])?;
        return Ok(id);
    }
    let win = NewEntry {
        tags: vec![REACHED_TAG.to_owned()],
        occurred_at: Some(reached_at),
        milestone_id: Some(milestone.id.clone()),
        ..NewEntry::new(Kind::Win, text)
    };
    insert_entry(tx, win, new_id(now), &Provenance::now(now.timestamp_millis()))
}

/// Takes back "reached" and deletes (softly, so it can come back) the win that celebrated it.
fn withdraw<Tz: TimeZone>(tx: &Transaction<'_>, milestone_id: &str, now: &DateTime<Tz>) -> Result<()> {
    let now = now.timestamp_millis();
    tx.prepare_cached("UPDATE milestones SET done_at = NULL, updated_at = ?2 WHERE id = ?1")?
        .execute(params![milestone_id, now])?;
    tx.prepare_cached(
        "UPDATE entries SET deleted_at = ?2, updated_at = ?2 WHERE milestone_id = ?1 \
         AND deleted_at IS NULL AND kind = 'win' AND substr(text, 1, length(?3)) = ?3",
    )?
    .execute(params![milestone_id, now, REACHED_PREFIX])?;
    Ok(())
}

fn unit_suffix(metric: &Metric) -> String {
    if metric.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", metric.unit)
    }
}
