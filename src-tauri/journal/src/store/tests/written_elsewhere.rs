//! Another connection's writes told apart from this connection's own.

use super::{now, win};
use crate::store::Store;

#[test]
fn only_another_connections_commits_count_and_each_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    let mut window = Store::open(&path).unwrap();
    let mut other = Store::open(&path).unwrap();
    assert!(
        !window.written_elsewhere().unwrap(),
        "nothing was written since it opened"
    );

    window
        .add(win("Written through this connection", "2025-05-30T10:00:00Z"), &now())
        .unwrap();
    assert!(!window.written_elsewhere().unwrap(), "its own write");

    other
        .add(win("Written by `wins`", "2025-05-31T10:00:00Z"), &now())
        .unwrap();
    assert!(window.written_elsewhere().unwrap(), "another connection's write");
    assert!(!window.written_elsewhere().unwrap(), "told once");

    // Another connection's reading is not a write.
    other.list(&crate::Filter::default(), 10, None).unwrap();
    assert!(!window.written_elsewhere().unwrap());
}

#[test]
fn a_write_between_opening_and_the_first_question_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    let mut window = Store::open(&path).unwrap();
    Store::open(&path)
        .unwrap()
        .add(
            win("Added before the window first asked", "2025-05-31T10:00:00Z"),
            &now(),
        )
        .unwrap();
    assert!(window.written_elsewhere().unwrap());
}
