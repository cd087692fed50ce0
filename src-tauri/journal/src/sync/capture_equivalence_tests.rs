//! The capture records what migration 14's triggers recorded: the same writes on a journal with
//! each, compared after every write.

use rusqlite::{Connection, OptionalExtension};

use super::install;
use super::tests::{start_syncing, syncing_at_14};
use crate::store::schema::migrate;

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

/// Every change recorded, in clock order, and the clock, `published` and `merging` of `sync_state`.
fn recorded(conn: &Connection) -> (Vec<Recorded>, Option<(i64, i64, i64)>) {
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
    let state = conn
        .query_row("SELECT clock, published, merging FROM sync_state", [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()
        .unwrap();
    (changes, state)
}

/// A journal at migration 14 and one with `capture.sql`, both syncing, with `pragmas` set.
fn migration_14_and_capture(pragmas: &str) -> (Connection, Connection) {
    let migration_14 = syncing_at_14();
    let mut capture = Connection::open_in_memory().unwrap();
    migrate(&mut capture).unwrap();
    start_syncing(&capture);
    install(&capture).unwrap();
    for conn in [&migration_14, &capture] {
        conn.execute_batch(pragmas).unwrap();
    }
    (migration_14, capture)
}

/// Runs each write on `expected`, then on `journal`, and compares after every write its outcome (an
/// error's words too) and what each recorded. Returns what `journal` recorded, or the first write
/// after which the two differ.
fn compare_writes(expected: &Connection, journal: &Connection, writes: &[&str]) -> Result<Vec<Recorded>, String> {
    for write in writes {
        let expected_outcome = expected.execute_batch(write).map_err(|error| error.to_string());
        let outcome = journal.execute_batch(write).map_err(|error| error.to_string());
        let (expected_changes, expected_state) = recorded(expected);
        let (changes, state) = recorded(journal);
        if outcome != expected_outcome || changes != expected_changes || state != expected_state {
            return Err(format!(
                "after {write}:\n  expected: {expected_outcome:?} {expected_state:?} {expected_changes:?}\n  \
                 recorded: {outcome:?} {state:?} {changes:?}"
            ));
        }
    }
    Ok(recorded(journal).0)
}

/// [`compare_writes`] on a journal with migration 14's triggers and one with `capture.sql`'s, as
/// the app opens them (foreign keys on) and with `pragmas`.
fn recorded_alike(pragmas: &str, writes: &[&str]) -> Result<Vec<Recorded>, String> {
    let (migration_14, capture) = migration_14_and_capture(&format!("PRAGMA foreign_keys = ON; {pragmas}"));
    compare_writes(&migration_14, &capture, writes)
}

#[test]
fn the_comparison_notices_a_change_left_unrecorded() {
    let unrecorded = recorded_alike(
        "",
        &[
            "DROP TRIGGER IF EXISTS sync_capture_record",
            "INSERT INTO settings (key, value) VALUES ('week_starts', 'monday')",
        ],
    );
    assert!(unrecorded.unwrap_err().starts_with("after INSERT INTO settings"));
}

#[test]
fn the_capture_records_what_migration_14s_triggers_recorded() {
    let changes = recorded_alike("", WRITES).unwrap_or_else(|difference| panic!("{difference}"));

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

/// A journal with a few rows of every table that travels, none of them in a segment yet.
const ROWS: &[&str] = &[
    "INSERT INTO tags (id, key, name) VALUES (1, 'focus', 'Focus'), (2, 'team', 'Team')",
    "INSERT INTO people (id, key, name) VALUES (1, 'ana', 'Ana'), (2, 'bo', 'Bo')",
    "INSERT INTO entries (id, kind, text, occurred_at, utc_offset, created_at, updated_at) \
     VALUES ('e1', 'win', 'One', 1700000000000, 3600, 1700000000000, 1700000000000), \
            ('e2', 'setback', 'Two', 1700000000100, 3600, 1700000000100, 1700000000100), \
            ('e3', 'note', 'Three', 1700000000200, 3600, 1700000000200, 1700000000200)",
    "INSERT INTO entry_tags (tag_id, occurred_at, entry_id) \
     VALUES (1, 1700000000000, 'e1'), (2, 1700000000000, 'e1'), (1, 1700000000100, 'e2')",
    "INSERT INTO entry_people (person_id, occurred_at, entry_id) VALUES (1, 1700000000000, 'e1'), (2, 1700000000100, 'e2')",
    "INSERT INTO goals (id, title, utc_offset, created_at, updated_at) \
     VALUES ('g1', 'Goal', 3600, 1700000004000, 1700000004000)",
    "INSERT INTO milestones (id, goal_id, title, started_on, utc_offset, created_at, updated_at) \
     VALUES ('m1', 'g1', 'Check', '2023-11-14', 3600, 1700000006000, 1700000006000), \
            ('m2', 'g1', 'Metric', '2023-11-14', 3600, 1700000006000, 1700000006000)",
    "INSERT INTO measurements (id, milestone_id, value, measured_at, utc_offset, created_at) \
     VALUES ('x1', 'm2', 40, 1700000008000, 3600, 1700000008000)",
    "INSERT INTO reminders (id, kind, at_time, next_due_at, created_at, updated_at) \
     VALUES ('r1', 'daily', '17:30', 1700000100000, 1700000010000, 1700000010000)",
    "INSERT INTO followups (setback_id, asked_at) VALUES ('e2', 1700000013000)",
    "INSERT INTO settings (key, value) VALUES ('week_starts', 'monday'), ('theme', 'dark')",
];

/// [`ROWS`], then `writes`, run by [`recorded_alike`].
fn rows_then_recorded_alike(pragmas: &str, writes: &[&str]) {
    let all: Vec<&str> = ROWS.iter().chain(writes).copied().collect();
    if let Err(difference) = recorded_alike(pragmas, &all) {
        panic!("{difference}");
    }
}

#[test]
fn several_rows_at_once_and_another_devices_changes_record_alike() {
    rows_then_recorded_alike(
        "",
        &[
            "UPDATE entries SET starred = 1",
            "UPDATE entries SET starred = 1",
            "UPDATE entries SET kind = 'win', updated_at = updated_at + 5",
            "UPDATE sync_state SET published = clock",
            "UPDATE entries SET text = text || '!', updated_at = 1600000000000",
            "UPDATE entries SET utc_offset = 0",
            "UPDATE entries SET milestone_id = 'm1', adjust = 'a', mood = 3 WHERE id = 'e3'",
            "UPDATE entries SET milestone_id = NULL, mood = NULL WHERE id = 'e3'",
            "UPDATE entries SET deleted_at = 1800000000001 WHERE id = 'e1'",
            "UPDATE entries SET deleted_at = NULL WHERE id = 'e1'",
            "INSERT OR REPLACE INTO sync_changes VALUES ('entries', 'e1', 'text', 7, 1, 3), ('entries', 'e2', '', 8, 1, 0), \
             ('settings', 'theme', 'value', 9, 1, 0), ('goals', 'g1', 'why', 10, 1, 0), \
             ('reminders', 'r1', 'schedule', 11, 1, 0), ('followups', 'e2', 'answer', 12, 1, 0), \
             ('people', 'carl', 'name', 13, 1, 0), ('milestones', 'm2', 'metric', 14, 1, 2)",
            "UPDATE entries SET text = 'x', updated_at = 1 WHERE id = 'e1'",
            "UPDATE entries SET text = 'y' WHERE id = 'e1'",
            "UPDATE settings SET value = 'light' WHERE key = 'theme'",
            "UPDATE goals SET why = 'w', due_on = '2024-01-01', utc_offset = 0 WHERE id = 'g1'",
            "UPDATE reminders SET weekday = NULL, month_day = NULL, paused = 1 WHERE id = 'r1'",
            "UPDATE followups SET worked = 'yes', answered_at = 5 WHERE setback_id = 'e2'",
            "UPDATE followups SET worked = NULL, answered_at = NULL WHERE setback_id = 'e2'",
            "INSERT INTO people (id, key, name) VALUES (3, 'carl', 'Carl')",
            "UPDATE milestones SET baseline = 0, target = 10, unit = '' WHERE id = 'm2'",
            "UPDATE sync_state SET published = clock",
            "UPDATE milestones SET unit = 'mi', updated_at = 1700000009999 WHERE id = 'm2'",
            "UPDATE milestones SET started_on = '2023-11-15', due_on = NULL WHERE id = 'm1'",
        ],
    );
}

#[test]
fn links_deletes_and_replaces_record_alike() {
    let writes = [
        "UPDATE sync_state SET published = clock",
        "INSERT INTO entries (id, kind, text, occurred_at, utc_offset, created_at, updated_at) \
         VALUES ('e4', 'win', 'Four', 1700000000300, 3600, 1700000000300, 1700000000300)",
        "INSERT INTO entry_tags (tag_id, occurred_at, entry_id) VALUES (1, 1700000000300, 'e4')",
        "DELETE FROM entry_tags WHERE entry_id = 'e1'",
        "UPDATE entries SET occurred_at = 1700000000999 WHERE id = 'e2'",
        "REPLACE INTO settings (key, value) VALUES ('theme', 'light')",
        "INSERT INTO settings (key, value) VALUES ('theme', 'x') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        "INSERT OR REPLACE INTO entry_people (person_id, occurred_at, entry_id) VALUES (1, 1700000000000, 'e1')",
        "REPLACE INTO followups (setback_id, asked_at, worked, answered_at) VALUES ('e2', 1, 'no', 1700000020000)",
        "INSERT OR IGNORE INTO tags (id, key, name) VALUES (6, 'focus', 'FOCUS')",
        "INSERT OR REPLACE INTO entries (id, kind, text, occurred_at, utc_offset, created_at, updated_at) \
         VALUES ('e3', 'win', 'Three again', 1700000000200, 3600, 1700000000200, 1700000030000)",
        "INSERT INTO entry_tags (tag_id, occurred_at, entry_id) VALUES (9, 1700000000000, 'e1')",
        "DELETE FROM followups",
        "DELETE FROM entries WHERE id = 'e2'",
        "DELETE FROM entries WHERE id = 'e4'",
    ];
    rows_then_recorded_alike("", &writes);
    rows_then_recorded_alike("PRAGMA recursive_triggers = ON", &writes);
}

#[test]
fn measurements_reminders_answers_spellings_and_merges_record_alike() {
    rows_then_recorded_alike(
        "",
        &[
            "UPDATE measurements SET value = 41",
            "UPDATE measurements SET measured_at = 1, utc_offset = 0, note = 'n'",
            "UPDATE measurements SET deleted_at = 1700000050000",
            "UPDATE sync_state SET published = clock",
            "UPDATE measurements SET deleted_at = NULL, note = NULL",
            "UPDATE reminders SET next_due_at = 1, last_fired_at = 2, updated_at = 1700000060000",
            "UPDATE reminders SET quiet_when_done = 1, updated_at = 1700000061000",
            "UPDATE reminders SET deleted_at = 1700000062000, updated_at = 1700000062000",
            "INSERT INTO followups (setback_id, worked, answered_at) VALUES ('e1', 'yes', 1700000070000)",
            "INSERT INTO followups (setback_id, worked, answered_at) VALUES ('e3', NULL, NULL)",
            "UPDATE followups SET asked_at = 3",
            "UPDATE followups SET utc_offset = 7200",
            "UPDATE goals SET title = title",
            "UPDATE measurements SET value = value",
            "UPDATE goals SET status = 'done', deleted_at = 1, updated_at = 1",
            "UPDATE milestones SET done_at = 1, deleted_at = 2, utc_offset = 5, title = 'T'",
            "DELETE FROM entry_tags WHERE tag_id = 2",
            "DELETE FROM tags WHERE id = 2",
            "INSERT INTO tags (id, key, name) VALUES (2, 'team', 'TeAm')",
            "UPDATE tags SET name = 'F' WHERE id = 1",
            "UPDATE sync_state SET merging = 1",
            "INSERT INTO tags (id, key, name) VALUES (7, 'merged', 'Merged')",
            "UPDATE entries SET text = 'm' WHERE id = 'e1'",
            "UPDATE sync_state SET merging = 0",
            "DELETE FROM sync_state",
            "UPDATE entries SET text = 'after leaving' WHERE id = 'e1'",
        ],
    );
}

#[test]
fn a_journal_that_synced_before_migration_16_keeps_its_changes_and_records_as_before() {
    let left_at_14 = syncing_at_14();
    let mut migrated = syncing_at_14();
    for conn in [&left_at_14, &migrated] {
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        for write in ROWS.iter().chain(&["UPDATE sync_state SET published = clock"]) {
            conn.execute_batch(write).unwrap();
        }
    }
    let before = recorded(&migrated);
    assert!(!before.0.is_empty());
    migrate(&mut migrated).unwrap();
    assert_eq!(recorded(&migrated), before, "migration 16 keeps every change recorded");
    let later = [
        "UPDATE entries SET text = 'after', mood = 2, updated_at = 1700000099999",
        "INSERT INTO entry_tags (tag_id, occurred_at, entry_id) VALUES (2, 1700000000200, 'e3')",
        "UPDATE reminders SET at_time = '09:00'",
        "UPDATE settings SET value = 'sunday'",
        "INSERT INTO tags (id, key, name) VALUES (20, 'later', 'Later')",
        "DELETE FROM entries WHERE id = 'e1'",
    ];
    if let Err(difference) = compare_writes(&left_at_14, &migrated, &later) {
        panic!("{difference}");
    }
}
