//! `wins sync`: this device's changes written (see `publish`), then every other device's segments
//! merged, in an order in which nothing comes before what it depends on.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, TimeZone};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::change::Change;
use super::folder::{device_dir, device_ids, journal_dir};
use super::folder_key::SyncKey;
use super::merge::{Author, Merged, merge};
use super::segment::{SegmentFault, SegmentKey, list_segments, read_segment};
use super::{CLOCK_SHIFT, clock_millis};
use crate::store::Store;
use crate::{Error, Result};

/// A clock this far ahead of ours is worth a warning: that device's clock is probably wrong.
const CLOCK_AHEAD_WARNING_MS: i64 = 10 * 60 * 1000;

/// What one `wins sync` did.
#[derive(Debug, Default)]
pub struct Synced {
    /// This device's changes written to the folder, and in how many segments.
    pub published: usize,
    pub segments_written: usize,
    /// Other devices' segments merged, and what they changed here.
    pub segments_merged: usize,
    pub merged: Merged,
    /// What could not be merged yet, or looks wrong; the rest merged all the same.
    pub warnings: Vec<Warning>,
}

/// Something `wins sync` could not do, or noticed, without stopping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A segment the replicator has not finished copying; it and that device's later ones wait.
    BeingCopied { path: PathBuf },
    /// A segment that cannot be read (damaged, or another journal's); it and that device's later
    /// ones wait, and are tried again next time.
    Unreadable { path: PathBuf, reason: String },
    /// A device's next segment depends on one not here yet (or one of its own is missing).
    Waiting { device: String, seq: u64 },
    /// A device whose clock runs ahead of this one's, in minutes.
    ClockAhead { device: String, minutes: i64 },
    /// This journal's folder holds later segments of this device than it wrote: the journal is a
    /// copy (or a restored backup) of another that syncs, and writes as a new device from now on.
    NewDeviceId { old: String, new: String },
}

/// This journal's part in a sync folder, as `sync_state` keeps it.
pub(super) struct State {
    pub(super) journal_id: String,
    pub(super) device_id: String,
    pub(super) folder: PathBuf,
    pub(super) key: SegmentKey,
    pub(super) published: i64,
    pub(super) last_seq: u64,
    pub(super) last_from: i64,
}

impl State {
    pub(super) fn journal_dir(&self) -> PathBuf {
        journal_dir(&self.folder, &self.journal_id)
    }
}

pub(super) fn clock_of<Tz: TimeZone>(now: &DateTime<Tz>) -> i64 {
    now.timestamp_millis() << CLOCK_SHIFT
}

impl Store {
    /// Writes this device's new changes to the folder, then merges every other device's segments
    /// that can be: what a segment depends on is merged first, and one that cannot be read yet
    /// waits (see [`Synced::warnings`]). A missing or half-copied file never deletes anything.
    ///
    /// Errors: [`Error::NotSyncing`]; [`Error::Io`] when this device's folder cannot be written.
    pub fn sync<Tz: TimeZone>(&mut self, now: &DateTime<Tz>) -> Result<Synced> {
        let mut state = self.sync_state()?.ok_or(Error::NotSyncing)?;
        let mut synced = Synced::default();
        self.check_own_segments(&mut state, now, &mut synced)?;
        self.publish(&mut state, &mut synced)?;
        self.merge_others(&mut state, now, &mut synced)?;
        Ok(synced)
    }

    pub(super) fn sync_state(&self) -> Result<Option<State>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT journal_id, device_id, folder, sync_key, published, last_seq, last_from FROM sync_state",
            )?
            .query_row([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, Vec<u8>>(3)?,
                    row.get::<_, i64>(4)?,
                    row.get::<_, i64>(5)?,
                    row.get::<_, i64>(6)?,
                ))
            })
            .optional()?;
        let Some((journal_id, device_id, folder, key, published, last_seq, last_from)) = row else {
            return Ok(None);
        };
        let sync_key = SyncKey::from_bytes(&key)?;
        Ok(Some(State {
            key: SegmentKey::derive(&sync_key, &journal_id),
            journal_id,
            device_id,
            folder: PathBuf::from(folder),
            published,
            last_seq: u64::try_from(last_seq).unwrap_or(0),
            last_from,
        }))
    }

    fn applied(&self) -> Result<BTreeMap<String, (i64, u64)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, num, applied FROM sync_devices")?
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, (row.get::<_, i64>(1)?, row.get::<_, i64>(2)?)))
            })?
            .map(|row| row.map(|(id, (num, applied))| (id, (num, u64::try_from(applied).unwrap_or(0)))))
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Merges other devices' segments until none more can be: each device's in order, each once
    /// all it depends on is merged.
    fn merge_others<Tz: TimeZone>(&mut self, state: &mut State, now: &DateTime<Tz>, synced: &mut Synced) -> Result<()> {
        let journal_dir = state.journal_dir();
        let others: Vec<String> = device_ids(&journal_dir)?
            .into_iter()
            .filter(|id| *id != state.device_id)
            .collect();
        let mut ahead: BTreeMap<String, i64> = BTreeMap::new();
        loop {
            let mut progressed = false;
            let mut waiting = Vec::new();
            for device in &others {
                let dir = device_dir(&journal_dir, device);
                let mut applied = self.applied()?.get(device).map_or(0, |(_, applied)| *applied);
                let unmerged: Vec<(u64, PathBuf)> = list_segments(&dir)?
                    .into_iter()
                    .filter(|(seq, _)| *seq > applied)
                    .collect();
                for (seq, path) in unmerged {
                    if seq != applied + 1 {
                        waiting.push(Warning::Waiting {
                            device: device.clone(),
                            seq: applied + 1,
                        });
                        break;
                    }
                    let (header, body) = match read_segment(&path, &state.key, &state.journal_id, device) {
                        Ok(read) => read,
                        Err(Error::Segment {
                            fault: SegmentFault::Incomplete,
                            ..
                        }) => {
                            waiting.push(Warning::BeingCopied { path });
                            break;
                        }
                        Err(error) => {
                            let reason = match error {
                                Error::Segment { reason, .. } => reason,
                                other => other.to_string(),
                            };
                            waiting.push(Warning::Unreadable { path, reason });
                            break;
                        }
                    };
                    if !self.has_merged(&header.applied, state)? {
                        waiting.push(Warning::Waiting {
                            device: device.clone(),
                            seq,
                        });
                        break;
                    }
                    let changes: Vec<Change> = match serde_json::from_slice(&body) {
                        Ok(changes) => changes,
                        Err(error) => {
                            waiting.push(Warning::Unreadable {
                                path,
                                reason: format!("its changes cannot be read: {error}"),
                            });
                            break;
                        }
                    };
                    let latest = loop {
                        match self.merge_segment(&state.device_id.clone(), device, seq, &changes, &mut synced.merged)? {
                            Some(latest) => break latest,
                            None => self.publish(state, synced)?,
                        }
                    };
                    let minutes_ahead = (clock_millis(latest) - now.timestamp_millis()) / 60_000;
                    if clock_millis(latest) - now.timestamp_millis() > CLOCK_AHEAD_WARNING_MS {
                        ahead.insert(device.clone(), minutes_ahead);
                    }
                    synced.segments_merged += 1;
                    applied = seq;
                    progressed = true;
                }
            }
            if !progressed {
                synced.warnings.extend(waiting);
                break;
            }
        }
        synced.warnings.extend(
            ahead
                .into_iter()
                .map(|(device, minutes)| Warning::ClockAhead { device, minutes }),
        );
        Ok(())
    }

    /// Whether this journal has merged everything a segment's author had when writing it.
    fn has_merged(&self, needed: &BTreeMap<String, u64>, state: &State) -> Result<bool> {
        let applied = self.applied()?;
        Ok(needed.iter().all(|(device, seq)| {
            if *device == state.device_id {
                return *seq <= state.last_seq;
            }
            applied.get(device).is_some_and(|(_, applied)| applied >= seq)
        }))
    }

    /// Merges one segment in one transaction; returns the latest clock in it. `None` when this
    /// device has written since its last segment: its own changes go out before others' are merged
    /// over them (a merged value replaces the clock the change was recorded with), so nothing is
    /// merged then.
    fn merge_segment(
        &mut self,
        here: &str,
        device: &str,
        seq: u64,
        changes: &[Change],
        merged: &mut Merged,
    ) -> Result<Option<i64>> {
        let latest = changes.iter().map(Change::clock).max().unwrap_or(0);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let unwritten: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_changes c, sync_state s WHERE c.device = 0 AND c.clock > s.published)",
            [],
            |row| row.get(0),
        )?;
        if unwritten {
            return Ok(None);
        }
        tx.execute("UPDATE sync_state SET merging = 1", [])?;
        tx.execute(
            "INSERT INTO sync_devices (id) VALUES (?1) ON CONFLICT (id) DO NOTHING",
            [device],
        )?;
        let num: i64 = tx.query_row("SELECT num FROM sync_devices WHERE id = ?1", [device], |row| row.get(0))?;
        merge(&tx, &Author { num, id: device, here }, changes, merged)?;
        tx.execute(
            "UPDATE sync_devices SET applied = ?2, last_clock = max(last_clock, ?3) WHERE num = ?1",
            params![num, seq as i64, latest],
        )?;
        tx.execute("UPDATE sync_state SET merging = 0, clock = max(clock, ?1)", [latest])?;
        tx.commit()?;
        Ok(Some(latest))
    }
}
