//! Writing this device's changes to the folder: its new changes as segments (each recorded in the
//! journal before it is written), a segment a crash left unwritten written again, a copied journal
//! turned into a device of its own, and a whole journal's segments for joining or a snapshot.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, TimeZone};
use rusqlite::{TransactionBehavior, params};

use super::change::Change;
use super::emit::{Budget, changes_after, size_of};
use super::exchange::{State, Synced, Warning};
use super::folder::device_dir;
use super::segment::{SegmentHeader, SegmentKey, list_segments, write_segment};
use crate::store::Store;
use crate::store::ids::new_id;
use crate::{Error, Result};

/// What a segment carries: 5000 entries are about 2 MB; long entries stop a segment at 16 MiB,
/// well inside the 64 MiB a segment may have.
const SEGMENT: Budget = Budget {
    changes: 5000,
    bytes: 16 * 1024 * 1024,
};

impl Store {
    /// Rewrites this device's latest segment when a crash came between recording it and writing
    /// it, and notices a journal copied from another that syncs (its folder holds later segments
    /// than this journal wrote): from now on the copy writes as a new device, and merges what the
    /// other wrote as any other device's.
    pub(super) fn check_own_segments<Tz: TimeZone>(
        &mut self,
        state: &mut State,
        now: &DateTime<Tz>,
        synced: &mut Synced,
    ) -> Result<()> {
        let own = device_dir(&state.journal_dir(), &state.device_id);
        let written = list_segments(&own)?;
        let latest = written.iter().map(|(seq, _)| *seq).max().unwrap_or(0);
        if latest > state.last_seq {
            let new_device = new_id(now);
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute("UPDATE sync_devices SET id = ?1 WHERE num = 0", [&new_device])?;
            tx.execute(
                "INSERT INTO sync_devices (id, applied) VALUES (?1, ?2)",
                params![state.device_id, state.last_seq as i64],
            )?;
            tx.execute(
                "UPDATE sync_state SET device_id = ?1, last_seq = 0, last_from = published",
                [&new_device],
            )?;
            tx.commit()?;
            synced.warnings.push(Warning::NewDeviceId {
                old: std::mem::replace(&mut state.device_id, new_device),
                new: state.device_id.clone(),
            });
            state.last_seq = 0;
            state.last_from = state.published;
            create_dir(&device_dir(&state.journal_dir(), &state.device_id))?;
            return Ok(());
        }
        let missing = state.last_seq > 0 && !written.iter().any(|(seq, _)| *seq == state.last_seq);
        if missing && state.last_from < state.published {
            let changes = changes_after(&self.conn, state.last_from, state.published, SEGMENT)?
                .map(|(changes, _)| changes)
                .unwrap_or_default();
            self.write_own(state, state.last_seq, &changes, synced)?;
        }
        Ok(())
    }

    /// Writes this device's changes since its last segment, in segments of [`SEGMENT`]'s size.
    /// Each is recorded before it is written (see [`Store::check_own_segments`] for a crash
    /// between).
    pub(super) fn publish(&mut self, state: &mut State, synced: &mut Synced) -> Result<()> {
        while let Some((changes, through)) = changes_after(&self.conn, state.published, i64::MAX, SEGMENT)? {
            let seq = state.last_seq + 1;
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute(
                "UPDATE sync_state SET last_seq = ?1, last_from = published, published = ?2",
                params![seq as i64, through],
            )?;
            tx.commit()?;
            (state.last_seq, state.last_from, state.published) = (seq, state.published, through);
            self.write_own(state, seq, &changes, synced)?;
        }
        Ok(())
    }

    /// Writes `changes` as this device's segment `seq`, depending on all it had merged.
    fn write_own(&self, state: &State, seq: u64, changes: &[Change], synced: &mut Synced) -> Result<()> {
        let own = device_dir(&state.journal_dir(), &state.device_id);
        create_dir(&own)?;
        let applied = self.applied_for(state, seq)?;
        write(
            &own,
            &state.key,
            &state.journal_id,
            &state.device_id,
            seq,
            applied,
            changes,
        )?;
        synced.published += changes.len();
        synced.segments_written += 1;
        Ok(())
    }

    /// What this device had merged when writing its segment `seq`: a device that reads the
    /// segment merges all of it first.
    pub(super) fn applied_for(&self, state: &State, seq: u64) -> Result<BTreeMap<String, u64>> {
        let mut applied: BTreeMap<String, u64> = self
            .conn
            .prepare_cached("SELECT id, applied FROM sync_devices WHERE num <> 0 AND applied > 0")?
            .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))?
            .map(|row| row.map(|(id, applied)| (id, u64::try_from(applied).unwrap_or(0))))
            .collect::<rusqlite::Result<_>>()?;
        if seq > 1 {
            applied.insert(state.device_id.clone(), seq - 1);
        }
        Ok(applied)
    }
}

pub(super) fn write(
    dir: &Path,
    key: &SegmentKey,
    journal_id: &str,
    device_id: &str,
    seq: u64,
    applied: BTreeMap<String, u64>,
    changes: &[Change],
) -> Result<()> {
    let body = serde_json::to_vec(changes).map_err(|_| Error::Crypto("a segment's changes could not be written"))?;
    let header = SegmentHeader {
        journal_id: journal_id.to_owned(),
        device_id: device_id.to_owned(),
        seq,
        applied,
        changes: u32::try_from(changes.len()).unwrap_or(u32::MAX),
    };
    write_segment(dir, key, &header, &body)?;
    Ok(())
}

/// A whole journal's changes gathered into segments of [`SEGMENT`]'s size as they come: a device's
/// first segments (each depending on the one before), or a snapshot's (depending on nothing).
pub(super) struct Segments<'a> {
    dir: &'a Path,
    key: &'a SegmentKey,
    journal_id: &'a str,
    device_id: &'a str,
    chained: bool,
    seq: u64,
    batch: Vec<Change>,
    bytes: usize,
    /// The changes written so far.
    pub(super) changes: usize,
}

impl<'a> Segments<'a> {
    /// Segments written into `dir` as `device_id`'s; with `chained`, each depends on the one before.
    pub(super) fn new(
        dir: &'a Path,
        key: &'a SegmentKey,
        journal_id: &'a str,
        device_id: &'a str,
        chained: bool,
    ) -> Self {
        Segments {
            dir,
            key,
            journal_id,
            device_id,
            chained,
            seq: 0,
            batch: Vec::new(),
            bytes: 0,
            changes: 0,
        }
    }

    pub(super) fn push(&mut self, change: Change) -> Result<()> {
        self.bytes += size_of(&change);
        self.batch.push(change);
        if SEGMENT.is_spent(self.batch.len(), self.bytes) {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes what has gathered as a segment of its own; returns the last segment's number.
    pub(super) fn flush(&mut self) -> Result<u64> {
        if !self.batch.is_empty() {
            self.seq += 1;
            let applied =
                BTreeMap::from_iter((self.chained && self.seq > 1).then(|| (self.device_id.to_owned(), self.seq - 1)));
            write(
                self.dir,
                self.key,
                self.journal_id,
                self.device_id,
                self.seq,
                applied,
                &self.batch,
            )?;
            self.changes += self.batch.len();
            self.batch.clear();
            self.bytes = 0;
        }
        Ok(self.seq)
    }
}

pub(super) fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_owned(),
        source,
    })
}
