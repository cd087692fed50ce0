//! Where the journal file lives when nobody says otherwise, shared by the CLI and the app.

use std::path::PathBuf;

use crate::{Error, Result};

/// `$SMALL_WINS_DB` if set, else `small-wins/journal.sqlite3` in the user's data directory
/// (`$XDG_DATA_HOME`, falling back to `~/.local/share`).
pub fn default_journal_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("SMALL_WINS_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let data_dir = std::env::var_os("XDG_DATA_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::home_dir().map(|home| home.join(".local/share")))
        .ok_or(Error::NoDataDir)?;
    Ok(data_dir.join("small-wins").join("journal.sqlite3"))
}
