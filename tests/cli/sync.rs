//! `wins sync` as people run it: two journals sharing one folder, through the same directory or
//! through two real Syncthing instances on 127.0.0.1.

use std::path::{Path, PathBuf};

use crate::encryption::PASSPHRASE;
use crate::syncthing::SyncthingPair;
use crate::{Journal, stderr};

/// The key file `wins sync init` wrote, once it is in `folder`: `small-wins/<journal-id>/keys`.
fn keys_file(folder: &Path) -> Option<PathBuf> {
    std::fs::read_dir(folder.join("small-wins"))
        .ok()?
        .filter_map(|journal| Some(journal.ok()?.path().join("keys")))
        .find(|keys| keys.is_file())
}

/// Two journals, the first set up to sync through `folder` and the second joined to it.
fn laptop_and_desktop(folder: &Path) -> (Journal, Journal) {
    let (laptop, desktop) = (Journal::empty(), Journal::empty());
    let folder = folder.display().to_string();
    let secret = laptop.secret_file("sync-passphrase", PASSPHRASE);
    laptop.ok(&["sync", "init", &folder, "--sync-passphrase-file", &secret]);
    let secret = desktop.secret_file("sync-passphrase", PASSPHRASE);
    desktop.ok(&["sync", "join", &folder, "--sync-passphrase-file", &secret]);
    (laptop, desktop)
}

#[test]
fn two_journals_share_entries_through_syncthing() {
    let pair = SyncthingPair::start();
    let (laptop, desktop) = (Journal::empty(), Journal::empty());
    let laptop_secret = laptop.secret_file("sync-passphrase", PASSPHRASE);
    let desktop_secret = desktop.secret_file("sync-passphrase", PASSPHRASE);
    let folder_a = pair.folder_a().display().to_string();
    let folder_b = pair.folder_b().display().to_string();

    laptop.add(&["Shipped the release from the laptop"]);
    let set_up = laptop.ok(&["sync", "init", &folder_a, "--sync-passphrase-file", &laptop_secret]);
    assert!(set_up.contains("recovery key"), "{set_up}");
    pair.wait_until(
        || keys_file(pair.folder_b()).is_some(),
        "the sync folder's key file in B's folder",
    );
    desktop.ok(&["sync", "join", &folder_b, "--sync-passphrase-file", &desktop_secret]);
    desktop.add(&["Fixed the flaky test on the desktop"]);

    // Each `wins sync` writes this journal's new changes and merges the other's that Syncthing
    // has delivered so far; a few rounds carry each entry across.
    let both = [
        "Fixed the flaky test on the desktop",
        "Shipped the release from the laptop",
    ];
    pair.wait_until(
        || {
            laptop.ok(&["sync"]);
            desktop.ok(&["sync"]);
            [&laptop, &desktop].iter().all(|journal| {
                let mut texts = journal.texts(&[]);
                texts.sort();
                texts == both
            })
        },
        "both entries in both journals",
    );
    // Nothing the replicator carried is readable without the key.
    let mut folders = vec![pair.folder_a().to_owned()];
    while let Some(folder) = folders.pop() {
        for item in std::fs::read_dir(&folder).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                assert!(
                    !bytes.windows(8).any(|w| w == b"Shipped ".as_slice()),
                    "{} holds the words in the clear",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn sync_before_setting_it_up_says_how() {
    let journal = Journal::empty();
    journal.add(&["A win"]);
    let output = journal.run(&["sync"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("wins sync init FOLDER"), "{}", stderr(&output));
}

#[test]
fn joining_with_the_wrong_passphrase_changes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let laptop = Journal::empty();
    let secret = laptop.secret_file("sync-passphrase", PASSPHRASE);
    laptop.ok(&[
        "sync",
        "init",
        &folder.path().display().to_string(),
        "--sync-passphrase-file",
        &secret,
    ]);
    let desktop = Journal::empty();
    desktop.add(&["Mine alone"]);
    let wrong = desktop.secret_file("wrong", "not the passphrase at all");
    let output = desktop.run(&[
        "sync",
        "join",
        &folder.path().display().to_string(),
        "--sync-passphrase-file",
        &wrong,
    ]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("does not unlock"), "{}", stderr(&output));
    assert_eq!(desktop.texts(&[]), ["Mine alone"]);
    assert_eq!(desktop.run(&["sync", "status"]).status.code(), Some(1));
}

#[test]
fn a_folder_with_no_journal_is_named() {
    let folder = tempfile::tempdir().unwrap();
    let journal = Journal::empty();
    let secret = journal.secret_file("sync-passphrase", PASSPHRASE);
    let output = journal.run(&[
        "sync",
        "join",
        &folder.path().display().to_string(),
        "--sync-passphrase-file",
        &secret,
    ]);
    assert!(!output.status.success());
    let said = stderr(&output);
    assert!(
        said.contains(&folder.path().display().to_string()) && said.contains("no Small Wins journal"),
        "{said}"
    );
}

#[test]
fn status_names_both_devices_and_what_waits() {
    let folder = tempfile::tempdir().unwrap();
    let (laptop, desktop) = laptop_and_desktop(folder.path());
    // The desktop's first segment says what it calls itself.
    laptop.ok(&["sync"]);
    desktop.add(&["From the desktop"]);
    let status = laptop.json(&["sync", "status"]);
    assert_eq!(status["waiting_segments"], 0, "{status}");
    assert!(status["devices"][1]["name"].is_string(), "{status}");
    desktop.ok(&["sync"]);
    let status = laptop.json(&["sync", "status"]);
    assert_eq!(status["waiting_segments"], 1, "{status}");
    assert_eq!(status["devices"].as_array().unwrap().len(), 2, "{status}");
    let synced = laptop.ok(&["sync"]);
    assert!(synced.contains("1 new entry"), "{synced}");
    assert_eq!(laptop.texts(&[]), ["From the desktop"]);
    let again = laptop.ok(&["sync"]);
    assert!(again.starts_with("Up to date"), "{again}");
}

#[test]
fn an_entry_edited_on_both_devices_keeps_both_until_one_is_chosen() {
    let folder = tempfile::tempdir().unwrap();
    let (laptop, desktop) = laptop_and_desktop(folder.path());
    let id = laptop.add(&["Demo went fine"]);
    laptop.ok(&["sync"]);
    desktop.ok(&["sync"]);
    laptop.ok(&["edit", &id, "Demo went well: the client signed"]);
    desktop.ok(&["edit", &id, "Demo went fine, two questions open"]);
    laptop.ok(&["sync"]);
    let merged = desktop.ok(&["sync"]);
    assert!(merged.contains("edited on two devices"), "{merged}");
    let listed = desktop.ok(&["sync", "conflicts"]);
    assert!(
        listed.contains("Demo went well: the client signed") && listed.contains("Demo went fine, two questions open"),
        "{listed}"
    );
    let short = desktop.printed_id(&["sync", "conflicts"], &id);
    desktop.ok(&["sync", "keep", &short, "other"]);
    desktop.ok(&["sync"]);
    laptop.ok(&["sync"]);
    for journal in [&laptop, &desktop] {
        assert_eq!(journal.texts(&[]), ["Demo went well: the client signed"]);
        assert!(journal.ok(&["sync", "conflicts"]).starts_with("No conflicts"));
    }
}

#[test]
fn a_computer_whose_clock_runs_a_day_ahead_is_named_and_does_not_win_later_edits() {
    let folder = tempfile::tempdir().unwrap();
    let (laptop, desktop) = laptop_and_desktop(folder.path());
    let ahead = |args: &[&str]| {
        let output = laptop
            .command(args)
            .env("LD_PRELOAD", crate::remind_run::libfaketime())
            .env("FAKETIME", "+1d")
            .output()
            .expect("wins runs");
        assert!(output.status.success(), "wins {args:?}: {}", stderr(&output));
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let id = ahead(&["add", "Written on the laptop"])
        .lines()
        .next()
        .unwrap()
        .trim()
        .to_owned();
    ahead(&["sync"]);
    let merged = desktop.run(&["sync"]);
    assert!(stderr(&merged).contains("minutes ahead"), "{}", stderr(&merged));
    assert!(desktop.ok(&["sync", "status"]).contains("minutes ahead"));
    // The laptop edits with its clock a day ahead; the desktop, having seen that edit, edits after
    // it by a clock a day behind: the desktop's is the later edit, on both.
    ahead(&["edit", &id, "Edited on the laptop"]);
    ahead(&["sync"]);
    desktop.ok(&["sync"]);
    assert_eq!(desktop.texts(&[]), ["Edited on the laptop"]);
    desktop.ok(&["edit", &id, "Edited on the desktop, later"]);
    desktop.ok(&["sync"]);
    ahead(&["sync"]);
    for journal in [&laptop, &desktop] {
        assert_eq!(journal.texts(&[]), ["Edited on the desktop, later"]);
    }
    assert!(desktop.ok(&["sync", "conflicts"]).starts_with("No conflicts"));
}
