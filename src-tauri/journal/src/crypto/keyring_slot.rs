//! The keyring slot: a random secret kept by the OS keyring (the Secret Service on Linux) unlocks
//! the journal without typing, so start at login, the tray and reminders work.
//!
//! The keyring holds only the slot's wrap key, never the master key: removing the slot from the
//! key file (`wins lock`) is enough to make a copy of the keyring useless for this journal.

use std::path::Path;

use super::{KEY_LEN, KeyFile, MasterKey, random};
use crate::{Error, Result};

/// The service name under which Small Wins keeps its keyring entries.
const SERVICE: &str = "small-wins";

/// The keyring entry for the journal of `key_file` (one per journal, named by its salt).
pub fn keyring_entry(key_file: &KeyFile) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &format!("journal {}", key_file.journal_id())).map_err(keyring_error)
}

/// Adds a keyring slot to the key file of `journal`: a fresh secret goes to `entry`, then the key
/// file is rewritten with the master key sealed under it.
pub fn remember_in_keyring(journal: &Path, master: &MasterKey, entry: &keyring::Entry) -> Result<()> {
    let mut key_file = KeyFile::read(journal)?;
    let secret = zeroize::Zeroizing::new(random::<KEY_LEN>()?);
    entry.set_secret(secret.as_slice()).map_err(keyring_error)?;
    key_file.set_keyring_slot(master, &secret)?;
    key_file.write(journal)
}

/// Removes the keyring slot from the key file of `journal`, then its secret from `entry`.
pub fn forget_in_keyring(journal: &Path, entry: &keyring::Entry) -> Result<()> {
    let mut key_file = KeyFile::read(journal)?;
    key_file.remove_keyring_slot();
    key_file.write(journal)?;
    match entry.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(keyring_error(e)),
    }
}

/// The master key, through the keyring slot; `Ok(None)` when the journal has no keyring slot or
/// the keyring holds no secret for it (the caller asks for the passphrase instead).
pub fn unlock_with_keyring(key_file: &KeyFile, entry: &keyring::Entry) -> Result<Option<MasterKey>> {
    if !key_file.has_keyring_slot() {
        return Ok(None);
    }
    let secret = match entry.get_secret() {
        Ok(secret) => zeroize::Zeroizing::new(secret),
        Err(keyring::Error::NoEntry) => return Ok(None),
        Err(e) => return Err(keyring_error(e)),
    };
    key_file.unlock_with_keyring_secret(&secret).map(Some)
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
