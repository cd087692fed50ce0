//! The one error type of the journal, with a stable code per variant for the front ends.

use std::path::PathBuf;

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

    /// Something wrong at a place in a file being imported; nothing was written.
    #[error("{place}: {source}")]
    InFile { place: String, source: Box<Error> },

    #[error("{path} is not a Small Wins journal: {reason}")]
    NotAJournal { path: PathBuf, reason: String },

    #[error(
        "{path} was written by a newer Small Wins (schema version {found}, this one knows up to {known}); update Small Wins to open it"
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },

    #[error("cannot use {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },

    #[error("no place for the journal: set SMALL_WINS_DB or XDG_DATA_HOME")]
    NoDataDir,

    /// systemd refused to start or stop the reminder timer.
    #[error("{0}")]
    Systemd(String),

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("could not update the journal's schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

/// The kinds of thing the journal keeps under an id, named in messages about ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Entry,
    Goal,
    Milestone,
    Reminder,
}

impl Record {
    pub(crate) fn table(self) -> &'static str {
        match self {
            Record::Entry => "entries",
            Record::Goal => "goals",
            Record::Milestone => "milestones",
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

    /// A stable, machine-readable name for the kind of failure (sent to the UI as `code`).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid_input",
            Error::NotFound { .. } => "not_found",
            Error::AmbiguousId { .. } => "ambiguous_id",
            Error::Deleted { .. } => "deleted",
            Error::NotDeleted { .. } => "not_deleted",
            Error::InFile { source, .. } => source.code(),
            Error::NotAJournal { .. } => "not_a_journal",
            Error::TooNew { .. } => "journal_too_new",
            Error::Io { .. } => "io",
            Error::NoDataDir => "no_data_dir",
            Error::Systemd(_) => "systemd",
            Error::Sqlite(_) => "database",
            Error::Migration(_) => "migration",
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
