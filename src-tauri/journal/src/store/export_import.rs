//! The store's side of journal files: everything stored, read for an export, and an import written
//! in one transaction that skips what an earlier import of the same file already added.

use std::collections::HashSet;

use chrono::{DateTime, Offset, TimeZone};
use rusqlite::{OptionalExtension, Transaction, params};

use super::entries::{Provenance, insert_entry, stage_entry};
use super::ids::import_id;
use super::milestones::{MilestoneFields, MilestoneStamps, insert_measurement, write_milestone};
use super::rhythm_export_import::import_rhythm;
use super::schema;
use super::{Store, non_empty};
use crate::export_import::{
    ArchivedGoal, ArchivedMilestone, ImportReport, Incoming, IncomingEntry, IncomingHead, Origin, REPORTED_TITLES, at,
};
use crate::goals::NewMilestone;
use crate::{Error, Result};

/// How many entries go by between two reports of an import's progress.
const PROGRESS_EVERY: usize = 500;
/// From this many entries on, an import stages them and moves them into the journal, indexes them
/// for search and tallies them in one statement each at the end.
const BULK_INDEX_FROM: usize = 1_000;
/// SQLite's page cache while a large import runs, in KiB: with its 2 MiB default, a transaction of
/// 100,000 entries spills its dirty index pages to disk and reads them back, over and over.
const IMPORT_CACHE_KIB: i64 = 64 * 1024;

/// The staging tables of a large import: each checked entry, and its tag and credit rows, are
/// written here one by one, then [`MOVE_STAGED`] moves them all into the journal with one
/// `INSERT … SELECT` each, in the same transaction. Temporary tables live in memory (SQLCipher
/// is built with `SQLITE_TEMP_STORE=2`), so an encrypted journal's text never reaches a plain file.
const STAGING_TABLES: &str = "
CREATE TEMP TABLE staged_entries (id, kind, text, lesson, adjust, occurred_at, utc_offset, mood, starred,
    updated_at, milestone_id, shareable, created_at, import_key);
CREATE TEMP TABLE staged_tags (tag_id, occurred_at, entry_id, kind);
CREATE TEMP TABLE staged_people (person_id, occurred_at, entry_id);";

/// Moves the staged rows into the journal in the order they were staged, and drops the staging
/// tables. Entries first: tag and credit rows refer to them.
const MOVE_STAGED: &str = "
INSERT INTO entries (id, kind, text, lesson, adjust, occurred_at, utc_offset, mood, starred, updated_at, milestone_id,
    shareable, created_at, import_key)
SELECT id, kind, text, lesson, adjust, occurred_at, utc_offset, mood, starred, updated_at, milestone_id, shareable,
    created_at, import_key FROM temp.staged_entries ORDER BY rowid;
INSERT INTO entry_tags (tag_id, occurred_at, entry_id, kind, live)
SELECT tag_id, occurred_at, entry_id, kind, 1 FROM temp.staged_tags ORDER BY rowid;
INSERT INTO entry_people (person_id, occurred_at, entry_id)
SELECT person_id, occurred_at, entry_id FROM temp.staged_people ORDER BY rowid;
DROP TABLE temp.staged_entries;
DROP TABLE temp.staged_tags;
DROP TABLE temp.staged_people;";

impl Store {
    /// Writes what was read from a file: goals first, then entries, in one transaction. Entries an
    /// earlier import added (the same id, or the same key from another tool) are skipped. With
    /// `dry_run` everything is checked and counted, then rolled back. `progress` hears
    /// `(entries done, entries in all)` now and then.
    pub fn import<Tz: TimeZone>(
        &mut self,
        incoming: Incoming,
        dry_run: bool,
        now: &DateTime<Tz>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        let Incoming { entries, goals, rhythm } = incoming;
        let head = IncomingHead {
            entries: entries.len(),
            goals,
            rhythm,
        };
        self.import_entries(head, entries, dry_run, now, progress)
    }

    /// [`Store::import`] of a file still being read (on another thread: see
    /// [`crate::export_import::read_source_into`]): `entries` yields each entry as it is checked.
    /// Unless it yields all the entries `head` announced (the reading failed), nothing is written.
    pub fn import_entries<Tz: TimeZone>(
        &mut self,
        head: IncomingHead,
        entries: impl IntoIterator<Item = IncomingEntry>,
        dry_run: bool,
        now: &DateTime<Tz>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        let cache_size: i64 = self.conn.pragma_query_value(None, "cache_size", |row| row.get(0))?;
        if head.entries >= BULK_INDEX_FROM {
            self.conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        }
        let imported = self.import_in_one_transaction(head, entries, dry_run, now, progress);
        self.conn.pragma_update(None, "cache_size", cache_size)?;
        imported
    }

    fn import_in_one_transaction<Tz: TimeZone>(
        &mut self,
        head: IncomingHead,
        entries: impl IntoIterator<Item = IncomingEntry>,
        dry_run: bool,
        now: &DateTime<Tz>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        let tx = self.conn.transaction()?;
        let mut report = ImportReport {
            dry_run,
            ..ImportReport::default()
        };
        for (index, goal) in head.goals.into_iter().enumerate() {
            let place = format!("goal {} ({:?})", index + 1, goal.title);
            if insert_goal(&tx, goal).map_err(|error| at(place, error))? {
                report.goals_added += 1;
            }
        }
        let total = head.entries;
        let indexed_up_to: Option<i64> = if total >= BULK_INDEX_FROM {
            tx.execute_batch(
                "DROP TRIGGER entries_fts_insert; DROP TRIGGER entries_words_insert; DROP TRIGGER entry_hours_insert",
            )?;
            tx.execute_batch(STAGING_TABLES)?;
            Some(tx.query_row("SELECT coalesce(max(seq), 0) FROM entries", [], |row| row.get(0))?)
        } else {
            None
        };
        let rhythm = head.rhythm;
        let staged = indexed_up_to.is_some();
        // The ids and keys of this file's entries so far: a staged entry is not in `entries` yet.
        let mut seen = HashSet::new();
        let mut read = 0;
        for item in entries {
            if read % PROGRESS_EVERY == 0 {
                progress(read, total);
            }
            read += 1;
            let place = item.place.clone();
            match insert_incoming(&tx, item, now, staged, &mut seen).map_err(|error| at(place, error))? {
                Some(title) => {
                    report.added += 1;
                    if report.titles.len() < REPORTED_TITLES {
                        report.titles.push(title);
                    }
                }
                None => report.skipped += 1,
            }
        }
        if read != total {
            return Err(Error::invalid(
                "file",
                format!("its reading stopped after {read} of its {total} entries"),
            ));
        }
        if let Some(last_seq) = indexed_up_to {
            // `seq` only grows: the journal holds at most `last_seq` entries.
            move_staged(&tx, u64::try_from(last_seq).unwrap_or(0) < report.added)?;
            tx.execute(
                "INSERT INTO entries_fts (rowid, text, lesson, adjust) \
                 SELECT seq, text, lesson, adjust FROM entries WHERE seq > ?1 AND deleted_at IS NULL",
                [last_seq],
            )?;
            tx.execute(
                "INSERT INTO entries_words (rowid, text, lesson, adjust) \
                 SELECT seq, text, lesson, adjust FROM entries WHERE seq > ?1 AND deleted_at IS NULL",
                [last_seq],
            )?;
            tx.execute(
                "INSERT INTO entry_hours (hour, wins, setbacks, notes, mood_sum, moods) \
                 SELECT (occurred_at - (occurred_at % 3600000 + 3600000) % 3600000) / 3600000 AS hour, \
                     sum(kind = 'win'), sum(kind = 'setback'), sum(kind = 'note'), coalesce(sum(mood), 0), count(mood) \
                 FROM entries WHERE seq > ?1 AND deleted_at IS NULL GROUP BY hour \
                 ON CONFLICT (hour) DO UPDATE SET wins = wins + excluded.wins, setbacks = setbacks + excluded.setbacks, \
                     notes = notes + excluded.notes, mood_sum = mood_sum + excluded.mood_sum, moods = moods + excluded.moods",
                [last_seq],
            )?;
            tx.execute_batch(schema::SEARCH_INDEX_TRIGGER)?;
            tx.execute_batch(schema::WORDS_INDEX_TRIGGER)?;
            tx.execute_batch(schema::HOURLY_TALLY_TRIGGER)?;
        }
        if let Some(rhythm) = rhythm {
            report.reminders_added = import_rhythm(&tx, rhythm, now)?;
        }
        progress(total, total);
        if !dry_run {
            tx.commit()?;
        }
        Ok(report)
    }
}

/// Moves the staged rows into the journal. With `build_indexes_after` (the import adds more entries
/// than the journal held), `entries` gets them without its secondary indexes, which are then built
/// again from their own `CREATE INDEX` statements, in the order they were made, so that the schema
/// and every query's plan stay the same: sorting each index's keys once costs less than inserting
/// them one by one in the middle of it (the import keys are hashes, two indexes run backwards in
/// time). Not when SQLite keeps statistics about the indexes (`ANALYZE`), which dropping them loses.
fn move_staged(tx: &Transaction<'_>, build_indexes_after: bool) -> Result<()> {
    let has_statistics = tx
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    let indexes: Vec<(String, String)> = if build_indexes_after && !has_statistics {
        tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries' AND sql IS NOT NULL \
             ORDER BY rowid",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?
    } else {
        Vec::new()
    };
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    tx.execute_batch(MOVE_STAGED)?;
    for (_, create) in &indexes {
        tx.execute_batch(create)?;
    }
    Ok(())
}

/// Writes one entry (to the staging tables when `staged`) unless it is already there or earlier in
/// the same file (`seen`); returns its title when it was written.
fn insert_incoming<Tz: TimeZone>(
    tx: &Transaction<'_>,
    item: IncomingEntry,
    now: &DateTime<Tz>,
    staged: bool,
    seen: &mut HashSet<String>,
) -> Result<Option<String>> {
    // One look-up per origin, each on its own index (an OR of the two would scan the table).
    let (id, key, lookup) = match &item.origin {
        Origin::Kept { id, .. } => (checked_id(id)?, None, "SELECT 1 FROM entries WHERE id = ?1"),
        // The id carries the time the entry happened (when the other tool wrote it), so a journal
        // imported in time order fills the id index, and the tag rows' index by entry, in order:
        // 100,000 ids all made `now` differ only in random bits and land anywhere in both. Its
        // other bits come from the key: the same file imported on two devices that sync gives one
        // entry, not two.
        Origin::Foreign { key } => (
            import_id(&item.entry.occurred_at.unwrap_or_else(|| now.fixed_offset()), key),
            Some(key.as_str()),
            "SELECT 1 FROM entries WHERE import_key = ?1",
        ),
    };
    let there: Option<i64> = tx
        .prepare_cached(lookup)?
        .query_row([key.unwrap_or(&id)], |row| row.get(0))
        .optional()?;
    if there.is_some() || !seen.insert(key.map_or_else(|| id.clone(), str::to_owned)) {
        return Ok(None);
    }
    let title = item.entry.text.lines().next().unwrap_or_default().trim().to_owned();
    let provenance = match &item.origin {
        Origin::Kept {
            created_at, updated_at, ..
        } => Provenance {
            created_at: created_at.timestamp_millis(),
            updated_at: updated_at.timestamp_millis(),
            import_key: None,
        },
        Origin::Foreign { .. } => Provenance {
            import_key: key,
            ..Provenance::now(now.timestamp_millis())
        },
    };
    if staged {
        stage_entry(tx, item.entry, &id, &provenance)?;
    } else {
        insert_entry(tx, item.entry, id, &provenance)?;
    }
    Ok(Some(title))
}

/// Writes an archived goal with its milestones and measurements unless it is already there.
fn insert_goal(tx: &Transaction<'_>, goal: ArchivedGoal) -> Result<bool> {
    let there: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM goals WHERE id = ?1")?
        .query_row([checked_id(&goal.id)?], |row| row.get(0))
        .optional()?;
    if there.is_some() {
        return Ok(false);
    }
    let title = non_empty(Some(goal.title)).ok_or_else(|| Error::invalid("title", "a goal needs a title"))?;
    tx.prepare_cached(
        "INSERT INTO goals (id, title, why, due_on, status, utc_offset, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        goal.id,
        title,
        non_empty(goal.why),
        goal.due_on,
        goal.status.as_str(),
        goal.created_at.offset().fix().local_minus_utc(),
        goal.created_at.timestamp_millis(),
        goal.updated_at.timestamp_millis(),
    ])?;
    for milestone in goal.milestones {
        let place = format!("milestone {:?}", milestone.title);
        insert_milestone(tx, &goal.id, milestone).map_err(|error| at(place, error))?;
    }
    Ok(true)
}

fn insert_milestone(tx: &Transaction<'_>, goal_id: &str, milestone: ArchivedMilestone) -> Result<()> {
    let draft = NewMilestone {
        title: milestone.title,
        started_on: Some(milestone.started_on),
        due_on: milestone.due_on,
        baseline: milestone.baseline,
        target: milestone.target,
        unit: milestone.unit,
    };
    let fields = MilestoneFields::checked(draft, milestone.started_on)?;
    let stamps = MilestoneStamps {
        id: &checked_id(&milestone.id)?,
        done_at: milestone.done_at.map(|at| at.timestamp_millis()),
        utc_offset: milestone.created_at.offset().fix().local_minus_utc(),
        created_at: milestone.created_at.timestamp_millis(),
        updated_at: milestone.updated_at.timestamp_millis(),
    };
    write_milestone(tx, goal_id, &fields, &stamps)?;
    for measurement in milestone.measurements {
        if !measurement.value.is_finite() {
            return Err(Error::invalid(
                "value",
                format!("{} is not a number", measurement.value),
            ));
        }
        insert_measurement(
            tx,
            &checked_id(&measurement.id)?,
            &milestone.id,
            measurement.value,
            measurement.measured_at,
            non_empty(measurement.note),
            measurement.created_at.timestamp_millis(),
        )?;
    }
    Ok(())
}

/// An id as Small Wins writes them (lower-case hex and dashes), which is what lets a typed prefix
/// find it.
pub(super) fn checked_id(id: &str) -> Result<String> {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c) || c == '-')
    {
        Ok(id.to_owned())
    } else {
        Err(Error::invalid("id", format!("{id:?} is not a Small Wins id")))
    }
}
