//! Credits, sharing, the team digest and the stand-up against a real journal file.

use chrono::{DateTime, NaiveDate, TimeZone};
use chrono_tz::Europe::Berlin;
use chrono_tz::Tz;

use super::{journal, now, win};
use crate::goals::{NewGoal, NewMilestone};
use crate::period::PeriodKind;
use crate::{EntryChanges, Filter, Kind, NewEntry, TeamFormat, Worked};

fn berlin(text: &str) -> DateTime<Tz> {
    Berlin
        .from_local_datetime(&chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap())
        .earliest()
        .unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn shared(draft: NewEntry) -> NewEntry {
    NewEntry {
        shareable: true,
        ..draft
    }
}

/// A review or check-in saved as `wins review --save` saves it, at a given time.
fn reflection(tag: &str, text: String, when: &str) -> NewEntry {
    NewEntry {
        kind: Kind::Note,
        tags: vec![tag.into()],
        ..win(&text, when)
    }
}

#[test]
fn credits_are_stored_like_tags_and_filter_the_journal() {
    let (_dir, mut store) = journal();
    let first = store
        .add(
            NewEntry {
                people: vec!["ana lima".into(), "+Ben".into()],
                ..win(
                    "Shipped the demo with +\"Ana Lima\" and +Chloé",
                    "2025-01-07T10:00:00+01:00",
                )
            },
            &now(),
        )
        .unwrap();
    assert_eq!(first.people, ["ana lima", "Ben", "Chloé"].map(String::from).to_vec());
    assert!(!first.shareable, "private by default");
    store
        .add(
            win("Paired with +ANA.LIMA? no: with +ana", "2025-01-08T10:00:00+01:00"),
            &now(),
        )
        .unwrap();
    let counts: Vec<(String, u64)> = store.people().unwrap().into_iter().map(|p| (p.name, p.count)).collect();
    let expected = [("ana", 1), ("ana lima", 1), ("ANA.LIMA", 1), ("Ben", 1), ("Chloé", 1)];
    assert_eq!(counts, expected.map(|(name, count)| (name.to_owned(), count)));
    let by_person = |store: &crate::Store, name: &str| {
        let filter = Filter {
            person: Some(name.into()),
            ..Filter::default()
        };
        store.list(&filter, 10, None).unwrap().entries.len()
    };
    assert_eq!(by_person(&store, "ANA lima"), 1);
    assert_eq!(by_person(&store, "+chloé"), 1);
    assert_eq!(by_person(&store, "Nobody"), 0);

    // Editing the text drops its old inline credits; explicit ones stay until removed.
    let edited = store
        .edit(
            &first.id,
            EntryChanges {
                text: Some("Shipped the demo".into()),
                remove_people: vec!["BEN".into()],
                add_people: vec!["Dev".into()],
                shareable: Some(true),
                ..EntryChanges::default()
            },
            &now(),
        )
        .unwrap();
    assert_eq!(edited.people, ["Dev"]);
    assert!(edited.shareable);
    assert_eq!(by_person(&store, "Ana Lima"), 0);
}

/// A week in which Ana and Ben are credited on shared wins, a setback is shared, and one private win
/// shares a tag, a person and a day with the shared ones.
fn shared_week(store: &mut crate::Store) -> String {
    store
        .add(
            shared(win("Launched onboarding #work +Ana", "2025-01-07T10:00:00+01:00")),
            &now(),
        )
        .unwrap();
    store
        .add(
            shared(NewEntry {
                people: vec!["Ben".into()],
                ..win("Closed the hiring loop #work with +ana", "2025-01-08T11:00:00+01:00")
            }),
            &now(),
        )
        .unwrap();
    store
        .add(
            shared(win("Cleared the inbox #work", "2025-01-08T16:00:00+01:00")),
            &now(),
        )
        .unwrap();
    store
        .add(
            win("SECRET salary talk #work +Ana", "2025-01-08T12:00:00+01:00"),
            &now(),
        )
        .unwrap();
    let setback = store
        .add(
            shared(NewEntry {
                kind: Kind::Setback,
                lesson: Some("Demo early".into()),
                adjust: Some("Dry run on Thursdays".into()),
                ..win("Missed the demo", "2025-01-09T15:00:00+01:00")
            }),
            &now(),
        )
        .unwrap();
    store
        .add(
            shared(win("Outside the week +Ana", "2025-01-13T09:00:00+01:00")),
            &now(),
        )
        .unwrap();
    setback.id
}

#[test]
fn a_digest_groups_shared_wins_by_person_then_the_rest() {
    let (_dir, mut store) = journal();
    shared_week(&mut store);
    let digest = store
        .digest(day("2025-01-06"), day("2025-01-12"), false, &berlin("2025-01-12 18:00"))
        .unwrap();
    assert_eq!(digest.title, "Team digest: 6–12 January 2025");
    let groups: Vec<(Option<&str>, Vec<&str>)> = digest
        .progress
        .iter()
        .map(|group| (group.person.as_deref(), group.wins.iter().map(|w| w.title()).collect()))
        .collect();
    assert_eq!(
        groups,
        [
            (
                Some("Ana"),
                vec![
                    "Launched onboarding #work +Ana",
                    "Closed the hiring loop #work with +ana"
                ]
            ),
            (Some("Ben"), vec!["Closed the hiring loop #work with +ana"]),
            (None, vec!["Cleared the inbox #work"]),
        ]
    );
    let kudos: Vec<(&str, usize)> = digest.kudos.iter().map(|k| (k.person.as_str(), k.wins.len())).collect();
    assert_eq!(kudos, [("Ana", 2), ("Ben", 1)]);
    assert_eq!(digest.problems.len(), 1);
    let markdown = digest.render(TeamFormat::Markdown);
    assert!(markdown.contains("## Progress\n\n### Ana\n\n- Launched onboarding #work +Ana (Tue 7 Jan)\n"));
    assert!(markdown.contains("- Missed the demo\n  - Lesson: Demo early\n  - Adjustment: Dry run on Thursdays\n"));
    assert!(markdown.contains("## Kudos\n\n- Ana: 2 wins — "));
}

#[test]
fn a_private_win_never_appears_in_a_digest_or_stand_up() {
    let (_dir, mut store) = journal();
    shared_week(&mut store);
    let digest = store
        .digest(day("2025-01-06"), day("2025-01-12"), true, &berlin("2025-01-12 18:00"))
        .unwrap();
    for format in [TeamFormat::Markdown, TeamFormat::Text, TeamFormat::Html] {
        assert!(!digest.render(format).contains("SECRET"), "{format:?}");
    }
    assert!(!serde_json::to_string(&digest).unwrap().contains("SECRET"));
    let standup = store.standup(day("2025-01-09"), &berlin("2025-01-09 09:00")).unwrap();
    let titles: Vec<&str> = standup.yesterday.iter().map(|w| w.title()).collect();
    assert_eq!(
        titles,
        ["Closed the hiring loop #work with +ana", "Cleared the inbox #work"]
    );
    assert!(!standup.render(TeamFormat::Text).contains("SECRET"));
}

#[test]
fn a_shared_setback_keeps_its_follow_up_note_out_unless_asked() {
    let (_dir, mut store) = journal();
    let setback = shared_week(&mut store);
    store
        .answer_followup(
            &setback,
            Worked::Partly,
            Some("PRIVATE NOTE".into()),
            &berlin("2025-01-20 19:00"),
        )
        .unwrap();
    let week = |with_followups| {
        store
            .digest(
                day("2025-01-06"),
                day("2025-01-12"),
                with_followups,
                &berlin("2025-01-20 20:00"),
            )
            .unwrap()
            .render(TeamFormat::Text)
    };
    assert!(!week(false).contains("PRIVATE NOTE"));
    assert!(week(true).contains("Did it work?: partly: PRIVATE NOTE"));
}

#[test]
fn plain_text_has_no_markdown_and_wraps_at_72() {
    let (_dir, mut store) = journal();
    store
        .add(
            shared(win(
                "Shipped **the** [new onboarding](https://example.com) flow that every team in the building has asked \
             for since spring, with +Ana",
                "2025-01-07T10:00:00+01:00",
            )),
            &now(),
        )
        .unwrap();
    let text = store
        .digest(day("2025-01-06"), day("2025-01-12"), false, &berlin("2025-01-12 18:00"))
        .unwrap()
        .render(TeamFormat::Text);
    assert!(text.starts_with("Team digest: 6–12 January 2025\n\nPROGRESS\nAna\n- Shipped the new onboarding flow"));
    assert!(
        !text.contains("**") && !text.contains("](") && !text.contains("##"),
        "{text}"
    );
    assert!(text.lines().all(|line| line.chars().count() <= 72), "{text}");
    assert!(text.lines().count() > 8);
}

#[test]
fn an_empty_week_says_so_and_suggests_what_to_share() {
    let (_dir, mut store) = journal();
    store
        .add(win("Private only +Ana", "2025-01-07T10:00:00+01:00"), &now())
        .unwrap();
    let digest = store
        .digest(day("2025-01-06"), day("2025-01-12"), false, &berlin("2025-01-12 18:00"))
        .unwrap();
    assert!(digest.nothing_shared());
    let text = digest.render(TeamFormat::Markdown);
    assert!(text.contains("Nothing was shared in this period."));
    assert!(text.contains("--share"));
    assert!(!text.contains("Private only"));
}

#[test]
fn plans_carry_milestones_due_next_week_and_the_shared_review_answer() {
    let (_dir, mut store) = journal();
    let milestone = |title: &str, due: &str| NewMilestone {
        title: title.into(),
        started_on: Some(day("2025-01-01")),
        due_on: Some(day(due)),
        baseline: None,
        target: None,
        unit: None,
    };
    store
        .add_goal(
            NewGoal {
                title: "Onboarding v2".into(),
                why: None,
                due_on: None,
                milestones: vec![milestone("Beta out", "2025-01-15"), milestone("Later", "2025-02-20")],
            },
            &berlin("2025-01-01 09:00"),
        )
        .unwrap();
    let now = berlin("2025-01-13 09:00");
    let review = store
        .review(PeriodKind::Week, day("2025-01-08"), &now)
        .unwrap()
        .compose(&["Shipped".into(), "Demo on Thursdays".into()]);
    let saved = store
        .add(reflection("review", review, "2025-01-12T20:00:00+01:00"), &now)
        .unwrap();
    let plans = |store: &crate::Store| store.digest(day("2025-01-06"), day("2025-01-12"), false, &now).unwrap();
    let digest = plans(&store);
    let titles: Vec<&str> = digest.plans.iter().map(|due| due.milestone.title.as_str()).collect();
    assert_eq!(titles, ["Beta out"]);
    assert_eq!(digest.will_change, None, "the review is private");
    store
        .edit(
            &saved.id,
            EntryChanges {
                shareable: Some(true),
                ..EntryChanges::default()
            },
            &now,
        )
        .unwrap();
    assert_eq!(plans(&store).will_change.as_deref(), Some("Demo on Thursdays"));
}

#[test]
fn a_stand_up_reads_the_shared_check_in() {
    let (_dir, mut store) = journal();
    store
        .add(shared(win("Fixed the build +Dev", "2025-01-08T10:00:00+01:00")), &now())
        .unwrap();
    let now = berlin("2025-01-09 09:00");
    let checkin = store
        .review(PeriodKind::Day, day("2025-01-09"), &now)
        .unwrap()
        .compose(&["Pair with Ana on the beta".into(), "Waiting on legal".into()]);
    let saved = store
        .add(reflection("checkin", checkin, "2025-01-09T08:30:00+01:00"), &now)
        .unwrap();
    let private = store.standup(day("2025-01-09"), &now).unwrap();
    assert!(private.checkin_private);
    assert_eq!(private.focus, None);
    store
        .edit(
            &saved.id,
            EntryChanges {
                shareable: Some(true),
                ..EntryChanges::default()
            },
            &now,
        )
        .unwrap();
    let text = store.standup(day("2025-01-09"), &now).unwrap().render(TeamFormat::Text);
    assert_eq!(
        text,
        "Stand-up: Thursday 9 January 2025\n\nYesterday\n- Fixed the build +Dev\n\nToday\n- Pair with Ana on the \
         beta\n\nBlockers\n- Waiting on legal\n"
    );
}

fn import_json(store: &mut crate::Store, path: &std::path::Path) {
    let (_, incoming) =
        crate::export_import::read_source(path, Some(crate::export_import::ImportFormat::SmallWins), None, &Berlin)
            .unwrap();
    store.import(incoming, false, &now(), &mut |_, _| {}).unwrap();
}

#[test]
fn credits_and_sharing_travel_in_the_small_wins_json() {
    let (dir, mut store) = journal();
    let added = store
        .add(
            shared(win("Launched with +\"Ana Lima\"", "2025-01-07T10:00:00+01:00")),
            &now(),
        )
        .unwrap();
    let path = dir.path().join("export.json");
    crate::export_import::export(
        &store,
        crate::export_import::ExportFormat::Json,
        &path,
        &Filter::default(),
        &berlin("2025-01-12 18:00"),
    )
    .unwrap();
    let (_other, mut copy) = journal();
    import_json(&mut copy, &path);
    assert_eq!(copy.get(&added.id).unwrap(), added);
    assert_eq!(copy.people().unwrap()[0].name, "Ana Lima");
}

#[test]
fn a_version_1_export_without_credits_or_sharing_still_imports_as_private() {
    let (dir, mut store) = journal();
    let path = dir.path().join("old.json");
    std::fs::write(
        &path,
        r#"{"format":"small-wins","version":1,"exported_at":"2025-01-12T18:00:00+01:00","entries":[
            {"id":"0194a0b2-7c00-7000-8000-000000000001","kind":"win","text":"Old win +Ana","tags":[],
             "occurred_at":"2025-01-07T10:00:00+01:00","created_at":"2025-01-07T10:00:00+01:00",
             "updated_at":"2025-01-07T10:00:00+01:00","mood":null,"starred":false,"lesson":null,
             "adjust":null,"milestone_id":null}],"goals":[]}"#,
    )
    .unwrap();
    import_json(&mut store, &path);
    let entry = store.get("0194a0b2-7c00-7000-8000-000000000001").unwrap();
    assert!(!entry.shareable);
    assert_eq!(entry.people, ["Ana"], "inline credits are read from the text");
}

#[test]
fn credits_and_sharing_appear_in_markdown_front_matter_and_csv() {
    let (dir, mut store) = journal();
    let added = store
        .add(
            shared(win("Launched with +\"Ana Lima\" and +Ben", "2025-01-07T10:00:00+01:00")),
            &now(),
        )
        .unwrap();
    let folder = dir.path().join("notes/");
    let now = berlin("2025-01-12 18:00");
    crate::export_import::export(
        &store,
        crate::export_import::ExportFormat::Markdown,
        &folder,
        &Filter::default(),
        &now,
    )
    .unwrap();
    let file = std::fs::read_dir(&folder).unwrap().next().unwrap().unwrap().path();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("\npeople: [\"Ana Lima\",\"Ben\"]\nshareable: true\n"),
        "{text}"
    );
    let (_other, mut copy) = journal();
    let (_, incoming) = crate::export_import::read_source(&folder, None, None, &Berlin).unwrap();
    copy.import(incoming, false, &now, &mut |_, _| {}).unwrap();
    assert_eq!(copy.get(&added.id).unwrap(), added);

    let csv_path = dir.path().join("entries.csv");
    crate::export_import::export(
        &store,
        crate::export_import::ExportFormat::Csv,
        &csv_path,
        &Filter::default(),
        &now,
    )
    .unwrap();
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(csv.lines().nth(1).unwrap().ends_with(",Ana Lima; Ben,true"), "{csv}");
}

#[test]
fn the_digest_week_is_the_one_a_weekly_review_looks_back_on_or_the_one_holding_a_day() {
    let (_dir, store) = journal();
    let monday_morning = berlin("2025-01-13 09:00");
    let week = store.digest_week(None, &monday_morning).unwrap();
    assert_eq!((week.first, week.last), (day("2025-01-06"), day("2025-01-12")));
    let thursday = berlin("2025-01-16 09:00");
    let week = store.digest_week(None, &thursday).unwrap();
    assert_eq!((week.first, week.last), (day("2025-01-13"), day("2025-01-19")));
    let week = store.digest_week(Some(day("2024-12-31")), &thursday).unwrap();
    assert_eq!((week.first, week.last), (day("2024-12-30"), day("2025-01-05")));
}

#[test]
fn a_deleted_entry_leaves_the_people_list_until_restored() {
    let (_dir, mut store) = journal();
    store
        .add(win("Paired with +Ana", "2025-01-07T10:00:00Z"), &now())
        .unwrap();
    let gone = store
        .add(win("Demo with +Ana and +Ben", "2025-01-08T10:00:00Z"), &now())
        .unwrap();
    let counts = |store: &crate::Store| -> Vec<(String, u64)> {
        store.people().unwrap().into_iter().map(|p| (p.name, p.count)).collect()
    };
    assert_eq!(counts(&store), [("Ana".to_owned(), 2), ("Ben".to_owned(), 1)]);
    store.remove(&gone.id, &now()).unwrap();
    assert_eq!(counts(&store), [("Ana".to_owned(), 1)]);
    store.restore(&gone.id, &now()).unwrap();
    assert_eq!(counts(&store), [("Ana".to_owned(), 2), ("Ben".to_owned(), 1)]);
}

#[test]
fn the_migration_marks_the_credits_of_entries_deleted_before_it() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    super::super::schema::migrate_to(&mut conn, 12);
    conn.execute_batch(
        "INSERT INTO entries (id, kind, text, occurred_at, utc_offset, created_at, updated_at, deleted_at) VALUES \
             ('e1', 'win', 'With Ana', 1, 0, 1, 1, NULL), ('e2', 'win', 'With Ana again', 2, 0, 2, 2, 3); \
         INSERT INTO people (id, key, name) VALUES (1, 'ana', 'Ana'); \
         INSERT INTO entry_people (person_id, occurred_at, entry_id) VALUES (1, 1, 'e1'), (1, 2, 'e2');",
    )
    .unwrap();
    super::super::schema::migrate(&mut conn).unwrap();
    let rows: Vec<(String, bool)> = conn
        .prepare("SELECT entry_id, live FROM entry_people ORDER BY entry_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(rows, [("e1".into(), true), ("e2".into(), false)]);
}
