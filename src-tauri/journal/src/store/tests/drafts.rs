//! Drafts against a real journal file: kept across reopening, replaced, discarded, bounded.

use super::{journal, now};
use crate::store::drafts::MAX_DRAFT_BYTES;
use crate::{Error, Store};

#[test]
fn a_draft_survives_closing_the_journal_and_is_replaced_then_discarded() {
    let (dir, store) = journal();
    let key = "review/week/2025-01-06";
    assert_eq!(store.draft(key).unwrap(), None);
    store.save_draft(key, r#"["Delegated the rota",""]"#, &now()).unwrap();
    store.save_draft("capture", "Half a win", &now()).unwrap();
    let path = dir.path().join("journal.sqlite3");
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.draft(key).unwrap().as_deref(),
        Some(r#"["Delegated the rota",""]"#)
    );
    store
        .save_draft(key, r#"["Delegated the rota and the demo",""]"#, &now())
        .unwrap();
    assert_eq!(
        store.draft(key).unwrap().as_deref(),
        Some(r#"["Delegated the rota and the demo",""]"#)
    );
    store.save_draft(key, "  \n", &now()).unwrap();
    assert_eq!(store.draft(key).unwrap(), None, "a blank draft is no draft");
    store.discard_draft("capture").unwrap();
    store.discard_draft("capture").unwrap();
    assert_eq!(store.draft("capture").unwrap(), None);
}

#[test]
fn a_draft_past_its_bound_or_under_a_bad_key_is_refused_and_changes_nothing() {
    let (_dir, store) = journal();
    store.save_draft("capture", "Kept", &now()).unwrap();
    let huge = "x".repeat(MAX_DRAFT_BYTES + 1);
    for (key, text, field) in [
        ("capture", huge.as_str(), "draft"),
        ("", "text", "draft key"),
        ("a\nb", "text", "draft key"),
    ] {
        match store.save_draft(key, text, &now()) {
            Err(Error::Invalid { field: refused, .. }) => assert_eq!(refused, field),
            other => panic!("{key:?} saved: {other:?}"),
        }
    }
    assert_eq!(store.draft("capture").unwrap().as_deref(), Some("Kept"));
}
