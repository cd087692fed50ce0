//! The one error the webview ever receives: `{ "code": "...", "message": "..." }`.

use serde::Serialize;
use ts_rs::TS;

/// Failures that happen in the shell rather than in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ShellErrorCode {
    /// The export's destination exists and replacing it was not asked for.
    Exists,
    /// An export, import or digest save was asked for before its file was picked in a dialog.
    NothingPicked,
    /// Starting at login could not be turned on or off.
    Autostart,
    /// A notification could not be shown.
    Notification,
    /// Anything the window cannot act on but show.
    Internal,
}

/// Every code the window can receive: the journal's and the shell's, one typed list in TypeScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
pub enum ErrorCode {
    Journal(journal::ErrorCode),
    Shell(ShellErrorCode),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    /// Stable and machine-readable, e.g. `invalid_input`, `not_found`, `exists`.
    pub code: ErrorCode,
    /// A sentence a person can read, naming what was wrong.
    pub message: String,
}

impl From<journal::Error> for CommandError {
    fn from(error: journal::Error) -> Self {
        CommandError {
            code: ErrorCode::Journal(error.code()),
            message: error.to_string(),
        }
    }
}

impl CommandError {
    pub(crate) fn shell(code: ShellErrorCode, message: impl Into<String>) -> Self {
        CommandError {
            code: ErrorCode::Shell(code),
            message: message.into(),
        }
    }

    pub(crate) fn internal(message: impl Into<String>) -> Self {
        CommandError::shell(ShellErrorCode::Internal, message)
    }
}
