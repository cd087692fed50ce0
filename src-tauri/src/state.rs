//! The journal the window works on: opened once at start-up, shared by every command, and closed
//! and opened again when an encrypted journal locks and unlocks.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use journal::Store;

use crate::encryption;
use crate::error::CommandError;

pub struct JournalState {
    /// Where the journal is; `None` when there is no place for one (no data folder).
    path: Option<PathBuf>,
    /// A journal that is not open (locked, or failed to open) is remembered as the error every
    /// command answers, so every screen can say why.
    store: Mutex<Result<Store, CommandError>>,
    /// When the process started, to log how long the window took to show a timeline.
    pub(crate) launched: Instant,
}

impl JournalState {
    /// Opens the journal at `path`; an encrypted one through the OS keyring when it has a keyring
    /// slot, else it stays locked until the window unlocks it.
    pub fn open(path: &Path, launched: Instant) -> JournalState {
        JournalState {
            path: Some(path.to_owned()),
            store: Mutex::new(encryption::open_at_start(path)),
            launched,
        }
    }

    pub fn failed(error: CommandError, launched: Instant) -> JournalState {
        JournalState {
            path: None,
            store: Mutex::new(Err(error)),
            launched,
        }
    }

    pub(crate) fn path(&self) -> Result<&Path, CommandError> {
        self.path
            .as_deref()
            .ok_or_else(|| self.open_error().unwrap_or_else(|| journal::Error::NoDataDir.into()))
    }

    fn lock(&self) -> Result<MutexGuard<'_, Result<Store, CommandError>>, CommandError> {
        self.store
            .lock()
            .map_err(|_| CommandError::internal("an earlier command failed midway; restart Small Wins"))
    }

    /// Why the journal could not be opened, if it could not. A locked journal is not a failure.
    pub fn open_error(&self) -> Option<CommandError> {
        let store = self.store.lock().ok()?;
        store
            .as_ref()
            .err()
            .filter(|error| !encryption::is_locked_error(error))
            .cloned()
    }

    /// Runs `work` on the journal, one command at a time.
    pub(crate) fn with<T>(&self, work: impl FnOnce(&mut Store) -> journal::Result<T>) -> Result<T, CommandError> {
        let mut store = self.lock()?;
        let store = store.as_mut().map_err(|error| error.clone())?;
        Ok(work(store)?)
    }

    /// Runs `work` with the journal's place itself, while no command can use the journal: to
    /// close it (lock), open it (unlock), or close it, convert the file and open the new one.
    pub(crate) fn replace<T>(
        &self,
        work: impl FnOnce(&Path, &mut Result<Store, CommandError>) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let path = self.path()?.to_owned();
        let mut store = self.lock()?;
        work(&path, &mut store)
    }
}
