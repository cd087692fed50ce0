//! Search as people type: the unfinished last word matches every word it begins, written or stemmed.

use rusqlite::Connection;

use super::{journal, now, win};
use crate::export_import::{ExportFormat, export, read_source};
use crate::{EntryChanges, Filter, Store};

fn found(store: &Store, query: &str) -> Vec<String> {
    let mut texts: Vec<String> = store
        .search(query, &Filter::default(), 50)
        .unwrap()
        .into_iter()
        .map(|hit| hit.entry.text)
        .collect();
    texts.sort();
    texts
}

fn listed(store: &Store, query: &str) -> Vec<String> {
    let filter = Filter {
        text: Some(query.to_owned()),
        ..Filter::default()
    };
    let mut texts: Vec<String> = store
        .list(&filter, 50, None)
        .unwrap()
        .entries
        .into_iter()
        .map(|entry| entry.text)
        .collect();
    texts.sort();
    texts
}

#[test]
fn a_partial_word_finds_the_words_it_begins_though_their_stems_are_shorter() {
    let (_dir, mut store) = journal();
    store
        .add_many(
            [
                win(
                    "Priya led the search-indexing design review #delegation",
                    "2025-01-01T10:00:00Z",
                ),
                win("Promotion packet for Tom is in", "2025-01-02T10:00:00Z"),
                win("Chose not to escalate the outage", "2025-01-03T10:00:00Z"),
                win("Delegated the deploy to Tom", "2025-01-04T10:00:00Z"),
                win("Walked to work", "2025-01-05T10:00:00Z"),
            ],
            &now(),
        )
        .unwrap();
    let delegation = [
        "Delegated the deploy to Tom".to_owned(),
        "Priya led the search-indexing design review #delegation".to_owned(),
    ];
    assert_eq!(found(&store, "delegat"), delegation);
    assert_eq!(found(&store, "Delegat"), delegation);
    assert_eq!(found(&store, "promoti"), ["Promotion packet for Tom is in"]);
    assert_eq!(found(&store, "escalat"), ["Chose not to escalate the outage"]);
    // Complete words keep matching their other forms; only the last word is a prefix.
    assert_eq!(found(&store, "delegating"), delegation);
    assert_eq!(found(&store, "tom delegat"), ["Delegated the deploy to Tom"]);
    assert!(found(&store, "delegatx").is_empty());
    // The Journal's text filter reads the same way.
    assert_eq!(listed(&store, "promoti"), ["Promotion packet for Tom is in"]);

    let hits = store.search("escalat", &Filter::default(), 10).unwrap();
    let marked: Vec<&str> = hits[0]
        .snippet
        .iter()
        .filter(|part| part.highlighted)
        .map(|part| part.text.as_str())
        .collect();
    assert_eq!(marked, ["escalate"]);
}

#[test]
fn a_typed_word_is_not_its_own_completion() {
    let (_dir, mut store) = journal();
    store
        .add_many(
            [
                win("Team lunch", "2025-01-01T10:00:00Z"),
                win("Two teams met", "2025-01-02T10:00:00Z"),
                win("Teamwork on the release", "2025-01-03T10:00:00Z"),
                win("Walked to work", "2025-01-04T10:00:00Z"),
            ],
            &now(),
        )
        .unwrap();
    // The stemmed prefix already finds the word itself: only longer words are added.
    assert_eq!(store.words_beginning("Team").unwrap(), ["teams", "teamwork"]);
    assert!(store.words_beginning("teamwork").unwrap().is_empty());
    assert_eq!(
        found(&store, "team"),
        ["Team lunch", "Teamwork on the release", "Two teams met"]
    );
    assert_eq!(found(&store, "teamwork"), ["Teamwork on the release"]);
}

#[test]
fn the_written_words_follow_edits_deletes_and_restores() {
    let (_dir, mut store) = journal();
    let entry = store
        .add(
            win("Escalated the outage to the vendor", "2025-01-03T10:00:00Z"),
            &now(),
        )
        .unwrap();
    assert_eq!(found(&store, "escalat").len(), 1);
    store
        .edit(
            &entry.id,
            EntryChanges {
                text: Some("Promoted Tom's proposal".to_owned()),
                ..EntryChanges::default()
            },
            &now(),
        )
        .unwrap();
    assert!(found(&store, "escalat").is_empty());
    assert_eq!(found(&store, "promot"), ["Promoted Tom's proposal"]);
    store.remove(&entry.id, &now()).unwrap();
    assert!(found(&store, "promot").is_empty());
    store.restore(&entry.id, &now()).unwrap();
    assert_eq!(found(&store, "promot"), ["Promoted Tom's proposal"]);
}

#[test]
fn a_journal_from_before_the_word_list_finds_partial_words_once_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    {
        let mut conn = Connection::open(&path).unwrap();
        super::super::schema::migrate_to(&mut conn, 7);
        conn.execute_batch(
            "INSERT INTO entries (id, kind, text, occurred_at, utc_offset, created_at, updated_at, deleted_at) VALUES \
             ('0193a1b2-0000-7000-8000-000000000001', 'win', 'Delegation went well', 1736337900000, 0, 1, 1, NULL), \
             ('0193a1b2-0000-7000-8000-000000000002', 'win', 'Delegated and deleted', 1736337900000, 0, 1, 1, 2)",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(found(&store, "delegat"), ["Delegation went well"]);
}

#[test]
fn a_large_import_lists_the_written_words_too() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut original) = journal();
    let drafts = (0..1_000).map(|i| win(&format!("Delegation number {i}"), "2025-01-01T10:00:00Z"));
    original.add_many(drafts, &now()).unwrap();
    let file = dir.path().join("export.json");
    export(&original, ExportFormat::Json, &file, &Filter::default(), &now()).unwrap();

    let (_b, mut copy) = journal();
    let (_, incoming) = read_source(&file, None, None, &chrono_tz::Europe::Berlin).unwrap();
    copy.import(incoming, false, &now(), &mut |_, _| {}).unwrap();
    assert_eq!(copy.search("delegat", &Filter::default(), 2_000).unwrap().len(), 1_000);
    copy.add(win("Delegated after the import", "2025-01-02T10:00:00Z"), &now())
        .unwrap();
    assert_eq!(copy.search("delegat", &Filter::default(), 2_000).unwrap().len(), 1_001);
}
