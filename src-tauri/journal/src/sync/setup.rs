//! Starting and stopping sync: a new sync folder for this journal, joining the journal a folder
//! holds (on a new device, building it from the folder), and leaving.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone};
use rusqlite::{TransactionBehavior, params};

use super::capture;
use super::change::Change;
use super::emit::whole_journal;
use super::exchange::{Synced, clock_of};
use super::folder::{device_dir, journal_dir, only_journal};
use super::folder_key::{SyncKey, create_folder_key, unlock_folder_key};
use super::publish::{Segments, create_dir};
use super::segment::SegmentKey;
use crate::crypto::{Argon2Cost, Passphrase, RecoveryKey};
use crate::store::Store;
use crate::store::ids::new_id;
use crate::{Error, Result};

impl Store {
    /// Makes a new sync folder for this journal in `folder` (the folder a replicator shares):
    /// writes the folder key, sealed with `passphrase` (which other devices join with), and the
    /// whole journal as this device's first segments. Returns the folder key's recovery key, to
    /// be shown once.
    ///
    /// Errors: [`Error::AlreadySyncing`]; [`Error::Io`] when the folder cannot be written.
    pub fn sync_init<Tz: TimeZone>(
        &mut self,
        folder: &Path,
        passphrase: &Passphrase,
        cost: Argon2Cost,
        now: &DateTime<Tz>,
    ) -> Result<RecoveryKey> {
        self.refuse_when_syncing()?;
        let folder = absolute(folder)?;
        let journal_id = new_id(now);
        let dir = journal_dir(&folder, &journal_id);
        create_dir(&dir)?;
        let (sync_key, recovery) = create_folder_key(&dir, &journal_id, passphrase, cost)?;
        self.start(&folder, &journal_id, &sync_key, now)?;
        Ok(recovery)
    }

    /// Makes this journal take part in the journal that `folder` holds: its folder key is opened
    /// with `passphrase`, this journal's own entries are written as this device's first segments,
    /// and every other device's are merged. On a new device, this builds the whole journal.
    ///
    /// Errors: [`Error::AlreadySyncing`]; [`Error::SyncFolder`] when the folder holds no journal
    /// (or several); [`Error::WrongSecret`].
    pub fn sync_join<Tz: TimeZone>(
        &mut self,
        folder: &Path,
        passphrase: &Passphrase,
        now: &DateTime<Tz>,
    ) -> Result<Synced> {
        self.refuse_when_syncing()?;
        let folder = absolute(folder)?;
        let journal_id = only_journal(&folder)?;
        let sync_key = unlock_folder_key(&journal_dir(&folder, &journal_id), &journal_id, passphrase)?;
        self.start(&folder, &journal_id, &sync_key, now)?;
        let mut loaded = Synced::default();
        if let Some(state) = self.sync_state()? {
            self.load_snapshot(&state, &mut loaded)?;
        }
        let mut synced = self.sync(now)?;
        synced.segments_merged += loaded.segments_merged;
        synced.merged.add(&loaded.merged);
        Ok(synced)
    }

    /// Stops syncing: this journal keeps every entry and writes nothing more to the folder; what it
    /// wrote there stays for the other devices. Returns the folder it synced through.
    pub fn sync_leave(&mut self) -> Result<PathBuf> {
        let state = self.sync_state()?.ok_or(Error::NotSyncing)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch("DELETE FROM sync_changes; DELETE FROM sync_state; DELETE FROM sync_devices;")?;
        capture::remove(&tx)?;
        tx.commit()?;
        Ok(state.folder)
    }

    fn refuse_when_syncing(&self) -> Result<()> {
        match self.sync_state()? {
            Some(state) => Err(Error::AlreadySyncing { folder: state.folder }),
            None => Ok(()),
        }
    }

    /// Writes the whole journal as a new device's first segments, then records that it syncs. The
    /// segments come first: a crash between leaves a journal that does not sync yet, and segments
    /// the others merge as any device's.
    fn start<Tz: TimeZone>(
        &mut self,
        folder: &Path,
        journal_id: &str,
        sync_key: &SyncKey,
        now: &DateTime<Tz>,
    ) -> Result<()> {
        let device_id = new_id(now);
        let key = SegmentKey::derive(sync_key, journal_id);
        let dir = device_dir(&journal_dir(folder, journal_id), &device_id);
        create_dir(&dir)?;
        let mut segments = Segments::new(&dir, &key, journal_id, &device_id, true);
        let name = device_name();
        segments.push(Change::Device { name: name.clone() })?;
        whole_journal(&self.conn, &mut |change| segments.push(change))?;
        let seq = segments.flush()?;
        let clock = clock_of(now);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO sync_devices (num, id, name) VALUES (0, ?1, ?2)",
            params![device_id, name],
        )?;
        tx.execute(
            "INSERT INTO sync_state (only, journal_id, device_id, folder, sync_key, clock, published, last_seq, last_from) \
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?5, ?6, ?5)",
            params![
                journal_id,
                device_id,
                folder.to_string_lossy(),
                sync_key.as_bytes().as_slice(),
                clock,
                seq as i64
            ],
        )?;
        capture::install(&tx)?;
        tx.commit()?;
        Ok(())
    }
}

fn absolute(folder: &Path) -> Result<PathBuf> {
    std::path::absolute(folder).map_err(|source| Error::Io {
        path: folder.to_owned(),
        source,
    })
}

/// What this device calls itself: its host name, or a plain word when there is none to read.
fn device_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "a computer".to_owned())
}
