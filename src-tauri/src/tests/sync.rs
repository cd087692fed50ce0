//! Sync through the window's commands: setting up a sync folder (the folder from the dialog, the
//! passphrase checked first), joining it from a second journal, nothing synced while an
//! encrypted journal is locked, and leaving; on real journal files and a real folder.

use std::path::Path;

use serde_json::{Value, json};

use super::{App, app};
use crate::picked_paths::Purpose;

const PASSPHRASE: &str = "shared between my desktops";

fn add_win(app: &App, text: &str) {
    app.invoke("add_entry", json!({ "entry": { "kind": "win", "text": text } }))
        .unwrap();
}

fn texts(app: &App) -> Vec<Value> {
    let page = app
        .invoke("list_entries", json!({ "filter": {}, "limit": 10 }))
        .unwrap();
    page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].clone())
        .collect()
}

/// Every file under `folder`, by path.
fn files(folder: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![folder.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                found.push(path.display().to_string());
            }
        }
    }
    found.sort();
    found
}

fn set_up(app: &App, folder: &Path) -> String {
    app.pick(Purpose::SyncFolder, folder);
    let recovery = app.invoke("set_up_sync", json!({ "passphrase": PASSPHRASE })).unwrap();
    recovery.as_str().unwrap().to_owned()
}

#[test]
fn a_folder_set_up_in_one_window_is_joined_from_another_and_left() {
    let folder = tempfile::tempdir().unwrap();
    let desktop = app();
    add_win(&desktop, "Wrote the migration plan");
    assert_eq!(desktop.invoke("sync_status", json!({})).unwrap(), Value::Null);
    let unpicked = desktop
        .invoke("set_up_sync", json!({ "passphrase": PASSPHRASE }))
        .unwrap_err();
    assert_eq!(unpicked["code"], "nothing_picked");

    desktop.pick(Purpose::SyncFolder, folder.path());
    let short = desktop
        .invoke("set_up_sync", json!({ "passphrase": "short" }))
        .unwrap_err();
    assert_eq!(short["code"], "invalid_input");
    assert!(files(folder.path()).is_empty(), "a refused passphrase writes nothing");
    let recovery = set_up(&desktop, folder.path());
    assert_eq!(recovery.split('-').count(), 8, "{recovery}");
    let status = desktop.invoke("sync_status", json!({})).unwrap();
    assert_eq!(status["folder"], folder.path().display().to_string());
    assert_eq!(status["devices"].as_array().unwrap().len(), 1, "{status}");
    assert_eq!(status["devices"][0]["this_device"], true);
    assert_eq!(status["conflicts"], 0);
    let again = desktop
        .invoke("set_up_sync", json!({ "passphrase": PASSPHRASE }))
        .unwrap_err();
    assert_eq!(again["code"], "already_syncing");

    let laptop = app();
    laptop.pick(Purpose::SyncFolder, folder.path());
    let wrong = laptop
        .invoke("join_sync", json!({ "passphrase": "not the passphrase" }))
        .unwrap_err();
    assert_eq!(wrong["code"], "wrong_secret");
    let joined = laptop.invoke("join_sync", json!({ "passphrase": PASSPHRASE })).unwrap();
    assert_eq!(joined, 1, "the desktop's one entry came in");
    assert_eq!(texts(&laptop), [json!("Wrote the migration plan")]);

    add_win(&laptop, "Fixed the deploy from the laptop");
    laptop.invoke("sync_now", json!({})).unwrap();
    desktop.invoke("sync_now", json!({})).unwrap();
    assert_eq!(
        texts(&desktop),
        [
            json!("Fixed the deploy from the laptop"),
            json!("Wrote the migration plan")
        ]
    );
    let status = desktop.invoke("sync_status", json!({})).unwrap();
    assert_eq!(status["devices"].as_array().unwrap().len(), 2, "{status}");
    assert_ne!(status["last_synced"], Value::Null);
    assert_eq!(desktop.invoke("list_sync_conflicts", json!({})).unwrap(), json!([]));

    let left = desktop.invoke("leave_sync", json!({})).unwrap();
    assert_eq!(left, folder.path().display().to_string());
    assert_eq!(desktop.invoke("sync_status", json!({})).unwrap(), Value::Null);
    assert_eq!(
        desktop.invoke("sync_now", json!({})).unwrap_err()["code"],
        "not_syncing"
    );
    assert_eq!(texts(&desktop).len(), 2, "leaving keeps every entry");
}

#[test]
fn nothing_syncs_while_the_journal_is_locked() {
    let folder = tempfile::tempdir().unwrap();
    let desktop = app();
    desktop
        .invoke("encrypt_journal", json!({ "passphrase": PASSPHRASE }))
        .unwrap();
    set_up(&desktop, folder.path());
    add_win(&desktop, "Written before locking");
    desktop.invoke("lock_journal", json!({})).unwrap();
    let before = files(folder.path());

    assert_eq!(desktop.invoke("sync_now", json!({})).unwrap_err()["code"], "locked");
    assert_eq!(files(folder.path()), before, "nothing was written while locked");

    desktop
        .invoke("unlock_journal", json!({ "secret": PASSPHRASE }))
        .unwrap();
    desktop.invoke("sync_now", json!({})).unwrap();
    assert_eq!(
        files(folder.path()).len(),
        before.len() + 1,
        "the change was written once unlocked"
    );
}
