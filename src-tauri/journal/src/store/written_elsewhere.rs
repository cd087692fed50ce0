//! Whether another connection has written to the journal since this one last looked: a `wins`
//! command, the reminder runner's connection, another process merging a device's changes. The
//! window asks when it comes back into focus, and reads its screens again only when the answer is
//! yes, instead of at every focus.

use rusqlite::Connection;

use super::Store;
use crate::Result;

/// SQLite's `PRAGMA data_version` (<https://sqlite.org/pragma.html#pragma_data_version>): a number
/// that moves whenever another connection, of this process or another, commits to the file, and
/// never for this connection's own commits. Only a change means anything, not the value.
pub(super) fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "data_version", |row| row.get(0))?)
}

impl Store {
    /// Whether another connection committed a change to the journal since the last call (on the
    /// first, since the journal was opened). This connection's own writes never count: whoever
    /// made them knows.
    pub fn written_elsewhere(&mut self) -> Result<bool> {
        let version = data_version(&self.conn)?;
        Ok(std::mem::replace(&mut self.seen_data_version, version) != version)
    }
}
