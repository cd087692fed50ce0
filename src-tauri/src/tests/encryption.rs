//! Encryption through the window's commands: encrypt, lock, unlock, change the passphrase and
//! remove it, each answering the webview as it would, on a real journal file.

use serde_json::{Value, json};

use super::{App, app, app_with};

const PASSPHRASE: &str = "correct horse battery";

fn header(app: &App) -> Vec<u8> {
    std::fs::read(app.path()).unwrap()[..16].to_vec()
}

fn add_win(app: &App, text: &str) {
    app.invoke("add_entry", json!({ "entry": { "kind": "win", "text": text } }))
        .unwrap();
}

fn titles(app: &App) -> Result<Value, Value> {
    app.invoke("list_entries", json!({ "filter": {}, "limit": 10 }))
        .map(|page| {
            page["entries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["text"].clone())
                .collect()
        })
}

#[test]
fn a_journal_encrypted_from_the_window_locks_and_unlocks_with_either_secret() {
    let app = app();
    add_win(&app, "Shipped the canary release");
    assert_eq!(
        app.invoke("encryption_status", json!({})).unwrap(),
        json!({ "encrypted": false, "locked": false, "remembered": false, "idle_lock_minutes": null })
    );
    let short = app
        .invoke("encrypt_journal", json!({ "passphrase": "short" }))
        .unwrap_err();
    assert_eq!(short["code"], "invalid_input");
    assert_eq!(
        header(&app),
        b"SQLite format 3\0",
        "a refused passphrase changes nothing"
    );

    let recovery = app
        .invoke("encrypt_journal", json!({ "passphrase": PASSPHRASE }))
        .unwrap();
    let recovery = recovery.as_str().unwrap().to_owned();
    assert_eq!(recovery.split('-').count(), 8, "{recovery}");
    assert_ne!(header(&app), b"SQLite format 3\0");
    // The window goes on with the encrypted journal, unlocked.
    assert_eq!(titles(&app).unwrap(), json!(["Shipped the canary release"]));
    assert_eq!(
        app.invoke("encryption_status", json!({})).unwrap(),
        json!({ "encrypted": true, "locked": false, "remembered": false, "idle_lock_minutes": 10 })
    );

    app.invoke("lock_journal", json!({})).unwrap();
    let locked = titles(&app).unwrap_err();
    assert_eq!(locked["code"], "locked");
    assert_eq!(app.invoke("encryption_status", json!({})).unwrap()["locked"], true);
    let wrong = app
        .invoke("unlock_journal", json!({ "secret": "not the passphrase" }))
        .unwrap_err();
    assert_eq!(
        wrong,
        json!({ "code": "wrong_secret", "message": "that passphrase or recovery key does not unlock the journal" })
    );
    assert_eq!(titles(&app).unwrap_err()["code"], "locked");

    app.invoke("unlock_journal", json!({ "secret": recovery })).unwrap();
    assert_eq!(titles(&app).unwrap(), json!(["Shipped the canary release"]));
    app.invoke("lock_journal", json!({})).unwrap();
    app.invoke("unlock_journal", json!({ "secret": PASSPHRASE })).unwrap();
    add_win(&app, "Wrote while encrypted");
    assert_eq!(titles(&app).unwrap().as_array().unwrap().len(), 2);
}

#[test]
fn the_passphrase_changes_only_with_the_current_secret_and_encryption_comes_off() {
    let app = app();
    add_win(&app, "Kept through it all");
    app.invoke("encrypt_journal", json!({ "passphrase": PASSPHRASE }))
        .unwrap();
    let wrong = app
        .invoke(
            "change_passphrase",
            json!({ "current": "guess guess", "passphrase": "a new passphrase" }),
        )
        .unwrap_err();
    assert_eq!(wrong["code"], "wrong_secret");
    app.invoke(
        "change_passphrase",
        json!({ "current": PASSPHRASE, "passphrase": "a new passphrase" }),
    )
    .unwrap();
    app.invoke("lock_journal", json!({})).unwrap();
    let old = app
        .invoke("unlock_journal", json!({ "secret": PASSPHRASE }))
        .unwrap_err();
    assert_eq!(old["code"], "wrong_secret");
    app.invoke("unlock_journal", json!({ "secret": "a new passphrase" }))
        .unwrap();

    let refused = app
        .invoke("decrypt_journal", json!({ "secret": PASSPHRASE }))
        .unwrap_err();
    assert_eq!(refused["code"], "wrong_secret");
    assert_ne!(header(&app), b"SQLite format 3\0");
    app.invoke("decrypt_journal", json!({ "secret": "a new passphrase" }))
        .unwrap();
    assert_eq!(header(&app), b"SQLite format 3\0");
    assert!(!journal::crypto::key_file_path(&app.path()).exists());
    assert_eq!(titles(&app).unwrap(), json!(["Kept through it all"]));
    assert_eq!(
        app.invoke("lock_journal", json!({})).unwrap_err()["code"],
        "not_encrypted"
    );
}

#[test]
fn a_new_recovery_key_takes_a_secret_and_unlocks_where_the_first_no_longer_does() {
    let app = app();
    add_win(&app, "Kept through it all");
    let first = app
        .invoke("encrypt_journal", json!({ "passphrase": PASSPHRASE }))
        .unwrap();
    let wrong = app
        .invoke("new_recovery_key", json!({ "secret": "guess guess" }))
        .unwrap_err();
    assert_eq!(wrong["code"], "wrong_secret");
    let second = app.invoke("new_recovery_key", json!({ "secret": PASSPHRASE })).unwrap();
    assert_ne!(second, first);
    app.invoke("lock_journal", json!({})).unwrap();
    assert_eq!(
        app.invoke("unlock_journal", json!({ "secret": first })).unwrap_err()["code"],
        "wrong_secret"
    );
    app.invoke("unlock_journal", json!({ "secret": second })).unwrap();
    assert_eq!(titles(&app).unwrap(), json!(["Kept through it all"]));
}

#[test]
fn an_encrypted_journal_starts_locked_without_a_keyring_slot() {
    let app = app_with(|path| {
        journal::Store::open(path).unwrap();
        let passphrase = journal::crypto::Passphrase::new(PASSPHRASE.to_owned().into());
        journal::crypto::encrypt_journal(path, &passphrase).unwrap();
    });
    assert_eq!(
        app.invoke("encryption_status", json!({})).unwrap(),
        json!({ "encrypted": true, "locked": true, "remembered": false, "idle_lock_minutes": null })
    );
    assert_eq!(app.invoke("today", json!({})).unwrap_err()["code"], "locked");
    app.invoke("unlock_journal", json!({ "secret": PASSPHRASE })).unwrap();
    assert_eq!(app.invoke("set_idle_lock", json!({ "minutes": 1 })).unwrap(), 1);
    assert_eq!(
        app.invoke("set_idle_lock", json!({ "minutes": 0 })).unwrap_err()["code"],
        "invalid_input"
    );
    assert_eq!(
        app.invoke("set_idle_lock", json!({ "minutes": null })).unwrap(),
        Value::Null
    );
    assert_eq!(
        app.invoke("encryption_status", json!({})).unwrap()["idle_lock_minutes"],
        Value::Null
    );
}

#[test]
fn the_key_is_kept_for_a_second_connection_while_unlocked_and_dropped_on_lock() {
    use tauri::Manager;
    let app = app();
    add_win(&app, "Backed up encrypted");
    app.invoke("encrypt_journal", json!({ "passphrase": PASSPHRASE }))
        .unwrap();
    let state = app._app.state::<crate::JournalState>();
    let second = state.another_connection(&app.path()).unwrap();
    assert_eq!(
        second.tags().unwrap().len(),
        0,
        "the second connection reads the encrypted journal"
    );
    drop(second);
    app.invoke("lock_journal", json!({})).unwrap();
    let locked = state.another_connection(&app.path());
    assert!(
        matches!(locked, Err(journal::Error::Locked { .. })),
        "the key went with the lock"
    );
    app.invoke("unlock_journal", json!({ "secret": PASSPHRASE })).unwrap();
    assert!(state.another_connection(&app.path()).is_ok());
}

/// An encrypted journal with one win and a backup of it, whose file is then damaged after its salt
/// (the first page no longer passes its authentication); `remember` adds a keyring slot first.
fn damaged_encrypted_journal(path: &std::path::Path, remember: bool) {
    use journal::crypto;
    let mut store = journal::Store::open(path).unwrap();
    let now = chrono::Utc::now();
    store
        .add(
            journal::NewEntry::new(journal::Kind::Win, "Kept in the backup".to_owned()),
            &now.fixed_offset(),
        )
        .unwrap();
    drop(store);
    let passphrase = crypto::Passphrase::new(PASSPHRASE.to_owned().into());
    crypto::encrypt_journal(path, &passphrase).unwrap();
    let key_file = crypto::KeyFile::read(path).unwrap();
    let master = key_file.unlock_with_secret(PASSPHRASE.to_owned().into()).unwrap();
    if remember {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        let entry = crypto::keyring_entry(&key_file);
        crypto::remember_in_keyring(path, &master, &entry).unwrap();
    }
    journal::Store::open_encrypted(path, &master)
        .unwrap()
        .backup_rotated(&journal::backup_folder(path), now, journal::Rotation::default())
        .unwrap();
    let mut bytes = std::fs::read(path).unwrap();
    bytes[100..164].fill(0xA5);
    std::fs::write(path, bytes).unwrap();
}

/// The recovery the window offers, restored: the newest good backup (opened with the key) takes
/// the damaged journal's place and the journal opens with its entry.
fn restores_the_newest_good_backup(app: &App) {
    let recovery = app.invoke("journal_recovery", json!({})).unwrap();
    let backup = recovery["newest_good"]["path"]
        .as_str()
        .unwrap_or_else(|| panic!("no good backup offered: {recovery}"))
        .to_owned();
    app.invoke("restore_backup", json!({ "path": backup })).unwrap();
    assert_eq!(titles(app).unwrap(), json!(["Kept in the backup"]));
}

#[test]
fn a_damaged_encrypted_journal_unlocks_first_then_offers_its_newest_good_backup() {
    let app = app_with(|path| damaged_encrypted_journal(path, false));
    assert_eq!(app.invoke("encryption_status", json!({})).unwrap()["locked"], true);
    assert_eq!(app.invoke("journal_recovery", json!({})).unwrap(), Value::Null);
    let wrong = app.invoke("unlock_journal", json!({ "secret": "not the passphrase" }));
    assert_eq!(wrong.unwrap_err()["code"], "wrong_secret");
    app.invoke("unlock_journal", json!({ "secret": PASSPHRASE })).unwrap();
    assert_eq!(
        app.invoke("encryption_status", json!({})).unwrap(),
        json!({ "encrypted": true, "locked": false, "remembered": false, "idle_lock_minutes": null })
    );
    restores_the_newest_good_backup(&app);
}

/// The keyring slot answers through the login session's cache (the mock store keeps a secret per
/// entry object, and the shell makes its own).
#[test]
fn a_damaged_encrypted_journal_the_keyring_unlocks_at_start_offers_its_newest_good_backup() {
    let app = app_with(|path| damaged_encrypted_journal(path, true));
    assert_eq!(app.invoke("encryption_status", json!({})).unwrap()["locked"], false);
    restores_the_newest_good_backup(&app);
    // Forgetting clears this session's cache of the secret too.
    assert_eq!(
        app.invoke("set_remembered", json!({ "remembered": false, "secret": null }))
            .unwrap(),
        false
    );
}
