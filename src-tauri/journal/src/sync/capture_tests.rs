//! The capture as schema: what installs, removes and migrates it, and its field names.

use rusqlite::Connection;

use super::*;
use crate::store::schema::{migrate, migrate_to};

/// Migration 14's text, whose triggers a journal that synced before migration 16 still holds.
const MIGRATION_14: &str = include_str!("../store/migrations/14_sync.sql");

/// Migration 14's trigger statements (`CREATE TRIGGER sync_… END;`).
fn migration_14_triggers() -> Vec<&'static str> {
    const END: &str = "\nEND;";
    MIGRATION_14
        .match_indices("CREATE TRIGGER sync_")
        .map(|(start, _)| &MIGRATION_14[start..start + MIGRATION_14[start..].find(END).unwrap() + END.len()])
        .collect()
}

/// Every schema object of the capture, by type and name, with its SQL.
fn capture_objects(conn: &Connection) -> Vec<(String, String, String)> {
    conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE name GLOB 'sync_*' AND type IN ('trigger', 'view') \
         OR name = 'sync_fields' ORDER BY type, name",
    )
    .unwrap()
    .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// Records that the journal syncs, as `sync init` does, without a folder.
pub(super) fn start_syncing(conn: &Connection) {
    conn.execute_batch(
        "INSERT INTO sync_devices (num, id) VALUES (0, 'this-device'), (1, 'other-device'); \
         INSERT INTO sync_state (only, journal_id, device_id, folder, sync_key, clock, published, last_seq, last_from) \
         VALUES (1, 'journal', 'this-device', '/folder', x'00', 0, 0, 0, 0)",
    )
    .unwrap();
}

/// A journal as migration 14 left it, that syncs.
pub(super) fn syncing_at_14() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    migrate_to(&mut conn, 14);
    start_syncing(&conn);
    conn
}

#[test]
fn a_new_journal_has_no_capture_until_it_syncs_and_none_after_it_leaves() {
    let mut journal = Connection::open_in_memory().unwrap();
    migrate(&mut journal).unwrap();
    assert!(capture_objects(&journal).is_empty(), "a new journal does not sync");
    install(&journal).unwrap();
    let installed = capture_objects(&journal);
    assert_eq!(installed.iter().filter(|(kind, ..)| kind == "trigger").count(), 21);
    assert_eq!(trigger_names().count(), 21);
    remove(&journal).unwrap();
    assert!(capture_objects(&journal).is_empty());
}

#[test]
fn migration_15_keeps_migration_14s_triggers_only_in_a_journal_that_syncs() {
    let mut syncing = syncing_at_14();
    let before = capture_objects(&syncing);
    assert_eq!(before.len(), 20);
    migrate_to(&mut syncing, 15);
    assert_eq!(capture_objects(&syncing), before);

    let mut alone = Connection::open_in_memory().unwrap();
    migrate_to(&mut alone, 14);
    migrate(&mut alone).unwrap();
    assert!(capture_objects(&alone).is_empty());
}

#[test]
fn migration_16_gives_a_journal_that_syncs_the_capture_sync_init_installs() {
    let mut synced_before = syncing_at_14();
    migrate(&mut synced_before).unwrap();

    let mut new = Connection::open_in_memory().unwrap();
    migrate(&mut new).unwrap();
    install(&new).unwrap();
    assert_eq!(capture_objects(&synced_before), capture_objects(&new));
    let fields: i64 = synced_before
        .query_row("SELECT count(*) FROM sync_fields", [], |row| row.get(0))
        .unwrap();
    assert_eq!(fields, 33);
}

#[test]
fn each_field_name_is_one_migration_14_recorded() {
    let mut journal = Connection::open_in_memory().unwrap();
    migrate(&mut journal).unwrap();
    install(&journal).unwrap();
    let fields: Vec<(String, String)> = journal
        .prepare("SELECT tbl, field FROM sync_fields")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (tbl, field) in fields {
        let update = migration_14_triggers()
            .into_iter()
            .find(|trigger| trigger.starts_with(&format!("CREATE TRIGGER sync_{tbl}_update")))
            .unwrap();
        assert!(update.contains(&format!("'{field}'")), "{tbl}.{field}");
    }
}
