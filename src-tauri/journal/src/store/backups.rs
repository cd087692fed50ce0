//! Backups people can restore: copies taken with SQLite's online backup API (a write under way
//! cannot tear them), each checked after writing, kept on a daily/weekly/monthly rotation, and
//! restored into the live journal by the same API so that every connection sees the swap at once.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::open_journals::Registry;
use super::{Access, Found, Store, check_existing_file, schema};
use crate::crypto::SqlcipherKey;
use crate::export_import::io_error;
use crate::{Error, Result};

/// How many backups the rotation keeps: the newest of each of the last `daily` days, `weekly`
/// weeks and `monthly` months that have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rotation {
    pub daily: usize,
    pub weekly: usize,
    pub monthly: usize,
}

impl Default for Rotation {
    fn default() -> Self {
        Rotation {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

/// One backup in the journal's backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Backup {
    pub path: String,
    pub taken_at: DateTime<Utc>,
    pub bytes: u64,
}

/// What `verify` found: `ok` when both the database and its search index are sound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Verification {
    pub ok: bool,
    /// Each problem SQLite's `integrity_check` reported (empty when none).
    pub database: Vec<String>,
    /// Whether the full-text search index matches the entries.
    pub search_index_ok: bool,
}

/// The search indexes' own check of their structure. SQLite's check against the content table
/// (rank 1) cannot be used: the indexes hold only live entries, and it takes every deleted entry
/// for a missing one.
const SEARCH_INDEX_CHECK: &str = "INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check'); \
     INSERT INTO entries_words (entries_words) VALUES ('integrity-check')";

/// Whether each search index holds exactly the live entries, by their rows.
const SEARCH_INDEX_HOLDS_LIVE_ENTRIES: &str = "SELECT \
     (SELECT count(*) FROM entries_fts_docsize) = (SELECT count(*) FROM entries WHERE deleted_at IS NULL) \
     AND (SELECT count(*) FROM entries_words_docsize) = (SELECT count(*) FROM entries WHERE deleted_at IS NULL) \
     AND NOT EXISTS (SELECT 1 FROM entries_fts_docsize d LEFT JOIN entries e ON e.seq = d.id \
                     WHERE e.seq IS NULL OR e.deleted_at IS NOT NULL) \
     AND NOT EXISTS (SELECT 1 FROM entries_words_docsize d LEFT JOIN entries e ON e.seq = d.id \
                     WHERE e.seq IS NULL OR e.deleted_at IS NOT NULL)";

const NAME_FORMAT: &str = "journal-%Y%m%dT%H%M%S%.3fZ.sqlite3";

/// The folder the rotation keeps its backups in: `backups/` beside the journal.
pub fn backup_folder(journal: &Path) -> PathBuf {
    journal.parent().unwrap_or(Path::new(".")).join("backups")
}

impl Store {
    /// Copies the journal to `destination` (which must not exist yet) and checks the copy.
    pub fn backup_to(&self, destination: &Path) -> Result<()> {
        if destination.symlink_metadata().is_ok() {
            return Err(Error::invalid(
                "to",
                format!("{} is there already", destination.display()),
            ));
        }
        let folder = destination
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder).map_err(io_error(folder))?;
        // Written under a private temporary name, checked, then given its name: a backup that is
        // there is a whole one.
        let temporary = tempfile::Builder::new()
            .suffix(".partial")
            .tempfile_in(folder)
            .map_err(io_error(destination))?;
        copy_database(
            &self.conn,
            temporary.path(),
            self.encryption.as_ref().map(|e| &e.copy_key),
        )?;
        temporary
            .persist_noclobber(destination)
            .map_err(|e| io_error(destination)(e.error))?;
        Ok(())
    }

    /// Takes a backup into `folder` named by `now`, then applies the rotation to the folder.
    pub fn backup_rotated(&self, folder: &Path, now: DateTime<Utc>, rotation: Rotation) -> Result<Backup> {
        let taken = self.backup_named(folder, now)?;
        rotate(folder, rotation)?;
        Ok(taken)
    }

    /// The day's backup: taken into `folder` (and the rotation applied) unless one was already
    /// taken on `now`'s day in `now`'s time zone. `None` when there was one.
    pub fn daily_backup<Tz: TimeZone>(
        &self,
        folder: &Path,
        now: &DateTime<Tz>,
        rotation: Rotation,
    ) -> Result<Option<Backup>> {
        let today = now.date_naive();
        let taken_today = backups(folder)?
            .iter()
            .any(|backup| backup.taken_at.with_timezone(&now.timezone()).date_naive() == today);
        if taken_today {
            return Ok(None);
        }
        self.backup_rotated(folder, now.to_utc(), rotation).map(Some)
    }

    /// What SQLite's quick check finds wrong with the journal's file (empty when nothing): the
    /// damage a start-up looks for, in one pass over the pages.
    pub fn damage(&self) -> Result<Vec<String>> {
        check_pages(&self.conn, "quick_check")
    }

    /// Takes a backup into `folder` named by `now`, leaving the other backups as they are.
    fn backup_named(&self, folder: &Path, now: DateTime<Utc>) -> Result<Backup> {
        let name = now.format(NAME_FORMAT).to_string();
        let path = folder.join(&name);
        self.backup_to(&path)?;
        Ok(Backup {
            path: path.display().to_string(),
            taken_at: NaiveDateTime::parse_from_str(&name, NAME_FORMAT).map_or(now, |at| at.and_utc()),
            bytes: std::fs::metadata(&path).map_err(io_error(&path))?.len(),
        })
    }

    /// Runs SQLite's integrity check and the search index's own.
    pub fn verify(&self) -> Result<Verification> {
        let database = integrity(&self.conn)?;
        let search_index_ok = self.conn.execute_batch(SEARCH_INDEX_CHECK).is_ok()
            && self
                .conn
                .query_row(SEARCH_INDEX_HOLDS_LIVE_ENTRIES, [], |row| row.get(0))?;
        Ok(Verification {
            ok: database.is_empty() && search_index_ok,
            database,
            search_index_ok,
        })
    }

    /// Replaces the journal's contents with `backup`'s, after keeping the current journal as a
    /// backup in `folder`. The backup is checked first; the swap is one SQLite transaction.
    pub fn restore_backup(&mut self, backup: &Path, folder: &Path, now: DateTime<Utc>) -> Result<Backup> {
        let key = self.encryption.as_ref().map(|e| &e.key);
        let source = open_backup(backup, key)?;
        // Not rotated now: the rotation could take away the very backup being restored.
        let kept = self.backup_named(folder, now)?;
        rusqlite::backup::Backup::new(&source, &mut self.conn)?.run_to_completion(
            256,
            std::time::Duration::from_millis(10),
            None,
        )?;
        // The copied first page says the backup's journal mode (a backup is a single file): put
        // the journal back in WAL mode, its pages written home, before anyone opens it again.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        schema::migrate(&mut self.conn)?;
        Ok(kept)
    }
}

/// The backups in `folder`, newest first; files not named like a backup are left out.
pub fn backups(folder: &Path) -> Result<Vec<Backup>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(folder)(e)),
    };
    let mut found = Vec::new();
    for item in entries {
        let item = item.map_err(io_error(folder))?;
        let name = item.file_name();
        let Some(taken_at) = name
            .to_str()
            .and_then(|name| NaiveDateTime::parse_from_str(name, NAME_FORMAT).ok())
        else {
            continue;
        };
        let metadata = item.metadata().map_err(io_error(&item.path()))?;
        if metadata.is_file() {
            found.push(Backup {
                path: item.path().display().to_string(),
                taken_at: taken_at.and_utc(),
                bytes: metadata.len(),
            });
        }
    }
    found.sort_by_key(|backup| std::cmp::Reverse(backup.taken_at));
    Ok(found)
}

/// Deletes the backups in `folder` that the rotation does not keep.
fn rotate(folder: &Path, rotation: Rotation) -> Result<()> {
    let all = backups(folder)?;
    let keep = to_keep(&all.iter().map(|b| b.taken_at).collect::<Vec<_>>(), rotation);
    for (index, backup) in all.iter().enumerate() {
        if !keep.contains(&index) {
            std::fs::remove_file(&backup.path).map_err(io_error(Path::new(&backup.path)))?;
        }
    }
    Ok(())
}

/// Which of `taken` (newest first) the rotation keeps, by index: the newest in each of the most
/// recent days, ISO weeks and months that hold one.
pub(crate) fn to_keep(taken: &[DateTime<Utc>], rotation: Rotation) -> BTreeSet<usize> {
    let mut keep = BTreeSet::new();
    let mut pick = |limit: usize, period: &dyn Fn(&DateTime<Utc>) -> (i32, u32)| {
        let mut seen = Vec::new();
        for (index, at) in taken.iter().enumerate() {
            let key = period(at);
            if !seen.contains(&key) {
                if seen.len() == limit {
                    break;
                }
                seen.push(key);
                keep.insert(index);
            }
        }
    };
    pick(rotation.daily, &|at| (at.year(), at.ordinal()));
    pick(rotation.weekly, &|at| (at.iso_week().year(), at.iso_week().week()));
    pick(rotation.monthly, &|at| (at.year(), at.month()));
    keep
}

/// Opens `backup` to read, once it is checked to be a whole Small Wins journal that opens with
/// `key` (SQLCipher's key of an encrypted journal; `None` for a plain one): a backup restores
/// only into a journal of its own kind.
pub(super) fn open_backup(backup: &Path, key: Option<&SqlcipherKey>) -> Result<Connection> {
    if let Found::Nothing(_) = check_existing_file(backup, key, &Registry::lock(), Access::Read)? {
        return Err(Error::invalid(
            "backup",
            format!("{} is empty or missing, not a backup", backup.display()),
        ));
    }
    let conn = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    if let Some(key) = key {
        crate::crypto::key_connection(&conn, key)?;
    }
    let problems = integrity(&conn)?;
    if !problems.is_empty() {
        return Err(Error::invalid(
            "backup",
            format!("{} is damaged: {}", backup.display(), problems.join("; ")),
        ));
    }
    Ok(conn)
}

/// Copies the database `source` has open into the new, empty file `destination` with SQLite's
/// online backup API, encrypted with `copy_key` when the journal is (SQLCipher copies an encrypted
/// journal only into a file with the same key), as one file with no `-wal`, checked after writing.
pub(super) fn copy_database(source: &Connection, destination: &Path, copy_key: Option<&SqlcipherKey>) -> Result<()> {
    let mut copy = Connection::open(destination)?;
    if let Some(key) = copy_key {
        crate::crypto::key_connection(&copy, key)?;
    }
    rusqlite::backup::Backup::new(source, &mut copy)?.run_to_completion(
        256,
        std::time::Duration::from_millis(10),
        None,
    )?;
    // A copy is one file, with no -wal beside it to lose when it is copied elsewhere.
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    let problems = integrity(&copy)?;
    if !problems.is_empty() {
        return Err(Error::invalid(
            "backup",
            format!("the copy failed its check: {}", problems.join("; ")),
        ));
    }
    Ok(())
}

/// The problems `PRAGMA integrity_check` reports; empty when it says "ok".
fn integrity(conn: &Connection) -> Result<Vec<String>> {
    check_pages(conn, "integrity_check")
}

/// The problems one of SQLite's checks (`integrity_check`, `quick_check`) reports.
fn check_pages(conn: &Connection, pragma: &str) -> Result<Vec<String>> {
    let mut statement = conn.prepare(&format!("PRAGMA {pragma}"))?;
    let lines = statement
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines.into_iter().filter(|line| line != "ok").collect())
}
