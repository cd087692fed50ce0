//! Our SQLCipher crypto provider against SQLCipher's own OpenSSL one, on real journal files: each
//! reads what the other wrote, both refuse a wrong key, and ours stays the one SQLCipher uses.

use rusqlite::Connection;

use super::sqlcipher_provider::{key_with_openssl, registered_provider_name};
use super::tests::{CANARY, encrypted_journal, now, unlock};
use super::{MasterKey, key_connection};
use crate::{Filter, Kind, NewEntry, Store};

fn pragma(conn: &Connection, name: &str) -> String {
    conn.query_row(&format!("PRAGMA {name}"), [], |row| row.get(0)).unwrap()
}

fn canaries_in(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?1",
        [CANARY],
        |row| row.get(0),
    )
}

#[test]
fn sqlcipher_is_the_version_our_provider_is_laid_out_for_and_keys_every_journal_through_it() {
    let (_dir, path, _recovery) = encrypted_journal(3);
    let master = unlock(&path, "correct horse battery").unwrap();
    let store = Store::open_encrypted(&path, &master).unwrap();
    // `sqlcipher_provider::Provider` copies SQLCipher 4.6.1's struct: another version may differ.
    assert_eq!(pragma(&store.conn, "cipher_version"), "4.6.1 community");
    assert_eq!(pragma(&store.conn, "cipher_provider"), "rustcrypto");
    drop(store);
    assert_eq!(
        registered_provider_name(),
        "rustcrypto",
        "still registered after the journal's connections closed"
    );
}

#[test]
fn a_journal_written_through_our_provider_opens_through_openssl_s_and_back() {
    let (_dir, path, _recovery) = encrypted_journal(40);
    let master = unlock(&path, "correct horse battery").unwrap();
    let written_by_ours = std::fs::read(&path).unwrap();

    let conn = Connection::open(&path).unwrap();
    key_with_openssl(&conn, &master.sqlcipher_key()).unwrap();
    assert_eq!(pragma(&conn, "cipher_provider"), "openssl");
    assert_eq!(canaries_in(&conn).unwrap(), 40);
    // Every page written again, through OpenSSL's provider.
    conn.execute_batch("PRAGMA journal_mode = DELETE; VACUUM;").unwrap();
    drop(conn);
    let written_by_openssl = std::fs::read(&path).unwrap();
    assert_eq!(written_by_openssl[..16], written_by_ours[..16], "the same salt");
    assert_ne!(written_by_openssl, written_by_ours);

    let mut store = Store::open_encrypted(&path, &master).unwrap();
    assert_eq!(pragma(&store.conn, "cipher_provider"), "rustcrypto");
    assert_eq!(store.search(CANARY, &Filter::default(), 100).unwrap().len(), 40);
    assert!(store.verify().unwrap().ok);
    store
        .add(NewEntry::new(Kind::Win, format!("One more {CANARY}")), &now())
        .unwrap();
    drop(store);

    let conn = Connection::open(&path).unwrap();
    key_with_openssl(&conn, &master.sqlcipher_key()).unwrap();
    assert_eq!(
        canaries_in(&conn).unwrap(),
        41,
        "OpenSSL's provider reads our new pages"
    );
    assert_eq!(pragma(&conn, "integrity_check"), "ok");
}

#[test]
fn a_wrong_key_is_refused_by_our_provider_as_by_openssl_s() {
    let (_dir, path, _recovery) = encrypted_journal(2);
    let wrong = MasterKey::generate().unwrap().sqlcipher_key();
    let ours = Connection::open(&path).unwrap();
    key_connection(&ours, &wrong).unwrap();
    let openssl = Connection::open(&path).unwrap();
    key_with_openssl(&openssl, &wrong).unwrap();
    for conn in [ours, openssl] {
        let refused = canaries_in(&conn).unwrap_err();
        assert_eq!(refused.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase));
    }
}
