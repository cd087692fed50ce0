//! Journal files: exporting to the formats people use, and importing from our own export, jrnl and
//! Day One without losing a thing. Reading a file never touches the journal; writing what was read
//! is one transaction.

pub mod archive;
mod csv;
mod dayone;
mod dayone_text;
mod detect;
mod digest_charts;
pub(crate) mod html;
mod incoming;
mod jrnl;
mod jrnl_time;
mod limits;
mod markdown;
mod zones;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use chrono::{DateTime, TimeZone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::safe_files::write_whole;
use crate::{Error, Filter, Result, Store};
pub use archive::{
    Archive, ArchivedFollowup, ArchivedGoal, ArchivedMeasurement, ArchivedMilestone, ArchivedReminder, ArchivedRhythm,
};
pub use detect::{read_source, read_source_into};
pub use incoming::{Incoming, IncomingEntry, IncomingHead, IncomingSink, Origin};

/// What `wins export --format` and the app's Export can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Our own lossless, versioned JSON.
    Json,
    /// One readable file, or with a folder as the destination one file per entry with front matter.
    Markdown,
    Csv,
    /// A single printable page with no script.
    Html,
    /// jrnl's JSON shape.
    Jrnl,
    /// Day One's JSON shape.
    Dayone,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Json,
        ExportFormat::Markdown,
        ExportFormat::Csv,
        ExportFormat::Html,
        ExportFormat::Jrnl,
        ExportFormat::Dayone,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Markdown => "markdown",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
            ExportFormat::Jrnl => "jrnl",
            ExportFormat::Dayone => "dayone",
        }
    }

    /// The file name extension that suits it.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json | ExportFormat::Jrnl | ExportFormat::Dayone => "json",
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ExportFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        ExportFormat::ALL
            .into_iter()
            .find(|format| format.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                Error::invalid(
                    "format",
                    format!("{s:?} is not one of json, markdown, csv, html, jrnl, dayone"),
                )
            })
    }
}

/// Where an import comes from; `None` in [`read_source`] means "tell from the file".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ImportFormat {
    SmallWins,
    Jrnl,
    Dayone,
    Markdown,
}

impl ImportFormat {
    pub const ALL: [ImportFormat; 4] = [
        ImportFormat::SmallWins,
        ImportFormat::Jrnl,
        ImportFormat::Dayone,
        ImportFormat::Markdown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::SmallWins => "small-wins",
            ImportFormat::Jrnl => "jrnl",
            ImportFormat::Dayone => "dayone",
            ImportFormat::Markdown => "markdown",
        }
    }
}

impl fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ImportFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        ImportFormat::ALL
            .into_iter()
            .find(|format| format.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                Error::invalid(
                    "from",
                    format!("{s:?} is not one of small-wins, jrnl, dayone, markdown"),
                )
            })
    }
}

/// What an import did, or with `--dry-run` would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    pub format: Option<ImportFormat>,
    pub added: u64,
    /// Already in the journal from an earlier import.
    pub skipped: u64,
    pub goals_added: u64,
    /// Reminder rules added from a Small Wins export.
    pub reminders_added: u64,
    pub dry_run: bool,
    /// Titles of the entries added (or to be added), oldest first, at most [`REPORTED_TITLES`].
    pub titles: Vec<String>,
}

/// How many titles an [`ImportReport`] lists.
pub const REPORTED_TITLES: usize = 50;

/// Fails with the file's path when it cannot be read.
pub(crate) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// `error`, said about a place in a file.
pub(crate) fn at(place: impl Into<String>, error: Error) -> Error {
    Error::InFile {
        place: place.into(),
        source: Box::new(error),
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportReport {
    pub format: ExportFormat,
    pub entries: u64,
    /// The file written, or the folder a one-file-per-entry Markdown export filled.
    pub path: String,
}

/// Writes the live entries matching `filter` to `destination` in `format` (with goals in `json` and
/// `html`). A Markdown export to a folder (an existing one, or a path ending in `/`) writes one
/// file per entry; every other export is one file, written whole or not at all.
pub fn export<Tz: TimeZone>(
    store: &Store,
    format: ExportFormat,
    destination: &Path,
    filter: &Filter,
    now: &DateTime<Tz>,
) -> Result<ExportReport> {
    let to_folder = format == ExportFormat::Markdown
        && (destination.is_dir()
            || destination
                .as_os_str()
                .to_string_lossy()
                .ends_with(std::path::MAIN_SEPARATOR));
    let count = if to_folder {
        let entries = store.export_entries(filter)?;
        markdown::write_folder(&entries, destination)?;
        entries.len()
    } else {
        let mut count = 0;
        write_whole(destination, "out", |out| {
            count = write_format(store, format, destination, filter, now, out)?;
            Ok(())
        })?;
        count
    };
    Ok(ExportReport {
        format,
        entries: count as u64,
        path: destination.display().to_string(),
    })
}

/// Writes the live entries matching `filter` to `out` in `format`, as one file; returns how many.
fn write_format<Tz: TimeZone>(
    store: &Store,
    format: ExportFormat,
    destination: &Path,
    filter: &Filter,
    now: &DateTime<Tz>,
    out: &mut impl std::io::Write,
) -> Result<usize> {
    match format {
        ExportFormat::Json => {
            let archive = store.archive(filter, now)?;
            serde_json::to_writer_pretty(&mut *out, &archive)
                .map_err(std::io::Error::from)
                .map_err(io_error(destination))?;
            Ok(archive.entries.len())
        }
        other => {
            let entries = store.export_entries(filter)?;
            let written = match other {
                ExportFormat::Markdown => markdown::write_file(&entries, out),
                ExportFormat::Csv => csv::write(&entries, out),
                ExportFormat::Html => {
                    let charts = digest_charts::insights_for(store, &entries, now)?;
                    html::write(&entries, &store.goals(now)?, charts.as_ref(), out)
                }
                ExportFormat::Jrnl => jrnl::write_json(&entries, out),
                ExportFormat::Dayone | ExportFormat::Json => dayone::write_json(&entries, out),
            };
            written.map_err(io_error(destination))?;
            Ok(entries.len())
        }
    }
}

/// Like [`export`] to one file, but the file is encrypted with `passphrase` in the age format
/// (scrypt), which the `age` tool (`age -d`) and this library read back.
pub fn export_encrypted<Tz: TimeZone>(
    store: &Store,
    format: ExportFormat,
    destination: &Path,
    filter: &Filter,
    now: &DateTime<Tz>,
    passphrase: &crate::crypto::Passphrase,
) -> Result<ExportReport> {
    let mut count = 0;
    write_whole(destination, "out", |out| {
        let encryptor = age::Encryptor::with_user_passphrase(passphrase.to_age_secret());
        let mut sealed = encryptor.wrap_output(&mut *out).map_err(io_error(destination))?;
        count = write_format(store, format, destination, filter, now, &mut sealed)?;
        sealed.finish().map_err(io_error(destination))?;
        Ok(())
    })?;
    Ok(ExportReport {
        format,
        entries: count as u64,
        path: destination.display().to_string(),
    })
}

/// Writes `text` to `path` as a whole: the complete file or, on any failure, the old one untouched.
pub fn write_text_file(path: &Path, text: &str) -> Result<()> {
    write_whole(path, "out", |out| {
        std::io::Write::write_all(out, text.as_bytes()).map_err(io_error(path))
    })
}
