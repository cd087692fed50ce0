//! The one error type of the journal, with a stable code per variant for the front ends.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use crate::sync::segment::SegmentFault;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input a user typed (or a file supplied) that the journal refuses; nothing was written.
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },

    #[error("no {record} matches id {id:?}")]
    NotFound { record: Record, id: String },

    #[error("id {prefix:?} matches more than one {record}; type more of it")]
    AmbiguousId { record: Record, prefix: String },

    #[error("{record} {id} is deleted; restore it first")]
    Deleted { record: Record, id: String },

    #[error("{record} {id} is not deleted")]
    NotDeleted { record: Record, id: String },

    /// A value so unlikely it is taken for a slip until the user confirms it; nothing was written.
    #[error("{field}: {message}")]
    Unconfirmed { field: &'static str, message: String },

    /// Something wrong at a place in a file being imported; nothing was written.
    #[error("{place}: {source}")]
    InFile { place: String, source: Box<Error> },

    #[error("{path} is not a Small Wins journal: {reason}")]
    NotAJournal { path: PathBuf, reason: String },

    /// A journal SQLite cannot read whole (or whose header is gone, beside its backups): it is
    /// left as it is, for a backup to take its place.
    #[error("the journal {path} is damaged: {reason}")]
    Damaged { path: PathBuf, reason: String },

    #[error(
        "{path} was written by a newer Small Wins (schema version {found}, this one knows up to {known}); update Small Wins to open it"
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },

    /// The journal is encrypted and no key was given to open it.
    #[error("{path} is encrypted; unlock it with its passphrase")]
    Locked { path: PathBuf },

    #[error("that passphrase or recovery key does not unlock the journal")]
    WrongSecret,

    /// The key file beside an encrypted journal is missing, damaged or another journal's.
    #[error("key file {path}: {reason}")]
    KeyFile { path: PathBuf, reason: String },

    #[error("{path} is encrypted already")]
    AlreadyEncrypted { path: PathBuf },

    #[error("{path} is not encrypted")]
    NotEncrypted { path: PathBuf },

    /// Another program has the journal open while it is being encrypted or decrypted.
    #[error("{path} is in use: close Small Wins (and any other wins command) and try again")]
    InUse { path: PathBuf },

    /// The OS keyring (the Secret Service on Linux) refused or could not be reached.
    #[error("keyring: {0}")]
    Keyring(String),

    /// A cryptographic step that should not fail did.
    #[error("encryption: {0}")]
    Crypto(&'static str),

    /// A segment file of the sync folder that was not read (or, being there already, not written):
    /// the sync skips it with a warning, and tries an [`SegmentFault::Incomplete`] one again later.
    #[error("sync segment {path}: {reason}")]
    Segment {
        path: PathBuf,
        fault: SegmentFault,
        reason: String,
    },

    #[error("cannot use {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },

    /// A sync command for a journal that takes part in no sync folder.
    #[error("this journal does not sync; set it up with `wins sync init FOLDER` or `wins sync join FOLDER`")]
    NotSyncing,

    #[error("this journal syncs through {folder} already; `wins sync leave` first")]
    AlreadySyncing { folder: PathBuf },

    /// A sync folder that holds no journal to join, several, or one that cannot be read.
    #[error("sync folder {path}: {reason}")]
    SyncFolder { path: PathBuf, reason: String },

    #[error("no place for the journal: set SMALL_WINS_DB or XDG_DATA_HOME")]
    NoDataDir,

    /// systemd refused to start or stop the reminder timer.
    #[error("{0}")]
    Systemd(String),

    #[error("database error: {}", sqlite_reason(.0))]
    Sqlite(#[from] rusqlite::Error),

    #[error("could not update the journal's schema: {}", migration_reason(.0))]
    Migration(#[from] rusqlite_migration::Error),
}

/// The kinds of failure a front end tells apart: one per [`Error`] variant, sent to the window as
/// `code` (snake_case in JSON and TypeScript).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "JournalErrorCode")]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    AmbiguousId,
    Deleted,
    NotDeleted,
    NeedsConfirmation,
    NotAJournal,
    Damaged,
    JournalTooNew,
    Locked,
    WrongSecret,
    KeyFile,
    AlreadyEncrypted,
    NotEncrypted,
    InUse,
    Keyring,
    Crypto,
    SyncSegment,
    Io,
    NotSyncing,
    AlreadySyncing,
    SyncFolder,
    NoDataDir,
    Systemd,
    Database,
    Migration,
}

/// SQLite's failure in words a user acts on: a full disk is called a full disk.
fn sqlite_reason(error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match error.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => "the disk is full; free some space and try again".to_owned(),
        Some(ErrorCode::ReadOnly) => "the journal is read-only here".to_owned(),
        Some(ErrorCode::SystemIoFailure) => "the disk could not be read or written".to_owned(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "another program held the journal too long; try again".to_owned()
        }
        _ => error.to_string(),
    }
}

/// The migration library's failure without its `Debug` dump.
fn migration_reason(error: &rusqlite_migration::Error) -> String {
    match error {
        rusqlite_migration::Error::RusqliteError { err, .. } => sqlite_reason(err),
        _ => "the journal's schema is not one this version of Small Wins knows".to_owned(),
    }
}

/// The kinds of thing the journal keeps under an id, named in messages about ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Entry,
    Goal,
    Milestone,
    Measurement,
    Reminder,
}

impl Record {
    pub(crate) fn table(self) -> &'static str {
        match self {
            Record::Entry => "entries",
            Record::Goal => "goals",
            Record::Milestone => "milestones",
            Record::Measurement => "measurements",
            Record::Reminder => "reminders",
        }
    }
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Record::Entry => "entry",
            Record::Goal => "goal",
            Record::Milestone => "milestone",
            Record::Measurement => "measurement",
            Record::Reminder => "reminder",
        })
    }
}

impl Error {
    pub(crate) fn not_found(record: Record, id: &str) -> Self {
        Error::NotFound {
            record,
            id: id.to_owned(),
        }
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    /// The kind of failure, stable and machine-readable (sent to the UI as `code`).
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid { .. } => ErrorCode::InvalidInput,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::AmbiguousId { .. } => ErrorCode::AmbiguousId,
            Error::Deleted { .. } => ErrorCode::Deleted,
            Error::NotDeleted { .. } => ErrorCode::NotDeleted,
            Error::Unconfirmed { .. } => ErrorCode::NeedsConfirmation,
            Error::InFile { source, .. } => source.code(),
            Error::NotAJournal { .. } => ErrorCode::NotAJournal,
            Error::Damaged { .. } => ErrorCode::Damaged,
            Error::TooNew { .. } => ErrorCode::JournalTooNew,
            Error::Locked { .. } => ErrorCode::Locked,
            Error::WrongSecret => ErrorCode::WrongSecret,
            Error::KeyFile { .. } => ErrorCode::KeyFile,
            Error::AlreadyEncrypted { .. } => ErrorCode::AlreadyEncrypted,
            Error::NotEncrypted { .. } => ErrorCode::NotEncrypted,
            Error::InUse { .. } => ErrorCode::InUse,
            Error::Keyring(_) => ErrorCode::Keyring,
            Error::Crypto(_) => ErrorCode::Crypto,
            Error::Segment { .. } => ErrorCode::SyncSegment,
            Error::Io { .. } => ErrorCode::Io,
            Error::NotSyncing => ErrorCode::NotSyncing,
            Error::AlreadySyncing { .. } => ErrorCode::AlreadySyncing,
            Error::SyncFolder { .. } => ErrorCode::SyncFolder,
            Error::NoDataDir => ErrorCode::NoDataDir,
            Error::Systemd(_) => ErrorCode::Systemd,
            Error::Sqlite(_) => ErrorCode::Database,
            Error::Migration(_) => ErrorCode::Migration,
        }
    }

    /// True when the user asked for something malformed (as opposed to something failing).
    pub fn is_usage(&self) -> bool {
        match self {
            Error::Invalid { .. } => true,
            Error::InFile { source, .. } => source.is_usage(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn a_full_disk_is_called_a_full_disk_also_in_a_migration() {
        let full = Error::from(failure(rusqlite::ffi::SQLITE_FULL));
        assert!(full.to_string().contains("the disk is full"), "{full}");
        let migration = Error::from(rusqlite_migration::Error::RusqliteError {
            query: "CREATE TABLE …".into(),
            err: failure(rusqlite::ffi::SQLITE_IOERR),
        });
        assert_eq!(
            migration.to_string(),
            "could not update the journal's schema: the disk could not be read or written"
        );
    }

    #[test]
    fn no_error_shows_a_debug_dump() {
        for error in [
            Error::from(failure(rusqlite::ffi::SQLITE_IOERR)),
            Error::from(failure(rusqlite::ffi::SQLITE_CORRUPT)),
            Error::from(rusqlite_migration::Error::RusqliteError {
                query: String::new(),
                err: failure(rusqlite::ffi::SQLITE_READONLY),
            }),
            Error::from(rusqlite_migration::Error::SpecifiedSchemaVersion(
                rusqlite_migration::SchemaVersionError::TargetVersionOutOfRange {
                    specified: rusqlite_migration::SchemaVersion::NoneSet,
                    highest: rusqlite_migration::SchemaVersion::NoneSet,
                },
            )),
        ] {
            let text = error.to_string();
            assert!(
                !text.contains('{') && !text.contains("Failure(") && !text.contains("Some("),
                "{text}"
            );
        }
    }
}
