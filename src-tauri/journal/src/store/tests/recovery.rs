//! A damaged journal: found at open or by the start-up check, never written over, replaced by the
//! newest good backup while the damaged file is kept.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};

use super::{count, journal, now, win};
use crate::{ErrorCode, Recovery, Rotation, Store, backup_folder, backups, newest_good_backup, restore_damaged};

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// A journal of `entries` wins with one rotated backup taken after them, closed.
fn journal_with_backup(entries: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, mut store) = journal();
    for n in 0..entries {
        store
            .add(
                win(&format!("Win number {n} with some words"), "2025-01-06T10:00:00Z"),
                &now(),
            )
            .unwrap();
    }
    let path = dir.path().join("journal.sqlite3");
    store
        .backup_rotated(&backup_folder(&path), at("2025-01-07T08:00:00Z"), Rotation::default())
        .unwrap();
    drop(store);
    (dir, path)
}

fn overwrite(path: &Path, offset: u64, bytes: &[u8]) {
    use std::io::{Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(offset)).unwrap();
    file.write_all(bytes).unwrap();
}

#[test]
fn a_journal_whose_header_is_gone_is_damaged_beside_its_backups_and_foreign_without() {
    let (dir, path) = journal_with_backup(3);
    overwrite(&path, 0, b"\0\0\0\0 wiped by a bad sector");
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path).err().unwrap();
    assert_eq!(error.code(), ErrorCode::Damaged, "{error}");
    assert!(error.to_string().starts_with("the journal "), "{error}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a damaged journal is not written to"
    );

    // The same bytes with no backups beside them could be anything: not called a journal.
    let alone = dir.path().join("alone/journal.sqlite3");
    std::fs::create_dir_all(alone.parent().unwrap()).unwrap();
    std::fs::write(&alone, &before).unwrap();
    assert_eq!(Store::open(&alone).err().unwrap().code(), ErrorCode::NotAJournal);
}

#[test]
fn damage_to_the_pages_is_found_at_open_or_by_the_check() {
    let (_dir, path) = journal_with_backup(400);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 8 * 4096, "{size}");
    // Every page after the first three: the schema still reads, the entries do not.
    let garbage = vec![0x5a_u8; (size - 3 * 4096) as usize];
    overwrite(&path, 3 * 4096, &garbage);
    let found = match Store::open(&path) {
        Err(error) => error.code() == ErrorCode::Damaged,
        Ok(store) => !store.damage().unwrap().is_empty(),
    };
    assert!(found, "the damage is seen");
}

#[test]
fn a_sound_journal_has_no_damage() {
    let (_dir, path) = journal_with_backup(50);
    assert_eq!(Store::open(&path).unwrap().damage().unwrap(), Vec::<String>::new());
}

#[test]
fn the_newest_good_backup_replaces_a_damaged_journal_which_is_kept() {
    let (dir, path) = journal_with_backup(3);
    let folder = backup_folder(&path);
    // A newer backup that is itself damaged is passed over.
    let bad = folder.join("journal-20250108T080000.000Z.sqlite3");
    std::fs::write(&bad, b"SQLite format 3\0 torn").unwrap();
    overwrite(&path, 0, b"\0\0\0\0 wiped");
    // A -wal of the damaged file must not be replayed onto the restored one.
    std::fs::write(dir.path().join("journal.sqlite3-wal"), b"stale").unwrap();
    let damaged = std::fs::read(&path).unwrap();

    let error = Store::open(&path).err().unwrap();
    let recovery = Recovery::for_error(&path, &error, None).unwrap().unwrap();
    let newest = recovery.newest_good.clone().unwrap();
    assert_eq!(newest.taken_at, at("2025-01-07T08:00:00Z"));
    assert_eq!(recovery.kept_in, folder.display().to_string());
    assert!(
        Recovery::for_error(&path, &crate::Error::NoDataDir, None)
            .unwrap()
            .is_none()
    );

    let kept = restore_damaged(&path, Path::new(&newest.path), None, at("2025-01-09T10:00:00Z")).unwrap();
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        damaged,
        "the damaged file is kept as it was"
    );
    assert_eq!(std::fs::read(kept.with_extension("sqlite3-wal")).unwrap(), b"stale");
    assert!(kept.starts_with(&folder));
    let store = Store::open(&path).unwrap();
    assert_eq!(count(&store), 3);
    assert!(store.verify().unwrap().ok);
    // The kept file is not a backup: never listed, never rotated away.
    assert_eq!(backups(&folder).unwrap().len(), 2);
    assert_eq!(newest_good_backup(&folder, None).unwrap().unwrap().path, newest.path);
}

#[test]
fn a_bad_backup_is_refused_and_the_damaged_journal_left_in_place() {
    let (dir, path) = journal_with_backup(1);
    overwrite(&path, 0, b"\0\0\0\0 wiped");
    let damaged = std::fs::read(&path).unwrap();
    let torn = dir.path().join("torn.sqlite3");
    std::fs::write(&torn, b"SQLite format 3\0 torn").unwrap();
    for bad in [torn.as_path(), &dir.path().join("missing.sqlite3"), &path] {
        assert!(
            restore_damaged(&path, bad, None, at("2025-01-09T10:00:00Z")).is_err(),
            "{}",
            bad.display()
        );
        assert_eq!(std::fs::read(&path).unwrap(), damaged);
    }
    let names: Vec<_> = std::fs::read_dir(backup_folder(&path))
        .unwrap()
        .map(|f| f.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|name| name.starts_with("journal-")), "{names:?}");
}

#[test]
fn the_daily_backup_is_taken_once_a_local_day() {
    let (dir, store) = journal();
    let folder = dir.path().join("backups");
    let berlin = chrono::FixedOffset::east_opt(3600).unwrap();
    let morning = berlin.with_ymd_and_hms(2025, 1, 7, 0, 30, 0).unwrap();
    assert!(
        store
            .daily_backup(&folder, &morning, Rotation::default())
            .unwrap()
            .is_some()
    );
    let evening = berlin.with_ymd_and_hms(2025, 1, 7, 23, 30, 0).unwrap();
    assert!(
        store
            .daily_backup(&folder, &evening, Rotation::default())
            .unwrap()
            .is_none()
    );
    // 00:30 in Berlin was the day before in UTC; the local day is what counts.
    let next = berlin.with_ymd_and_hms(2025, 1, 8, 0, 10, 0).unwrap();
    let taken = store
        .daily_backup(&folder, &next, Rotation::default())
        .unwrap()
        .unwrap();
    assert_eq!(taken.taken_at, next.to_utc());
    assert_eq!(backups(&folder).unwrap().len(), 2);
}
