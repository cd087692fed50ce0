//! The success paths: logging, listing, filtering, searching, editing, deleting and restoring.

use serde_json::json;

use crate::{Journal, exists};

#[test]
fn add_prints_an_id_that_list_and_show_know() {
    let journal = Journal::empty();
    let id = journal.add(&["Cut the stand-up to 12 minutes #team", "--mood", "4", "--star"]);
    assert_eq!(id.len(), 36, "{id}");
    let listed = journal.json(&["list"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let entry = &listed[0];
    assert_eq!(entry["id"], id.as_str());
    assert_eq!(entry["kind"], "win");
    assert_eq!(entry["text"], "Cut the stand-up to 12 minutes #team");
    assert_eq!(entry["tags"], json!(["team"]));
    assert_eq!(
        (entry["mood"].clone(), entry["starred"].clone()),
        (json!(4), json!(true))
    );
    for field in ["occurred_at", "created_at", "updated_at", "lesson", "adjust"] {
        assert!(entry.get(field).is_some(), "{field} missing from {entry}");
    }
    assert_eq!(journal.json(&["show", &journal.printed_id(&["list"], &id)]), *entry);
    assert!(
        journal
            .ok(&["show", &id])
            .starts_with("Cut the stand-up to 12 minutes #team\n")
    );
}

#[test]
fn add_json_prints_the_entry_with_its_id() {
    let journal = Journal::empty();
    let entry = journal.json(&["add", "Shipped the beta", "--at", "2025-01-06 14:30"]);
    assert_eq!(entry["id"].as_str().unwrap().len(), 36);
    assert_eq!(entry["occurred_at"], "2025-01-06T14:30:00+01:00");
}

#[test]
fn setbacks_carry_their_lesson_and_adjustment() {
    let journal = Journal::empty();
    journal.add(&[
        "Missed the review deadline",
        "--setback",
        "--lesson",
        "I waited for a perfect draft",
        "--adjust",
        "Send a rough draft at 60%",
        "--tag",
        "@review",
    ]);
    journal.add(&["Read two chapters @reading", "--note"]);
    let listed = journal.json(&["list", "--kind", "setback"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["lesson"], "I waited for a perfect draft");
    assert_eq!(listed[0]["adjust"], "Send a rough draft at 60%");
    assert_eq!(listed[0]["tags"], json!(["review"]));
    assert_eq!(journal.texts(&["--kind", "note"]), ["Read two chapters @reading"]);
    assert_eq!(
        journal.json(&["list", "--tag", "READING"])[0]["tags"],
        json!(["reading"])
    );
}

#[test]
fn times_are_read_and_written_in_the_local_zone() {
    let journal = Journal::empty();
    let at = |when: &str| journal.json(&["add", "x", "--at", when])["occurred_at"].clone();
    assert_eq!(at("2025-07-01 09:00"), "2025-07-01T09:00:00+02:00");
    assert_eq!(at("2025-01-06T14:30:00Z"), "2025-01-06T14:30:00Z");
    assert_eq!(at("2025-01-06"), "2025-01-06T12:00:00+01:00");
    let yesterday = at("yesterday");
    let today = at("now");
    assert!(yesterday.as_str().unwrap() < today.as_str().unwrap());
}

#[test]
fn filters_narrow_the_list_and_combine() {
    let journal = Journal::empty();
    journal.add(&["Early #team win", "--at", "2025-01-01 10:00"]);
    journal.add(&["Starred #team win", "--at", "2025-01-05 23:30", "--star"]);
    journal.add(&["A #team setback", "--setback", "--at", "2025-01-06 10:00"]);
    journal.add(&["Solo win", "--at", "2025-01-09 00:00"]);
    assert_eq!(
        journal.texts(&[]),
        ["Solo win", "A #team setback", "Starred #team win", "Early #team win"]
    );
    assert_eq!(journal.texts(&["-n", "1"]), ["Solo win"]);
    assert_eq!(journal.texts(&["--starred"]), ["Starred #team win"]);
    // --until includes its whole day, read in local time (23:30 in Berlin is still the 5th).
    assert_eq!(
        journal.texts(&["--until", "2025-01-05"]),
        ["Starred #team win", "Early #team win"]
    );
    assert_eq!(
        journal.texts(&["--since", "2025-01-06"]),
        ["Solo win", "A #team setback"]
    );
    let combined = [
        "--tag",
        "team",
        "--kind",
        "win",
        "--since",
        "2025-01-02",
        "--until",
        "2025-01-08",
    ];
    assert_eq!(journal.texts(&combined), ["Starred #team win"]);
    assert!(journal.texts(&["--tag", "nobody"]).is_empty());
}

#[test]
fn search_ranks_and_marks_what_matched() {
    let journal = Journal::empty();
    journal.add(&["Walked to work"]);
    journal.add(&["Stand-up ran long, then lunch, then the afternoon had gone before I wrote a line"]);
    journal.add(&[
        "Cut the stand-up to 12 minutes",
        "--setback",
        "--lesson",
        "stand-up needs an agenda",
    ]);
    let hits = journal.json(&["search", "stand-up"]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0]["text"], "Cut the stand-up to 12 minutes");
    let marked: Vec<&str> = hits[0]["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|part| part["highlighted"] == true)
        .map(|part| part["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, ["stand", "up"]);
    assert_eq!(journal.json(&["search", "agend"]).as_array().unwrap().len(), 1);
    assert_eq!(
        journal.json(&["search", "stand", "-n", "1"]).as_array().unwrap().len(),
        1
    );
    assert!(journal.json(&["search", "quokka"]).as_array().unwrap().is_empty());
}

#[test]
fn search_finds_the_word_being_typed_from_its_first_letters() {
    let journal = Journal::empty();
    journal.add(&["Priya led the design review #delegation"]);
    journal.add(&["Promotion packet for Tom is in"]);
    journal.add(&["Chose not to escalate the outage"]);
    for (typed, expected) in [
        ("delegat", "Priya led the design review #delegation"),
        ("promoti", "Promotion packet for Tom is in"),
        ("escalat", "Chose not to escalate the outage"),
        ("tom promoti", "Promotion packet for Tom is in"),
    ] {
        let hits = journal.json(&["search", typed]);
        let texts: Vec<&str> = hits
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| hit["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts, [expected], "{typed}");
    }
    let shown = journal.run(&["search", "escalat"]);
    assert!(String::from_utf8_lossy(&shown.stdout).contains("escalate the outage"));
}

#[test]
fn edit_changes_what_it_is_told_and_keeps_the_rest() {
    let journal = Journal::empty();
    let id = journal.add(&["Ran 5k #running", "--tag", "health", "--mood", "3"]);
    let edited = journal.json(&[
        "edit",
        &journal.printed_id(&["list"], &id),
        "Ran 10k #running #pb",
        "--star",
        "--untag",
        "health",
        "--at",
        "2025-02-01 07:00",
    ]);
    assert_eq!(edited["text"], "Ran 10k #running #pb");
    assert_eq!(edited["tags"], json!(["pb", "running"]));
    assert_eq!(
        (edited["starred"].clone(), edited["mood"].clone()),
        (json!(true), json!(3))
    );
    assert_eq!(edited["occurred_at"], "2025-02-01T07:00:00+01:00");
    let setback = journal.json(&[
        "edit",
        &id,
        "--setback",
        "--lesson",
        "pace yourself",
        "--no-mood",
        "--unstar",
    ]);
    assert_eq!(
        (setback["kind"].clone(), setback["lesson"].clone()),
        (json!("setback"), json!("pace yourself"))
    );
    assert_eq!(
        (setback["mood"].clone(), setback["starred"].clone()),
        (json!(null), json!(false))
    );
    assert_eq!(setback["text"], "Ran 10k #running #pb");
}

#[test]
fn rm_hides_an_entry_until_restore() {
    let journal = Journal::empty();
    let kept = journal.add(&["Kept"]);
    let gone = journal.add(&["Gone #temp"]);
    let said = journal.ok(&["rm", &gone]);
    assert!(said.contains("wins restore"), "{said}");
    assert_eq!(journal.texts(&[]), ["Kept"]);
    assert!(journal.json(&["search", "gone"]).as_array().unwrap().is_empty());
    assert!(journal.json(&["tags"]).as_array().unwrap().is_empty());
    assert!(!journal.run(&["show", &gone]).status.success());
    journal.ok(&["restore", &gone]);
    assert_eq!(journal.texts(&[]), ["Gone #temp", "Kept"]);
    assert_eq!(journal.json(&["show", &kept])["text"], "Kept");
}

#[test]
fn tags_are_listed_with_counts_ignoring_case() {
    let journal = Journal::empty();
    journal.add(&["One #Team"]);
    journal.add(&["Two #team @solo"]);
    journal.add(&["Three", "--tag", "solo", "--tag", "#deep-work"]);
    assert_eq!(
        journal.json(&["tags"]),
        json!([{"name": "solo", "count": 2}, {"name": "Team", "count": 2}, {"name": "deep-work", "count": 1}])
    );
    let text = journal.ok(&["tags"]);
    assert_eq!(text.lines().next().unwrap(), "#solo            2");
}

#[test]
fn the_journal_lives_where_the_environment_says() {
    let journal = Journal::empty();
    let data = journal.path().with_file_name("data");
    let mut by_xdg = journal.command(&["add", "In the XDG folder"]);
    by_xdg.env_remove("SMALL_WINS_DB").env("XDG_DATA_HOME", &data);
    assert!(by_xdg.output().unwrap().status.success());
    assert!(exists(&data.join("small-wins/journal.sqlite3")));
    let flag = journal.path().with_file_name("flag.sqlite3");
    journal.ok(&["--db", flag.to_str().unwrap(), "add", "By flag"]);
    assert!(exists(&flag));
    assert!(!exists(&journal.path()), "--db and XDG_DATA_HOME were not used");
}
