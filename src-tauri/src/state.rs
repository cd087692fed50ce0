//! The journal the window works on: opened once at start-up, shared by every command, swapped when
//! a backup is restored over a damaged one, and closed and opened again when an encrypted journal
//! locks and unlocks.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use chrono::{DateTime, Utc};
use journal::crypto::MasterKey;
use journal::{Backup, Recovery, Store, backup_folder, backups};

use crate::encryption;
use crate::error::CommandError;

pub struct JournalState {
    /// Where the journal is; `None` when there is no place for one (no data folder).
    path: Option<PathBuf>,
    /// A journal that could not be opened is remembered as the reason, so every screen can say why.
    store: Mutex<Result<Store, Closed>>,
    /// The key of an unlocked encrypted journal, for the connections beside the window's (the
    /// start-up backup) and for restoring a backup; dropped, and wiped, when it locks. Taken only
    /// alone, or after `store`.
    key: Mutex<Option<MasterKey>>,
    /// When the process started, to log how long the window took to show a timeline.
    pub(crate) launched: Instant,
}

/// Why there is no open journal.
pub(crate) struct Closed {
    error: CommandError,
    /// SQLite's words for the damage, when the file is damaged (a backup can take its place).
    damage: Option<String>,
}

impl From<journal::Error> for Closed {
    fn from(error: journal::Error) -> Closed {
        Closed {
            damage: match &error {
                journal::Error::Damaged { reason, .. } => Some(reason.clone()),
                _ => None,
            },
            error: error.into(),
        }
    }
}

impl Closed {
    /// An encrypted journal not unlocked (or locked again): every command answers `locked`.
    pub(crate) fn locked(path: &Path) -> Closed {
        journal::Error::Locked { path: path.to_owned() }.into()
    }

    pub(crate) fn error(&self) -> &CommandError {
        &self.error
    }
}

impl JournalState {
    /// Opens the journal at `path`; an encrypted one through the OS keyring when it has a keyring
    /// slot, else it stays locked until the window unlocks it.
    pub fn open(path: &Path, launched: Instant) -> JournalState {
        let (store, key) = encryption::open_at_start(path);
        JournalState {
            path: Some(path.to_owned()),
            store: Mutex::new(store.map_err(Closed::from)),
            key: Mutex::new(key),
            launched,
        }
    }

    pub fn failed(error: CommandError, launched: Instant) -> JournalState {
        JournalState {
            path: None,
            store: Mutex::new(Err(Closed { error, damage: None })),
            key: Mutex::new(None),
            launched,
        }
    }

    pub(crate) fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The lock, also after a command panicked while holding it: [`JournalState::with`] catches
    /// panics, so the store inside is never left midway (SQLite rolls back what a panic abandoned).
    fn lock(&self) -> MutexGuard<'_, Result<Store, Closed>> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Why the journal could not be opened, if it could not. A locked journal is not a failure.
    pub fn open_error(&self) -> Option<CommandError> {
        self.lock()
            .as_ref()
            .err()
            .map(|closed| closed.error.clone())
            .filter(|error| !encryption::is_locked_error(error))
    }

    /// Runs `work` with the journal's place and key themselves, while no command can use the
    /// journal: to close it (lock), open it (unlock), or close it, convert the file and open the
    /// new one.
    pub(crate) fn replace<T>(
        &self,
        work: impl FnOnce(&Path, &mut Result<Store, Closed>, &mut Option<MasterKey>) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let path = self
            .path()
            .ok_or_else(|| self.open_error().unwrap_or_else(no_journal))?;
        let mut store = self.lock();
        work(path, &mut store, &mut self.key())
    }

    fn key(&self) -> MutexGuard<'_, Option<MasterKey>> {
        self.key.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A connection of its own to the journal at `path` (beside the window's), with the key when
    /// it is encrypted and unlocked.
    pub(crate) fn another_connection(&self, path: &Path) -> journal::Result<Store> {
        match &*self.key() {
            Some(key) => Store::open_encrypted(path, key),
            None => Store::open(path),
        }
    }

    /// Runs `work` on the journal, one command at a time. A panic in `work` is answered as an
    /// error: one bug never takes the app, or the commands after it, down.
    pub(crate) fn with<T>(&self, work: impl FnOnce(&mut Store) -> journal::Result<T>) -> Result<T, CommandError> {
        let mut store = self.lock();
        let store = store.as_mut().map_err(|closed| closed.error.clone())?;
        unwind_safe(work, store)
    }

    /// Runs `work` on a connection of its own, beside the window's: for the reminder runner,
    /// whose write may wait as long as the busy timeout on another process's write lock while the
    /// window's commands go on. A journal closed to the window (locked, damaged) gives the same
    /// error here.
    pub(crate) fn with_own_connection<T>(
        &self,
        work: impl FnOnce(&mut Store) -> journal::Result<T>,
    ) -> Result<T, CommandError> {
        let path = self
            .path()
            .ok_or_else(|| self.open_error().unwrap_or_else(no_journal))?;
        if let Err(closed) = &*self.lock() {
            return Err(closed.error.clone());
        }
        let mut store = self.another_connection(path)?;
        unwind_safe(work, &mut store)
    }

    /// Whether the journal's file was found damaged (a backup can take its place).
    pub(crate) fn is_damaged(&self) -> bool {
        matches!(&*self.lock(), Err(Closed { damage: Some(_), .. }))
    }

    /// What the window offers when the journal is damaged; `None` when it is not.
    pub(crate) fn recovery(&self) -> Result<Option<Recovery>, CommandError> {
        let reason = match (self.path(), &*self.lock()) {
            (
                Some(_),
                Err(Closed {
                    damage: Some(reason), ..
                }),
            ) => reason.clone(),
            _ => return Ok(None),
        };
        let path = self.path().ok_or_else(no_journal)?;
        let damaged = journal::Error::Damaged {
            path: path.to_owned(),
            reason,
        };
        Ok(Recovery::for_error(path, &damaged, self.key().as_ref())?)
    }

    /// Closes a journal found damaged after it was opened: nothing more is written to it.
    pub(crate) fn close_damaged(&self, reason: String) {
        let Some(path) = self.path() else { return };
        let error = journal::Error::Damaged {
            path: path.to_owned(),
            reason: reason.clone(),
        };
        *self.lock() = Err(Closed {
            error: error.into(),
            damage: Some(reason),
        });
    }

    /// The backups beside the journal, newest first.
    pub(crate) fn backups(&self) -> Result<(PathBuf, Vec<Backup>), CommandError> {
        let path = self
            .path()
            .ok_or_else(|| self.open_error().unwrap_or_else(no_journal))?;
        let folder = backup_folder(path);
        let found = backups(&folder)?;
        Ok((folder, found))
    }

    /// Puts the listed backup at `backup` in the journal's place and returns where the journal as
    /// it was is kept. An open journal is kept as a backup first; a damaged one is moved aside.
    pub(crate) fn restore(&self, backup: &Path, now: DateTime<Utc>) -> Result<PathBuf, CommandError> {
        let (folder, listed) = self.backups()?;
        if !listed.iter().any(|listed| Path::new(&listed.path) == backup) {
            return Err(journal::Error::Invalid {
                field: "backup",
                message: format!("{} is not one of the backups in {}", backup.display(), folder.display()),
            }
            .into());
        }
        let path = self.path().ok_or_else(no_journal)?;
        let mut store = self.lock();
        if matches!(&*store, Err(Closed { damage: Some(_), .. })) {
            let key = self.key();
            let kept = journal::restore_damaged(path, backup, key.as_ref(), now)?;
            *store = Ok(match key.as_ref() {
                Some(key) => Store::open_encrypted(path, key)?,
                None => Store::open(path)?,
            });
            return Ok(kept);
        }
        match &mut *store {
            Ok(open) => Ok(open
                .restore_backup(backup, &folder, now)
                .map(|kept| PathBuf::from(kept.path))?),
            Err(closed) => Err(closed.error.clone()),
        }
    }
}

/// `work`'s answer, or an error when it panicked (SQLite rolls back what a panic abandoned).
fn unwind_safe<T>(work: impl FnOnce(&mut Store) -> journal::Result<T>, store: &mut Store) -> Result<T, CommandError> {
    match catch_unwind(AssertUnwindSafe(|| work(store))) {
        Ok(done) => Ok(done?),
        Err(_) => {
            log::error!("a command failed unexpectedly (a bug); the journal was left as it was");
            Err(CommandError::internal(
                "Small Wins hit a bug doing that and left the journal as it was; please report it",
            ))
        }
    }
}

fn no_journal() -> CommandError {
    journal::Error::NoDataDir.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_command_answers_an_error_and_the_next_one_works() {
        let dir = tempfile::tempdir().unwrap();
        let state = JournalState::open(&dir.path().join("journal.sqlite3"), Instant::now());
        let failed = state.with(|_| -> journal::Result<()> { panic!("a bug") });
        assert!(failed.unwrap_err().message.contains("hit a bug"));
        assert!(state.with(|store| store.tags()).is_ok());
    }

    #[test]
    fn only_a_listed_backup_is_restored() {
        let dir = tempfile::tempdir().unwrap();
        let state = JournalState::open(&dir.path().join("journal.sqlite3"), Instant::now());
        let outside = dir.path().join("journal-20250101T000000.000Z.sqlite3");
        state.with(|store| store.backup_to(&outside)).unwrap();
        let error = state.restore(&outside, Utc::now()).unwrap_err();
        assert!(error.message.contains("is not one of the backups"), "{}", error.message);
    }
}
