//! The journal the window works on: opened once at start-up, shared by every command.

use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use journal::Store;

use crate::error::CommandError;

pub struct JournalState {
    /// A journal that could not be opened is remembered as the error, so every screen can say why.
    store: Result<Mutex<Store>, CommandError>,
    /// When the process started, to log how long the window took to show a timeline.
    pub(crate) launched: Instant,
}

impl JournalState {
    pub fn open(path: &Path, launched: Instant) -> JournalState {
        let store = Store::open(path).map(Mutex::new).map_err(CommandError::from);
        JournalState { store, launched }
    }

    pub fn failed(error: CommandError, launched: Instant) -> JournalState {
        JournalState {
            store: Err(error),
            launched,
        }
    }

    /// Why the journal could not be opened, if it could not.
    pub fn open_error(&self) -> Option<&CommandError> {
        self.store.as_ref().err()
    }

    /// Runs `work` on the journal, one command at a time.
    pub(crate) fn with<T>(&self, work: impl FnOnce(&mut Store) -> journal::Result<T>) -> Result<T, CommandError> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        let mut store = store
            .lock()
            .map_err(|_| CommandError::internal("an earlier command failed midway; restart Small Wins"))?;
        Ok(work(&mut store)?)
    }
}
