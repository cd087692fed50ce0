//! A large import into a smaller journal builds `entries`' secondary indexes again after moving its
//! entries in: every index whole, with the statement and the place the migrations gave it.

use super::import_ids::import_jrnl;
use super::journal;
use crate::Store;

/// `entries`' indexes as SQLite keeps them: name and statement, in the order they were made.
fn entries_indexes(store: &Store) -> Vec<(String, Option<String>)> {
    store
        .conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries' ORDER BY rowid")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn integrity(store: &Store) -> String {
    store
        .conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

/// `count` jrnl entries, three a day from `year`.
fn days(year: i32, count: u64) -> Vec<(String, String)> {
    let first = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    (0..count)
        .map(|i| {
            let day = first + chrono::Days::new(i / 3);
            (day.to_string(), format!("{:02}:{:02}", 8 + i % 3, i % 60))
        })
        .collect()
}

#[test]
fn a_large_import_leaves_the_entries_indexes_as_the_migrations_made_them() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut store) = journal();
    let made = entries_indexes(&store);
    assert!(made.len() > 5, "{made:?}");
    let first = days(2021, 1_500);
    let first: Vec<(&str, &str)> = first.iter().map(|(d, t)| (d.as_str(), t.as_str())).collect();
    // More than the journal holds: built again after the move.
    assert_eq!(import_jrnl(&mut store, &dir.path().join("first.json"), &first), 1_500);
    assert_eq!(entries_indexes(&store), made);
    assert_eq!(integrity(&store), "ok");
    // The import keys are still unique and found: the same file again adds nothing.
    assert_eq!(import_jrnl(&mut store, &dir.path().join("again.json"), &first), 0);
    // Fewer than the journal holds: written into the indexes as they are.
    let second = days(2024, 1_100);
    let second: Vec<(&str, &str)> = second.iter().map(|(d, t)| (d.as_str(), t.as_str())).collect();
    assert_eq!(import_jrnl(&mut store, &dir.path().join("second.json"), &second), 1_100);
    assert_eq!(entries_indexes(&store), made);
    assert_eq!(integrity(&store), "ok");
}
