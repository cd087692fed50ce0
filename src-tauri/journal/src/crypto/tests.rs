//! Encrypted journals on real files: what is on disk, what opens them, and what is refused untouched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use tempfile::TempDir;
use zeroize::Zeroizing;

use super::*;
use crate::{Filter, Kind, NewEntry, Store};

pub(super) const CANARY: &str = "zebracanary";

pub(super) fn now() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2025-06-01T12:00:00+02:00").unwrap()
}

pub(super) fn passphrase(text: &str) -> Passphrase {
    Passphrase::new(Zeroizing::new(text.to_owned()))
}

/// A plain journal with `entries` entries, each holding the canary word.
pub(super) fn plain_journal(entries: usize) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    let mut store = Store::open(&path).unwrap();
    for n in 0..entries {
        store
            .add(
                NewEntry::new(Kind::Win, format!("Win {n} with the {CANARY} #focus")),
                &now(),
            )
            .unwrap();
    }
    (dir, path)
}

pub(super) fn encrypted_journal(entries: usize) -> (TempDir, PathBuf, RecoveryKey) {
    let (dir, path) = plain_journal(entries);
    let recovery = encrypt_journal(&path, &passphrase("correct horse battery")).unwrap();
    (dir, path, recovery)
}

/// Every file in `folder` with its bytes.
fn folder_bytes(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

pub(super) fn unlock(path: &Path, secret: &str) -> crate::Result<MasterKey> {
    KeyFile::read(path)?.unlock_with_passphrase(&passphrase(secret))
}

/** How many entries a search for the canary finds in the encrypted journal opened with `master`. */
fn canaries_found(path: &Path, master: &MasterKey) -> usize {
    Store::open_encrypted(path, master)
        .unwrap()
        .search(CANARY, &Filter::default(), 10)
        .unwrap()
        .len()
}

#[test]
fn an_encrypted_journal_hides_every_word_and_still_finds_it() {
    let (dir, path, _recovery) = encrypted_journal(50);
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(!contains(&bytes, CANARY.as_bytes()));
    assert!(!contains(&bytes, b"CREATE TABLE"));
    let leftovers: Vec<_> = folder_bytes(dir.path()).into_keys().collect();
    assert_eq!(
        leftovers,
        [path.clone(), key_file_path(&path)],
        "no -wal, -shm or temporary file"
    );

    assert!(matches!(Store::open(&path), Err(crate::Error::Locked { .. })));
    let master = unlock(&path, "correct horse battery").unwrap();
    let mut store = Store::open_encrypted(&path, &master).unwrap();
    assert_eq!(store.search(CANARY, &Filter::default(), 100).unwrap().len(), 50);
    store
        .add(NewEntry::new(Kind::Win, "Another one #late"), &now())
        .unwrap();
    let mut wal_path = path.clone().into_os_string();
    wal_path.push("-wal");
    let wal = std::fs::read(&wal_path).unwrap();
    assert!(!wal.is_empty() && !contains(&wal, b"Another one"));
    drop(store);
    let store = Store::open_encrypted(&path, &master).unwrap();
    assert_eq!(store.search("another", &Filter::default(), 10).unwrap().len(), 1);
}

#[test]
fn a_wrong_passphrase_is_refused_before_the_journal_is_touched() {
    let (dir, path, _recovery) = encrypted_journal(3);
    let before = folder_bytes(dir.path());
    assert!(matches!(
        unlock(&path, "wrong horse battery"),
        Err(crate::Error::WrongSecret)
    ));
    assert!(matches!(Store::open(&path), Err(crate::Error::Locked { .. })));
    assert_eq!(folder_bytes(dir.path()), before);
}

#[test]
fn a_damaged_or_foreign_key_file_is_refused_with_the_folder_unchanged() {
    let (dir, path, _recovery) = encrypted_journal(1);
    let (_other_dir, other_path, _other_recovery) = encrypted_journal(1);
    let key_file = key_file_path(&path);
    let original = std::fs::read(&key_file).unwrap();

    std::fs::copy(key_file_path(&other_path), &key_file).unwrap();
    let before = folder_bytes(dir.path());
    let error = unlock(&path, "correct horse battery").unwrap_err();
    assert!(error.to_string().contains("belongs to another journal"), "{error}");
    assert_eq!(folder_bytes(dir.path()), before);

    let mut flipped = original.clone();
    let at = flipped.len() / 2;
    flipped[at] ^= 0x01;
    std::fs::write(&key_file, &flipped).unwrap();
    let error = unlock(&path, "correct horse battery").unwrap_err();
    assert!(
        matches!(error, crate::Error::WrongSecret | crate::Error::KeyFile { .. }),
        "{error}"
    );

    std::fs::write(&key_file, b"{\"format\": \"something else\"}").unwrap();
    let error = unlock(&path, "correct horse battery").unwrap_err();
    assert!(error.to_string().contains("damaged"), "{error}");

    std::fs::remove_file(&key_file).unwrap();
    let error = unlock(&path, "correct horse battery").unwrap_err();
    assert!(error.to_string().contains("missing"), "{error}");
    // Without its key file the journal is named for what it is, not taken for a plain database.
    assert!(matches!(Store::open(&path), Err(crate::Error::NotAJournal { .. })));
}

#[test]
fn changing_the_passphrase_rewrites_only_the_key_file() {
    let (_dir, path, recovery) = encrypted_journal(2);
    let journal_before = std::fs::read(&path).unwrap();
    let master = unlock(&path, "correct horse battery").unwrap();
    change_passphrase(&path, &master, &passphrase("a new passphrase")).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), journal_before);
    assert!(matches!(
        unlock(&path, "correct horse battery"),
        Err(crate::Error::WrongSecret)
    ));
    let master = unlock(&path, "a new passphrase").unwrap();
    assert_eq!(canaries_found(&path, &master), 2);
    // The recovery key printed at encryption still opens it.
    let printed = recovery.display();
    let master = KeyFile::read(&path)
        .unwrap()
        .unlock_with_recovery_key(&RecoveryKey::parse(&printed.to_uppercase()).unwrap())
        .unwrap();
    Store::open_encrypted(&path, &master).unwrap();
}

#[test]
fn a_new_recovery_key_replaces_the_old_one_and_leaves_the_rest_as_it_was() {
    let (_dir, path, old) = encrypted_journal(2);
    let journal_before = std::fs::read(&path).unwrap();
    let master = unlock(&path, "correct horse battery").unwrap();
    let new = new_recovery_key(&path, &master).unwrap();
    assert_ne!(new.display(), old.display());
    assert_eq!(std::fs::read(&path).unwrap(), journal_before);
    let key_file = KeyFile::read(&path).unwrap();
    assert!(matches!(
        key_file.unlock_with_recovery_key(&old),
        Err(crate::Error::WrongSecret)
    ));
    let printed = new.display();
    let master = key_file
        .unlock_with_secret(Zeroizing::new(printed.to_string()))
        .unwrap();
    assert_eq!(canaries_found(&path, &master), 2);
    // The passphrase slot is untouched.
    unlock(&path, "correct horse battery").unwrap();
}

#[test]
fn decrypting_gives_back_a_plain_journal_with_every_entry() {
    let (dir, path, _recovery) = encrypted_journal(20);
    let master = unlock(&path, "correct horse battery").unwrap();
    decrypt_journal(&path, &master).unwrap();
    assert!(std::fs::read(&path).unwrap().starts_with(b"SQLite format 3\0"));
    let leftovers: Vec<_> = folder_bytes(dir.path()).into_keys().collect();
    assert_eq!(leftovers, std::slice::from_ref(&path));
    let store = Store::open(&path).unwrap();
    assert_eq!(store.search(CANARY, &Filter::default(), 100).unwrap().len(), 20);
    assert_eq!(store.list(&Filter::default(), 100, None).unwrap().entries.len(), 20);
}

#[test]
fn a_plain_journal_opens_as_plain_whatever_key_file_is_beside_it() {
    let (_dir, path) = plain_journal(1);
    let (_other_dir, other_path, _recovery) = encrypted_journal(1);
    std::fs::copy(key_file_path(&other_path), key_file_path(&path)).unwrap();
    assert!(!is_encrypted(&path).unwrap());
    assert_eq!(
        Store::open(&path)
            .unwrap()
            .list(&Filter::default(), 10, None)
            .unwrap()
            .entries
            .len(),
        1
    );
}

#[test]
fn encrypting_twice_and_decrypting_a_plain_journal_are_refused() {
    let (_dir, path, _recovery) = encrypted_journal(1);
    let error = encrypt_journal(&path, &passphrase("another passphrase")).unwrap_err();
    assert!(matches!(error, crate::Error::AlreadyEncrypted { .. }), "{error}");
    let (_plain_dir, plain) = plain_journal(1);
    let master = unlock(&path, "correct horse battery").unwrap();
    assert!(matches!(
        decrypt_journal(&plain, &master),
        Err(crate::Error::NotEncrypted { .. })
    ));
}

#[test]
fn a_short_passphrase_is_refused_and_a_recovery_key_must_look_like_one() {
    assert!(Passphrase::new_to_set(Zeroizing::new("short".to_owned())).is_err());
    assert!(Passphrase::new_to_set(Zeroizing::new("long enough\n".to_owned())).is_ok());
    assert!(RecoveryKey::parse("not-a-key").is_err());
    let key = RecoveryKey::generate().unwrap();
    let printed = key.display();
    assert_eq!(printed.len(), 64 + 7);
    assert_eq!(RecoveryKey::parse(&printed).unwrap().bytes(), key.bytes());
    assert_eq!(format!("{key:?}"), "RecoveryKey(…)");
}

#[test]
fn the_keyring_slot_unlocks_until_it_is_forgotten() {
    keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
    let (_dir, path, _recovery) = encrypted_journal(1);
    let key_file = KeyFile::read(&path).unwrap();
    // The mock store keeps a secret per entry object: the same entry is used throughout.
    let entry = keyring_entry(&key_file);
    assert!(unlock_with_keyring(&key_file, &entry).unwrap().is_none());

    let master = unlock(&path, "correct horse battery").unwrap();
    remember_in_keyring(&path, &master, &entry).unwrap();
    let key_file = KeyFile::read(&path).unwrap();
    let from_keyring = unlock_with_keyring(&key_file, &entry).unwrap().unwrap();
    assert_eq!(from_keyring.bytes(), master.bytes());
    // The passphrase still works beside it.
    unlock(&path, "correct horse battery").unwrap();

    forget_in_keyring(&path, &entry).unwrap();
    let key_file = KeyFile::read(&path).unwrap();
    assert!(!key_file.has_keyring_slot());
    assert!(unlock_with_keyring(&key_file, &entry).unwrap().is_none());
}

/// The session cache lives in the kernel keyring of the process running the tests: each journal
/// has an entry of its own there (named by its random salt), and the test removes it.
#[test]
fn the_session_cache_answers_for_the_keyring_a_stale_secret_is_replaced_and_forgetting_clears_it() {
    keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
    let (_dir, path, _recovery) = encrypted_journal(1);
    let master = unlock(&path, "correct horse battery").unwrap();
    let entry = keyring_entry(&KeyFile::read(&path).unwrap());
    remember_in_keyring(&path, &master, &entry).unwrap();
    let key_file = KeyFile::read(&path).unwrap();
    let cache = session_cache::SessionCache::for_journal(&key_file.journal_id());
    let cached = cache.get().expect("remembering fills the cache");

    // A new entry object has an empty mock store: only the cache can answer.
    let without_keyring = keyring_entry(&key_file);
    let from_cache = unlock_with_keyring(&key_file, &without_keyring).unwrap().unwrap();
    assert_eq!(from_cache.bytes(), master.bytes());

    cache.put(&random::<KEY_LEN>().unwrap());
    let past_stale = unlock_with_keyring(&key_file, &entry).unwrap().unwrap();
    assert_eq!(past_stale.bytes(), master.bytes());
    assert_eq!(cache.get().expect("refilled").as_slice(), cached.as_slice());

    forget_in_keyring(&path, &entry).unwrap();
    assert!(cache.get().is_none());
}

#[test]
fn an_encrypted_export_is_an_age_file_that_only_its_passphrase_opens() {
    let (dir, path) = plain_journal(5);
    let store = Store::open(&path).unwrap();
    let out = dir.path().join("export.json.age");
    let report = crate::export_import::export_encrypted(
        &store,
        crate::export_import::ExportFormat::Json,
        &out,
        &Filter::default(),
        &now(),
        &passphrase("export passphrase"),
    )
    .unwrap();
    assert_eq!(report.entries, 5);
    let sealed = std::fs::read(&out).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1\n"));
    assert!(!contains(&sealed, CANARY.as_bytes()));

    let open = |secret: &str| -> Option<Vec<u8>> {
        let identity = age::scrypt::Identity::new(age::secrecy::SecretString::from(secret.to_owned()));
        let decryptor = age::Decryptor::new(&sealed[..]).unwrap();
        let mut reader = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .ok()?;
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut reader, &mut plain).unwrap();
        Some(plain)
    };
    assert!(open("wrong passphrase").is_none());
    let plain = open("export passphrase").unwrap();
    let archive: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(archive["entries"].as_array().unwrap().len(), 5);
}

#[test]
fn a_journal_killed_out_of_wal_mode_with_a_rollback_journal_beside_it_opens_whole() {
    // What a kill during a conversion can leave: the journal in rollback mode (as `encrypt` and
    // `decrypt` put it) with a hot -journal of a write that never committed.
    let (dir, path) = plain_journal(3);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    conn.pragma_update(None, "cache_size", 1).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; UPDATE entries SET text = text || ' torn write'; DELETE FROM entries_fts;")
        .unwrap();
    let killed = dir.path().join("killed");
    std::fs::create_dir(&killed).unwrap();
    let copy = killed.join("journal.sqlite3");
    std::fs::copy(&path, &copy).unwrap();
    let mut hot = path.clone().into_os_string();
    hot.push("-journal");
    std::fs::copy(&hot, killed.join("journal.sqlite3-journal")).unwrap();
    drop(conn);

    let store = Store::open(&copy).unwrap();
    let entries = store.list(&Filter::default(), 10, None).unwrap().entries;
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|entry| !entry.text.contains("torn write")));
    assert_eq!(store.search(CANARY, &Filter::default(), 10).unwrap().len(), 3);
}

#[test]
fn an_encrypted_journal_s_backups_are_encrypted_and_restore_with_its_key_file() {
    let (_dir, path, _recovery) = encrypted_journal(5);
    let master = unlock(&path, "correct horse battery").unwrap();
    let mut store = Store::open_encrypted(&path, &master).unwrap();
    let folder = crate::backup_folder(&path);
    let backup = store
        .backup_rotated(&folder, now().to_utc(), crate::Rotation::default())
        .unwrap();
    let bytes = std::fs::read(&backup.path).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3") && !contains(&bytes, CANARY.as_bytes()));
    assert_eq!(
        bytes[..16],
        std::fs::read(&path).unwrap()[..16],
        "the journal's salt, so that its key file opens the backup"
    );
    assert!(
        crate::newest_good_backup(&folder, None).unwrap().is_none(),
        "a plain journal is offered no encrypted backup"
    );
    let later = now().to_utc() + chrono::Duration::hours(1);

    store.add(NewEntry::new(Kind::Win, "After the backup"), &now()).unwrap();
    store.restore_backup(Path::new(&backup.path), &folder, later).unwrap();
    assert_eq!(store.search(CANARY, &Filter::default(), 100).unwrap().len(), 5);
    assert!(store.search("after", &Filter::default(), 10).unwrap().is_empty());
    drop(store);

    let even_later = later + chrono::Duration::hours(1);
    crate::restore_damaged(&path, Path::new(&backup.path), Some(&master), even_later).unwrap();
    let master = unlock(&path, "correct horse battery").unwrap();
    let store = Store::open_encrypted(&path, &master).unwrap();
    assert_eq!(store.search(CANARY, &Filter::default(), 100).unwrap().len(), 5);
    assert!(store.verify().unwrap().ok);
    assert!(crate::newest_good_backup(&folder, Some(&master)).unwrap().is_some());
}
