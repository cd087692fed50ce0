//! `wins review` and `followup` (the Reflect screen) as a person runs them: reviews hold exactly
//! their period, follow-ups are answered by id, and bad input to these and to `remind` and
//! `settings` is refused with nothing written.

use crate::Journal;
use crate::bad_input::refused;

/// Entries in the week of 6–12 January 2025 and in the weeks either side of it.
fn three_weeks(journal: &Journal) {
    journal.add(&["Before: last week's win", "--at", "2025-01-05 23:30"]);
    journal.add(&["Cut the stand-up to 12 minutes #team", "--at", "2025-01-06 09:30"]);
    journal.add(&[
        "--setback",
        "Missed the demo",
        "--lesson",
        "Ask for the slot early",
        "--adjust",
        "Noon check-in",
        "--at",
        "2025-01-08 11:00",
    ]);
    journal.add(&["Answered chat in 30 minutes", "--at", "2025-01-08 16:00"]);
    journal.add(&[
        "--setback",
        "After: next week's slip",
        "--lesson",
        "Other week's lesson",
        "--at",
        "2025-01-13 09:00",
    ]);
}

#[test]
fn review_week_holds_that_weeks_wins_and_lessons_and_nothing_from_other_weeks() {
    let journal = Journal::empty();
    three_weeks(&journal);
    let review = journal.ok(&["review", "week", "--date", "2025-01-08"]);
    for expected in [
        "Weekly review: 6–12 January 2025",
        "- Mon 6 Jan: Cut the stand-up to 12 minutes \\#team",
        "- Wed 8 Jan: Answered chat in 30 minutes",
        "- Wed 8 Jan: Missed the demo",
        "  - Learned: Ask for the slot early",
        "  - Adjusting: Noon check-in",
        "## What went well",
        "## What I'll change",
    ] {
        assert!(review.contains(expected), "{expected:?} is missing from\n{review}");
    }
    for other in ["Before:", "After:", "Other week's lesson"] {
        assert!(!review.contains(other), "{other:?} is in\n{review}");
    }
    let sunday_weeks = journal.ok(&["settings", "--week-start", "sun"]);
    assert!(sunday_weeks.contains("week starts on  Sunday"), "{sunday_weeks}");
    let review = journal.ok(&["review", "week", "--date", "2025-01-08"]);
    assert!(review.starts_with("Weekly review: 5–11 January 2025\n"), "{review}");
    assert!(review.contains("Before: last week's win"), "{review}");
    let month = journal.json(&["review", "month", "--date", "2025-01-31"]);
    assert_eq!(month["wins"].as_array().map(Vec::len), Some(3));
    assert_eq!(month["setbacks"].as_array().map(Vec::len), Some(2));
    let checkin = journal.ok(&["review", "day", "--date", "2025-01-09"]);
    assert!(
        checkin.contains("## Yesterday's wins (1)\n\n- Wed 8 Jan: Answered chat"),
        "{checkin}"
    );
    assert!(
        checkin.contains("## Today's focus") && checkin.contains("## Blockers"),
        "{checkin}"
    );
}

#[test]
fn review_save_stores_what_the_editor_wrote_and_nothing_when_it_was_left_alone() {
    let journal = Journal::empty();
    three_weeks(&journal);
    let append = "sh -c 'printf \"Shipped it\\n\" >> \"$1\"' --";
    let saved = journal
        .command(&["review", "week", "--date", "2025-01-08", "--save"])
        .env("EDITOR", append)
        .env_remove("VISUAL")
        .output()
        .expect("wins runs");
    assert!(saved.status.success(), "{}", crate::stderr(&saved));
    let reviews = journal.json(&["list", "--tag", "review"]);
    let text = reviews[0]["text"].as_str().expect("the review's text");
    assert!(text.starts_with("Weekly review: 6–12 January 2025\n"), "{text}");
    assert!(
        text.contains("- Wed 8 Jan: Missed the demo") && text.ends_with("Shipped it"),
        "{text}"
    );
    assert_eq!(reviews[0]["kind"], "note");
    // The #team it quotes stays the quoted entry's: the review is tagged review alone.
    assert!(text.contains("Cut the stand-up to 12 minutes \\#team"), "{text}");
    assert_eq!(reviews[0]["tags"], serde_json::json!(["review"]));

    let before = journal.bytes();
    let untouched = journal
        .command(&["review", "week", "--save"])
        .env("EDITOR", "true")
        .env_remove("VISUAL")
        .output()
        .expect("wins runs");
    assert!(untouched.status.success());
    assert!(crate::stderr(&untouched).contains("nothing was saved"));
    assert_eq!(journal.bytes(), before);

    let failing = journal
        .command(&["review", "day", "--save"])
        .env("EDITOR", "false")
        .env_remove("VISUAL")
        .output()
        .expect("wins runs");
    assert_eq!(failing.status.code(), Some(1));
    assert!(
        crate::stderr(&failing).contains("the review was not saved"),
        "{}",
        crate::stderr(&failing)
    );
    assert_eq!(journal.bytes(), before);
}

#[test]
fn a_setback_follow_up_is_answered_and_shows_in_the_review() {
    let journal = Journal::empty();
    // A setback from eight days ago is waiting for its follow-up (seven days by default).
    let eight_days_ago = (chrono::Local::now() - chrono::Duration::days(8))
        .format("%Y-%m-%d 10:00")
        .to_string();
    let setback = journal.add(&[
        "--setback",
        "Missed the demo",
        "--adjust",
        "Noon check-in",
        "--at",
        &eight_days_ago,
    ]);
    let win = journal.add(&["A win"]);
    let waiting = journal.json(&["followup", "list"]);
    assert_eq!(waiting[0]["setback"]["id"], setback.as_str());
    refused(&journal, &["followup", "answer", &win, "yes"], 2, "not a setback");
    refused(
        &journal,
        &["followup", "answer", &setback, "maybe"],
        2,
        "\"maybe\" is not one of yes, partly, no",
    );
    let printed = journal.printed_id(&["followup", "list"], &setback);
    let answer = journal.json(&["followup", "answer", &printed, "partly", "--note", "Fridays slip"]);
    assert_eq!(
        (answer["worked"].as_str(), answer["note"].as_str()),
        (Some("partly"), Some("Fridays slip"))
    );
    assert_eq!(journal.json(&["followup", "list"]).as_array().map(Vec::len), Some(0));
    let day = &eight_days_ago[..10];
    let review = journal.ok(&["review", "week", "--date", day]);
    assert!(review.contains("  - Did it work? partly: Fridays slip"), "{review}");
}

#[test]
fn bad_review_reminder_and_settings_input_is_refused_with_the_journal_unchanged() {
    let journal = Journal::empty();
    journal.ok(&["remind", "add", "daily", "--time", "09:00"]);
    for (args, mentions) in [
        (
            &["review", "fortnight"][..],
            "\"fortnight\" is not one of day, week, month",
        ),
        (&["review", "week", "--date", "2025-02-30"], "\"2025-02-30\""),
        (
            &["remind", "add", "hourly", "--time", "09:00"],
            "\"hourly\" is not one of daily",
        ),
        (
            &["remind", "add", "weekly", "--time", "16:00"],
            "a weekly reminder needs a day",
        ),
        (
            &["remind", "add", "weekly", "--day", "someday", "--time", "16:00"],
            "\"someday\" is not a day of the week",
        ),
        (
            &["remind", "add", "monthly", "--day", "32", "--time", "10:00"],
            "\"32\" is not a day of the month",
        ),
        (
            &["remind", "add", "daily", "--time", "9am"],
            "\"9am\" is not a time of day",
        ),
        (
            &["remind", "add", "daily", "--day", "mon", "--time", "09:00"],
            "leave the day out",
        ),
        (
            &["remind", "snooze", "0", "5m"],
            "\"5m\" is not one of 10m, 1h, tomorrow",
        ),
        (&["settings", "--quiet", "22:00"], "write it as 22:00-07:00"),
        (&["settings", "--quiet", "22:00-22:00"], "quiet hours must end"),
        (&["settings", "--followup-days", "0"], "0 is not between 1 and 90 days"),
        (&["settings", "--week-start", "x"], "\"x\" is not a day of the week"),
    ] {
        refused(&journal, args, 2, mentions);
    }
    refused(
        &journal,
        &["remind", "rm", "ffffffff"],
        1,
        "no reminder matches id \"ffffffff\"",
    );
}

#[cfg(unix)]
#[test]
fn review_save_edits_a_private_file_in_a_private_folder_and_removes_both() {
    let journal = Journal::empty();
    three_weeks(&journal);
    let seen = journal.path().with_file_name("seen");
    // The editor records its file's path and permissions, and those of the folder holding it.
    let editor = format!(
        "sh -c 'stat -c \"%a %F\" \"$1\" \"$(dirname \"$1\")\" > {}; echo \"$1\" >> {}; printf \"Done\\n\" >> \"$1\"' --",
        seen.display(),
        seen.display()
    );
    for period in ["day", "week", "month"] {
        let saved = journal
            .command(&["review", period, "--date", "2025-01-08", "--save"])
            .env("EDITOR", &editor)
            .env_remove("VISUAL")
            .output()
            .expect("wins runs");
        assert!(saved.status.success(), "{}", crate::stderr(&saved));
        let seen = std::fs::read_to_string(&seen).unwrap();
        let lines: Vec<&str> = seen.lines().collect();
        assert_eq!(lines[..2], ["600 regular file", "700 directory"], "{seen}");
        let file = std::path::Path::new(lines[2]);
        assert!(!crate::exists(file) && !crate::exists(file.parent().unwrap()), "{seen}");
    }
}
