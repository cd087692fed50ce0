//! Snapshots: the whole journal as one device holds it, with the clock of every field changed since
//! the folder began, so that a device that joins loads it instead of replaying every segment since
//! then, and merges only the segments written after.
//!
//! A snapshot is a folder of ordinary segments, `snapshots/<snapshot-id>/`, written by its author
//! under the snapshot's id and depending on nothing; its last segment holds only
//! [`Change::Snapshot`]: what the snapshot covers, and how many segments it has. A snapshot is used
//! only once all of them are there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone};
use rusqlite::{TransactionBehavior, params};

use super::change::Change;
use super::emit::{changed_fields, whole_journal};
use super::exchange::{State, Synced};
use super::merge::{Author, NAME_UNTIL_NAMED, merge};
use super::publish::{Segments, create_dir};
use super::segment::{list_segments, read_segment};
use crate::store::Store;
use crate::store::ids::new_id;
use crate::{Error, Result};

/// What [`Store::sync_snapshot`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotWritten {
    pub folder: PathBuf,
    pub segments: u64,
    pub changes: usize,
}

fn snapshots_dir(journal_dir: &Path) -> PathBuf {
    journal_dir.join("snapshots")
}

impl Store {
    /// Writes a snapshot of this journal into the sync folder, after this device's own changes:
    /// a device that joins from now on loads it, then merges only what was written after.
    ///
    /// Errors: [`Error::NotSyncing`]; [`Error::Io`] when the folder cannot be written.
    pub fn sync_snapshot<Tz: TimeZone>(&mut self, now: &DateTime<Tz>) -> Result<SnapshotWritten> {
        let mut state = self.sync_state()?.ok_or(Error::NotSyncing)?;
        self.publish(&mut state, &mut Synced::default())?;
        let id = new_id(now);
        let dir = snapshots_dir(&state.journal_dir()).join(&id);
        create_dir(&dir)?;
        // One read transaction: the snapshot is one moment of the journal.
        let tx = self.conn.unchecked_transaction()?;
        let mut covers = self.applied_for(&state, state.last_seq + 1)?;
        covers.insert(state.device_id.clone(), state.last_seq);
        let mut segments = Segments::new(&dir, &state.key, &state.journal_id, &id, false);
        whole_journal(&tx, &mut |change| segments.push(change))?;
        changed_fields(&tx, &mut |change| segments.push(change))?;
        let mut conflicts = tx.prepare("SELECT entry_id, field, clock, device, value FROM sync_conflicts")?;
        let mut rows = conflicts.query([])?;
        while let Some(row) = rows.next()? {
            segments.push(Change::Conflict {
                entry_id: row.get(0)?,
                field: row.get(1)?,
                clock: row.get(2)?,
                device: row.get(3)?,
                value: row.get(4)?,
            })?;
        }
        drop(rows);
        drop(conflicts);
        // The last segment says what the snapshot covers, and how many segments it has.
        let written = segments.flush()?;
        segments.push(Change::Snapshot {
            author: state.device_id.clone(),
            covers,
            segments: written + 1,
        })?;
        let seq = segments.flush()?;
        let changes = segments.changes - 1;
        tx.commit()?;
        Ok(SnapshotWritten {
            folder: dir,
            segments: seq,
            changes,
        })
    }

    /// Loads the snapshot that covers the most into this journal, which has just joined and merged
    /// nothing yet, one segment a transaction, then marks what it covers as merged. A snapshot not
    /// wholly there, or not readable, is passed over (or left midway): the devices' segments still
    /// hold everything, and merging them again changes nothing.
    pub(super) fn load_snapshot(&mut self, state: &State, synced: &mut Synced) -> Result<()> {
        let Some(((id, author), covers, segments)) = best_snapshot(state)? else {
            return Ok(());
        };
        for (_, path) in &segments[..segments.len() - 1] {
            let Ok((_, body)) = read_segment(path, &state.key, &state.journal_id, &id) else {
                return Ok(());
            };
            let Ok(changes) = serde_json::from_slice::<Vec<Change>>(&body) else {
                return Ok(());
            };
            let latest = changes
                .iter()
                .map(Change::clock)
                .filter(|clock| *clock < NAME_UNTIL_NAMED)
                .max()
                .unwrap_or(0);
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute("UPDATE sync_state SET merging = 1", [])?;
            tx.execute(
                "INSERT INTO sync_devices (id) VALUES (?1) ON CONFLICT (id) DO NOTHING",
                [&author],
            )?;
            let num: i64 = tx.query_row("SELECT num FROM sync_devices WHERE id = ?1", [&author], |row| {
                row.get(0)
            })?;
            let here = &state.device_id;
            merge(&tx, &Author { num, id: &author, here }, &changes, &mut synced.merged)?;
            tx.execute("UPDATE sync_state SET merging = 0, clock = max(clock, ?1)", [latest])?;
            tx.commit()?;
            synced.segments_merged += 1;
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (device, seq) in &covers {
            tx.execute(
                "INSERT INTO sync_devices (id, applied) VALUES (?1, ?2) \
                 ON CONFLICT (id) DO UPDATE SET applied = max(applied, excluded.applied)",
                params![device, *seq as i64],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// The whole snapshots in the folder, the one covering the most segments: (its id and author), what
/// it covers, and its segments in order.
type Found = ((String, String), BTreeMap<String, u64>, Vec<(u64, PathBuf)>);

fn best_snapshot(state: &State) -> Result<Option<Found>> {
    let dir = snapshots_dir(&state.journal_dir());
    let Ok(listing) = std::fs::read_dir(&dir) else {
        return Ok(None);
    };
    let mut best: Option<(u64, Found)> = None;
    for item in listing.flatten() {
        let Some(id) = item.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        let segments = list_segments(&item.path())?;
        let Some((last, last_path)) = segments.last().cloned() else {
            continue;
        };
        // Whole: every segment from the first to the last, the last saying how many there are.
        if segments.iter().enumerate().any(|(i, (seq, _))| *seq != i as u64 + 1) {
            continue;
        }
        let Ok((_, body)) = read_segment(&last_path, &state.key, &state.journal_id, &id) else {
            continue;
        };
        let Ok(mut changes) = serde_json::from_slice::<Vec<Change>>(&body) else {
            continue;
        };
        let Some(Change::Snapshot {
            author,
            covers,
            segments: count,
        }) = changes.pop()
        else {
            continue;
        };
        if count != last {
            continue;
        }
        let size: u64 = covers.values().sum();
        if best.as_ref().is_none_or(|(best_size, _)| size > *best_size) {
            best = Some((size, ((id, author), covers, segments)));
        }
    }
    Ok(best.map(|(_, found)| found))
}
