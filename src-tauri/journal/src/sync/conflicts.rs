//! Choosing between the words two devices wrote: keep the ones shown, or take the other device's;
//! either way the choice travels, and the conflict leaves every device.

use chrono::{DateTime, TimeZone};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::CLOCK_SHIFT;
use super::emit::dismissal_field;
use crate::store::Store;
use crate::{EntryChanges, Error, Result};

impl Store {
    /// Settles the conflict kept for `entry_id`'s `field` ("text", "lesson" or "adjust") from the
    /// other words' `version` (as [`Store::sync_conflicts`] lists it, "<clock>/<device>"): with
    /// `keep_other` the entry takes those words (an edit like any other, inline tags and all),
    /// else it keeps the words it shows. The conflict is put aside here and, with the next sync,
    /// on every device.
    ///
    /// Errors: [`Error::Invalid`] when no such conflict is kept; the edit's errors with
    /// `keep_other`.
    pub fn resolve_conflict<Tz: TimeZone>(
        &mut self,
        entry_id: &str,
        field: &str,
        version: &str,
        keep_other: bool,
        now: &DateTime<Tz>,
    ) -> Result<()> {
        let no_such = || Error::invalid("conflict", "no such conflict is kept (another choice settled it?)");
        let (clock, device) = version.split_once('/').ok_or_else(no_such)?;
        let clock: i64 = clock.parse().map_err(|_| no_such())?;
        let other: Option<Option<String>> = self
            .conn
            .prepare_cached(
                "SELECT value FROM sync_conflicts WHERE entry_id = ?1 AND field = ?2 AND clock = ?3 AND device = ?4",
            )?
            .query_row(params![entry_id, field, clock, device], |row| row.get(0))
            .optional()?;
        let Some(other) = other else {
            return Err(no_such());
        };
        if keep_other {
            let words = other.unwrap_or_default();
            let changes = match field {
                "text" => EntryChanges {
                    text: Some(words),
                    ..EntryChanges::default()
                },
                "lesson" => EntryChanges {
                    lesson: Some(words),
                    ..EntryChanges::default()
                },
                _ => EntryChanges {
                    adjust: Some(words),
                    ..EntryChanges::default()
                },
            };
            self.edit(entry_id, changes, now)?;
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM sync_conflicts WHERE entry_id = ?1 AND field = ?2 AND clock = ?3 AND device = ?4",
            params![entry_id, field, clock, device],
        )?;
        // Recorded as this device's change, so that the others put it aside too.
        tx.execute(
            "UPDATE sync_state SET clock = max(clock + 1, ?1)",
            [now.timestamp_millis() << CLOCK_SHIFT],
        )?;
        tx.execute(
            "INSERT INTO sync_changes (tbl, row_id, field, clock, device, base) \
             SELECT 'conflicts', ?1, ?2, clock, 0, 0 FROM sync_state WHERE true \
             ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0",
            params![entry_id, dismissal_field(field, clock, device)],
        )?;
        tx.commit()?;
        Ok(())
    }
}
