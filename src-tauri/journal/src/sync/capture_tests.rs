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
fn start_syncing(conn: &Connection) {
    conn.execute_batch(
        "INSERT INTO sync_devices (num, id) VALUES (0, 'this-device'), (1, 'other-device'); \
         INSERT INTO sync_state (only, journal_id, device_id, folder, sync_key, clock, published, last_seq, last_from) \
         VALUES (1, 'journal', 'this-device', '/folder', x'00', 0, 0, 0, 0)",
    )
    .unwrap();
}

fn syncing_at_14() -> Connection {
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

/// What people do with a journal that syncs, as SQL: rows made, edited with and without a change,
/// tagged and credited before and after the entry is in a segment, while merging, and a tag's
/// spelling another device wrote first.
const WRITES: &[&str] = &[
    "INSERT INTO tags (id, key, name) VALUES (1, 'focus', 'Focus'), (2, 'team', 'Team')",
    "INSERT INTO people (id, key, name) VALUES (1, 'ana', 'Ana')",
    "INSERT INTO entries (id, kind, text, occurred_at, utc_offset, created_at, updated_at) \
     VALUES ('e1', 'win', 'Shipped the beta', 1700000000000, 3600, 1700000000000, 1700000000000)",
    "INSERT INTO entry_tags (tag_id, occurred_at, entry_id) VALUES (1, 1700000000000, 'e1')",
    "INSERT INTO entry_people (person_id, occurred_at, entry_id) VALUES (1, 1700000000000, 'e1')",
    "UPDATE entries SET text = 'Shipped the beta early', updated_at = 1700000001000 WHERE id = 'e1'",
    "UPDATE sync_state SET published = clock",
    "UPDATE entries SET text = 'Shipped the beta at last', kind = 'setback', mood = 4, lesson = 'Ask sooner', \
     updated_at = 1700000002000 WHERE id = 'e1'",
    "UPDATE entries SET text = text WHERE id = 'e1'",
    "UPDATE entries SET occurred_at = 1700000500000, starred = 1, shareable = 1, updated_at = 1700000003000 WHERE id = 'e1'",
    "INSERT INTO entry_tags (tag_id, occurred_at, entry_id) VALUES (2, 1700000500000, 'e1')",
    "DELETE FROM entry_people WHERE entry_id = 'e1'",
    "INSERT INTO goals (id, title, utc_offset, created_at, updated_at) \
     VALUES ('g1', 'Lead the launch', 3600, 1700000004000, 1700000004000)",
    "UPDATE goals SET why = 'Grow', status = 'done', updated_at = 1700000005000 WHERE id = 'g1'",
    "INSERT INTO milestones (id, goal_id, title, started_on, baseline, target, unit, utc_offset, created_at, updated_at) \
     VALUES ('m1', 'g1', 'Beta users', '2023-11-14', 0, 100, 'users', 3600, 1700000006000, 1700000006000)",
    "INSERT INTO entries (id, kind, text, occurred_at, utc_offset, created_at, updated_at, milestone_id) \
     VALUES ('e2', 'note', 'Counted the users', 1700000006500, 3600, 1700000006500, 1700000006500, 'm1')",
    "UPDATE milestones SET due_on = '2023-12-01', target = 120, done_at = 1700000007000, updated_at = 1700000007000 \
     WHERE id = 'm1'",
    "INSERT INTO measurements (id, milestone_id, value, measured_at, utc_offset, created_at) \
     VALUES ('x1', 'm1', 40, 1700000008000, 3600, 1700000008000)",
    "UPDATE measurements SET value = 45, note = 'after the demo' WHERE id = 'x1'",
    "UPDATE measurements SET deleted_at = 1700000009000 WHERE id = 'x1'",
    "INSERT INTO reminders (id, kind, at_time, next_due_at, created_at, updated_at) \
     VALUES ('r1', 'daily', '17:30', 1700000100000, 1700000010000, 1700000010000)",
    "UPDATE reminders SET next_due_at = 1700086500000, last_fired_at = 1700000100000 WHERE id = 'r1'",
    "UPDATE reminders SET at_time = '18:00', paused = 1, updated_at = 1700000011000 WHERE id = 'r1'",
    "INSERT INTO entries (id, kind, text, occurred_at, utc_offset, created_at, updated_at) \
     VALUES ('s1', 'setback', 'Missed the review', 1700000012000, 3600, 1700000012000, 1700000012000)",
    "INSERT INTO followups (setback_id, asked_at) VALUES ('s1', 1700000013000)",
    "UPDATE followups SET worked = 'partly', note = 'Noon check-ins', answered_at = 1700000014000, utc_offset = 3600 \
     WHERE setback_id = 's1'",
    "UPDATE followups SET asked_at = 1700000015000 WHERE setback_id = 's1'",
    "INSERT INTO settings (key, value) VALUES ('week_starts', 'monday')",
    "UPDATE settings SET value = 'monday' WHERE key = 'week_starts'",
    "UPDATE settings SET value = 'sunday' WHERE key = 'week_starts'",
    "UPDATE sync_state SET merging = 1",
    "INSERT INTO entries (id, kind, text, occurred_at, utc_offset, created_at, updated_at) \
     VALUES ('merged', 'win', 'From the laptop', 1700000016000, 3600, 1700000016000, 1700000016000)",
    "UPDATE settings SET value = 'saturday' WHERE key = 'week_starts'",
    "UPDATE sync_state SET merging = 0",
    "INSERT INTO sync_changes (tbl, row_id, field, clock, device, base) VALUES ('tags', 'home', 'name', 5, 1, 0)",
    "INSERT INTO tags (id, key, name) VALUES (3, 'home', 'HOME')",
    "UPDATE sync_state SET published = clock",
    "DELETE FROM entry_tags WHERE entry_id = 'e1' AND tag_id = 1",
    "UPDATE entries SET deleted_at = 1700000017000, updated_at = 1700000017000 WHERE id = 'e2'",
];

/// One row of `sync_changes`: table, row, field, clock, device and base.
type Recorded = (String, String, String, i64, i64, i64);

/// Every change recorded and the clock, after [`WRITES`].
fn recorded(conn: &Connection) -> (Vec<Recorded>, i64) {
    for write in WRITES {
        conn.execute_batch(write)
            .unwrap_or_else(|error| panic!("{write}: {error}"));
    }
    let changes = conn
        .prepare("SELECT tbl, row_id, field, clock, device, base FROM sync_changes ORDER BY clock, tbl, row_id, field")
        .unwrap()
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let clock = conn
        .query_row("SELECT clock FROM sync_state", [], |row| row.get(0))
        .unwrap();
    (changes, clock)
}

#[test]
fn the_capture_records_what_migration_14s_triggers_recorded() {
    let migration_14 = syncing_at_14();
    let mut journal = Connection::open_in_memory().unwrap();
    migrate(&mut journal).unwrap();
    start_syncing(&journal);
    install(&journal).unwrap();

    let (expected, expected_clock) = recorded(&migration_14);
    let (changes, clock) = recorded(&journal);
    assert_eq!(changes, expected);
    assert_eq!(clock, expected_clock);

    let fields = |tbl: &str, row_id: &str| -> Vec<&str> {
        let mut fields: Vec<&str> = changes
            .iter()
            .filter(|change| change.0 == tbl && change.1 == row_id)
            .map(|change| change.2.as_str())
            .collect();
        fields.sort_unstable();
        fields
    };
    assert_eq!(
        fields("entries", "e1"),
        [
            "",
            "kind",
            "lesson",
            "mood",
            "occurred_at",
            "shareable",
            "starred",
            "text",
            "updated_at"
        ]
    );
    assert_eq!(
        fields("entry_tags", "e1"),
        ["focus", "team"],
        "#focus came with the entry and was removed after it travelled; #team was added after"
    );
    assert_eq!(
        fields("entry_people", "e1"),
        ["ana"],
        "Ana's credit was removed after the entry travelled"
    );
    assert_eq!(
        fields("milestones", "m1"),
        ["", "dates", "done_at", "metric", "updated_at"]
    );
    assert_eq!(fields("reminders", "r1"), ["", "schedule", "updated_at"]);
    assert_eq!(fields("followups", "s1"), ["answer"]);
    assert!(
        fields("entries", "merged").is_empty(),
        "nothing is recorded while merging"
    );
    let home = changes.iter().find(|change| change.1 == "home").unwrap();
    assert_eq!(home.4, 1, "the other device's spelling came first");
    let text = changes
        .iter()
        .find(|change| change.1 == "e1" && change.2 == "text")
        .unwrap();
    assert!(
        text.5 > 0,
        "an edit after the entry travelled replaces a clock, its base"
    );
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
