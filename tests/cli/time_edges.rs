//! Times at their edges, in the system's own zone: a fall-back hour is its first occurrence, and
//! dates beyond the years 1 to 9999 are refused with one line, never a panic.

use serde_json::Value;

use crate::{Journal, stderr};

/// `wins add --at AT --json` in `zone`; the stored `occurred_at`.
fn occurred_at(journal: &Journal, zone: &str, at: &str) -> String {
    let output = journal
        .command(&["add", &format!("at {at}"), "--at", at, "--json"])
        .env("TZ", zone)
        .output()
        .unwrap();
    assert!(output.status.success(), "TZ={zone} --at {at}: {}", stderr(&output));
    let entry: Value = serde_json::from_slice(&output.stdout).unwrap();
    entry["occurred_at"].as_str().unwrap().to_owned()
}

#[test]
fn a_time_that_happens_twice_is_its_first_occurrence() {
    let journal = Journal::empty();
    for (zone, at, stored) in [
        ("Europe/Berlin", "2025-10-26 02:30", "2025-10-26T02:30:00+02:00"),
        ("Europe/Berlin", "2025-10-26 02:00", "2025-10-26T02:00:00+02:00"),
        ("America/New_York", "2025-11-02 01:30", "2025-11-02T01:30:00-04:00"),
        ("Australia/Lord_Howe", "2025-04-06 01:45", "2025-04-06T01:45:00+11:00"),
        // Either side of the change, nothing is ambiguous.
        ("Europe/Berlin", "2025-10-26 03:00", "2025-10-26T03:00:00+01:00"),
        ("Europe/Berlin", "2025-03-30 02:30", "2025-03-30T03:00:00+02:00"),
    ] {
        assert_eq!(occurred_at(&journal, zone, at), stored, "TZ={zone} --at {at}");
    }
}

#[test]
fn a_daily_reminder_on_the_fall_back_night_is_due_at_the_first_time() {
    let journal = Journal::empty();
    for (zone, now, time, due) in [
        ("Europe/Berlin", "2025-10-25 12:00:00", "02:30", "2025-10-26T00:30:00Z"),
        (
            "America/New_York",
            "2025-11-01 12:00:00",
            "01:30",
            "2025-11-02T05:30:00Z",
        ),
    ] {
        let output = std::process::Command::new("faketime")
            .args([
                now,
                env!("CARGO_BIN_EXE_wins"),
                "remind",
                "add",
                "daily",
                "--time",
                time,
                "--json",
            ])
            .env("SMALL_WINS_DB", journal.path())
            .env("TZ", zone)
            .output()
            .expect("faketime runs (apt-get install faketime)");
        assert!(output.status.success(), "{}", stderr(&output));
        let reminder: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(reminder["next_due_at"], due, "TZ={zone}, {time}");
    }
}

#[test]
fn the_first_and_last_minutes_of_the_calendar_are_stored_as_typed() {
    let journal = Journal::empty();
    assert_eq!(occurred_at(&journal, "UTC", "0001-01-01 00:00"), "0001-01-01T00:00:00Z");
    assert_eq!(occurred_at(&journal, "UTC", "9999-12-31 23:59"), "9999-12-31T23:59:00Z");
    assert_eq!(
        occurred_at(&journal, "America/New_York", "9999-12-31 23:59"),
        "9999-12-31T23:59:00-05:00"
    );
    // In UTC the New York minute is already in the year 10000, after the last day.
    let listed = journal
        .command(&["list", "--since", "0001-01-01", "--until", "9999-12-31"])
        .env("TZ", "UTC")
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert_eq!(listed.lines().count(), 2, "{listed}");
}

#[test]
fn dates_beyond_the_calendar_are_refused_with_one_line_and_exit_2() {
    let journal = Journal::empty();
    let goal = journal.ok(&["goal", "add", "A goal"]).trim().to_owned();
    let before = journal.bytes();
    for date in [
        "+262142-12-31",
        "-262143-01-01",
        "+10000-01-01",
        "0000-01-01",
        "-0001-06-15",
    ] {
        for args in [
            vec!["review", "week", &format!("--date={date}")],
            vec!["review", "month", &format!("--date={date}")],
            vec!["add", "x", &format!("--at={date}")],
            vec!["add", "x", &format!("--at={date} 23:59")],
            vec!["list", &format!("--since={date}")],
            vec!["list", &format!("--until={date}")],
            vec!["goal", "add", "y", &format!("--due={date}")],
            vec!["milestone", "add", &goal, "m", &format!("--due={date}")],
        ] {
            for zone in ["UTC", "America/New_York"] {
                let output = journal.command(&args).env("TZ", zone).output().unwrap();
                let err = stderr(&output);
                assert_eq!(output.status.code(), Some(2), "TZ={zone} wins {args:?}: {err}");
                assert_eq!(err.lines().count(), 1, "{err}");
                assert!(err.contains("years 1 to 9999"), "TZ={zone} wins {args:?}: {err}");
            }
        }
    }
    assert_eq!(journal.bytes(), before);
}

#[test]
fn a_jrnl_file_dated_beyond_the_calendar_is_refused_not_a_crash() {
    let journal = Journal::empty();
    let far = journal.path().with_file_name("far.txt");
    std::fs::write(&far, "[+262142-12-31 23:59] far future jrnl entry\n").unwrap();
    let output = journal
        .command(&["import", far.to_str().unwrap()])
        .env("TZ", "America/New_York")
        .output()
        .unwrap();
    let err = stderr(&output);
    assert!(output.status.code().is_some_and(|code| code < 100), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
