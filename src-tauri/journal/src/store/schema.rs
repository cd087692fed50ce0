//! The journal's schema as a list of migrations; a shipped migration is never edited, only followed.
//! Each one's SQL is a file of its own in `migrations/`, read in at build time.

use rusqlite::{Connection, Transaction};
use rusqlite_migration::{M, Migrations};

use crate::Result;

/// Marks a file as a Small Wins journal (`PRAGMA application_id`, "SmWn").
pub(crate) const APPLICATION_ID: i64 = 0x536D_576E;

/// The migrations that are SQL alone: 1 to 14.
const SQL_MIGRATIONS: &[M<'static>] = &[
    // 1: entries, tags and full-text search.
    M::up(include_str!("migrations/01_entries.sql")),
    // 2: goals, their milestones and measurements; entries may name the milestone they moved.
    M::up(include_str!("migrations/02_goals.sql")),
    // 3: an entry imported from another tool remembers where it came from, so a second import of
    // the same file adds nothing.
    M::up(include_str!("migrations/03_import_key.sql")),
    // 4: the reflection rhythm: the user's settings, reminder rules with their wall-clock due
    // times, and the answer to each setback's follow-up.
    M::up(include_str!("migrations/04_rhythm.sql")),
    // 5: insights count a year of entries per local day from this index alone, never reading rows.
    M::up(include_str!("migrations/05_entries_by_day.sql")),
    // 6: a rule can stay quiet when its work is done (on for rules added from now on; rules from
    // before keep firing as they did), and the nudge on a day with no win. SQLite cannot change a
    // CHECK in place, so the table is rebuilt with its rows and order.
    M::up(include_str!("migrations/06_quiet_when_done.sql")),
    // 7: people credited on entries (stored like tags), and the flag that lets an entry be shared.
    M::up(include_str!("migrations/07_people.sql")),
    // migration: window
    // Text typed into a form and not saved yet (a review's answers, the capture box, the entry
    // editor), one row a form, so it survives switching screens and a restart.
    M::up(include_str!("migrations/08_drafts.sql")),
    // migration: corrections
    // The words as written, without stemming, so the word being typed matches every word it
    // begins ("delegat" finds "delegation", which the stemmed index holds as "deleg"). Only the
    // list of words is read (through the vocabulary table), so no positions are kept.
    M::up(include_str!("migrations/09_words.sql")),
    // migration: reminders
    // The weekly "send the team digest" reminder, which has a weekday like the weekly review.
    // SQLite cannot change a CHECK in place, so the table is rebuilt with every column, its rows
    // and their order.
    M::up(include_str!("migrations/10_digest_reminder.sql")),
    // migration: perf
    // Each tag row carries its entry's kind and whether the entry is live, so insights tally a
    // period's tags from one index range instead of looking up every entry by its id. The writer
    // supplies both; triggers keep them right when an entry's kind changes, it is deleted or
    // restored, or a row arrives without them.
    M::up(include_str!("migrations/11_tag_kinds.sql")),
    // migration: perf
    // Live entries tallied per UTC hour (wins, setbacks, notes, moods), kept by triggers, so that a
    // local day whose bounds fall on whole hours (every zone but the half- and quarter-hour ones)
    // is counted from its 23 to 25 hour rows instead of from each of its entries.
    M::up(include_str!("migrations/12_entry_hours.sql")),
    // migration: integrator
    // Each credit row carries whether its entry is live, as tag rows do since migration 11, so the
    // people field's list of everyone credited is counted from one index instead of looking up
    // every credited entry (0.1–0.2 s on 100,000 entries, paid on every screen with the field).
    M::up(include_str!("migrations/13_people_live.sql")),
    // migration: sync
    // What a journal needs to sync through a replicated folder: its place in the folder, the
    // devices it merges, the clock of each changed field (recorded by triggers), and words kept from
    // edits on two devices.
    M::up(include_str!("migrations/14_sync.sql")),
];

/// Migration 1's trigger that indexes each new live entry for search, as SQLite stores it. A large
/// import drops it for the length of its transaction and indexes the new entries in one statement
/// (several times faster), then puts it back: see [`super::export_import`].
pub(crate) const SEARCH_INDEX_TRIGGER: &str = "CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries WHEN \
new.deleted_at IS NULL BEGIN
    INSERT INTO entries_fts (rowid, text, lesson, adjust) VALUES (new.seq, new.text, new.lesson, new.adjust);
END";

/// Migration 9's trigger that lists each new live entry's words as written; a large import treats
/// it as it treats [`SEARCH_INDEX_TRIGGER`].
pub(crate) const WORDS_INDEX_TRIGGER: &str = "CREATE TRIGGER entries_words_insert AFTER INSERT ON entries WHEN \
new.deleted_at IS NULL BEGIN
    INSERT INTO entries_words (rowid, text, lesson, adjust) VALUES (new.seq, new.text, new.lesson, new.adjust);
END";

/// Migration 12's trigger that tallies each new live entry in its hour; a large import treats it as
/// it treats [`SEARCH_INDEX_TRIGGER`], adding the new entries to the tallies in one statement.
pub(crate) const HOURLY_TALLY_TRIGGER: &str = "CREATE TRIGGER entry_hours_insert AFTER INSERT ON entries WHEN \
new.deleted_at IS NULL BEGIN
    INSERT INTO entry_hours (hour, wins, setbacks, notes, mood_sum, moods)
    VALUES ((new.occurred_at - (new.occurred_at % 3600000 + 3600000) % 3600000) / 3600000,
            new.kind = 'win', new.kind = 'setback', new.kind = 'note', coalesce(new.mood, 0), new.mood IS NOT NULL)
    ON CONFLICT (hour) DO UPDATE SET wins = wins + excluded.wins, setbacks = setbacks + excluded.setbacks,
        notes = notes + excluded.notes, mood_sum = mood_sum + excluded.mood_sum, moods = moods + excluded.moods;
END";

/// The schema version this build writes (`PRAGMA user_version` after all migrations): the SQL
/// migrations and migrations 15 and 16.
pub(crate) const LATEST_VERSION: i64 = SQL_MIGRATIONS.len() as i64 + 2;

fn migrations() -> Migrations<'static> {
    let mut all = SQL_MIGRATIONS.to_vec();
    // migration: floor
    // 15: migration 14's sync triggers stay only in a journal that syncs (`sync/capture.rs`), so
    // the others no longer parse 14 kB of trigger SQL at every open. Whether a journal syncs is in
    // its rows, which SQL cannot branch on, hence a hook.
    all.push(M::up_with_hook("", |tx: &Transaction| {
        crate::sync::capture::remove_unless_syncing(tx)
    }));
    // migration: floor
    // 16: a journal that syncs trades migration 14's triggers for `sync/capture.sql`'s, which
    // record the same changes from less SQL: each table's trigger names the row, the fields and the
    // time, and one trigger records them, so every open parses 46 % less of it.
    all.push(M::up_with_hook("", |tx: &Transaction| {
        crate::sync::capture::replace_if_syncing(tx)
    }));
    Migrations::new(all)
}

/// Brings the journal's schema up to date, also when other processes open a new journal at the
/// same moment.
///
/// The migration reads the schema version, then runs in a transaction that waits for the write
/// lock; when another process migrated the file in between, the migration fails and rolls back,
/// and the version read again says there is nothing left to do.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let migrations = migrations();
    loop {
        let before = version(conn)?;
        match migrations.to_latest(conn) {
            Ok(()) => return Ok(()),
            Err(error) if version(conn)? == before => return Err(error.into()),
            Err(_) => continue,
        }
    }
}

fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// A journal as an older build left it, for tests of what a migration keeps.
#[cfg(test)]
pub(crate) fn migrate_to(conn: &mut Connection, version: usize) {
    migrations().to_version(conn, version).unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn application_id_in_sql_matches_the_constant() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
        assert_eq!(id, APPLICATION_ID);
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, LATEST_VERSION);
    }

    #[test]
    fn the_search_index_triggers_are_the_ones_the_schema_holds() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        for (name, trigger) in [
            ("entries_fts_insert", SEARCH_INDEX_TRIGGER),
            ("entries_words_insert", WORDS_INDEX_TRIGGER),
            ("entry_hours_insert", HOURLY_TALLY_TRIGGER),
        ] {
            let stored: String = conn
                .query_row("SELECT sql FROM sqlite_schema WHERE name = ?1", [name], |r| r.get(0))
                .unwrap();
            assert_eq!(stored, trigger);
        }
    }

    #[test]
    fn a_first_version_journal_keeps_every_entry_field_when_goals_arrive() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO entries (id, kind, text, lesson, adjust, occurred_at, utc_offset, mood, starred, \
             created_at, updated_at) VALUES ('e1', 'setback', 'Missed the demo', 'Ask early', 'Noon check-in', \
             1736337900000, 3600, 2, 1, 1736337900001, 1736337900002)",
        )
        .unwrap();
        let before: String = conn
            .query_row(
                "SELECT json_array(id, kind, text, lesson, adjust, occurred_at, utc_offset, mood, starred, \
                        created_at, updated_at, deleted_at) FROM entries",
                [],
                |r| r.get(0),
            )
            .unwrap();
        migrate(&mut conn).unwrap();
        let after: String = conn
            .query_row(
                "SELECT json_array(id, kind, text, lesson, adjust, occurred_at, utc_offset, mood, starred, \
                        created_at, updated_at, deleted_at) FROM entries",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(before, after);
        let link: Option<String> = conn
            .query_row("SELECT milestone_id FROM entries", [], |r| r.get(0))
            .unwrap();
        assert_eq!(link, None);
    }
}
