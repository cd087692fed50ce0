//! The reflection rhythm in a journal file: settings, reminder rules and follow-up answers read for
//! an export, and written back on import without touching what the journal already has.

use std::collections::HashSet;

use chrono::{DateTime, Offset, TimeZone, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::export_import::checked_id;
use super::reminders::{REMINDER_COLUMNS, reminder_from_row};
use super::row::{instant_at, offset_at, utc_at};
use super::settings::{saved_settings, write_settings};
use crate::export_import::{ArchivedFollowup, ArchivedReminder, ArchivedRhythm, at};
use crate::reminders::ReminderKind;
use crate::schedule::{Repeat, Rule};
use crate::{Entry, Error, Result};

impl Store {
    /// The rhythm to export with `entries` (follow-ups of those setbacks only), or `None` when the
    /// journal never had one set up.
    pub(super) fn archived_rhythm(&self, entries: &[Entry]) -> Result<Option<ArchivedRhythm>> {
        let saved = saved_settings(&self.conn)?;
        let reminders = self.archived_reminders()?;
        let exported: HashSet<&str> = entries.iter().map(|entry| entry.id.as_str()).collect();
        let followups: Vec<ArchivedFollowup> = self
            .archived_followups()?
            .into_iter()
            .filter(|followup| exported.contains(followup.setback_id.as_str()))
            .collect();
        if saved.is_none() && reminders.is_empty() && followups.is_empty() {
            return Ok(None);
        }
        Ok(Some(ArchivedRhythm {
            settings: saved.unwrap_or_default(),
            reminders,
            followups,
        }))
    }

    fn archived_reminders(&self) -> Result<Vec<ArchivedReminder>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {REMINDER_COLUMNS}, created_at, updated_at FROM reminders WHERE deleted_at IS NULL ORDER BY seq"
        ))?;
        let reminders = statement
            .query_map([], |row| {
                let reminder = reminder_from_row(row)?;
                Ok(ArchivedReminder {
                    id: reminder.id,
                    kind: reminder.kind,
                    time: reminder.time,
                    weekday: reminder.weekday,
                    month_day: reminder.month_day,
                    paused: reminder.paused,
                    quiet_when_done: reminder.quiet_when_done,
                    created_at: utc_at(row.get(9)?, 9)?,
                    updated_at: utc_at(row.get(10)?, 10)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(reminders)
    }

    fn archived_followups(&self) -> Result<Vec<ArchivedFollowup>> {
        let mut statement = self.conn.prepare(
            "SELECT setback_id, asked_at, worked, note, answered_at, coalesce(utc_offset, 0) FROM followups \
             ORDER BY setback_id",
        )?;
        let followups = statement
            .query_map([], |row| {
                let asked_at: Option<i64> = row.get(1)?;
                let worked: Option<String> = row.get(2)?;
                let answered_at: Option<i64> = row.get(4)?;
                Ok(ArchivedFollowup {
                    setback_id: row.get(0)?,
                    asked_at: asked_at.map(|millis| utc_at(millis, 1)).transpose()?,
                    worked: worked
                        .map(|worked| worked.parse().map_err(|e| super::row::conversion_error(2, e)))
                        .transpose()?,
                    note: row.get(3)?,
                    answered_at: answered_at
                        .map(|millis| instant_at(millis, offset_at(row, 5)?, 4))
                        .transpose()?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(followups)
    }
}

/// Writes an imported rhythm: the settings only into a journal that has none of its own, rules and
/// answers only where the journal lacks them. Returns how many rules were added.
pub(super) fn import_rhythm<Tz: TimeZone>(
    tx: &Transaction<'_>,
    rhythm: ArchivedRhythm,
    now: &DateTime<Tz>,
) -> Result<u64> {
    if saved_settings(tx)?.is_none() {
        write_settings(tx, rhythm.settings).map_err(|error| at("settings", error))?;
    }
    let mut added = 0;
    for (index, reminder) in rhythm.reminders.into_iter().enumerate() {
        let place = format!("reminder {}", index + 1);
        if insert_reminder(tx, reminder, now).map_err(|error| at(place, error))? {
            added += 1;
        }
    }
    for (index, followup) in rhythm.followups.into_iter().enumerate() {
        let place = format!("follow-up {}", index + 1);
        insert_followup(tx, followup).map_err(|error| at(place, error))?;
    }
    Ok(added)
}

/// Writes an imported rule unless it is there; it is next due at its first time after `now`.
fn insert_reminder<Tz: TimeZone>(tx: &Transaction<'_>, reminder: ArchivedReminder, now: &DateTime<Tz>) -> Result<bool> {
    let id = checked_id(&reminder.id)?;
    let repeat = match (reminder.kind, reminder.weekday, reminder.month_day) {
        (ReminderKind::Daily | ReminderKind::Followup | ReminderKind::Nudge, None, None) => Repeat::Daily,
        (ReminderKind::Weekly | ReminderKind::Digest, Some(weekday), None) => Repeat::Weekly(weekday),
        (ReminderKind::Monthly, None, Some(day)) if (1..=31).contains(&day) => Repeat::Monthly(day),
        _ => {
            return Err(Error::invalid(
                "kind",
                "a weekly rule has a weekday (so has a digest one), a monthly one a month_day from 1 to 31, the others neither",
            ));
        }
    };
    // Follow-ups, nudges and digest reminders are stored quiet by nature; a file from before the
    // setting keeps its rules firing as they did.
    let quiet_when_done = reminder.quiet_when_done
        || matches!(
            reminder.kind,
            ReminderKind::Followup | ReminderKind::Nudge | ReminderKind::Digest
        );
    let there: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM reminders WHERE id = ?1")?
        .query_row([&id], |row| row.get(0))
        .optional()?;
    if there.is_some() {
        return Ok(false);
    }
    let rule = Rule {
        repeat,
        at: reminder.time,
    };
    tx.execute(
        "INSERT INTO reminders (id, kind, at_time, weekday, month_day, paused, quiet_when_done, next_due_at, \
         created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            reminder.kind.as_str(),
            crate::clock::format_time(reminder.time),
            reminder.weekday.map(|day| day.weekday().number_from_monday()),
            reminder.month_day,
            reminder.paused,
            quiet_when_done,
            rule.next_after(now).timestamp_millis(),
            reminder.created_at.timestamp_millis(),
            reminder.updated_at.timestamp_millis(),
        ],
    )?;
    Ok(true)
}

fn insert_followup(tx: &Transaction<'_>, followup: ArchivedFollowup) -> Result<()> {
    if followup.worked.is_some() != followup.answered_at.is_some() {
        return Err(Error::invalid(
            "worked",
            "an answer has both worked and answered_at, or neither",
        ));
    }
    let setback: Option<String> = tx
        .prepare_cached("SELECT kind FROM entries WHERE id = ?1")?
        .query_row([&followup.setback_id], |row| row.get(0))
        .optional()?;
    if setback.as_deref() != Some("setback") {
        return Err(Error::invalid(
            "setback_id",
            format!("{:?} is not a setback in this file or journal", followup.setback_id),
        ));
    }
    tx.execute(
        "INSERT INTO followups (setback_id, asked_at, worked, note, answered_at, utc_offset) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (setback_id) DO NOTHING",
        params![
            followup.setback_id,
            followup.asked_at.map(|at: DateTime<Utc>| at.timestamp_millis()),
            followup.worked.map(|worked| worked.as_str()),
            followup.note,
            followup.answered_at.map(|at| at.timestamp_millis()),
            followup.answered_at.map(|at| at.offset().fix().local_minus_utc()),
        ],
    )?;
    Ok(())
}
