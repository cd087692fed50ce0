//! `wins insights`, `wins onthisday` and the lessons `wins add --setback` brings back, as a person
//! runs them: exact numbers for fixed past days, in Berlin time.

use serde_json::json;

use crate::Journal;
use crate::bad_input::refused;

/// Around New Year 2025 in Berlin, with a setback whose adjustment worked.
fn new_year(journal: &Journal) {
    journal.add(&["Sunday win", "--at", "2024-12-29 10:00"]);
    journal.add(&["Monday #team", "--at", "2024-12-30 09:00", "--mood", "4"]);
    journal.add(&["Last of the year", "--at", "2024-12-31 23:30", "--mood", "2"]);
    journal.add(&["First of the year #team", "--at", "2025-01-01 00:30"]);
    let setback = journal.add(&[
        "--setback",
        "Overslept the stand-up #team",
        "--lesson",
        "Alarm at 7",
        "--adjust",
        "Phone across the room",
        "--at",
        "2025-01-01 10:00",
    ]);
    journal.ok(&["followup", "answer", &setback, "yes"]);
    journal.add(&["--note", "A quiet day", "--at", "2025-01-02 12:00", "--mood", "5"]);
    journal.add(&["Friday", "--at", "2025-01-03 09:00"]);
    journal.add(&["Sunday again", "--at", "2025-01-05 11:00"]);
}

#[test]
fn insights_json_holds_exactly_the_named_numbers() {
    let journal = Journal::empty();
    new_year(&journal);
    let insights = journal.json(&["insights", "--since", "2024-12-30", "--until", "2025-01-05"]);
    let keys: Vec<&String> = insights.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["days", "followups", "milestones", "streak", "tags", "weeks"]);
    let wins: Vec<u64> = insights["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|day| day["wins"].as_u64().unwrap())
        .collect();
    assert_eq!(wins, [1, 1, 1, 0, 1, 0, 1]);
    assert_eq!(
        insights["days"][0],
        json!({"day": "2024-12-30", "wins": 1, "setbacks": 0, "notes": 0, "mood": 4.0})
    );
    assert_eq!(insights["days"][3]["mood"], json!(5.0));
    assert_eq!(insights["days"][6]["mood"], json!(null));
    assert_eq!(
        insights["weeks"],
        json!([{"first": "2024-12-30", "wins": 5, "setbacks": 1, "days_with_wins": 5, "days": 7,
                "win_day_share": 5.0 / 7.0}])
    );
    // The run from Monday reaches back to Sunday 29 December, before the period.
    assert_eq!(
        insights["streak"],
        json!({"current": 1, "longest": 3, "weekly": 1, "best_week": {"first": "2024-12-30", "wins": 5}})
    );
    assert_eq!(
        insights["followups"],
        json!({"yes": 1, "partly": 0, "no": 0, "unanswered": 0,
               "by_tag": [{"tag": "team", "yes": 1, "partly": 0, "no": 0, "unanswered": 0}]})
    );
    assert_eq!(insights["milestones"], json!({"reached": 0, "active": []}));
    assert_eq!(
        insights["tags"],
        json!({"wins": [{"name": "team", "count": 2}], "setbacks": [{"name": "team", "count": 1}]})
    );
    // Weeks from Sunday split the same days differently.
    journal.ok(&["settings", "--week-start", "sun", "--weekly-streak-days", "5"]);
    let sunday = journal.json(&["insights", "--since", "2024-12-30", "--until", "2025-01-05"]);
    let weeks: Vec<(String, u64)> = sunday["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|week| {
            (
                week["first"].as_str().unwrap().to_owned(),
                week["wins"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(weeks, [("2024-12-29".to_owned(), 4), ("2025-01-05".to_owned(), 1)]);
    assert_eq!(sunday["streak"]["weekly"], json!(0));
}

#[test]
fn the_year_grid_is_plain_characters_when_piped() {
    let journal = Journal::empty();
    new_year(&journal);
    let shown = journal.ok(&["insights", "--since", "2024-12-30", "--until", "2025-01-05"]);
    assert!(!shown.contains('\u{1b}'), "no colour codes when piped:\n{shown}");
    let grid: Vec<&str> = shown.lines().skip(1).take(7).collect();
    assert_eq!(
        grid,
        ["Mon  1", "Tue  1", "Wed  1", "Thu  .", "Fri  1", "Sat  .", "Sun  1"]
    );
    for expected in [
        "Mon 30 Dec 2024  #####x",
        "5 wins   1 setbacks  5/7 days",
        "Streak: 1 day now, longest 3 days; weekly streak 1 week",
        "Adjustments: 1 worked, 0 partly, 0 did not, 0 not answered (100% worked)",
        "Most wins: #team 2",
    ] {
        assert!(shown.contains(expected), "{expected:?} is missing from\n{shown}");
    }
    refused(
        &journal,
        &["insights", "--since", "2025-01-05", "--until", "2025-01-01"],
        2,
        "period",
    );
    refused(&journal, &["insights", "--since", "last tuesday"], 2, "last tuesday");
    refused(
        &journal,
        &["settings", "--weekly-streak-days", "8"],
        2,
        "between 1 and 7",
    );
}

#[test]
fn on_this_day_shows_a_week_and_a_year_ago_with_lessons() {
    let journal = Journal::empty();
    new_year(&journal);
    journal.add(&["A year before", "--at", "2024-01-08 09:00"]);
    let found = journal.json(&["onthisday", "--date", "2025-01-08"]);
    let labels: Vec<&str> = found["lookbacks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["1 week ago", "1 year ago"]);
    assert_eq!(found["lookbacks"][0]["day"], json!("2025-01-01"));
    assert_eq!(found["lookbacks"][0]["entries"][1]["lesson"], json!("Alarm at 7"));
    let shown = journal.ok(&["onthisday", "--date", "2025-01-08"]);
    for expected in [
        "1 week ago, Wed 1 Jan 2025",
        "  win      First of the year #team",
        "  setback  Overslept the stand-up #team",
        "           Learned: Alarm at 7",
        "1 year ago, Mon 8 Jan 2024",
        "  win      A year before",
    ] {
        assert!(shown.contains(expected), "{expected:?} is missing from\n{shown}");
    }
    assert_eq!(journal.ok(&["onthisday", "--date", "2020-01-01"]), "");
}

#[test]
fn a_setback_brings_back_an_earlier_lesson_after_its_id() {
    let journal = Journal::empty();
    new_year(&journal);
    let output = journal.ok(&["add", "--setback", "Overslept again", "--tag", "team"]);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines[0].len(), 36, "the id comes first: {output}");
    assert_eq!(
        lines[1..],
        [
            "Earlier setbacks like this one:",
            "  Wed 01 Jan 2025  Overslept the stand-up #team",
            "    Learned: Alarm at 7",
            "    Adjusted: Phone across the room",
            "    Did it work? yes",
        ]
    );
    let win = journal.ok(&["add", "Overslept nothing today #team"]);
    assert_eq!(win.lines().count(), 1, "a win brings back no lessons: {win}");
    let unrelated = journal.ok(&["add", "--setback", "Budget slipped"]);
    assert_eq!(unrelated.lines().count(), 1, "{unrelated}");
}
