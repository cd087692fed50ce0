//! The keyring slot: a random secret kept by the OS keyring (the Secret Service on Linux) unlocks
//! the journal without typing, so start at login, the tray and reminders work.
//!
//! The keyring holds only the slot's wrap key, never the master key: removing the slot from the
//! key file (`wins lock`) is enough to make a copy of the keyring useless for this journal. The
//! login session caches that secret ([`SessionCache`]), so only its first process pays the Secret
//! Service's D-Bus cost; the key file stays the authority on which secret opens the journal.

use std::path::Path;
use std::sync::OnceLock;

use super::session_cache::SessionCache;
use super::{KEY_LEN, KeyFile, MasterKey, random};
use crate::{Error, Result};

/// The service name under which Small Wins keeps its keyring entries.
const SERVICE: &str = "small-wins";

/// Where one journal's keyring slot secret is kept: the OS keyring, and this session's cache of it.
pub struct KeyringEntry {
    user: String,
    keyring: OnceLock<keyring::Entry>,
    cache: SessionCache,
}

impl KeyringEntry {
    /// The OS keyring's entry, made when the OS keyring is first asked: a process whose session
    /// cache holds the secret never pays for it.
    fn keyring(&self) -> Result<&keyring::Entry> {
        if let Some(entry) = self.keyring.get() {
            return Ok(entry);
        }
        let entry = keyring::Entry::new(SERVICE, &self.user).map_err(keyring_error)?;
        Ok(self.keyring.get_or_init(|| entry))
    }

    /// Removes the secret from the OS keyring and this session's cache (gone already is fine).
    pub fn delete(&self) -> Result<()> {
        self.cache.clear();
        match self.keyring()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_error(e)),
        }
    }
}

/// The keyring entry for the journal of `key_file` (one per journal, named by its salt).
pub fn keyring_entry(key_file: &KeyFile) -> KeyringEntry {
    let journal_id = key_file.journal_id();
    KeyringEntry {
        user: format!("journal {journal_id}"),
        keyring: OnceLock::new(),
        cache: SessionCache::for_journal(&journal_id),
    }
}

/// Adds a keyring slot to the key file of `journal`: a fresh secret goes to `entry`, then the key
/// file is rewritten with the master key sealed under it.
pub fn remember_in_keyring(journal: &Path, master: &MasterKey, entry: &KeyringEntry) -> Result<()> {
    let mut key_file = KeyFile::read(journal)?;
    let secret = zeroize::Zeroizing::new(random::<KEY_LEN>()?);
    entry.keyring()?.set_secret(secret.as_slice()).map_err(keyring_error)?;
    key_file.set_keyring_slot(master, &secret)?;
    key_file.write(journal)?;
    entry.cache.put(secret.as_slice());
    Ok(())
}

/// Removes the keyring slot from the key file of `journal`, then its secret from `entry`.
pub fn forget_in_keyring(journal: &Path, entry: &KeyringEntry) -> Result<()> {
    let mut key_file = KeyFile::read(journal)?;
    key_file.remove_keyring_slot();
    key_file.write(journal)?;
    entry.delete()
}

/// The master key, through the keyring slot; `Ok(None)` when the journal has no keyring slot or
/// the keyring holds no secret for it (the caller asks for the passphrase instead).
pub fn unlock_with_keyring(key_file: &KeyFile, entry: &KeyringEntry) -> Result<Option<MasterKey>> {
    if !key_file.has_keyring_slot() {
        return Ok(None);
    }
    if let Some(cached) = entry.cache.get() {
        if let Ok(master) = key_file.unlock_with_keyring_secret(cached.as_slice()) {
            return Ok(Some(master));
        }
        // Stale: the slot was made again since (in another session); the OS keyring has the new one.
        entry.cache.clear();
    }
    let secret = match entry.keyring()?.get_secret() {
        Ok(secret) => zeroize::Zeroizing::new(secret),
        Err(keyring::Error::NoEntry) => return Ok(None),
        Err(e) => return Err(keyring_error(e)),
    };
    let master = key_file.unlock_with_keyring_secret(&secret)?;
    entry.cache.put(&secret);
    Ok(Some(master))
}

fn keyring_error(error: keyring::Error) -> Error {
    Error::Keyring(match error {
        keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => {
            "the system keyring cannot be reached (is a Secret Service such as gnome-keyring running and unlocked?)"
                .to_owned()
        }
        other => other.to_string(),
    })
}
