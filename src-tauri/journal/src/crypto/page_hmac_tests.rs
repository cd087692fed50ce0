//! The page HMAC a journal is encrypted with, recorded in its key file: SHA-256 for new journals,
//! SHA-512 kept for journals encrypted before (a version 1 key file, as in the committed fixture).

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use tempfile::TempDir;

use super::tests::{CANARY, encrypted_journal, now, passphrase, unlock};
use super::{
    KeyFile, MasterKey, PageHmac, RecoveryKey, change_passphrase, decrypt_journal, encrypt_journal, key_connection,
    key_file_path, new_recovery_key,
};
use crate::{Error, Filter, Kind, NewEntry, Store};

/// A journal and its key file as `wins encrypt` wrote them before key file version 2 (6 entries
/// holding the canary; passphrase "correct horse battery").
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encrypted-v1");
const FIXTURE_RECOVERY_KEY: &str = "da56cdfb-dc14b5f2-557d7147-4658071b-829f69a2-d109427c-d2b10e41-969a078b";
const FIXTURE_PASSPHRASE: &str = "correct horse battery";

fn fixture_copy() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    for name in ["journal.sqlite3", "journal.sqlite3.key"] {
        std::fs::copy(Path::new(FIXTURE).join(name), dir.path().join(name)).unwrap();
    }
    (dir, path)
}

fn pragma(store: &Store, name: &str) -> String {
    store
        .conn
        .query_row(&format!("PRAGMA {name}"), [], |row| row.get(0))
        .unwrap()
}

fn key_file_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(key_file_path(path)).unwrap()).unwrap()
}

fn canaries(store: &Store) -> usize {
    store.search(CANARY, &Filter::default(), 100).unwrap().len()
}

#[test]
fn a_newly_encrypted_journal_checks_its_pages_with_hmac_sha256_and_its_key_file_says_so() {
    let (_dir, path, _recovery) = encrypted_journal(3);
    let master = unlock(&path, "correct horse battery").unwrap();
    let store = Store::open_encrypted(&path, &master).unwrap();
    assert_eq!(pragma(&store, "cipher_hmac_algorithm"), "HMAC_SHA256");
    assert_eq!(pragma(&store, "cipher_kdf_algorithm"), "PBKDF2_HMAC_SHA256");
    assert_eq!(canaries(&store), 3);
    drop(store);
    let json = key_file_json(&path);
    assert_eq!(json["version"], 2);
    assert_eq!(json["page_hmac"], "HMAC_SHA256");

    // The file itself is SHA-256: keyed as SHA-512, its first page fails its check.
    let as_sha512 = MasterKey::from_slice(master.bytes(), PageHmac::Sha512).unwrap();
    let conn = Connection::open(&path).unwrap();
    key_connection(&conn, &as_sha512.sqlcipher_key()).unwrap();
    let refused = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get::<_, i64>(0))
        .unwrap_err();
    assert_eq!(refused.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase));
}

#[test]
fn a_journal_with_a_version_1_key_file_stays_hmac_sha512_through_every_change_and_back() {
    let (_dir, path) = fixture_copy();
    let master = unlock(&path, FIXTURE_PASSPHRASE).unwrap();
    let mut store = Store::open_encrypted(&path, &master).unwrap();
    assert_eq!(pragma(&store, "cipher_hmac_algorithm"), "HMAC_SHA512");
    assert_eq!(pragma(&store, "cipher_kdf_algorithm"), "PBKDF2_HMAC_SHA512");
    assert_eq!(canaries(&store), 6);
    store
        .add(NewEntry::new(Kind::Win, format!("A seventh {CANARY}")), &now())
        .unwrap();
    let folder = crate::backup_folder(&path);
    let backup = store
        .backup_rotated(&folder, now().to_utc(), crate::Rotation::default())
        .unwrap();
    drop(store);

    change_passphrase(&path, &master, &passphrase("a new passphrase")).unwrap();
    let recovery = new_recovery_key(&path, &master).unwrap();
    let json = key_file_json(&path);
    assert_eq!(json["version"], 1, "rewritten as the version it was");
    assert!(json.get("page_hmac").is_none());
    assert!(matches!(unlock(&path, FIXTURE_PASSPHRASE), Err(Error::WrongSecret)));
    let from_recovery = KeyFile::read(&path)
        .unwrap()
        .unlock_with_recovery_key(&recovery)
        .unwrap();
    assert!(matches!(
        KeyFile::read(&path)
            .unwrap()
            .unlock_with_recovery_key(&RecoveryKey::parse(FIXTURE_RECOVERY_KEY).unwrap()),
        Err(Error::WrongSecret)
    ));

    let later = now().to_utc() + chrono::Duration::hours(1);
    crate::restore_damaged(&path, Path::new(&backup.path), Some(&from_recovery), later).unwrap();
    let master = unlock(&path, "a new passphrase").unwrap();
    let store = Store::open_encrypted(&path, &master).unwrap();
    assert_eq!(pragma(&store, "cipher_hmac_algorithm"), "HMAC_SHA512");
    assert_eq!(canaries(&store), 7);
    assert!(store.verify().unwrap().ok);
    drop(store);

    decrypt_journal(&path, &master).unwrap();
    assert_eq!(canaries(&Store::open(&path).unwrap()), 7);
    encrypt_journal(&path, &passphrase("encrypted again")).unwrap();
    let master = unlock(&path, "encrypted again").unwrap();
    let store = Store::open_encrypted(&path, &master).unwrap();
    assert_eq!(pragma(&store, "cipher_hmac_algorithm"), "HMAC_SHA256", "encrypted anew");
    assert_eq!(canaries(&store), 7);
}

#[test]
fn the_fixture_s_recovery_key_opens_it() {
    let (_dir, path) = fixture_copy();
    let recovery = RecoveryKey::parse(FIXTURE_RECOVERY_KEY).unwrap();
    let master = KeyFile::read(&path)
        .unwrap()
        .unlock_with_recovery_key(&recovery)
        .unwrap();
    assert_eq!(canaries(&Store::open_encrypted(&path, &master).unwrap()), 6);
}

#[test]
fn a_key_file_of_an_unknown_version_or_page_hmac_is_refused_in_one_line() {
    let (_dir, path, _recovery) = encrypted_journal(1);
    let original = key_file_json(&path);
    type Change = fn(&mut serde_json::Value);
    let cases: [(&str, Change); 4] = [
        ("it is of version 3, this Small Wins reads versions 1 and 2", |json| {
            json["version"] = 3.into()
        }),
        (
            "its page HMAC \"HMAC_MD5\" is not one this Small Wins knows (HMAC_SHA256, HMAC_SHA512)",
            |json| json["page_hmac"] = "HMAC_MD5".into(),
        ),
        ("it names no page HMAC", |json| {
            json.as_object_mut().unwrap().remove("page_hmac");
        }),
        ("it is of version 1 but names a page HMAC", |json| {
            json["version"] = 1.into()
        }),
    ];
    for (expected, change) in cases {
        let mut json = original.clone();
        change(&mut json);
        std::fs::write(key_file_path(&path), serde_json::to_vec(&json).unwrap()).unwrap();
        match KeyFile::read(&path) {
            Err(Error::KeyFile { reason, .. }) => assert_eq!(reason, expected),
            other => panic!("{expected}: {other:?}"),
        }
    }
}
