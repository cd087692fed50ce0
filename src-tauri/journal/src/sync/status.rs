//! `wins sync status`: the devices a journal syncs with, what waits to be written or merged, and
//! the words kept from edits on two devices.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use super::clock_millis;
use super::folder::{device_dir, device_ids, devices_dir, journal_dir};
use super::segment::list_segments;
use crate::Result;
use crate::store::Store;

/// Where and with whom a journal syncs.
#[derive(Debug, Clone, Serialize)]
pub struct SyncStatus {
    pub folder: PathBuf,
    pub journal_id: String,
    pub device_id: String,
    /// The folder of every device's segments (this device's is `<devices_dir>/<device_id>`): what
    /// a window watches for other devices' files.
    pub devices_dir: PathBuf,
    /// Every device that has written to the folder, this one first.
    pub devices: Vec<DeviceStatus>,
    /// This device's changes not yet written to the folder.
    pub unwritten_changes: usize,
    /// Other devices' segments in the folder not merged yet.
    pub waiting_segments: usize,
    /// Words edited on two devices, waiting for the person to choose.
    pub conflicts: usize,
}

/// One device of a sync folder.
#[derive(Debug, Clone, Serialize)]
pub struct DeviceStatus {
    pub id: String,
    /// What the device calls itself (its host name), once one of its segments is merged.
    pub name: Option<String>,
    pub this_device: bool,
    /// Its segments merged here (for this device: written).
    pub segments: u64,
    /// When it made its latest change merged here, by its own clock.
    pub last_change: Option<DateTime<Utc>>,
}

/// Words of an entry edited on two devices from one version: the version that lost.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncConflict {
    pub entry_id: String,
    /// "text", "lesson" or "adjust".
    pub field: String,
    /// The words the entry shows now, and the other device's.
    pub current: Option<String>,
    pub other: Option<String>,
    /// The device that wrote the other words, and when by its clock.
    pub device: String,
    pub written_at: Option<DateTime<Utc>>,
    /// Names the other words' version to [`Store::resolve_conflict`]: "<clock>/<device>".
    pub version: String,
}

impl Store {
    /// Where and with whom this journal syncs; `None` when it does not. Reads the folder's listing
    /// (not its files' contents) to count what waits.
    pub fn sync_status(&self) -> Result<Option<SyncStatus>> {
        let state: Option<(String, String, String, i64)> = self
            .conn
            .prepare_cached("SELECT folder, journal_id, device_id, published FROM sync_state")?
            .query_row([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))
            .optional()?;
        let Some((folder, journal_id, device_id, published)) = state else {
            return Ok(None);
        };
        let folder = PathBuf::from(folder);
        let dir = journal_dir(&folder, &journal_id);
        let mut devices: Vec<DeviceStatus> = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.num = 0, CASE WHEN d.num = 0 THEN s.last_seq ELSE d.applied END, d.last_clock, \
                 d.name FROM sync_devices d, sync_state s ORDER BY d.num",
            )?
            .query_map([], |row| {
                let last_clock: i64 = row.get(3)?;
                Ok(DeviceStatus {
                    id: row.get(0)?,
                    name: row.get(4)?,
                    this_device: row.get(1)?,
                    segments: u64::try_from(row.get::<_, i64>(2)?).unwrap_or(0),
                    last_change: (last_clock > 0)
                        .then(|| DateTime::from_timestamp_millis(clock_millis(last_clock)))
                        .flatten(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut waiting_segments = 0;
        for id in device_ids(&dir)? {
            if id == device_id {
                continue;
            }
            let merged = devices
                .iter()
                .find(|device| device.id == id)
                .map_or(0, |device| device.segments);
            waiting_segments += list_segments(&device_dir(&dir, &id))?
                .iter()
                .filter(|(seq, _)| *seq > merged)
                .count();
            if !devices.iter().any(|device| device.id == id) {
                devices.push(DeviceStatus {
                    id,
                    name: None,
                    this_device: false,
                    segments: 0,
                    last_change: None,
                });
            }
        }
        let count = |sql: &str, param: Option<i64>| -> Result<usize> {
            let mut statement = self.conn.prepare_cached(sql)?;
            let n: i64 = match param {
                Some(value) => statement.query_row([value], |row| row.get(0))?,
                None => statement.query_row([], |row| row.get(0))?,
            };
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok(Some(SyncStatus {
            devices_dir: devices_dir(&dir),
            folder,
            journal_id,
            device_id,
            devices,
            unwritten_changes: count(
                "SELECT count(*) FROM sync_changes WHERE device = 0 AND clock > ?1",
                Some(published),
            )?,
            waiting_segments,
            conflicts: count("SELECT count(*) FROM sync_conflicts", None)?,
        }))
    }

    /// The words kept from edits on two devices, newest first.
    pub fn sync_conflicts(&self) -> Result<Vec<SyncConflict>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT c.entry_id, c.field, CASE c.field WHEN 'text' THEN e.text WHEN 'lesson' THEN e.lesson \
             ELSE e.adjust END, c.value, c.device, c.clock \
             FROM sync_conflicts c JOIN entries e ON e.id = c.entry_id ORDER BY c.clock DESC",
        )?;
        let conflicts = statement
            .query_map([], |row| {
                let clock: i64 = row.get(5)?;
                Ok(SyncConflict {
                    entry_id: row.get(0)?,
                    field: row.get(1)?,
                    current: row.get(2)?,
                    other: row.get(3)?,
                    written_at: DateTime::from_timestamp_millis(clock_millis(clock)).filter(|_| clock > 0),
                    version: format!("{clock}/{}", row.get::<_, String>(4)?),
                    device: row.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(conflicts)
    }
}
