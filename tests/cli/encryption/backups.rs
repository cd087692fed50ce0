//! Backups of an encrypted journal: as unreadable as the journal, opened by its key file after a
//! passphrase change, and restored into a live or a damaged journal.

use std::io::{Seek, SeekFrom, Write};

use super::{CANARY, NEW_PASSPHRASE, strings};
use crate::{Journal, stderr};

#[test]
fn an_encrypted_journal_s_backup_hides_every_word_and_restores_after_a_passphrase_change() {
    let (journal, secret) = Journal::encrypted(20);
    let said = journal.ok(&["backup", "--passphrase-file", &secret]);
    assert!(said.starts_with("Backed up the journal to "), "{said}");
    let backup = journal.json(&["backup", "list"])[0]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let bytes = std::fs::read(&backup).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(strings(&bytes).iter().all(|run| !run.contains(CANARY)));

    journal.ok(&["add", "After the backup", "--passphrase-file", &secret]);
    let new_secret = journal.secret_file("passphrase-new", NEW_PASSPHRASE);
    journal.ok(&[
        "passphrase",
        "--passphrase-file",
        &secret,
        "--new-passphrase-file",
        &new_secret,
    ]);
    journal.ok(&["backup", "restore", &backup, "--passphrase-file", &new_secret]);
    assert_eq!(journal.entry_count(&new_secret), 20);
    let verified = journal.json(&["verify", "--passphrase-file", &new_secret]);
    assert_eq!(verified["ok"], true, "{verified}");
}

#[test]
fn a_damaged_encrypted_journal_names_its_backup_and_is_restored_from_it() {
    let (journal, secret) = Journal::encrypted(5);
    journal.ok(&["backup", "--passphrase-file", &secret]);
    let backup = journal.json(&["backup", "list"])[0]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    // A bad sector after SQLCipher's salt: the first page no longer passes its authentication.
    let mut file = std::fs::OpenOptions::new().write(true).open(journal.path()).unwrap();
    file.seek(SeekFrom::Start(100)).unwrap();
    file.write_all(&[0xA5; 64]).unwrap();
    drop(file);
    let damaged = journal.bytes();

    let output = journal.run(&["list", "--passphrase-file", &secret]);
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(said.contains("is damaged"), "{said}");
    assert_eq!(said.lines().count(), 1, "one line, without SQLCipher's own: {said}");
    assert!(
        said.trim_end().ends_with(&format!("wins backup restore {backup}")),
        "{said}"
    );
    assert_eq!(journal.bytes(), damaged, "the damaged journal was written to");

    journal.ok(&["backup", "restore", &backup, "--passphrase-file", &secret]);
    assert_eq!(journal.entry_count(&secret), 5);
}
