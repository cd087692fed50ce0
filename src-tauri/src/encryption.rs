//! Encryption at rest in the window: unlocking and locking an encrypted journal, turning
//! encryption on and off, changing the passphrase, the keyring slot ("remember on this device")
//! and the idle lock. The crypto is the journal library's (`journal::crypto`); this module only
//! closes and opens the window's one connection around it.
//!
//! Secrets arrive as command arguments over IPC (never argv, the environment or a log line), are
//! moved into zeroizing buffers at once and wiped when dropped. While unlocked the shell keeps the
//! master key (for the start-up backup's connection and for restoring backups); locking drops it
//! and the connection: both wipe their copies.

use std::path::Path;

use journal::Store;
use journal::crypto::{self, KeyFile, MasterKey, Passphrase};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::commands::Reply;
use crate::error::{CommandError, ErrorCode};
use crate::locked_reminders::LockedReminders;
use crate::reminders::RunnerWake;
#[cfg(target_os = "linux")]
use crate::signals::{Signal, Signals};
use crate::state::{Closed, JournalState};

/// What the window needs to know to show the unlock screen or Settings › Encryption.
#[derive(Debug, Clone, Serialize, TS)]
pub struct EncryptionStatus {
    pub encrypted: bool,
    /// Encrypted and not unlocked: every journal command answers `locked`.
    pub locked: bool,
    /// The OS keyring unlocks this journal (its key file has a keyring slot).
    pub remembered: bool,
    /// Idle minutes before the window locks; `None` when it never does, or while locked.
    pub idle_lock_minutes: Option<u32>,
}

/// The journal at start-up, and its key when encrypted and unlocked: plain journals open as
/// always; an encrypted one opens silently through its keyring slot when it has one and the
/// keyring answers, else it stays locked.
pub(crate) fn open_at_start(path: &Path) -> (journal::Result<Store>, Option<MasterKey>) {
    match crypto::is_encrypted(path) {
        Err(error) => (Err(error), None),
        Ok(false) => (Store::open(path), None),
        Ok(true) => match from_keyring(path) {
            Some(master) => open_with(path, master),
            None => (Err(journal::Error::Locked { path: path.to_owned() }), None),
        },
    }
}

/// The encrypted journal at `path` opened with `master`, and the key to keep: kept when it opens,
/// and when the file is damaged, so that the recovery can open and restore a backup with it.
fn open_with(path: &Path, master: MasterKey) -> (journal::Result<Store>, Option<MasterKey>) {
    match Store::open_encrypted(path, &master) {
        Ok(store) => (Ok(store), Some(master)),
        Err(error @ journal::Error::Damaged { .. }) => (Err(error), Some(master)),
        Err(error) => (Err(error), None),
    }
}

/// The master key through the keyring slot; `None` when there is none or the keyring cannot be
/// reached (the unlock screen asks for the passphrase then).
fn from_keyring(path: &Path) -> Option<MasterKey> {
    let key_file = KeyFile::read(path).ok()?;
    crypto::unlock_with_keyring(&key_file, &crypto::keyring_entry(&key_file))
        .ok()
        .flatten()
}

/// Where the journal is, or why there is none.
fn path_of(journal: &JournalState) -> Reply<&Path> {
    journal
        .path()
        .ok_or_else(|| journal.open_error().unwrap_or_else(|| journal::Error::NoDataDir.into()))
}

pub(crate) fn is_locked_error(error: &CommandError) -> bool {
    error.code == ErrorCode::Journal(journal::ErrorCode::Locked)
}

fn require_encrypted(path: &Path) -> Reply<()> {
    if crypto::is_encrypted(path)? {
        Ok(())
    } else {
        Err(journal::Error::NotEncrypted { path: path.to_owned() }.into())
    }
}

#[tauri::command(async)]
pub fn encryption_status(journal: State<'_, JournalState>) -> Reply<EncryptionStatus> {
    let path = path_of(&journal)?;
    if !crypto::is_encrypted(path)? {
        return Ok(EncryptionStatus {
            encrypted: false,
            locked: false,
            remembered: false,
            idle_lock_minutes: None,
        });
    }
    let remembered = KeyFile::read(path)?.has_keyring_slot();
    let (locked, idle_lock_minutes) = match journal.with(|store| store.idle_lock_minutes()) {
        Ok(minutes) => (false, minutes),
        Err(error) if is_locked_error(&error) => (true, None),
        // Unlocked but damaged: the window shows the recovery.
        Err(_) if journal.is_damaged() => (false, None),
        Err(error) => return Err(error),
    };
    Ok(EncryptionStatus {
        encrypted: true,
        locked,
        remembered,
        idle_lock_minutes,
    })
}

/// Unlocks the journal with its passphrase or its recovery key.
#[tauri::command(async)]
pub fn unlock_journal(journal: State<'_, JournalState>, wake: State<'_, RunnerWake>, secret: String) -> Reply<()> {
    let secret = Zeroizing::new(secret);
    journal.replace(|path, store, key| {
        if store.is_ok() {
            return Ok(());
        }
        let master = KeyFile::read(path)?.unlock_with_secret(secret)?;
        let (opened, master) = open_with(path, master);
        *store = match opened {
            Ok(opened) => Ok(opened),
            // Unlocked, yet damaged: the window offers the newest good backup, opened with the key.
            Err(error @ journal::Error::Damaged { .. }) => Err(Closed::from(error)),
            Err(error) => return Err(error.into()),
        };
        *key = master;
        Ok(())
    })?;
    // The reminders that came due while locked fire now, with their own words.
    wake.nudge();
    Ok(())
}

/// Locks the journal now (also on idle, from the window's activity timer). The reminders' due
/// times are kept first, so they still fire, with a generic text, while it is locked.
#[tauri::command(async)]
pub fn lock_journal(
    journal: State<'_, JournalState>,
    reminders: State<'_, LockedReminders>,
    wake: State<'_, RunnerWake>,
) -> Reply<()> {
    journal.replace(|path, store, key| {
        require_encrypted(path)?;
        if let Ok(open) = store
            && let Err(error) = reminders.remember(open)
        {
            log::warn!("the reminders' times could not be kept while locked: {error}");
        }
        // Dropping the store closes its connection, and SQLCipher wipes the key it held; the
        // master key is wiped as it is dropped.
        *store = Err(Closed::locked(path));
        *key = None;
        Ok(())
    })?;
    // The runner now sleeps until the next kept due time.
    wake.nudge();
    Ok(())
}

/// Locks the journal from the backend (session lock, suspend) and tells the window.
#[cfg(target_os = "linux")]
pub(crate) fn lock_from_backend<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Manager;
    match lock_journal(app.state(), app.state(), app.state()) {
        Ok(()) => app.state::<Signals>().send(Signal::Locked),
        Err(error) => log::debug!("not locked: {}", error.message),
    }
}

/// Encrypts the open plain journal under `passphrase` (the window asked for it twice) and returns
/// the recovery key, to be shown once. The journal is closed for the conversion and opened again.
#[tauri::command(async)]
pub fn encrypt_journal(journal: State<'_, JournalState>, passphrase: String) -> Reply<String> {
    let passphrase = Passphrase::new_to_set(Zeroizing::new(passphrase))?;
    journal.replace(|path, store, key| {
        if let Err(closed) = store {
            return Err(closed.error().clone());
        }
        if crypto::is_encrypted(path)? {
            return Err(journal::Error::AlreadyEncrypted { path: path.to_owned() }.into());
        }
        // The conversion needs the journal to itself: this window's connection closes first.
        *store = Err(Closed::locked(path));
        let recovery = match crypto::encrypt_journal(path, &passphrase) {
            Ok(recovery) => recovery,
            Err(error) => {
                *store = Store::open(path).map_err(Closed::from);
                return Err(error.into());
            }
        };
        let reopened = KeyFile::read(path)
            .and_then(|key_file| key_file.unlock_with_recovery_key(&recovery))
            .and_then(|master| Ok((Store::open_encrypted(path, &master)?, master)));
        // Encrypted either way: the recovery key must reach the person even if the reopening failed.
        match reopened {
            Ok((reopened, master)) => {
                *store = Ok(reopened);
                *key = Some(master);
            }
            Err(error) => *store = Err(Closed::from(error)),
        }
        Ok(recovery.display().as_str().to_owned())
    })
}

/// Makes the journal plain again; the passphrase or recovery key is asked for first.
#[tauri::command(async)]
pub fn decrypt_journal(journal: State<'_, JournalState>, secret: String) -> Reply<()> {
    let secret = Zeroizing::new(secret);
    journal.replace(|path, store, key| {
        require_encrypted(path)?;
        let key_file = KeyFile::read(path)?;
        let master = key_file.unlock_with_secret(secret)?;
        *store = Err(Closed::locked(path));
        if let Err(error) = crypto::decrypt_journal(path, &master) {
            *store = Store::open_encrypted(path, &master).map_err(Closed::from);
            return Err(error.into());
        }
        // The keyring's secret opened nothing but the key file, which is gone.
        let _ = crypto::keyring_entry(&key_file).delete();
        *store = Store::open(path).map_err(Closed::from);
        *key = None;
        Ok(())
    })
}

/// Sets a new passphrase (only the key file is rewritten), given the current one or the recovery key.
#[tauri::command(async)]
pub fn change_passphrase(journal: State<'_, JournalState>, current: String, passphrase: String) -> Reply<()> {
    let current = Zeroizing::new(current);
    let passphrase = Passphrase::new_to_set(Zeroizing::new(passphrase))?;
    let path = path_of(&journal)?;
    require_encrypted(path)?;
    let master = KeyFile::read(path)?.unlock_with_secret(current)?;
    Ok(crypto::change_passphrase(path, &master, &passphrase)?)
}

/// Replaces the recovery key with a new one and returns it, to be shown once (only the key file is
/// rewritten), given the passphrase or the old recovery key: for a recovery key that was lost, or
/// that left the screen before it was written down.
#[tauri::command(async)]
pub fn new_recovery_key(journal: State<'_, JournalState>, secret: String) -> Reply<String> {
    let secret = Zeroizing::new(secret);
    let path = path_of(&journal)?;
    require_encrypted(path)?;
    let master = KeyFile::read(path)?.unlock_with_secret(secret)?;
    let recovery = crypto::new_recovery_key(path, &master)?;
    Ok(recovery.display().as_str().to_owned())
}

/// Lets the OS keyring unlock this journal on this device, or stops it; returns whether it does.
/// Turning it on asks for the passphrase: whoever finds the window unlocked cannot.
#[tauri::command(async)]
pub fn set_remembered(journal: State<'_, JournalState>, remembered: bool, secret: Option<String>) -> Reply<bool> {
    let secret = secret.map(Zeroizing::new);
    let path = path_of(&journal)?;
    require_encrypted(path)?;
    let key_file = KeyFile::read(path)?;
    let entry = crypto::keyring_entry(&key_file);
    if remembered {
        let secret = secret.ok_or_else(|| journal::Error::WrongSecret)?;
        let master = key_file.unlock_with_secret(secret)?;
        crypto::remember_in_keyring(path, &master, &entry)?;
    } else {
        crypto::forget_in_keyring(path, &entry)?;
    }
    Ok(KeyFile::read(path)?.has_keyring_slot())
}

/// Sets the idle minutes after which the window locks the journal (`None`: never).
#[tauri::command(async)]
pub fn set_idle_lock(journal: State<'_, JournalState>, minutes: Option<u32>) -> Reply<Option<u32>> {
    journal.with(|store| store.set_idle_lock_minutes(minutes))
}
