//! The sync folder's key file on real files: set up once, opened by its passphrase or recovery key,
//! and refused in one line when damaged, foreign or of another version.

use std::path::{Path, PathBuf};

use tempfile::TempDir;
use zeroize::Zeroizing;

use super::*;

const JOURNAL: &str = "0193a1b2-0000-7000-8000-000000000001";

/// Argon2id's smallest cost: the tests check the file, not the KDF's strength.
const CHEAP: Argon2Cost = Argon2Cost {
    memory_kib: 8,
    passes: 1,
    lanes: 1,
};

fn passphrase(text: &str) -> Passphrase {
    Passphrase::new(Zeroizing::new(text.to_owned()))
}

/// A sync folder whose journal folder holds a new key file: (folder, journal folder, keys).
fn set_up() -> (TempDir, PathBuf, SyncKey, RecoveryKey) {
    let dir = tempfile::tempdir().unwrap();
    let journal_dir = dir.path().join("small-wins").join(JOURNAL);
    let (sync_key, recovery) =
        create_folder_key(&journal_dir, JOURNAL, &passphrase("correct horse battery"), CHEAP).unwrap();
    (dir, journal_dir, sync_key, recovery)
}

fn key_file_reason(result: Result<SyncKey>, path: &Path) -> String {
    match result {
        Err(error @ Error::KeyFile { .. }) => {
            let text = error.to_string();
            assert!(text.contains(&path.display().to_string()), "{text}");
            text
        }
        Err(other) => panic!("not a key file error: {other}"),
        Ok(_) => panic!("the key file was opened"),
    }
}

#[test]
fn the_passphrase_and_the_recovery_key_both_open_the_sync_key() {
    let (_dir, journal_dir, sync_key, recovery) = set_up();
    assert_eq!(
        std::fs::read_dir(&journal_dir).unwrap().count(),
        1,
        "only the key file, no temporary file"
    );
    let unlocked = unlock_folder_key(&journal_dir, JOURNAL, &passphrase("correct horse battery")).unwrap();
    assert_eq!(unlocked.as_bytes(), sync_key.as_bytes());
    let printed = RecoveryKey::parse(&recovery.display()).unwrap();
    let recovered = unlock_folder_key_with_recovery(&journal_dir, JOURNAL, &printed).unwrap();
    assert_eq!(recovered.as_bytes(), sync_key.as_bytes());

    let text = std::fs::read_to_string(folder_key_path(&journal_dir)).unwrap();
    assert!(text.contains("\"format\": \"small-wins-sync-keys\""), "{text}");
    assert!(!text.contains(&hex::encode(sync_key.as_bytes())));
}

#[test]
fn a_wrong_passphrase_or_recovery_key_is_the_wrong_secret() {
    let (_dir, journal_dir, _sync_key, _recovery) = set_up();
    let wrong = unlock_folder_key(&journal_dir, JOURNAL, &passphrase("correct horse battery!"));
    assert!(matches!(wrong, Err(Error::WrongSecret)));
    let other_recovery = RecoveryKey::generate().unwrap();
    let wrong = unlock_folder_key_with_recovery(&journal_dir, JOURNAL, &other_recovery);
    assert!(matches!(wrong, Err(Error::WrongSecret)));
}

#[test]
fn two_folders_get_two_sync_keys_and_a_second_set_up_is_refused() {
    let (_dir, journal_dir, sync_key, _recovery) = set_up();
    let (_other_dir, _other_journal_dir, other_key, _) = set_up();
    assert_ne!(sync_key.as_bytes(), other_key.as_bytes());

    let path = folder_key_path(&journal_dir);
    let before = std::fs::read(&path).unwrap();
    let again = create_folder_key(&journal_dir, JOURNAL, &passphrase("another passphrase"), CHEAP);
    assert!(matches!(&again, Err(Error::KeyFile { reason, .. }) if reason.contains("exists already")));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn another_journal_s_key_file_is_refused_even_when_its_journal_field_is_changed() {
    let (_dir, journal_dir, _sync_key, _recovery) = set_up();
    let path = folder_key_path(&journal_dir);
    let other = "0193a1b2-0000-7000-8000-000000000002";
    let reason = key_file_reason(
        unlock_folder_key(&journal_dir, other, &passphrase("correct horse battery")),
        &path,
    );
    assert!(reason.contains("belongs to journal"), "{reason}");

    // Bound by the associated data: a file renamed to another journal opens nothing.
    let text = std::fs::read_to_string(&path).unwrap().replace(JOURNAL, other);
    std::fs::write(&path, text).unwrap();
    let moved = unlock_folder_key(&journal_dir, other, &passphrase("correct horse battery"));
    assert!(matches!(moved, Err(Error::WrongSecret)));
}

#[test]
fn a_damaged_missing_or_other_version_key_file_is_refused_in_one_line() {
    let (_dir, journal_dir, _sync_key, _recovery) = set_up();
    let path = folder_key_path(&journal_dir);
    let original = std::fs::read_to_string(&path).unwrap();
    let unlock = || unlock_folder_key(&journal_dir, JOURNAL, &passphrase("correct horse battery"));
    let cases: [(String, &str); 6] = [
        (original[..original.len() / 2].to_owned(), "damaged"),
        ("{\"hello\": 1}".to_owned(), "damaged"),
        (
            original.replace("small-wins-sync-keys", "small-wins-key"),
            "not a Small Wins sync key file",
        ),
        (original.replace("\"version\": 1", "\"version\": 2"), "version 2"),
        (
            original.replace("\"memory_kib\": 8", "\"memory_kib\": 4194304"),
            "more Argon2id work",
        ),
        (" ".repeat(MAX_KEYS_FILE_BYTES as usize + 1), "too large"),
    ];
    for (text, expected) in cases {
        std::fs::write(&path, &text).unwrap();
        let reason = key_file_reason(unlock(), &path);
        assert!(reason.contains(expected), "{reason}");
        assert_eq!(reason.lines().count(), 1);
    }

    // A changed salt derives another wrap key: the wrong secret, not a damaged file.
    let salt_at = original.find("\"salt\": \"").unwrap() + "\"salt\": \"".len();
    let mut changed = original.clone();
    let flipped = if &original[salt_at..salt_at + 1] == "0" {
        "1"
    } else {
        "0"
    };
    changed.replace_range(salt_at..salt_at + 1, flipped);
    std::fs::write(&path, changed).unwrap();
    assert!(matches!(unlock(), Err(Error::WrongSecret)));

    std::fs::remove_file(&path).unwrap();
    let reason = key_file_reason(unlock(), &path);
    assert!(reason.contains("missing"), "{reason}");
}

#[test]
fn a_stored_sync_key_reads_back_and_a_wrong_length_is_refused() {
    let key = SyncKey::random().unwrap();
    assert_eq!(SyncKey::from_bytes(key.as_bytes()).unwrap().as_bytes(), key.as_bytes());
    assert!(SyncKey::from_bytes(&[1; 31]).is_err_and(|e| e.to_string().contains("31 bytes")));
    assert_eq!(format!("{key:?}"), "SyncKey(…)");
}
