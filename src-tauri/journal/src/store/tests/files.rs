//! The journal file itself: durable settings, surviving a reopen, and refusing what is not ours.

use std::path::Path;

use super::{journal, now, win};
use crate::ErrorCode;
use crate::store::{Store, schema};

#[test]
fn pragmas_make_every_write_durable() {
    let (_dir, store) = journal();
    let pragma = |name: &str| -> String {
        store
            .conn
            .pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| format!("{v:?}"))
            .unwrap()
    };
    assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
    assert_eq!(pragma("synchronous"), "Integer(2)");
    assert_eq!(pragma("foreign_keys"), "Integer(1)");
    assert_eq!(pragma("busy_timeout"), "Integer(30000)");
}

#[test]
fn sqlite_is_built_without_its_memory_statistics() {
    // Set by `.cargo/config.toml` (LIBSQLITE3_FLAGS): without it, every allocation SQLite makes
    // takes a global mutex for statistics the journal never reads.
    let (_dir, store) = journal();
    let options: Vec<String> = store
        .conn
        .prepare("PRAGMA compile_options")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(
        options.iter().any(|option| option == "DEFAULT_MEMSTATUS=0"),
        "compile options: {options:?}"
    );
}

#[test]
fn entries_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/journal.sqlite3");
    let id = Store::open(&path)
        .unwrap()
        .add(win("Still here", "2025-01-01T10:00:00Z"), &now())
        .unwrap()
        .id;
    assert_eq!(Store::open(&path).unwrap().get(&id).unwrap().text, "Still here");
}

fn assert_refused_untouched(bytes: &[u8], expected_code: ErrorCode) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    std::fs::write(&path, bytes).unwrap();
    let error = Store::open(&path).err().unwrap();
    assert_eq!(error.code(), expected_code, "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn files_that_are_not_journals_are_refused_and_untouched() {
    assert_refused_untouched(b"hello, I am a text file\n", ErrorCode::NotAJournal);
    // SQLite's header and nothing SQLite can read after it: a damaged database, left as it is.
    assert_refused_untouched(
        b"SQLite format 3\0 but then garbage all the way down",
        ErrorCode::Damaged,
    );

    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert_refused_untouched(&std::fs::read(&other).unwrap(), ErrorCode::NotAJournal);
}

#[test]
fn a_journal_from_a_newer_version_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", schema::LATEST_VERSION + 1)
        .unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    assert_refused_untouched(&std::fs::read(&path).unwrap(), ErrorCode::JournalTooNew);
}

#[test]
fn a_folder_is_refused_as_a_journal() {
    let dir = tempfile::tempdir().unwrap();
    let error = Store::open(dir.path()).err().unwrap();
    assert_eq!(error.code(), ErrorCode::NotAJournal);
    assert!(error.to_string().contains("it is a folder"), "{error}");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_device_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.sqlite3");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for path in [fifo.as_path(), Path::new("/dev/null"), Path::new("/dev/zero")] {
        let error = Store::open(path).err().unwrap();
        assert_eq!(error.code(), ErrorCode::NotAJournal, "{}", path.display());
        assert!(error.to_string().contains("not a regular file"), "{error}");
    }
    assert!(!dir.path().join("fifo.sqlite3-wal").exists());
}

#[test]
fn a_refused_wal_database_gets_no_wal_or_shm_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    for (name, setup) in [
        ("other.db", "PRAGMA journal_mode = WAL; CREATE TABLE t (x);"),
        (
            "newer.db",
            "PRAGMA journal_mode = WAL; PRAGMA application_id = 1399674734; PRAGMA user_version = 999; CREATE TABLE t (x);",
        ),
    ] {
        let path = dir.path().join(name);
        rusqlite::Connection::open(&path).unwrap().execute_batch(setup).unwrap();
        assert!(Store::open(&path).is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|f| f.unwrap().file_name().into_string().unwrap())
            .filter(|f| f.starts_with(name) && f != name)
            .collect();
        assert!(left.is_empty(), "{name}: {left:?}");
    }
}

#[test]
fn a_refused_journal_with_a_write_ahead_log_keeps_both_files_as_they_were() {
    // The checks read a journal through the read-write connection that then serves it: a refused
    // file's connection must not checkpoint the log into the file when it closes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    drop(Store::open(&path).unwrap());
    let newer = rusqlite::Connection::open(&path).unwrap();
    newer
        .set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .unwrap();
    newer
        .execute_batch(&format!(
            "PRAGMA user_version = {}; CREATE TABLE from_a_newer_version (x);",
            schema::LATEST_VERSION + 1
        ))
        .unwrap();
    drop(newer);
    let wal = dir.path().join("journal.sqlite3-wal");
    let (file, log) = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
    assert!(!log.is_empty(), "the newer version's writes are in the log");

    let error = Store::open(&path).err().unwrap();

    assert_eq!(error.code(), ErrorCode::JournalTooNew, "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), file);
    assert_eq!(std::fs::read(&wal).unwrap(), log);
}
