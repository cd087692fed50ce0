//! The one error type of the journal, with a stable code per variant for the front ends.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input a user typed (or a file supplied) that the journal refuses; nothing was written.
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },

    #[error("no entry matches id {0:?}")]
    NotFound(String),

    #[error("id {prefix:?} matches more than one entry; type more of it")]
    AmbiguousId { prefix: String },

    #[error("entry {0} is deleted (`wins restore {0}` brings it back)")]
    Deleted(String),

    #[error("entry {0} is not deleted")]
    NotDeleted(String),

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

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("could not update the journal's schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

impl Error {
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
            Error::NotFound(_) => "not_found",
            Error::AmbiguousId { .. } => "ambiguous_id",
            Error::Deleted(_) => "deleted",
            Error::NotDeleted(_) => "not_deleted",
            Error::NotAJournal { .. } => "not_a_journal",
            Error::TooNew { .. } => "journal_too_new",
            Error::Io { .. } => "io",
            Error::NoDataDir => "no_data_dir",
            Error::Sqlite(_) => "database",
            Error::Migration(_) => "migration",
        }
    }

    /// True when the user asked for something malformed (as opposed to something failing).
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::Invalid { .. })
    }
}
