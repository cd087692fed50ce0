//! Exports and imports against real files: our JSON round-trips, other tools' real exports import
//! without losing a thing, a second import adds nothing, and a bad file writes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;

use super::journal;
use crate::clock::DayOfWeek;
use crate::export_import::{ExportFormat, ImportFormat, export, read_source};
use crate::goals::{NewGoal, NewMeasurement, NewMilestone};
use crate::{EntryChanges, Filter, Kind, NewEntry, NewReminder, ReminderKind, Settings, Store, Worked};

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn now() -> DateTime<FixedOffset> {
    at("2025-01-16T12:00:00+01:00")
}

/// The shared fixtures beside the clone; CI always has them.
fn shared_fixture(path: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures")
        .join(path);
    assert!(
        path.exists(),
        "{} is missing: the shared fixtures belong beside the clone",
        path.display()
    );
    path
}

fn nothing(_: usize, _: usize) {}

fn import(
    store: &mut Store,
    path: &Path,
    from: Option<ImportFormat>,
) -> crate::Result<crate::export_import::ImportReport> {
    let (format, incoming) = read_source(path, from, None, &chrono_tz::Europe::Berlin)?;
    let mut report = store.import(incoming, false, &now(), &mut nothing)?;
    report.format = Some(format);
    Ok(report)
}

/// A journal with one of everything: kinds, Unicode, tags, a star, a mood, a setback's reflection,
/// HTML- and date-looking text, a goal with a reached metric, a check and a linked win.
fn everything(store: &mut Store) {
    let texts = [
        (
            Kind::Win,
            "Cut the stand-up to 12 minutes #team",
            "2025-01-06T09:30:00+01:00",
        ),
        (
            Kind::Note,
            "Zürich → 東京 ✈️ naïve café\nsecond line",
            "2025-01-07T23:59:00-05:00",
        ),
        (
            Kind::Note,
            "<script>alert(1)</script> and [2025-01-01 10:00] inside",
            "2025-01-08T00:00:00Z",
        ),
    ];
    for (kind, text, when) in texts {
        store
            .add(
                NewEntry {
                    occurred_at: Some(at(when)),
                    mood: Some(4),
                    starred: kind == Kind::Win,
                    ..NewEntry::new(kind, text)
                },
                &now(),
            )
            .unwrap();
    }
    let setback = store
        .add(
            NewEntry {
                lesson: Some("I waited for a perfect draft".into()),
                adjust: Some("Send it at 60%".into()),
                tags: vec!["review".into()],
                occurred_at: Some(at("2025-01-09T18:20:00+01:00")),
                ..NewEntry::new(Kind::Setback, "Missed the review, \"again\"")
            },
            &now(),
        )
        .unwrap();
    rhythm(store, &setback.id);
    let goal = store
        .add_goal(
            NewGoal {
                title: "Be a calmer lead".into(),
                why: Some("The *team* waits".into()),
                due_on: Some("2025-06-30".parse().unwrap()),
                milestones: vec![
                    NewMilestone {
                        title: "Answer within 35 min".into(),
                        started_on: Some("2025-01-01".parse().unwrap()),
                        due_on: Some("2025-01-30".parse().unwrap()),
                        baseline: Some(41.0),
                        target: Some(35.0),
                        unit: Some("min".into()),
                    },
                    NewMilestone {
                        title: "Share the plan".into(),
                        ..NewMilestone::default()
                    },
                ],
            },
            &now(),
        )
        .unwrap();
    let metric = &goal.milestones[0].id;
    for value in [38.5, 35.0] {
        let measurement = NewMeasurement {
            note: Some("rota".into()),
            ..NewMeasurement::new(value)
        };
        store.measure(metric, measurement, &now()).unwrap();
    }
    store.check(&goal.milestones[1].id, &now()).unwrap();
    let linked = store
        .add(NewEntry::new(Kind::Win, "Stand-up at 12 minutes"), &now())
        .unwrap();
    store
        .edit(
            &linked.id,
            EntryChanges {
                milestone_id: Some(Some(metric.clone())),
                ..EntryChanges::default()
            },
            &now(),
        )
        .unwrap();
}

/// Settings, a weekly rule and a paused daily one, and the setback's follow-up answered.
fn rhythm(store: &mut Store, setback_id: &str) {
    store
        .save_settings(Settings {
            week_start: DayOfWeek::Sunday,
            quiet_hours: Some("22:00-07:00".parse().unwrap()),
            followup_days: 5,
            weekly_streak_days: 2,
        })
        .unwrap();
    let weekly = NewReminder {
        kind: ReminderKind::Weekly,
        time: "16:00".into(),
        day: Some("fri".into()),
        quiet_when_done: None,
    };
    store.add_reminder(weekly, &now()).unwrap();
    let daily = NewReminder {
        kind: ReminderKind::Daily,
        time: "09:00".into(),
        day: None,
        quiet_when_done: Some(false),
    };
    let daily = store.add_reminder(daily, &now()).unwrap();
    store.set_reminder_paused(&daily.id, true, &now()).unwrap();
    store
        .answer_followup(setback_id, Worked::Partly, Some("Fridays slip".into()), &now())
        .unwrap();
}

fn without_export_time(text: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    value.as_object_mut().unwrap().remove("exported_at");
    value
}

#[test]
fn our_json_comes_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut original) = journal();
    everything(&mut original);
    let first = dir.path().join("first.json");
    let report = export(&original, ExportFormat::Json, &first, &Filter::default(), &now()).unwrap();
    assert_eq!(report.entries, 7);

    let (_b, mut copy) = journal();
    let imported = import(&mut copy, &first, None).unwrap();
    assert_eq!(imported.format, Some(ImportFormat::SmallWins));
    assert_eq!((imported.added, imported.skipped, imported.goals_added), (7, 0, 1));
    assert_eq!(imported.reminders_added, 2);
    assert_eq!(copy.settings().unwrap(), original.settings().unwrap());
    let paused: Vec<bool> = copy.reminders().unwrap().iter().map(|r| r.paused).collect();
    assert_eq!(paused, [false, true]);
    let second = dir.path().join("second.json");
    export(
        &copy,
        ExportFormat::Json,
        &second,
        &Filter::default(),
        &at("2026-01-01T00:00:00Z"),
    )
    .unwrap();
    let (first, second) = (
        std::fs::read_to_string(first).unwrap(),
        std::fs::read_to_string(second).unwrap(),
    );
    assert_eq!(without_export_time(&first), without_export_time(&second));
    assert_ne!(first, second, "only the export time differs");

    let again = import(&mut copy, dir.path().join("first.json").as_path(), None).unwrap();
    assert_eq!(
        (again.added, again.skipped, again.goals_added, again.reminders_added),
        (0, 7, 0, 0)
    );
}

#[test]
fn a_bad_file_names_the_place_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut original) = journal();
    everything(&mut original);
    let path = dir.path().join("export.json");
    export(&original, ExportFormat::Json, &path, &Filter::default(), &now()).unwrap();
    let mut archive: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    archive["entries"][3]["mood"] = 9.into();
    std::fs::write(&path, archive.to_string()).unwrap();

    let (_b, mut copy) = journal();
    let error = import(&mut copy, &path, None).unwrap_err();
    assert!(error.to_string().starts_with("entry 4 ("), "{error}");
    assert!(
        error.to_string().ends_with("mood: 9 is not a mood from 1 to 5"),
        "{error}"
    );
    assert!(copy.export_entries(&Filter::default()).unwrap().is_empty());
    assert!(
        copy.goals(&now()).unwrap().is_empty(),
        "the goals before the bad entry are rolled back too"
    );

    let mut archive: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    archive["entries"][3]["mood"] = 4.into();
    archive["rhythm"]["reminders"][0]["weekday"] = serde_json::Value::Null;
    std::fs::write(&path, archive.to_string()).unwrap();
    let error = import(&mut copy, &path, None).unwrap_err().to_string();
    assert!(
        error.starts_with("reminder 1: kind: a weekly rule has a weekday"),
        "{error}"
    );
    assert!(copy.export_entries(&Filter::default()).unwrap().is_empty());
    assert!(copy.reminders().unwrap().is_empty());

    std::fs::write(&path, "{\"format\": \"small-wins\", \"version\": 1, \"entries\": [").unwrap();
    let error = import(&mut copy, &path, None).unwrap_err().to_string();
    assert!(error.starts_with("file: line 1, column"), "{error}");
    std::fs::write(&path, "{\"format\": \"small-wins\", \"version\": 7}").unwrap();
    let error = import(&mut copy, &path, None).unwrap_err().to_string();
    assert!(error.contains("version 7"), "{error}");
}

#[test]
fn jrnl_text_and_jrnl_json_import_the_same_entries_once() {
    let (_dir, mut store) = journal();
    let report = import(&mut store, &shared_fixture("jrnl/sample.json"), None).unwrap();
    assert_eq!((report.format, report.added), (Some(ImportFormat::Jrnl), 5));
    // The plain-text journal is the same journal: nothing new.
    let report = import(&mut store, &shared_fixture("jrnl/sample.txt"), None).unwrap();
    assert_eq!(
        (report.format, report.added, report.skipped),
        (Some(ImportFormat::Jrnl), 0, 5)
    );

    let entries = store.export_entries(&Filter::default()).unwrap();
    let setback = &entries[1];
    assert_eq!(setback.kind, Kind::Setback);
    assert_eq!(
        setback.text,
        "Missed the review deadline by a day. @setback @review\nLesson: I waited for a perfect draft.\nNext time: send a rough draft at 60%."
    );
    assert_eq!(setback.tags, ["review", "setback"]);
    assert_eq!(setback.occurred_at.to_rfc3339(), "2024-09-03T18:20:00+02:00");
    assert_eq!(entries[0].kind, Kind::Win);
    assert_eq!(entries[3].kind, Kind::Note);
    assert_eq!(entries[4].occurred_at.to_rfc3339(), "2024-10-31T22:00:00+01:00");
    assert!(entries[4].text.contains("a tab\tinside and \"quotes\""));
}

#[test]
fn jrnl_text_keeps_stars_bodies_and_text_that_looks_like_markup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.txt");
    let text = "[2025-03-30 02:30] Spring forward *\nBody line one\n<b>not bold</b>\n\n  [not a date] inside\n\n\
                [2025-03-31 08:00] Ünïcödé ✓ @Team\n";
    std::fs::write(&path, text).unwrap();
    let (_d, mut store) = journal();
    import(&mut store, &path, None).unwrap();
    let entries = store.export_entries(&Filter::default()).unwrap();
    assert_eq!(entries.len(), 2);
    assert!(entries[0].starred);
    assert_eq!(
        entries[0].text,
        "Spring forward\nBody line one\n<b>not bold</b>\n\n  [not a date] inside"
    );
    // 02:30 does not exist in Berlin that night: the import refuses nothing and keeps the moment after.
    assert_eq!(entries[0].occurred_at.to_rfc3339(), "2025-03-30T03:00:00+02:00");
    assert_eq!(entries[1].tags, ["Team"]);
}

#[test]
fn day_one_keeps_its_time_zone_tags_and_photos_as_links() {
    let (_dir, mut store) = journal();
    let report = import(&mut store, &shared_fixture("dayone/MyJournal.json"), None).unwrap();
    assert_eq!((report.format, report.added), (Some(ImportFormat::Dayone), 1));
    let entry = &store.export_entries(&Filter::default()).unwrap()[0];
    // 17:57 UTC in London in April is 18:57 British Summer Time.
    assert_eq!(entry.occurred_at.to_rfc3339(), "2018-04-21T18:57:04+01:00");
    assert!(entry.text.starts_with("test text"), "{}", entry.text);
    assert!(
        entry
            .text
            .contains("[photo](photos/6e8f17a1cd2fd963d5843aca794e2287.jpeg)"),
        "{}",
        entry.text
    );
    assert!(!entry.starred);
    assert_eq!(
        import(&mut store, &shared_fixture("dayone/MyJournal.json"), None)
            .unwrap()
            .added,
        0
    );
}

#[test]
fn a_truncated_day_one_export_is_refused_with_its_place() {
    let (_dir, mut store) = journal();
    let error = import(&mut store, &shared_fixture("dayone/invalid.json"), None)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("file: line 6, column 0: EOF while parsing"),
        "{error}"
    );
    assert!(store.export_entries(&Filter::default()).unwrap().is_empty());
}

#[test]
fn a_day_one_zip_is_read_with_its_photos_left_as_links() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("Journal.json", options).unwrap();
    zip.write_all(
        br#"{"metadata": {"version": "1.0"}, "entries": [{"uuid": "AB12", "creationDate": "2024-01-02T08:00:00Z",
        "timeZone": "America/New_York", "text": "Sunrise ![](dayone-moment://P1)", "tags": ["win", "morning walk"],
        "starred": true, "photos": [{"identifier": "P1", "md5": "abc", "type": "jpeg"}]}]}"#,
    )
    .unwrap();
    zip.start_file("photos/abc.jpeg", options).unwrap();
    zip.write_all(b"not really a jpeg").unwrap();
    zip.finish().unwrap();

    let (_d, mut store) = journal();
    let report = import(&mut store, &path, None).unwrap();
    assert_eq!((report.format, report.added), (Some(ImportFormat::Dayone), 1));
    let entry = &store.export_entries(&Filter::default()).unwrap()[0];
    assert_eq!(entry.text, "Sunrise [photo](photos/abc.jpeg)");
    assert_eq!(entry.occurred_at.to_rfc3339(), "2024-01-02T03:00:00-05:00");
    assert_eq!((entry.kind, entry.starred), (Kind::Win, true));
    assert_eq!(entry.tags, ["morning walk", "win"]);
}

#[test]
fn a_markdown_folder_comes_back_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut original) = journal();
    everything(&mut original);
    let folder = dir.path().join("notes/");
    export(&original, ExportFormat::Markdown, &folder, &Filter::default(), &now()).unwrap();
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 7);

    let (_b, mut copy) = journal();
    // Its links point at milestones, which only the JSON export carries: bring them first.
    let json = dir.path().join("goals.json");
    let goals_only = Filter {
        tags: vec!["no-such-tag".into()],
        ..Filter::default()
    };
    export(&original, ExportFormat::Json, &json, &goals_only, &now()).unwrap();
    import(&mut copy, &json, None).unwrap();
    let report = import(&mut copy, &folder, None).unwrap();
    assert_eq!((report.format, report.added), (Some(ImportFormat::Markdown), 7));
    assert_eq!(
        copy.export_entries(&Filter::default()).unwrap(),
        original.export_entries(&Filter::default()).unwrap()
    );
}

#[test]
fn csv_html_and_the_other_tools_shapes_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut store) = journal();
    everything(&mut store);
    let file = |name: &str, format| {
        let path = dir.path().join(name);
        export(&store, format, &path, &Filter::default(), &now()).unwrap();
        std::fs::read_to_string(path).unwrap()
    };
    let csv = file("journal.csv", ExportFormat::Csv);
    assert!(csv.starts_with(
        "id,kind,occurred_at,title,text,tags,starred,mood,lesson,adjust,milestone_id,updated_at,people,shareable\r\n"
    ));
    assert!(csv.contains(",\"Missed the review, \"\"again\"\"\","), "{csv}");
    assert_eq!(csv.matches("\r\n").count(), 8);

    let html = file("digest.html", ExportFormat::Html);
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert!(
        html.contains(" and [2025-01-01 10:00] inside"),
        "the words around the script stay"
    );
    assert!(html.contains("default-src 'none'"));
    assert!(html.contains("Be a calmer lead"));

    let markdown = file("journal.md", ExportFormat::Markdown);
    assert!(
        markdown.contains("## Thursday, 9 January 2025\n\n### 18:20 · setback"),
        "{markdown}"
    );
    assert!(markdown.contains("**What I learned:** I waited for a perfect draft"));

    let jrnl: serde_json::Value = serde_json::from_str(&file("jrnl.json", ExportFormat::Jrnl)).unwrap();
    // Oldest first: 23:59 in New York on the 7th is after midnight UTC on the 8th.
    assert_eq!(jrnl["entries"][2]["title"], "Zürich → 東京 ✈️ naïve café");
    assert_eq!(jrnl["entries"][2]["body"], "second line");
    assert_eq!(jrnl["entries"][2]["time"], "23:59");
    let day_one: serde_json::Value = serde_json::from_str(&file("dayone.json", ExportFormat::Dayone)).unwrap();
    assert_eq!(day_one["entries"][2]["timeZone"], "Etc/GMT+5");
    assert_eq!(day_one["entries"][2]["creationDate"], "2025-01-08T04:59:00Z");

    // What leaves as Day One comes back as Day One, at the same moment in the same offset.
    let (_b, mut copy) = journal();
    import(&mut copy, &dir.path().join("dayone.json"), None).unwrap();
    let back = copy.export_entries(&Filter::default()).unwrap();
    assert_eq!(back[2].occurred_at.to_rfc3339(), "2025-01-07T23:59:00-05:00");
}

#[test]
fn filters_choose_what_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut store) = journal();
    everything(&mut store);
    let path = dir.path().join("setbacks.csv");
    let filter = Filter {
        kind: Some(Kind::Setback),
        ..Filter::default()
    };
    assert_eq!(
        export(&store, ExportFormat::Csv, &path, &filter, &now())
            .unwrap()
            .entries,
        1
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_entries_round_trip_through_our_json(
        texts in proptest::collection::vec("[\\PC\\n\\t]{1,40}", 1..6),
        minutes in proptest::collection::vec(0i64..5_000_000, 6),
        offsets in proptest::collection::vec(-50_400i32..50_400, 6),
        moods in proptest::collection::vec(proptest::option::of(1u8..=5), 6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (_a, mut store) = journal();
        for (index, text) in texts.iter().enumerate() {
            let offset = FixedOffset::east_opt(offsets[index] / 60 * 60).unwrap();
            let when = DateTime::from_timestamp(1_600_000_000 + minutes[index] * 60, 0).unwrap().with_timezone(&offset);
            let draft = NewEntry { occurred_at: Some(when), mood: moods[index], ..NewEntry::new(Kind::Note, text.clone()) };
            // Text the journal refuses (only blanks) is not a round-trip case.
            let _ = store.add(draft, &now());
        }
        let path = dir.path().join("export.json");
        export(&store, ExportFormat::Json, &path, &Filter::default(), &now()).unwrap();
        let (_b, mut copy) = journal();
        import(&mut copy, &path, None).unwrap();
        prop_assert_eq!(copy.export_entries(&Filter::default()).unwrap(), store.export_entries(&Filter::default()).unwrap());
    }
}

/// The documented JSON Schema and what the export writes name the same fields, object by object.
#[test]
fn the_export_matches_its_documented_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/small-wins-export.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut store) = journal();
    everything(&mut store);
    let path = dir.path().join("export.json");
    export(&store, ExportFormat::Json, &path, &Filter::default(), &now()).unwrap();
    let export: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();

    let keys = |value: &serde_json::Value| -> Vec<String> {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    let required = |definition: &serde_json::Value| -> Vec<String> {
        let mut names: Vec<String> = definition["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    };
    let documented: Vec<String> = schema["properties"].as_object().unwrap().keys().cloned().collect();
    let mut top = keys(&export);
    top.retain(|key| key != "rhythm");
    assert_eq!(top, required(&schema), "every required field, and rhythm when set up");
    assert!(keys(&export).iter().all(|key| documented.contains(key)));
    assert_eq!(export["format"], schema["properties"]["format"]["const"]);
    assert_eq!(export["version"], schema["properties"]["version"]["const"]);
    let goal = &export["goals"][0];
    let milestone = &goal["milestones"][0];
    for (object, definition) in [
        (&export["entries"][0], "entry"),
        (goal, "goal"),
        (milestone, "milestone"),
        (&milestone["measurements"][0], "measurement"),
        (&export["rhythm"], "rhythm"),
        (&export["rhythm"]["settings"], "settings"),
        (&export["rhythm"]["reminders"][0], "reminder"),
        (&export["rhythm"]["followups"][0], "followup"),
    ] {
        let definition_schema = &schema["$defs"][definition];
        let written = keys(object);
        assert!(
            required(definition_schema).iter().all(|key| written.contains(key)),
            "{definition}: every required field is written"
        );
        assert!(
            written
                .iter()
                .all(|key| definition_schema["properties"].get(key).is_some()),
            "{definition}: every field written is documented"
        );
    }
}

#[test]
fn a_large_import_gives_the_connection_its_own_page_cache_back() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut original) = journal();
    let drafts = (0..1_000).map(|i| NewEntry {
        occurred_at: Some(at("2025-01-01T08:00:00+01:00") + chrono::Duration::minutes(i)),
        ..NewEntry::new(Kind::Win, format!("Win number {i}"))
    });
    original.add_many(drafts, &now()).unwrap();
    let file = dir.path().join("journal.json");
    export(&original, ExportFormat::Json, &file, &Filter::default(), &now()).unwrap();

    let (_b, mut copy) = journal();
    let cache_size =
        |store: &Store| -> i64 { store.conn.pragma_query_value(None, "cache_size", |r| r.get(0)).unwrap() };
    let before = cache_size(&copy);
    let report = import(&mut copy, &file, None).unwrap();
    assert_eq!(report.added, 1_000);
    assert_eq!(cache_size(&copy), before);
}

#[test]
fn a_large_import_is_all_or_nothing_and_keeps_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut original) = journal();
    everything(&mut original);
    let small = original.export_entries(&Filter::default()).unwrap().len();
    let drafts = (0..1_200).map(|i| NewEntry {
        occurred_at: Some(at("2025-01-01T08:00:00+01:00") + chrono::Duration::minutes(i)),
        tags: vec![format!("batch{}", i % 7)],
        mood: Some((i % 5 + 1) as u8),
        starred: i % 3 == 0,
        ..NewEntry::new(Kind::Win, format!("Win number {i} with the quokka"))
    });
    original.add_many(drafts, &now()).unwrap();
    let file = dir.path().join("journal.json");
    export(&original, ExportFormat::Json, &file, &Filter::default(), &now()).unwrap();

    // A bad entry at the end: nothing of the 1,200 before it stays, the indexes and tallies included.
    let mut archive: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let last = archive["entries"].as_array().unwrap().len() - 1;
    archive["entries"][last]["mood"] = 9.into();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, archive.to_string()).unwrap();
    let (_b, mut copy) = journal();
    let error = import(&mut copy, &bad, None).unwrap_err();
    assert!(
        error.to_string().ends_with("mood: 9 is not a mood from 1 to 5"),
        "{error}"
    );
    assert!(copy.export_entries(&Filter::default()).unwrap().is_empty());
    assert!(copy.search("quokka", &Filter::default(), 10).unwrap().is_empty());
    let tallied: i64 = copy
        .conn
        .query_row("SELECT count(*) FROM entry_hours", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tallied, 0);

    // The good file: every field of every entry comes back, each found by search.
    let report = import(&mut copy, &file, None).unwrap();
    assert_eq!(report.added, 1_200 + small as u64);
    assert_eq!(
        copy.export_entries(&Filter::default()).unwrap(),
        original.export_entries(&Filter::default()).unwrap()
    );
    assert_eq!(copy.search("quokka", &Filter::default(), 2_000).unwrap().len(), 1_200);
}

/// Everything a journal holds about its entries, as SQL reads it: the export, the hourly tallies,
/// each tag's and person's live count and what search finds.
type Contents = (serde_json::Value, Vec<Vec<i64>>, Vec<(String, i64)>, usize);

fn journal_contents(store: &Store, file: &Path) -> Contents {
    export(store, ExportFormat::Json, file, &Filter::default(), &now()).unwrap();
    let hours = store
        .conn
        .prepare("SELECT hour, wins, setbacks, notes, mood_sum, moods FROM entry_hours ORDER BY hour")
        .unwrap()
        .query_map([], |r| (0..6).map(|i| r.get(i)).collect())
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let counts = store
        .conn
        .prepare(
            "SELECT 'tag ' || t.name, count(*) FROM entry_tags et JOIN tags t ON t.id = et.tag_id \
             WHERE et.live = 1 AND et.kind IS NOT NULL GROUP BY t.id \
             UNION ALL SELECT 'person ' || p.name, count(*) FROM entry_people ep JOIN people p ON p.id = ep.person_id \
             WHERE ep.live = 1 GROUP BY p.id ORDER BY 1",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let found = store.search("quokka", &Filter::default(), 5_000).unwrap().len()
        + store.search("early", &Filter::default(), 5_000).unwrap().len();
    (
        without_export_time(&std::fs::read_to_string(file).unwrap()),
        hours,
        counts,
        found,
    )
}

#[test]
fn a_staged_import_writes_the_journal_an_entry_by_entry_import_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut original) = journal();
    everything(&mut original);
    let drafts = (0..1_200).map(|i| NewEntry {
        occurred_at: Some(at("2025-01-01T08:00:00+01:00") + chrono::Duration::minutes(i * 7)),
        tags: vec![format!("batch{}", i % 7)],
        people: if i % 4 == 0 { vec!["Ana".to_owned()] } else { Vec::new() },
        mood: (i % 3 != 0).then_some((i % 5 + 1) as u8),
        starred: i % 3 == 0,
        shareable: i % 5 == 0,
        lesson: (i % 6 == 0).then(|| "Ask early".to_owned()),
        ..NewEntry::new(
            if i % 6 == 0 { Kind::Setback } else { Kind::Win },
            format!("Win number {i} with the quokka #inline{} +Ben", i % 3),
        )
    });
    original.add_many(drafts, &now()).unwrap();
    let file = dir.path().join("journal.json");
    export(&original, ExportFormat::Json, &file, &Filter::default(), &now()).unwrap();

    // The whole file goes through the staging tables.
    let archive: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let entries = archive["entries"].as_array().unwrap().clone();
    let (_b, mut staged) = journal();
    // "Check first" and then Import, on the one connection the window keeps.
    let (_, incoming) = read_source(&file, None, None, &chrono_tz::Europe::Berlin).unwrap();
    let checked = staged.import(incoming, true, &now(), &mut nothing).unwrap();
    assert_eq!(checked.added, entries.len() as u64);
    assert!(staged.export_entries(&Filter::default()).unwrap().is_empty());
    assert_eq!(import(&mut staged, &file, None).unwrap().added, entries.len() as u64);

    // The same entries in pieces too small to be staged go in one by one (the goals
    // come with each, and are added once; the rhythm with the last).
    let (_c, mut one_by_one) = journal();
    for (index, piece) in entries.chunks(900).enumerate() {
        let mut part = archive.clone();
        part["entries"] = piece.to_vec().into();
        if index + 1 < entries.len().div_ceil(900) {
            part["rhythm"] = serde_json::Value::Null;
        }
        let path = dir.path().join(format!("part{index}.json"));
        std::fs::write(&path, part.to_string()).unwrap();
        assert_eq!(import(&mut one_by_one, &path, None).unwrap().added, piece.len() as u64);
    }

    let staged_contents = journal_contents(&staged, &dir.path().join("staged.json"));
    assert_eq!(
        staged_contents,
        journal_contents(&one_by_one, &dir.path().join("one.json"))
    );
    assert_eq!(
        staged_contents.0,
        without_export_time(&std::fs::read_to_string(&file).unwrap())
    );
    assert_eq!(staged_contents.3, 1_200 + 200);
    let again = import(&mut staged, &file, None).unwrap();
    assert_eq!((again.added, again.skipped), (0, entries.len() as u64));
}

/// A goal's milestones come out of an export, and back in from it, in the order they were given,
/// though they were all made in one millisecond (the export lists them by when they were made).
#[test]
fn a_goals_milestones_keep_their_order_through_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut store) = journal();
    let titles: Vec<String> = (1..=30).map(|n| format!("Step {n}")).collect();
    let milestones = titles
        .iter()
        .map(|title| NewMilestone {
            title: title.clone(),
            ..NewMilestone::default()
        })
        .collect();
    let goal = NewGoal {
        title: "Ship the redesign".into(),
        milestones,
        ..NewGoal::default()
    };
    store.add_goal(goal, &now()).unwrap();
    let path = dir.path().join("export.json");
    export(&store, ExportFormat::Json, &path, &Filter::default(), &now()).unwrap();
    let export: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let exported: Vec<&str> = export["goals"][0]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|milestone| milestone["title"].as_str().unwrap())
        .collect();
    assert_eq!(exported, titles);

    let (_b, mut copy) = journal();
    import(&mut copy, &path, None).unwrap();
    let goals = copy.goals(&now()).unwrap();
    let imported: Vec<&str> = goals[0].milestones.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(imported, titles);
}
