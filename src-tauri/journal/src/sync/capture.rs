//! The triggers that record each change while the journal syncs, in the write's own transaction.
//! A journal holds them only while it syncs: they are installed as it starts and removed as it
//! leaves, so a journal that does not sync neither parses their 14 kB of SQL at every open (about
//! 0.4 ms of every `wins` command: bench/vs-jrnl.sh) nor checks them at every write.

use rusqlite::Connection;
use rusqlite_migration::HookResult;

/// Migration 14, which gave every journal the triggers. A shipped migration is never edited, so its
/// text stays the triggers' one definition.
const MIGRATION_14: &str = include_str!("../store/migrations/14_sync.sql");

/// Each trigger's name and statement (`CREATE TRIGGER sync_… END;`), as migration 14 wrote them.
fn triggers() -> impl Iterator<Item = (&'static str, &'static str)> {
    const END: &str = "\nEND;";
    MIGRATION_14
        .match_indices("CREATE TRIGGER sync_")
        .filter_map(|(start, _)| {
            let statement = &MIGRATION_14[start..start + MIGRATION_14[start..].find(END)? + END.len()];
            let name = statement["CREATE TRIGGER ".len()..].split_whitespace().next()?;
            Some((name, statement))
        })
}

/// Installs the triggers: in the transaction that records that the journal syncs.
pub(crate) fn install(conn: &Connection) -> rusqlite::Result<()> {
    triggers().try_for_each(|(_, statement)| conn.execute_batch(statement))
}

/// Removes the triggers: in the transaction that records that the journal no longer syncs.
pub(crate) fn remove(conn: &Connection) -> rusqlite::Result<()> {
    triggers().try_for_each(|(name, _)| conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {name}")))
}

/// Migration 15: a journal that does not sync sheds the triggers migration 14 gave it; one that
/// syncs keeps them.
pub(crate) fn remove_unless_syncing(conn: &Connection) -> HookResult {
    let syncing: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM sync_state)", [], |row| row.get(0))?;
    if !syncing {
        remove(conn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;
    use crate::store::schema::{migrate, migrate_to};

    fn capture_triggers(conn: &Connection) -> Vec<(String, String)> {
        conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'sync_*' ORDER BY name")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn the_triggers_installed_are_the_ones_migration_14_made() {
        let mut made = Connection::open_in_memory().unwrap();
        migrate_to(&mut made, 14);
        let mut journal = Connection::open_in_memory().unwrap();
        migrate(&mut journal).unwrap();
        assert!(
            capture_triggers(&journal).is_empty(),
            "a new journal does not sync, so it has no capture triggers"
        );
        install(&journal).unwrap();
        assert_eq!(capture_triggers(&journal), capture_triggers(&made));
        assert_eq!(triggers().count(), 20);
        remove(&journal).unwrap();
        assert!(capture_triggers(&journal).is_empty());
    }

    #[test]
    fn migration_15_keeps_the_triggers_only_in_a_journal_that_syncs() {
        let mut syncing = Connection::open_in_memory().unwrap();
        migrate_to(&mut syncing, 14);
        syncing
            .execute_batch(
                "INSERT INTO sync_devices (num, id) VALUES (0, 'device'); \
                 INSERT INTO sync_state (only, journal_id, device_id, folder, sync_key, clock, published, last_seq, last_from) \
                 VALUES (1, 'journal', 'device', '/folder', x'00', 0, 0, 0, 0)",
            )
            .unwrap();
        let before = capture_triggers(&syncing);
        migrate(&mut syncing).unwrap();
        assert_eq!(capture_triggers(&syncing), before);
        assert_eq!(before.len(), 20);

        let mut alone = Connection::open_in_memory().unwrap();
        migrate_to(&mut alone, 14);
        migrate(&mut alone).unwrap();
        assert!(capture_triggers(&alone).is_empty());
    }
}
