//! The hourly tallies insights count days from (migration 12) stay equal to a recount of the live
//! entries through every way an entry changes, and the days counted from them are the days counted
//! from the entries.

use super::*;
use crate::export_import::{ExportFormat, export, read_source};

/// Each hour's `(hour, wins, setbacks, notes, mood_sum, moods)` as stored, hours with nothing
/// left in them left out.
fn tallies(store: &Store) -> Vec<[i64; 6]> {
    rows(
        store,
        "SELECT hour, wins, setbacks, notes, mood_sum, moods FROM entry_hours \
         WHERE wins + setbacks + notes > 0 ORDER BY hour",
    )
}

/// The same, counted afresh from the live entries.
fn recounted(store: &Store) -> Vec<[i64; 6]> {
    rows(
        store,
        "SELECT (occurred_at - (occurred_at % 3600000 + 3600000) % 3600000) / 3600000 AS hour, \
             sum(kind = 'win'), sum(kind = 'setback'), sum(kind = 'note'), coalesce(sum(mood), 0), count(mood) \
         FROM entries WHERE deleted_at IS NULL GROUP BY hour ORDER BY hour",
    )
}

fn rows(store: &Store, sql: &str) -> Vec<[i64; 6]> {
    store
        .conn
        .prepare(sql)
        .unwrap()
        .query_map([], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?])
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn entry(kind: Kind, text: &str, when: &str, mood: Option<u8>) -> NewEntry {
    NewEntry {
        occurred_at: at(when),
        mood,
        ..NewEntry::new(kind, text)
    }
}

/// Hours since the epoch of an instant.
fn hour_of(when: &str) -> i64 {
    at(when).unwrap().timestamp_millis().div_euclid(3_600_000)
}

#[test]
fn tallies_follow_entries_through_add_edit_delete_and_restore() {
    let (_dir, mut store) = journal();
    let ran = store
        .add(entry(Kind::Win, "Ran", "2025-03-01T08:10:00+01:00", Some(4)), &now())
        .unwrap();
    store
        .add(entry(Kind::Win, "Swam", "2025-03-01T08:50:00+01:00", None), &now())
        .unwrap();
    let slept = store
        .add(
            entry(Kind::Note, "Slept in", "2025-03-02T09:00:00+01:00", Some(2)),
            &now(),
        )
        .unwrap();
    let first = hour_of("2025-03-01T08:10:00+01:00");
    let second = hour_of("2025-03-02T09:00:00+01:00");
    assert_eq!(tallies(&store), [[first, 2, 0, 0, 4, 1], [second, 0, 0, 1, 2, 1]]);

    let changes = EntryChanges {
        kind: Some(Kind::Setback),
        occurred_at: at("2025-03-02T09:30:00+01:00"),
        mood: Some(Some(1)),
        ..EntryChanges::default()
    };
    store.edit(&ran.id, changes, &now()).unwrap();
    store.remove(&slept.id, &now()).unwrap();
    assert_eq!(tallies(&store), [[first, 1, 0, 0, 0, 0], [second, 0, 1, 0, 1, 1]]);
    assert_eq!(tallies(&store), recounted(&store));

    store.restore(&slept.id, &now()).unwrap();
    let text_only = EntryChanges {
        text: Some("Slept in, then read".into()),
        ..EntryChanges::default()
    };
    store.edit(&slept.id, text_only, &now()).unwrap();
    assert_eq!(tallies(&store), [[first, 1, 0, 0, 0, 0], [second, 0, 1, 1, 3, 2]]);
    assert_eq!(tallies(&store), recounted(&store));
}

#[test]
fn an_entry_before_1970_is_tallied_in_the_hour_it_happened() {
    let (_dir, mut store) = journal();
    store
        .add(entry(Kind::Win, "Moon landing", "1969-07-20T20:17:40Z", None), &now())
        .unwrap();
    assert_eq!(tallies(&store), [[hour_of("1969-07-20T20:00:00Z"), 1, 0, 0, 0, 0]]);
}

#[test]
fn a_large_import_adds_its_entries_to_the_tallies() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut original) = journal();
    let drafts = (0..1_200).map(|i| NewEntry {
        occurred_at: Some(at("2025-01-01T08:00:00+01:00").unwrap() + chrono::Duration::minutes(i * 7)),
        mood: u8::try_from(i % 6).ok().filter(|mood| *mood > 0),
        ..NewEntry::new(
            [Kind::Win, Kind::Setback, Kind::Note][i as usize % 3],
            format!("Entry {i}"),
        )
    });
    original.add_many(drafts, &now()).unwrap();
    let file = dir.path().join("journal.json");
    export(&original, ExportFormat::Json, &file, &Filter::default(), &now()).unwrap();

    let (_b, mut copy) = journal();
    // An hour the import also fills, tallied before it by the trigger.
    copy.add(
        entry(Kind::Win, "Before the import", "2025-01-01T08:30:00+01:00", Some(5)),
        &now(),
    )
    .unwrap();
    let (_, incoming) = read_source(&file, None, None, &chrono_tz::Europe::Berlin).unwrap();
    copy.import(incoming, false, &now(), &mut |_, _| {}).unwrap();
    assert_eq!(tallies(&copy), recounted(&copy));
    assert_eq!(
        tallies(&copy).iter().map(|row| row[1] + row[2] + row[3]).sum::<i64>(),
        1_201
    );

    copy.add(
        entry(Kind::Win, "After the import", "2025-01-01T08:40:00+01:00", None),
        &now(),
    )
    .unwrap();
    assert_eq!(tallies(&copy), recounted(&copy));
}

#[test]
fn the_migration_tallies_the_entries_already_there() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    schema::migrate_to(&mut conn, 11);
    conn.execute_batch(
        "INSERT INTO entries (id, kind, text, occurred_at, utc_offset, mood, created_at, updated_at, deleted_at) VALUES \
             ('e1', 'win', 'Ran', 3600000, 0, 3, 1, 1, NULL), \
             ('e2', 'setback', 'Fell', 3600001, 0, NULL, 1, 1, NULL), \
             ('e3', 'win', 'Gone', 3600002, 0, 5, 1, 1, 9), \
             ('e4', 'note', 'Early', -1, 0, 1, 1, 1, NULL);",
    )
    .unwrap();
    schema::migrate(&mut conn).unwrap();
    let stored: Vec<[i64; 6]> = conn
        .prepare("SELECT hour, wins, setbacks, notes, mood_sum, moods FROM entry_hours ORDER BY hour")
        .unwrap()
        .query_map([], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?])
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(stored, [[-1, 0, 0, 1, 1, 1], [1, 1, 1, 0, 3, 1]]);
}
