//! The copies each tag row keeps of its entry (kind, live, time; migration 8) stay right through
//! every way an entry changes, because insights tally tags from them alone.

use super::*;
use crate::export_import::{ExportFormat, export, read_source};

/// Each tag row as `(entry text, tag, kind, live)`, in text and tag order.
fn tag_rows(store: &Store) -> Vec<(String, String, String, bool)> {
    let mut statement = store
        .conn
        .prepare(
            "SELECT e.text, t.name, et.kind, et.live FROM entry_tags et JOIN entries e ON e.id = et.entry_id \
             JOIN tags t ON t.id = et.tag_id ORDER BY e.text, t.key",
        )
        .unwrap();
    statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Tag rows whose copies differ from their entry: none, whatever happened.
fn stale_rows(store: &Store) -> i64 {
    store
        .conn
        .query_row(
            "SELECT count(*) FROM entry_tags et JOIN entries e ON e.id = et.entry_id \
             WHERE et.kind IS NOT e.kind OR et.live IS NOT (e.deleted_at IS NULL) OR et.occurred_at IS NOT e.occurred_at",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn row(text: &str, tag: &str, kind: &str, live: bool) -> (String, String, String, bool) {
    (text.into(), tag.into(), kind.into(), live)
}

#[test]
fn tag_rows_follow_their_entry_through_add_edit_delete_and_restore() {
    let (_dir, mut store) = journal();
    let ran = store.add(win("Ran #run", "2025-03-01T08:00:00+01:00"), &now()).unwrap();
    let note = store
        .add(
            NewEntry {
                occurred_at: at("2025-03-02T08:00:00+01:00"),
                ..NewEntry::new(Kind::Note, "Slept in #rest")
            },
            &now(),
        )
        .unwrap();
    assert_eq!(
        tag_rows(&store),
        [
            row("Ran #run", "run", "win", true),
            row("Slept in #rest", "rest", "note", true)
        ]
    );

    let changes = EntryChanges {
        kind: Some(Kind::Setback),
        occurred_at: at("2025-03-05T08:00:00+01:00"),
        add_tags: vec!["legs".into()],
        ..EntryChanges::default()
    };
    store.edit(&ran.id, changes, &now()).unwrap();
    store.remove(&note.id, &now()).unwrap();
    assert_eq!(
        tag_rows(&store),
        [
            row("Ran #run", "legs", "setback", true),
            row("Ran #run", "run", "setback", true),
            row("Slept in #rest", "rest", "note", false)
        ]
    );
    assert_eq!(stale_rows(&store), 0);

    store.restore(&note.id, &now()).unwrap();
    let to_win = EntryChanges {
        kind: Some(Kind::Win),
        ..EntryChanges::default()
    };
    store.edit(&note.id, to_win, &now()).unwrap();
    assert_eq!(tag_rows(&store)[2], row("Slept in #rest", "rest", "win", true));
    assert_eq!(stale_rows(&store), 0);
}

#[test]
fn a_tag_row_written_without_its_copies_gets_them_from_its_entry() {
    let (_dir, mut store) = journal();
    let ran = store.add(win("Ran #run", "2025-03-01T08:00:00+01:00"), &now()).unwrap();
    store.remove(&ran.id, &now()).unwrap();
    store
        .conn
        .execute_batch(&format!(
            "INSERT INTO tags (key, name) VALUES ('legs', 'legs'); \
             INSERT INTO entry_tags (tag_id, occurred_at, entry_id) \
             SELECT t.id, e.occurred_at, e.id FROM tags t, entries e WHERE t.key = 'legs' AND e.id = '{}'",
            ran.id
        ))
        .unwrap();
    assert_eq!(
        tag_rows(&store),
        [
            row("Ran #run", "legs", "win", false),
            row("Ran #run", "run", "win", false)
        ]
    );
}

#[test]
fn imported_entries_carry_their_kind_on_their_tags() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut original) = journal();
    original
        .add(win("Ran #run", "2025-03-01T08:00:00+01:00"), &now())
        .unwrap();
    let setback = NewEntry {
        occurred_at: at("2025-03-02T08:00:00+01:00"),
        lesson: Some("rest first".into()),
        ..NewEntry::new(Kind::Setback, "Pulled a calf #run #legs")
    };
    original.add(setback, &now()).unwrap();
    let file = dir.path().join("journal.json");
    export(&original, ExportFormat::Json, &file, &Filter::default(), &now()).unwrap();

    let (_b, mut copy) = journal();
    let (_, incoming) = read_source(&file, None, None, &chrono_tz::Europe::Berlin).unwrap();
    copy.import(incoming, false, &now(), &mut |_, _| {}).unwrap();
    assert_eq!(
        tag_rows(&copy),
        [
            row("Pulled a calf #run #legs", "legs", "setback", true),
            row("Pulled a calf #run #legs", "run", "setback", true),
            row("Ran #run", "run", "win", true)
        ]
    );
    assert_eq!(stale_rows(&copy), 0);
}

#[test]
fn the_migration_copies_kind_and_liveness_onto_existing_tag_rows() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    schema::migrate_to(&mut conn, 7);
    conn.execute_batch(
        "INSERT INTO entries (id, kind, text, occurred_at, utc_offset, created_at, updated_at, deleted_at) VALUES \
             ('e1', 'setback', 'Missed it', 1, 0, 1, 1, NULL), ('e2', 'win', 'Made it', 2, 0, 2, 2, 3); \
         INSERT INTO tags (id, key, name) VALUES (1, 'work', 'work'); \
         INSERT INTO entry_tags (tag_id, occurred_at, entry_id) VALUES (1, 1, 'e1'), (1, 2, 'e2');",
    )
    .unwrap();
    schema::migrate(&mut conn).unwrap();
    let rows: Vec<(String, String, bool)> = conn
        .prepare("SELECT entry_id, kind, live FROM entry_tags ORDER BY entry_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            ("e1".into(), "setback".into(), true),
            ("e2".into(), "win".into(), false)
        ]
    );
}
