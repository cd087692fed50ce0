//! Backups taken while the journal is in use, kept on a rotation, verified and restored.

use chrono::{DateTime, Duration, Utc};

use super::{count, journal, now, win};
use crate::store::backups::to_keep;
use crate::{Rotation, Store, backups};

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

#[test]
fn a_backup_is_a_whole_journal_and_never_replaces_a_file() {
    let (dir, mut store) = journal();
    store
        .add(win("Before the backup", "2025-01-06T10:00:00Z"), &now())
        .unwrap();
    let copy = dir.path().join("copies/one.sqlite3");
    store.backup_to(&copy).unwrap();
    store
        .add(win("After the backup", "2025-01-06T11:00:00Z"), &now())
        .unwrap();
    assert_eq!(count(&Store::open(&copy).unwrap()), 1);
    let error = store.backup_to(&copy).unwrap_err();
    assert!(error.to_string().contains("is there already"), "{error}");
    assert_eq!(count(&Store::open(&copy).unwrap()), 1);
    // No temporary file is left in its folder.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("copies"))
        .unwrap()
        .map(|f| f.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|name| name.starts_with("one.sqlite3")), "{names:?}");
}

#[test]
fn the_rotation_keeps_seven_days_four_weeks_and_twelve_months() {
    // A backup every day for two years, newest first.
    let newest = at("2025-06-30T08:00:00Z");
    let taken: Vec<_> = (0..730).map(|day| newest - Duration::days(day)).collect();
    let kept = to_keep(&taken, Rotation::default());
    assert!((0..7).all(|day| kept.contains(&day)), "the last seven days: {kept:?}");
    // Newest of each month: 30 Jun, then the last day of each earlier month.
    let months: Vec<_> = kept.iter().map(|&i| taken[i].format("%Y-%m").to_string()).collect();
    assert!(
        months.contains(&"2024-07".to_owned()) && !months.contains(&"2024-06".to_owned()),
        "{months:?}"
    );
    assert!(kept.len() <= 7 + 4 + 12 && kept.len() >= 12, "{}", kept.len());

    let none = Rotation {
        daily: 2,
        weekly: 0,
        monthly: 0,
    };
    assert_eq!(to_keep(&taken, none).into_iter().collect::<Vec<_>>(), [0, 1]);
    // Several backups on one day: only the newest of the day counts.
    let same_day = [
        at("2025-06-30T18:00:00Z"),
        at("2025-06-30T08:00:00Z"),
        at("2025-06-29T08:00:00Z"),
    ];
    assert_eq!(to_keep(&same_day, none).into_iter().collect::<Vec<_>>(), [0, 2]);
}

#[test]
fn rotated_backups_are_listed_newest_first_and_pruned() {
    let (dir, store) = journal();
    let folder = dir.path().join("backups");
    let rotation = Rotation {
        daily: 3,
        weekly: 0,
        monthly: 0,
    };
    for day in 1..=5 {
        store
            .backup_rotated(&folder, at(&format!("2025-01-0{day}T09:00:00Z")), rotation)
            .unwrap();
    }
    std::fs::write(folder.join("notes.txt"), "not a backup").unwrap();
    let listed: Vec<_> = backups(&folder)
        .unwrap()
        .into_iter()
        .map(|b| b.taken_at.to_rfc3339())
        .collect();
    assert_eq!(
        listed,
        [
            "2025-01-05T09:00:00+00:00",
            "2025-01-04T09:00:00+00:00",
            "2025-01-03T09:00:00+00:00"
        ]
    );
    assert!(folder.join("notes.txt").exists());
}

#[test]
fn a_restore_keeps_the_current_journal_first_and_every_connection_sees_it() {
    let (dir, mut store) = journal();
    let folder = dir.path().join("backups");
    store
        .add(win("Kept in the backup", "2025-01-06T10:00:00Z"), &now())
        .unwrap();
    // Taken on the day it is restored: the backup kept first must not rotate it away.
    let backup = store
        .backup_rotated(&folder, at("2025-01-07T08:00:00Z"), Rotation::default())
        .unwrap();
    store
        .add(win("Written after it", "2025-01-07T10:00:00Z"), &now())
        .unwrap();
    let other = Store::open(dir.path().join("journal.sqlite3")).unwrap();
    assert_eq!(count(&other), 2);

    let kept = store
        .restore_backup(backup.path.as_ref(), &folder, at("2025-01-07T12:00:00Z"))
        .unwrap();
    assert_eq!(count(&store), 1);
    assert_eq!(count(&other), 1, "another connection sees the restored journal");
    assert_eq!(
        count(&Store::open(&kept.path).unwrap()),
        2,
        "the journal before the restore is kept"
    );
    assert!(store.verify().unwrap().ok);
    drop((store, other));
    let reopened = Store::open(dir.path().join("journal.sqlite3")).unwrap();
    assert_eq!(count(&reopened), 1, "the restore outlives the connections that made it");
    assert!(reopened.verify().unwrap().ok);
}

#[test]
fn a_damaged_or_foreign_backup_is_refused_and_the_journal_left_alone() {
    let (dir, mut store) = journal();
    store.add(win("Still here", "2025-01-06T10:00:00Z"), &now()).unwrap();
    let folder = dir.path().join("backups");
    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, b"SQLite format 3\0 and then nothing that makes sense").unwrap();
    let foreign = dir.path().join("foreign.sqlite3");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let missing = dir.path().join("missing.sqlite3");
    for bad in [&garbage, &foreign, &missing] {
        assert!(
            store.restore_backup(bad, &folder, at("2025-01-07T12:00:00Z")).is_err(),
            "{}",
            bad.display()
        );
        assert_eq!(count(&store), 1);
    }
    assert!(!missing.exists());
}

#[test]
fn verify_passes_a_journal_with_deleted_entries() {
    let (_dir, mut store) = journal();
    let gone = store.add(win("Deleted", "2025-01-06T10:00:00Z"), &now()).unwrap();
    store.add(win("Kept", "2025-01-07T10:00:00Z"), &now()).unwrap();
    store.remove(&gone.id, &now()).unwrap();
    let found = store.verify().unwrap();
    assert!(found.ok, "{found:?}");
}

#[test]
fn verify_finds_a_deleted_entry_left_in_the_search_index() {
    let (_dir, mut store) = journal();
    let gone = store.add(win("Deleted", "2025-01-06T10:00:00Z"), &now()).unwrap();
    // Marked deleted behind the triggers' back: the index still holds it.
    store.conn.execute_batch("DROP TRIGGER entries_fts_update").unwrap();
    store.remove(&gone.id, &now()).unwrap();
    let found = store.verify().unwrap();
    assert!(!found.ok && !found.search_index_ok, "{found:?}");
}

#[test]
fn verify_finds_a_search_index_out_of_step() {
    let (_dir, mut store) = journal();
    store.add(win("Indexed", "2025-01-06T10:00:00Z"), &now()).unwrap();
    assert!(store.verify().unwrap().ok);
    store
        .conn
        .execute_batch("INSERT INTO entries_fts (entries_fts) VALUES ('delete-all')")
        .unwrap();
    let found = store.verify().unwrap();
    assert!(
        !found.ok && !found.search_index_ok && found.database.is_empty(),
        "{found:?}"
    );
}
