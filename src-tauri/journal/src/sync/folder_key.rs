//! The sync folder's key file: the random sync key that seals every device's segments, kept only
//! wrapped, under the sync passphrase and under a recovery key, so that a device joins with either.
//!
//! It lies at `<folder>/small-wins/<journal-id>/keys`: JSON (format `small-wins-sync-keys`,
//! version 1; for people in `docs/sync-folder.md`), one slot per way to unlock, each the sync key
//! sealed with XChaCha20-Poly1305 as the journal's own key file seals its master key
//! (`crypto::key_file`), with the format, version, journal id and slot parameters as associated
//! data. It is written once, when the folder is set up, and never replaced.

use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::crypto::{
    Argon2Cost, KEY_LEN, Passphrase, RecoveryKey, passphrase_label, passphrase_wrap_key, random, read_small_key_file,
    recovery_wrap_key, slot_label,
};
use crate::safe_files::write_new;
use crate::{Error, Result};

/// The key file's name in the journal's folder of the sync folder.
pub const KEYS_FILE_NAME: &str = "keys";
/// What the first field says, so that no other JSON is taken for a sync key file.
const FORMAT: &str = "small-wins-sync-keys";
const VERSION: u32 = 1;
/// A key file is under a kilobyte; anything much larger is not one, and is not read whole.
const MAX_KEYS_FILE_BYTES: u64 = 64 * 1024;
/// The most Argon2id work a key file may ask of a device joining: the file comes through the
/// folder, and a planted one must not make a device allocate gigabytes. (Small Wins writes the
/// default, 64 MiB and 3 passes.)
const MAX_COST: Argon2Cost = Argon2Cost {
    memory_kib: 1024 * 1024,
    passes: 16,
    lanes: 16,
};
const NONCE_LEN: usize = 24;
const SALT_LEN: usize = 16;

/// The 256 random bits every segment key of a journal's sync folder is derived from. The
/// integrator keeps it inside the journal, so that syncing needs no passphrase. Wiped when dropped.
pub struct SyncKey(Zeroizing<[u8; KEY_LEN]>);

impl SyncKey {
    /// A new sync key from the system's secure random source. Errors: [`Error::Crypto`] when it fails.
    pub fn random() -> Result<SyncKey> {
        Ok(SyncKey(Zeroizing::new(random::<KEY_LEN>()?)))
    }

    /// The key's 32 bytes, to store.
    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// A stored key back. Errors: [`Error::Invalid`] when `bytes` is not 32 bytes long.
    pub fn from_bytes(bytes: &[u8]) -> Result<SyncKey> {
        let key: [u8; KEY_LEN] = bytes.try_into().map_err(|_| {
            Error::invalid(
                "sync key",
                format!("has {} bytes, a sync key has {KEY_LEN}", bytes.len()),
            )
        })?;
        Ok(SyncKey(Zeroizing::new(key)))
    }
}

impl std::fmt::Debug for SyncKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SyncKey(…)")
    }
}

/// One way to unlock the sync key, with the sync key sealed under it.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Slot {
    Passphrase {
        argon2id: Argon2Cost,
        #[serde(with = "hex")]
        salt: Vec<u8>,
        #[serde(flatten)]
        sealed: Sealed,
    },
    Recovery {
        #[serde(flatten)]
        sealed: Sealed,
    },
}

/// The sync key as the AEAD sealed it: a fresh nonce and the ciphertext with its tag.
#[derive(Serialize, Deserialize)]
struct Sealed {
    #[serde(with = "hex")]
    nonce: Vec<u8>,
    #[serde(with = "hex")]
    wrapped: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeysFile {
    format: String,
    version: u32,
    /// The journal id, which binds the file to that journal's folder.
    journal: String,
    slots: Vec<Slot>,
}

/// Where the key file of the journal folder `journal_dir` (`<folder>/small-wins/<journal-id>`) lies.
pub fn folder_key_path(journal_dir: &Path) -> PathBuf {
    journal_dir.join(KEYS_FILE_NAME)
}

/// Sets up the key file of a new sync folder for journal `journal_id` in `journal_dir` (made if
/// missing): a new sync key, sealed under `passphrase` (Argon2id at `cost`) and under a new
/// recovery key. Returns both keys; the recovery key is to be shown once.
///
/// Errors: [`Error::KeyFile`] when a key file is there already (join with its passphrase instead);
/// [`Error::Crypto`] for a `cost` Argon2id refuses; [`Error::Io`].
pub fn create_folder_key(
    journal_dir: &Path,
    journal_id: &str,
    passphrase: &Passphrase,
    cost: Argon2Cost,
) -> Result<(SyncKey, RecoveryKey)> {
    let path = folder_key_path(journal_dir);
    let exists = || {
        key_file_error(
            &path,
            "it exists already: join this sync folder with its passphrase instead",
        )
    };
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(exists());
    }
    std::fs::create_dir_all(journal_dir).map_err(|source| Error::Io {
        path: journal_dir.to_owned(),
        source,
    })?;
    let sync_key = SyncKey::random()?;
    let recovery = RecoveryKey::generate()?;
    let salt = random::<SALT_LEN>()?.to_vec();
    let passphrase_key = passphrase_wrap_key(passphrase, &salt, cost)?;
    let label = passphrase_label(cost, &salt);
    let passphrase_slot = Slot::Passphrase {
        argon2id: cost,
        sealed: seal(&sync_key, &passphrase_key, journal_id, &label)?,
        salt,
    };
    let recovery_slot = Slot::Recovery {
        sealed: seal(&sync_key, &recovery_wrap_key(&recovery), journal_id, &recovery_label())?,
    };
    let file = KeysFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        journal: journal_id.to_owned(),
        slots: vec![passphrase_slot, recovery_slot],
    };
    let text = serde_json::to_vec_pretty(&file).map_err(|e| key_file_error(&path, e.to_string()))?;
    write_new(&path, &journal_dir.join(".keys.tmp"), &text, exists)?;
    Ok((sync_key, recovery))
}

/// The sync key of journal `journal_id`'s folder `journal_dir`, from its passphrase slot.
///
/// Errors: [`Error::WrongSecret`] when `passphrase` does not open it; [`Error::KeyFile`] naming the
/// file when it is missing, damaged, too large, of another format or version, another journal's,
/// or asks for more Argon2id work than a key file may; [`Error::Io`].
pub fn unlock_folder_key(journal_dir: &Path, journal_id: &str, passphrase: &Passphrase) -> Result<SyncKey> {
    let path = folder_key_path(journal_dir);
    let file = read_keys_file(&path, journal_id)?;
    for slot in &file.slots {
        if let Slot::Passphrase { argon2id, salt, sealed } = slot {
            let too_costly = argon2id.memory_kib > MAX_COST.memory_kib
                || argon2id.passes > MAX_COST.passes
                || argon2id.lanes > MAX_COST.lanes;
            if too_costly {
                return Err(key_file_error(
                    &path,
                    "it asks for more Argon2id work than Small Wins allows",
                ));
            }
            let wrap_key = passphrase_wrap_key(passphrase, salt, *argon2id)?;
            return open(sealed, &wrap_key, journal_id, &passphrase_label(*argon2id, salt));
        }
    }
    Err(key_file_error(&path, "it has no passphrase slot"))
}

/// The sync key of journal `journal_id`'s folder `journal_dir`, from its recovery slot.
/// Errors: as [`unlock_folder_key`], [`Error::WrongSecret`] when `recovery` does not open it.
pub fn unlock_folder_key_with_recovery(
    journal_dir: &Path,
    journal_id: &str,
    recovery: &RecoveryKey,
) -> Result<SyncKey> {
    let path = folder_key_path(journal_dir);
    let file = read_keys_file(&path, journal_id)?;
    for slot in &file.slots {
        if let Slot::Recovery { sealed } = slot {
            return open(sealed, &recovery_wrap_key(recovery), journal_id, &recovery_label());
        }
    }
    Err(key_file_error(&path, "it has no recovery slot"))
}

/// Reads and checks the key file at `path` for journal `journal_id`, in bounded memory.
fn read_keys_file(path: &Path, journal_id: &str) -> Result<KeysFile> {
    let text = read_small_key_file(
        path,
        MAX_KEYS_FILE_BYTES,
        "it is missing: set this sync folder up first",
        "a sync key file",
    )?;
    let file: KeysFile = serde_json::from_slice(&text)
        .map_err(|_| key_file_error(path, "it is damaged (not a Small Wins sync key file)"))?;
    if file.format != FORMAT {
        return Err(key_file_error(path, "it is not a Small Wins sync key file"));
    }
    if file.version != VERSION {
        let reason = format!(
            "it is of version {}, this Small Wins reads version {VERSION}",
            file.version
        );
        return Err(key_file_error(path, reason));
    }
    if file.journal != journal_id {
        let reason = format!("it belongs to journal {}, not {journal_id}", file.journal);
        return Err(key_file_error(path, reason));
    }
    Ok(file)
}

fn key_file_error(path: &Path, reason: impl Into<String>) -> Error {
    Error::KeyFile {
        path: path.to_owned(),
        reason: reason.into(),
    }
}

fn recovery_label() -> Vec<u8> {
    slot_label("recovery", &[])
}

/// `"small-wins-sync-keys v1\0" ‖ journal id ‖ "\0" ‖ slot label`: what a slot is bound to.
fn associated_data(journal_id: &str, label: &[u8]) -> Vec<u8> {
    let mut data = format!("{FORMAT} v{VERSION}\0").into_bytes();
    data.extend_from_slice(journal_id.as_bytes());
    data.push(0);
    data.extend_from_slice(label);
    data
}

fn seal(sync_key: &SyncKey, wrap_key: &[u8; KEY_LEN], journal_id: &str, label: &[u8]) -> Result<Sealed> {
    let nonce = random::<NONCE_LEN>()?;
    let aad = associated_data(journal_id, label);
    let wrapped = XChaCha20Poly1305::new(wrap_key.into())
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: sync_key.as_bytes(),
                aad: &aad,
            },
        )
        .map_err(|_| Error::Crypto("could not seal the sync key"))?;
    Ok(Sealed {
        nonce: nonce.to_vec(),
        wrapped,
    })
}

fn open(sealed: &Sealed, wrap_key: &[u8; KEY_LEN], journal_id: &str, label: &[u8]) -> Result<SyncKey> {
    if sealed.nonce.len() != NONCE_LEN {
        return Err(Error::WrongSecret);
    }
    let aad = associated_data(journal_id, label);
    let plain = Zeroizing::new(
        XChaCha20Poly1305::new(wrap_key.into())
            .decrypt(
                XNonce::from_slice(&sealed.nonce),
                Payload {
                    msg: &sealed.wrapped,
                    aad: &aad,
                },
            )
            .map_err(|_| Error::WrongSecret)?,
    );
    SyncKey::from_bytes(&plain).map_err(|_| Error::WrongSecret)
}

#[cfg(test)]
#[path = "folder_key_tests.rs"]
mod tests;
