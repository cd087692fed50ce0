//! The journal's SQLite file: opening it safely, and the connection every operation goes through.

mod backups;
mod corrections;
pub(crate) mod drafts;
mod entries;
mod entry_fields;
mod export_import;
mod export_reads;
mod firings;
pub(crate) mod followups;
mod goal_reads;
mod goals;
mod idle_lock;
pub(crate) mod ids;
mod listing;
mod milestones;
pub(crate) mod open_journals;
mod reached;
mod recovery;
mod reminders;
mod reviews;
mod rhythm_export_import;
pub(crate) mod row;
pub(crate) mod schema;
mod search;
mod settings;
mod team;
#[cfg(test)]
mod tests;
mod written_elsewhere;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::crypto::{MasterKey, SqlcipherKey};
use crate::{Error, Result};
use open_journals::{Head, Registration, Registry};

pub use backups::{Backup, Rotation, Verification, backup_folder, backups};
pub(crate) use firings::counted;
pub use listing::{Cursor, Filter, Page};
#[cfg(feature = "synthetic")]
pub(crate) use milestones::insert_measurement;
pub use recovery::{Recovery, newest_good_backup, restore_damaged};
pub use search::{SearchHit, SnippetPart};

/// An open journal. One per thread; SQLite's own locking lets several processes share the file.
pub struct Store {
    pub(crate) conn: Connection,
    /// An encrypted journal's keys; `None` for a plain one.
    encryption: Option<Encryption>,
    /// Other connections' commits as this one last saw them (see [`Store::written_elsewhere`]).
    seen_data_version: i64,
    /// Declared after `conn`, so the journal leaves the registry only once SQLite has closed it.
    _open: Registration,
}

/// What a store of an encrypted journal needs to read and write other files of the same journal.
struct Encryption {
    /// SQLCipher's key for this journal's files (see [`MasterKey::sqlcipher_key`]).
    key: SqlcipherKey,
    /// SQLCipher's key for new copies of it (see [`MasterKey::sqlcipher_copy_key`]).
    copy_key: SqlcipherKey,
}

pub(crate) const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a write waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// The page cache of an encrypted journal, in KiB: see `Store::open_with`.
const ENCRYPTED_CACHE_KIB: i64 = 32 * 1024;

impl Store {
    /// Opens the journal at `path`, creating it (and its folder) when it does not exist yet.
    ///
    /// A file that is not a Small Wins journal, or one written by a newer version, is refused
    /// before anything is written to it.
    ///
    /// An encrypted journal is refused with [`Error::Locked`]: see [`Store::open_encrypted`].
    /// A file SQLite cannot read whole is [`Error::Damaged`] and left exactly as it is.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        Store::open_with(path, None).map_err(|error| recovery::as_damage(path, error))
    }

    /// Opens the encrypted journal at `path` with its master key (from [`crate::crypto::KeyFile`]).
    /// A file SQLCipher cannot read whole with the right key is [`Error::Damaged`].
    pub fn open_encrypted(path: impl AsRef<Path>, key: &MasterKey) -> Result<Store> {
        let path = path.as_ref();
        Store::open_with(path, Some(key)).map_err(|error| recovery::as_damage(path, error))
    }

    fn open_with(path: &Path, master: Option<&MasterKey>) -> Result<Store> {
        let key = master.map(MasterKey::sqlcipher_key);
        // Held until the journal is registered: no other thread reads the file meanwhile.
        let mut registry = Registry::lock();
        let found = check_existing_file(path, key.as_ref(), &registry, Access::Write)?;
        let (head, checked) = match found {
            Found::Journal { head, conn } => (Some(head), conn),
            Found::Nothing(_) if key.is_some() => {
                return Err(Error::NotAJournal {
                    path: path.to_owned(),
                    reason: "there is no encrypted journal there".to_owned(),
                });
            }
            Found::Nothing(conn) => (None, conn),
        };
        if head.is_none()
            && checked.is_none()
            && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_owned(),
                source,
            })?;
        }
        // The connection that checked the file is the journal's own: one open, one key set-up.
        let mut conn = match checked {
            Some(conn) => conn,
            None => connect(path, key.as_ref(), OpenFlags::default())?,
        };
        if key.is_some() {
            // Every page SQLCipher reads from the file is decrypted and checked on its way into
            // the page cache: with SQLite's 2 MiB default, a search or a long streak that walks
            // many pages decrypts the same ones over and over. The cache grows only as pages are
            // read, so an idle journal costs no more.
            conn.pragma_update(None, "cache_size", -ENCRYPTED_CACHE_KIB)?;
        }
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        switch_to_wal(&conn)?;
        // A journal entry must survive power loss, not only a crash of the process.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        schema::migrate(&mut conn)?;
        let seen_data_version = written_elsewhere::data_version(&conn)?;
        let head = head.unwrap_or_else(|| SQLITE_MAGIC.to_vec());
        // An encrypted journal's first bytes are SQLCipher's salt.
        let encryption = master.zip(key).map(|(master, key)| Encryption {
            copy_key: master.sqlcipher_copy_key(&head),
            key,
        });
        let open = registry.register(path, head).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Ok(Store {
            conn,
            encryption,
            seen_data_version,
            _open: open,
        })
    }
}

/// Puts the journal in WAL mode. When several processes switch a new journal at the same moment,
/// SQLite answers BUSY at once to all but one instead of waiting (each holds a lock the other
/// needs), so the switch is tried again, within the busy timeout, until the winner is done.
fn switch_to_wal(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            done => return Ok(done?),
        }
    }
}

/// Text with its surrounding blanks trimmed, or `None` when nothing is left.
fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// What [`check_existing_file`] found at a journal's path.
enum Found {
    /// No journal yet: no file, an empty one, or an SQLite database with nothing in it (read by
    /// this connection, when one was opened).
    Nothing(Option<Connection>),
    /// A journal this version can open: its first bytes (see [`open_journals`]), and the
    /// connection that checked it, keyed, ready for use (`None` when this process has the journal
    /// open already, so nothing was read).
    Journal { head: Vec<u8>, conn: Option<Connection> },
}

/// How the connection that checks a file opens it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Read-only: the file is only to be read (a backup).
    Read,
    /// Read-write, so that a journal found good is used through the same connection; the checks
    /// write nothing (see [`check_existing_file`]).
    Write,
}

/// Checks a file that is already there without writing to it, with the SQLCipher `key` an
/// encrypted journal needs.
///
/// Even with [`Access::Write`] the checks only read: opening a connection read-write writes
/// nothing, and a refused file's connection closes without its checkpoint, so the file and its
/// `-wal` stay as they were (any `-wal` or `-shm` the reading created is removed again).
fn check_existing_file(path: &Path, key: Option<&SqlcipherKey>, registry: &Registry, access: Access) -> Result<Found> {
    let io_error = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    // Opening a FIFO would wait for a writer forever, and a device is no place for a journal.
    match std::fs::metadata(path) {
        Ok(metadata) if !metadata.is_file() => {
            return Err(Error::NotAJournal {
                path: path.to_owned(),
                reason: if metadata.is_dir() {
                    "it is a folder"
                } else {
                    "it is not a regular file"
                }
                .to_owned(),
            });
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing(None)),
        Err(e) => return Err(io_error(e)),
    }
    let (header, open_here) = match registry.head(path).map_err(io_error)? {
        Head::Missing => return Ok(Found::Nothing(None)),
        Head::Open(header) => (header, true),
        Head::Closed(header) if header.is_empty() => return Ok(Found::Nothing(None)),
        Head::Closed(header) => (header, false),
    };
    let not_a_journal = |reason: &str| Error::NotAJournal {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    match (header == SQLITE_MAGIC, key.is_some()) {
        (true, true) => return Err(Error::NotEncrypted { path: path.to_owned() }),
        (false, false) if crate::crypto::key_file_path(path).exists() => {
            return Err(Error::Locked { path: path.to_owned() });
        }
        // Backups beside it say it was a journal once: its first page is what broke.
        (false, false) if !backups::backups(&backups::backup_folder(path))?.is_empty() => {
            return Err(Error::Damaged {
                path: path.to_owned(),
                reason: "its first page is not an SQLite database's".to_owned(),
            });
        }
        (false, false) => return Err(not_a_journal("it is not an SQLite database")),
        _ => {}
    }
    if open_here {
        // SQLite read it whole when this process opened it; reading it again could only release
        // this process's locks on it.
        return Ok(Found::Journal {
            head: header,
            conn: None,
        });
    }
    // Reading a WAL database creates its -wal and -shm files; a refused file gets none left beside it.
    let sidecars: Vec<PathBuf> = ["-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .filter(|sidecar| !sidecar.exists())
        .collect();
    // A rollback journal beside the file is one a kill left during `wins encrypt` or `decrypt`
    // (the journal was out of WAL mode then): reading must first roll it back, which a read-only
    // connection cannot do.
    let mut rollback_journal = path.as_os_str().to_owned();
    rollback_journal.push("-journal");
    let flags = if access == Access::Write || Path::new(&rollback_journal).exists() {
        OpenFlags::default()
    } else {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    };
    let verdict = connect(path, key, flags).and_then(|conn| match inspect(&conn, path) {
        Ok(empty) => Ok((conn, empty)),
        Err(error) => {
            // Closing the last connection of a WAL database checkpoints it into the file first:
            // a refused file is left as it was found.
            let _ = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
            Err(error)
        }
    });
    match verdict {
        Ok((conn, true)) => Ok(Found::Nothing(Some(conn))),
        Ok((conn, false)) => Ok(Found::Journal {
            head: header,
            conn: Some(conn),
        }),
        Err(error) => {
            for sidecar in sidecars {
                let _ = std::fs::remove_file(sidecar);
            }
            Err(error)
        }
    }
}

/// A connection to the journal at `path`, keyed with SQLCipher's `key` when it is encrypted.
fn connect(path: &Path, key: Option<&SqlcipherKey>, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    if let Some(key) = key {
        // SQLCipher's first statement on a connection must be its key.
        crate::crypto::key_connection(&conn, key)?;
    }
    // Another process may be creating the journal this very moment: wait for it, too.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Whether an SQLite file is a journal this version can open; true when it is empty.
fn inspect(conn: &Connection, path: &Path) -> Result<bool> {
    // One read transaction, so that all three reads see the same moment even while another
    // process is creating the journal.
    let snapshot = conn.unchecked_transaction()?;
    let conn = &*snapshot;
    let not_a_journal = |reason: &str| Error::NotAJournal {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    let read = |pragma: &str| -> Result<i64> {
        conn.pragma_query_value(None, pragma, |row| row.get(0))
            .map_err(|e| Error::Damaged {
                path: path.to_owned(),
                reason: format!("SQLite cannot read it ({e})"),
            })
    };
    let application_id = read("application_id")?;
    let version = read("user_version")?;
    if application_id != schema::APPLICATION_ID {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
        if application_id != 0 || tables > 0 {
            return Err(not_a_journal("it is another program's SQLite database"));
        }
        return Ok(true);
    }
    if version > schema::LATEST_VERSION {
        return Err(Error::TooNew {
            path: PathBuf::from(path),
            found: version,
            known: schema::LATEST_VERSION,
        });
    }
    Ok(false)
}
