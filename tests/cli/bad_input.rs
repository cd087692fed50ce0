//! Every bad input gets one clear line on stderr, the right exit status, and changes nothing.

use crate::{Journal, common_start, stderr};

/// Runs `wins` expecting failure; checks the exit status, that stderr is one line naming
/// `mentions`, that nothing went to stdout, and that the journal file is byte-for-byte unchanged.
pub(crate) fn refused(journal: &Journal, args: &[&str], status: i32, mentions: &str) {
    let before = journal.bytes();
    let output = journal.run(args);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(status), "wins {args:?}: {message}");
    assert_eq!(
        message.lines().count(),
        1,
        "wins {args:?} said more than one line: {message}"
    );
    assert!(message.starts_with("wins: "), "{message}");
    assert!(
        message.contains(mentions),
        "wins {args:?}: {message:?} does not mention {mentions:?}"
    );
    assert!(
        output.stdout.is_empty(),
        "wins {args:?} printed {:?}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(journal.bytes(), before, "wins {args:?} changed the journal");
}

#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let journal = Journal::empty();
    let id = journal.add(&["A win to keep"]);
    refused(&journal, &["add", "x", "--at", "2025-13-45"], 2, "2025-13-45");
    refused(&journal, &["list", "--since", "2025-02-30"], 2, "2025-02-30");
    refused(&journal, &["list", "--until", "someday"], 2, "someday");
    refused(&journal, &["add", "   "], 2, "text");
    refused(&journal, &["add", ""], 2, "text");
    refused(&journal, &["add", "x", "--mood", "9"], 2, "mood");
    refused(&journal, &["add", "x", "--mood", "-1"], 2, "-1");
    refused(
        &journal,
        &["add", "x", "--lesson", "only setbacks have lessons"],
        2,
        "setback",
    );
    refused(&journal, &["add", "x", "--tag", "#"], 2, "tag");
    refused(&journal, &["add", "x", "--setback", "--note"], 2, "--note");
    refused(&journal, &["list", "--kind", "victory"], 2, "victory");
    refused(&journal, &["edit", &id, " "], 2, "text");
    refused(&journal, &["edit", &id], 2, "nothing to change");
    refused(&journal, &["frobnicate"], 2, "frobnicate");
    refused(&journal, &["add"], 2, "TEXT");
    assert_eq!(journal.texts(&[]), ["A win to keep"]);
}

#[test]
fn unknown_and_ambiguous_ids_exit_1() {
    let journal = Journal::empty();
    let first = journal.add(&["One"]);
    let second = journal.add(&["Two"]);
    for command in ["show", "rm", "restore"] {
        refused(&journal, &[command, "ffffffff"], 1, "ffffffff");
    }
    refused(&journal, &["edit", "ffffffff", "--star"], 1, "ffffffff");
    refused(&journal, &["show", common_start(&first, &second)], 1, "more than one");
    refused(&journal, &["restore", &first], 1, "not deleted");
    journal.ok(&["rm", &first]);
    refused(&journal, &["rm", &first], 1, "deleted");
}

#[test]
fn a_garbage_file_is_refused_and_left_as_it_was() {
    let journal = Journal::empty();
    let garbage = b"These are my notes, not a database.\n\x00\x01\x02 binary tail".repeat(100);
    std::fs::write(journal.path(), &garbage).unwrap();
    for args in [
        &["add", "x"][..],
        &["list"],
        &["search", "x"],
        &["tags"],
        &["show", "0123"],
    ] {
        refused(&journal, args, 1, "not a Small Wins journal");
    }
    assert_eq!(journal.bytes(), garbage);
    let entries: Vec<_> = std::fs::read_dir(journal.path().parent().unwrap()).unwrap().collect();
    assert_eq!(entries.len(), 1, "wins left files beside the garbage one");
}

#[test]
fn another_programs_database_is_refused_and_left_as_it_was() {
    let journal = Journal::empty();
    let conn = rusqlite::Connection::open(journal.path()).unwrap();
    conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');")
        .unwrap();
    drop(conn);
    refused(&journal, &["add", "x"], 1, "another program");
}

#[test]
fn a_journal_from_a_newer_version_is_refused_and_left_as_it_was() {
    let journal = Journal::empty();
    journal.add(&["Written now"]);
    let conn = rusqlite::Connection::open(journal.path()).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    refused(&journal, &["list"], 1, "newer Small Wins");
}
