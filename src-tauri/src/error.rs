//! The one error the webview ever receives: `{ "code": "...", "message": "..." }`.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    /// Stable and machine-readable, e.g. `invalid_input`, `not_found`, `not_a_journal`.
    pub code: String,
    /// A sentence a person can read, naming what was wrong.
    pub message: String,
}

impl From<journal::Error> for CommandError {
    fn from(error: journal::Error) -> Self {
        CommandError {
            code: error.code().to_owned(),
            message: error.to_string(),
        }
    }
}

impl CommandError {
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        CommandError {
            code: "internal".to_owned(),
            message: message.into(),
        }
    }
}
