//! The small file beside an encrypted journal that holds its master key, wrapped once per way to
//! unlock it (a slot): a passphrase, the recovery key, the OS keyring.
//!
//! Each slot is the master key sealed with XChaCha20-Poly1305 under a key of its own; the slot's
//! kind, its parameters and the journal it belongs to are the associated data, so a wrong secret,
//! a changed byte or a key file of another journal fails before the database is touched.

use std::io::Read;
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::slot_keys::{passphrase_label, passphrase_wrap_key, recovery_wrap_key, slot_label};
use super::{JOURNAL_SALT_LEN, KEY_LEN, MasterKey, PageHmac, Passphrase, RecoveryKey, journal_salt, random};
use crate::{Error, Result};

/// What the first field of every key file says, so that no other JSON is taken for one.
const FORMAT: &str = "small-wins-key";
/// The key file layout this version writes: 2 records the journal's page HMAC (`page_hmac`).
const VERSION: u32 = 2;
/// The first layout, still read: no `page_hmac`, the journal's pages checked with HMAC-SHA512.
/// (Version 1 refuses a key file with a field it does not know, so version 2 is a new number.)
const VERSION_1: u32 = 1;
/// A key file is a few hundred bytes; anything much larger is not one, and is not read whole.
const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;
const NONCE_LEN: usize = 24;
const SALT_LEN: usize = 16;

/// Argon2id's cost for the passphrase slot: 64 MiB of memory, 3 passes, 4 lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Argon2Cost {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl Default for Argon2Cost {
    fn default() -> Self {
        Argon2Cost {
            memory_kib: 64 * 1024,
            passes: 3,
            lanes: 4,
        }
    }
}

/// One way to unlock the journal, with the master key sealed under it.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    Keyring {
        #[serde(flatten)]
        sealed: Sealed,
    },
}

/// The master key as an AEAD sealed it: a fresh nonce and the ciphertext with its tag.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Sealed {
    #[serde(with = "hex")]
    nonce: Vec<u8>,
    #[serde(with = "hex")]
    wrapped: Vec<u8>,
}

/// The key file's content: which journal it opens, and its slots.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    format: String,
    version: u32,
    /// The first bytes of the encrypted journal (SQLCipher's per-file salt), which bind this key
    /// file to that one journal.
    #[serde(with = "hex")]
    journal: Vec<u8>,
    /// SQLCipher's name of the journal's page HMAC (`HMAC_SHA256`); none in a version 1 file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page_hmac: Option<String>,
    slots: Vec<Slot>,
}

/// Where the key file of the journal at `journal` lives: beside it, named after it.
pub fn key_file_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

fn damaged(path: &Path, reason: impl Into<String>) -> Error {
    Error::KeyFile {
        path: path.to_owned(),
        reason: reason.into(),
    }
}

/// The bytes of the key file at `path` (the journal's, or a sync folder's), read in bounded memory:
/// one of more than `max` bytes is refused as too large to be `what`, a missing one with `missing`.
pub(crate) fn read_small_key_file(path: &Path, max: u64, missing: &str, what: &str) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => damaged(path, missing),
        _ => Error::Io {
            path: path.to_owned(),
            source,
        },
    })?;
    let mut text = Vec::new();
    file.take(max + 1).read_to_end(&mut text).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    if text.len() as u64 > max {
        return Err(damaged(path, format!("it is too large to be {what}")));
    }
    Ok(text)
}

impl KeyFile {
    /// A key file for the journal whose first bytes are `journal_salt`, with a passphrase slot and
    /// a recovery slot; returns it with the recovery key, to be shown once.
    pub(crate) fn new(
        journal_salt: [u8; JOURNAL_SALT_LEN],
        master: &MasterKey,
        passphrase: &Passphrase,
        cost: Argon2Cost,
    ) -> Result<(KeyFile, RecoveryKey)> {
        let mut key_file = KeyFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            journal: journal_salt.to_vec(),
            page_hmac: Some(master.page_hmac.label().to_owned()),
            slots: Vec::new(),
        };
        key_file.set_passphrase(master, passphrase, cost)?;
        let recovery = key_file.set_recovery_key(master)?;
        Ok((key_file, recovery))
    }

    /// Reads the key file of the journal at `journal`, refusing one that is missing, damaged, of
    /// another format or version, or made for another journal.
    pub fn read(journal: &Path) -> Result<KeyFile> {
        let path = key_file_path(journal);
        let text = read_small_key_file(
            &path,
            MAX_KEY_FILE_BYTES,
            "it is missing; without it the journal cannot be opened",
            "a key file",
        )?;
        let key_file: KeyFile =
            serde_json::from_slice(&text).map_err(|_| damaged(&path, "it is damaged (not a Small Wins key file)"))?;
        if key_file.format != FORMAT {
            return Err(damaged(&path, "it is not a Small Wins key file"));
        }
        if key_file.version != VERSION && key_file.version != VERSION_1 {
            return Err(damaged(
                &path,
                format!(
                    "it is of version {}, this Small Wins reads versions {VERSION_1} and {VERSION}",
                    key_file.version
                ),
            ));
        }
        match (key_file.version, key_file.page_hmac.as_deref()) {
            (VERSION_1, None) => {}
            (VERSION_1, Some(_)) => {
                return Err(damaged(&path, "it is of version 1 but names a page HMAC"));
            }
            (_, Some(label)) if PageHmac::from_label(label).is_some() => {}
            (_, Some(label)) => {
                return Err(damaged(
                    &path,
                    format!("its page HMAC {label:?} is not one this Small Wins knows (HMAC_SHA256, HMAC_SHA512)"),
                ));
            }
            (_, None) => return Err(damaged(&path, "it names no page HMAC")),
        }
        if journal_salt(journal)?.as_slice() != key_file.journal.as_slice() {
            return Err(damaged(&path, "it belongs to another journal"));
        }
        Ok(key_file)
    }

    /// Writes the key file beside `journal` whole or not at all: a temporary file of a fixed name
    /// (so a killed write leaves nothing that piles up), synced, renamed over the old one, and the
    /// folder synced so the rename survives power loss. Only its owner may read it.
    pub(crate) fn write(&self, journal: &Path) -> Result<()> {
        let path = key_file_path(journal);
        let temporary = super::sibling(&path, ".new");
        let io_error = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let text = serde_json::to_vec_pretty(self).map_err(|e| damaged(&path, e.to_string()))?;
        crate::safe_files::refuse_special("key file", &path)?;
        match std::fs::remove_file(&temporary) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_error(e)),
            _ => {}
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temporary).map_err(io_error)?;
        std::io::Write::write_all(&mut file, &text).map_err(io_error)?;
        file.sync_all().map_err(io_error)?;
        std::fs::rename(&temporary, &path).map_err(io_error)?;
        super::sync_folder(&path)
    }

    /// The master key, from the passphrase slot.
    pub fn unlock_with_passphrase(&self, passphrase: &Passphrase) -> Result<MasterKey> {
        for slot in &self.slots {
            if let Slot::Passphrase { argon2id, salt, sealed } = slot {
                let wrap_key = passphrase_wrap_key(passphrase, salt, *argon2id)?;
                return self.open(sealed, &wrap_key, &passphrase_label(*argon2id, salt));
            }
        }
        Err(Error::WrongSecret)
    }

    /// The master key, from the recovery slot.
    pub fn unlock_with_recovery_key(&self, recovery: &RecoveryKey) -> Result<MasterKey> {
        for slot in &self.slots {
            if let Slot::Recovery { sealed } = slot {
                return self.open(sealed, &recovery_wrap_key(recovery), &slot_label("recovery", &[]));
            }
        }
        Err(Error::WrongSecret)
    }

    /// The master key from a secret as a person types it: something shaped like a recovery key is
    /// tried as one first (a passphrase may look like one), then it is tried as the passphrase.
    pub fn unlock_with_secret(&self, secret: Zeroizing<String>) -> Result<MasterKey> {
        if let Ok(recovery) = RecoveryKey::parse(&secret)
            && let Ok(master) = self.unlock_with_recovery_key(&recovery)
        {
            return Ok(master);
        }
        self.unlock_with_passphrase(&Passphrase::new(secret))
    }

    /// The master key, from the keyring slot and the secret the OS keyring kept for it.
    pub(crate) fn unlock_with_keyring_secret(&self, secret: &[u8]) -> Result<MasterKey> {
        let wrap_key: [u8; KEY_LEN] = secret.try_into().map_err(|_| Error::WrongSecret)?;
        let wrap_key = Zeroizing::new(wrap_key);
        for slot in &self.slots {
            if let Slot::Keyring { sealed } = slot {
                return self.open(sealed, &wrap_key, &slot_label("keyring", &[]));
            }
        }
        Err(Error::WrongSecret)
    }

    pub fn has_keyring_slot(&self) -> bool {
        self.slots.iter().any(|slot| matches!(slot, Slot::Keyring { .. }))
    }

    /// Replaces the recovery slot with one for a new recovery key, which it returns (to be shown
    /// once); the old recovery key opens nothing after this. The other slots stay as they are.
    pub(crate) fn set_recovery_key(&mut self, master: &MasterKey) -> Result<RecoveryKey> {
        let recovery = RecoveryKey::generate()?;
        let sealed = self.seal(master, &recovery_wrap_key(&recovery), &slot_label("recovery", &[]))?;
        self.slots.retain(|slot| !matches!(slot, Slot::Recovery { .. }));
        self.slots.push(Slot::Recovery { sealed });
        Ok(recovery)
    }

    /// Replaces the passphrase slot (a fresh salt); the other slots stay as they are.
    pub(crate) fn set_passphrase(
        &mut self,
        master: &MasterKey,
        passphrase: &Passphrase,
        cost: Argon2Cost,
    ) -> Result<()> {
        let salt = random::<SALT_LEN>()?.to_vec();
        let wrap_key = passphrase_wrap_key(passphrase, &salt, cost)?;
        let sealed = self.seal(master, &wrap_key, &passphrase_label(cost, &salt))?;
        self.slots.retain(|slot| !matches!(slot, Slot::Passphrase { .. }));
        self.slots.insert(
            0,
            Slot::Passphrase {
                argon2id: cost,
                salt,
                sealed,
            },
        );
        Ok(())
    }

    /// Adds (or replaces) the keyring slot, sealed under `secret`, which the OS keyring keeps.
    pub(crate) fn set_keyring_slot(&mut self, master: &MasterKey, secret: &[u8; KEY_LEN]) -> Result<()> {
        let sealed = self.seal(master, secret, &slot_label("keyring", &[]))?;
        self.remove_keyring_slot();
        self.slots.push(Slot::Keyring { sealed });
        Ok(())
    }

    pub(crate) fn remove_keyring_slot(&mut self) {
        self.slots.retain(|slot| !matches!(slot, Slot::Keyring { .. }));
    }

    /// The journal salt this key file is bound to, as the keyring names its entry.
    pub(crate) fn journal_id(&self) -> String {
        hex::encode(&self.journal)
    }

    /// The HMAC the journal's pages are checked with: SHA-512 for a version 1 key file.
    fn page_hmac(&self) -> PageHmac {
        self.page_hmac
            .as_deref()
            .and_then(PageHmac::from_label)
            .unwrap_or(PageHmac::Sha512)
    }

    fn associated_data(&self, label: &[u8]) -> Vec<u8> {
        let mut data = format!("{FORMAT} v{}\0", self.version).into_bytes();
        data.extend_from_slice(&self.journal);
        data.push(0);
        data.extend_from_slice(label);
        data
    }

    fn seal(&self, master: &MasterKey, wrap_key: &[u8; KEY_LEN], label: &[u8]) -> Result<Sealed> {
        let nonce = random::<NONCE_LEN>()?;
        let aad = self.associated_data(label);
        let wrapped = XChaCha20Poly1305::new(wrap_key.into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: master.bytes(),
                    aad: &aad,
                },
            )
            .map_err(|_| Error::Crypto("could not seal the master key"))?;
        Ok(Sealed {
            nonce: nonce.to_vec(),
            wrapped,
        })
    }

    fn open(&self, sealed: &Sealed, wrap_key: &[u8; KEY_LEN], label: &[u8]) -> Result<MasterKey> {
        if sealed.nonce.len() != NONCE_LEN {
            return Err(Error::WrongSecret);
        }
        let aad = self.associated_data(label);
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
        MasterKey::from_slice(&plain, self.page_hmac()).ok_or(Error::WrongSecret)
    }
}
