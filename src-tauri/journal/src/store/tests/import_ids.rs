//! The ids an import gives entries from other tools: UUIDv7s carrying the time each entry
//! happened, so that a journal imported in time order fills the id index in order.

use std::path::Path;

use uuid::Uuid;

use super::{journal, now};
use crate::Filter;
use crate::export_import::read_source;

/// The millisecond a UUIDv7 carries.
fn millis_of(id: &str) -> i64 {
    let (seconds, nanos) = Uuid::parse_str(id).unwrap().get_timestamp().unwrap().to_unix();
    i64::try_from(seconds).unwrap() * 1000 + i64::from(nanos / 1_000_000)
}

pub(super) fn import_jrnl(store: &mut crate::Store, path: &Path, entries: &[(&str, &str)]) -> u64 {
    let entries: Vec<serde_json::Value> = entries
        .iter()
        .map(|(date, time)| {
            serde_json::json!({"title": format!("At {date} {time}"), "body": "", "date": date, "time": time,
                "tags": ["@win"], "starred": false})
        })
        .collect();
    std::fs::write(
        path,
        serde_json::json!({"tags": {"@win": entries.len()}, "entries": entries}).to_string(),
    )
    .unwrap();
    let (_, incoming) = read_source(path, None, None, &chrono_tz::Europe::Berlin).unwrap();
    store.import(incoming, false, &now(), &mut |_, _| {}).unwrap().added
}

#[test]
fn an_imported_entry_gets_an_id_of_the_time_it_happened() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut store) = journal();
    // In time order, as jrnl writes its file, then one from before them all in a second file.
    let first_day = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    let in_order: Vec<(String, String)> = (0..1_100)
        .map(|i| {
            let day = first_day + chrono::Days::new(i / 3);
            (day.to_string(), format!("{:02}:{:02}", 8 + i % 3, i % 60))
        })
        .collect();
    let pairs: Vec<(&str, &str)> = in_order.iter().map(|(d, t)| (d.as_str(), t.as_str())).collect();
    assert_eq!(
        import_jrnl(&mut store, &dir.path().join("big.json"), &pairs),
        1_100,
        "a staged import"
    );
    assert_eq!(
        import_jrnl(&mut store, &dir.path().join("small.json"), &[("2019-03-01", "07:15")]),
        1,
        "an entry-by-entry import"
    );
    let entries = store.export_entries(&Filter::default()).unwrap();
    assert_eq!(entries.len(), 1_101);
    for entry in &entries {
        assert_eq!(
            millis_of(&entry.id),
            entry.occurred_at.timestamp_millis(),
            "{}",
            entry.text
        );
        assert_eq!(Uuid::parse_str(&entry.id).unwrap().get_version_num(), 7);
    }
    // Oldest first by time is oldest first by id.
    let ids: Vec<&str> = entries.iter().map(|entry| entry.id.as_str()).collect();
    assert!(ids.is_sorted());
    assert!(entries[0].text.starts_with("At 2019-03-01"));
}
