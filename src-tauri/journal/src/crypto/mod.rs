//! Encryption at rest: a journal no one reads without its key, still searched by SQLCipher's FTS5.
//!
//! A random 256-bit master key opens the database (as a raw SQLCipher key derived from it with
//! HKDF); it is kept only wrapped, in the key file beside the journal ([`KeyFile`]). Secrets are
//! held in zeroizing buffers, never printed by `Debug`, never logged.

mod convert;
mod key_file;
mod keyring_slot;
#[cfg(test)]
mod page_hmac_tests;
#[cfg(test)]
mod provider_tests;
mod session_cache;
mod slot_keys;
mod sqlcipher_provider;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use hkdf::Hkdf;
use rusqlite::Connection;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::store::open_journals::{Head, head};
use crate::{Error, Result};

pub use convert::{change_passphrase, decrypt_journal, encrypt_journal, new_recovery_key};
pub(crate) use key_file::read_small_key_file;
pub use key_file::{Argon2Cost, KeyFile, key_file_path};
pub use keyring_slot::{KeyringEntry, forget_in_keyring, keyring_entry, remember_in_keyring, unlock_with_keyring};
pub(crate) use slot_keys::{passphrase_label, passphrase_wrap_key, recovery_wrap_key, slot_label};

pub(crate) const KEY_LEN: usize = 32;
/// SQLCipher starts every encrypted file with its 16-byte salt, random per file.
const JOURNAL_SALT_LEN: usize = 16;
/// The fewest characters a passphrase may have.
const MIN_PASSPHRASE_CHARS: usize = 8;

/// The HMAC SQLCipher checks every page of an encrypted journal with, recorded in its key file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageHmac {
    /// SQLCipher 4's default, which journals encrypted before key file version 2 have.
    Sha512,
    /// What newly encrypted journals get: with the CPU's SHA extensions SHA-256 runs about three
    /// times as fast as SHA-512 here, and its 256-bit tag is as far beyond forging.
    Sha256,
}

impl PageHmac {
    const NEW_JOURNALS: PageHmac = PageHmac::Sha256;

    /// SQLCipher's name of the HMAC (`PRAGMA cipher_hmac_algorithm`), as the key file records it.
    fn label(self) -> &'static str {
        match self {
            PageHmac::Sha512 => "HMAC_SHA512",
            PageHmac::Sha256 => "HMAC_SHA256",
        }
    }

    fn from_label(label: &str) -> Option<PageHmac> {
        [PageHmac::Sha512, PageHmac::Sha256]
            .into_iter()
            .find(|hmac| hmac.label() == label)
    }

    /// SQLCipher's name of the PBKDF2 that derives the HMAC key (`PRAGMA cipher_kdf_algorithm`),
    /// over the same digest.
    fn kdf_label(self) -> &'static str {
        match self {
            PageHmac::Sha512 => "PBKDF2_HMAC_SHA512",
            PageHmac::Sha256 => "PBKDF2_HMAC_SHA256",
        }
    }
}

/// What keys a connection to an encrypted journal's file: SQLCipher's raw key and the journal's
/// page HMAC. Wiped from memory when dropped.
pub(crate) struct SqlcipherKey {
    key: Zeroizing<String>,
    page_hmac: PageHmac,
}

/// The key that opens an encrypted journal, and the page HMAC its file is written with. Wiped
/// from memory when dropped.
pub struct MasterKey {
    key: Zeroizing<[u8; KEY_LEN]>,
    page_hmac: PageHmac,
}

impl MasterKey {
    /// The key of a journal about to be encrypted.
    fn generate() -> Result<MasterKey> {
        Ok(MasterKey {
            key: Zeroizing::new(random::<KEY_LEN>()?),
            page_hmac: PageHmac::NEW_JOURNALS,
        })
    }

    fn from_slice(bytes: &[u8], page_hmac: PageHmac) -> Option<MasterKey> {
        let bytes: [u8; KEY_LEN] = bytes.try_into().ok()?;
        Some(MasterKey {
            key: Zeroizing::new(bytes),
            page_hmac,
        })
    }

    fn bytes(&self) -> &[u8] {
        self.key.as_slice()
    }

    /// The key of this journal's file: a raw key (`x'…'`), so that SQLCipher's own passphrase KDF
    /// does not run on every open.
    pub(crate) fn sqlcipher_key(&self) -> SqlcipherKey {
        self.raw_sqlcipher_key(&[])
    }

    /// The key of a new copy of the journal (a backup, or a backup put in a damaged journal's
    /// place): the raw key followed by the journal's `salt` (SQLCipher's `x'<key><salt>'` form),
    /// so that the copy starts with the journal's salt and the journal's key file opens it.
    pub(crate) fn sqlcipher_copy_key(&self, salt: &[u8]) -> SqlcipherKey {
        self.raw_sqlcipher_key(salt)
    }

    /// `x'<page key><salt>'`, the salt left out when empty.
    fn raw_sqlcipher_key(&self, salt: &[u8]) -> SqlcipherKey {
        let page_key = derive(self.bytes(), b"small-wins sqlcipher page key v1");
        let page_key = Zeroizing::new(hex::encode(page_key.as_slice()));
        SqlcipherKey {
            key: Zeroizing::new(format!("x'{}{}'", page_key.as_str(), hex::encode(salt))),
            page_hmac: self.page_hmac,
        }
    }
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(…)")
    }
}

/// A passphrase a person chose. Wiped from memory when dropped.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// A passphrase to unlock with, as typed or read from a file (one trailing line break dropped).
    pub fn new(text: Zeroizing<String>) -> Passphrase {
        let mut text = text;
        if text.ends_with('\n') {
            text.pop();
            if text.ends_with('\r') {
                text.pop();
            }
        }
        Passphrase(text)
    }

    /// A passphrase to encrypt with: refused when it is too short to resist guessing.
    pub fn new_to_set(text: Zeroizing<String>) -> Result<Passphrase> {
        let passphrase = Passphrase::new(text);
        if passphrase.0.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid(
                "passphrase",
                format!("use at least {MIN_PASSPHRASE_CHARS} characters"),
            ));
        }
        Ok(passphrase)
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The passphrase as the age crate holds secrets (zeroized when dropped).
    pub(crate) fn to_age_secret(&self) -> age::secrecy::SecretString {
        age::secrecy::SecretString::from(self.0.as_str().to_owned())
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// The printed key that unlocks a journal whose passphrase is lost: 256 random bits, written as
/// eight groups of eight hexadecimal digits.
pub struct RecoveryKey(Zeroizing<[u8; KEY_LEN]>);

impl RecoveryKey {
    pub(crate) fn generate() -> Result<RecoveryKey> {
        Ok(RecoveryKey(Zeroizing::new(random::<KEY_LEN>()?)))
    }

    /// Reads a recovery key as printed, with or without its dashes and spaces, in any case.
    pub fn parse(text: &str) -> Result<RecoveryKey> {
        let digits = Zeroizing::new(
            text.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect::<String>(),
        );
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        hex::decode_to_slice(digits.as_bytes(), bytes.as_mut()).map_err(|_| {
            Error::invalid(
                "recovery key",
                "is not a recovery key (64 hexadecimal digits, as printed by wins encrypt)",
            )
        })?;
        Ok(RecoveryKey(bytes))
    }

    /// The key as it is printed for the person to keep.
    pub fn display(&self) -> Zeroizing<String> {
        let digits = Zeroizing::new(hex::encode(self.0.as_slice()));
        let groups: Vec<&str> = digits
            .as_bytes()
            .chunks(8)
            .filter_map(|g| std::str::from_utf8(g).ok())
            .collect();
        Zeroizing::new(groups.join("-"))
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_slice()
    }
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

/// Whether the journal at `path` is encrypted: its key file is beside it and the file does not
/// start as a plain SQLite database does.
pub fn is_encrypted(path: &Path) -> Result<bool> {
    if !key_file_path(path).exists() {
        return Ok(false);
    }
    match read_header(path)? {
        Some(header) => Ok(header.len() == crate::store::SQLITE_MAGIC.len() && header != crate::store::SQLITE_MAGIC),
        None => Ok(false),
    }
}

/// The first 16 bytes of a file, or `None` when there is no file; never through a descriptor of
/// its own when this process has the journal open (see `store::open_journals`).
fn read_header(path: &Path) -> Result<Option<Vec<u8>>> {
    match head(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })? {
        Head::Missing => Ok(None),
        Head::Open(header) | Head::Closed(header) => Ok(Some(header)),
    }
}

/// The salt SQLCipher wrote at the start of an encrypted journal, which names it to its key file.
fn journal_salt(path: &Path) -> Result<[u8; JOURNAL_SALT_LEN]> {
    read_header(path)?
        .and_then(|header| header.try_into().ok())
        .ok_or_else(|| Error::NotAJournal {
            path: path.to_owned(),
            reason: "it is missing or too short to be an encrypted journal".to_owned(),
        })
}

/// Keys `conn`'s main database with `key`: the first statement on a connection to an encrypted
/// journal. Every connection is keyed here (or attached by [`attach_keyed`]), so that SQLCipher
/// encrypts and checks its pages through our provider, with the journal's page HMAC.
pub(crate) fn key_connection(conn: &Connection, key: &SqlcipherKey) -> Result<()> {
    let _keying = sqlcipher_provider::keying()?;
    conn.pragma_update(None, "key", key.key.as_str())?;
    set_page_hmac(conn, None, key.page_hmac)?;
    // SQLCipher writes its own lines to stderr when a page fails its check (a damaged file, a
    // backup of another journal); the error that comes back says it in one line.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    Ok(())
}

/// Attaches the database at `path` to `conn` as `schema`, keyed with `key`, or plain when `None`.
pub(crate) fn attach_keyed(conn: &Connection, path: &str, schema: &str, key: Option<&SqlcipherKey>) -> Result<()> {
    let _keying = sqlcipher_provider::keying()?;
    let raw_key = key.map_or("", |key| key.key.as_str());
    conn.execute(&format!("ATTACH DATABASE ?1 AS {schema} KEY ?2"), (path, raw_key))?;
    if let Some(key) = key {
        set_page_hmac(conn, Some(schema), key.page_hmac)?;
    }
    Ok(())
}

/// Sets the HMAC (and the PBKDF2 of its key) of a keyed database before its first page is read.
fn set_page_hmac(conn: &Connection, schema: Option<&str>, page_hmac: PageHmac) -> Result<()> {
    conn.pragma_update(schema, "cipher_hmac_algorithm", page_hmac.label())?;
    conn.pragma_update(schema, "cipher_kdf_algorithm", page_hmac.kdf_label())?;
    Ok(())
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A subkey of `secret` for one purpose (HKDF-SHA256).
fn derive(secret: &[u8], purpose: &[u8]) -> Zeroizing<[u8; KEY_LEN]> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    // HKDF-SHA256 expands to up to 255 × 32 bytes; 32 always fits.
    if Hkdf::<Sha256>::new(None, secret).expand(purpose, key.as_mut()).is_err() {
        unreachable!("HKDF-SHA256 refused a 32-byte output");
    }
    key
}

/// Bytes from the operating system's secure random source.
pub(crate) fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| Error::Crypto("the system's random source failed"))?;
    Ok(bytes)
}

/// Makes a rename or removal in the folder of `path` survive power loss.
pub(crate) fn sync_folder(path: &Path) -> Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::File::open(folder)
        .and_then(|dir| dir.sync_all())
        .map_err(|source| Error::Io {
            path: folder.to_owned(),
            source,
        })
}
