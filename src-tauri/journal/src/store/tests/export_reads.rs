//! An export reads every entry's tags and people for all entries at once: it must give each entry
//! exactly what reading that entry alone gives, whatever the filter.

use super::{at, journal, now, win};
use crate::{EntryChanges, Filter, Kind, NewEntry, Store};

/// Entries with no tags, with many (Unicode, mixed case, inline and given), with people, at the
/// same instant, edited, deleted and restored.
fn varied(store: &mut Store) -> Vec<String> {
    let mut ids = Vec::new();
    let mut add = |store: &mut Store, draft: NewEntry| {
        let id = store.add(draft, &now()).unwrap().id;
        ids.push(id.clone());
        id
    };
    add(store, win("No tags, no people", "2025-01-01T08:00:00+01:00"));
    let many: Vec<String> = (0..40)
        .map(|i| match i % 4 {
            0 => format!("Zürich{i}"),
            1 => format!("東京{i}"),
            2 => format!("naïve-{i}"),
            _ => format!("Tag{i}"),
        })
        .collect();
    add(
        store,
        NewEntry {
            tags: many,
            people: (0..25).map(|i| format!("Ünal {i}")).collect(),
            ..win("Many of both #inline +Zoë", "2025-01-02T08:00:00+01:00")
        },
    );
    // Several at one instant: their order is by id, as a list's.
    for text in ["Same minute #b +Ana", "Same minute #a", "Same minute +ana"] {
        add(store, win(text, "2025-01-03T08:00:00+01:00"));
    }
    let edited = add(store, win("Edited #old +Old", "2025-01-04T08:00:00+01:00"));
    store
        .edit(
            &edited,
            EntryChanges {
                text: Some("Edited now #new +New".into()),
                add_tags: vec!["Given".into()],
                kind: Some(Kind::Setback),
                ..EntryChanges::default()
            },
            &now(),
        )
        .unwrap();
    let deleted = add(store, win("Deleted #a +Ana", "2025-01-05T08:00:00+01:00"));
    store.remove(&deleted, &now()).unwrap();
    let restored = add(store, win("Restored #a +Ana", "2025-01-06T08:00:00+01:00"));
    store.remove(&restored, &now()).unwrap();
    store.restore(&restored, &now()).unwrap();
    for i in 0..30 {
        let when = format!("2025-02-{:02}T09:00:00+01:00", i % 28 + 1);
        add(store, win(&format!("Daily {i} #d{} +P{}", i % 3, i % 2), &when));
    }
    ids
}

#[test]
fn an_export_gives_each_entry_what_reading_it_alone_gives() {
    let (_dir, mut store) = journal();
    varied(&mut store);
    let filters = [
        Filter::default(),
        Filter {
            tags: vec!["a".into()],
            ..Filter::default()
        },
        Filter {
            tags: vec!["d1".into(), "D1".into()],
            ..Filter::default()
        },
        Filter {
            person: Some("ana".into()),
            ..Filter::default()
        },
        Filter {
            kind: Some(Kind::Setback),
            ..Filter::default()
        },
        Filter {
            text: Some("minute".into()),
            ..Filter::default()
        },
        Filter {
            since: at("2025-01-03T08:00:00+01:00"),
            until: at("2025-02-10T00:00:00+01:00"),
            ..Filter::default()
        },
        Filter {
            tags: vec!["nobody-uses-this".into()],
            ..Filter::default()
        },
    ];
    for filter in filters {
        let exported = store.export_entries(&filter).unwrap();
        let mut listed = store.list(&filter, usize::MAX, None).unwrap().entries;
        listed.reverse();
        assert_eq!(exported, listed, "{filter:?}");
        for entry in &exported {
            assert_eq!(entry, &store.get(&entry.id).unwrap());
        }
    }
    let all = store.export_entries(&Filter::default()).unwrap();
    assert_eq!(all.len(), 37, "the deleted entry stays out");
    assert!(all[0].tags.is_empty() && all[0].people.is_empty());
    let many = &all[1];
    assert_eq!((many.tags.len(), many.people.len()), (41, 26));
    let keys: Vec<String> = many.tags.iter().map(|tag| crate::tags::tag_key(tag)).collect();
    assert!(keys.is_sorted(), "tags in key order: {keys:?}");
    assert!(many.tags.contains(&"東京1".to_owned()) && many.people.contains(&"Zoë".to_owned()));
    let edited = all.iter().find(|entry| entry.text == "Edited now #new +New").unwrap();
    assert_eq!(
        (edited.tags.clone(), edited.people.clone()),
        (vec!["Given".into(), "new".into()], vec!["New".into()])
    );
}
