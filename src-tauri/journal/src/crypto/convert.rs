//! Turning a plain journal into an encrypted one and back, through a new file and an atomic
//! rename: a kill at any moment leaves either the old journal or the complete new one.
//!
//! The old file is switched out of WAL mode and held under an exclusive lock for the whole copy,
//! so no -wal of the old file can be left beside the new one and no other process writes to the
//! old file while it is copied.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{
    Argon2Cost, KeyFile, MasterKey, Passphrase, RecoveryKey, SqlcipherKey, attach_keyed, is_encrypted, journal_salt,
    key_connection, sibling, sync_folder,
};
use crate::{Error, Result, Store};

/// How long a conversion waits for other programs to let go of the journal before refusing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// Encrypts the plain journal at `journal` under a new master key, with a passphrase slot for
/// `passphrase` and a recovery slot; returns the recovery key, to be shown once.
pub fn encrypt_journal(journal: &Path, passphrase: &Passphrase) -> Result<RecoveryKey> {
    if is_encrypted(journal)? {
        return Err(Error::AlreadyEncrypted {
            path: journal.to_owned(),
        });
    }
    require_file(journal)?;
    // Brings the journal to the latest schema, and refuses a file that is not a journal.
    drop(Store::open(journal)?);
    let master = MasterKey::generate()?;
    let key = master.sqlcipher_key();
    let temporary = sibling(journal, ".encrypting");
    remove_leftover(&temporary)?;
    let source = exclusive_connection(journal, None)?;
    copy_into(&source, &temporary, Some(&key))?;
    check_copy(&temporary, Some(&key))?;
    let (key_file, recovery) = KeyFile::new(journal_salt(&temporary)?, &master, passphrase, Argon2Cost::default())?;
    // Written before the rename: until then the plain journal opens as it always did, its header
    // saying it is plain, and this key file (bound to the new file's salt) is not consulted.
    key_file.write(journal)?;
    replace(&temporary, journal)?;
    drop(source);
    remove_sidecars(journal)?;
    Ok(recovery)
}

/// Decrypts the encrypted journal at `journal` back into a plain one, then removes its key file.
pub fn decrypt_journal(journal: &Path, master: &MasterKey) -> Result<()> {
    if !is_encrypted(journal)? {
        return Err(Error::NotEncrypted {
            path: journal.to_owned(),
        });
    }
    drop(Store::open_encrypted(journal, master)?);
    let key = master.sqlcipher_key();
    let temporary = sibling(journal, ".decrypting");
    remove_leftover(&temporary)?;
    let source = exclusive_connection(journal, Some(&key))?;
    copy_into(&source, &temporary, None)?;
    check_copy(&temporary, None)?;
    replace(&temporary, journal)?;
    drop(source);
    remove_sidecars(journal)?;
    // A key file left beside a plain journal by a kill here is never consulted: the header says
    // the journal is plain.
    let key_file = super::key_file_path(journal);
    for path in [sibling(&key_file, ".new"), key_file] {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::Io { path, source: e }),
            _ => {}
        }
    }
    sync_folder(journal)
}

/// Sets a new passphrase: only the key file is rewritten (the journal's key does not change).
pub fn change_passphrase(journal: &Path, master: &MasterKey, passphrase: &Passphrase) -> Result<()> {
    let mut key_file = KeyFile::read(journal)?;
    key_file.set_passphrase(master, passphrase, Argon2Cost::default())?;
    key_file.write(journal)
}

/// Replaces the recovery key with a new one, returned to be shown once: only the key file is
/// rewritten, and the old recovery key opens nothing afterwards. For a recovery key that was lost
/// (or never written down) while the passphrase is still known.
pub fn new_recovery_key(journal: &Path, master: &MasterKey) -> Result<RecoveryKey> {
    let mut key_file = KeyFile::read(journal)?;
    let recovery = key_file.set_recovery_key(master)?;
    key_file.write(journal)?;
    Ok(recovery)
}

fn require_file(journal: &Path) -> Result<()> {
    std::fs::metadata(journal).map(|_| ()).map_err(|source| Error::Io {
        path: journal.to_owned(),
        source,
    })
}

/// Removes what a conversion killed earlier left: its half-written file and that file's journal.
fn remove_leftover(temporary: &Path) -> Result<()> {
    for path in [temporary.to_owned(), sibling(temporary, "-journal")] {
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error::Io { path, source }),
        }
    }
    Ok(())
}

/// A connection to the journal that alone may use it until it is dropped: out of WAL mode (its
/// -wal folded in and removed) and holding SQLite's exclusive lock.
fn exclusive_connection(journal: &Path, key: Option<&SqlcipherKey>) -> Result<Connection> {
    // ATTACH opens with these flags too: CREATE is for the new file (the journal was checked to exist).
    let conn = Connection::open_with_flags(
        journal,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(key) = key {
        key_connection(&conn, key)?;
    }
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let in_use = || Error::InUse {
        path: journal.to_owned(),
    };
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "DELETE", |row| row.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => in_use(),
            _ => Error::from(e),
        })?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(in_use());
    }
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => in_use(),
            _ => Error::from(e),
        })?;
    Ok(conn)
}

/// Copies every table, index and full-text shadow table of `source` into a new database at
/// `target` under `key`, or plain when `None` (SQLCipher's `sqlcipher_export`), with the header
/// fields it does not copy.
fn copy_into(source: &Connection, target: &Path, key: Option<&SqlcipherKey>) -> Result<()> {
    let target_name = target.to_str().ok_or_else(|| Error::Io {
        path: target.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path is not UTF-8"),
    })?;
    let converted = "converted";
    attach_keyed(source, target_name, converted, key)?;
    source.pragma_update(Some(converted), "synchronous", "FULL")?;
    source.query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))?;
    for field in ["user_version", "application_id"] {
        let value: i64 = source.pragma_query_value(Some("main"), field, |row| row.get(0))?;
        source.pragma_update(Some(converted), field, value)?;
    }
    source.execute("DETACH DATABASE converted", [])?;
    std::fs::File::open(target)
        .and_then(|file| file.sync_all())
        .map_err(|source| Error::Io {
            path: target.to_owned(),
            source,
        })
}

/// Reads the copy back before it replaces anything: it opens with its key and is whole.
fn check_copy(target: &Path, key: Option<&SqlcipherKey>) -> Result<()> {
    let conn = Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    if let Some(key) = key {
        key_connection(&conn, key)?;
    }
    let verdict: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    if verdict != "ok" {
        return Err(Error::Crypto(
            "the converted copy of the journal did not read back whole",
        ));
    }
    Ok(())
}

/// Puts the finished copy in the journal's place, durably: the one moment the journal changes.
fn replace(temporary: &Path, journal: &Path) -> Result<()> {
    std::fs::rename(temporary, journal).map_err(|source| Error::Io {
        path: journal.to_owned(),
        source,
    })?;
    sync_folder(journal)
}

/// Removes the old file's -wal and -shm, should any be left: they belong to the replaced file.
fn remove_sidecars(journal: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm"] {
        let path = sibling(journal, suffix);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error::Io { path, source }),
        }
    }
    Ok(())
}
