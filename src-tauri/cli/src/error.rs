//! What can go wrong in `wins`, and the exit status each failure earns.

use std::io;

use crate::output::printable;

/// The most characters an error line carries.
const MAX_LINE: usize = 300;

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
        match text.char_indices().nth(MAX_LINE) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.into_owned(),
        }
    }

    /// A reader that went away (`wins list | head`) is no failure.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, CliError::Output(error) if error.kind() == io::ErrorKind::BrokenPipe)
    }
}
