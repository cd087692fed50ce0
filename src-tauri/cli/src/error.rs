//! What can go wrong in `wins`, and the exit status each failure earns.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};

use crate::output::printable;

/// The most characters an error line carries.
const MAX_LINE: usize = 300;
/// The most characters of SQLite's reason a damaged journal's line quotes.
const REASON_CHARS: usize = 80;

pub type Result<T, E = CliError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Journal(#[from] journal::Error),

    /// A command line that asks for nothing to be done.
    #[error("{0}")]
    Usage(&'static str),

    /// `$EDITOR` could not be started, or gave up.
    #[error("{0}")]
    Editor(String),

    /// A check that ran and found something wrong (it said what above).
    #[error("{0}")]
    Failed(&'static str),

    /// A value the journal takes for a slip, written nowhere until confirmed.
    #[error("{0}: run again with --yes to log it")]
    Unconfirmed(journal::Error),

    /// A reminder was claimed but no notification daemon showed it.
    #[error("{0}")]
    Notification(String),

    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),

    /// The journal's file is damaged: left as it is, with what to do about it.
    #[error("the journal {} is damaged ({reason}) and was left as it is; {advice}", path.display())]
    Damaged {
        path: PathBuf,
        reason: String,
        advice: String,
    },
}

impl CliError {
    /// 2 for input that was malformed (as clap does for bad flags), 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Journal(error) if error.is_usage() => 2,
            CliError::Usage(_) => 2,
            _ => 1,
        }
    }

    /// The error as the one line `wins` prints: no control characters, no line breaks, and no
    /// longer than a terminal line or two however long a value it quotes.
    pub fn line(&self) -> String {
        let text = self.to_string().replace(['\n', '\r', '\t'], " ");
        let text = printable(&text);
        // A damaged journal's line quotes no value of any length but its paths, and its command
        // must stay whole to be of use.
        if matches!(self, CliError::Damaged { .. }) {
            return text.into_owned();
        }
        match text.char_indices().nth(MAX_LINE) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.into_owned(),
        }
    }

    /// A damaged journal's error, in one line with the command that restores its newest good
    /// backup (`db` is the journal `--db` named, repeated in that command).
    pub fn with_recovery(self, db: Option<&Path>) -> CliError {
        let CliError::Journal(journal::Error::Damaged { path, reason }) = self else {
            return self;
        };
        let folder = journal::backup_folder(&path);
        let advice = match crate::unlock::with_key(&path, |key| journal::newest_good_backup(&folder, key)) {
            Ok(Some(backup)) => {
                let taken: DateTime<Local> = backup.taken_at.with_timezone(&Local);
                let db = db.map_or(String::new(), |db| format!(" --db {}", quoted(db)));
                format!(
                    "restore the newest good backup (taken {}): wins{db} backup restore {}",
                    taken.format("%Y-%m-%d %H:%M"),
                    quoted(Path::new(&backup.path))
                )
            }
            _ => format!(
                "there is no good backup in {}: keep a copy of the file before anything else",
                folder.display()
            ),
        };
        // SQLite's words are cut short rather than the command after them.
        let reason = match reason.char_indices().nth(REASON_CHARS) {
            Some((cut, _)) => format!("{}…", &reason[..cut]),
            None => reason,
        };
        CliError::Damaged { path, reason, advice }
    }

    /// A reader that went away (`wins list | head`) is no failure.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, CliError::Output(error) if error.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// A path as a shell reads it back: quoted when it holds spaces or other special characters.
fn quoted(path: &Path) -> String {
    let text = path.display().to_string();
    shlex::try_quote(&text).map_or(text.clone(), |quoted| quoted.into_owned())
}
