//! The store against real SQLite files: what is written, found, refused and left untouched.

use chrono::DateTime;
use tempfile::TempDir;

use super::*;
use crate::error::Record;
use crate::{EntryChanges, Filter, Kind, NewEntry};

mod backups;
mod concurrency;
mod corrections;
mod digest_reminders;
mod drafts;
mod export_files;
mod export_import;
mod export_reads;
mod files;
mod goals;
mod hour_tallies;
mod import_ids;
mod import_indexes;
mod recovery;
mod reminders;
mod rhythm;
mod search;
mod tag_rows;
mod team;
mod written_elsewhere;

pub(super) fn journal() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("journal.sqlite3")).unwrap();
    (dir, store)
}

/// When these tests write: noon on 2025-06-01 in Berlin, months after the days their entries happened.
pub(super) fn now() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2025-06-01T12:00:00+02:00").unwrap()
}

fn at(rfc3339: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    Some(DateTime::parse_from_rfc3339(rfc3339).unwrap())
}

pub(super) fn win(text: &str, when: &str) -> NewEntry {
    NewEntry {
        occurred_at: at(when),
        ..NewEntry::new(Kind::Win, text)
    }
}

fn count(store: &Store) -> i64 {
    store
        .conn
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_entry_round_trips_with_inline_and_given_tags() {
    let (_dir, mut store) = journal();
    let draft = NewEntry {
        tags: vec!["@Team".into(), "focus".into()],
        mood: Some(4),
        starred: true,
        lesson: Some("  waited too long ".into()),
        adjust: Some("ship at 60%".into()),
        ..NewEntry::new(Kind::Setback, "  Missed the #review deadline #team\nbody  ")
    };
    let added = store.add(draft, &now()).unwrap();
    assert_eq!(added.text, "Missed the #review deadline #team\nbody");
    assert_eq!(added.title(), "Missed the #review deadline #team");
    assert_eq!(added.tags, ["focus", "review", "Team"]);
    assert_eq!((added.mood, added.starred), (Some(4), true));
    assert_eq!(added.lesson.as_deref(), Some("waited too long"));
    assert_eq!(store.get(&added.id).unwrap(), added);
    assert!(uuid::Uuid::parse_str(&added.id).unwrap().get_version_num() == 7);
}

#[test]
fn bad_entries_are_refused_and_nothing_is_written() {
    let (_dir, mut store) = journal();
    let refused = [
        NewEntry::new(Kind::Win, "  \n "),
        NewEntry {
            mood: Some(9),
            ..NewEntry::new(Kind::Win, "ok")
        },
        NewEntry {
            lesson: Some("x".into()),
            ..NewEntry::new(Kind::Win, "ok")
        },
        NewEntry {
            tags: vec!["bell\u{7}".into()],
            ..NewEntry::new(Kind::Note, "ok")
        },
    ];
    for draft in refused {
        let error = store
            .add_many([win("fine", "2025-01-01T10:00:00Z"), draft], &now())
            .unwrap_err();
        assert!(error.is_usage(), "{error}");
    }
    assert_eq!(count(&store), 0);
}

#[test]
fn editing_replaces_inline_tags_and_keeps_given_ones() {
    let (_dir, mut store) = journal();
    let added = store
        .add(
            NewEntry {
                tags: vec!["kept".into()],
                ..win("Ran #5k", "2025-01-06T07:00:00+01:00")
            },
            &now(),
        )
        .unwrap();
    let changes = EntryChanges {
        text: Some("Ran #10k".into()),
        kind: Some(Kind::Setback),
        lesson: Some("start slower".into()),
        mood: Some(Some(2)),
        occurred_at: at("2025-01-07T07:00:00+01:00"),
        ..EntryChanges::default()
    };
    let edited = store.edit(&added.id, changes, &now()).unwrap();
    assert_eq!(edited.tags, ["10k", "kept"]);
    assert_eq!((edited.kind, edited.mood), (Kind::Setback, Some(2)));
    assert_eq!(edited.created_at, added.created_at);
    assert!(edited.updated_at >= added.updated_at);
    let tagged = |tag: &str| {
        store
            .list(
                &Filter {
                    tags: vec![tag.into()],
                    ..Filter::default()
                },
                10,
                None,
            )
            .unwrap()
            .entries
            .len()
    };
    assert_eq!((tagged("5k"), tagged("10k"), tagged("KEPT")), (0, 1, 1));
    let refused = store.edit(
        &added.id,
        EntryChanges {
            text: Some(" ".into()),
            ..EntryChanges::default()
        },
        &now(),
    );
    assert!(refused.unwrap_err().is_usage());
    assert_eq!(store.get(&added.id).unwrap(), edited);
}

#[test]
fn deleted_entries_leave_lists_and_search_until_restored() {
    let (_dir, mut store) = journal();
    let kept = store
        .add(win("Kept the #focus block", "2025-01-06T09:00:00Z"), &now())
        .unwrap();
    let gone = store
        .add(win("Focus block two #focus", "2025-01-06T10:00:00Z"), &now())
        .unwrap();
    store.remove(&gone.id, &now()).unwrap();
    assert!(matches!(store.get(&gone.id), Err(Error::Deleted { .. })));
    assert!(matches!(store.remove(&gone.id, &now()), Err(Error::Deleted { .. })));
    let ids = |page: Page| page.entries.into_iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(ids(store.list(&Filter::default(), 10, None).unwrap()), [kept.id]);
    assert_eq!(store.search("focus", &Filter::default(), 10).unwrap().len(), 1);
    assert_eq!(store.tags().unwrap()[0].count, 1);
    store.restore(&gone.id, &now()).unwrap();
    assert_eq!(store.search("focus", &Filter::default(), 10).unwrap().len(), 2);
    assert!(matches!(store.restore(&gone.id, &now()), Err(Error::NotDeleted { .. })));
}

#[test]
fn pages_walk_the_timeline_newest_first_without_gaps() {
    let (_dir, mut store) = journal();
    // Many entries share a timestamp, so the id must break ties.
    let drafts = (0..130).map(|i| win(&format!("win {i}"), &format!("2025-01-{:02}T10:00:00Z", 1 + i / 10)));
    store.add_many(drafts, &now()).unwrap();
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = store.list(&Filter::default(), 50, cursor.as_ref()).unwrap();
        seen.extend(page.entries);
        match page.next {
            Some(next) => cursor = Some(next.to_string().parse::<Cursor>().unwrap()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 130);
    assert!(
        seen.windows(2)
            .all(|w| (w[0].occurred_at, &w[0].id) > (w[1].occurred_at, &w[1].id))
    );
}

#[test]
fn filters_combine() {
    let (_dir, mut store) = journal();
    store
        .add_many(
            [
                win("Early #team win", "2025-01-01T10:00:00Z"),
                NewEntry {
                    starred: true,
                    ..win("Starred #team win about coffee", "2025-01-05T10:00:00Z")
                },
                NewEntry {
                    occurred_at: at("2025-01-06T10:00:00Z"),
                    ..NewEntry::new(Kind::Setback, "A #team setback")
                },
                win("Late #solo win about coffee", "2025-01-09T10:00:00Z"),
            ],
            &now(),
        )
        .unwrap();
    let titles = |filter: Filter| -> Vec<String> {
        store
            .list(&filter, 10, None)
            .unwrap()
            .entries
            .iter()
            .map(|e| e.title().to_owned())
            .collect()
    };
    assert_eq!(
        titles(Filter {
            kind: Some(Kind::Setback),
            ..Filter::default()
        }),
        ["A #team setback"]
    );
    assert_eq!(
        titles(Filter {
            starred_only: true,
            ..Filter::default()
        }),
        ["Starred #team win about coffee"]
    );
    assert_eq!(
        titles(Filter {
            text: Some("coffee".into()),
            ..Filter::default()
        })
        .len(),
        2
    );
    assert_eq!(
        titles(Filter {
            tags: vec!["nobody".into()],
            ..Filter::default()
        }),
        Vec::<String>::new()
    );
    let combined = Filter {
        kind: Some(Kind::Win),
        tags: vec!["TEAM".into()],
        since: at("2025-01-02T00:00:00Z"),
        until: at("2025-01-09T00:00:00Z"),
        text: Some("coff".into()),
        ..Filter::default()
    };
    assert_eq!(titles(combined.clone()), ["Starred #team win about coffee"]);
    let hits = store.search("coffee", &combined, 10).unwrap();
    assert_eq!(hits.len(), 1);
}

#[test]
fn search_ranks_and_marks_the_matching_words() {
    let (_dir, mut store) = journal();
    store
        .add_many(
            [
                win("Walked to work", "2025-01-01T10:00:00Z"),
                win(
                    "Stand-up ran long, then lunch, then the afternoon was gone before I wrote a line",
                    "2025-01-02T10:00:00Z",
                ),
                win(
                    "Cut the stand-up to 12 minutes; stand-up notes shared",
                    "2025-01-03T10:00:00Z",
                ),
            ],
            &now(),
        )
        .unwrap();
    let hits = store.search("stand-up", &Filter::default(), 10).unwrap();
    assert_eq!(hits.len(), 2);
    assert!(hits[0].entry.text.starts_with("Cut the stand-up"));
    let marked: Vec<&str> = hits[0]
        .snippet
        .iter()
        .filter(|p| p.highlighted)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["stand", "up", "stand", "up"]);
    assert!(store.search("NEAR(\"", &Filter::default(), 10).unwrap().is_empty());
}

#[test]
fn ids_resolve_from_any_unambiguous_prefix() {
    let (_dir, mut store) = journal();
    let ids = store
        .add_many((0..3).map(|i| win(&format!("w{i}"), "2025-01-01T10:00:00Z")), &now())
        .unwrap();
    for id in &ids {
        let short = store.short_id(Record::Entry, id).unwrap();
        assert!(short.len() >= 8 && id.starts_with(&short));
        assert_eq!(&store.resolve_id(Record::Entry, &short.to_uppercase()).unwrap(), id);
    }
    // A listing's column of short ids, read at once, in the order asked.
    let listed: Vec<&str> = ids.iter().rev().map(String::as_str).collect();
    let each: Vec<String> = listed
        .iter()
        .map(|id| store.short_id(Record::Entry, id).unwrap())
        .collect();
    assert_eq!(store.short_ids(Record::Entry, &listed).unwrap(), each);
    let shared = ids[0].bytes().zip(ids[1].bytes()).take_while(|(a, b)| a == b).count();
    assert!(
        each[2].len() > shared.max(7),
        "{each:?} tells apart ids sharing {shared} characters"
    );
    assert!(matches!(
        store.resolve_id(Record::Entry, &ids[0][..shared]),
        Err(Error::AmbiguousId { .. })
    ));
    assert!(matches!(
        store.resolve_id(Record::Entry, "ffffffff"),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.resolve_id(Record::Entry, "'; drop"),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn tags_are_counted_case_insensitively() {
    let (_dir, mut store) = journal();
    store
        .add_many(
            [
                win("#Team one", "2025-01-01T10:00:00Z"),
                win("#team two #solo", "2025-01-01T11:00:00Z"),
            ],
            &now(),
        )
        .unwrap();
    let counts: Vec<(String, u64)> = store.tags().unwrap().into_iter().map(|t| (t.name, t.count)).collect();
    assert_eq!(counts, [("Team".to_owned(), 2), ("solo".to_owned(), 1)]);
}

#[test]
fn very_common_words_are_ranked_among_the_newest_matches_after_filtering() {
    let (_dir, mut store) = journal();
    let oldest = win("common common common #old", "2020-01-01T10:00:00Z");
    let newer = (0..4_200).map(|i| {
        win(
            &format!("common entry {i} with more words in it"),
            "2025-01-01T10:00:00Z",
        )
    });
    store.add_many(std::iter::once(oldest).chain(newer), &now()).unwrap();
    let top = store.search("common", &Filter::default(), 5).unwrap();
    assert_eq!(top.len(), 5);
    assert!(top.iter().all(|hit| !hit.entry.tags.contains(&"old".to_owned())));
    let filtered = Filter {
        tags: vec!["old".into()],
        ..Filter::default()
    };
    let hits = store.search("common", &filtered, 5).unwrap();
    assert_eq!(hits.len(), 1);
}

#[test]
fn the_streak_counts_consecutive_days_with_a_win() {
    let (_dir, mut store) = journal();
    let instant = |rfc3339: &str| DateTime::parse_from_rfc3339(rfc3339).unwrap();
    let today = instant("2025-01-10T12:00:00+01:00");
    assert_eq!(store.win_streak(&today).unwrap(), 0);
    store
        .add_many(
            [
                win("three days ago", "2025-01-07T09:00:00+01:00"),
                win("two days ago, late in the evening", "2025-01-08T23:30:00+01:00"),
                win("yesterday", "2025-01-09T08:00:00+01:00"),
                win("yesterday again", "2025-01-09T18:00:00+01:00"),
                NewEntry {
                    occurred_at: at("2025-01-06T09:00:00+01:00"),
                    ..NewEntry::new(Kind::Setback, "a gap")
                },
            ],
            &today,
        )
        .unwrap();
    assert_eq!(
        store.win_streak(&today).unwrap(),
        3,
        "today has no win yet; the streak is alive"
    );
    let tomorrow = instant("2025-01-11T12:00:00+01:00");
    assert_eq!(store.win_streak(&tomorrow).unwrap(), 0, "a day without a win breaks it");
    let late = store.add(win("today", "2025-01-10T07:00:00+01:00"), &today).unwrap();
    assert_eq!(store.win_streak(&today).unwrap(), 4);
    store.remove(&late.id, &today).unwrap();
    assert_eq!(store.win_streak(&today).unwrap(), 3, "a deleted win does not count");
}
