//! `wins backup`, `wins backup list`, `wins backup restore` and `wins verify`, as a person runs them.

use crate::{Journal, stderr};

#[test]
fn a_backup_restores_what_was_there_and_keeps_what_it_replaced() {
    let journal = Journal::empty();
    journal.add(&["In the backup"]);
    let said = journal.ok(&["backup"]);
    assert!(
        said.starts_with("Backed up the journal to ") && said.contains("/backups/journal-"),
        "{said}"
    );
    journal.add(&["After the backup"]);

    let listed = journal.json(&["backup", "list"]);
    let backups = listed.as_array().unwrap();
    assert_eq!(backups.len(), 1);
    let backup = backups[0]["path"].as_str().unwrap().to_owned();
    let restored = journal.ok(&["backup", "restore", &backup]);
    assert!(restored.contains("The journal as it was is kept in"), "{restored}");
    assert_eq!(journal.texts(&[]), ["In the backup"]);
    // The journal from before the restore is a backup too, and restores in its turn.
    let listed = journal.json(&["backup", "list"]);
    let newest = listed[0]["path"].as_str().unwrap().to_owned();
    journal.ok(&["backup", "restore", &newest]);
    assert_eq!(journal.texts(&[]), ["After the backup", "In the backup"]);
    assert!(journal.ok(&["verify"]).contains("Database: ok"));
}

#[test]
fn a_backup_to_a_file_never_replaces_one() {
    let journal = Journal::empty();
    journal.add(&["Shipped it"]);
    let to = journal.path().with_file_name("copy.sqlite3");
    journal.ok(&["backup", "--to", to.to_str().unwrap()]);
    let copy = journal
        .command(&["list", "--db", to.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&copy.stdout).contains("Shipped it"));
    let again = journal.run(&["backup", "--to", to.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("is there already"), "{}", stderr(&again));
}

#[test]
fn restoring_something_that_is_not_a_backup_changes_nothing() {
    let journal = Journal::empty();
    journal.add(&["Still here"]);
    let text = journal.path().with_file_name("notes.txt");
    std::fs::write(&text, "not a journal").unwrap();
    let missing = journal.path().with_file_name("missing.sqlite3");
    for bad in [&text, &missing] {
        let output = journal.run(&["backup", "restore", bad.to_str().unwrap()]);
        assert!(!output.status.success());
        assert_eq!(stderr(&output).lines().count(), 1, "{}", stderr(&output));
        assert_eq!(journal.texts(&[]), ["Still here"]);
    }
    assert!(!crate::exists(&missing));
}

#[test]
fn verify_says_when_the_search_index_is_out_of_step() {
    let journal = Journal::empty();
    journal.add(&["Indexed"]);
    let found = journal.json(&["verify"]);
    assert_eq!(found["ok"], true);
    rusqlite::Connection::open(journal.path())
        .unwrap()
        .execute_batch("INSERT INTO entries_fts (entries_fts) VALUES ('delete-all')")
        .unwrap();
    let output = journal.run(&["verify"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Search index: out of step"));
}

/// Writes `bytes` over the start of the journal's file, as a bad sector would.
fn damage_the_header(journal: &Journal) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).open(journal.path()).unwrap();
    file.write_all(b"\0\0\0\0 a bad sector").unwrap();
}

#[test]
fn a_damaged_journal_is_left_as_it_is_and_wins_says_how_to_restore_it() {
    let journal = Journal::empty();
    journal.add(&["Kept in the backup"]);
    journal.ok(&["backup"]);
    let backup = journal.json(&["backup", "list"])[0]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    damage_the_header(&journal);
    let damaged = journal.bytes();
    for args in [&["list"][..], &["add", "Written into a damaged journal?"], &["verify"]] {
        let output = journal.run(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let said = stderr(&output);
        assert_eq!(said.lines().count(), 1, "{said}");
        assert!(
            said.contains("is damaged") && said.contains("was left as it is"),
            "{said}"
        );
        assert!(
            said.trim_end().ends_with(&format!("wins backup restore {backup}")),
            "{said}"
        );
        assert_eq!(journal.bytes(), damaged, "wins {args:?} wrote to the damaged journal");
    }

    let restored = journal.ok(&["backup", "restore", &backup]);
    let kept = restored
        .trim_end()
        .rsplit_once(" is kept in ")
        .map(|(_, kept)| kept.trim_end_matches('.'))
        .unwrap();
    assert!(kept.contains("/backups/damaged-"), "{restored}");
    assert_eq!(
        std::fs::read(kept).unwrap(),
        damaged,
        "the damaged file is kept as it was"
    );
    assert_eq!(journal.texts(&[]), ["Kept in the backup"]);
    assert_eq!(journal.json(&["verify"])["ok"], true);
}

#[test]
fn a_damaged_journal_with_no_backup_is_left_as_it_is_and_said_so() {
    let journal = Journal::empty();
    std::fs::write(journal.path(), b"SQLite format 3\0 and nothing SQLite can read").unwrap();
    let output = journal.run(&["add", "Anyone there?"]);
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(
        said.contains("is damaged") && said.contains("there is no good backup in"),
        "{said}"
    );
    assert_eq!(journal.bytes(), b"SQLite format 3\0 and nothing SQLite can read");
}
