//! `wins remind` and `settings` (the Settings screen) as a person runs them: rules are listed and
//! changed by the ids `wins` printed.

use crate::Journal;
use crate::bad_input::refused;

#[test]
fn reminder_rules_are_added_listed_paused_and_removed_by_id() {
    let journal = Journal::empty();
    let friday = journal.json(&["remind", "add", "weekly", "--day", "fri", "--time", "16:00"]);
    assert_eq!(friday["description"], "Weekly review every Friday at 16:00");
    assert_eq!(friday["weekday"], "friday");
    let id = friday["id"].as_str().expect("an id").to_owned();
    journal.ok(&["remind", "add", "daily", "--time", "09:00"]);
    journal.ok(&["remind", "add", "monthly", "--day", "1", "--time", "10:00"]);
    let listed = journal.ok(&["remind", "list"]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 3, "{listed}");
    assert!(
        lines[0].contains("Weekly review every Friday at 16:00  next Fri "),
        "{listed}"
    );
    assert!(lines[1].contains("Daily check-in at 09:00"), "{listed}");
    assert!(lines[2].contains("Monthly review on day 1 at 10:00  next "), "{listed}");

    let paused = journal.ok(&["remind", "pause", &journal.printed_id(&["remind", "list"], &id)]);
    assert!(paused.trim_end().ends_with("paused"), "{paused}");
    assert_eq!(journal.json(&["remind", "list"])[0]["paused"], true);
    let resumed = journal.ok(&["remind", "resume", &id]);
    assert!(resumed.contains("next Fri "), "{resumed}");
    let deleted = journal.ok(&["remind", "rm", &id]);
    assert!(deleted.contains("Undo with: wins remind restore "), "{deleted}");
    assert_eq!(journal.json(&["remind", "list"]).as_array().map(Vec::len), Some(2));
    journal.ok(&["remind", "restore", &id]);
    assert_eq!(journal.json(&["remind", "list"]).as_array().map(Vec::len), Some(3));
    journal.ok(&["remind", "rm", &id]);
    refused(&journal, &["remind", "pause", &id], 1, "is deleted");
}
