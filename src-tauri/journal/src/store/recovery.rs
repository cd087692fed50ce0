//! A damaged journal is never written over: it is moved aside into the backup folder, kept, and a
//! backup that passes its check takes its place in one rename.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::backups::{self, Backup, backup_folder, copy_database, open_backup};
use super::open_journals::{self, Head};
use crate::crypto::MasterKey;
use crate::export_import::io_error;
use crate::{Error, Result};

/// What a front end offers when the journal's file is damaged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Recovery {
    /// The damaged journal, left where it is until a backup is restored.
    pub journal: String,
    /// What is wrong with it, as SQLite put it.
    pub reason: String,
    /// Where the damaged file is kept once a backup takes its place.
    pub kept_in: String,
    /// The newest backup that passes SQLite's integrity check, if any does.
    pub newest_good: Option<Backup>,
}

impl Recovery {
    /// What to offer for the journal at `journal` that failed to open with `error`; `None` when
    /// the failure is not damage to the file. `key` is an encrypted journal's master key.
    pub fn for_error(journal: &Path, error: &Error, key: Option<&MasterKey>) -> Result<Option<Recovery>> {
        let Error::Damaged { reason, .. } = error else {
            return Ok(None);
        };
        let folder = backup_folder(journal);
        Ok(Some(Recovery {
            journal: journal.display().to_string(),
            reason: reason.clone(),
            kept_in: folder.display().to_string(),
            newest_good: newest_good_backup(&folder, key)?,
        }))
    }
}

/// The newest backup in `folder` that passes SQLite's integrity check, opened with `key` (an
/// encrypted journal's master key; `None` for a plain journal, whose backups are plain).
pub fn newest_good_backup(folder: &Path, key: Option<&MasterKey>) -> Result<Option<Backup>> {
    let key = key.map(MasterKey::sqlcipher_key);
    Ok(backups::backups(folder)?
        .into_iter()
        .find(|backup| open_backup(Path::new(&backup.path), key.as_ref()).is_ok()))
}

/// Puts `backup` in the place of the damaged journal at `journal` (which no connection may have
/// open) and returns where the damaged file is kept: beside the backups, named by `now`, with its
/// `-wal` if it had one. The damaged file is never deleted nor written to. `key` is an encrypted
/// journal's master key (`None` for a plain journal).
pub fn restore_damaged(journal: &Path, backup: &Path, key: Option<&MasterKey>, now: DateTime<Utc>) -> Result<PathBuf> {
    let source = open_backup(backup, key.map(MasterKey::sqlcipher_key).as_ref())?;
    // The copy keeps the backup's salt, which is the journal's: its key file still opens it.
    let copy_key = match key {
        Some(key) => match open_journals::head(backup).map_err(io_error(backup))? {
            Head::Closed(salt) | Head::Open(salt) => Some(key.sqlcipher_copy_key(&salt)),
            Head::Missing => None,
        },
        None => None,
    };
    let folder = backup_folder(journal);
    std::fs::create_dir_all(&folder).map_err(io_error(&folder))?;
    let home = journal
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The backup is copied beside the journal first, so the last step is one atomic rename.
    let incoming = tempfile::Builder::new()
        .suffix(".partial")
        .tempfile_in(home)
        .map_err(io_error(journal))?;
    copy_database(&source, incoming.path(), copy_key.as_ref())?;
    drop(source);
    let kept = folder.join(now.format("damaged-%Y%m%dT%H%M%S%.3fZ.sqlite3").to_string());
    if journal.exists() {
        // A second name for the damaged file, never replacing one: the rename below then takes
        // only the journal's name from it.
        std::fs::hard_link(journal, &kept)
            .or_else(|_| copy_new(journal, &kept))
            .map_err(io_error(&kept))?;
    }
    // A -wal beside the journal belongs to the damaged file: left there, SQLite would replay it
    // onto the restored one.
    for suffix in ["-wal", "-shm"] {
        let sidecar = with_suffix(journal, suffix);
        if sidecar.exists() {
            std::fs::rename(&sidecar, with_suffix(&kept, suffix)).map_err(io_error(&sidecar))?;
        }
    }
    incoming.persist(journal).map_err(|e| io_error(journal)(e.error))?;
    Ok(kept)
}

/// Copies `from` to `to`, which must not exist yet.
fn copy_new(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut source = std::fs::File::open(from)?;
    let mut target = std::fs::OpenOptions::new().write(true).create_new(true).open(to)?;
    std::io::copy(&mut source, &mut target)?;
    target.sync_all()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `error`, called damage when SQLite found the file corrupt while opening or migrating it.
pub(super) fn as_damage(path: &Path, error: Error) -> Error {
    let corrupt = |error: &rusqlite::Error| {
        matches!(
            error.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        )
    };
    let is_corrupt = match &error {
        Error::Sqlite(e) => corrupt(e),
        Error::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => corrupt(err),
        _ => false,
    };
    if is_corrupt {
        Error::Damaged {
            path: path.to_owned(),
            reason: error.to_string(),
        }
    } else {
        error
    }
}
